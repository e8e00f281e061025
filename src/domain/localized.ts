/** A user-facing text in Vietnamese (the users' language) and English. */
export interface Localized {
  vi: string;
  en: string;
}
