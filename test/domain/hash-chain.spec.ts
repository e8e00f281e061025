import {
  GENESIS_HASH,
  hashOf,
  seal,
  type AuditRecord,
  type UnsealedRecord,
} from '../../src/domain/audit/audit-record';
import { canonicalJson, sha256Hex } from '../../src/domain/audit/canonical-json';
import { verifyChain, type ChainProblem } from '../../src/domain/audit/verify-chain';

const CASE_ID = 'c0ffee00-0000-4000-8000-000000000042';
const OTHER_CASE_ID = 'c0ffee00-0000-4000-8000-000000000043';
const WORKFLOW = { id: 'nomination', version: 1, hash: 'f'.repeat(64) };

/** The unsealed content of record number `seq` of a case, before it is linked. */
function content(seq: number, caseId = CASE_ID): Omit<UnsealedRecord, 'prevHash'> {
  return {
    caseId,
    seq,
    at: new Date(Date.UTC(2026, 0, 5, 8, seq, 0, 123)).toISOString(),
    actor: { userId: `user-${seq}`, username: `Trần Xuân Lâm ${seq}`, role: 'secretariat' },
    eventType: seq === 1 ? 'CASE_OPENED' : `EVENT_${seq}`,
    payload: { note: `bước ${seq}`, detail: { count: seq, ok: true } },
    fromState: seq === 1 ? null : `state_${seq - 1}`,
    toState: `state_${seq}`,
    workflow: WORKFLOW,
  };
}

/** A sound chain of `length` records, each sealed and linked to the one before. */
function chain(length: number, caseId = CASE_ID): AuditRecord[] {
  const records: AuditRecord[] = [];
  for (let seq = 1; seq <= length; seq++) {
    const prevHash = seq === 1 ? GENESIS_HASH : records[seq - 2].hash;
    records.push(seal({ ...content(seq, caseId), prevHash }));
  }
  return records;
}

/** A deep copy of the chain with the record at `seq` changed by `change`. */
function tampered(
  records: readonly AuditRecord[],
  seq: number,
  change: (record: AuditRecord) => void,
): AuditRecord[] {
  const copy = structuredClone(records) as AuditRecord[];
  change(copy[seq - 1]);
  return copy;
}

function reseal(record: AuditRecord): void {
  record.hash = hashOf(record);
}

const failure = (checked: number, firstBadSeq: number, problem: ChainProblem) => ({
  ok: false,
  checked,
  firstBadSeq,
  problem,
});

describe('verifyChain', () => {
  const good = chain(5);

  test('a sound chain is ok, every record checked', () => {
    expect(verifyChain(CASE_ID, good)).toEqual({
      ok: true,
      checked: 5,
      firstBadSeq: null,
      problem: null,
    });
  });

  test('a chain of one record (just the opening) is ok', () => {
    expect(verifyChain(CASE_ID, chain(1))).toEqual({
      ok: true,
      checked: 1,
      firstBadSeq: null,
      problem: null,
    });
  });

  test('an empty chain is ok with nothing checked', () => {
    expect(verifyChain(CASE_ID, [])).toEqual({
      ok: true,
      checked: 0,
      firstBadSeq: null,
      problem: null,
    });
  });

  test('the chain does not depend on the key order of a payload', () => {
    const reordered = tampered(good, 3, (r) => {
      r.payload = { detail: { ok: true, count: 3 }, note: 'bước 3' };
    });
    expect(verifyChain(CASE_ID, reordered).ok).toBe(true);
  });

  test('fields outside the hashed content (e.g. a database id) do not matter', () => {
    const withIds = good.map((r, i) => ({ ...r, id: 1000 + i }));
    expect(verifyChain(CASE_ID, withIds).ok).toBe(true);
  });

  const tamperings: {
    what: string;
    records: () => AuditRecord[];
    expected: ReturnType<typeof failure>;
  }[] = [
    {
      what: 'a payload altered',
      records: () =>
        tampered(good, 3, (r) => {
          r.payload = { ...r.payload, note: 'bước 3 (đã sửa)' };
        }),
      expected: failure(2, 3, 'HASH_MISMATCH'),
    },
    {
      what: 'a nested payload value altered',
      records: () =>
        tampered(good, 2, (r) => {
          (r.payload.detail as { count: number }).count = 99;
        }),
      expected: failure(1, 2, 'HASH_MISMATCH'),
    },
    {
      what: 'the actor’s role altered',
      records: () =>
        tampered(good, 4, (r) => {
          r.actor = { ...r.actor, role: 'council_chair' };
        }),
      expected: failure(3, 4, 'HASH_MISMATCH'),
    },
    {
      what: 'the actor’s user id altered',
      records: () =>
        tampered(good, 1, (r) => {
          r.actor = { ...r.actor, userId: 'someone-else' };
        }),
      expected: failure(0, 1, 'HASH_MISMATCH'),
    },
    {
      what: '`at` altered by one millisecond',
      records: () =>
        tampered(good, 5, (r) => {
          r.at = r.at.replace('.123Z', '.124Z');
        }),
      expected: failure(4, 5, 'HASH_MISMATCH'),
    },
    {
      what: 'the target state altered',
      records: () =>
        tampered(good, 3, (r) => {
          r.toState = 'approved';
        }),
      expected: failure(2, 3, 'HASH_MISMATCH'),
    },
    {
      what: 'the pinned workflow version altered',
      records: () =>
        tampered(good, 2, (r) => {
          r.workflow = { ...r.workflow, version: 2 };
        }),
      expected: failure(1, 2, 'HASH_MISMATCH'),
    },
    {
      what: 'a record’s own hash altered',
      records: () =>
        tampered(good, 5, (r) => {
          r.hash = '0'.repeat(64);
        }),
      expected: failure(4, 5, 'HASH_MISMATCH'),
    },
    {
      what: 'a tampered record resealed (its hash recomputed, the next prevHash not)',
      records: () =>
        tampered(good, 3, (r) => {
          r.payload = { ...r.payload, note: 'bước 3 (đã sửa)' };
          reseal(r);
        }),
      expected: failure(3, 4, 'PREV_HASH_MISMATCH'),
    },
    {
      what: 'a prevHash altered and the record resealed',
      records: () =>
        tampered(good, 2, (r) => {
          r.prevHash = 'a'.repeat(64);
          reseal(r);
        }),
      expected: failure(1, 2, 'PREV_HASH_MISMATCH'),
    },
    {
      what: 'a first record that does not start from the genesis hash',
      records: () =>
        tampered(good, 1, (r) => {
          r.prevHash = 'a'.repeat(64);
          reseal(r);
        }),
      expected: failure(0, 1, 'PREV_HASH_MISMATCH'),
    },
    {
      what: 'a middle record removed',
      records: () => good.filter((r) => r.seq !== 3),
      expected: failure(2, 3, 'SEQUENCE_GAP'),
    },
    {
      what: 'the opening record removed',
      records: () => good.slice(1),
      expected: failure(0, 1, 'SEQUENCE_GAP'),
    },
    {
      what: 'two records swapped',
      records: () => [good[0], good[2], good[1], good[3], good[4]],
      expected: failure(1, 2, 'SEQUENCE_GAP'),
    },
    {
      what: 'two records swapped and renumbered',
      records: () => {
        const swapped = structuredClone([good[0], good[2], good[1], good[3], good[4]]);
        swapped[1].seq = 2;
        swapped[2].seq = 3;
        return swapped;
      },
      expected: failure(1, 2, 'PREV_HASH_MISMATCH'),
    },
    {
      what: 'a record duplicated',
      records: () => [good[0], good[1], good[1], good[2]],
      expected: failure(2, 3, 'SEQUENCE_GAP'),
    },
    {
      what: 'a record of another case spliced in',
      records: () => [...good.slice(0, 2), chain(3, OTHER_CASE_ID)[2], ...good.slice(3)],
      expected: failure(2, 3, 'WRONG_CASE'),
    },
    {
      what: 'a record moved to another case and resealed',
      records: () =>
        tampered(good, 4, (r) => {
          r.caseId = OTHER_CASE_ID;
          reseal(r);
        }),
      expected: failure(3, 4, 'WRONG_CASE'),
    },
  ];

  test.each(tamperings)('detects $what', ({ records, expected }) => {
    expect(verifyChain(CASE_ID, records())).toEqual(expected);
  });

  test('a whole sound chain of another case is WRONG_CASE at seq 1', () => {
    expect(verifyChain(CASE_ID, chain(3, OTHER_CASE_ID))).toEqual(failure(0, 1, 'WRONG_CASE'));
  });

  test('verifying does not modify the records', () => {
    const copy = structuredClone(good);
    verifyChain(CASE_ID, good);
    expect(good).toEqual(copy);
  });
});

describe('hashOf and seal', () => {
  test('seal adds the hash of the other fields', () => {
    const unsealed = { ...content(1), prevHash: GENESIS_HASH };
    const sealed = seal(unsealed);
    expect(sealed).toEqual({ ...unsealed, hash: hashOf(unsealed) });
    expect(sealed.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  test('the hash is SHA-256 of the canonical JSON of the content', () => {
    const unsealed = { ...content(2), prevHash: 'b'.repeat(64) };
    expect(hashOf(unsealed)).toBe(sha256Hex(canonicalJson(unsealed)));
  });

  test('GENESIS_HASH is 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0000000000000000000000000000000000000000000000000000000000000000');
  });
});

describe('canonicalJson (RFC 8785)', () => {
  test('object keys are sorted, at every level, whatever the insertion order', () => {
    const a = { b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } };
    const b = { a: { c: 'x', d: [3, { y: 2, z: 1 }] }, b: 1 };
    expect(canonicalJson(a)).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
  });

  test('array order is kept', () => {
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
  });

  test('no whitespace is added', () => {
    expect(canonicalJson({ a: [1, 2], b: { c: null } })).toBe('{"a":[1,2],"b":{"c":null}}');
  });

  test('Vietnamese text is kept as is (NFC, not escaped)', () => {
    const name = 'Trần Xuân Lâm';
    expect(name).toBe(name.normalize('NFC'));
    const text = canonicalJson({ name, unit: 'Phòng Tổ chức – Hành chính' });
    expect(text).toBe('{"name":"Trần Xuân Lâm","unit":"Phòng Tổ chức – Hành chính"}');
    expect(Buffer.from(text, 'utf8').includes(Buffer.from('Trần Xuân Lâm', 'utf8'))).toBe(true);
  });

  test('text is not normalised: NFD and NFC spellings hash differently', () => {
    const nfc = 'Trần Xuân Lâm';
    const nfd = nfc.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    expect(canonicalJson(nfd)).toBe(`"${nfd}"`);
    expect(sha256Hex(canonicalJson(nfd))).not.toBe(sha256Hex(canonicalJson(nfc)));
  });

  test('keys are sorted by UTF-16 code units, Vietnamese keys included', () => {
    expect(canonicalJson({ đ: 1, z: 2, A: 3, ă: 4 })).toBe('{"A":3,"z":2,"ă":4,"đ":1}');
  });

  test.each([
    [1e21, '1e+21'],
    [1e-7, '1e-7'],
    [0.1, '0.1'],
    [100, '100'],
    [-0, '0'],
    [1.5, '1.5'],
    [123456789012345680000, '123456789012345680000'],
    [4.5e-300, '4.5e-300'],
  ])('the number %p is written %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
    expect(canonicalJson({ n: value })).toBe(`{"n":${expected}}`);
  });

  test('strings escape only what JSON requires', () => {
    expect(canonicalJson('a"b\\c\n\u000f/é€')).toBe('"a\\"b\\\\c\\n\\u000f/é€"');
  });

  test('values JSON cannot represent are refused', () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson(Number.POSITIVE_INFINITY)).toThrow();
  });

  test('sha256Hex hashes the UTF-8 bytes', () => {
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

describe('facts in the hashed content', () => {
  const FACTS = {
    today: '2026-04-15',
    decisionNumber: {
      number: '15/QĐ-UBND',
      sequence: 15,
      year: 2026,
      issuingUnit: { id: 'unit-ubnd', code: 'UBND', name: 'Ủy ban nhân dân tỉnh' },
    },
  };

  /** A chain whose records at `withFacts` seqs carry FACTS (as v2 events do), the others none. */
  function mixedChain(length: number, withFacts: readonly number[]): AuditRecord[] {
    const records: AuditRecord[] = [];
    for (let seq = 1; seq <= length; seq++) {
      const prevHash = seq === 1 ? GENESIS_HASH : records[seq - 2].hash;
      records.push(
        seal({
          ...content(seq),
          ...(withFacts.includes(seq) ? { facts: structuredClone(FACTS) } : {}),
          prevHash,
        }),
      );
    }
    return records;
  }

  test('a record written before facts existed keeps the hash it was given then', () => {
    // Computed with hashOf as it was before facts were added (git HEAD 95750b1).
    const v1 = seal({ ...content(2), prevHash: GENESIS_HASH });
    expect(v1).not.toHaveProperty('facts');
    expect(v1.hash).toBe('8cc56e11e425b033c531d985bdb39682c801c7a4d1f8c2b44deac23c48881fcc');
  });

  test('the same record with facts hashes differently from the record without', () => {
    const without = { ...content(2), prevHash: GENESIS_HASH };
    const withFacts = { ...without, facts: FACTS };
    expect(hashOf(withFacts)).not.toBe(hashOf(without));
    expect(hashOf(withFacts)).toBe(sha256Hex(canonicalJson(withFacts)));
    expect(hashOf({ ...without, facts: { ...FACTS, today: '2026-04-16' } })).not.toBe(
      hashOf(withFacts),
    );
  });

  test('facts: undefined is the same as no facts, and seal leaves no facts key', () => {
    const without = { ...content(2), prevHash: GENESIS_HASH };
    const sealed = seal({ ...without, facts: undefined });
    expect(Object.hasOwn(sealed, 'facts')).toBe(false);
    expect(sealed.hash).toBe(hashOf(without));
  });

  test('seal keeps the facts it was given and covers them', () => {
    const sealed = seal({ ...content(2), facts: FACTS, prevHash: GENESIS_HASH });
    expect(sealed.facts).toEqual(FACTS);
    expect(sealed.hash).toBe(hashOf({ ...content(2), facts: FACTS, prevHash: GENESIS_HASH }));
  });

  test('a chain mixing records with and without facts verifies', () => {
    expect(verifyChain(CASE_ID, mixedChain(6, [3, 5]))).toEqual({
      ok: true,
      checked: 6,
      firstBadSeq: null,
      problem: null,
    });
  });

  test('the key order of the facts does not matter', () => {
    const reordered = tampered(mixedChain(4, [3]), 3, (r) => {
      r.facts = { decisionNumber: r.facts!.decisionNumber, today: r.facts!.today };
    });
    expect(verifyChain(CASE_ID, reordered).ok).toBe(true);
  });

  const factTamperings: {
    what: string;
    change: (record: AuditRecord) => void;
    seq: number;
  }[] = [
    {
      what: 'a fact altered',
      seq: 3,
      change: (r) => {
        r.facts = { ...r.facts, today: '2026-04-14' };
      },
    },
    {
      what: 'a nested fact altered',
      seq: 5,
      change: (r) => {
        (r.facts!.decisionNumber as { number: string }).number = '16/QĐ-UBND';
      },
    },
    {
      what: 'a fact added',
      seq: 3,
      change: (r) => {
        r.facts = { ...r.facts, eligibility: { outcome: 'eligible' } };
      },
    },
    {
      what: 'the facts removed',
      seq: 5,
      change: (r) => {
        delete r.facts;
      },
    },
    {
      what: 'the facts emptied',
      seq: 3,
      change: (r) => {
        r.facts = {};
      },
    },
    {
      what: 'facts given to a record that had none',
      seq: 4,
      change: (r) => {
        r.facts = { today: '2026-04-15' };
      },
    },
  ];

  test.each(factTamperings)('detects $what, at that seq', ({ change, seq }) => {
    const records = tampered(mixedChain(6, [3, 5]), seq, change);
    expect(verifyChain(CASE_ID, records)).toEqual(failure(seq - 1, seq, 'HASH_MISMATCH'));
  });

  test('facts altered and the record resealed break the link to the next record', () => {
    const records = tampered(mixedChain(6, [3, 5]), 3, (r) => {
      r.facts = { ...r.facts, today: '2026-04-14' };
      reseal(r);
    });
    expect(verifyChain(CASE_ID, records)).toEqual(failure(3, 4, 'PREV_HASH_MISMATCH'));
  });
});
