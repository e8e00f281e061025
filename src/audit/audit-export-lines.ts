import {
  checkpointLine,
  eventLine,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  provedCheckpointLine,
  type ExportFooter,
  type ExportHeader,
} from '../domain/audit/audit-export';
import type { ChainHead } from '../domain/audit/checkpoint';
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

/**
 * The lines of an audit export (src/domain/audit/audit-export.ts describes the format), produced
 * one at a time from pages of the database, so memory stays flat whatever the export's size
 * (apart from the covered cases' ids and last proved heads).
 */
export async function* auditExportLines(
  trail: AuditTrailRepository,
  coverage: ExportCoverageRepository,
  filter: AuditEventFilter,
  options: { exportedAt: string; publicFilter: Record<string, unknown> },
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
  yield JSON.stringify(header);
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
      yield JSON.stringify(checkpointLine(checkpoint, heads));
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
    yield JSON.stringify(line);
  }
  let events = 0;
  let cases = 0;
  let lastCase: string | null = null;
  for await (const record of trail.streamEvents(filter)) {
    if (record.caseId !== lastCase) {
      cases += 1;
      lastCase = record.caseId;
    }
    events += 1;
    yield JSON.stringify(eventLine(record));
  }
  const footer: ExportFooter = { kind: 'footer', checkpoints: checkpoints.length, cases, events };
  yield JSON.stringify(footer);
}
