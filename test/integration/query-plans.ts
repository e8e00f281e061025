import type { EntityManager } from 'typeorm';
import { Database } from '../../src/persistence/database';

/**
 * Query plans for the specs that check a query is served by an index: each statement explained
 * on the connection it runs on, as the database would run it with its real parameters.
 */
export interface Plan {
  /** PostgreSQL: every node as "Node Type on relation using index"; SQLite: each plan line. */
  lines: string[];
  text: string;
}

/** Flattens a PostgreSQL JSON plan into one line per node. */
function postgresLines(node: Record<string, unknown>, out: string[] = []): string[] {
  const parts = [String(node['Node Type'])];
  if (node['Relation Name']) parts.push(`on ${String(node['Relation Name'])}`);
  if (node['Index Name']) parts.push(`using ${String(node['Index Name'])}`);
  if (node['Index Cond']) parts.push(`where ${String(node['Index Cond'])}`);
  out.push(parts.join(' '));
  for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) {
    postgresLines(child, out);
  }
  return out;
}

/** A Database whose reads run as usual but first explain each statement they send. */
export class ExplainingDatabase extends Database {
  readonly plans: Plan[] = [];

  override read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return super.read((manager) => {
      const explaining = new Proxy(manager, {
        get: (target, key, receiver) =>
          key === 'query'
            ? async (sql: string, parameters?: unknown[]) => {
                this.plans.push(await explain(target, sql, parameters));
                return target.query(sql, parameters);
              }
            : Reflect.get(target, key, receiver),
      });
      return work(explaining);
    });
  }

  /**
   * SQLite's exports and searches read on reader threads: the plan is asked for on the app's
   * connection. (PostgreSQL's go through read(), explained there.)
   */
  override async readOnAReaderThread<R extends Record<string, unknown>>(
    sql: string,
    values: readonly unknown[] = [],
  ): Promise<R[]> {
    if (this.dialect === 'postgres') return super.readOnAReaderThread<R>(sql, values);
    const plan = await super.read((manager) => explain(manager, sql, [...values]));
    this.plans.push(plan);
    return super.readOnAReaderThread<R>(sql, values);
  }
}

/** The plan of `sql` with these parameters, asked on `manager`'s connection. */
export async function explain(
  manager: EntityManager,
  sql: string,
  parameters: unknown[] | undefined,
): Promise<Plan> {
  if (manager.connection.options.type === 'postgres') {
    const rows: { 'QUERY PLAN': { Plan: Record<string, unknown> }[] }[] = await manager.query(
      `EXPLAIN (FORMAT JSON) ${sql}`,
      parameters,
    );
    const lines = postgresLines(rows[0]['QUERY PLAN'][0].Plan);
    return { lines, text: lines.join('\n') };
  }
  const rows: { detail: string }[] = await manager.query(`EXPLAIN QUERY PLAN ${sql}`, parameters);
  const lines = rows.map((row) => row.detail);
  return { lines, text: lines.join('\n') };
}
