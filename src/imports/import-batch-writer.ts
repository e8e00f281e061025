import { Inject, Injectable } from '@nestjs/common';
import { changeRecord, movedWithAncestorRecords } from '../common/change-log';
import { AppError } from '../common/errors';
import type { AdminChange, ChangeAuthor } from '../domain/org/change-log';
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
} from '../persistence/repositories/organisation.repository';
import type { AwardChange } from './award-import-plan';
import type { ImportChange } from './import-check';
import type { PersonChange } from './person-import-plan';
import type { UnitChange } from './unit-import-plan';

/**
 * Writes one batch of a checked import: its rows and their change-log records in one short
 * transaction, so other users' writes go through between two batches.
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
  ): Promise<void> {
    return refuseConcurrentDuplicates(() => {
      switch (kind) {
        case 'units':
          return this.organisation.transaction(async (tx) => {
            const records: AdminChange[] = [];
            for (const change of changes as UnitChange[]) {
              const movedBelow = await writeUnit(tx, change, at);
              records.push(
                ...unitChangeRecord(author, at, change),
                ...movedWithAncestorRecords(author, at, movedBelow),
              );
            }
            await tx.recordChanges(records);
          });
        case 'people':
          return this.organisation.transaction(async (tx) => {
            for (const change of changes as PersonChange[]) await writePerson(tx, change);
            await tx.recordChanges(
              (changes as PersonChange[]).flatMap((change) =>
                personChangeRecord(author, at, change),
              ),
            );
          });
        case 'awards':
          return this.historicalAwards.transaction(async (tx) => {
            for (const change of changes as AwardChange[]) {
              if (change.outcome === 'create') await tx.insert(change.award);
              else if (change.outcome === 'update') await tx.update(change.award);
            }
            await tx.recordChanges(
              (changes as AwardChange[]).flatMap((change) => awardChangeRecord(author, at, change)),
            );
          });
      }
    });
  }
}

/**
 * A unique violation here means another import or edit created the same code (or award) after
 * this one read the registry; the caller is told to import again instead of getting a 500.
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

/** Writes one unit's change; returns the units below it that moved with it. */
async function writeUnit(
  tx: OrganisationTransaction,
  change: UnitChange,
  at: string,
): Promise<MovedUnit[]> {
  if (change.outcome === 'create') {
    await tx.insertUnit(change.unit);
  } else if (change.outcome === 'update') {
    await tx.updateUnit(change.unit);
    if (change.movedFrom !== null) {
      return tx.replacePathPrefix(change.movedFrom, change.unit.path, at);
    }
  }
  return [];
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
