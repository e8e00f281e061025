import type { AuditRecord } from '../domain/audit/audit-record';
import { csvCell, UTF8_BOM } from '../outputs/csv';

/**
 * The audit export as CSV, for spreadsheets: one row per audit record, RFC 4180 (comma, CRLF,
 * double quotes doubled), UTF-8 with a byte order mark so spreadsheet programs read Vietnamese
 * text right. No cell starts a formula in a spreadsheet, whatever separator it splits on (see
 * csvCell): user text and payloads may read `'=` where they held `=`. The JSON Lines export is the
 * exact, verifiable one: this is for reading.
 */
export const CSV_COLUMNS = [
  'caseId',
  'seq',
  'at',
  'actorUserId',
  'actorUsername',
  'actorRole',
  'eventType',
  'fromState',
  'toState',
  'workflowId',
  'workflowVersion',
  'workflowHash',
  'prevHash',
  'hash',
  'payload',
  'facts',
] as const;

export function csvHeaderRow(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

export function csvRow(record: AuditRecord): string {
  const cells: (string | number | null)[] = [
    record.caseId,
    record.seq,
    record.at,
    record.actor.userId,
    record.actor.username,
    record.actor.role,
    record.eventType,
    record.fromState,
    record.toState,
    record.workflow.id,
    record.workflow.version,
    record.workflow.hash,
    record.prevHash,
    record.hash,
    JSON.stringify(record.payload),
    record.facts === undefined ? null : JSON.stringify(record.facts),
  ];
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** The whole file, one chunk at a time: the byte order mark and header row, then one row each. */
export async function* auditCsvChunks(
  records: AsyncIterable<AuditRecord>,
  onRecord?: () => void,
): AsyncGenerator<string> {
  yield `${UTF8_BOM}${csvHeaderRow()}`;
  for await (const record of records) {
    onRecord?.();
    yield csvRow(record);
  }
}
