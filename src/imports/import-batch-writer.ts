import { Inject, Injectable } from '@nestjs/common';
import { changeRecord, movedWithAncestorRecords } from '../common/change-log';
import { AppError } from '../common/errors';
import type { AdminChange, ChangeAuthor } from '../domain/org/change-log';
import { deepestAfterMove, depthOf, MAX_UNIT_DEPTH, parentPathOf } from '../domain/org/scope';
import { isUniqueViolation } from '../persistence/database';
import {
  HISTORICAL_AWARDS_REPOSITORY,
  type HistoricalAwardsRepository,
  type StoredHistoricalAward,
} from '../persistence/repositories/historical-awards.repository';
import type { ImportJobKind } from '../persistence/repositories/import-jobs.repository';
import {
  ORGANISATION_REPOSITORY,
  type MovedUnit,
  type OrganisationRepository,
  type OrganisationTransaction,
  type StoredUnit,
} from '../persistence/repositories/organisation.repository';
import type { AwardChange } from './award-import-plan';
import type { ImportChange } from './import-check';
import type { PersonChange } from './person-import-plan';
import type { UnitChange } from './unit-import-plan';

/** How far an import's writing has gone when a batch is written. */
export interface ImportProgressSoFar {
  /** Rows the earlier batches wrote (they stay written whatever happens to this one). */
  rowsWritten: number;
  rowsToWrite: number;
}

/**
 * Writes one batch of a checked import: its rows and their change-log records in one short
 * transaction, so other users' writes go through between two batches. The file was checked
 * against the registry as it stood then; a row someone else changed since is not overwritten: the
 * batch is refused whole, and the answer says what the earlier batches wrote.
 */
@Injectable()
export class ImportBatchWriter {
  constructor(
    @Inject(ORGANISATION_REPOSITORY) private readonly organisation: OrganisationRepository,
    @Inject(HISTORICAL_AWARDS_REPOSITORY)
    private readonly historicalAwards: HistoricalAwardsRepository,
  ) {}

  write(
    kind: ImportJobKind,
    author: ChangeAuthor,
    at: string,
    changes: readonly ImportChange[],
    progress: ImportProgressSoFar,
  ): Promise<void> {
    return refuseConcurrentChanges(progress, async () => {
      switch (kind) {
        case 'units':
          return this.organisation.transaction(async (tx) => {
            const records: AdminChange[] = [];
            for (const change of changes as UnitChange[]) {
              const written = await writeUnit(tx, change, at);
              // The first is enough: the units after it were planned on its place in the tree,
              // and naming them would blame rows nobody else touched.
              if (written === 'changed meanwhile') throw new RowsChangedMeanwhile([change.line]);
              records.push(
                ...unitChangeRecord(author, at, change),
                ...movedWithAncestorRecords(author, at, written),
              );
            }
            await tx.recordChanges(records);
          });
        case 'people':
          return this.organisation.transaction(async (tx) => {
            const changedMeanwhile: number[] = [];
            for (const change of changes as PersonChange[]) {
              if (!(await writePerson(tx, change))) changedMeanwhile.push(change.line);
            }
            if (changedMeanwhile.length) throw new RowsChangedMeanwhile(changedMeanwhile);
            await tx.recordChanges(
              (changes as PersonChange[]).flatMap((change) =>
                personChangeRecord(author, at, change),
              ),
            );
          });
        case 'awards':
          return this.historicalAwards.transaction(async (tx) => {
            const changedMeanwhile: number[] = [];
            for (const change of changes as AwardChange[]) {
              if (change.outcome === 'create') await tx.insert(change.award);
              else if (change.outcome === 'update') {
                if (!(await tx.update(change.award, change.before))) {
                  changedMeanwhile.push(change.line);
                }
              }
            }
            if (changedMeanwhile.length) throw new RowsChangedMeanwhile(changedMeanwhile);
            await tx.recordChanges(
              (changes as AwardChange[]).flatMap((change) => awardChangeRecord(author, at, change)),
            );
          });
      }
    });
  }
}

/** Thrown inside a batch's transaction to undo it: these rows of the file changed since. */
class RowsChangedMeanwhile extends Error {
  constructor(readonly lines: number[]) {
    super(`rows changed since the file was checked: ${lines.join(', ')}`);
  }
}

/** Rows of the file named in a refusal; the rest are counted. */
const LISTED_LINES = 20;

/**
 * Another user's change made after the file was checked: a row this batch would overwrite
 * (changed meanwhile), or a code or award this batch would create (a unique violation: created
 * meanwhile). Either way the batch is undone, and the importer is told what stays written and to
 * import again, which checks the file against the registry as it now is.
 */
async function refuseConcurrentChanges(
  progress: ImportProgressSoFar,
  transaction: () => Promise<void>,
): Promise<void> {
  try {
    await transaction();
  } catch (error) {
    if (error instanceof RowsChangedMeanwhile) throw rowsChangedMeanwhile(error.lines, progress);
    if (isUniqueViolation(error)) throw codesCreatedMeanwhile(progress);
    throw error;
  }
}

function rowsChangedMeanwhile(lines: number[], progress: ImportProgressSoFar): AppError {
  const listed =
    lines.slice(0, LISTED_LINES).join(', ') + (lines.length > LISTED_LINES ? ', …' : '');
  const written = writtenSoFar(progress);
  const en =
    `Someone else changed the rows ${listed} of the file in the registry after the file was ` +
    `checked; their change was not overwritten. ${written.en}`;
  const vi =
    `Người khác đã thay đổi dữ liệu của các dòng ${listed} trong tệp sau khi tệp được kiểm tra; ` +
    `thay đổi đó không bị ghi đè. ${written.vi}`;
  return new AppError(
    'IMPORT.CONCURRENT_CHANGE',
    'conflict',
    en,
    { lines: lines.slice(0, LISTED_LINES), lineCount: lines.length, ...progress },
    { vi, en },
  );
}

function codesCreatedMeanwhile(progress: ImportProgressSoFar): AppError {
  const written = writtenSoFar(progress);
  const en = `Another change created some of these codes meanwhile. ${written.en}`;
  const vi = `Một thay đổi khác vừa tạo một số mã trong tệp. ${written.vi}`;
  return new AppError('IMPORT.CONCURRENT_CHANGE', 'conflict', en, { ...progress }, { vi, en });
}

/** What stays written, and what importing again does. */
function writtenSoFar({ rowsWritten, rowsToWrite }: ImportProgressSoFar): {
  vi: string;
  en: string;
} {
  if (rowsWritten === 0) {
    return {
      vi: 'Chưa ghi dòng nào; hãy nhập lại tệp.',
      en: 'Nothing was written; import the file again.',
    };
  }
  return {
    vi:
      `${rowsWritten}/${rowsToWrite} dòng đã được ghi trước đó và được giữ nguyên; hãy nhập lại ` +
      'tệp để ghi phần còn lại, được kiểm tra theo dữ liệu hiện tại.',
    en:
      `${rowsWritten} of ${rowsToWrite} rows were written before and stay written; import the ` +
      'file again to write the rest, checked against the registry as it now is.',
  };
}

/**
 * Writes one unit's change, if the unit and its parent are still where the file was checked
 * against (the unit's path is planned from its parent's: a parent moved meanwhile would leave it
 * behind, or make a cycle) and, for a move, its subtree still fits below its new place (units put
 * below it since the check could reach too deep); returns the units below it that moved with it.
 */
async function writeUnit(
  tx: OrganisationTransaction,
  change: UnitChange,
  at: string,
): Promise<MovedUnit[] | 'changed meanwhile'> {
  if (change.outcome === 'unchanged') return [];
  if (!(await parentStillAt(tx, change.unit))) return 'changed meanwhile';
  if (change.outcome === 'create') {
    await tx.insertUnit(change.unit);
    return [];
  }
  if (change.movedFrom !== null) {
    // Measured before the unit's own row moves, as the admin's move measures it.
    const deepest = deepestAfterMove(
      change.movedFrom,
      await tx.deepestUnder(change.movedFrom),
      depthOf(change.unit.path),
    );
    if (deepest > MAX_UNIT_DEPTH) return 'changed meanwhile';
  }
  if (!(await tx.updateUnit(change.unit, change.before))) return 'changed meanwhile';
  if (change.movedFrom === null) return [];
  return tx.replacePathPrefix(change.movedFrom, change.unit.path, at);
}

/**
 * Whether the unit's parent is where its planned path says (a parent this import wrote earlier is
 * exactly there; one someone moved since is not).
 */
async function parentStillAt(tx: OrganisationTransaction, unit: StoredUnit): Promise<boolean> {
  if (unit.parentId === null) return true;
  const parent = await tx.findUnitById(unit.parentId);
  return parent !== null && parent.path === parentPathOf(unit.path);
}

/** False when the person changed after the file was checked (nothing written). */
async function writePerson(tx: OrganisationTransaction, change: PersonChange): Promise<boolean> {
  if (change.outcome === 'create') await tx.insertPerson(change.person);
  else if (change.outcome === 'update') return tx.updatePerson(change.person, change.before);
  return true;
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
