import { createHash, generateKeyPairSync } from 'node:crypto';
import { AuditExportVerifier, checkpointLine } from '../../../src/domain/audit/audit-export';
import {
  checkpointHash,
  checkpointRoot,
  leafHash,
  makeCheckpoint,
  makeTreeCheckpoint,
  merkleRoot,
  signatureIsValid,
  type ChainHead,
} from '../../../src/domain/audit/checkpoint';
import {
  inclusionProofsInLeafOrder,
  proofLeadsToRoot,
} from '../../../src/domain/audit/inclusion-proof';
import {
  MemoryMerkleTree,
  rootSubtrees,
  treeHash,
  TreeUpdate,
  TreeUpdatePlan,
} from '../../../src/domain/audit/merkle-tree';

/**
 * The Merkle tree kept up to date a few leaves at a time, and the version 2 checkpoints built on
 * it: the same root RFC 9162 gives for the whole list, whatever the sequence of changes, and a
 * root that depends on the order of the leaves.
 */

const leaf = (text: string) => createHash('sha256').update(text).digest();

/** A deterministic pseudo-random sequence (a test must fail the same way twice). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('the tree kept incrementally', () => {
  test.each([
    [0, []],
    [1, [[0, 0]]],
    [
      6,
      [
        [2, 0],
        [1, 2],
      ],
    ],
    [
      7,
      [
        [2, 0],
        [1, 2],
        [0, 6],
      ],
    ],
    [8, [[3, 0]]],
    [
      13,
      [
        [3, 0],
        [2, 2],
        [0, 12],
      ],
    ],
  ])('a tree of %i leaves is made of the complete subtrees %j', (size, nodes) => {
    expect(rootSubtrees(size).map(({ level, index }) => [level, index])).toEqual(nodes);
  });

  test('grown and changed in random batches, its root is always MTH over all the leaves', () => {
    const next = random(7);
    const tree = new MemoryMerkleTree();
    const leaves: Buffer[] = [];
    for (let round = 0; round < 60; round += 1) {
      const changes = new Map<number, Buffer>();
      const changed = leaves.length === 0 ? 0 : Math.floor(next() * Math.min(leaves.length, 6));
      for (let i = 0; i < changed; i += 1) {
        const index = Math.floor(next() * leaves.length);
        changes.set(index, leaf(`round ${round} leaf ${index}`));
      }
      const appended = Math.floor(next() * 5);
      for (let i = 0; i < appended; i += 1) {
        changes.set(leaves.length + i, leaf(`round ${round} new ${i}`));
      }
      const size = leaves.length + appended;
      for (const [index, hash] of changes) leaves[index] = hash;
      expect(tree.update(size, changes).toString('hex')).toBe(treeHash(leaves).toString('hex'));
    }
    expect(leaves.length).toBeGreaterThan(60);
  });

  test('one leaf changed in a tree of 1,024 reads its 10 siblings and nothing else', () => {
    const plan = new TreeUpdatePlan(1024, [517]);
    expect(plan.reads).toHaveLength(10);
    expect(plan.recompute.map((indices) => indices.length)).toEqual(Array(11).fill(1));
    // Appending a leaf to a tree of 1,024 reads only the old root.
    expect(new TreeUpdatePlan(1025, [1024]).reads).toEqual([{ level: 10, index: 0 }]);
  });

  test('an update done a few hashes at a time gives the same root and nodes as at once', () => {
    const leaves = Array.from({ length: 37 }, (_, i) => leaf(`leaf ${i}`));
    const all = new Map(leaves.map((hash, i) => [i, hash]));
    const plan = new TreeUpdatePlan(37, [...all.keys()]);
    expect(plan.reads).toEqual([]);
    const update = new TreeUpdate(plan, all, () => {
      throw new Error('nothing to read');
    });
    let steps = 0;
    while (!update.step(3)) steps += 1;
    expect(steps).toBeGreaterThan(5);
    expect(update.root.toString('hex')).toBe(treeHash(leaves).toString('hex'));
    // Every complete node above the leaves: 18 + 9 + 4 + 2 + 1.
    expect([...update.changedNodes()]).toHaveLength(34);
  });

  test('a node the store cannot give, or a changed leaf without its hash, is a programming error', () => {
    expect(() => new TreeUpdatePlan(4, [4])).toThrow(RangeError);
    expect(() => new TreeUpdatePlan(4, [2, 1])).toThrow(RangeError);
    expect(() => new TreeUpdate(new TreeUpdatePlan(4, [1]), new Map(), () => leaf('x'))).toThrow(
      /no hash for changed leaf 1/,
    );
  });
});

describe('a version 2 checkpoint', () => {
  const heads: ChainHead[] = [
    { caseId: 'case-c', seq: 3, hash: 'c'.repeat(64) },
    { caseId: 'case-a', seq: 1, hash: 'a'.repeat(64) },
    { caseId: 'case-b', seq: 2, hash: 'b'.repeat(64) },
  ];
  const at = '2026-03-02T08:00:00.000Z';
  const tree = {
    root: treeHash(heads.map(leafHash)).toString('hex'),
    caseCount: 3,
    eventCount: 6,
  };

  test('signs its version: the hash covers it, and version 1 hashes are what they were', () => {
    const key = generateKeyPairSync('ed25519');
    const checkpoint = makeTreeCheckpoint(tree, null, at, key.privateKey);
    expect(checkpoint.version).toBe(2);
    expect(checkpointHash(checkpoint)).toBe(checkpoint.hash);
    expect(signatureIsValid(checkpoint, key.publicKey)).toBe(true);
    const asVersion1 = { ...checkpoint, version: undefined };
    expect(checkpointHash(asVersion1)).not.toBe(checkpoint.hash);
    expect(signatureIsValid(asVersion1, key.publicKey)).toBe(false);
    // A version 1 checkpoint's body has no version member at all.
    const legacy = makeCheckpoint(heads, null, at, null);
    expect(legacy).not.toHaveProperty('version');
    expect(legacy.hash).toBe(
      createHash('sha256')
        .update(
          JSON.stringify({
            at,
            caseCount: 3,
            eventCount: 6,
            prevHash: '0'.repeat(64),
            root: merkleRoot(heads),
            seq: 1,
          }),
        )
        .digest('hex'),
    );
  });

  test('its root is over the heads in the order given (leaf order); version 1 sorts them', () => {
    const checkpoint = makeTreeCheckpoint(tree, null, at, null);
    expect(checkpointRoot(checkpoint, heads)).toBe(checkpoint.root);
    expect(checkpointRoot(checkpoint, [...heads].reverse())).not.toBe(checkpoint.root);
    const legacy = makeCheckpoint(heads, null, at, null);
    expect(checkpointRoot(legacy, [...heads].reverse())).toBe(legacy.root);
  });

  test('proofs in leaf order lead to its root', () => {
    const checkpoint = makeTreeCheckpoint(tree, null, at, null);
    const proofs = inclusionProofsInLeafOrder(heads, (caseId) => caseId !== 'case-b');
    expect(proofs.map((proof) => [proof.leafIndex, proof.caseId])).toEqual([
      [0, 'case-c'],
      [1, 'case-a'],
    ]);
    for (const proof of proofs) expect(proofLeadsToRoot(proof, 3, checkpoint.root)).toBe(true);
  });

  test('the offline verifier checks its heads in leaf order, and refuses a case listed twice', () => {
    const checkpoint = makeTreeCheckpoint(tree, null, at, null);
    const verify = (line: unknown) => {
      const verifier = new AuditExportVerifier(null);
      verifier.accept(
        JSON.stringify({
          kind: 'header',
          format: 'thidua.audit-export',
          version: 2,
          exportedAt: at,
          complete: false,
          filter: {},
        }),
        1,
      );
      verifier.accept(JSON.stringify(line), 2);
      verifier.accept(JSON.stringify({ kind: 'footer', checkpoints: 1, cases: 0, events: 0 }), 3);
      return verifier.finish(3);
    };
    expect(verify(checkpointLine(checkpoint, heads))).toMatchObject({ ok: true, checkpoints: 1 });
    expect(checkpointLine(checkpoint, heads).heads!.map(([caseId]) => caseId)).toEqual([
      'case-c',
      'case-a',
      'case-b',
    ]);

    // Two leaves for one case: a signer's bug or a forgery; either way not a valid leaf set.
    const twice = [heads[0], heads[1], { ...heads[0] }];
    const forged = makeTreeCheckpoint(
      { root: treeHash(twice.map(leafHash)).toString('hex'), caseCount: 3, eventCount: 7 },
      null,
      at,
      null,
    );
    expect(verify(checkpointLine(forged, twice)).problem).toMatchObject({
      code: 'CHECKPOINT_ROOT_MISMATCH',
    });
  });
});
