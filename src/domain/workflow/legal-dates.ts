import { addDays, isIsoDate, toVietnameseDate } from '../calendar/iso-date';
import type { Localized } from '../localized';
import type { CaseContext } from './case-event';
import type { EventSpec } from './definition';
import { valueAt } from './payload-schema';

/**
 * The limits a legal date is checked against when an event is recorded. `today` is the date in
 * Vietnam when the event is entered; `maxDaysBack` is the rule set's limit on backdating (none
 * when the rule set sets none).
 */
export interface LegalDateLimits {
  today: string;
  maxDaysBack?: number;
}

export interface LegalDateProblem {
  field: string;
  message: Localized;
}

export interface SettledLegalDates {
  /** The payload with every absent legal date set to today (what the audit record keeps). */
  payload: Record<string, unknown>;
  problems: LegalDateProblem[];
}

/**
 * Officials often record a decision signed on paper days or months earlier: the date the event
 * declares as legal is the one the law counts from, and the record's own time says when it was
 * entered. A date that is absent defaults to today; one that is present may not be in the future,
 * may not precede the case's earlier legal dates, and may not be older than the rule set allows.
 * Pure: the caller passes today.
 */
export function settleLegalDates(
  spec: Pick<EventSpec, 'legalDates'>,
  payload: Record<string, unknown>,
  existing: { context: CaseContext; data: Record<string, unknown> },
  limits: LegalDateLimits,
): SettledLegalDates {
  const rules = Object.entries(spec.legalDates ?? {});
  const problems: LegalDateProblem[] = [];
  // Nothing to settle: the payload as entered (a copy only when a default may be set in it).
  if (rules.length === 0) return { payload, problems };
  const settled = structuredClone(payload);
  for (const [path, rule] of rules) {
    const field = `payload.${path}`;
    let value = valueAt(settled, path);
    if (value === undefined && setIfParentExists(settled, path, limits.today)) value = limits.today;
    // Absent with no parent, or not a date at all: the payload schema names that problem.
    if (!isIsoDate(value)) continue;
    const refuse = (vi: string, en: string) =>
      problems.push({
        field,
        message: {
          vi: `${rule.label.vi} (${toVietnameseDate(value)}) ${vi}.`,
          en: `${rule.label.en} (${value}) ${en}.`,
        },
      });
    if (value > limits.today) {
      refuse(
        `không được sau ngày hôm nay (${toVietnameseDate(limits.today)})`,
        `may not be in the future (today is ${limits.today})`,
      );
    }
    if (limits.maxDaysBack !== undefined) {
      const earliest = addDays(limits.today, -limits.maxDaysBack);
      if (value < earliest) {
        refuse(
          `không được sớm hơn ${limits.maxDaysBack} ngày trước hôm nay (từ ${toVietnameseDate(earliest)})`,
          `may be at most ${limits.maxDaysBack} days ago (from ${earliest})`,
        );
      }
    }
    // A defaulted date is checked too: today may precede a date the case already records.
    for (const earlier of rule.notBefore ?? []) {
      const bound = valueAt(existing, earlier.path);
      if (isIsoDate(bound) && value < bound) {
        refuse(
          `không được trước ${earlier.label.vi} (${toVietnameseDate(bound)})`,
          `may not be before ${earlier.label.en} (${bound})`,
        );
      }
    }
    for (const earlier of rule.after ?? []) {
      const bound = valueAt(existing, earlier.path);
      if (isIsoDate(bound) && value <= bound) {
        refuse(
          `phải sau ${earlier.label.vi} (${toVietnameseDate(bound)})`,
          `must be after ${earlier.label.en} (${bound})`,
        );
      }
    }
  }
  return { payload: settled, problems };
}

/**
 * The legal date at `path` as settleLegalDates will settle it, for what must be computed from it
 * beforehand (a decision number's year, a notice period): the official's when the event declares
 * it as a legal date and it is a date; today otherwise (an undeclared field is never read).
 */
export function legalDateAt(
  spec: Pick<EventSpec, 'legalDates'>,
  payload: Record<string, unknown>,
  path: string,
  today: string,
): string {
  const declared = spec.legalDates !== undefined && Object.hasOwn(spec.legalDates, path);
  const value = valueAt(payload, path);
  return declared && isIsoDate(value) ? value : today;
}

/**
 * `decision.date` is filled only when the payload has a `decision` (its schema asks for the rest).
 * Says whether it filled it.
 */
function setIfParentExists(root: Record<string, unknown>, path: string, value: string): boolean {
  const names = path.split('.');
  const last = names.pop()!;
  const parent = names.length === 0 ? root : valueAt(root, names.join('.'));
  if (typeof parent !== 'object' || parent === null || Array.isArray(parent)) return false;
  (parent as Record<string, unknown>)[last] = value;
  return true;
}
