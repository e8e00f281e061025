import { createHash } from 'node:crypto';
import type { Localized } from '../domain/localized';

/**
 * What the outputs of an award decision (quyết định khen thưởng) are rendered from: the decision
 * itself and one entry per nominee it grants. Plain data, assembled by the application layer from
 * the announced cases; the renderers in this folder do no I/O beyond reading their bundled font.
 */
export interface AwardDecision {
  /** As printed on the decision, e.g. "125/QĐ-ĐUK". */
  number: string;
  /** Date of signature, YYYY-MM-DD. */
  date: string;
  signer: string;
  issuingUnitName: string;
  ruleSet: { id: string; version: number };
  entries: DecisionEntry[];
  /**
   * The issuing authority's document format (issue 17): a Party body's certificate carries
   * "ĐẢNG CỘNG SẢN VIỆT NAM", a State one the national heading. Absent: state.
   */
  format?: 'party' | 'state';
  /**
   * A registered signer's title block ("T/M BAN THƯỜNG VỤ", "BÍ THƯ") and name; absent: `signer`
   * is printed as typed.
   */
  signature?: { title: string[]; name: string };
}

export type NomineeKind = 'person' | 'unit';
export type DecisionEntryStatus = 'granted' | 'revoked';

export interface DecisionEntry {
  caseId: string;
  nomineeKind: NomineeKind;
  nomineeName: string;
  /** The registry code of the person or unit. */
  nomineeCode: string;
  unitName: string;
  awardCode: string;
  awardName: Localized;
  evaluationYear: number;
  /** From verificationCodeFor(caseId, hash of the record that announced the award). */
  verificationCode: string;
  /** That announcing audit record's hash: what an auditor checks the chain against. */
  auditHash: string;
  status: DecisionEntryStatus;
}

/** How each status is shown to people reading the list or the verify page. */
export const ENTRY_STATUS_LABELS: Readonly<Record<DecisionEntryStatus, Localized>> = {
  granted: { vi: 'Có hiệu lực', en: 'In force' },
  // Decree 98/2023/NĐ-CP speaks of annulling ("hủy bỏ") a commendation decision.
  revoked: { vi: 'Đã hủy bỏ', en: 'Annulled' },
};

/**
 * Crockford's base 32: digits and upper-case letters without I, L, O and U, so a code read aloud or
 * copied by hand from paper cannot be mistaken for another.
 */
const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 16; // 80 bits: unguessable, and too many codes to enumerate through the API
const GROUP_LENGTH = 4;
/** Versioned so the derivation can change later without old certificates resolving differently. */
const CODE_DERIVATION_TAG = 'thidua/verification-code/v1';
const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * The code printed on a certificate and typed into the public verify page, e.g.
 * "7K2M-Q9XD-4TBW-H0RC". Derived, not random, so it needs no storage of its own and can be
 * recomputed from the audit log; it is a lookup key, not a secret: what proves the award is the
 * audit hash chain it resolves to.
 */
export function verificationCodeFor(caseId: string, announceRecordHash: string): string {
  if (caseId.trim() === '') {
    throw new Error('verificationCodeFor: caseId is empty');
  }
  if (!SHA256_HEX.test(announceRecordHash)) {
    throw new Error('verificationCodeFor: announceRecordHash is not a lower-case SHA-256 hex');
  }
  // NUL separators: no (caseId, hash) pair can be shifted into another with the same input.
  const digest = createHash('sha256')
    .update(`${CODE_DERIVATION_TAG}\0${caseId}\0${announceRecordHash}`, 'utf8')
    .digest();
  return groupCode(crockfordBase32(digest).slice(0, CODE_LENGTH));
}

/** Upper bound on what is even looked at, so a pasted essay is refused without work. */
const MAX_INPUT_LENGTH = 64;
/** Spaces of any kind and the dashes a word processor or phone keyboard may substitute. */
const SEPARATORS = /[\s\u00ad\u2010-\u2015\u2212-]/g;

/**
 * The canonical form of a code as someone typed it, or null if it cannot be one. Accepts lower
 * case, missing or extra dashes and spaces, and, as Crockford's scheme prescribes, O for 0 and
 * I or L for 1.
 */
export function normaliseVerificationCode(input: string): string | null {
  if (input.length > MAX_INPUT_LENGTH) {
    return null;
  }
  const symbols = input
    .replace(SEPARATORS, '')
    .toUpperCase()
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (symbols.length !== CODE_LENGTH) {
    return null;
  }
  for (const symbol of symbols) {
    if (!CROCKFORD_ALPHABET.includes(symbol)) {
      return null;
    }
  }
  return groupCode(symbols);
}

function crockfordBase32(bytes: Uint8Array): string {
  let output = '';
  let buffer = 0;
  let bitsInBuffer = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bitsInBuffer += 8;
    while (bitsInBuffer >= 5) {
      bitsInBuffer -= 5;
      output += CROCKFORD_ALPHABET[(buffer >>> bitsInBuffer) & 31];
    }
    buffer &= (1 << bitsInBuffer) - 1; // keep only the bits not yet written
  }
  return output;
}

function groupCode(symbols: string): string {
  const groups: string[] = [];
  for (let start = 0; start < symbols.length; start += GROUP_LENGTH) {
    groups.push(symbols.slice(start, start + GROUP_LENGTH));
  }
  return groups.join('-');
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** The decision date as numbers; throws on anything but a real YYYY-MM-DD date. */
export function parseDecisionDate(date: string): CalendarDate {
  const match = ISO_DATE.exec(date);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const utc = new Date(Date.UTC(year, month - 1, day));
    if (
      utc.getUTCFullYear() === year &&
      utc.getUTCMonth() === month - 1 &&
      utc.getUTCDate() === day
    ) {
      return { year, month, day };
    }
  }
  throw new Error(`Decision date "${date}" is not a YYYY-MM-DD calendar date`);
}

/**
 * Day and month as Vietnamese administrative documents write them: Decree 30/2020/NĐ-CP
 * (Appendix I, II.4) puts a leading zero on days below 10 and on months 1 and 2 only.
 */
export function administrativeDayMonth(date: CalendarDate): { day: string; month: string } {
  return {
    day: String(date.day).padStart(2, '0'),
    month: date.month <= 2 ? String(date.month).padStart(2, '0') : String(date.month),
  };
}

/** "ngày 05 tháng 3 năm 2026", the form used in the body of a decision. */
export function vietnameseLongDate(date: string): string {
  const parsed = parseDecisionDate(date);
  const { day, month } = administrativeDayMonth(parsed);
  return `ngày ${day} tháng ${month} năm ${parsed.year}`;
}

const ENGLISH_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "5 March 2026": the same day in English, for the renderings in English. */
export function englishLongDate(date: string): string {
  const { year, month, day } = parseDecisionDate(date);
  return `${day} ${ENGLISH_MONTHS[month - 1]} ${year}`;
}

/** "05/03/2026": the numeric DD/MM/YYYY form, for table headers and spreadsheets. */
export function vietnameseShortDate(date: string): string {
  const { year, month, day } = parseDecisionDate(date);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}
