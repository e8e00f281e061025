import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { changeRecord } from '../common/change-log';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors';
import type { AdminChange, ChangeAuthor } from '../domain/org/change-log';
import { RuleSetCatalogue } from '../domain/rules/rule-set-catalogue';
import { isUniqueViolation } from '../persistence/database';
import {
  HISTORICAL_AWARDS_REPOSITORY,
  type HistoricalAwardsRepository,
  type StoredHistoricalAward,
} from '../persistence/repositories/historical-awards.repository';
import {
  ORGANISATION_REPOSITORY,
  type OrganisationRepository,
  type OrganisationTransaction,
} from '../persistence/repositories/organisation.repository';
import {
  planAwardImport,
  refuseFileWithoutSubjectColumn,
  subjectCodesNamedIn,
  type AwardChange,
} from './award-import-plan';
import { AWARD_COLUMNS } from './award-import-vocabulary';
import { PERSON_COLUMNS, UNIT_COLUMNS } from './import-vocabulary';
import { codesNamedIn, planPersonImport, type PersonChange } from './person-import-plan';
import type { RowProblem } from './row-checks';
import { readSpreadsheet, type SpreadsheetFormat } from './spreadsheet';
import { planUnitImport, unitCodesNamedIn, type UnitChange } from './unit-import-plan';

export interface ImportOptions {
  /** Import the valid rows and report the others, instead of refusing the whole file. */
  skipInvalid: boolean;
  /** Told how many rows are written so far, for a progress display. */
  onProgress?: (written: number, total: number) => void;
}

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  /** Rows left out because they have errors (only with skipInvalid). */
  skipped: number;
  errors: RowProblem[];
}

const PROGRESS_EVERY_ROWS = 500;

/**
 * Bulk import of the unit tree, the people registry and their past awards from spreadsheets. A
 * file is read and checked as a whole, then applied in one transaction: either every accepted row
 * is written, with its change-log record, or nothing is. Rows are matched to the registry by code
 * (awards by subject, award and year), so importing the same file again changes nothing.
 */
@Injectable()
export class ImportsService {
  constructor(
    @Inject(ORGANISATION_REPOSITORY) private readonly organisation: OrganisationRepository,
    @Inject(HISTORICAL_AWARDS_REPOSITORY)
    private readonly historicalAwards: HistoricalAwardsRepository,
    private readonly ruleSets: RuleSetCatalogue,
    private readonly clock: Clock,
  ) {}

  async importUnits(
    author: ChangeAuthor,
    file: Buffer,
    format: SpreadsheetFormat,
    options: ImportOptions,
  ): Promise<ImportReport> {
    const table = await readSpreadsheet(file, format, UNIT_COLUMNS);
    const now = this.clock.nowIso();
    return this.inOneTransaction(async (tx) => {
      const knownUnits = await tx.findUnitsByCodes(unitCodesNamedIn(table));
      const plan = planUnitImport(table, { knownUnits, now, newId: uuidv7 });
      refuseIfInvalid(plan.problems, options);
      await writeAll(plan.changes, options, (change) => writeUnit(tx, change, now));
      await tx.recordChanges(
        plan.changes.flatMap((change) => unitChangeRecord(author, now, change)),
      );
      return reportOf(plan.changes, plan.problems, plan.refusedRows);
    });
  }

  async importPeople(
    author: ChangeAuthor,
    file: Buffer,
    format: SpreadsheetFormat,
    options: ImportOptions,
  ): Promise<ImportReport> {
    const table = await readSpreadsheet(file, format, PERSON_COLUMNS);
    // "Today" for a date of birth is the users' today.
    const today = this.clock.todayInVietnam();
    const at = this.clock.nowIso();
    return this.inOneTransaction(async (tx) => {
      const { personCodes, unitCodes } = codesNamedIn(table);
      const plan = planPersonImport(table, {
        knownUnits: await tx.findUnitsByCodes(unitCodes),
        knownPeople: await tx.findPeopleByCodes(personCodes),
        today,
        now: at,
        newId: uuidv7,
      });
      refuseIfInvalid(plan.problems, options);
      await writeAll(plan.changes, options, (change) => writePerson(tx, change));
      await tx.recordChanges(
        plan.changes.flatMap((change) => personChangeRecord(author, at, change)),
      );
      return reportOf(plan.changes, plan.problems, plan.refusedRows);
    });
  }

  /**
   * Past awards of people and units already in the registry. Award codes are those of the rule
   * set in force today: the eligibility checks that count these awards speak its codes.
   */
  async importAwards(
    author: ChangeAuthor,
    file: Buffer,
    format: SpreadsheetFormat,
    options: ImportOptions,
  ): Promise<ImportReport> {
    const table = await readSpreadsheet(file, format, AWARD_COLUMNS);
    refuseFileWithoutSubjectColumn(table);
    const today = this.clock.todayInVietnam();
    const { ruleSet } = this.ruleSets.latest(today);
    const at = this.clock.nowIso();
    return refuseConcurrentDuplicates(() =>
      this.historicalAwards.transaction(async (tx) => {
        const { personCodes, unitCodes } = subjectCodesNamedIn(table);
        const knownPeople = await tx.findPeopleByCodes(personCodes);
        const knownUnits = await tx.findUnitsByCodes(unitCodes);
        const knownAwards = await tx.findBySubjects({
          personIds: knownPeople.map((person) => person.id),
          unitIds: knownUnits.map((unit) => unit.id),
        });
        const plan = planAwardImport(table, {
          awards: ruleSet.awards,
          knownPeople,
          knownUnits,
          knownAwards,
          today,
          now: at,
          importedBy: author.username,
          newId: uuidv7,
        });
        refuseIfInvalid(plan.problems, options);
        await writeAll(plan.changes, options, async (change) => {
          if (change.outcome === 'create') await tx.insert(change.award);
          else if (change.outcome === 'update') await tx.update(change.award);
        });
        await tx.recordChanges(
          plan.changes.flatMap((change) => awardChangeRecord(author, at, change)),
        );
        return reportOf(plan.changes, plan.problems, plan.refusedRows);
      }),
    );
  }

  private inOneTransaction<T>(work: (tx: OrganisationTransaction) => Promise<T>): Promise<T> {
    return refuseConcurrentDuplicates(() => this.organisation.transaction(work));
  }
}

/**
 * A unique violation here means another import or edit created the same code (or award) after
 * this one read the registry; the caller is told to retry instead of getting a 500.
 */
async function refuseConcurrentDuplicates<T>(transaction: () => Promise<T>): Promise<T> {
  try {
    return await transaction();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const en = 'Another change created some of these codes meanwhile; import the file again.';
    throw new AppError(
      'IMPORT.CONCURRENT_CHANGE',
      'conflict',
      en,
      {},
      { vi: 'Một thay đổi khác vừa tạo một số mã trong tệp; hãy nhập lại tệp.', en },
    );
  }
}

function refuseIfInvalid(problems: RowProblem[], options: ImportOptions): void {
  if (problems.length === 0 || options.skipInvalid) return;
  const rows = new Set(problems.map((problem) => problem.line)).size;
  const en = `${rows} row(s) of the file have errors; nothing was imported.`;
  throw new AppError(
    'IMPORT.INVALID_ROWS',
    'unprocessable',
    en,
    { errors: problems },
    { vi: `${rows} dòng trong tệp có lỗi; chưa nhập dữ liệu nào.`, en },
  );
}

async function writeAll<Change>(
  changes: Change[],
  options: ImportOptions,
  write: (change: Change) => Promise<void>,
): Promise<void> {
  for (const [index, change] of changes.entries()) {
    await write(change);
    const written = index + 1;
    if (written % PROGRESS_EVERY_ROWS === 0 || written === changes.length) {
      options.onProgress?.(written, changes.length);
    }
  }
}

async function writeUnit(
  tx: OrganisationTransaction,
  change: UnitChange,
  now: string,
): Promise<void> {
  if (change.outcome === 'create') {
    await tx.insertUnit(change.unit);
  } else if (change.outcome === 'update') {
    await tx.updateUnit(change.unit);
    if (change.movedFrom !== null) {
      await tx.replacePathPrefix(change.movedFrom, change.unit.path, now);
    }
  }
}

async function writePerson(tx: OrganisationTransaction, change: PersonChange): Promise<void> {
  if (change.outcome === 'create') await tx.insertPerson(change.person);
  else if (change.outcome === 'update') await tx.updatePerson(change.person);
}

function unitChangeRecord(author: ChangeAuthor, at: string, change: UnitChange): AdminChange[] {
  if (change.outcome === 'create') {
    return [changeRecord(author, at, 'unit', change.unit.id, 'import_create', null, change.unit)];
  }
  if (change.outcome === 'update') {
    return [
      changeRecord(author, at, 'unit', change.unit.id, 'import_update', change.before, change.unit),
    ];
  }
  return [];
}

function personChangeRecord(author: ChangeAuthor, at: string, change: PersonChange): AdminChange[] {
  if (change.outcome === 'create') {
    return [
      changeRecord(author, at, 'person', change.person.id, 'import_create', null, change.person),
    ];
  }
  if (change.outcome === 'update') {
    return [
      changeRecord(
        author,
        at,
        'person',
        change.person.id,
        'import_update',
        change.before,
        change.person,
      ),
    ];
  }
  return [];
}

/**
 * Recorded on the person or unit the award belongs to, as grants are on their user: the subject's
 * change log then tells its award history.
 */
function awardChangeRecord(author: ChangeAuthor, at: string, change: AwardChange): AdminChange[] {
  if (change.outcome === 'unchanged') return [];
  const { award } = change;
  const subjectId = subjectIdOf(award);
  return change.outcome === 'create'
    ? [changeRecord(author, at, award.subjectKind, subjectId, 'award_import_create', null, award)]
    : [
        changeRecord(
          author,
          at,
          award.subjectKind,
          subjectId,
          'award_import_update',
          change.before,
          award,
        ),
      ];
}

function subjectIdOf(award: StoredHistoricalAward): string {
  const id = award.subjectKind === 'person' ? award.personId : award.unitId;
  if (id === null) throw new Error(`historical award ${award.id} has no ${award.subjectKind}`);
  return id;
}

function reportOf(
  changes: readonly (UnitChange | PersonChange | AwardChange)[],
  problems: RowProblem[],
  refusedRows: number,
): ImportReport {
  const count = (outcome: UnitChange['outcome']) =>
    changes.filter((change) => change.outcome === outcome).length;
  return {
    created: count('create'),
    updated: count('update'),
    unchanged: count('unchanged'),
    skipped: refusedRows,
    errors: problems,
  };
}
