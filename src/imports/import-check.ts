import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../common/errors';
import type { UnitPath } from '../domain/org/scope';
import type { Award } from '../domain/rules/rule-set';
import type {
  AwardSubjects,
  CodedSubject,
  StoredHistoricalAward,
} from '../persistence/repositories/historical-awards.repository';
import type { StoredPerson, StoredUnit } from '../persistence/repositories/organisation.repository';
import {
  planAwardImport,
  refuseFileWithoutSubjectColumn,
  subjectCodesNamedIn,
  type AwardChange,
} from './award-import-plan';
import { AWARD_COLUMNS } from './award-import-vocabulary';
import type { ImportJobKind } from '../persistence/repositories/import-jobs.repository';
import type { ImportLimits } from './import-limits';
import { PERSON_COLUMNS, UNIT_COLUMNS } from './import-vocabulary';
import { codesNamedIn, planPersonImport, type PersonChange } from './person-import-plan';
import type { RowProblem } from './row-checks';
import { readSpreadsheet, type SpreadsheetFormat } from './spreadsheet';
import {
  planUnitImport,
  unitCodesNamedIn,
  unitsMovedIn,
  type UnitChange,
} from './unit-import-plan';

/**
 * Reading and checking an import file, as a worker thread does it: the whole file is read and
 * every row checked against the registry before anything is written, and what is to be written
 * comes back in batches, each short enough to commit without holding up anyone else.
 */

export type ImportKind = ImportJobKind;

export type ImportChange = UnitChange | PersonChange | AwardChange;

/** Rows a batch writes in one transaction, with their change-log records. */
export const ROWS_PER_BATCH = 250;

/** Codes or ids asked of the registry at a time: each read is short, however large the file. */
const LOOKUP_CHUNK = 500;

export interface ImportCheckRequest {
  kind: ImportKind;
  format: SpreadsheetFormat;
  file: Uint8Array;
  skipInvalid: boolean;
  limits: ImportLimits;
  /** YYYY-MM-DD in Vietnam: no date in the file may be later. */
  today: string;
  now: string;
  /** The username that imports (recorded on awards). */
  importedBy: string;
  /** The awards of the rule set in force (awards files only). */
  awards: readonly Award[];
}

/** What a worker asks of the registry while it checks a file. */
export interface RegistryReader {
  unitsByCodes(codes: string[]): Promise<StoredUnit[]>;
  /** For each unit path, the depth of the deepest unit in its subtree (in the same order). */
  deepestUnder(paths: UnitPath[]): Promise<number[]>;
  peopleByCodes(codes: string[]): Promise<StoredPerson[]>;
  codedPeople(codes: string[]): Promise<CodedSubject[]>;
  codedUnits(codes: string[]): Promise<CodedSubject[]>;
  awardsOf(subjects: AwardSubjects): Promise<StoredHistoricalAward[]>;
}

/** A refusal as it crosses threads (an Error's own fields do not). */
export interface PortableError {
  code: string;
  kind: AppError['kind'];
  message: string;
  details: Record<string, unknown>;
  localized?: { vi: string; en: string };
}

export interface ImportPlanSummary {
  /** Data rows in the file. */
  rowsTotal: number;
  /** Rows that create or change something: what the batches hold. */
  rowsToWrite: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows left out because they have errors (only with skipInvalid). */
  skipped: number;
  /** The first bad rows, in file order. */
  errors: RowProblem[];
  /** Every problem found, listed or not. */
  errorCount: number;
}

export type ImportCheckOutcome =
  | { outcome: 'refused'; error: PortableError }
  | {
      outcome: 'planned';
      summary: ImportPlanSummary;
      /** JSON arrays of ImportChange, ROWS_PER_BATCH at most each, in the order to write them. */
      batches: string[];
    };

interface Plan {
  changes: ImportChange[];
  problems: RowProblem[];
  refusedRows: number;
  rowsTotal: number;
}

export async function checkImport(
  request: ImportCheckRequest,
  registry: RegistryReader,
  onRowsRead: (rows: number) => void = () => undefined,
): Promise<ImportCheckOutcome> {
  try {
    const plan = await planOf(request, registry, onRowsRead);
    if (plan.problems.length > 0 && !request.skipInvalid) {
      throw invalidRows(plan.problems, request.limits.maxListedErrors);
    }
    return { outcome: 'planned', ...outputOf(plan, request.limits.maxListedErrors) };
  } catch (error) {
    if (error instanceof AppError) return { outcome: 'refused', error: portable(error) };
    throw error;
  }
}

export function portable(error: AppError): PortableError {
  return {
    code: error.code,
    kind: error.kind,
    message: error.message,
    details: error.details,
    ...(error.localized ? { localized: error.localized } : {}),
  };
}

export function fromPortable(error: PortableError): AppError {
  return new AppError(error.code, error.kind, error.message, error.details, error.localized);
}

async function planOf(
  request: ImportCheckRequest,
  registry: RegistryReader,
  onRowsRead: (rows: number) => void,
): Promise<Plan> {
  const { file, format, limits, now, today } = request;
  switch (request.kind) {
    case 'units': {
      const table = await readSpreadsheet(file, format, UNIT_COLUMNS, limits, onRowsRead);
      const knownUnits = await inChunks(unitCodesNamedIn(table), (codes) =>
        registry.unitsByCodes(codes),
      );
      // A moved unit takes its subtree with it: how deep that reaches is checked too.
      const moved = unitsMovedIn(table, knownUnits);
      const deepest = await inChunks(
        moved.map((unit) => unit.path),
        (paths) => registry.deepestUnder(paths),
      );
      const deepestUnder = new Map(moved.map((unit, index) => [unit.id, deepest[index]]));
      const plan = planUnitImport(table, { knownUnits, deepestUnder, now, newId: uuidv7 });
      return { ...plan, rowsTotal: table.rows.length };
    }
    case 'people': {
      const table = await readSpreadsheet(file, format, PERSON_COLUMNS, limits, onRowsRead);
      const { personCodes, unitCodes } = codesNamedIn(table);
      const plan = planPersonImport(table, {
        knownUnits: await inChunks(unitCodes, (codes) => registry.unitsByCodes(codes)),
        knownPeople: await inChunks(personCodes, (codes) => registry.peopleByCodes(codes)),
        today,
        now,
        newId: uuidv7,
      });
      return { ...plan, rowsTotal: table.rows.length };
    }
    case 'awards': {
      const table = await readSpreadsheet(file, format, AWARD_COLUMNS, limits, onRowsRead);
      refuseFileWithoutSubjectColumn(table);
      const { personCodes, unitCodes } = subjectCodesNamedIn(table);
      const knownPeople = await inChunks(personCodes, (codes) => registry.codedPeople(codes));
      const knownUnits = await inChunks(unitCodes, (codes) => registry.codedUnits(codes));
      const knownAwards = [
        ...(await inChunks(
          knownPeople.map((person) => person.id),
          (personIds) => registry.awardsOf({ personIds, unitIds: [] }),
        )),
        ...(await inChunks(
          knownUnits.map((unit) => unit.id),
          (unitIds) => registry.awardsOf({ personIds: [], unitIds }),
        )),
      ];
      const plan = planAwardImport(table, {
        awards: request.awards,
        knownPeople,
        knownUnits,
        knownAwards,
        today,
        now,
        importedBy: request.importedBy,
        newId: uuidv7,
      });
      return { ...plan, rowsTotal: table.rows.length };
    }
  }
}

async function inChunks<Item>(
  keys: readonly string[],
  read: (chunk: string[]) => Promise<Item[]>,
): Promise<Item[]> {
  const found: Item[] = [];
  for (let start = 0; start < keys.length; start += LOOKUP_CHUNK) {
    for (const item of await read(keys.slice(start, start + LOOKUP_CHUNK))) found.push(item);
  }
  return found;
}

function outputOf(
  plan: Plan,
  maxListedErrors: number,
): { summary: ImportPlanSummary; batches: string[] } {
  const count = (outcome: ImportChange['outcome']) =>
    plan.changes.filter((change) => change.outcome === outcome).length;
  const writes = plan.changes.filter((change) => change.outcome !== 'unchanged');
  const batches: string[] = [];
  for (let start = 0; start < writes.length; start += ROWS_PER_BATCH) {
    batches.push(JSON.stringify(writes.slice(start, start + ROWS_PER_BATCH)));
  }
  return {
    summary: {
      rowsTotal: plan.rowsTotal,
      rowsToWrite: writes.length,
      created: count('create'),
      updated: count('update'),
      unchanged: count('unchanged'),
      skipped: plan.refusedRows,
      errors: plan.problems.slice(0, maxListedErrors),
      errorCount: plan.problems.length,
    },
    batches,
  };
}

function invalidRows(problems: RowProblem[], maxListedErrors: number): AppError {
  const rows = new Set(problems.map((problem) => problem.line)).size;
  const en = `${rows} row(s) of the file have errors; nothing was imported.`;
  return new AppError(
    'IMPORT.INVALID_ROWS',
    'unprocessable',
    en,
    { errors: problems.slice(0, maxListedErrors), errorCount: problems.length },
    { vi: `${rows} dòng trong tệp có lỗi; chưa nhập dữ liệu nào.`, en },
  );
}
