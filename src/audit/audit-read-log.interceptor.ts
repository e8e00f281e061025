import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { from, mergeMap, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { AuditHistoryService } from './audit-history.service';

/** The case reads that are logged when an auditor makes them, by route, with their action. */
const LOGGED_ROUTES: Record<string, string> = {
  '/api/v1/cases/:id': 'case',
  '/api/v1/cases/:id/history': 'history',
  '/api/v1/cases/:id/verify': 'verify',
};

/**
 * Logs a case read by anyone holding the auditor role (who, when, which case, how many records)
 * once the case service has answered it and before the answer is sent: a read whose log cannot
 * be written fails, so no auditor read goes unlogged. Failed reads (404, 400) are not logged:
 * nothing was read.
 */
@Injectable()
export class AuditReadLogInterceptor implements NestInterceptor {
  constructor(private readonly audit: AuditHistoryService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const action = request.method === 'GET' ? LOGGED_ROUTES[request.routeOptions?.url ?? ''] : '';
    const actor = request.actor;
    if (!action || !actor?.roles.includes('auditor')) return next.handle();
    const caseId = (request.params as Record<string, string> | undefined)?.id;
    return next
      .handle()
      .pipe(
        mergeMap((body: unknown) =>
          from(
            this.audit
              .logRead(actor, action, { caseId }, resultCount(action, body))
              .then(() => body),
          ),
        ),
      );
  }
}

function resultCount(action: string, body: unknown): number | null {
  if (action === 'history') {
    const items = (body as { items?: unknown } | null)?.items;
    return Array.isArray(items) ? items.length : null;
  }
  if (action === 'verify') {
    const checked = (body as { checked?: unknown } | null)?.checked;
    return typeof checked === 'number' ? checked : null;
  }
  return 1;
}
