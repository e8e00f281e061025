import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { GENESIS_HASH, seal, type AuditRecord } from '../../../src/domain/audit/audit-record';
import {
  checkpointLine,
  eventLine,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  provedCheckpointLine,
  type ExportCheckpoint,
  type ExportFooter,
  type ExportHeader,
  type ExportProblemCode,
} from '../../../src/domain/audit/audit-export';
import {
  makeCheckpoint,
  type ChainHead,
  type Checkpoint,
} from '../../../src/domain/audit/checkpoint';

/**
 * The audit-export test vectors: a good export and broken ones, each with the problem a verifier
 * must name. Built from fixed data and a fixed Ed25519 key (FOR TEST VECTORS ONLY; never used by
 * the product), so the files are the same on every run; `export-vectors.spec.ts` checks the
 * committed files against this builder.
 */
export const TEST_VECTOR_PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIHRoaWR1YS10ZXN0LXZlY3RvcnMtb25seS0wMDAwMDAw
-----END PRIVATE KEY-----
`;

export function testVectorKeys(): { privateKey: KeyObject; publicKey: KeyObject } {
  const privateKey = createPrivateKey(TEST_VECTOR_PRIVATE_KEY);
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

export interface ExpectedProblem {
  code: ExportProblemCode;
  line: number;
  caseId?: string;
  seq?: number;
  checkpoint?: number;
}

export interface Vector {
  description: string;
  lines: string[];
  /** null: the export is sound. */
  expected: ExpectedProblem | null;
  /** What a sound export holds: checkpoints, cases (and of those, signed by a checkpoint), records. */
  counts?: { checkpoints: number; cases: number; signedCases: number; events: number };
}

const CASES = {
  a: '01930000-0000-7000-8000-00000000000a',
  b: '01930000-0000-7000-8000-00000000000b',
  c: '01930000-0000-7000-8000-00000000000c',
} as const;

const WORKFLOW = { id: 'nomination', version: 2, hash: 'f'.repeat(64) };
const ACTORS = {
  leader: {
    userId: '01930000-0000-7000-8000-0000000000f1',
    username: 'lanhdao',
    role: 'unit_leader',
  },
  secretariat: {
    userId: '01930000-0000-7000-8000-0000000000f2',
    username: 'vanphong',
    role: 'secretariat',
  },
};

/** Each case's story: [event, actor, payload, from, to]. */
const STORIES: Record<
  keyof typeof CASES,
  [string, keyof typeof ACTORS, object, string | null, string][]
> = {
  a: [
    ['CASE_OPENED', 'leader', { subject: { name: 'Nguyễn Thị Ngọc Ánh' } }, null, 'draft'],
    ['SUBMIT', 'leader', {}, 'draft', 'submitted'],
    ['START_VERIFICATION', 'secretariat', {}, 'submitted', 'verifying'],
    ['MARK_VERIFIED', 'secretariat', {}, 'verifying', 'verified'],
  ],
  b: [
    ['CASE_OPENED', 'leader', { subject: { name: 'Đặng Văn Hưởng' } }, null, 'draft'],
    ['SUBMIT', 'leader', {}, 'draft', 'submitted'],
    [
      'WITHDRAW',
      'leader',
      { reason: 'Đồng chí xin rút hồ sơ để bổ sung thành tích' },
      'submitted',
      'withdrawn',
    ],
  ],
  c: [
    ['CASE_OPENED', 'leader', { subject: { name: 'Trần Xuân Lâm' } }, null, 'draft'],
    ['SUBMIT', 'leader', {}, 'draft', 'submitted'],
    ['START_VERIFICATION', 'secretariat', {}, 'submitted', 'verifying'],
    [
      'RETURN_FOR_SUPPLEMENT',
      'secretariat',
      { reason: 'Thiếu biên bản bình xét' },
      'verifying',
      'returned_for_supplement',
    ],
  ],
};

function chain(caseKey: keyof typeof CASES, story = STORIES[caseKey]): AuditRecord[] {
  const records: AuditRecord[] = [];
  let prevHash = GENESIS_HASH;
  story.forEach(([eventType, actor, payload, fromState, toState], index) => {
    const record = seal({
      caseId: CASES[caseKey],
      seq: index + 1,
      at: `2026-03-0${index + 1}T0${index + 1}:00:00.000Z`,
      actor: ACTORS[actor],
      eventType,
      payload: payload as Record<string, unknown>,
      fromState,
      toState,
      workflow: WORKFLOW,
      prevHash,
    });
    records.push(record);
    prevHash = record.hash;
  });
  return records;
}

const headOf = (records: AuditRecord[], upTo: number): ChainHead => ({
  caseId: records[0].caseId,
  seq: upTo,
  hash: records[upTo - 1].hash,
});

interface Parts {
  header: ExportHeader;
  checkpoints: ExportCheckpoint[];
  events: AuditRecord[];
}

function render(parts: Parts, footer?: Partial<ExportFooter>): string[] {
  const cases = new Set(parts.events.map((e) => e.caseId)).size;
  const fullFooter: ExportFooter = {
    kind: 'footer',
    checkpoints: parts.checkpoints.length,
    cases,
    events: parts.events.length,
    ...footer,
  };
  return [
    JSON.stringify(parts.header),
    ...parts.checkpoints.map((c) => JSON.stringify(c)),
    ...parts.events.map((e) => JSON.stringify(eventLine(e))),
    JSON.stringify(fullFooter),
  ];
}

export function buildVectors(): Record<string, Vector> {
  const { privateKey } = testVectorKeys();
  const a = chain('a');
  const b = chain('b');
  const c = chain('c');
  // Checkpoint 1 when a and c were two records in and b three; checkpoint 2 over everything.
  const heads1 = [headOf(a, 2), headOf(b, 3), headOf(c, 2)];
  const heads2 = [headOf(a, 4), headOf(b, 3), headOf(c, 4)];
  const cp1 = makeCheckpoint(heads1, null, '2026-03-02T12:00:00.000Z', privateKey);
  const cp2 = makeCheckpoint(heads2, cp1, '2026-03-05T12:00:00.000Z', privateKey);
  const header: ExportHeader = {
    kind: 'header',
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: '2026-03-06T00:00:00.000Z',
    complete: true,
    filter: {},
  };
  const checkpoints = [checkpointLine(cp1, heads1), checkpointLine(cp2, heads2)];
  const good: Parts = { header, checkpoints, events: [...a, ...b, ...c] };
  // Line numbers: 1 header, 2–3 checkpoints, 4–7 case a, 8–10 case b, 11–14 case c, 15 footer.
  const lineOf = (caseRecords: AuditRecord[], seq: number) =>
    4 + good.events.indexOf(caseRecords[seq - 1]);

  const altered = structuredClone(good);
  altered.events[lineOf(b, 2) - 4] = {
    ...b[1],
    payload: { note: 'đã sửa' },
  };

  const removed = { ...good, events: good.events.filter((e) => e !== a[1]) };

  const reordered = { ...good, events: [...a, ...b, c[0], c[2], c[1], c[3]] };

  const deleted = { ...good, events: [...a, ...c] };

  const truncated = { ...good, events: [...a.slice(0, 3), ...b, ...c] };

  // An insider rewrites case c from record 3 on (hashes recomputed, so the chain itself is
  // sound) and rebuilds checkpoint 2 to match, but cannot sign it.
  const rewrittenStory = [...STORIES.c];
  rewrittenStory[3] = ['MARK_VERIFIED', 'secretariat', {}, 'verifying', 'verified'];
  const forkedC = chain('c', rewrittenStory);
  const forgedHeads2 = [headOf(a, 4), headOf(b, 3), headOf(forkedC, 4)];
  const reforged: Checkpoint = {
    ...makeCheckpoint(forgedHeads2, cp1, cp2.at, null),
    signature: cp2.signature,
    keyId: cp2.keyId,
  };
  const forged = {
    ...good,
    checkpoints: [checkpoints[0], checkpointLine(reforged, forgedHeads2)],
    events: [...a, ...b, ...forkedC],
  };
  const forked = { ...good, events: [...a, ...b, ...forkedC] };

  // What an auditor of the unit that holds cases a and c (not b) gets: the same checkpoints, with
  // proofs of a's and c's heads instead of the list of every head, and nothing of case b.
  const ofUnit = (caseId: string) => caseId !== CASES.b;
  const scopedHeader: ExportHeader = { ...header, filter: { scoped: true } };
  const scoped: Parts = {
    header: scopedHeader,
    checkpoints: [
      provedCheckpointLine(cp1, heads1, ofUnit),
      provedCheckpointLine(cp2, heads2, ofUnit),
    ],
    events: [...a, ...c],
  };
  // Line numbers: 1 header, 2–3 checkpoints, 4–7 case a, 8–11 case c, 12 footer.
  const scopedLineOf = (caseRecords: AuditRecord[], seq: number) =>
    4 + scoped.events.indexOf(caseRecords[seq - 1]);
  // The insider who rewrote case c offers its new head with the path it has in a tree rebuilt
  // over the new heads: it cannot lead to the root checkpoint 2 signed.
  const forgedProof = provedCheckpointLine(reforged, forgedHeads2, (id) => id === CASES.c)
    .proofs![0];
  const scopedForged: Parts = {
    ...scoped,
    checkpoints: [
      scoped.checkpoints[0],
      {
        kind: 'checkpoint',
        ...cp2,
        proofs: scoped.checkpoints[1].proofs!.map((proof) =>
          proof.caseId === CASES.c ? forgedProof : proof,
        ),
      },
    ],
    events: [...a, ...forkedC],
  };
  const scopedForked: Parts = { ...scoped, events: [...a, ...forkedC] };
  const scopedRemoved: Parts = { ...scoped, events: [...a] };
  const version1: Parts = { ...good, header: { ...header, version: 1 } };

  return {
    good: {
      description: 'A sound, complete export: 2 signed checkpoints, 3 cases, 11 records.',
      lines: render(good),
      expected: null,
      counts: { checkpoints: 2, cases: 3, signedCases: 3, events: 11 },
    },
    'version-1': {
      description:
        'The same export in format version 1 (every head listed; no proofs), still readable.',
      lines: render(version1),
      expected: null,
      counts: { checkpoints: 2, cases: 3, signedCases: 3, events: 11 },
    },
    'scoped-good': {
      description:
        'A sound export scoped to the unit of cases a and c: their heads proved against both signed checkpoints, nothing of case b.',
      lines: render(scoped),
      expected: null,
      counts: { checkpoints: 2, cases: 2, signedCases: 2, events: 8 },
    },
    'scoped-forged-proof': {
      description:
        'Scoped: case c was rewritten from record 4 and its proof in checkpoint 2 replaced by one from a tree rebuilt to match.',
      lines: render(scopedForged),
      expected: {
        code: 'CHECKPOINT_PROOF_INVALID',
        line: 3,
        caseId: CASES.c,
        seq: 4,
        checkpoint: 2,
      },
    },
    'scoped-forked-case': {
      description: 'Scoped: case c was rewritten from record 4; the proofs untouched.',
      lines: render(scopedForked),
      expected: {
        code: 'CASE_FORKED',
        line: scopedLineOf(c, 4),
        caseId: CASES.c,
        seq: 4,
        checkpoint: 2,
      },
    },
    'scoped-removed-case': {
      description:
        'Scoped: case c was removed from the export and the footer recounted; its proofs stay.',
      lines: render(scopedRemoved),
      expected: { code: 'CASE_MISSING', line: 8, caseId: CASES.c, seq: 2, checkpoint: 1 },
    },
    'altered-payload': {
      description: 'The payload of case b, record 2, was changed after it was sealed.',
      lines: render(altered),
      expected: { code: 'HASH_MISMATCH', line: lineOf(b, 2), caseId: CASES.b, seq: 2 },
    },
    'removed-event': {
      description: 'Record 2 of case a was removed.',
      lines: render(removed, { events: removed.events.length }),
      expected: { code: 'SEQUENCE_GAP', line: lineOf(a, 2), caseId: CASES.a, seq: 2 },
    },
    'reordered-events': {
      description: 'Records 2 and 3 of case c were swapped.',
      lines: render(reordered),
      expected: { code: 'SEQUENCE_GAP', line: lineOf(c, 2), caseId: CASES.c, seq: 2 },
    },
    'deleted-case': {
      description: 'Case b was deleted, and the footer recounted to hide it.',
      lines: render(deleted),
      expected: { code: 'CASE_MISSING', line: 12, caseId: CASES.b, seq: 3, checkpoint: 2 },
    },
    'truncated-case': {
      description: 'The last record of case a (signed by checkpoint 2) was removed.',
      lines: render(truncated),
      expected: { code: 'CASE_TRUNCATED', line: 7, caseId: CASES.a, seq: 4, checkpoint: 2 },
    },
    'forked-case': {
      description:
        'Case c was rewritten from record 4 with recomputed hashes; checkpoints untouched.',
      lines: render(forked),
      expected: { code: 'CASE_FORKED', line: lineOf(c, 4), caseId: CASES.c, seq: 4, checkpoint: 2 },
    },
    'forged-checkpoint': {
      description:
        'Case c was rewritten and checkpoint 2 rebuilt to match it, keeping the old signature.',
      lines: render(forged),
      expected: { code: 'CHECKPOINT_SIGNATURE_INVALID', line: 3, checkpoint: 2 },
    },
  };
}
