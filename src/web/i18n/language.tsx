import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export type Language = 'vi' | 'en';

/** A text in both languages, as the server sends workflow labels and problem details. */
export interface Localized {
  vi: string;
  en: string;
}

/**
 * One feature's dictionary pair. Vietnamese is the source; the English dictionary must have
 * exactly the same keys, which the compiler checks (a missing or extra key does not build).
 */
export interface Messages<Keys extends string> {
  vi: Record<Keys, string>;
  en: Record<Keys, string>;
}

export function defineMessages<const Vi extends Record<string, string>>(
  vi: Vi,
  // A fresh object literal: the compiler refuses missing keys and, by excess-property checking,
  // keys Vietnamese does not have.
  en: { [Key in keyof Vi]: string },
): Messages<Extract<keyof Vi, string>> {
  return { vi, en } as Messages<Extract<keyof Vi, string>>;
}

interface LanguageState {
  language: Language;
  setLanguage(language: Language): void;
}

const LanguageContext = createContext<LanguageState>({ language: 'vi', setLanguage: () => {} });
const STORAGE_KEY = 'thidua.language';

function initialLanguage(): Language {
  // The choice is a preference, not a secret: localStorage is the right place for it.
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
}

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    setLanguageState(next);
  }, []);
  const value = useMemo(() => ({ language, setLanguage }), [language, setLanguage]);
  document.documentElement.lang = language;
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

export function useLanguage(): LanguageState {
  return useContext(LanguageContext);
}

/** The current language's dictionary of one feature. */
export function useMessages<Keys extends string>(messages: Messages<Keys>): Record<Keys, string> {
  return messages[useLanguage().language];
}

/** Picks the current language from a server-sent label. */
export function useLocalize(): (text: Localized | undefined | null) => string {
  const { language } = useLanguage();
  return useCallback((text) => (text ? text[language] : ''), [language]);
}

/** Fills `{name}` placeholders: `fill('Còn {n} ngày', { n: 3 })`. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}
