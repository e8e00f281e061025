import { useCallback } from 'react';
import { useLanguage, useMessages, type Localized } from '../../i18n/language';
import { isLocalized } from './eventSchema';
import { labelMessages } from './labels.messages';

type Prefix = 'field' | 'data' | 'context' | 'role' | 'type' | 'enum' | 'event';

/** `achievementPeriod` → "Achievement period", `false_dossier` → "False dossier". */
export function humanize(code: string): string {
  const words = code
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Names for codes the server sends without a label: `label('field', 'reason')` → "Lý do". An
 * unknown code reads as itself, humanized, never as an empty cell.
 */
export function useCodeLabel(): (prefix: Prefix, code: string, caseType?: string) => string {
  const t = useMessages(labelMessages) as Record<string, string>;
  return useCallback(
    (prefix, code, caseType) => {
      // A case type may name a field its own way (a nomination's decision is an award decision).
      for (const key of [caseType ? `${prefix}_${caseType}_${code}` : null, `${prefix}_${code}`]) {
        if (key && Object.hasOwn(t, key)) return t[key];
      }
      return humanize(code);
    },
    [t],
  );
}

/** A label that may be {vi, en} or one string (as schemas may give). */
export function useAnyLabel(): (label: Localized | string | null | undefined) => string {
  const { language } = useLanguage();
  return useCallback(
    (label) => (isLocalized(label) ? label[language] : typeof label === 'string' ? label : ''),
    [language],
  );
}

export function formatBytes(size: number, language: 'vi' | 'en'): string {
  const format = new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB', {
    maximumFractionDigits: 1,
  });
  if (size < 1024) return `${format.format(size)} B`;
  if (size < 1024 * 1024) return `${format.format(size / 1024)} KB`;
  return `${format.format(size / 1024 / 1024)} MB`;
}
