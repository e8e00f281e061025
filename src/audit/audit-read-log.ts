import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CaseReadObservers } from '../cases/plugins/case-reads';
import { AuditHistoryService } from './audit-history.service';

/**
 * Logs a case read by anyone holding the auditor role (who, when, which case, how many records)
 * once the case service has answered it and before the answer is sent: a read whose log cannot
 * be written fails, so no auditor read goes unlogged. Failed reads (404, 400) are not logged:
 * nothing was read. Only the case-read routes marked @ObservedCaseRead pass through it, not every
 * request.
 */
@Injectable()
export class AuditReadLog implements OnModuleInit {
  constructor(
    private readonly observers: CaseReadObservers,
    private readonly audit: AuditHistoryService,
  ) {}

  onModuleInit(): void {
    this.observers.register(async (reader, read) => {
      if (!reader.roles.includes('auditor')) return;
      await this.audit.logRead(reader, read.action, { caseId: read.caseId }, read.resultCount);
    });
  }
}
