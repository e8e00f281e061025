import { createPublicKey } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AuditExportVerifier,
  type ExportVerification,
} from '../../../src/domain/audit/audit-export';
import { buildVectors, testVectorKeys } from '../../vectors/audit-export/build-vectors';

const DIR = join(__dirname, '../../vectors/audit-export');
const vectors = buildVectors();

function verify(text: string, withKey: boolean): ExportVerification {
  const publicKey = withKey
    ? createPublicKey(readFileSync(join(DIR, 'public-key.pem'), 'utf8'))
    : null;
  const verifier = new AuditExportVerifier(publicKey);
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((line, index) => verifier.accept(line, index + 1));
  return verifier.finish(lines.length);
}

// UPDATE_VECTORS=1 rewrites the committed files from the builder (then review the diff).
if (process.env.UPDATE_VECTORS === '1') {
  const pem = testVectorKeys().publicKey.export({ type: 'spki', format: 'pem' }).toString();
  writeFileSync(join(DIR, 'public-key.pem'), pem);
  const expected: Record<string, unknown> = {};
  for (const [name, vector] of Object.entries(vectors)) {
    writeFileSync(join(DIR, `${name}.jsonl`), `${vector.lines.join('\n')}\n`);
    expected[name] = { description: vector.description, problem: vector.expected };
  }
  writeFileSync(join(DIR, 'expected.json'), `${JSON.stringify(expected, null, 2)}\n`);
}

describe('the audit-export test vectors', () => {
  test.each(Object.keys(vectors))('%s: the committed file is what the builder makes', (name) => {
    const committed = readFileSync(join(DIR, `${name}.jsonl`), 'utf8');
    expect(committed).toBe(`${vectors[name].lines.join('\n')}\n`);
  });

  test('expected.json lists every vector with its problem', () => {
    const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8'));
    expect(Object.keys(expected).sort()).toEqual(Object.keys(vectors).sort());
    for (const [name, vector] of Object.entries(vectors)) {
      expect(expected[name].problem).toEqual(vector.expected);
    }
  });

  test.each(Object.keys(vectors))('%s: the verifier names exactly the expected problem', (name) => {
    const result = verify(readFileSync(join(DIR, `${name}.jsonl`), 'utf8'), true);
    const expected = vectors[name].expected;
    if (expected === null) {
      expect(result).toEqual({ ok: true, problem: null, ...vectors[name].counts });
    } else {
      expect(result.ok).toBe(false);
      expect(result.problem).toMatchObject(expected);
      expect(result.problem?.message).toBeTruthy();
    }
  });

  test('the scoped export names nothing of the case outside its scope', () => {
    const scoped = readFileSync(join(DIR, 'scoped-good.jsonl'), 'utf8');
    const whole = vectors.good.lines.map((line) => JSON.parse(line));
    const caseB = whole.find(
      (line) => line.kind === 'event' && line.seq === 3 && line.eventType === 'WITHDRAW',
    );
    const ofB = whole.filter((line) => line.kind === 'event' && line.caseId === caseB.caseId);
    expect(ofB).toHaveLength(3);
    expect(scoped).not.toContain(caseB.caseId);
    for (const record of ofB) expect(scoped).not.toContain(record.hash);
    for (const line of scoped
      .trimEnd()
      .split('\n')
      .map((text) => JSON.parse(text))) {
      expect(line.heads).toBeUndefined();
    }
  });

  test('a scoped export with a proof altered, moved or repeated is named', () => {
    const lines = vectors['scoped-good'].lines;
    const cp2 = JSON.parse(lines[2]);
    const withProofs = (proofs: unknown[]) =>
      [lines[0], lines[1], JSON.stringify({ ...cp2, proofs }), ...lines.slice(3)].join('\n');
    const [first, second] = cp2.proofs;
    const flipped = { ...first, path: [...first.path].reverse() };
    const moved = { ...first, leafIndex: first.leafIndex + 1 };
    const otherSeq = { ...first, seq: first.seq - 1 };
    for (const proofs of [
      [flipped, second],
      [moved, second],
      [otherSeq, second],
    ]) {
      expect(verify(withProofs(proofs), true).problem).toMatchObject({
        code: 'CHECKPOINT_PROOF_INVALID',
        line: 3,
        checkpoint: 2,
        caseId: first.caseId,
      });
    }
    expect(verify(withProofs([second, first]), true).problem).toMatchObject({
      code: 'CHECKPOINT_PROOF_INVALID',
      line: 3,
    });
    expect(verify(withProofs([first, first]), true).problem).toMatchObject({
      code: 'CHECKPOINT_PROOF_INVALID',
      line: 3,
    });
    const both = JSON.stringify({ ...cp2, heads: [] });
    expect(
      verify([lines[0], lines[1], both, ...lines.slice(3)].join('\n'), true).problem,
    ).toMatchObject({ code: 'MALFORMED_LINE', line: 3 });
    const badPath = { ...first, path: ['zz', ...first.path.slice(1)] };
    expect(verify(withProofs([badPath, second]), true).problem).toMatchObject({
      code: 'MALFORMED_LINE',
      line: 3,
    });
  });

  test('version 1 exports carry heads only: a proof there is malformed', () => {
    const lines = vectors['scoped-good'].lines;
    const asVersion1 = [JSON.stringify({ ...JSON.parse(lines[0]), version: 1 }), ...lines.slice(1)];
    expect(verify(asVersion1.join('\n'), true).problem).toMatchObject({
      code: 'MALFORMED_LINE',
      line: 2,
    });
    const version3 = [JSON.stringify({ ...JSON.parse(lines[0]), version: 3 }), ...lines.slice(1)];
    expect(verify(version3.join('\n'), true).problem).toMatchObject({
      code: 'UNSUPPORTED_FORMAT',
      line: 1,
    });
  });

  test('without the public key, a rebuilt checkpoint cannot be told from a real one', () => {
    const forged = readFileSync(join(DIR, 'forged-checkpoint.jsonl'), 'utf8');
    expect(verify(forged, false).ok).toBe(true);
    expect(verify(forged, true).problem?.code).toBe('CHECKPOINT_SIGNATURE_INVALID');
  });

  test('a file cut short, an extra line and a bad header are named', () => {
    const good = vectors.good.lines;
    expect(verify(good.slice(0, -1).join('\n'), true).problem).toMatchObject({
      code: 'MISSING_FOOTER',
    });
    expect(verify([...good, good[4]].join('\n'), true).problem).toMatchObject({
      code: 'OUT_OF_ORDER',
      line: good.length + 1,
    });
    expect(verify(good.slice(1).join('\n'), true).problem).toMatchObject({
      code: 'MISSING_HEADER',
      line: 1,
    });
    expect(verify(['{', ...good.slice(1)].join('\n'), true).problem).toMatchObject({
      code: 'MALFORMED_LINE',
      line: 1,
    });
    const footer = JSON.parse(good[good.length - 1]);
    const recounted = [...good.slice(0, -1), JSON.stringify({ ...footer, events: 12 })];
    expect(verify(recounted.join('\n'), true).problem).toMatchObject({ code: 'COUNT_MISMATCH' });
  });

  test('a checkpoint with an altered count or a broken link is named', () => {
    const good = vectors.good.lines;
    const cp2 = JSON.parse(good[2]);
    const relinked = [good[0], good[1], JSON.stringify({ ...cp2, prevHash: '1'.repeat(64) })];
    expect(verify([...relinked, ...good.slice(3)].join('\n'), false).problem).toMatchObject({
      code: 'CHECKPOINT_CHAIN_BROKEN',
      checkpoint: 2,
      line: 3,
    });
    const recounted = [good[0], good[1], JSON.stringify({ ...cp2, eventCount: 10 })];
    expect(verify([...recounted, ...good.slice(3)].join('\n'), false).problem).toMatchObject({
      code: 'CHECKPOINT_HASH_MISMATCH',
      checkpoint: 2,
    });
    const unsigned = [good[0], JSON.stringify({ ...JSON.parse(good[1]), signature: null })];
    expect(verify([...unsigned, ...good.slice(2)].join('\n'), true).problem).toMatchObject({
      code: 'CHECKPOINT_UNSIGNED',
      checkpoint: 1,
    });
  });
});
