import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DatabaseOptions } from '../../src/config/app-config';

/** PostgreSQL on this machine and CI (trust auth); override with TEST_POSTGRES_URL. */
export const POSTGRES_URL =
  process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Where test SQLite files go: a RAM disk where there is one (/dev/shm on Linux), else the temp
 * folder; TEST_SQLITE_DIR overrides. The app still commits with synchronous = FULL, but an fsync
 * there costs microseconds instead of milliseconds, and a suite commits thousands of times. No test
 * loses power: the crash test kills the app, not the machine, and a killed process's writes
 * survive in either place.
 */
const SQLITE_DIR = process.env.TEST_SQLITE_DIR ?? (existsSync('/dev/shm') ? '/dev/shm' : tmpdir());

export type DialectName = 'sqlite' | 'postgres';
/** Both, always in CI; TEST_DIALECTS=sqlite narrows a local run while working on something. */
export const DIALECTS: DialectName[] = (['sqlite', 'postgres'] as const).filter(
  (dialect) => process.env.TEST_DIALECTS?.split(',').includes(dialect) ?? true,
);

/** A fresh, empty database for one test file: a temp SQLite file, or a new PostgreSQL schema. */
export interface TestDatabase {
  dialect: DialectName;
  options: DatabaseOptions;
  /** The environment variables that point the app at this database. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  const name = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  if (dialect === 'sqlite') {
    const file = join(SQLITE_DIR, `${name}.sqlite`);
    return {
      dialect,
      options: { kind: 'sqlite', file, synchronous: 'FULL' },
      env: { SQLITE_FILE: file, DATABASE_URL: '', DATABASE_SCHEMA: '', DATABASE_POOL_SIZE: '' },
      drop: async () => {
        for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
      },
    };
  }
  const client = new Client({ connectionString: POSTGRES_URL });
  await client.connect();
  await client.query(`CREATE SCHEMA ${name}`);
  await client.end();
  return {
    dialect,
    options: { kind: 'postgres', url: POSTGRES_URL, schema: name },
    env: { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: name },
    drop: async () => {
      const cleanup = new Client({ connectionString: POSTGRES_URL });
      await cleanup.connect();
      await cleanup.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      await cleanup.end();
    },
  };
}
