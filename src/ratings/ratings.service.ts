import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { Clock } from '../common/clock';
import { authorOf } from '../domain/org/change-log';
import { scopesFor, type Principal } from '../domain/org/principal';
import { rolesAt, type UnitPath } from '../domain/org/scope';
import { ROLES, type Role } from '../domain/roles';
import type { Rating as RatingLevel } from '../domain/rules/rule-set';
import { RuleSetCatalogue, RuleSetNotFoundError } from '../domain/rules/rule-set-catalogue';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from '../imports/import-limits';
import { fromPortable } from '../imports/import-check';
import { READ_SPREADSHEET } from '../imports/read-spreadsheet.task';
import type { SpreadsheetTable } from '../imports/spreadsheet';
import { WorkerPool } from '../workers/worker-pool';
import type { SpreadsheetUpload } from '../imports/uploaded-spreadsheet.decorator';
import {
  ANNUAL_RATINGS_REPOSITORY,
  type AnnualRating,
  type AnnualRatingsRepository,
  type ListedRating,
  type RatingChange,
  type RatingSubjectRef,
} from '../persistence/repositories/annual-ratings.repository';
import {
  ORGANISATION_REPOSITORY,
  type OrganisationRepository,
} from '../persistence/repositories/organisation.repository';
import type {
  ListedRatingDto,
  PutRatingDto,
  RatingDto,
  RatingHistoryDto,
  RatingImportReportDto,
  RatingListDto,
  RatingParams,
  RatingsListQuery,
} from './dto/rating.dto';
import {
  changedMeanwhile,
  futureYear,
  invalidRows,
  mayNotRate,
  mayNotRateSelf,
  noScale,
  ratingNotFound,
  subjectNotFound,
  unitNotFound,
  unknownRating,
} from './rating-errors';
import {
  planRatingImport,
  ratingKey,
  refuseFileWithoutSubjectColumn,
  subjectCodesIn,
  type KnownSubject,
} from './rating-import-plan';
import { RATING_COLUMNS, type RatingField } from '../imports/rating-import-vocabulary';

/** Who may enter, change or withdraw a rating (over the subject's unit or a unit above it). */
export const RATING_KEEPERS: readonly Role[] = ['admin', 'secretariat', 'unit_leader'];

/**
 * A ratings file is one organisation's year-end list: far fewer rows than a registry import, so
 * it is checked within the request and written in one transaction (all or nothing), not as a job.
 * The file is unpacked and parsed in a worker thread (other requests go on meanwhile), within
 * these bounds: 20,000 rows, and an XLSX that unpacks to at most 64 MiB.
 */
const RATING_IMPORT_LIMITS: ImportLimits = {
  ...DEFAULT_IMPORT_LIMITS,
  maxRows: 20_000,
  maxUnpackedBytes: 64 * 1024 * 1024,
};

const CODES_PER_LOOKUP = 500;

interface ResolvedSubject {
  ref: RatingSubjectRef;
  path: UnitPath;
}

/**
 * The annual ratings register (xếp loại chất lượng): each person's and unit's rating per year,
 * read by everyone with the subject's unit in scope and kept by admins, the secretariat and the
 * leaders of a unit above it. A change supersedes the earlier rating, which stays readable.
 */
@Injectable()
export class RatingsService {
  constructor(
    @Inject(ANNUAL_RATINGS_REPOSITORY) private readonly ratings: AnnualRatingsRepository,
    @Inject(ORGANISATION_REPOSITORY) private readonly organisation: OrganisationRepository,
    private readonly ruleSets: RuleSetCatalogue,
    private readonly clock: Clock,
    private readonly workers: WorkerPool,
  ) {}

  async list(principal: Principal, query: RatingsListQuery): Promise<RatingListDto> {
    let withinPath: UnitPath | undefined;
    if (query.unitId !== undefined) {
      const unit = await this.organisation.findUnitById(query.unitId);
      if (unit === null || rolesAt(principal.grants, unit.path).length === 0) {
        throw unitNotFound(query.unitId);
      }
      withinPath = unit.path;
    }
    const found = await this.ratings.list({
      year: query.year,
      scopes: scopesFor(principal, [...ROLES]),
      ...(withinPath !== undefined ? { withinPath } : {}),
      ...(query.kind !== undefined ? { kind: query.kind } : {}),
    });
    const scale = this.scaleFor(query.year) ?? [];
    return {
      year: query.year,
      scale: [...scale]
        .sort((a, b) => b.rank - a.rank)
        .map(({ code, name, rank }) => ({ code, name, rank })),
      items: found.map((rating) => this.listedView(rating)),
    };
  }

  async history(principal: Principal, params: RatingParams): Promise<RatingHistoryDto> {
    const subject = await this.readable(principal, params);
    const all = await this.ratings.historyOf(subject.ref, params.year);
    const current = all.find((rating) => rating.superseded === null) ?? null;
    return {
      current: current === null ? null : this.view(current),
      earlier: all.filter((rating) => rating !== current).map((rating) => this.view(rating)),
    };
  }

  async put(principal: Principal, params: RatingParams, input: PutRatingDto): Promise<RatingDto> {
    const subject = await this.keeping(principal, params);
    const scale = this.checkedScale(params.year);
    if (!scale.some((level) => level.code === input.rating)) {
      throw unknownRating(
        input.rating,
        params.year,
        scale.map((level) => level.code),
      );
    }
    const { basis } = input; // in NFC already (@NfcText)
    const [current] = (await this.ratings.historyOf(subject.ref, params.year)).filter(
      (rating) => rating.superseded === null,
    );
    // Saying again what the register holds changes nothing (a retried request, a second click).
    if (current !== undefined && current.rating === input.rating && current.basis === basis) {
      return this.view(current);
    }
    const rating: AnnualRating = {
      id: uuidv7(),
      subject: subject.ref,
      year: params.year,
      rating: input.rating,
      basis,
      enteredBy: authorOf(principal),
      enteredAt: this.clock.nowIso(),
      superseded: null,
    };
    const replaces = current?.id ?? null;
    if (!(await this.ratings.record([{ rating, replaces }]))) throw changedMeanwhile();
    return this.view(rating);
  }

  async withdraw(principal: Principal, params: RatingParams): Promise<void> {
    const subject = await this.keeping(principal, params);
    const withdrawn = await this.ratings.withdraw(
      subject.ref,
      params.year,
      this.clock.nowIso(),
      authorOf(principal),
    );
    if (!withdrawn) throw ratingNotFound();
  }

  /**
   * Reads and checks the whole file against the registry, then writes every row in one
   * transaction; any bad row refuses the file, each reported by its line.
   */
  async importFile(
    principal: Principal,
    upload: SpreadsheetUpload,
  ): Promise<RatingImportReportDto> {
    const read = await this.workers.run(READ_SPREADSHEET, {
      content: upload.content,
      format: upload.format,
      columns: RATING_COLUMNS,
      limits: RATING_IMPORT_LIMITS,
    });
    if (read.outcome === 'refused') throw fromPortable(read.error);
    const table = read.table as SpreadsheetTable<RatingField>;
    refuseFileWithoutSubjectColumn(table);
    const { personCodes, unitCodes } = subjectCodesIn(table);
    const [people, units] = await Promise.all([
      this.peopleByCodes(personCodes),
      this.unitsByCodes(unitCodes),
    ]);
    const subjects: RatingSubjectRef[] = [
      ...[...people.values()].map((p) => ({ kind: 'person' as const, id: p.id })),
      ...[...units.values()].map((u) => ({ kind: 'unit' as const, id: u.id })),
    ];
    const current = new Map(
      (await this.ratings.currentOf(subjects)).map((r) => [ratingKey(r.subject, r.year), r]),
    );
    const plan = planRatingImport(table, {
      people,
      units,
      current,
      scaleFor: (year) => this.scaleFor(year),
      mayRate: (path) => this.mayRate(principal, path),
      importer: principal.personId,
      today: this.clock.todayInVietnam(),
    });
    if (plan.problems.length > 0) {
      throw invalidRows(plan.problems, RATING_IMPORT_LIMITS.maxListedErrors);
    }
    const at = this.clock.nowIso();
    const author = authorOf(principal);
    const writes = plan.rows
      .filter((row) => row.outcome !== 'unchanged')
      .map((row): RatingChange => ({
        rating: {
          id: uuidv7(),
          subject: row.subject,
          year: row.year,
          rating: row.rating,
          basis: row.basis,
          enteredBy: author,
          enteredAt: at,
          superseded: null,
        },
        replaces: current.get(ratingKey(row.subject, row.year))?.id ?? null,
      }));
    if (writes.length > 0 && !(await this.ratings.record(writes))) throw changedMeanwhile();
    const count = (outcome: string) => plan.rows.filter((row) => row.outcome === outcome).length;
    return {
      rowsTotal: table.rows.length,
      created: count('create'),
      updated: count('update'),
      unchanged: count('unchanged'),
    };
  }

  /**
   * The ratings of the rule set in force at the end of the year. A year before every rule set
   * takes the earliest one's scale: the task-completion ratings (Regulation 366) are older than
   * the rule sets, and the earliest is the closest statement of them.
   */
  scaleFor(year: number): readonly RatingLevel[] | null {
    try {
      return this.ruleSets.latest(`${year}-12-31`).ruleSet.ratings;
    } catch (error) {
      if (!(error instanceof RuleSetNotFoundError)) throw error;
      const earliest = [...this.ruleSets.all()].sort((a, b) =>
        a.ruleSet.validFrom.localeCompare(b.ruleSet.validFrom),
      )[0];
      return earliest?.ruleSet.ratings ?? null;
    }
  }

  private checkedScale(year: number): readonly RatingLevel[] {
    const thisYear = Number(this.clock.todayInVietnam().slice(0, 4));
    if (year > thisYear) throw futureYear(year, thisYear);
    const scale = this.scaleFor(year);
    if (scale === null || scale.length === 0) throw noScale(year);
    return scale;
  }

  private mayRate(principal: Principal, path: UnitPath): boolean {
    return rolesAt(principal.grants, path).some((role) => RATING_KEEPERS.includes(role));
  }

  /** The subject, if the principal may see it (else, as if it did not exist). */
  private async readable(principal: Principal, params: RatingParams): Promise<ResolvedSubject> {
    const path =
      params.kind === 'person'
        ? (await this.organisation.findPersonById(params.subjectId))?.unitPath
        : (await this.organisation.findUnitById(params.subjectId))?.path;
    if (path === undefined || rolesAt(principal.grants, path).length === 0) {
      throw subjectNotFound(params.kind, params.subjectId);
    }
    return { ref: { kind: params.kind, id: params.subjectId }, path };
  }

  private async keeping(principal: Principal, params: RatingParams): Promise<ResolvedSubject> {
    const subject = await this.readable(principal, params);
    if (!this.mayRate(principal, subject.path)) throw mayNotRate();
    if (params.kind === 'person' && params.subjectId === principal.personId) {
      throw mayNotRateSelf();
    }
    return subject;
  }

  private async peopleByCodes(codes: string[]): Promise<Map<string, KnownSubject>> {
    const found = new Map<string, KnownSubject>();
    for (let start = 0; start < codes.length; start += CODES_PER_LOOKUP) {
      const chunk = codes.slice(start, start + CODES_PER_LOOKUP);
      const people = await this.organisation.transaction((tx) => tx.findPeopleByCodes(chunk));
      const unitIds = [...new Set(people.map((person) => person.unitId))];
      const paths = new Map<string, UnitPath>();
      for (const unitId of unitIds) {
        const unit = await this.organisation.findUnitById(unitId);
        if (unit !== null) paths.set(unit.id, unit.path);
      }
      for (const person of people) {
        const path = paths.get(person.unitId);
        if (path !== undefined) found.set(person.code, { id: person.id, code: person.code, path });
      }
    }
    return found;
  }

  private async unitsByCodes(codes: string[]): Promise<Map<string, KnownSubject>> {
    const found = new Map<string, KnownSubject>();
    for (let start = 0; start < codes.length; start += CODES_PER_LOOKUP) {
      const chunk = codes.slice(start, start + CODES_PER_LOOKUP);
      for (const unit of await this.organisation.transaction((tx) => tx.findUnitsByCodes(chunk))) {
        found.set(unit.code, { id: unit.id, code: unit.code, path: unit.path });
      }
    }
    return found;
  }

  private ratingName(year: number, code: string): { vi: string; en: string } {
    const level = this.scaleFor(year)?.find((r) => r.code === code);
    return level?.name ?? { vi: code, en: code };
  }

  private view(rating: AnnualRating): RatingDto {
    return {
      id: rating.id,
      subjectKind: rating.subject.kind,
      subjectId: rating.subject.id,
      year: rating.year,
      rating: rating.rating,
      ratingName: this.ratingName(rating.year, rating.rating),
      basis: rating.basis,
      enteredBy: rating.enteredBy,
      enteredAt: rating.enteredAt,
      superseded: rating.superseded,
    };
  }

  private listedView(rating: ListedRating): ListedRatingDto {
    return {
      ...this.view(rating),
      subjectCode: rating.subjectCode,
      subjectName: rating.subjectName,
      unitId: rating.unitId,
      unitCode: rating.unitCode,
      unitName: rating.unitName,
    };
  }
}
