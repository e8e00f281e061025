import type { EntityManager } from 'typeorm';
import type { ChangeAuthor } from '../../domain/org/change-log';
import { Database, isUniqueViolation, type Dialect } from '../database';
import { byteOrder, escapeLike, param, placeholders, returnedRows } from '../sql';
import type {
  AnnualRating,
  AnnualRatingsRepository,
  ListedRating,
  RatingChange,
  RatingsQuery,
  RatingSubjectKind,
  RatingSubjectRef,
} from './annual-ratings.repository';

interface RatingRow {
  id: string;
  subject_kind: string;
  subject_id: string;
  year: number | string;
  rating: string;
  basis: string;
  entered_by_user_id: string | null;
  entered_by: string;
  entered_at: string;
  superseded_at: string | null;
  superseded_by_user_id: string | null;
  superseded_by: string | null;
}

interface ListedRow extends RatingRow {
  subject_code: string;
  subject_name: string;
  unit_id: string;
  unit_code: string;
  unit_name: string;
  unit_path: string;
}

const COLUMNS = [
  'id',
  'subject_kind',
  'subject_id',
  'year',
  'rating',
  'basis',
  'entered_by_user_id',
  'entered_by',
  'entered_at',
  'superseded_at',
  'superseded_by_user_id',
  'superseded_by',
] as const;

const SELECTED = COLUMNS.map((column) => `r.${column}`).join(', ');

/** Subjects asked about at a time: well under either engine's limit on bound parameters. */
const SUBJECTS_PER_QUERY = 400;

export class SqlAnnualRatingsRepository implements AnnualRatingsRepository {
  constructor(private readonly database: Database) {}

  list(query: RatingsQuery): Promise<ListedRating[]> {
    const { dialect } = this.database;
    if (query.scopes !== null && query.scopes.length === 0) return Promise.resolve([]);
    const values: unknown[] = [query.year];
    const conditions = [`r.year = ${param(dialect, 1)}`, 'r.superseded_at IS NULL'];
    const pathIn = (prefixes: readonly string[]) =>
      '(' +
      prefixes
        .map((prefix) => {
          values.push(`${escapeLike(prefix)}%`);
          return `u.path LIKE ${param(dialect, values.length)} ESCAPE '\\'`;
        })
        .join(' OR ') +
      ')';
    if (query.scopes !== null) conditions.push(pathIn(query.scopes));
    if (query.withinPath !== undefined) conditions.push(pathIn([query.withinPath]));
    if (query.kind !== undefined) {
      values.push(query.kind);
      conditions.push(`r.subject_kind = ${param(dialect, values.length)}`);
    }
    const collate = byteOrder(dialect);
    // A person's unit is the one they belong to; a unit's is itself.
    const sql =
      `SELECT ${SELECTED}, COALESCE(p.code, u.code) AS subject_code, ` +
      'COALESCE(p.full_name, u.name) AS subject_name, u.id AS unit_id, u.code AS unit_code, ' +
      'u.name AS unit_name, u.path AS unit_path FROM annual_ratings r ' +
      "LEFT JOIN people p ON r.subject_kind = 'person' AND p.id = r.subject_id " +
      "JOIN units u ON u.id = CASE WHEN r.subject_kind = 'person' THEN p.unit_id " +
      `ELSE r.subject_id END WHERE ${conditions.join(' AND ')} ` +
      `ORDER BY u.path${collate}, CASE r.subject_kind WHEN 'unit' THEN 0 ELSE 1 END, ` +
      `COALESCE(p.code, u.code)${collate}, r.id${collate}`;
    return this.database.read(async (manager) => {
      const rows: ListedRow[] = await manager.query(sql, values);
      return rows.map((row): ListedRating => ({
        ...toRating(row),
        subjectCode: row.subject_code,
        subjectName: row.subject_name,
        unitId: row.unit_id,
        unitCode: row.unit_code,
        unitName: row.unit_name,
        unitPath: row.unit_path,
      }));
    });
  }

  currentOf(subjects: readonly RatingSubjectRef[]): Promise<AnnualRating[]> {
    const { dialect } = this.database;
    return this.database.read(async (manager) => {
      const found: AnnualRating[] = [];
      for (const kind of ['person', 'unit'] as const) {
        const ids = [...new Set(subjects.filter((s) => s.kind === kind).map((s) => s.id))];
        for (let start = 0; start < ids.length; start += SUBJECTS_PER_QUERY) {
          const chunk = ids.slice(start, start + SUBJECTS_PER_QUERY);
          const rows: RatingRow[] = await manager.query(
            `SELECT ${SELECTED} FROM annual_ratings r WHERE r.subject_kind = ${param(dialect, 1)} ` +
              `AND r.subject_id IN (${placeholders(dialect, chunk.length, 2)}) ` +
              'AND r.superseded_at IS NULL ORDER BY r.year',
            [kind, ...chunk],
          );
          found.push(...rows.map(toRating));
        }
      }
      return found;
    });
  }

  historyOf(subject: RatingSubjectRef, year: number): Promise<AnnualRating[]> {
    const { dialect } = this.database;
    const p = (index: number) => param(dialect, index);
    return this.database.read(async (manager) => {
      const rows: RatingRow[] = await manager.query(
        `SELECT ${SELECTED} FROM annual_ratings r WHERE r.subject_kind = ${p(1)} ` +
          `AND r.subject_id = ${p(2)} AND r.year = ${p(3)} ` +
          'ORDER BY CASE WHEN r.superseded_at IS NULL THEN 0 ELSE 1 END, ' +
          `r.entered_at DESC, r.id${byteOrder(dialect)} DESC`,
        [subject.kind, subject.id, year],
      );
      return rows.map(toRating);
    });
  }

  async record(changes: readonly RatingChange[]): Promise<boolean> {
    const { dialect } = this.database;
    try {
      await this.database.write(async (manager) => {
        for (const { rating, replaces } of changes) {
          if (replaces !== null) {
            const change = { at: rating.enteredAt, by: rating.enteredBy };
            if ((await supersedeOne(manager, dialect, replaces, change)) === 0) {
              throw new RatingChangedMeanwhile();
            }
          }
          await manager.query(
            `INSERT INTO annual_ratings (${COLUMNS.join(', ')}) ` +
              `VALUES (${placeholders(dialect, COLUMNS.length)})`,
            [
              rating.id,
              rating.subject.kind,
              rating.subject.id,
              rating.year,
              rating.rating,
              rating.basis,
              rating.enteredBy.userId,
              rating.enteredBy.username,
              rating.enteredAt,
              null,
              null,
              null,
            ],
          );
        }
      });
      return true;
    } catch (error) {
      // Superseded by another writer after ours was read (RatingChangedMeanwhile), or
      // annual_ratings_current: another writer made its rating current where none was.
      if (error instanceof RatingChangedMeanwhile || isUniqueViolation(error)) return false;
      throw error;
    }
  }

  withdraw(
    subject: RatingSubjectRef,
    year: number,
    at: string,
    by: ChangeAuthor,
  ): Promise<boolean> {
    const { dialect } = this.database;
    return this.database.write(
      async (manager) => (await supersede(manager, dialect, subject, year, { at, by })) > 0,
    );
  }
}

/** Thrown inside record()'s transaction to undo it. */
class RatingChangedMeanwhile extends Error {}

/** Marks this rating superseded if it is still current; how many rows it marked (0 or 1). */
async function supersedeOne(
  manager: EntityManager,
  dialect: Dialect,
  id: string,
  change: { at: string; by: ChangeAuthor },
): Promise<number> {
  const p = (index: number) => param(dialect, index);
  const updated: unknown = await manager.query(
    `UPDATE annual_ratings SET superseded_at = ${p(1)}, superseded_by_user_id = ${p(2)}, ` +
      `superseded_by = ${p(3)} WHERE id = ${p(4)} AND superseded_at IS NULL RETURNING id`,
    [change.at, change.by.userId, change.by.username, id],
  );
  return returnedRows(updated);
}

/** Marks the subject's current rating of the year superseded; how many rows it marked (0 or 1). */
async function supersede(
  manager: EntityManager,
  dialect: Dialect,
  subject: RatingSubjectRef,
  year: number,
  change: { at: string; by: ChangeAuthor },
): Promise<number> {
  const p = (index: number) => param(dialect, index);
  const updated: unknown = await manager.query(
    `UPDATE annual_ratings SET superseded_at = ${p(1)}, superseded_by_user_id = ${p(2)}, ` +
      `superseded_by = ${p(3)} WHERE subject_kind = ${p(4)} AND subject_id = ${p(5)} ` +
      `AND year = ${p(6)} AND superseded_at IS NULL RETURNING id`,
    [change.at, change.by.userId, change.by.username, subject.kind, subject.id, year],
  );
  return returnedRows(updated);
}

function toRating(row: RatingRow): AnnualRating {
  return {
    id: row.id,
    subject: { kind: row.subject_kind as RatingSubjectKind, id: row.subject_id },
    year: Number(row.year),
    rating: row.rating,
    basis: row.basis,
    enteredBy: { userId: row.entered_by_user_id, username: row.entered_by },
    enteredAt: row.entered_at,
    superseded:
      row.superseded_at === null
        ? null
        : {
            at: row.superseded_at,
            by: { userId: row.superseded_by_user_id, username: row.superseded_by ?? '' },
          },
  };
}
