import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import {
  GENESIS_HASH,
  canonicalPiecesOf,
  hashOf,
  seal,
  sealedByStoredText,
  type AuditRecord,
  type RecordTexts,
  type UnsealedRecord,
} from '../../../src/domain/audit/audit-record';
import {
  AuditExportVerifier,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  canonicalEventLineText,
  eventLine,
  sealedCanonicalLine,
} from '../../../src/domain/audit/audit-export';
import { canonicalJson, isCanonicallyOrdered } from '../../../src/domain/audit/canonical-json';
import { sealedEventLineBytes } from '../../../src/domain/audit/event-line-bytes';
import { eventLineText } from '../../../src/audit/audit-export-lines';
import { verifyChain } from '../../../src/domain/audit/verify-chain';

/**
 * The fast paths of verification must say exactly what the reference says: canonicalJson what the
 * canonicalize package (RFC 8785) writes, hashOf what SHA-256 over the package's text of the whole
 * content gives, and a record proved from its stored text only when that text is what was sealed.
 * Everything here is compared with the reference computed independently, never with the code under
 * test.
 */

/** The hash as it was defined before any fast path: SHA-256 of the package's canonical JSON. */
function referenceHash(record: UnsealedRecord): string {
  const { caseId, seq, at, actor, eventType, payload, facts, fromState, toState, workflow } =
    record;
  const content = {
    caseId,
    seq,
    at,
    actor,
    eventType,
    payload,
    ...(facts === undefined ? {} : { facts }),
    fromState,
    toState,
    workflow,
    prevHash: record.prevHash,
  };
  return createHash('sha256').update(canonicalize(content)!, 'utf8').digest('hex');
}

/** Values of many shapes: the things payloads and facts hold, and the awkward corners of JSON. */
const VALUES: Record<string, unknown> = {
  empty: {},
  'Vietnamese text, NFC and NFD': { lyDo: 'Bổ sung hồ sơ', nfd: 'Trần'.normalize('NFD') },
  'Vietnamese keys, sorted by code unit': { 'đơn vị': 1, 'danh hiệu': 2, Đảng: 3, z: 4, ă: 5 },
  'escapes JSON requires': { s: 'quote " backslash \\ tab \t newline \n nul \u0000 del \u007f' },
  'a lone surrogate and an astral character': { a: '\ud800', b: '😀', c: '\udc00x' },
  'line and paragraph separators': { s: '\u2028\u2029' },
  numbers: {
    ints: [0, -0, 1, -1, 42, 2 ** 53 - 1, -(2 ** 53) + 1, 2 ** 60],
    fractions: [0.1, 1.5, -2.25, 1 / 3, 5e-7, 1e-7, 123456789.125],
    large: [1e21, 1e20, 1.7976931348623157e308, 5e-324],
  },
  nested: {
    b: [{ z: 1, a: [{ y: null, x: true }] }, [], [[]]],
    a: { d: { c: { b: { a: 'deep' } } } },
  },
  'integer-like keys JavaScript reorders': { '10': 'ten', '9': 'nine', '1a': 'x', a: 'y' },
  'keys differing only in case or length': { a: 1, A: 2, aa: 3, 'a ': 4, '': 5 },
  'undefined values are left out': { a: undefined, b: 1, c: [1, 2] },
  'null, booleans': { n: null, t: true, f: false },
  'an array at the top': [3, 1, { b: 2, a: 1 }],
  'a string at the top': 'Lao động tiên tiến',
  'a Date, written by its toJSON': { when: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)) },
  'an object with its own toJSON': { x: { toJSON: () => ({ b: 1, a: 2 }) } },
};

describe('canonicalJson is the canonicalize package, byte for byte', () => {
  test.each(Object.entries(VALUES))('%s', (_, value) => {
    expect(canonicalJson(value)).toBe(canonicalize(value));
  });

  test.each(Object.entries(VALUES))('%s, read back from its canonical text', (_, value) => {
    const parsed: unknown = JSON.parse(canonicalize(value)!);
    expect(canonicalJson(parsed)).toBe(canonicalize(parsed));
  });

  test('text read back from canonical JSON takes the fast way; other shapes do not', () => {
    expect(isCanonicallyOrdered(JSON.parse('{"a":{"b":[1,{"c":"đ","d":null}]},"b":2}'))).toBe(true);
    // JavaScript puts integer-like keys first, whatever the text said: not JCS order.
    expect(isCanonicallyOrdered(JSON.parse('{"10":1,"9":2}'))).toBe(false);
    expect(isCanonicallyOrdered({ b: 1, a: 2 })).toBe(false);
    expect(isCanonicallyOrdered({ a: new Date(0) })).toBe(false);
    expect(isCanonicallyOrdered({ a: NaN })).toBe(false);
    // A hole: JSON.stringify writes null, the package leaves it out.
    expect(isCanonicallyOrdered(new Array<number>(3).fill(1, 0, 1))).toBe(false);
    const holed = new Array<number>(3).fill(1, 0, 1);
    expect(canonicalJson(holed)).toBe(canonicalize(holed));
  });

  test('values JSON cannot represent are still refused', () => {
    expect(() => canonicalJson({ a: NaN })).toThrow();
    expect(() => canonicalJson([Infinity])).toThrow();
    expect(() => canonicalJson(undefined)).toThrow();
  });

  test('a JSON-parsed __proto__ key is kept as data', () => {
    const parsed: unknown = JSON.parse('{"__proto__":{"x":1},"a":2}');
    expect(canonicalJson(parsed)).toBe(canonicalize(parsed));
  });
});

const WORKFLOW = { id: 'nomination', version: 7, hash: 'e'.repeat(64) };

function record(
  seq: number,
  payload: Record<string, unknown>,
  facts?: Record<string, unknown>,
): UnsealedRecord {
  return {
    caseId: '0196a000-0000-7000-8000-00000000002a',
    seq,
    at: new Date(Date.UTC(2026, 10, 25, 8, seq, 0, 7)).toISOString(),
    actor: { userId: `user-${seq}`, username: 'Nguyễn Thị "Bình"', role: 'secretariat' },
    eventType: seq === 1 ? 'CASE_OPENED' : 'RETURN_FOR_SUPPLEMENT',
    payload,
    ...(facts === undefined ? {} : { facts }),
    fromState: seq === 1 ? null : 'verifying',
    toState: 'returned_for_supplement',
    workflow: WORKFLOW,
    prevHash: seq === 1 ? GENESIS_HASH : 'a'.repeat(64),
  };
}

const objects = Object.entries(VALUES).filter(
  ([, value]) => typeof value === 'object' && !Array.isArray(value),
) as [string, Record<string, unknown>][];

describe('the hash of a record is the reference hash', () => {
  test.each(objects)('payload: %s', (_, payload) => {
    const unsealed = record(2, payload);
    expect(hashOf(unsealed)).toBe(referenceHash(unsealed));
    expect(seal(unsealed).hash).toBe(referenceHash(unsealed));
  });

  test.each(objects)('facts: %s', (_, facts) => {
    const unsealed = record(3, { reason: 'x' }, facts);
    expect(hashOf(unsealed)).toBe(referenceHash(unsealed));
    expect(seal(unsealed).hash).toBe(referenceHash(unsealed));
  });

  test('records of unusual shape (as a hand-edited export line may be) hash as before', () => {
    const base = record(4, { a: 1 });
    const odd: unknown[] = [
      { ...base, actor: { ...base.actor, extra: 'kept in the hash' } },
      { ...base, actor: { role: 'secretariat', userId: 'u' } },
      { ...base, seq: '4' },
      { ...base, workflow: { ...WORKFLOW, version: '7' } },
      { ...base, fromState: undefined },
      { ...base, payload: undefined },
      { ...base, facts: null },
      { ...base, toState: 5 },
      { ...base, kind: 'event', id: 99 },
    ];
    for (const unsealed of odd as UnsealedRecord[]) {
      expect(hashOf(unsealed)).toBe(referenceHash(unsealed));
    }
  });

  test('seal keeps the canonical pieces the row stores; a copy gets them recomputed', () => {
    const sealed = seal(record(5, { b: 'Bổ sung', a: [2, 1] }, { z: 1, y: { d: 4, c: 3 } }));
    const expected = { payload: '{"a":[2,1],"b":"Bổ sung"}', facts: '{"y":{"c":3,"d":4},"z":1}' };
    expect(canonicalPiecesOf(sealed)).toEqual(expected);
    expect(canonicalPiecesOf({ ...sealed })).toEqual(expected);
    expect(canonicalPiecesOf(seal(record(6, {})))).toEqual({ payload: '{}', facts: null });
  });
});

/** A record as a repository reads it: the payload and facts parsed from the row's text. */
function fromRow(sealed: AuditRecord, texts: RecordTexts): AuditRecord {
  const rest: Partial<AuditRecord> = { ...sealed };
  delete rest.facts;
  return {
    ...(rest as AuditRecord),
    payload: JSON.parse(texts.payload) as Record<string, unknown>,
    ...(texts.facts === null ? {} : { facts: JSON.parse(texts.facts) as Record<string, unknown> }),
  };
}

describe('proving a record from its stored text', () => {
  const payload = { reason: 'Thiếu biên bản', items: [{ n: 1.5, code: 'b' }], '10': 'x', '9': 'y' };
  const facts = { today: '2026-11-25', eligibility: { outcome: 'pass', lines: [] } };
  const sealed = seal(record(2, payload, facts));
  const canonical = canonicalPiecesOf(sealed);

  test('canonical stored text proves the record', () => {
    expect(sealedByStoredText(fromRow(sealed, canonical), canonical)).toBe(true);
    const noFacts = seal(record(2, payload));
    const texts = canonicalPiecesOf(noFacts);
    expect(sealedByStoredText(fromRow(noFacts, texts), texts)).toBe(true);
  });

  test('text in another key order (rows written before) is not proof, and the chain still holds', () => {
    const older = { payload: JSON.stringify(payload), facts: JSON.stringify(facts) };
    expect(older.payload).not.toBe(canonical.payload);
    const read = fromRow(sealed, older);
    expect(sealedByStoredText(read, older)).toBe(false);
    expect(hashOf(read)).toBe(sealed.hash);
    // The same as the first record of a chain, through verifyChain end to end.
    const first = seal(record(1, payload, facts));
    const firstOlder = { payload: JSON.stringify(payload), facts: JSON.stringify(facts) };
    expect(verifyChain(first.caseId, [fromRow(first, firstOlder)], [firstOlder])).toEqual({
      ok: true,
      checked: 1,
      firstBadSeq: null,
      problem: null,
    });
  });

  test('text with spaces or escapes that say the same value: not proof, still verified', () => {
    const first = seal(record(1, { reason: 'Lý do' }));
    const spaced = { payload: '{ "reason" : "L\\u00fd do" }', facts: null };
    const read = fromRow(first, spaced);
    expect(sealedByStoredText(read, spaced)).toBe(false);
    expect(verifyChain(first.caseId, [read], [spaced]).ok).toBe(true);
  });

  test('a changed value fails both ways: HASH_MISMATCH', () => {
    const first = seal(record(1, { reason: 'Lý do' }, { today: '2026-11-25' }));
    for (const changed of [
      { payload: '{"reason":"Lý do khác"}', facts: '{"today":"2026-11-25"}' },
      { payload: '{"reason":"Lý do"}', facts: '{"today":"2026-11-26"}' },
      { payload: '{"reason":"Lý do"}', facts: null },
      { payload: '{"reason":"Lý do"}', facts: '{"today":"2026-11-25","more":1}' },
    ]) {
      const read = fromRow(first, changed);
      expect(sealedByStoredText(read, changed)).toBe(false);
      expect(verifyChain(first.caseId, [read], [changed])).toEqual({
        ok: false,
        checked: 0,
        firstBadSeq: 1,
        problem: 'HASH_MISMATCH',
      });
    }
  });

  test('a changed column beside canonical text fails: HASH_MISMATCH', () => {
    const first = seal(record(1, { reason: 'Lý do' }));
    const texts = canonicalPiecesOf(first);
    const edits: ((r: AuditRecord) => void)[] = [
      (r) => (r.actor.username = 'someone.else'),
      (r) => (r.at = '2026-11-25T08:00:00.000Z'),
      (r) => (r.toState = 'approved'),
      (r) => (r.workflow.version = 8),
    ];
    for (const edit of edits) {
      const read = structuredClone(fromRow(first, texts));
      edit(read);
      expect(sealedByStoredText(read, texts)).toBe(false);
      expect(verifyChain(first.caseId, [read], [texts]).problem).toBe('HASH_MISMATCH');
    }
  });

  test('text that is the stored text of another record does not prove this one', () => {
    const first = seal(record(1, { reason: 'A' }));
    const other = canonicalPiecesOf(seal(record(1, { reason: 'B' })));
    expect(sealedByStoredText(first, other)).toBe(false);
  });
});

describe('event lines in canonical layout', () => {
  const sealed = seal(
    record(1, { reason: 'Lý do "đặc biệt"', items: [2, 1] }, { today: '2026-11-25', n: 1.5 }),
  );
  const line = canonicalEventLineText(sealed);

  test('are the same JSON object as eventLine, and proved by hashing part of the line', () => {
    expect(JSON.parse(line)).toEqual(JSON.parse(JSON.stringify(eventLine(sealed))));
    expect(line.startsWith('{"kind":"event","actor":{"role":')).toBe(true);
    expect(sealedCanonicalLine(line)).toBe(true);
    // A copy of the record (no pieces kept from seal) gives the same line.
    expect(canonicalEventLineText(structuredClone(sealed))).toBe(line);
  });

  test('eventLine’s own layout, spaces, or any change is not proof', () => {
    expect(sealedCanonicalLine(JSON.stringify(eventLine(sealed)))).toBe(false);
    expect(sealedCanonicalLine(line.replace('"n":1.5', '"n":1.50'))).toBe(false);
    expect(sealedCanonicalLine(line.replace('Lý do', 'Ly do'))).toBe(false);
    expect(sealedCanonicalLine(line.replace(',"hash":"', ', "hash":"'))).toBe(false);
    // A member slipped in before the hash (JSON.parse would keep the last payload).
    const slipped = line.replace(',"hash":"', ',"payload":{"reason":"giả"},"hash":"');
    expect(sealedCanonicalLine(slipped)).toBe(false);
    expect(sealedCanonicalLine(line.slice(0, -1))).toBe(false);
    expect(sealedCanonicalLine('{"kind":"event","hash":"' + sealed.hash + '"}')).toBe(false);
  });

  test('the verifier takes them like any line: sound ones pass, a changed value is named', () => {
    const header = {
      kind: 'header',
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exportedAt: '2026-11-25T00:00:00.000Z',
      complete: false,
      filter: {},
    };
    const second = seal({ ...record(2, { reason: 'Tiếp' }), prevHash: sealed.hash });
    const verify = (events: string[]) => {
      const verifier = new AuditExportVerifier(null);
      const lines = [
        JSON.stringify(header),
        ...events,
        JSON.stringify({ kind: 'footer', checkpoints: 0, cases: 1, events: events.length }),
      ];
      lines.forEach((text, index) => verifier.accept(text, index + 1));
      return verifier.finish(lines.length);
    };
    expect(verify([line, canonicalEventLineText(second)])).toMatchObject({ ok: true, events: 2 });
    expect(
      verify([line.replace('Lý do', 'Ly do'), canonicalEventLineText(second)]).problem,
    ).toMatchObject({ code: 'HASH_MISMATCH', line: 2, seq: 1 });
    const slipped = line.replace(',"hash":"', ',"payload":{"reason":"giả"},"hash":"');
    expect(verify([slipped]).problem).toMatchObject({ code: 'HASH_MISMATCH', line: 2 });
  });
});

describe('event lines proved from their bytes (the offline verifier’s threads)', () => {
  /** The export's own line for a record, from a row holding its canonical pieces (as stored). */
  const exportLine = (sealed: AuditRecord, pieces = canonicalPiecesOf(sealed)) =>
    eventLineText({
      case_id: sealed.caseId,
      seq: sealed.seq,
      occurred_at: sealed.at,
      actor_user_id: sealed.actor.userId,
      actor_username: sealed.actor.username,
      actor_role: sealed.actor.role,
      event_type: sealed.eventType,
      payload_json: pieces.payload,
      facts_json: pieces.facts,
      from_state: sealed.fromState,
      to_state: sealed.toState,
      workflow_id: sealed.workflow.id,
      workflow_version: sealed.workflow.version,
      workflow_hash: sealed.workflow.hash,
      prev_hash: sealed.prevHash,
      hash: sealed.hash,
    });
  const proved = (line: string) => {
    const bytes = Buffer.from(`\n${line}\n`);
    return sealedEventLineBytes(bytes, 1, bytes.length - 1);
  };
  const fieldsOf = (line: string) => {
    const { kind, caseId, seq, prevHash, hash } = JSON.parse(line) as AuditRecord & {
      kind: string;
    };
    return { kind, caseId, seq, prevHash, hash };
  };
  const objects = Object.entries(VALUES).filter(
    (entry): entry is [string, Record<string, unknown>] =>
      typeof entry[1] === 'object' && entry[1] !== null && !Array.isArray(entry[1]),
  );

  test.each(objects)('%s: a sound line, either layout, gives what parsing it gives', (_, value) => {
    for (const facts of [undefined, value]) {
      const sealed = seal(record(2, value, facts));
      // The reference: the hash is SHA-256 of the package's canonical JSON.
      expect(sealed.hash).toBe(referenceHash(sealed));
      for (const line of [exportLine(sealed), canonicalEventLineText(sealed)]) {
        expect(proved(line)).toEqual(fieldsOf(line));
      }
    }
  });

  const sealed = seal(
    record(1, { reason: 'Lý do "đặc biệt"', items: [2, 1] }, { today: '2026-11-25', n: 1.5 }),
  );
  const line = exportLine(sealed);

  test('a changed byte anywhere in what the hash covers is not proof', () => {
    expect(proved(line)).not.toBeNull();
    for (const [from, to] of [
      ['Lý do', 'Ly do'],
      ['"n":1.5', '"n":1.50'],
      ['"items":[2,1]', '"items":[1,2]'],
      ['"toState":"returned_for_supplement"', '"toState":"verifying"'],
      ['"username":"Nguyễn Thị \\"Bình\\""', '"username":"Nguyen Thi \\"Binh\\""'],
      ['"version":7', '"version":8'],
      ['"fromState":null', '"fromState":"verifying"'],
      [`"prevHash":"${GENESIS_HASH}"`, `"prevHash":"${'1'.repeat(64)}"`],
    ]) {
      expect(line).toContain(from);
      expect({ from, proved: proved(line.replace(from, to)) }).toEqual({ from, proved: null });
    }
  });

  test('members moved, repeated, added, spaced or missing are not proof', () => {
    const variants = [
      // A second payload (JSON.parse keeps the last), before the hash or at the start.
      line.replace(',"hash":"', ',"payload":{"reason":"giả"},"hash":"'),
      line.replace('{"kind":"event",', '{"kind":"event","payload":{"reason":"giả"},'),
      line.replace(',"hash":"', ',"note":1,"hash":"'),
      line.replace(',"seq":', ', "seq":'),
      line.replace('"kind":"event"', '"kind":"checkpoint"'),
      line.replace(/,"facts":\{[^}]*\}/, ''),
      line.replace('"caseId"', '"case\\u0049d"'),
      line.slice(0, -1),
      `${line} `,
    ];
    for (const variant of variants) {
      expect(variant).not.toBe(line);
      expect({ variant, proved: proved(variant) }).toEqual({ variant, proved: null });
    }
  });

  test('stored text in another key order (rows written before) is not proof; the verifier still decides', () => {
    const older = exportLine(sealed, {
      payload: JSON.stringify(sealed.payload),
      facts: JSON.stringify(sealed.facts),
    });
    expect(older).not.toBe(line);
    expect(proved(older)).toBeNull();
    expect(hashOf(JSON.parse(older) as AuditRecord)).toBe(sealed.hash);
  });

  test('a payload whose members look like the record’s cannot be cut to say another record', () => {
    // Nested keys the hashed text also has, in its order: facts, fromState, payload.
    const payload = '{"x":{"facts":{"a":1},"fromState":"x","payload":{"b":2}}}';
    const facts = '{"fromState":"y"}';
    const tricky = seal(record(2, JSON.parse(payload), JSON.parse(facts)));
    const honest = exportLine(tricky);
    expect(proved(honest)).toEqual(fieldsOf(honest));
    // Pieces cut elsewhere that put together the very same hashed bytes, saying fromState "x":
    // the facts run on into the payload, the payload is its tail. Not one of them is balanced.
    const fromState = '"x"';
    const cutFacts = `${facts},"fromState":"verifying","payload":{"x":{"facts":{"a":1}`;
    const cutPayload = '{"b":2}}}';
    const hashedPart = (f: string, state: string, p: string) =>
      `"facts":${f},"fromState":${state},"payload":${p}`;
    expect(hashedPart(cutFacts, fromState, cutPayload)).toBe(
      hashedPart(facts, '"verifying"', payload),
    );
    const cut = honest.replace(
      `"payload":${payload},"facts":${facts},"fromState":"verifying"`,
      `"payload":${cutPayload},"facts":${cutFacts},"fromState":${fromState}`,
    );
    expect(cut).not.toBe(honest);
    expect(proved(cut)).toBeNull();
  });
});
