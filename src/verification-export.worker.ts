import {
  sealedCanonicalLine,
  SEALED_RUN_HASH_LENGTH,
  type SealedRun,
} from './domain/audit/audit-export';
import { sealedEventLineBytes, type SealedEventFields } from './domain/audit/event-line-bytes';
import { hashOf, type AuditRecord } from './domain/audit/audit-record';
import { workerTask } from './workers/worker-task';

/**
 * One line of an export as a thread read it ahead of the sequential checks: null for a blank
 * line, 'malformed' for one that is not JSON, else what it parsed to (an event only by the fields
 * the sequential checks need) and, for an event, whether its hash is that of its content; or
 * several event lines in a row, as a SealedRun.
 */
export type ReadAheadLine =
  null | 'malformed' | { parsed: unknown; contentSealed?: boolean } | { run: SealedRun };

/** Splits like node:readline with crlfDelay: Infinity (\n, \r\n or a lone \r end a line). */
const LINE_BREAK = /\r?\n|\r(?!\n)/;

/**
 * Runs in a worker thread (see READ_EXPORT_LINES): parsing each line and re-deriving each event's
 * hash is nearly all of an offline verification's work, and every line can be done apart from the
 * others; the order-dependent checks stay with the one AuditExportVerifier. `bytes` is whole lines
 * of UTF-8: each ends with a line break, except perhaps the file's last.
 */
export async function readExportLines(input: { bytes: Uint8Array }): Promise<ReadAheadLine[]> {
  return inRuns(readLines(input.bytes));
}

function readLines(input: Uint8Array): ReadAheadLine[] {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (bytes.includes(CARRIAGE_RETURN)) return decodedLines(bytes).map(readLine);
  // Only \n ends a line here. An event line is first proved from its bytes, undecoded
  // (sealedEventLineBytes); any other line is decoded and read the general way. A \n is never
  // part of a UTF-8 sequence, so decoding line by line decodes as the whole would.
  const lines: ReadAheadLine[] = [];
  for (let start = 0; start < bytes.length;) {
    const newline = bytes.indexOf(LINE_FEED, start);
    const end = newline === -1 ? bytes.length : newline;
    const sealed = sealedEventLineBytes(bytes, start, end);
    lines.push(
      sealed === null
        ? readLine(bytes.toString('utf8', start, end))
        : { parsed: sealed, contentSealed: true },
    );
    start = end + 1;
  }
  return lines;
}

/**
 * The lines, each sealed event line that follows the one before it in the same case (seq one
 * more, prevHash its hash) taken into that line's run: what the reading thread then receives and
 * checks is one item for a case's records in the chunk instead of one a line, which was most of
 * what it spent (it shares the cores with the threads that hash).
 */
function inRuns(lines: ReadAheadLine[]): ReadAheadLine[] {
  const items: ReadAheadLine[] = [];
  let run: SealedRun | null = null;
  let lastSeq = 0;
  let lastHash = '';
  for (const line of lines) {
    const event = sealedEventOf(line);
    if (event === null) {
      run = null;
      items.push(line);
    } else if (
      run !== null &&
      event.caseId === run.caseId &&
      event.seq === lastSeq + 1 &&
      event.prevHash === lastHash
    ) {
      run.hashes += event.hash;
    } else {
      run = {
        caseId: event.caseId,
        firstSeq: event.seq,
        prevHash: event.prevHash,
        hashes: event.hash,
      };
      items.push({ run });
    }
    if (event !== null) {
      lastSeq = event.seq;
      lastHash = event.hash;
    }
  }
  return items;
}

/** The line's fields if it is an event proved sealed whose fields a run can carry; else null. */
function sealedEventOf(line: ReadAheadLine): SealedEventFields | null {
  if (line === null || typeof line !== 'object' || !('parsed' in line) || !line.contentSealed) {
    return null;
  }
  const event = line.parsed as Partial<SealedEventFields>;
  return typeof event.caseId === 'string' &&
    Number.isSafeInteger(event.seq) &&
    typeof event.prevHash === 'string' &&
    typeof event.hash === 'string' &&
    event.hash.length === SEALED_RUN_HASH_LENGTH
    ? (event as SealedEventFields)
    : null;
}

const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** The chunk's lines as the sequential reader's stream decodes and splits them. */
function decodedLines(bytes: Buffer): string[] {
  // Invalid bytes become U+FFFD, a BOM stays.
  const lines = bytes.toString('utf8').split(LINE_BREAK);
  // A text ending with a line break leaves one empty string after it, which is no line.
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
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
