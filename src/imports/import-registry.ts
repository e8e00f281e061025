import { Inject, Injectable } from '@nestjs/common';
import type { UnitPath } from '../domain/org/scope';
import {
  HISTORICAL_AWARDS_REPOSITORY,
  type AwardSubjects,
  type CodedSubject,
  type HistoricalAwardsRepository,
  type StoredHistoricalAward,
} from '../persistence/repositories/historical-awards.repository';
import {
  ORGANISATION_REPOSITORY,
  type OrganisationRepository,
  type StoredPerson,
  type StoredUnit,
} from '../persistence/repositories/organisation.repository';
import type { RegistryReader } from './import-check';

/**
 * The registry as a worker checking a file sees it. Each call reads one chunk of codes in its own
 * short unit of work, so a file naming a million people never holds the database for long.
 */
@Injectable()
export class ImportRegistry implements RegistryReader {
  constructor(
    @Inject(ORGANISATION_REPOSITORY) private readonly organisation: OrganisationRepository,
    @Inject(HISTORICAL_AWARDS_REPOSITORY)
    private readonly historicalAwards: HistoricalAwardsRepository,
  ) {}

  unitsByCodes(codes: string[]): Promise<StoredUnit[]> {
    return this.organisation.transaction((tx) => tx.findUnitsByCodes(codes));
  }

  /** One transaction for the chunk: each unit's subtree read the way the admin's move reads it. */
  deepestUnder(paths: UnitPath[]): Promise<number[]> {
    return this.organisation.transaction(async (tx) => {
      const deepest: number[] = [];
      for (const path of paths) deepest.push(await tx.deepestUnder(path));
      return deepest;
    });
  }

  peopleByCodes(codes: string[]): Promise<StoredPerson[]> {
    return this.organisation.transaction((tx) => tx.findPeopleByCodes(codes));
  }

  codedPeople(codes: string[]): Promise<CodedSubject[]> {
    return this.historicalAwards.transaction((tx) => tx.findPeopleByCodes(codes));
  }

  codedUnits(codes: string[]): Promise<CodedSubject[]> {
    return this.historicalAwards.transaction((tx) => tx.findUnitsByCodes(codes));
  }

  awardsOf(subjects: AwardSubjects): Promise<StoredHistoricalAward[]> {
    return this.historicalAwards.findBySubjects(subjects);
  }
}
