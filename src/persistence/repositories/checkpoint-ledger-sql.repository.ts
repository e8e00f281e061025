import { setImmediate as nextTurn } from 'node:timers/promises';
import type { EntityManager } from 'typeorm';
import {
  compareCaseIds,
  leafHash,
  type ChainHead,
  type Checkpoint,
} from '../../domain/audit/checkpoint';
import { isCompleteNode, type TreeNode } from '../../domain/audit/merkle-tree';
import { PreconditionFailedError, type BackgroundStatement } from '../background-connection';
import { Database, isUniqueViolation } from '../database';
import { param, placeholders, updatedRows, valueRows } from '../sql';
import {
  BuilderLeaseLostError,
  type CheckpointLedger,
  type LeafHead,
  type PendingHead,
  type TreeState,
} from './checkpoint-ledger.repository';

/** Ids per `IN (…)`: a read of this many rows stays around a millisecond on SQLite. */
const CHUNK = 500;

const CHECKPOINT_COLUMNS =
  'seq, at, case_count, event_count, root, prev_hash, hash, signature, key_id, version';

type Row = Record<string, unknown>;

/** The checkpoint ledger in plain SQL, the same on SQLite and PostgreSQL. */
export class SqlCheckpointLedger implements CheckpointLedger {
  constructor(private readonly database: Database) {}

  private p(index: number): string {
    return param(this.database.dialect, index);
  }

  /**
   * One short read, off the event loop where the database allows (SQLite's background
   * connection: at millions of records the builder's reads touch pages the OS has not cached, and
   * a synchronous read waiting on the disk held every request), after a turn of the event loop:
   * where a read still runs synchronously (an in-memory database) its promise settles in
   * microtasks, and a loop of them would never let a timer or a request in between two of ours.
   */
  private async read(sql: string, values: unknown[] = []): Promise<Row[]> {
    await nextTurn();
    return this.database.readOffTheEventLoop(sql, values);
  }

  /**
   * A read of the small tables (the checkpoints, the tree's state): on the app's connection, so
   * a request listing checkpoints, or an export naming the latest, never queues behind the
   * builder's work on the background connection.
   */
  private readSmall(sql: string, values: unknown[] = []): Promise<Row[]> {
    return this.database.read((manager) => manager.query(sql, values) as Promise<Row[]>);
  }

  async latestCheckpoint(): Promise<Checkpoint | null> {
    const rows = await this.readSmall(
      `SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoints ORDER BY seq DESC LIMIT 1`,
    );
    return rows.length ? toCheckpoint(rows[0]) : null;
  }

  async checkpoints(): Promise<Checkpoint[]> {
    const rows = await this.readSmall(
      `SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoints ORDER BY seq`,
    );
    return rows.map(toCheckpoint);
  }

  async lastLegacySeq(): Promise<number | null> {
    const rows = await this.readSmall(
      'SELECT MAX(seq) AS seq FROM audit_checkpoints WHERE version IS NULL',
    );
    return rows[0].seq === null ? null : Number(rows[0].seq);
  }

  async headsOf(checkpointSeq: number): Promise<ChainHead[]> {
    const rows = await this.readSmall(
      `SELECT version FROM audit_checkpoints WHERE seq = ${this.p(1)}`,
      [checkpointSeq],
    );
    if (rows.length === 0) return [];
    const heads: ChainHead[] = [];
    if (rows[0].version === null) {
      let after: string | null = null;
      for (;;) {
        const page = await this.legacyHeads(checkpointSeq, after, 2000);
        heads.push(...page);
        if (page.length < 2000) break;
        after = page[page.length - 1].caseId;
      }
      return heads.sort((a, b) => compareCaseIds(a.caseId, b.caseId));
    }
    // The latest change of each leaf up to this checkpoint, a page of leaves at a time.
    let after = -1;
    for (;;) {
      const page = await this.read(
        'SELECT c.leaf_index, c.case_id, c.seq, c.hash FROM checkpoint_head_changes c ' +
          `WHERE c.leaf_index > ${this.p(1)} AND c.checkpoint_seq = (SELECT MAX(d.checkpoint_seq) ` +
          'FROM checkpoint_head_changes d WHERE d.leaf_index = c.leaf_index ' +
          `AND d.checkpoint_seq <= ${this.p(2)}) ORDER BY c.leaf_index LIMIT 2000`,
        [after, checkpointSeq],
      );
      heads.push(...page.map((row) => toChainHead(row)));
      if (page.length < 2000) return heads;
      after = Number(page[page.length - 1].leaf_index);
    }
  }

  async legacyHeads(
    checkpointSeq: number,
    afterCaseId: string | null,
    limit: number,
  ): Promise<ChainHead[]> {
    // Placeholders numbered in the order they appear: SQLite's "?" are positional.
    const rows = await this.read(
      'SELECT case_id, seq, hash FROM audit_checkpoint_heads ' +
        `WHERE checkpoint_seq = ${this.p(1)}` +
        (afterCaseId === null ? '' : ` AND case_id > ${this.p(2)}`) +
        // The primary key's order (not byte order on PostgreSQL): the pages only have to join up.
        ` ORDER BY case_id LIMIT ${this.p(afterCaseId === null ? 2 : 3)}`,
      afterCaseId === null ? [checkpointSeq, limit] : [checkpointSeq, afterCaseId, limit],
    );
    return rows.map(toChainHead);
  }

  async legacyHeadsOf(
    checkpointSeq: number,
    caseIds: readonly string[],
  ): Promise<Map<string, ChainHead>> {
    const found = new Map<string, ChainHead>();
    for (const ids of chunks(caseIds)) {
      const rows = await this.read(
        'SELECT case_id, seq, hash FROM audit_checkpoint_heads ' +
          `WHERE checkpoint_seq = ${this.p(1)} AND case_id IN (${placeholders(this.database.dialect, ids.length, 2)})`,
        [checkpointSeq, ...ids],
      );
      for (const row of rows) found.set(String(row.case_id), toChainHead(row));
    }
    return found;
  }

  async changesOf(checkpointSeq: number, afterLeaf: number, limit: number): Promise<LeafHead[]> {
    const rows = await this.read(
      'SELECT leaf_index, case_id, seq, hash FROM checkpoint_head_changes ' +
        `WHERE checkpoint_seq = ${this.p(1)} AND leaf_index > ${this.p(2)} ` +
        `ORDER BY leaf_index LIMIT ${this.p(3)}`,
      [checkpointSeq, afterLeaf, limit],
    );
    return rows.map(toLeafHead);
  }

  async treeState(): Promise<TreeState> {
    const [row] = await this.readSmall(
      'SELECT checkpoint_seq, leaf_count, event_count, dirty FROM checkpoint_tree_state WHERE id = 1',
    );
    return {
      checkpointSeq: Number(row.checkpoint_seq),
      leafCount: Number(row.leaf_count),
      eventCount: Number(row.event_count),
      dirty: Number(row.dirty) !== 0,
    };
  }

  async pendingHeads(afterCaseId: string | null, limit: number): Promise<PendingHead[]> {
    const rows = await this.read(
      'SELECT case_id, hash FROM checkpoint_pending_heads' +
        (afterCaseId === null ? '' : ` WHERE case_id > ${this.p(1)}`) +
        ` ORDER BY case_id LIMIT ${this.p(afterCaseId === null ? 1 : 2)}`,
      afterCaseId === null ? [limit] : [afterCaseId, limit],
    );
    return rows.map((row) => ({
      caseId: String(row.case_id),
      hash: row.hash === null ? null : String(row.hash),
    }));
  }

  async pendingRecords(limit: number): Promise<{ cases: number; records: number }> {
    // A deleted case counts as one record: any change is a reason to look.
    const [row] = await this.read(
      'SELECT COUNT(*) AS cases, COALESCE(SUM(CASE WHEN c.version IS NULL THEN 1 ' +
        'ELSE c.version - COALESCE(l.seq, 0) END), 0) AS records ' +
        `FROM (SELECT case_id FROM checkpoint_pending_heads LIMIT ${this.p(1)}) p ` +
        'LEFT JOIN cases c ON c.id = p.case_id LEFT JOIN checkpoint_leaves l ON l.case_id = p.case_id',
      [limit],
    );
    return { cases: Number(row.cases), records: Number(row.records) };
  }

  async currentHeads(caseIds: readonly string[]): Promise<Map<string, ChainHead>> {
    const found = new Map<string, ChainHead>();
    for (const ids of chunks(caseIds)) {
      const rows = await this.read(
        'SELECT e.case_id, e.seq, e.hash FROM case_events e ' +
          `WHERE e.case_id IN (${placeholders(this.database.dialect, ids.length)}) ` +
          'AND e.seq = (SELECT MAX(m.seq) FROM case_events m WHERE m.case_id = e.case_id)',
        ids,
      );
      for (const row of rows) found.set(String(row.case_id), toChainHead(row));
    }
    return found;
  }

  async hashesAt(
    positions: readonly { caseId: string; seq: number }[],
  ): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const chunk of chunks(positions)) {
      const pairs = chunk.map(
        (_, j) => `(case_id = ${this.p(j * 2 + 1)} AND seq = ${this.p(j * 2 + 2)})`,
      );
      const rows = await this.read(
        `SELECT case_id, hash FROM case_events WHERE ${pairs.join(' OR ')}`,
        chunk.flatMap((position) => [position.caseId, position.seq]),
      );
      for (const row of rows) found.set(String(row.case_id), String(row.hash));
    }
    return found;
  }

  async existingCases(caseIds: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const ids of chunks(caseIds)) {
      const rows = await this.read(
        `SELECT id FROM cases WHERE id IN (${placeholders(this.database.dialect, ids.length)})`,
        ids,
      );
      for (const row of rows) found.add(String(row.id));
    }
    return found;
  }

  async leavesOfCases(caseIds: readonly string[]): Promise<Map<string, LeafHead>> {
    const found = new Map<string, LeafHead>();
    for (const ids of chunks(caseIds)) {
      const rows = await this.read(
        'SELECT leaf_index, case_id, seq, hash FROM checkpoint_leaves ' +
          `WHERE case_id IN (${placeholders(this.database.dialect, ids.length)})`,
        ids,
      );
      for (const row of rows) found.set(String(row.case_id), toLeafHead(row));
    }
    return found;
  }

  async leavesFrom(fromLeaf: number, limit: number): Promise<LeafHead[]> {
    const rows = await this.read(
      'SELECT leaf_index, case_id, seq, hash FROM checkpoint_leaves ' +
        `WHERE leaf_index >= ${this.p(1)} ORDER BY leaf_index LIMIT ${this.p(2)}`,
      [fromLeaf, limit],
    );
    return rows.map(toLeafHead);
  }

  async storedNodes(nodes: readonly TreeNode[]): Promise<Map<string, Buffer>> {
    const byLevel = new Map<number, number[]>();
    for (const { level, index } of nodes) {
      const indices = byLevel.get(level) ?? [];
      indices.push(index);
      byLevel.set(level, indices);
    }
    const found = new Map<string, Buffer>();
    for (const [level, indices] of byLevel) {
      for (const chunk of chunks(indices)) {
        const list = placeholders(this.database.dialect, chunk.length, 2);
        if (level === 0) {
          const rows = await this.read(
            'SELECT leaf_index, case_id, seq, hash FROM checkpoint_leaves ' +
              `WHERE leaf_index IN (${placeholders(this.database.dialect, chunk.length)})`,
            chunk,
          );
          for (const row of rows)
            found.set(`0/${Number(row.leaf_index)}`, leafHash(toChainHead(row)));
        } else {
          const rows = await this.read(
            'SELECT node_index, hash FROM checkpoint_tree_nodes ' +
              `WHERE level = ${this.p(1)} AND node_index IN (${list})`,
            [level, ...chunk],
          );
          for (const row of rows) {
            found.set(`${level}/${Number(row.node_index)}`, Buffer.from(String(row.hash), 'hex'));
          }
        }
      }
    }
    return found;
  }

  async acquireLease(builder: string, now: string, until: string): Promise<boolean> {
    return this.database.write(async (manager) => {
      const updated = await updatedRows(
        manager,
        `UPDATE checkpoint_tree_state SET builder = ${this.p(1)}, lease_until = ${this.p(2)} ` +
          `WHERE id = 1 AND (builder IS NULL OR lease_until < ${this.p(3)}) RETURNING id`,
        [builder, until, now],
      );
      return updated.length === 1;
    });
  }

  async releaseLease(builder: string): Promise<void> {
    await this.database.write((manager) =>
      manager.query(
        'UPDATE checkpoint_tree_state SET builder = NULL, lease_until = NULL ' +
          `WHERE id = 1 AND builder = ${this.p(1)}`,
        [builder],
      ),
    );
  }

  async discardUnfinished(checkpointSeq: number, builder: string): Promise<void> {
    for (;;) {
      const leftovers = await this.changesOf(checkpointSeq, -1, CHUNK);
      if (leftovers.length === 0) return;
      const last = leftovers[leftovers.length - 1].leafIndex;
      await this.fencedRows(builder, [
        {
          sql:
            `DELETE FROM checkpoint_head_changes WHERE checkpoint_seq = ${this.p(1)} ` +
            `AND leaf_index <= ${this.p(2)}`,
          values: [checkpointSeq, last],
        },
      ]);
    }
  }

  async appendChanges(
    checkpointSeq: number,
    changes: readonly LeafHead[],
    builder: string,
  ): Promise<void> {
    for (const chunk of chunks(changes)) {
      await this.fencedRows(builder, this.insertChanges(checkpointSeq, chunk));
    }
  }

  async markDirty(builder: string): Promise<void> {
    await this.fenced(builder, (manager) =>
      manager.query('UPDATE checkpoint_tree_state SET dirty = 1 WHERE id = 1'),
    );
  }

  async writeLeaves(
    checkpointSeq: number,
    leaves: readonly LeafHead[],
    builder: string,
  ): Promise<void> {
    for (const chunk of chunks(leaves)) {
      await this.fencedRows(builder, this.upsertLeaves(checkpointSeq, chunk));
    }
  }

  async writeNodes(nodes: Iterable<TreeNode & { hash: Buffer }>, builder: string): Promise<void> {
    let chunk: (TreeNode & { hash: Buffer })[] = [];
    const flush = async () => {
      const batch = chunk;
      chunk = [];
      await this.fencedRows(builder, this.upsertNodes(batch));
    };
    for (const node of nodes) {
      chunk.push(node);
      if (chunk.length === CHUNK) await flush();
    }
    if (chunk.length > 0) await flush();
  }

  private insertChanges(
    checkpointSeq: number,
    changes: readonly LeafHead[],
  ): BackgroundStatement[] {
    return chunks(changes).map((chunk) => ({
      sql:
        'INSERT INTO checkpoint_head_changes (checkpoint_seq, leaf_index, case_id, seq, hash) ' +
        `VALUES ${valueRows(this.database.dialect, chunk.length, 5)}`,
      values: chunk.flatMap((head) => [
        checkpointSeq,
        head.leafIndex,
        head.caseId,
        head.seq,
        head.hash,
      ]),
    }));
  }

  private upsertLeaves(checkpointSeq: number, leaves: readonly LeafHead[]): BackgroundStatement[] {
    return chunks(leaves).map((chunk) => ({
      sql:
        'INSERT INTO checkpoint_leaves (leaf_index, case_id, seq, hash, checkpoint_seq) ' +
        `VALUES ${valueRows(this.database.dialect, chunk.length, 5)} ON CONFLICT (leaf_index) DO UPDATE SET ` +
        'case_id = excluded.case_id, seq = excluded.seq, hash = excluded.hash, ' +
        'checkpoint_seq = excluded.checkpoint_seq',
      values: chunk.flatMap((leaf) => [
        leaf.leafIndex,
        leaf.caseId,
        leaf.seq,
        leaf.hash,
        checkpointSeq,
      ]),
    }));
  }

  private upsertNodes(nodes: readonly (TreeNode & { hash: Buffer })[]): BackgroundStatement[] {
    return chunks(nodes).map((chunk) => ({
      sql:
        `INSERT INTO checkpoint_tree_nodes (level, node_index, hash) VALUES ${valueRows(this.database.dialect, chunk.length, 3)} ` +
        'ON CONFLICT (level, node_index) DO UPDATE SET hash = excluded.hash',
      values: chunk.flatMap((node) => [node.level, node.index, node.hash.toString('hex')]),
    }));
  }

  async truncateTree(leafCount: number, builder: string): Promise<void> {
    // A page of keys, then a delete of that page: never one statement over an unknown number.
    for (;;) {
      const leaves = await this.leavesFrom(leafCount, CHUNK);
      if (leaves.length === 0) break;
      const last = leaves[leaves.length - 1].leafIndex;
      await this.fencedRows(builder, [
        {
          sql: `DELETE FROM checkpoint_leaves WHERE leaf_index >= ${this.p(1)} AND leaf_index <= ${this.p(2)}`,
          values: [leafCount, last],
        },
      ]);
    }
    const levels = await this.read('SELECT DISTINCT level FROM checkpoint_tree_nodes');
    for (const level of levels.map((row) => Number(row.level))) {
      // Node (level, index) is complete while (index + 1) · 2^level ≤ leafCount.
      const firstIncomplete = Math.floor(leafCount / 2 ** level);
      if (isCompleteNode(level, firstIncomplete, leafCount)) continue;
      for (;;) {
        const rows = await this.read(
          'SELECT node_index FROM checkpoint_tree_nodes ' +
            `WHERE level = ${this.p(1)} AND node_index >= ${this.p(2)} ORDER BY node_index LIMIT ${this.p(3)}`,
          [level, firstIncomplete, CHUNK],
        );
        if (rows.length === 0) break;
        const last = Number(rows[rows.length - 1].node_index);
        await this.fencedRows(builder, [
          {
            sql:
              `DELETE FROM checkpoint_tree_nodes WHERE level = ${this.p(1)} ` +
              `AND node_index >= ${this.p(2)} AND node_index <= ${this.p(3)}`,
            values: [level, firstIncomplete, last],
          },
        ]);
      }
    }
  }

  async setTreeState(state: Omit<TreeState, 'dirty'>, builder: string): Promise<void> {
    await this.fenced(builder, (manager) =>
      manager.query(
        `UPDATE checkpoint_tree_state SET checkpoint_seq = ${this.p(1)}, leaf_count = ${this.p(2)}, ` +
          `event_count = ${this.p(3)}, dirty = 0 WHERE id = 1`,
        [state.checkpointSeq, state.leafCount, state.eventCount],
      ),
    );
  }

  async commitCheckpoint(
    checkpoint: Checkpoint,
    tree: { leafCount: number; eventCount: number },
    builder: string,
    written?: { changes: readonly LeafHead[]; nodes: readonly (TreeNode & { hash: Buffer })[] },
  ): Promise<boolean> {
    try {
      await this.fenced(builder, async (manager) => {
        if (written !== undefined) {
          for (const { sql, values } of [
            ...this.insertChanges(checkpoint.seq, written.changes),
            ...this.upsertLeaves(checkpoint.seq, written.changes),
            ...this.upsertNodes(written.nodes),
          ]) {
            await manager.query(sql, [...values]);
          }
        }
        await manager.query(
          `INSERT INTO audit_checkpoints (${CHECKPOINT_COLUMNS}) ` +
            `VALUES (${placeholders(this.database.dialect, 10)})`,
          [
            checkpoint.seq,
            checkpoint.at,
            checkpoint.caseCount,
            checkpoint.eventCount,
            checkpoint.root,
            checkpoint.prevHash,
            checkpoint.hash,
            checkpoint.signature,
            checkpoint.keyId,
            checkpoint.version ?? null,
          ],
        );
        await manager.query(
          `UPDATE checkpoint_tree_state SET checkpoint_seq = ${this.p(1)}, leaf_count = ${this.p(2)}, ` +
            `event_count = ${this.p(3)}, dirty = 0, builder = NULL, lease_until = NULL WHERE id = 1`,
          [checkpoint.seq, tree.leafCount, tree.eventCount],
        );
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async clearPending(folded: readonly PendingHead[]): Promise<void> {
    for (const chunk of chunks(folded, CHUNK / 2)) {
      const values: unknown[] = [];
      const bind = (value: unknown) => {
        values.push(value);
        return this.p(values.length);
      };
      const conditions = chunk.map((head) =>
        head.hash === null
          ? `(case_id = ${bind(head.caseId)} AND hash IS NULL)`
          : `(case_id = ${bind(head.caseId)} AND hash = ${bind(head.hash)})`,
      );
      await this.database.writeOffTheEventLoop([
        { sql: `DELETE FROM checkpoint_pending_heads WHERE ${conditions.join(' OR ')}`, values },
      ]);
    }
  }

  /**
   * One transaction that first checks the builder still holds the lease. On PostgreSQL the check
   * locks the state row until the commit, so two builders' writes never interleave.
   */
  private fenced<T>(builder: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.database.write(async (manager) => {
      const { sql, values } = this.leaseHeldBy(builder);
      if ((await updatedRows(manager, sql, [...values])).length !== 1) {
        throw new BuilderLeaseLostError();
      }
      return work(manager);
    });
  }

  /**
   * The builder's bulk rows (changes, leaves, nodes, rows it discards), fenced as above: no
   * request reads them before the checkpoint row commits, so they are written off the event
   * loop (Database.writeOffTheEventLoop). The checkpoint row, the lease and the tree state stay
   * ordinary writes.
   */
  private async fencedRows(builder: string, statements: BackgroundStatement[]): Promise<void> {
    try {
      await this.database.writeOffTheEventLoop([this.leaseHeldBy(builder), ...statements]);
    } catch (error) {
      if (error instanceof PreconditionFailedError) throw new BuilderLeaseLostError();
      throw error;
    }
  }

  private leaseHeldBy(builder: string): BackgroundStatement {
    return {
      sql:
        'UPDATE checkpoint_tree_state SET builder = builder ' +
        `WHERE id = 1 AND builder = ${this.p(1)} RETURNING id`,
      values: [builder],
      expectRows: 1,
    };
  }
}

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

function toChainHead(row: Row): ChainHead {
  return { caseId: String(row.case_id), seq: Number(row.seq), hash: String(row.hash) };
}

function toLeafHead(row: Row): LeafHead {
  return { ...toChainHead(row), leafIndex: Number(row.leaf_index) };
}

function toCheckpoint(row: Row): Checkpoint {
  const checkpoint: Checkpoint = {
    seq: Number(row.seq),
    at: String(row.at),
    caseCount: Number(row.case_count),
    eventCount: Number(row.event_count),
    root: String(row.root),
    prevHash: String(row.prev_hash),
    hash: String(row.hash),
    signature: row.signature === null ? null : String(row.signature),
    keyId: row.key_id === null ? null : String(row.key_id),
  };
  // Version 1 rows have none, and their hash was computed without the member.
  if (row.version !== null && row.version !== undefined) {
    checkpoint.version = Number(row.version) as 2;
  }
  return checkpoint;
}
