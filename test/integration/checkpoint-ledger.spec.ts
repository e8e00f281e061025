import { Logger } from '@nestjs/common';
import { CheckpointsService } from '../../src/audit/checkpoints.service';
import type { AppConfig } from '../../src/config/app-config';
import {
  AuditExportVerifier,
  checkpointLine,
  eventLine,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  provedCheckpointLine,
} from '../../src/domain/audit/audit-export';
import {
  checkpointHash,
  checkpointRoot,
  makeCheckpoint,
  merkleRoot,
  type Checkpoint,
} from '../../src/domain/audit/checkpoint';
import { SqlCheckpointLedger } from '../../src/persistence/repositories/checkpoint-ledger-sql.repository';
import { BuilderLeaseLostError } from '../../src/persistence/repositories/checkpoint-ledger.repository';
import { TypeOrmAuditTrailRepository } from '../../src/persistence/repositories/typeorm-audit-trail.repository';
import type { StoredUser } from '../../src/persistence/repositories/users.repository';
import { DIALECTS } from '../support/databases';
import {
  advance,
  aUser,
  countRows,
  createUser,
  insertCase,
  openStore,
  type Store,
} from './fixtures';

/**
 * Version 2 checkpoints on both engines: only the heads that changed since the previous
 * checkpoint are folded and stored, the tree on disk survives a builder that died half-way, an
 * upgrade from version 1 checkpoints keeps continuity with them, and an export lists and proves
 * the heads in the new leaf order so that the offline verifier accepts it.
 */

const config = {
  checkpoints: { signingKey: null, everyEvents: 1000, everyMinutes: 60, checkSeconds: 0 },
} as unknown as AppConfig;

beforeAll(() => Logger.overrideLogger(false));

const T0 = new Date('2026-03-02T08:00:00.000Z');
const minutesAfter = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/** Case ids chosen so that a later case sorts before earlier ones. */
const idOf = (n: number) => `0196c000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

describe.each(DIALECTS)('version 2 checkpoints on %s', (dialect) => {
  let store: Store;
  let author: StoredUser;
  let ledger: SqlCheckpointLedger;
  let service: CheckpointsService;

  beforeEach(async () => {
    store = await openStore(dialect);
    author = await createUser(store, aUser({ roles: ['secretariat'] }));
    ledger = new SqlCheckpointLedger(store.database);
    service = new CheckpointsService(ledger, config);
  });
  afterEach(() => store.close());

  const sql = (text: string, params: unknown[] = []) => {
    let n = 0;
    const query = dialect === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text;
    return store.ds.query(query, params);
  };

  async function caseWith(id: string, records: number): Promise<string> {
    const created = await insertCase(store, author, { id });
    await advance(store, created, author, records - 1);
    return id;
  }

  async function grow(caseId: string, steps: number): Promise<void> {
    const stored = (await store.cases.findById(caseId))!;
    await advance(store, { stored, opening: null as never }, author, steps);
  }

  async function created(at: Date): Promise<Checkpoint> {
    const outcome = await service.create(at);
    if (outcome.kind !== 'created') throw new Error(`expected a checkpoint, got ${outcome.kind}`);
    return outcome.checkpoint;
  }

  const changesOf = async (seq: number) =>
    (await ledger.changesOf(seq, -1, 100)).map(({ leafIndex, caseId, seq: at }) => [
      leafIndex,
      caseId,
      at,
    ]);

  /**
   * A whole export of these cases, organisation-wide or proving only `covered`, checked by the
   * offline verifier.
   */
  async function exportVerifies(caseIds: string[], covered: Set<string> | null) {
    const lines: string[] = [
      JSON.stringify({
        kind: 'header',
        format: EXPORT_FORMAT,
        version: EXPORT_VERSION,
        exportedAt: minutesAfter(999).toISOString(),
        complete: true,
        filter: {},
      }),
    ];
    const checkpoints = await ledger.checkpoints();
    for (const checkpoint of checkpoints) {
      const heads = await ledger.headsOf(checkpoint.seq);
      lines.push(
        JSON.stringify(
          covered === null
            ? checkpointLine(checkpoint, heads)
            : provedCheckpointLine(checkpoint, heads, (caseId) => covered.has(caseId)),
        ),
      );
    }
    const ids = caseIds.filter((id) => covered === null || covered.has(id)).sort();
    let events = 0;
    for (const id of ids) {
      for (const record of await store.cases.fullHistory(id)) {
        lines.push(JSON.stringify(eventLine(record)));
        events += 1;
      }
    }
    lines.push(
      JSON.stringify({
        kind: 'footer',
        checkpoints: checkpoints.length,
        cases: ids.length,
        events,
      }),
    );
    const verifier = new AuditExportVerifier(null);
    lines.forEach((line, i) => verifier.accept(line, i + 1));
    return { result: verifier.finish(lines.length), lines };
  }

  test('each checkpoint stores only the heads that changed; new cases go at the end of the leaves', async () => {
    await caseWith(idOf(2), 3);
    await caseWith(idOf(3), 1);
    await caseWith(idOf(1), 2);
    const first = await created(T0);
    expect(first).toMatchObject({ version: 2, caseCount: 3, eventCount: 6 });
    // The first tree's leaves are in case-id order, so its root is version 1's over the same heads.
    expect(first.root).toBe(merkleRoot(await ledger.headsOf(1)));
    expect(await changesOf(1)).toEqual([
      [0, idOf(1), 2],
      [1, idOf(2), 3],
      [2, idOf(3), 1],
    ]);

    await grow(idOf(3), 2);
    // A case whose id sorts first, opened after the first checkpoint: its leaf is the next one.
    await caseWith(idOf(0), 1);
    const second = await created(minutesAfter(5));
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash, caseCount: 4, eventCount: 9 });
    expect(await changesOf(2)).toEqual([
      [2, idOf(3), 3],
      [3, idOf(0), 1],
    ]);
    const heads = await ledger.headsOf(2);
    expect(heads.map((head) => [head.caseId, head.seq])).toEqual([
      [idOf(1), 2],
      [idOf(2), 3],
      [idOf(3), 3],
      [idOf(0), 1],
    ]);
    expect(second.root).toBe(checkpointRoot(second, heads));
    // Not the case-id order of version 1: the leaf order is part of what was signed.
    expect(second.root).not.toBe(merkleRoot(heads));
    expect(await countRows(store.ds, 'checkpoint_head_changes')).toBe(5);
    expect(await countRows(store.ds, 'checkpoint_pending_heads')).toBe(0);

    // Nothing changed: the next checkpoint stores nothing and keeps the root.
    const third = await created(minutesAfter(10));
    expect(third).toMatchObject({ seq: 3, root: second.root, caseCount: 4, eventCount: 9 });
    expect(await countRows(store.ds, 'checkpoint_head_changes')).toBe(5);
    expect(await service.verifyCheckpoints()).toMatchObject({ checked: 3, problems: [] });
  });

  test('an export lists and proves version 2 heads in leaf order, and the offline verifier accepts it', async () => {
    await caseWith(idOf(2), 3);
    await caseWith(idOf(3), 1);
    await created(T0);
    await grow(idOf(2), 1);
    await caseWith(idOf(0), 2);
    await created(minutesAfter(5));

    const ids = [idOf(0), idOf(2), idOf(3)];
    const whole = await exportVerifies(ids, null);
    expect(whole.result).toMatchObject({ ok: true, checkpoints: 2, cases: 3, signedCases: 3 });
    const scoped = await exportVerifies(ids, new Set([idOf(0), idOf(3)]));
    expect(scoped.result).toMatchObject({ ok: true, checkpoints: 2, cases: 2 });
    const proofs = JSON.parse(scoped.lines[2]).proofs as { caseId: string; leafIndex: number }[];
    // In leaf order, which is not case-id order any more.
    expect(proofs.map((proof) => [proof.leafIndex, proof.caseId])).toEqual([
      [1, idOf(3)],
      [2, idOf(0)],
    ]);

    // The same heads re-sorted by case id (version 1's order) no longer give the signed root.
    const resorted = whole.lines.map((line) => {
      const parsed = JSON.parse(line);
      if (parsed.kind !== 'checkpoint') return line;
      return JSON.stringify({ ...parsed, heads: [...parsed.heads].sort() });
    });
    const verifier = new AuditExportVerifier(null);
    resorted.forEach((line, i) => verifier.accept(line, i + 1));
    expect(verifier.finish(resorted.length).problem).toMatchObject({
      code: 'CHECKPOINT_ROOT_MISMATCH',
      checkpoint: 2,
    });
  });

  test('a mark is cleared only while it still carries the hash that was folded', async () => {
    await caseWith(idOf(1), 1);
    const [pending] = await ledger.pendingHeads(null, 10);
    await grow(idOf(1), 1);
    await ledger.clearPending([pending]);
    expect(await ledger.pendingHeads(null, 10)).toEqual([
      { caseId: idOf(1), hash: (await store.cases.findById(idOf(1)))!.headHash },
    ]);
  });

  test('a builder that died half-way: the lease keeps others out until it expires, then the tree is rebuilt', async () => {
    await caseWith(idOf(1), 2);
    await caseWith(idOf(2), 1);
    await caseWith(idOf(3), 4);
    const first = await created(T0);
    await grow(idOf(2), 3);
    // What a builder leaves when it dies after rewriting part of the tree: a lease, a dirty
    // state, a wrong node and a leaf that no checkpoint signed, and its change rows.
    await sql(
      "UPDATE checkpoint_tree_state SET builder = 'dead', lease_until = ?, dirty = 1 WHERE id = 1",
      [minutesAfter(15).toISOString()],
    );
    await sql('UPDATE checkpoint_tree_nodes SET hash = ? WHERE level = 1 AND node_index = 0', [
      'f'.repeat(64),
    ]);
    await sql(
      'INSERT INTO checkpoint_leaves (leaf_index, case_id, seq, hash, checkpoint_seq) VALUES (?, ?, ?, ?, ?)',
      [3, 'never-signed', 1, 'e'.repeat(64), 2],
    );
    await sql(
      'INSERT INTO checkpoint_head_changes (checkpoint_seq, leaf_index, case_id, seq, hash) VALUES (?, ?, ?, ?, ?)',
      [2, 3, 'never-signed', 1, 'e'.repeat(64)],
    );

    expect(await service.create(minutesAfter(10))).toEqual({ kind: 'raced', seq: 2 });
    const second = await created(minutesAfter(16));
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash, caseCount: 3, eventCount: 10 });
    expect(await changesOf(2)).toEqual([[1, idOf(2), 4]]);
    expect(second.root).toBe(checkpointRoot(second, await ledger.headsOf(2)));
    expect(await countRows(store.ds, 'checkpoint_leaves')).toBe(3);
    expect(await service.verifyCheckpoints()).toMatchObject({ checked: 2, problems: [] });
  });

  test('a builder whose lease was taken over writes none of its rows, whichever connection writes them', async () => {
    // On a SQLite file the bulk rows go through the background connection, elsewhere through an
    // ordinary transaction: the lease check is the same first statement of either.
    expect(
      await ledger.acquireLease('mine', T0.toISOString(), minutesAfter(15).toISOString()),
    ).toBe(true);
    const change = { leafIndex: 0, caseId: idOf(1), seq: 1, hash: 'a'.repeat(64) };
    await ledger.appendChanges(1, [change], 'mine');
    expect(await countRows(store.ds, 'checkpoint_head_changes')).toBe(1);
    // Another builder took the lease over (the first one's had expired).
    await sql("UPDATE checkpoint_tree_state SET builder = 'theirs' WHERE id = 1");
    await expect(
      ledger.appendChanges(1, [{ ...change, leafIndex: 1, caseId: idOf(2) }], 'mine'),
    ).rejects.toBeInstanceOf(BuilderLeaseLostError);
    await expect(ledger.writeLeaves(1, [change], 'mine')).rejects.toBeInstanceOf(
      BuilderLeaseLostError,
    );
    expect(await countRows(store.ds, 'checkpoint_head_changes')).toBe(1);
    expect(await countRows(store.ds, 'checkpoint_leaves')).toBe(0);
  });

  test('after version 1 checkpoints: the first version 2 one checks every head they signed, then links to them', async () => {
    await caseWith(idOf(1), 2);
    await caseWith(idOf(2), 3);
    await caseWith(idOf(3), 1);
    // What the server wrote before the upgrade: every head, one row per case.
    const trail = new TypeOrmAuditTrailRepository(store.database);
    const heads = await trail.chainHeads();
    const legacy = makeCheckpoint(heads, null, T0.toISOString(), null);
    expect(await trail.appendCheckpoint(legacy, heads)).toBe(true);
    // An attacker removes the last record of a case the version 1 checkpoint signed, with the
    // append-only triggers off and the case's pending mark cleared behind them.
    if (dialect === 'postgres') await sql('ALTER TABLE case_events DISABLE TRIGGER USER');
    else await sql('DROP TRIGGER case_events_no_delete');
    await sql('DELETE FROM case_events WHERE case_id = ? AND seq = 3', [idOf(2)]);
    await sql('DELETE FROM checkpoint_pending_heads WHERE case_id = ?', [idOf(2)]);

    expect(await service.create(minutesAfter(5))).toMatchObject({
      kind: 'refused',
      previousSeq: 1,
      breaks: [{ problem: 'CASE_TRUNCATED', caseId: idOf(2), signed: { seq: 3 } }],
    });
    expect(await countRows(store.ds, 'audit_checkpoints')).toBe(1);
    expect((await service.verifyCheckpoints()).problems).toEqual([
      expect.objectContaining({ checkpointSeq: 1, kind: 'CASE_TRUNCATED', caseId: idOf(2) }),
    ]);
  });

  test('after version 1 checkpoints, unharmed: the new tree starts empty and both versions verify', async () => {
    await caseWith(idOf(1), 2);
    await caseWith(idOf(2), 3);
    const trail = new TypeOrmAuditTrailRepository(store.database);
    const heads = await trail.chainHeads();
    const legacy = makeCheckpoint(heads, null, T0.toISOString(), null);
    await trail.appendCheckpoint(legacy, heads);

    const next = await created(minutesAfter(5));
    expect(next).toMatchObject({ seq: 2, version: 2, prevHash: legacy.hash, caseCount: 2 });
    expect(checkpointHash(next)).toBe(next.hash);
    expect(await service.verifyCheckpoints()).toMatchObject({ checked: 2, problems: [] });
    expect((await exportVerifies([idOf(1), idOf(2)], null)).result).toMatchObject({
      ok: true,
      checkpoints: 2,
    });
  });

  test('a signed case deleted with its pending mark suppressed is still caught by the sweep', async () => {
    await caseWith(idOf(1), 2);
    await caseWith(idOf(2), 1);
    await created(T0);
    if (dialect === 'postgres') {
      await sql('ALTER TABLE case_events DISABLE TRIGGER USER');
      await sql('ALTER TABLE cases DISABLE TRIGGER USER');
    } else {
      await sql('DROP TRIGGER case_events_no_delete');
      await sql('DROP TRIGGER cases_head_pending_delete');
    }
    await sql('DELETE FROM case_events WHERE case_id = ?', [idOf(1)]);
    await sql('DELETE FROM cases WHERE id = ?', [idOf(1)]);
    expect(await countRows(store.ds, 'checkpoint_pending_heads')).toBe(0);

    expect(await service.create(minutesAfter(5))).toMatchObject({
      kind: 'refused',
      breaks: [{ problem: 'CASE_MISSING', caseId: idOf(1) }],
    });
  });

  test('a change row rewritten behind the checkpoint is a root mismatch', async () => {
    await caseWith(idOf(1), 2);
    await caseWith(idOf(2), 1);
    await created(T0);
    await grow(idOf(1), 1);
    await created(minutesAfter(5));
    if (dialect === 'postgres') {
      await sql('ALTER TABLE checkpoint_head_changes DISABLE TRIGGER USER');
    } else {
      await sql('DROP TRIGGER checkpoint_head_changes_no_update');
    }
    await sql(
      'UPDATE checkpoint_head_changes SET seq = 2 WHERE checkpoint_seq = 2 AND leaf_index = 0',
    );
    const kinds = (await service.verifyCheckpoints()).problems.map(
      (p) => `${p.checkpointSeq} ${p.kind}`,
    );
    // The head it now names is not in the log either: the record at seq 2 has another hash.
    expect(kinds).toEqual(['2 ROOT_MISMATCH', '2 COUNT_MISMATCH', '2 CASE_FORKED']);
  });
});
