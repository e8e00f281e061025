import { csvRow, csvRowOfStored } from '../../../src/audit/audit-csv';
import { eventLineText, storedJsonText } from '../../../src/audit/audit-export-lines';
import { AuditExportVerifier, eventLine } from '../../../src/domain/audit/audit-export';
import { GENESIS_HASH, seal, type AuditRecord } from '../../../src/domain/audit/audit-record';
import { canonicalJson } from '../../../src/domain/audit/canonical-json';
import {
  eventValues,
  EVENT_COLUMNS,
  toAuditRecord,
  type EventRow,
} from '../../../src/persistence/repositories/audit-record-rows';

/**
 * Export lines and CSV rows are built from the stored row, with payload and facts spliced in from
 * their stored JSON text instead of parsed and re-serialised. For text written by JSON.stringify
 * (every row stored so far) the bytes are exactly what re-serialising gave; canonical text (RFC
 * 8785, sorted keys) goes in as it is and still verifies, since the hash is over the values.
 */

const payloads: {
  name: string;
  payload: Record<string, unknown>;
  facts?: Record<string, unknown>;
}[] = [
  { name: 'empty', payload: {} },
  {
    name: 'Vietnamese text, quotes, a line break and a tab',
    payload: { reason: 'Xác minh "không có căn cứ";\nđã nộp phạt\tở địa phương khác' },
  },
  {
    name: 'escapes and characters outside the BMP',
    payload: { note: '\u0000\u001f\u2028\u2029 😀 \\ / <script>', emoji: '🇻🇳' },
  },
  {
    name: 'numbers',
    payload: { n: 0, negative: -12.5, big: 1e21, small: 1e-7, max: Number.MAX_SAFE_INTEGER },
  },
  {
    name: 'nesting, arrays, nulls and booleans',
    payload: { a: { b: [1, { c: null }, [true, false]], d: {} }, e: [] },
    facts: { eligibility: { lines: [{ rule: 'R1', ok: true }] }, today: '2026-11-25' },
  },
  {
    name: 'keys that look like indexes, and out of order',
    payload: { z: 1, '10': 'ten', '2': 'two', a: { y: 1, b: 2 } },
    facts: { decisionNumber: '12/QĐ-KT' },
  },
];

function recordWith(payload: Record<string, unknown>, facts?: Record<string, unknown>, seq = 1) {
  return seal({
    caseId: '0196a000-0000-7000-8000-00000000002a',
    seq,
    at: '2026-03-01T01:00:00.000Z',
    actor: { userId: 'u-1', username: 'thư ký "A"', role: 'secretariat' },
    eventType: seq === 1 ? 'CASE_OPENED' : 'DISMISS',
    payload,
    ...(facts === undefined ? {} : { facts }),
    fromState: seq === 1 ? null : 'verifying',
    toState: 'dismissed',
    workflow: { id: 'violation', version: 3, hash: 'f'.repeat(64) },
    prevHash: GENESIS_HASH,
  });
}

/** The row as the database hands it back (PostgreSQL and SQLite both give numbers for integers). */
function rowOf(record: AuditRecord, store: (value: unknown) => string = JSON.stringify): EventRow {
  const values = eventValues(record);
  const row = Object.fromEntries(EVENT_COLUMNS.map((column, i) => [column, values[i]])) as EventRow;
  row.payload_json = store(record.payload);
  row.facts_json = record.facts === undefined ? null : store(record.facts);
  return row;
}

describe('export lines from stored rows', () => {
  test.each(payloads)(
    '$name: the same bytes as parsing and re-serialising',
    ({ payload, facts }) => {
      for (const seq of [1, 2]) {
        const row = rowOf(recordWith(payload, facts, seq));
        expect(eventLineText(row)).toBe(JSON.stringify(eventLine(toAuditRecord(row))));
        expect(csvRowOfStored(row)).toBe(csvRow(toAuditRecord(row)));
      }
    },
  );

  test.each(payloads)(
    '$name: canonical stored text goes in as it is and verifies',
    ({ payload, facts }) => {
      const record = recordWith(payload, facts);
      const row = rowOf(record, canonicalJson);
      const line = eventLineText(row);
      expect(line).toContain(`"payload":${canonicalJson(payload)}`);
      expect(JSON.parse(line)).toEqual({ kind: 'event', ...record });
      const verifier = new AuditExportVerifier(null);
      verifier.accept(
        JSON.stringify({
          kind: 'header',
          format: 'thidua.audit-export',
          version: 2,
          exportedAt: record.at,
          complete: false,
          filter: {},
        }),
        1,
      );
      verifier.accept(line, 2);
      verifier.accept(JSON.stringify({ kind: 'footer', checkpoints: 0, cases: 1, events: 1 }), 3);
      expect(verifier.finish(3)).toMatchObject({ ok: true, events: 1 });
    },
  );

  test('stored text with a raw line break is re-serialised, so it cannot split a JSON Lines record', () => {
    expect(storedJsonText('{\n  "a": 1,\r\n  "b": "x"\n}')).toBe('{"a":1,"b":"x"}');
    const row = rowOf(recordWith({ a: 1 }));
    row.payload_json = '{\n"a": 1\n}';
    expect(eventLineText(row)).not.toMatch(/[\r\n]/);
    expect(JSON.parse(eventLineText(row)).payload).toEqual({ a: 1 });
  });

  test('stored text that is not an object is re-serialised, and text that is not JSON refused', () => {
    expect(storedJsonText(' {"a":1} ')).toBe('{"a":1}');
    expect(() => storedJsonText('not json')).toThrow(SyntaxError);
  });
});
