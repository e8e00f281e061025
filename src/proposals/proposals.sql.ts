import type { EntityManager } from 'typeorm';
import type { Dialect } from '../persistence/database';
import { byteOrder, escapeLike, param, placeholders } from '../persistence/sql';

/** A proposal's own row (the case holds its state, data and history). */
export interface ProposalRow {
  caseId: string;
  number: string;
  year: number;
  sequence: number;
  format: 'party' | 'state';
  series: string;
  proposingUnitId: string;
  toAuthority: string;
  toUnitId: string | null;
  nominationCount: number;
  proposedOn: string;
  proposedAt: string;
  decidedOn: string | null;
}

/** A proposal's row with its units' places in the tree as they are now. */
export interface StoredProposal extends ProposalRow {
  proposingUnitPath: string;
  toUnitPath: string | null;
}

/** A proposal as lists show it: its row, its case's state and the units' names. */
export interface ListedProposal extends StoredProposal {
  state: string;
  workflowId: string;
  workflowVersion: number;
  proposingUnitName: string;
  toUnitName: string | null;
}

export interface ProposalListQuery {
  direction: 'in' | 'out';
  /** Subtrees the caller reads (null: the whole organisation). */
  scopes: (string | null)[];
  state?: string;
  /** Keyset: proposals opened before this one (case ids are time-ordered UUIDv7). */
  before?: string;
  limit: number;
}

type Row = Record<string, unknown>;

const COLUMNS = [
  'case_id',
  'number',
  'year',
  'sequence',
  'format',
  'series',
  'proposing_unit_id',
  'to_authority',
  'to_unit_id',
  'nomination_count',
  'proposed_on',
  'proposed_at',
  'decided_on',
] as const;

/** The row with its units' current paths (`pu`, `tu`: the proposing and receiving units). */
const SELECT_WITH_PATHS =
  `SELECT ${COLUMNS.map((c) => `pr.${c}`).join(', ')}, ` +
  'pu.path AS proposing_unit_path, tu.path AS to_unit_path';
const FROM_WITH_UNITS =
  'FROM proposals pr JOIN units pu ON pu.id = pr.proposing_unit_id ' +
  'LEFT JOIN units tu ON tu.id = pr.to_unit_id';

function toProposal(row: Row): StoredProposal {
  return {
    caseId: String(row.case_id),
    number: String(row.number),
    year: Number(row.year),
    sequence: Number(row.sequence),
    format: row.format === 'party' ? 'party' : 'state',
    series: String(row.series),
    proposingUnitId: String(row.proposing_unit_id),
    proposingUnitPath: String(row.proposing_unit_path),
    toAuthority: String(row.to_authority),
    toUnitId: row.to_unit_id === null ? null : String(row.to_unit_id),
    toUnitPath: row.to_unit_path === null ? null : String(row.to_unit_path),
    nominationCount: Number(row.nomination_count),
    proposedOn: String(row.proposed_on),
    proposedAt: String(row.proposed_at),
    decidedOn: row.decided_on === null ? null : String(row.decided_on),
  };
}

/** Plain SQL valid on SQLite and PostgreSQL, on a manager the caller holds. */
export class ProposalsSql {
  constructor(private readonly dialect: Dialect) {}

  /** The next letter number of this unit in this year (1, 2, 3…; never reused). */
  async nextSequence(manager: EntityManager, unitId: string, year: number): Promise<number> {
    const p = (i: number) => param(this.dialect, i);
    const rows: { last_sequence: number }[] = await manager.query(
      `INSERT INTO proposal_sequences (unit_id, year, last_sequence) VALUES (${p(1)}, ${p(2)}, 1) ` +
        'ON CONFLICT (unit_id, year) DO UPDATE SET last_sequence = proposal_sequences.last_sequence + 1 ' +
        'RETURNING last_sequence',
      [unitId, year],
    );
    return Number(rows[0].last_sequence);
  }

  /** A unit as the letter needs it, read on the transaction's own manager. */
  async unit(
    manager: EntityManager,
    unitId: string,
  ): Promise<{ id: string; code: string; name: string; path: string } | null> {
    const rows: Row[] = await manager.query(
      `SELECT id, code, name, path FROM units WHERE id = ${param(this.dialect, 1)}`,
      [unitId],
    );
    if (rows.length === 0) return null;
    const [row] = rows;
    return {
      id: String(row.id),
      code: String(row.code),
      name: String(row.name),
      path: String(row.path),
    };
  }

  /** The authorities a unit acts as now, by code, with their series. */
  async activeAuthorities(
    manager: EntityManager,
    unitId: string,
  ): Promise<{ authorityCode: string; seriesCode: string }[]> {
    const rows: Row[] = await manager.query(
      'SELECT authority_code, series_code FROM unit_authorities ' +
        `WHERE active = true AND unit_id = ${param(this.dialect, 1)} ORDER BY authority_code`,
      [unitId],
    );
    return rows.map((row) => ({
      authorityCode: String(row.authority_code),
      seriesCode: String(row.series_code),
    }));
  }

  /** The display name of the unit's leader (an active account with unit_leader at the unit). */
  async leaderName(manager: EntityManager, unitId: string): Promise<string | null> {
    const rows: Row[] = await manager.query(
      'SELECT u.display_name FROM role_grants g JOIN users u ON u.id = g.user_id ' +
        `WHERE g.role = 'unit_leader' AND g.unit_id = ${param(this.dialect, 1)} AND u.active = true ` +
        'ORDER BY g.created_at, g.id LIMIT 1',
      [unitId],
    );
    return rows.length === 0 ? null : String(rows[0].display_name);
  }

  async insert(manager: EntityManager, proposal: ProposalRow): Promise<void> {
    await manager.query(
      `INSERT INTO proposals (${COLUMNS.join(', ')}) VALUES (${placeholders(this.dialect, COLUMNS.length)})`,
      [
        proposal.caseId,
        proposal.number,
        proposal.year,
        proposal.sequence,
        proposal.format,
        proposal.series,
        proposal.proposingUnitId,
        proposal.toAuthority,
        proposal.toUnitId,
        proposal.nominationCount,
        proposal.proposedOn,
        proposal.proposedAt,
        proposal.decidedOn,
      ],
    );
  }

  async markDecided(manager: EntityManager, caseId: string, decidedOn: string): Promise<void> {
    const p = (i: number) => param(this.dialect, i);
    await manager.query(`UPDATE proposals SET decided_on = ${p(1)} WHERE case_id = ${p(2)}`, [
      decidedOn,
      caseId,
    ]);
  }

  async find(manager: EntityManager, caseId: string): Promise<StoredProposal | null> {
    const rows: Row[] = await manager.query(
      `${SELECT_WITH_PATHS} ${FROM_WITH_UNITS} WHERE pr.case_id = ${param(this.dialect, 1)}`,
      [caseId],
    );
    return rows.length === 0 ? null : toProposal(rows[0]);
  }

  /**
   * Proposals sent from (out) or to (in) the units of the caller's scopes, newest first. `in` lists
   * only proposals to a unit of this system (one to an outside authority has no receiver here).
   */
  async list(manager: EntityManager, query: ProposalListQuery): Promise<ListedProposal[]> {
    const args: unknown[] = [];
    const p = (value: unknown) => {
      args.push(value);
      return param(this.dialect, args.length);
    };
    const column = query.direction === 'in' ? 'tu.path' : 'pu.path';
    const where: string[] = [];
    if (query.direction === 'in') where.push('pr.to_unit_id IS NOT NULL');
    if (!query.scopes.includes(null)) {
      if (query.scopes.length === 0) return [];
      where.push(
        `(${query.scopes
          .map((scope) => `${column} LIKE ${p(`${escapeLike(scope!)}%`)} ESCAPE '\\'`)
          .join(' OR ')})`,
      );
    }
    if (query.state !== undefined) where.push(`c.state = ${p(query.state)}`);
    if (query.before !== undefined) {
      where.push(`pr.case_id${byteOrder(this.dialect)} < ${p(query.before)}`);
    }
    const rows: Row[] = await manager.query(
      `${SELECT_WITH_PATHS}, c.state, c.workflow_id, c.workflow_version, ` +
        'pu.name AS proposing_unit_name, tu.name AS to_unit_name ' +
        `${FROM_WITH_UNITS} JOIN cases c ON c.id = pr.case_id ` +
        (where.length === 0 ? '' : `WHERE ${where.join(' AND ')} `) +
        `ORDER BY pr.case_id${byteOrder(this.dialect)} DESC ` +
        `LIMIT ${p(query.limit)}`,
      args,
    );
    return rows.map((row) => ({
      ...toProposal(row),
      state: String(row.state),
      workflowId: String(row.workflow_id),
      workflowVersion: Number(row.workflow_version),
      proposingUnitName: String(row.proposing_unit_name),
      toUnitName: row.to_unit_name === null ? null : String(row.to_unit_name),
    }));
  }
}
