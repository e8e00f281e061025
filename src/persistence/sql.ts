import type { EntityManager } from 'typeorm';

export type Dialect = 'sqlite' | 'postgres';

/**
 * Hot paths use hand-written SQL instead of TypeORM's entity finders and query builder, which cost
 * 10–20× the query itself here (measured: findOneBy + grants 123 µs; the same join as plain SQL
 * through TypeORM's query() 7.6 µs). The statements are plain SQL valid on both engines; only
 * placeholders differ.
 */
export function placeholders(dialect: Dialect, count: number, start = 1): string {
  return Array.from({ length: count }, (_, i) => param(dialect, start + i)).join(', ');
}

/** `(?, ?, …), (?, ?, …)`: the placeholders of a multi-row VALUES, `columns` a row. */
export function valueRows(dialect: Dialect, count: number, columns: number): string {
  return Array.from(
    { length: count },
    (_, row) => `(${placeholders(dialect, columns, row * columns + 1)})`,
  ).join(', ');
}

export function param(dialect: Dialect, index: number): string {
  return dialect === 'postgres' ? `$${index}` : '?';
}

/** For `LIKE … ESCAPE '\'`: user text and ids must match literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/**
 * A name search as people type it: every word of the (folded) search somewhere in the column, in
 * any order ("nguyen an" finds "Nguyễn Văn An"), as the web app's pick-lists match. One
 * `LIKE '%word%'` a word, bound in the order they appear.
 */
export function containsEveryWord(
  column: string,
  foldedSearch: string,
  bind: (value: unknown) => string,
): string {
  const words = foldedSearch.split(' ').filter((word) => word !== '');
  if (words.length === 0) return '1 = 1';
  return words
    .map((word) => `${column} LIKE ${bind(`%${escapeLike(word)}%`)} ESCAPE '\\'`)
    .join(' AND ');
}

/**
 * Byte order for sorting and keyset comparisons, as SQLite does by default: a PostgreSQL database
 * with a language collation would otherwise order names and paths differently (and ignore the
 * "/" of unit paths at the first comparison level).
 */
export function byteOrder(dialect: Dialect): string {
  return dialect === 'postgres' ? ' COLLATE "C"' : '';
}

/**
 * The rows an `UPDATE … RETURNING` changed. Through query() PostgreSQL answers such a statement
 * as [rows, count] and SQLite with the rows; the Database's SQLite manager runs it on a prepared
 * statement (see prepared-statements.ts), so go through query() rather than the query runner.
 */
export async function updatedRows<T = Record<string, unknown>>(
  manager: EntityManager,
  sql: string,
  parameters: unknown[],
): Promise<T[]> {
  const answer: unknown = await manager.query(sql, parameters);
  return (
    manager.dataSource.options.type === 'postgres' ? (answer as [T[], number])[0] : answer
  ) as T[];
}

/**
 * How many rows an UPDATE or DELETE … RETURNING gave back (updatedRows gives the rows): TypeORM
 * answers `[rows, count]` on PostgreSQL and the rows alone on SQLite.
 */
export function returnedRows(result: unknown): number {
  if (!Array.isArray(result)) return 0;
  return Array.isArray(result[0]) ? (result[0] as unknown[]).length : result.length;
}
