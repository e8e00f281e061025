import {
  checkpointLine,
  eventLine,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportFooter,
  type ExportHeader,
} from '../domain/audit/audit-export';
import type {
  AuditEventFilter,
  AuditTrailRepository,
} from '../persistence/repositories/audit-trail.repository';

/**
 * The lines of an audit export (src/domain/audit/audit-export.ts describes the format), produced
 * one at a time from pages of the database, so memory stays flat whatever the export's size.
 * `complete` is true only when the filter selects every case.
 */
export async function* auditExportLines(
  trail: AuditTrailRepository,
  filter: AuditEventFilter,
  options: { exportedAt: string; complete: boolean; publicFilter: Record<string, unknown> },
): AsyncGenerator<string> {
  const header: ExportHeader = {
    kind: 'header',
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: options.exportedAt,
    complete: options.complete,
    filter: options.publicFilter,
  };
  yield JSON.stringify(header);
  const checkpoints = await trail.checkpoints();
  for (const checkpoint of checkpoints) {
    yield JSON.stringify(checkpointLine(checkpoint, await trail.headsOf(checkpoint.seq)));
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
