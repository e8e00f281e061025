import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

/**
 * The tables (queries) whose content a refused request must not change, each with its primary key order.
 * login_throttle is left out on purpose: a refused login is supposed to count against the account.
 */
export const DIGEST_TABLES: Record<string, string> = {
  users: 'SELECT * FROM users ORDER BY id',
  role_grants: 'SELECT * FROM role_grants ORDER BY id',
  units: 'SELECT * FROM units ORDER BY id',
  people: 'SELECT * FROM people ORDER BY id',
  cases: 'SELECT * FROM cases ORDER BY id',
  case_events: 'SELECT * FROM case_events ORDER BY case_id, seq',
  admin_changes: "SELECT * FROM admin_changes WHERE action <> 'login_locked' ORDER BY id",
  /**
   * Kept apart: a refused login that locks a real account writes `login_locked` to the account's
   * change log, by design (src/auth/auth.service.ts), like login_throttle.
   */
  'admin_changes[login_locked]':
    "SELECT * FROM admin_changes WHERE action = 'login_locked' ORDER BY id",
  idempotency_keys: 'SELECT * FROM idempotency_keys ORDER BY user_id, idempotency_key',
  // The stored file is covered by its sha256.
  case_documents:
    'SELECT id, case_id, code, file_name, media_type, size, sha256, uploaded_by, uploaded_at ' +
    'FROM case_documents ORDER BY id',
  award_certificates: 'SELECT * FROM award_certificates ORDER BY verification_code',
  decision_sequences: 'SELECT * FROM decision_sequences ORDER BY issuing_unit_id, year',
  historical_awards: 'SELECT * FROM historical_awards ORDER BY id',
  councils: 'SELECT * FROM councils ORDER BY id',
  council_members: 'SELECT * FROM council_members ORDER BY id',
  // The ballot box: a refused ballot (not a voter, twice, recused, closed …) leaves all four alone.
  ballot_participation:
    'SELECT * FROM ballot_participation ORDER BY session_id, item_case_id, person_id',
  sealed_ballots: 'SELECT * FROM sealed_ballots ORDER BY id',
  ballot_contents: 'SELECT * FROM ballot_contents ORDER BY session_id, item_case_id, receipt_hash',
  open_ballots: 'SELECT * FROM open_ballots ORDER BY session_id, item_case_id, person_id',
};

/** What a refused login may change besides login_throttle. */
export const LOGIN_LOCK_TABLES = ['admin_changes[login_locked]'];

/** Per table: row count and a hash of every row (in primary key order). */
export type Digest = Record<string, { rows: number; hash: string }>;

/**
 * A digest of the whole state. Full rows, not just counts, so that a refused PATCH that still
 * half-applied its change (same count, different content) is caught too.
 */
export async function databaseDigest(dataSource: DataSource): Promise<Digest> {
  const digest: Digest = {};
  for (const [table, query] of Object.entries(DIGEST_TABLES)) {
    const rows: Record<string, unknown>[] = await dataSource.query(query);
    const hash = createHash('sha256');
    for (const row of rows) {
      // Same hash on both dialects: booleans come back as 0/1 from SQLite, true/false from pg.
      const values = Object.keys(row)
        .sort()
        .map((key) => `${key}=${typeof row[key] === 'boolean' ? Number(row[key]) : row[key]}`);
      hash.update(values.join('\u0001')).update('\u0002');
    }
    digest[table] = { rows: rows.length, hash: hash.digest('hex').slice(0, 16) };
  }
  return digest;
}

/** The tables that differ between two digests, e.g. `["cases: 3 → 4 rows"]`. */
export function digestDifferences(before: Digest, after: Digest, allowed: string[] = []): string[] {
  return Object.keys(DIGEST_TABLES)
    .filter((table) => !allowed.includes(table) && before[table].hash !== after[table].hash)
    .map((table) =>
      before[table].rows === after[table].rows
        ? `${table}: content changed (${before[table].rows} rows)`
        : `${table}: ${before[table].rows} → ${after[table].rows} rows`,
    );
}
