import type { EntityManager } from 'typeorm';
import type { AdminChange } from '../../domain/org/change-log';
import type { HeldAward } from '../../domain/rules/eligibility-types';
import { Database, type Dialect } from '../database';
import { param, placeholders, returnedRows } from '../sql';
import { insertAdminChanges } from './admin-changes.sql';
import type {
  AwardSubjects,
  CodedSubject,
  HistoricalAwardsRepository,
  HistoricalAwardsTransaction,
  StoredHistoricalAward,
} from './historical-awards.repository';

const COLUMNS = [
  'id',
  'subject_kind',
  'person_id',
  'unit_id',
  'award_code',
  'year',
  'status',
  'decision_number',
  'decided_on',
  'revoked_on',
  'note',
  'imported_at',
  'imported_by',
  'demo',
] as const;

/** What an update may change: not the id, and not the subject, award and year that identify it. */
const UPDATABLE_COLUMNS = [
  'status',
  'decision_number',
  'decided_on',
  'revoked_on',
  'note',
  'imported_at',
  'imported_by',
] as const;

/** Ids per `IN (…)`, well under SQLite's and PostgreSQL's parameter limits. */
const IN_LIST_CHUNK = 500;

type Row = Record<string, unknown>;

/** Imported past awards, in plain SQL valid on SQLite and PostgreSQL. */
export class TypeOrmHistoricalAwardsRepository implements HistoricalAwardsRepository {
  constructor(private readonly database: Database) {}

  async heldBy(subjects: {
    personIds: string[];
    unitIds: string[];
  }): Promise<Map<string, HeldAward[]>> {
    const held = new Map<string, HeldAward[]>();
    for (const id of [...subjects.personIds, ...subjects.unitIds]) held.set(id, []);
    for (const award of await this.findBySubjects(subjects)) {
      const subjectId = award.personId ?? award.unitId!;
      held.get(subjectId)!.push(toHeldAward(award));
    }
    return held;
  }

  findBySubjects(subjects: AwardSubjects): Promise<StoredHistoricalAward[]> {
    return this.database.read((manager) =>
      findBySubjects(manager, this.database.dialect, subjects),
    );
  }

  transaction<T>(work: (tx: HistoricalAwardsTransaction) => Promise<T>): Promise<T> {
    return this.database.write((manager) =>
      work(new SqlHistoricalAwardsTransaction(manager, this.database.dialect)),
    );
  }
}

class SqlHistoricalAwardsTransaction implements HistoricalAwardsTransaction {
  constructor(
    private readonly manager: EntityManager,
    private readonly dialect: Dialect,
  ) {}

  async findPeopleByCodes(codes: readonly string[]): Promise<CodedSubject[]> {
    const rows = await selectIn(
      this.manager,
      this.dialect,
      'SELECT id, code FROM people',
      'code',
      codes,
    );
    return rows.map(toCodedSubject);
  }

  async findUnitsByCodes(codes: readonly string[]): Promise<CodedSubject[]> {
    const rows = await selectIn(
      this.manager,
      this.dialect,
      'SELECT id, code FROM units',
      'code',
      codes,
    );
    return rows.map(toCodedSubject);
  }

  findBySubjects(subjects: AwardSubjects): Promise<StoredHistoricalAward[]> {
    return findBySubjects(this.manager, this.dialect, subjects);
  }

  async insert(award: StoredHistoricalAward): Promise<void> {
    await this.manager.query(
      `INSERT INTO historical_awards (${COLUMNS.join(', ')}) ` +
        `VALUES (${placeholders(this.dialect, COLUMNS.length)})`,
      awardValues(award),
    );
  }

  async update(award: StoredHistoricalAward, expected: StoredHistoricalAward): Promise<boolean> {
    const assignments = UPDATABLE_COLUMNS.map(
      (column, index) => `${column} = ${param(this.dialect, index + 1)}`,
    ).join(', ');
    const updated: unknown = await this.manager.query(
      `UPDATE historical_awards SET ${assignments} ` +
        `WHERE id = ${param(this.dialect, UPDATABLE_COLUMNS.length + 1)} ` +
        `AND imported_at = ${param(this.dialect, UPDATABLE_COLUMNS.length + 2)} RETURNING id`,
      [
        award.status,
        award.decisionNumber,
        award.decidedOn,
        award.revokedOn,
        award.note,
        award.importedAt,
        award.importedBy,
        award.id,
        expected.importedAt,
      ],
    );
    return returnedRows(updated) === 1;
  }

  recordChanges(changes: AdminChange[]): Promise<void> {
    return insertAdminChanges(this.manager, this.dialect, changes);
  }
}

async function findBySubjects(
  manager: EntityManager,
  dialect: Dialect,
  subjects: AwardSubjects,
): Promise<StoredHistoricalAward[]> {
  const select = `SELECT ${COLUMNS.join(', ')} FROM historical_awards`;
  const rows = [
    ...(await selectIn(manager, dialect, select, 'person_id', subjects.personIds)),
    ...(await selectIn(manager, dialect, select, 'unit_id', subjects.unitIds)),
  ];
  return rows.map(toStoredAward).sort(byYearThenCode);
}

/** `select … WHERE key IN (…)` for every value, in chunks; no values, no query. */
async function selectIn(
  manager: EntityManager,
  dialect: Dialect,
  select: string,
  key: string,
  values: readonly string[],
): Promise<Row[]> {
  const rows: Row[] = [];
  const unique = [...new Set(values)];
  for (let start = 0; start < unique.length; start += IN_LIST_CHUNK) {
    const chunk = unique.slice(start, start + IN_LIST_CHUNK);
    rows.push(
      ...(await manager.query(
        `${select} WHERE ${key} IN (${placeholders(dialect, chunk.length)})`,
        chunk,
      )),
    );
  }
  return rows;
}

const byYearThenCode = (a: StoredHistoricalAward, b: StoredHistoricalAward) =>
  a.year - b.year || (a.awardCode < b.awardCode ? -1 : a.awardCode > b.awardCode ? 1 : 0);

function toHeldAward(award: StoredHistoricalAward): HeldAward {
  const held: HeldAward = {
    awardCode: award.awardCode,
    year: award.year,
    status: award.status,
    source: 'import',
  };
  if (award.decisionNumber !== null) held.reference = award.decisionNumber;
  return held;
}

const nullable = (value: unknown) => (value === null || value === undefined ? null : String(value));

function toCodedSubject(row: Row): CodedSubject {
  return { id: String(row.id), code: String(row.code) };
}

function toStoredAward(row: Row): StoredHistoricalAward {
  return {
    id: String(row.id),
    subjectKind: String(row.subject_kind) as StoredHistoricalAward['subjectKind'],
    personId: nullable(row.person_id),
    unitId: nullable(row.unit_id),
    awardCode: String(row.award_code),
    year: Number(row.year),
    status: String(row.status) as StoredHistoricalAward['status'],
    decisionNumber: nullable(row.decision_number),
    decidedOn: nullable(row.decided_on),
    revokedOn: nullable(row.revoked_on),
    note: nullable(row.note),
    importedAt: String(row.imported_at),
    importedBy: String(row.imported_by),
    demo: Boolean(row.demo),
  };
}

function awardValues(award: StoredHistoricalAward): unknown[] {
  return [
    award.id,
    award.subjectKind,
    award.personId,
    award.unitId,
    award.awardCode,
    award.year,
    award.status,
    award.decisionNumber,
    award.decidedOn,
    award.revokedOn,
    award.note,
    award.importedAt,
    award.importedBy,
    award.demo,
  ];
}
