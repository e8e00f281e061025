import { createHash, generateKeyPairSync } from 'node:crypto';
import { GENESIS_HASH } from '../../../src/domain/audit/audit-record';
import {
  checkContinuity,
  checkpointHash,
  compareCaseIds,
  keyIdOf,
  leafHash,
  makeCheckpoint,
  merkleRoot,
  signatureIsValid,
  type ChainHead,
} from '../../../src/domain/audit/checkpoint';
import { inclusionProofs, proofLeadsToRoot } from '../../../src/domain/audit/inclusion-proof';

/**
 * Checkpoints commit to every case's chain head at once: an RFC 6962-shaped Merkle root over the
 * heads, chained checkpoint to checkpoint and signed with Ed25519. The expected roots below were
 * computed outside this code base (Python's hashlib, same tree shape), so a change of leaf
 * encoding, prefix or split shows here.
 */

/** Head number i: case `case-i`, hash the hex digit i 64 times, seq i + 1. */
const head = (i: number): ChainHead => ({
  caseId: `case-${i}`,
  seq: i + 1,
  hash: i.toString(16).repeat(64),
});
const heads = (n: number) => Array.from({ length: n }, (_, i) => head(i));

const sha256 = (...parts: Buffer[]) => {
  const hash = createHash('sha256');
  parts.forEach((part) => hash.update(part));
  return hash.digest();
};

describe('the Merkle root over chain heads', () => {
  test.each([
    [0, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    [1, '8aacc2a7230d91472613d90c38e645d19df1a315e6737461d70977a36ae7321e'],
    [2, 'a9a6606032e56bd9ffda400584f71191b6bf62ddb41ebe0af699d3dedd758803'],
    [3, 'a0c99f9266b5ec68675755a7978fde378143863c19a3d5e74784447d8340181c'],
    [5, 'cf85f2405263d091b4dd92a07141d32cadf4140f39aa756178ec5261f255481b'],
  ])('of %i leaves is the value computed by hand', (n, expected) => {
    expect(merkleRoot(heads(n))).toBe(expected);
  });

  test('leaves are 0x00 ‖ canonical JSON of the head, nodes 0x01 ‖ left ‖ right, split at a power of two', () => {
    const leaf = (i: number) =>
      sha256(
        Buffer.from([0]),
        Buffer.from(
          `{"caseId":"case-${i}","hash":"${i.toString(16).repeat(64)}","seq":${i + 1}}`,
          'utf8',
        ),
      );
    const node = (left: Buffer, right: Buffer) => sha256(Buffer.from([1]), left, right);
    expect(leafHash(head(0))).toEqual(leaf(0));
    expect(merkleRoot(heads(1))).toBe(leaf(0).toString('hex'));
    expect(merkleRoot(heads(3))).toBe(node(node(leaf(0), leaf(1)), leaf(2)).toString('hex'));
    expect(merkleRoot(heads(5))).toBe(
      node(node(node(leaf(0), leaf(1)), node(leaf(2), leaf(3))), leaf(4)).toString('hex'),
    );
  });

  test('does not depend on the order the heads come in', () => {
    const sorted = heads(5);
    const shuffled = [sorted[3], sorted[0], sorted[4], sorted[2], sorted[1]];
    expect(merkleRoot(shuffled)).toBe(merkleRoot(sorted));
    expect(merkleRoot([...sorted].reverse())).toBe(merkleRoot(sorted));
  });

  test('changes with any head: its seq, its hash, or one case more or less', () => {
    const root = merkleRoot(heads(3));
    expect(merkleRoot([head(0), head(1), { ...head(2), seq: 4 }])).not.toBe(root);
    expect(merkleRoot([head(0), head(1), { ...head(2), hash: 'f'.repeat(64) }])).not.toBe(root);
    expect(merkleRoot(heads(2))).not.toBe(root);
    expect(merkleRoot(heads(4))).not.toBe(root);
  });
});

describe('case ids in leaf order', () => {
  test('are in the byte order of their UTF-8 form, as in every other implementation', () => {
    const ids = ['b', 'a', 'ab', 'A', '\uE000', '\u{1F600}', 'é', ''];
    const byBytes = [...ids].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect([...ids].sort(compareCaseIds)).toEqual(byBytes);
    // UTF-16 order would put U+E000 after the emoji's surrogate pair; UTF-8 puts it before.
    expect(compareCaseIds('\uE000', '\u{1F600}')).toBeLessThan(0);
  });
});

describe('inclusion proofs of chain heads', () => {
  test('each covered head, and only those, gets a proof that leads to the root', () => {
    for (const n of [1, 2, 3, 5, 8, 13]) {
      const all = heads(n);
      const root = merkleRoot(all);
      const covered = new Set(all.filter((_, i) => i % 2 === 0).map((h) => h.caseId));
      const proofs = inclusionProofs([...all].reverse(), (caseId) => covered.has(caseId));
      expect(proofs.map((proof) => proof.caseId)).toEqual([...covered].sort(compareCaseIds));
      const others = all.filter((h) => !covered.has(h.caseId));
      for (const proof of proofs) {
        expect(proofLeadsToRoot(proof, n, root)).toBe(true);
        const text = JSON.stringify(proof);
        for (const other of others) {
          expect(text).not.toContain(`"${other.caseId}"`);
          expect(text).not.toContain(other.hash);
        }
      }
    }
  });

  test('a proof does not carry over to another head of the same case', () => {
    const all = heads(5);
    const [proof] = inclusionProofs(all, (caseId) => caseId === 'case-3');
    expect(proof).toMatchObject({ caseId: 'case-3', seq: 4, leafIndex: 3 });
    expect(proofLeadsToRoot(proof, 5, merkleRoot(all))).toBe(true);
    expect(proofLeadsToRoot({ ...proof, seq: 5 }, 5, merkleRoot(all))).toBe(false);
    expect(proofLeadsToRoot({ ...proof, hash: 'f'.repeat(64) }, 5, merkleRoot(all))).toBe(false);
    expect(proofLeadsToRoot({ ...proof, caseId: 'case-9' }, 5, merkleRoot(all))).toBe(false);
  });
});

describe('a checkpoint', () => {
  const key = generateKeyPairSync('ed25519');
  const other = generateKeyPairSync('ed25519');
  const at = '2026-01-05T08:00:00.000Z';

  test('the first one links to the genesis hash and counts cases and records', () => {
    const first = makeCheckpoint(heads(3), null, at, null);
    expect(first).toMatchObject({
      seq: 1,
      at,
      caseCount: 3,
      eventCount: 1 + 2 + 3,
      root: merkleRoot(heads(3)),
      prevHash: GENESIS_HASH,
      signature: null,
      keyId: null,
    });
    expect(first.hash).toBe(checkpointHash(first));
  });

  test('the next one links to the one before', () => {
    const first = makeCheckpoint(heads(3), null, at, null);
    const second = makeCheckpoint(heads(4), first, '2026-01-05T09:00:00.000Z', null);
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash, caseCount: 4 });
  });

  test('signed: valid with its public key, invalid with another key or once changed', () => {
    const signed = makeCheckpoint(heads(3), null, at, key.privateKey);
    expect(signed.keyId).toBe(keyIdOf(key.publicKey));
    expect(signed.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(signatureIsValid(signed, key.publicKey)).toBe(true);
    expect(signatureIsValid(signed, other.publicKey)).toBe(false);
    expect(signatureIsValid({ ...signed, root: merkleRoot(heads(2)) }, key.publicKey)).toBe(false);
    expect(signatureIsValid({ ...signed, eventCount: 1 }, key.publicKey)).toBe(false);
    expect(signatureIsValid({ ...signed, signature: 'AAAA' }, key.publicKey)).toBe(false);
  });

  test('unsigned: no signature is valid', () => {
    expect(signatureIsValid(makeCheckpoint(heads(3), null, at, null), key.publicKey)).toBe(false);
  });

  test('the key id is the same from the private and the public half', () => {
    expect(keyIdOf(key.privateKey)).toBe(keyIdOf(key.publicKey));
    expect(keyIdOf(other.publicKey)).not.toBe(keyIdOf(key.publicKey));
  });
});

describe('continuity against the chains as they are today', () => {
  const signed = heads(3);
  /** Today's chains: by default every signed head is still there, with more records after. */
  const today = (overrides: Record<string, Record<number, string> | null> = {}) => {
    const chains = new Map<string, Record<number, string> | null>(
      signed.map((h) => [h.caseId, { [h.seq]: h.hash, [h.seq + 1]: 'e'.repeat(64) }]),
    );
    for (const [caseId, chain] of Object.entries(overrides)) chains.set(caseId, chain);
    return {
      hashAt: (caseId: string, seq: number) => chains.get(caseId)?.[seq] ?? null,
      caseExists: (caseId: string) => chains.get(caseId) != null,
    };
  };
  const check = (world: ReturnType<typeof today>) =>
    checkContinuity(signed, world.hashAt, world.caseExists);

  test('chains that only grew since keep every signed head', () => {
    expect(check(today())).toEqual([]);
  });

  test('a case that is gone is CASE_MISSING', () => {
    expect(check(today({ 'case-1': null }))).toEqual([
      { problem: 'CASE_MISSING', caseId: 'case-1', signed: { seq: 2, hash: head(1).hash } },
    ]);
  });

  test('a case that lost the signed record is CASE_TRUNCATED', () => {
    expect(check(today({ 'case-2': { 1: 'a'.repeat(64), 2: 'b'.repeat(64) } }))).toEqual([
      { problem: 'CASE_TRUNCATED', caseId: 'case-2', signed: { seq: 3, hash: head(2).hash } },
    ]);
  });

  test('a case with another record at the signed position is CASE_FORKED', () => {
    expect(check(today({ 'case-0': { 1: 'd'.repeat(64) } }))).toEqual([
      { problem: 'CASE_FORKED', caseId: 'case-0', signed: { seq: 1, hash: head(0).hash } },
    ]);
  });

  test('every broken case is named, each with its own problem', () => {
    const problems = check(
      today({ 'case-0': { 1: 'd'.repeat(64) }, 'case-1': null, 'case-2': { 1: 'a'.repeat(64) } }),
    );
    expect(problems.map((p) => [p.caseId, p.problem])).toEqual([
      ['case-0', 'CASE_FORKED'],
      ['case-1', 'CASE_MISSING'],
      ['case-2', 'CASE_TRUNCATED'],
    ]);
  });
});
