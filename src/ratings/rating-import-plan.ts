import { AppError } from '../common/errors';
import { lookupKey, type CellResult } from '../imports/cell-values';
import { RowChecker, sortProblems, type RowProblem } from '../imports/row-checks';
import type { SpreadsheetTable } from '../imports/spreadsheet';
import type { Rating as RatingLevel } from '../domain/rules/rule-set';
import type { UnitPath } from '../domain/org/scope';
import type {
  AnnualRating,
  RatingSubjectRef,
} from '../persistence/repositories/annual-ratings.repository';
import { BASIS_MAX_LENGTH, FIRST_RATED_YEAR } from './dto/rating.dto';
import { RATING_COLUMNS, type RatingField } from '../imports/rating-import-vocabulary';

/** A subject a file names, as the registry knows it. */
export interface KnownSubject {
  id: string;
  code: string;
  /** The unit's own path, or the path of the person's unit. */
  path: UnitPath;
}

export interface RatingImportContext {
  people: ReadonlyMap<string, KnownSubject>;
  units: ReadonlyMap<string, KnownSubject>;
  /** The ratings in force at the end of the year (null: no scale known for that year). */
  scaleFor(year: number): readonly RatingLevel[] | null;
  /** Whether the importer may rate what belongs to this path. */
  mayRate(path: UnitPath): boolean;
  /** The importer's own person in the registry: not theirs to rate. */
  importer: string | null;
  /** The current ratings of the subjects named, by `ratingKey`. */
  current: ReadonlyMap<string, Pick<AnnualRating, 'rating' | 'basis'>>;
  /** YYYY-MM-DD in Việt Nam: no later year may be rated. */
  today: string;
}

export interface RatingImportRow {
  line: number;
  subject: RatingSubjectRef;
  year: number;
  rating: string;
  basis: string;
  outcome: 'create' | 'update' | 'unchanged';
}

export interface RatingImportPlan {
  rows: RatingImportRow[];
  problems: RowProblem[];
}

export const ratingKey = (subject: RatingSubjectRef, year: number): string =>
  `${subject.kind}:${subject.id}:${year}`;

/** The codes a file names, to look up in the registry before it is planned. */
export function subjectCodesIn(table: SpreadsheetTable<RatingField>): {
  personCodes: string[];
  unitCodes: string[];
} {
  const personCodes = new Set<string>();
  const unitCodes = new Set<string>();
  for (const row of table.rows) {
    if (row.values.personCode) personCodes.add(row.values.personCode);
    if (row.values.unitCode) unitCodes.add(row.values.unitCode);
  }
  return { personCodes: [...personCodes], unitCodes: [...unitCodes] };
}

/** Refuses a file with neither code column: no row of it could name what it rates. */
export function refuseFileWithoutSubjectColumn(table: SpreadsheetTable<RatingField>): void {
  const first = table.rows[0];
  if (!first || first.values.personCode !== undefined || first.values.unitCode !== undefined) {
    return;
  }
  const en = 'The header row needs a "Mã cán bộ" (personCode) or a "Mã đơn vị" (unitCode) column.';
  throw new AppError(
    'IMPORT.INVALID_HEADERS',
    'unprocessable',
    en,
    {
      unknownHeaders: [],
      duplicateHeaders: [],
      missingHeaders: ['Mã cán bộ / Mã đơn vị'],
      acceptedHeaders: RATING_COLUMNS.map((column) => ({
        field: column.field,
        header: column.labelVi,
        required: column.required,
      })),
    },
    { vi: 'Dòng tiêu đề cần có cột "Mã cán bộ" hoặc "Mã đơn vị".', en },
  );
}

/**
 * Checks every row; what each good row does to the register. A later row rating the same subject
 * and year as an earlier one is refused: which of the two the author meant is unknowable.
 */
export function planRatingImport(
  table: SpreadsheetTable<RatingField>,
  context: RatingImportContext,
): RatingImportPlan {
  const rows: RatingImportRow[] = [];
  const problems: RowProblem[] = [];
  const firstLine = new Map<string, number>();
  for (const row of table.rows) {
    const check = new RowChecker(row, RATING_COLUMNS);
    const subject = subjectOf(check, row.values, context);
    const year = check.required('year', parseYear);
    const thisYear = Number(context.today.slice(0, 4));
    if (year !== undefined && (year > thisYear || year < FIRST_RATED_YEAR)) {
      check.report(
        'year',
        `The year ${year} is outside ${FIRST_RATED_YEAR}–${thisYear}.`,
        `Năm ${year} nằm ngoài khoảng ${FIRST_RATED_YEAR}–${thisYear}.`,
      );
    }
    const scale = year === undefined ? null : context.scaleFor(year);
    const rating = check.required('rating', (text) => parseRating(text, scale, year));
    const basis = check.text('basis', {
      required: true,
      maxLength: BASIS_MAX_LENGTH,
      tidy: (text) => text.normalize('NFC'),
    });
    if (subject !== undefined && year !== undefined) {
      const key = ratingKey(subject, year);
      const first = firstLine.get(key);
      if (first !== undefined) {
        check.report(
          'row',
          `The same ${subject.kind} and year are already rated on line ${first}.`,
          `Cùng ${subject.kind === 'person' ? 'cán bộ' : 'đơn vị'} và năm đã được xếp loại ở dòng ${first}.`,
        );
      } else {
        firstLine.set(key, row.line);
      }
    }
    if (!check.ok || subject === undefined || year === undefined || rating === undefined) {
      problems.push(...check.problems);
      continue;
    }
    const now = context.current.get(ratingKey(subject, year));
    const outcome =
      now === undefined
        ? 'create'
        : now.rating === rating && now.basis === basis
          ? 'unchanged'
          : 'update';
    rows.push({ line: row.line, subject, year, rating, basis, outcome });
  }
  return { rows, problems: sortProblems(problems) };
}

function subjectOf(
  check: RowChecker<RatingField>,
  values: Partial<Record<RatingField, string>>,
  context: RatingImportContext,
): RatingSubjectRef | undefined {
  const personCode = values.personCode ?? '';
  const unitCode = values.unitCode ?? '';
  if ((personCode === '') === (unitCode === '')) {
    check.report(
      'row',
      'Give either a person code or a unit code, not both and not neither.',
      'Ghi "Mã cán bộ" hoặc "Mã đơn vị", không ghi cả hai và không bỏ trống cả hai.',
    );
    return undefined;
  }
  const kind = personCode !== '' ? 'person' : 'unit';
  const field = kind === 'person' ? 'personCode' : 'unitCode';
  const code = kind === 'person' ? personCode : unitCode;
  const known = (kind === 'person' ? context.people : context.units).get(code);
  // Out of the importer's scope reads as unknown: the file learns nothing of other units.
  if (known === undefined || !context.mayRate(known.path)) {
    check.report(
      field,
      `No ${kind} "${code}" that you may rate.`,
      kind === 'person'
        ? `Không có cán bộ mã "${code}" trong phạm vi bạn được xếp loại.`
        : `Không có đơn vị mã "${code}" trong phạm vi bạn được xếp loại.`,
    );
    return undefined;
  }
  if (kind === 'person' && known.id === context.importer) {
    check.report(
      field,
      'You may not rate yourself: your rating is entered by someone else.',
      'Không được tự xếp loại chính mình: việc xếp loại do người khác thực hiện.',
    );
    return undefined;
  }
  return { kind, id: known.id };
}

function parseYear(text: string): CellResult<number> {
  if (/^\d{4}$/.test(text)) return { ok: true, value: Number(text) };
  return {
    ok: false,
    message: `"${text}" is not a year; write it with four digits, e.g. 2025.`,
    messageVi: `"${text}" không phải năm; ghi đủ bốn chữ số, ví dụ 2025.`,
  };
}

/** A code or the rule set's Vietnamese or English name of a rating of the year's scale. */
function parseRating(
  text: string,
  scale: readonly RatingLevel[] | null,
  year: number | undefined,
): CellResult<string> {
  const key = lookupKey(text);
  const level = scale?.find(
    (r) =>
      lookupKey(r.code) === key || lookupKey(r.name.vi) === key || lookupKey(r.name.en) === key,
  );
  if (level !== undefined) return { ok: true, value: level.code };
  const known = (scale ?? []).map((r) => r.name.vi).join('; ');
  return {
    ok: false,
    message:
      scale === null
        ? `No rating scale is known for ${year ?? 'that year'}.`
        : `"${text}" is not a rating of ${year}; use one of: ${(scale ?? []).map((r) => r.code).join(', ')}.`,
    messageVi:
      scale === null
        ? `Chưa có thang xếp loại cho năm ${year ?? ''}.`
        : `"${text}" không phải mức xếp loại của năm ${year}; dùng một trong: ${known}.`,
  };
}
