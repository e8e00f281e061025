import type { Award } from '../domain/rules/rule-set';
import { normaliseName } from '../domain/text/fold';
import { AppError } from '../common/errors';
import {
  HISTORICAL_AWARD_STATUSES,
  type AwardSubjectKind,
  type CodedSubject,
  type HistoricalAwardStatus,
  type StoredHistoricalAward,
} from '../persistence/repositories/historical-awards.repository';
import { lookupKey, parseDate, type CellResult } from './cell-values';
import { AWARD_COLUMNS, AWARD_STATUS_LABELS, type AwardField } from './award-import-vocabulary';
import { CODE_MAX_LENGTH, RowChecker, sortProblems, type RowProblem } from './row-checks';
import type { SpreadsheetTable } from './spreadsheet';

/**
 * The Democratic Republic of Viet Nam was founded in 1945 and its first emulation titles and
 * orders came soon after: an earlier year is a typing mistake.
 */
export const EARLIEST_AWARD_YEAR = 1945;
const DECISION_NUMBER_MAX_LENGTH = 100;
const NOTE_MAX_LENGTH = 1000;

/**
 * What a valid row of an awards file asks for. An undefined field is one the file has no column
 * for (or, for the status, an empty cell): an existing award keeps its value, a new one gets the
 * default. A present but empty cell clears the stored value.
 */
interface AwardRow {
  line: number;
  subjectKind: AwardSubjectKind;
  subjectCode: string;
  subjectId: string;
  award: Award;
  year: number;
  status?: HistoricalAwardStatus;
  decisionNumber?: string | null;
  decidedOn?: string | null;
  revokedOn?: string | null;
  note?: string | null;
}

export type AwardChange =
  | { line: number; outcome: 'create'; award: StoredHistoricalAward }
  | {
      line: number;
      outcome: 'update';
      before: StoredHistoricalAward;
      award: StoredHistoricalAward;
    }
  | { line: number; outcome: 'unchanged'; award: StoredHistoricalAward };

export interface AwardImportPlan {
  changes: AwardChange[];
  problems: RowProblem[];
  /** How many rows the problems keep out. */
  refusedRows: number;
}

export interface AwardPlanContext {
  /** The awards of the rule set in force: the only codes a file may name. */
  awards: readonly Award[];
  /** The registry's people and units whose code the file names. */
  knownPeople: readonly CodedSubject[];
  knownUnits: readonly CodedSubject[];
  /** Every imported award already stored for those people and units. */
  knownAwards: readonly StoredHistoricalAward[];
  /** YYYY-MM-DD in Vietnam: no year or date in the file may be later. */
  today: string;
  now: string;
  /** The username the rows are imported by. */
  importedBy: string;
  newId: () => string;
}

/** The person and unit codes the file names: what to load before planning. */
export function subjectCodesNamedIn(table: SpreadsheetTable<AwardField>): {
  personCodes: string[];
  unitCodes: string[];
} {
  const personCodes = new Set<string>();
  const unitCodes = new Set<string>();
  for (const { values } of table.rows) {
    if (values.personCode && values.personCode.length <= CODE_MAX_LENGTH) {
      personCodes.add(values.personCode);
    }
    if (values.unitCode && values.unitCode.length <= CODE_MAX_LENGTH) {
      unitCodes.add(values.unitCode);
    }
  }
  return { personCodes: [...personCodes], unitCodes: [...unitCodes] };
}

/**
 * A file with neither a person nor a unit code column names no one: said once about the header
 * rather than once per row.
 */
export function refuseFileWithoutSubjectColumn(table: SpreadsheetTable<AwardField>): void {
  const first = table.rows[0];
  if (!first || first.values.personCode !== undefined || first.values.unitCode !== undefined) {
    return;
  }
  const accepted = AWARD_COLUMNS.map((column) => `${column.labelVi} (${column.field})`).join(', ');
  const en =
    'The header row does not match: a "Mã cán bộ" (personCode) or a "Mã đơn vị" (unitCode) ' +
    `column is needed. Accepted columns: ${accepted}.`;
  throw new AppError(
    'IMPORT.INVALID_HEADERS',
    'unprocessable',
    en,
    {
      unknownHeaders: [],
      duplicateHeaders: [],
      missingHeaders: ['Mã cán bộ / Mã đơn vị'],
      acceptedHeaders: AWARD_COLUMNS.map((column) => ({
        field: column.field,
        header: column.labelVi,
        required: column.required,
      })),
    },
    {
      vi: `Dòng tiêu đề không khớp: cần cột "Mã cán bộ" hoặc "Mã đơn vị". Các cột được nhận: ${accepted}.`,
      en,
    },
  );
}

/**
 * Decides, without writing anything, what importing the file does: which rows are refused and
 * why, and for the rest whether each records a new award, changes a stored one (a later file
 * marking it revoked, a decision number filled in) or leaves it as it is. An award is identified
 * by its subject, its code and its year.
 */
export function planAwardImport(
  table: SpreadsheetTable<AwardField>,
  context: AwardPlanContext,
): AwardImportPlan {
  const catalogue = new AwardCatalogue(context.awards);
  const subjects = {
    person: new Map(context.knownPeople.map((person) => [person.code, person.id])),
    unit: new Map(context.knownUnits.map((unit) => [unit.code, unit.id])),
  };
  const storedByKey = new Map(
    context.knownAwards.map((award) => [
      awardKey(award.personId ?? award.unitId, award.awardCode, award.year),
      award,
    ]),
  );
  const firstLineByKey = new Map<string, number>();
  const problems: RowProblem[] = [];
  const changes: AwardChange[] = [];

  for (const spreadsheetRow of table.rows) {
    const check = new RowChecker(spreadsheetRow, AWARD_COLUMNS);
    const row = readAwardRow(check, spreadsheetRow.line, catalogue, subjects, context.today);
    const change = row ? planRow(row, check) : null;
    if (change && check.ok) changes.push(change);
    else problems.push(...check.problems);
  }
  return {
    changes,
    problems: sortProblems(problems),
    refusedRows: new Set(problems.map((problem) => problem.line)).size,
  };

  function planRow(row: AwardRow, check: RowChecker<AwardField>): AwardChange | null {
    refuseRepeatedAward(check, row, firstLineByKey);
    if (!check.ok) return null;
    const existing = storedByKey.get(awardKey(row.subjectId, row.award.code, row.year)) ?? null;
    const award = mergeAward(row, existing, context);
    checkMergedDates(award, check);
    return changeFor(row.line, existing, award);
  }
}

/** Reads and checks one row; null when its subject, award or year cannot be made out. */
function readAwardRow(
  check: RowChecker<AwardField>,
  line: number,
  catalogue: AwardCatalogue,
  subjects: Record<AwardSubjectKind, Map<string, string>>,
  today: string,
): AwardRow | null {
  const subject = readSubject(check, subjects);
  const award = check.required('award', (text) => catalogue.find(text));
  if (subject && award) checkAwardFitsSubject(check, award, subject.kind);
  const year = check.required('year', parseYear);
  const thisYear = Number(today.slice(0, 4));
  if (year !== undefined && year > thisYear) {
    check.report(
      'year',
      `The year ${year} is in the future; only awards already received can be imported.`,
      `Năm ${year} ở tương lai; chỉ nhập khen thưởng đã nhận.`,
    );
  } else if (year !== undefined && year < EARLIEST_AWARD_YEAR) {
    check.report(
      'year',
      `The year ${year} is before ${EARLIEST_AWARD_YEAR}.`,
      `Năm ${year} trước năm ${EARLIEST_AWARD_YEAR}.`,
    );
  }
  // An empty status cell says nothing: a revoked award becomes granted again only when told so.
  const status = check.optional('status', parseStatus) ?? undefined;
  const decisionNumber = check.text('decisionNumber', {
    required: false,
    maxLength: DECISION_NUMBER_MAX_LENGTH,
    tidy: normaliseName,
  });
  const decidedOn = check.optional('decidedOn', parseDate);
  if (decidedOn && decidedOn > today) {
    check.report(
      'decidedOn',
      `The decision date ${decidedOn} is in the future.`,
      `Ngày quyết định ${decidedOn} ở tương lai.`,
    );
  } else if (decidedOn && year !== undefined && decidedOn < `${year}-01-01`) {
    check.report(
      'decidedOn',
      `The decision date ${decidedOn} is before the award's year ${year}.`,
      `Ngày quyết định ${decidedOn} trước năm khen thưởng ${year}.`,
    );
  }
  const revokedOn = check.optional('revokedOn', parseDate);
  if (revokedOn && revokedOn > today) {
    check.report(
      'revokedOn',
      `The revocation date ${revokedOn} is in the future.`,
      `Ngày thu hồi ${revokedOn} ở tương lai.`,
    );
  }
  if (revokedOn && status === 'granted') reportRevocationOfGrantedAward(check);
  const note = check.text('note', { required: false, maxLength: NOTE_MAX_LENGTH });
  if (!subject || !award || year === undefined) return null;

  const row: AwardRow = {
    line,
    subjectKind: subject.kind,
    subjectCode: subject.code,
    subjectId: subject.id,
    award,
    year,
  };
  if (status !== undefined) row.status = status;
  if (check.has('decisionNumber'))
    row.decisionNumber = decisionNumber === '' ? null : decisionNumber;
  if (decidedOn !== undefined) row.decidedOn = decidedOn;
  if (revokedOn !== undefined) row.revokedOn = revokedOn;
  if (check.has('note')) row.note = note === '' ? null : note;
  return row;
}

/** Exactly one of the two codes, naming someone in the registry. */
function readSubject(
  check: RowChecker<AwardField>,
  subjects: Record<AwardSubjectKind, Map<string, string>>,
): { kind: AwardSubjectKind; code: string; id: string } | null {
  const personCode = check.text('personCode', { required: false, maxLength: CODE_MAX_LENGTH });
  const unitCode = check.text('unitCode', { required: false, maxLength: CODE_MAX_LENGTH });
  if (personCode === '' && unitCode === '') {
    check.report(
      'row',
      'The row names no one: give a person code or a unit code.',
      'Dòng không ghi đối tượng: cần "Mã cán bộ" hoặc "Mã đơn vị".',
    );
    return null;
  }
  if (personCode !== '' && unitCode !== '') {
    check.report(
      'row',
      'The row gives both a person code and a unit code; an award goes to one person or one collective.',
      'Dòng ghi cả "Mã cán bộ" lẫn "Mã đơn vị"; mỗi khen thưởng chỉ thuộc một cá nhân hoặc một tập thể.',
    );
    return null;
  }
  const kind: AwardSubjectKind = personCode !== '' ? 'person' : 'unit';
  const code = kind === 'person' ? personCode : unitCode;
  if (code.length > CODE_MAX_LENGTH) return null;
  const id = subjects[kind].get(code);
  if (id !== undefined) return { kind, code, id };
  if (kind === 'person') {
    check.report(
      'personCode',
      `No person with the code "${code}" exists in the registry; import the people first.`,
      `Không có cán bộ mã "${code}" trong danh sách; hãy nhập cán bộ trước.`,
    );
  } else {
    check.report(
      'unitCode',
      `No unit with the code "${code}" exists in the registry; import the units first.`,
      `Không có đơn vị mã "${code}" trong danh mục; hãy nhập đơn vị trước.`,
    );
  }
  return null;
}

/** The rule set says who may receive each award: titles for people differ from collective ones. */
function checkAwardFitsSubject(
  check: RowChecker<AwardField>,
  award: Award,
  kind: AwardSubjectKind,
): void {
  const needed = kind === 'person' ? 'individual' : 'collective';
  if (award.subjects.includes(needed)) return;
  if (kind === 'person') {
    check.report(
      'award',
      `"${award.name.en}" (${award.code}) goes to collectives only, and this row names a person.`,
      `"${award.name.vi}" chỉ dành cho tập thể, nhưng dòng này ghi một cá nhân.`,
    );
  } else {
    check.report(
      'award',
      `"${award.name.en}" (${award.code}) goes to individuals only, and this row names a unit.`,
      `"${award.name.vi}" chỉ dành cho cá nhân, nhưng dòng này ghi một đơn vị.`,
    );
  }
}

/** One row per subject, award and year: which of two rows the author meant is unknowable. */
function refuseRepeatedAward(
  check: RowChecker<AwardField>,
  row: AwardRow,
  firstLineByKey: Map<string, number>,
): void {
  const key = awardKey(row.subjectId, row.award.code, row.year);
  const first = firstLineByKey.get(key);
  if (first === undefined) {
    firstLineByKey.set(key, row.line);
    return;
  }
  check.report(
    'row',
    `"${row.award.name.en}" ${row.year} of "${row.subjectCode}" is already on line ${first}.`,
    `"${row.award.name.vi}" năm ${row.year} của "${row.subjectCode}" đã có ở dòng ${first}.`,
  );
}

function mergeAward(
  row: AwardRow,
  existing: StoredHistoricalAward | null,
  context: AwardPlanContext,
): StoredHistoricalAward {
  const base: StoredHistoricalAward = existing ?? {
    id: context.newId(),
    subjectKind: row.subjectKind,
    personId: row.subjectKind === 'person' ? row.subjectId : null,
    unitId: row.subjectKind === 'unit' ? row.subjectId : null,
    awardCode: row.award.code,
    year: row.year,
    status: 'granted',
    decisionNumber: null,
    decidedOn: null,
    revokedOn: null,
    note: null,
    importedAt: context.now,
    importedBy: context.importedBy,
    demo: false,
  };
  const status = row.status ?? base.status;
  return {
    ...base,
    status,
    decisionNumber: row.decisionNumber === undefined ? base.decisionNumber : row.decisionNumber,
    decidedOn: row.decidedOn === undefined ? base.decidedOn : row.decidedOn,
    // Granting again (a revocation itself undone) leaves no revocation date behind.
    revokedOn:
      status === 'granted' ? null : row.revokedOn === undefined ? base.revokedOn : row.revokedOn,
    note: row.note === undefined ? base.note : row.note,
  };
}

/**
 * Checked on the merged record: the file may give one date and leave the other as stored (a
 * revocation date for an award whose decision date came in an earlier file).
 */
function checkMergedDates(award: StoredHistoricalAward, check: RowChecker<AwardField>): void {
  if (award.revokedOn !== null && award.decidedOn !== null && award.revokedOn < award.decidedOn) {
    check.report(
      'revokedOn',
      `The revocation date ${award.revokedOn} is before the decision date ${award.decidedOn}.`,
      `Ngày thu hồi ${award.revokedOn} trước ngày quyết định ${award.decidedOn}.`,
    );
  }
}

function reportRevocationOfGrantedAward(check: RowChecker<AwardField>): void {
  check.report(
    'revokedOn',
    'A revocation date is given for an award marked as granted.',
    'Có ngày thu hồi nhưng tình trạng ghi là đã trao.',
  );
}

function changeFor(
  line: number,
  existing: StoredHistoricalAward | null,
  award: StoredHistoricalAward,
): AwardChange {
  if (!existing) return { line, outcome: 'create', award };
  if (sameAward(existing, award)) return { line, outcome: 'unchanged', award: existing };
  return { line, outcome: 'update', before: existing, award };
}

const sameAward = (a: StoredHistoricalAward, b: StoredHistoricalAward) =>
  a.status === b.status &&
  a.decisionNumber === b.decisionNumber &&
  a.decidedOn === b.decidedOn &&
  a.revokedOn === b.revokedOn &&
  a.note === b.note;

const awardKey = (subjectId: string | null, awardCode: string, year: number) =>
  `${subjectId}|${awardCode}|${year}`;

function parseYear(text: string): CellResult<number> {
  if (/^\d{4}$/.test(text)) return { ok: true, value: Number(text) };
  return {
    ok: false,
    message: `"${text}" is not a year; write it with four digits, e.g. 2024.`,
    messageVi: `"${text}" không phải năm; ghi đủ bốn chữ số, ví dụ 2024.`,
  };
}

const STATUS_BY_KEY = new Map<string, HistoricalAwardStatus>([
  ...HISTORICAL_AWARD_STATUSES.map((status) => [lookupKey(status), status] as const),
  ...Object.entries(AWARD_STATUS_LABELS).map(
    ([label, status]) => [lookupKey(label), status] as const,
  ),
]);

/** An empty cell is `null`: the row leaves the status as it is (granted for a new award). */
function parseStatus(text: string): CellResult<HistoricalAwardStatus | null> {
  if (text === '') return { ok: true, value: null };
  const status = STATUS_BY_KEY.get(lookupKey(text));
  if (status) return { ok: true, value: status };
  return {
    ok: false,
    message: `"${text}" is not a status; use granted or revoked (đã trao, thu hồi).`,
    messageVi: `"${text}" không phải tình trạng hợp lệ; dùng: ${Object.keys(AWARD_STATUS_LABELS).join(', ')}.`,
  };
}

/**
 * The awards of the rule set by code and by every name the rule set gives them, in Vietnamese and
 * in English, so "Lao động tiên tiến", "lao dong tien tien" and "lao_dong_tien_tien" are the same.
 */
class AwardCatalogue {
  private readonly byKey = new Map<string, Award | 'ambiguous'>();

  constructor(private readonly awards: readonly Award[]) {
    for (const award of awards) {
      const names = [award.code, award.name.vi, award.name.en];
      for (const other of award.alsoCalled ?? []) names.push(other.vi, other.en);
      for (const name of names) {
        const key = lookupKey(name);
        const earlier = this.byKey.get(key);
        // A name two awards share identifies neither; their codes still do.
        this.byKey.set(key, earlier && earlier !== award ? 'ambiguous' : award);
      }
    }
    for (const award of awards) this.byKey.set(lookupKey(award.code), award);
  }

  find(text: string): CellResult<Award> {
    const award = this.byKey.get(lookupKey(text));
    if (award && award !== 'ambiguous') return { ok: true, value: award };
    const choices = this.awards.map((a) => `${a.name.vi} (${a.code})`).join(', ');
    return {
      ok: false,
      message: `"${text}" is not an award of the rule set in force; use one of: ${choices}.`,
      messageVi: `"${text}" không phải danh hiệu hay hình thức khen thưởng trong bộ quy tắc hiện hành; dùng một trong: ${choices}.`,
    };
  }
}
