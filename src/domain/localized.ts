/** A user-facing text in Vietnamese (the users' language) and English. */
export interface Localized {
  vi: string;
  en: string;
}

/** The languages every user-facing text, screen and output exists in. */
export const LANGUAGES = ['vi', 'en'] as const satisfies readonly (keyof Localized)[];
export type Language = (typeof LANGUAGES)[number];
