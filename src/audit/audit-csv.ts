import type { AuditRecord } from '../domain/audit/audit-record';
import { csvCell, UTF8_BOM } from '../outputs/csv';
import type { EventRow } from '../persistence/repositories/audit-record-rows';
import { storedJsonText } from './audit-export-lines';

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

/**
 * The row of a stored record: the same cells as csvRow gives for the record it holds, with payload
 * and facts taken from their stored JSON text rather than parsed and re-serialised.
 */
export function csvRowOfStored(row: EventRow): string {
  const text = (value: unknown) => (value === null ? null : String(value));
  const cells: (string | number | null)[] = [
    String(row.case_id),
    Number(row.seq),
    String(row.occurred_at),
    String(row.actor_user_id),
    String(row.actor_username),
    String(row.actor_role),
    String(row.event_type),
    text(row.from_state),
    String(row.to_state),
    String(row.workflow_id),
    Number(row.workflow_version),
    String(row.workflow_hash),
    String(row.prev_hash),
    String(row.hash),
    storedJsonText(row.payload_json),
    row.facts_json === null || row.facts_json === undefined ? null : storedJsonText(row.facts_json),
  ];
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/**
 * The whole file from pages of stored rows, one chunk a page: the byte order mark and header
 * row, then one row per record.
 */
export async function* auditCsvChunksOfRows(
  pages: AsyncIterable<EventRow[]>,
  onRecord?: () => void,
): AsyncGenerator<string> {
  yield `${UTF8_BOM}${csvHeaderRow()}`;
  for await (const rows of pages) {
    let chunk = '';
    for (const row of rows) {
      onRecord?.();
      chunk += csvRowOfStored(row);
    }
    yield chunk;
  }
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
