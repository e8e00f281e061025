import { sealedCanonicalLine } from './domain/audit/audit-export';
import { hashOf, type AuditRecord } from './domain/audit/audit-record';
import { workerTask } from './workers/worker-task';

/**
 * One line of an export as a thread read it ahead of the sequential checks: null for a blank
 * line, 'malformed' for one that is not JSON, else what it parsed to (an event only by the fields
 * the sequential checks need) and, for an event, whether its hash is that of its content.
 */
export type ReadAheadLine = null | 'malformed' | { parsed: unknown; contentSealed?: boolean };

/** Splits like node:readline with crlfDelay: Infinity (\n, \r\n or a lone \r end a line). */
const LINE_BREAK = /\r?\n|\r(?!\n)/;

/**
 * Runs in a worker thread (see READ_EXPORT_LINES): parsing each line and re-deriving each event's
 * hash is nearly all of an offline verification's work, and every line can be done apart from the
 * others; the order-dependent checks stay with the one AuditExportVerifier. `bytes` is whole lines
 * of UTF-8: each ends with a line break, except perhaps the file's last.
 */
export async function readExportLines(input: { bytes: Uint8Array }): Promise<ReadAheadLine[]> {
  const { bytes } = input;
  // Decoded as the sequential reader's stream decodes (invalid bytes become U+FFFD, a BOM stays).
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const lines = text.split(LINE_BREAK);
  // A text ending with a line break leaves one empty string after it, which is no line.
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map(readLine);
}

function readLine(text: string): ReadAheadLine {
  if (text.trim() === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'malformed';
  }
  const record = parsed as Partial<AuditRecord> & { kind?: unknown };
  if (typeof parsed !== 'object' || parsed === null || record.kind !== 'event') return { parsed };
  const { kind, caseId, seq, prevHash, hash } = record;
  return {
    parsed: { kind, caseId, seq, prevHash, hash },
    contentSealed: sealedCanonicalLine(text) || hashOf(record as AuditRecord) === hash,
  };
}

export const READ_EXPORT_LINES = workerTask<{ bytes: Uint8Array }, ReadAheadLine[]>(
  require.resolve('./verification-export.worker'),
  'readExportLines',
);
