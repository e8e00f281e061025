import {
  checkpointLine,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  provedCheckpointLine,
  type ExportFooter,
  type ExportHeader,
} from '../domain/audit/audit-export';
import type { ChainHead } from '../domain/audit/checkpoint';
import type { EventRow } from '../persistence/repositories/audit-record-rows';
import type {
  AuditEventFilter,
  AuditTrailRepository,
} from '../persistence/repositories/audit-trail.repository';
import type { ExportCoverageRepository } from './export-coverage.repository';

/** Filters that pick cases; the rest (actor, event type, state, time) pick records within them. */
const CASE_FILTERS = ['caseId', 'subjectPersonId', 'subjectUnitId'] as const;
const RECORD_FILTERS = ['actorUserId', 'eventType', 'toState', 'from', 'to'] as const;

export interface ExportPlan {
  /**
   * Every case, for a reader who may see every case: the checkpoints list every head. Otherwise
   * they prove the covered cases' heads and show nothing of any other case.
   */
  organisationWide: boolean;
  /** Every covered case is in the export with all its records: no filter picks records. */
  complete: boolean;
}

export function exportPlanOf(filter: AuditEventFilter): ExportPlan {
  return {
    organisationWide: filter.scopes === null && CASE_FILTERS.every((key) => !filter[key]),
    complete: RECORD_FILTERS.every((key) => !filter[key]),
  };
}

export interface ExportTextOptions {
  exportedAt: string;
  publicFilter: Record<string, unknown>;
  /** Told the case id of each event line as it is written (progress bars, closing counts). */
  onEvent?: (caseId: string) => void;
}

/**
 * The audit export (src/domain/audit/audit-export.ts describes the format) as text, in blocks of
 * whole lines each ending in a newline: the header, each checkpoint, then one block per page of
 * records read from the database, so memory stays flat whatever the export's size (apart from the
 * covered cases' ids and last proved heads). A block a page rather than a string a line: a
 * million lines passed one by one through the generators and streams after it cost more than
 * building them.
 */
export async function* auditExportText(
  trail: AuditTrailRepository,
  coverage: ExportCoverageRepository,
  filter: AuditEventFilter,
  options: ExportTextOptions,
): AsyncGenerator<string> {
  const plan = exportPlanOf(filter);
  const header: ExportHeader = {
    kind: 'header',
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: options.exportedAt,
    complete: plan.complete,
    filter: options.publicFilter,
  };
  yield `${JSON.stringify(header)}\n`;
  const covered = plan.organisationWide ? null : await coverage.caseIdsOf(filter);
  // A head is proved against the first checkpoint that signed it; a later checkpoint that signed
  // the same head would prove nothing new, and skipping it spares hashing that checkpoint's tree
  // when none of the covered cases moved.
  const provedHeads = new Map<string, string>();
  const headKey = (head: ChainHead) => `${head.seq}:${head.hash}`;
  const checkpoints = await trail.checkpoints();
  for (const checkpoint of checkpoints) {
    const heads = await trail.headsOf(checkpoint.seq);
    if (covered === null) {
      yield `${JSON.stringify(checkpointLine(checkpoint, heads))}\n`;
      continue;
    }
    const toProve = new Set<string>();
    for (const head of heads) {
      if (covered.has(head.caseId) && provedHeads.get(head.caseId) !== headKey(head)) {
        toProve.add(head.caseId);
        provedHeads.set(head.caseId, headKey(head));
      }
    }
    const line = provedCheckpointLine(checkpoint, toProve.size === 0 ? [] : heads, (caseId) =>
      toProve.has(caseId),
    );
    yield `${JSON.stringify(line)}\n`;
  }
  let events = 0;
  let cases = 0;
  let lastCase: string | null = null;
  for await (const rows of trail.streamEventRows(filter)) {
    let block = '';
    for (const row of rows) {
      const caseId = String(row.case_id);
      if (caseId !== lastCase) {
        cases += 1;
        lastCase = caseId;
      }
      events += 1;
      options.onEvent?.(caseId);
      block += `${eventLineText(row)}\n`;
    }
    yield block;
  }
  const footer: ExportFooter = { kind: 'footer', checkpoints: checkpoints.length, cases, events };
  yield `${JSON.stringify(footer)}\n`;
}

const quoted = (value: unknown) => JSON.stringify(String(value));

/**
 * A stored JSON column's text as it goes into an export line or a CSV cell. The engine wrote it
 * (JSON.stringify output, or RFC 8785 canonical text for newer rows): both are JSON, so it goes in
 * as it is, sparing a JSON.parse and a JSON.stringify per record. For the first kind that is
 * byte for byte what re-serialising gave; the second keeps its own (equally valid) key order,
 * and the hash, computed over the values, verifies either way. Text that is not an object's, or
 * holds a raw line break (JSON allows one only as whitespace, and it would split a JSON Lines
 * record), is re-serialised as before, which also refuses text that is not JSON at all.
 */
export function storedJsonText(stored: unknown): string {
  const text = String(stored);
  if (
    text.charCodeAt(0) === 0x7b /* { */ &&
    text.charCodeAt(text.length - 1) === 0x7d /* } */ &&
    !text.includes('\n') &&
    !text.includes('\r')
  ) {
    return text;
  }
  return JSON.stringify(JSON.parse(text));
}

/**
 * An event line straight from a stored row: what JSON.stringify(eventLine(record)) gives for the
 * record the row holds (the same keys in the same order, src/domain/audit/audit-export.ts), with
 * payload and facts spliced in from their stored text.
 */
export function eventLineText(row: EventRow): string {
  const facts =
    row.facts_json === null || row.facts_json === undefined
      ? ''
      : `,"facts":${storedJsonText(row.facts_json)}`;
  const fromState = row.from_state === null ? 'null' : quoted(row.from_state);
  return (
    `{"kind":"event","caseId":${quoted(row.case_id)},"seq":${Number(row.seq)},` +
    `"at":${quoted(row.occurred_at)},"actor":{"userId":${quoted(row.actor_user_id)},` +
    `"username":${quoted(row.actor_username)},"role":${quoted(row.actor_role)}},` +
    `"eventType":${quoted(row.event_type)},"payload":${storedJsonText(row.payload_json)}${facts},` +
    `"fromState":${fromState},"toState":${quoted(row.to_state)},` +
    `"workflow":{"id":${quoted(row.workflow_id)},"version":${Number(row.workflow_version)},` +
    `"hash":${quoted(row.workflow_hash)}},"prevHash":${quoted(row.prev_hash)},` +
    `"hash":${quoted(row.hash)}}`
  );
}
