import { daysInMonth, formatIsoDate, parseIsoDate } from '../calendar/iso-date';
import type { Localized } from '../localized';
import type { RuleSet } from './rule-set';
import type { IsoDate } from './eligibility-types';

/** Date arithmetic and bilingual wording shared by the eligibility checks. */

/** `date` plus whole calendar months; the day is clamped to the month's end (31/1 + 1 = 28/2). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const parts = parseIsoDate(date);
  if (parts === undefined) throw new TypeError(`not a calendar date: ${date}`);
  const index = parts.year * 12 + (parts.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return formatIsoDate({ year, month, day: Math.min(parts.day, daysInMonth(year, month)) });
}

/** Whole months from `from` to `to` (0 if `to` is earlier). */
export function monthsBetween(from: IsoDate, to: IsoDate): number {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  if (a === undefined || b === undefined) throw new TypeError(`not calendar dates: ${from}, ${to}`);
  const months = (b.year - a.year) * 12 + (b.month - a.month) - (b.day < a.day ? 1 : 0);
  return Math.max(0, months);
}

export const yearStart = (year: number): IsoDate => `${String(year).padStart(4, '0')}-01-01`;
export const yearEnd = (year: number): IsoDate => `${String(year).padStart(4, '0')}-12-31`;

/** Vietnamese writes dates dd/mm/yyyy; English texts keep the ISO form. */
export function viDate(date: IsoDate): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

export const text = (vi: string, en: string): Localized => ({ vi, en });

export function joinLocalized(parts: Localized[], separator = '; '): Localized {
  return text(parts.map((p) => p.vi).join(separator), parts.map((p) => p.en).join(separator));
}

export function yearsText(years: number[]): string {
  return years.join(', ');
}

/** The award's name, or its code if the rule set lacks it (the loader forbids that). */
export function awardName(ruleSet: RuleSet, code: string): Localized {
  return ruleSet.awards.find((a) => a.code === code)?.name ?? text(code, code);
}

export function ratingName(ruleSet: RuleSet, code: string): Localized {
  return ruleSet.ratings.find((r) => r.code === code)?.name ?? text(code, code);
}

export function formName(ruleSet: RuleSet, code: string): Localized {
  return ruleSet.discipline.forms.find((f) => f.code === code)?.name ?? text(code, code);
}

export function documentName(ruleSet: RuleSet, code: string): Localized {
  return ruleSet.documents.find((d) => d.code === code)?.name ?? text(code, code);
}

/** "Xuất sắc" → "xuất sắc": a name used inside a sentence. */
export function lower(value: Localized): Localized {
  const first = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
  return text(first(value.vi), first(value.en));
}
