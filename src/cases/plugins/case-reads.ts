import {
  applyDecorators,
  Injectable,
  SetMetadata,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { from, mergeMap, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../../auth/auth.decorators';
import type { Principal } from '../../domain/org/principal';

/** A read of one case through the API, once it has been answered. */
export interface CaseRead {
  /** recorded_eligibility: a nomination's last recorded report (GET …/eligibility/recorded). */
  action: 'case' | 'history' | 'verify' | 'recorded_eligibility';
  caseId: string;
  /**
   * How many records the answer held (history: its items; verify: those checked; case: 1;
   * recorded_eligibility: 1, or 0 when nothing is recorded yet).
   */
  resultCount: number | null;
}

/** Work a plug-in does after a case read and before its answer is sent; a failure fails the read. */
export type CaseReadObserver = (reader: Principal, read: CaseRead) => Promise<void>;

/**
 * The case reads plug-ins watch (the audit module logs auditors' reads). The engine's read routes
 * carry @ObservedCaseRead (and a plug-in's route that reads what a case's records say, such as a
 * nomination's recorded eligibility); no other request passes through an observer.
 */
@Injectable()
export class CaseReadObservers {
  private readonly observers: CaseReadObserver[] = [];

  register(observer: CaseReadObserver): void {
    this.observers.push(observer);
  }

  async observe(reader: Principal, read: CaseRead): Promise<void> {
    for (const observer of this.observers) await observer(reader, read);
  }
}

const READ_ACTION = 'caseReadAction';

@Injectable()
class CaseReadInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly observers: CaseReadObservers,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const action = this.reflector.get<CaseRead['action']>(READ_ACTION, context.getHandler());
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const reader = request.actor;
    if (!reader) throw new Error('ObservedCaseRead used on a route without authentication');
    const caseId = (request.params as Record<string, string>).id;
    // Failed reads (404, 400) never reach the observers: nothing was read.
    return next
      .handle()
      .pipe(
        mergeMap((body: unknown) =>
          from(
            this.observers
              .observe(reader, { action, caseId, resultCount: resultCount(action, body) })
              .then(() => body),
          ),
        ),
      );
  }
}

/** A route that reads one case (`:id`): the registered observers see each answered read. */
export const ObservedCaseRead = (action: CaseRead['action']) =>
  applyDecorators(SetMetadata(READ_ACTION, action), UseInterceptors(CaseReadInterceptor));

function resultCount(action: CaseRead['action'], body: unknown): number | null {
  if (action === 'history') {
    const items = (body as { items?: unknown } | null)?.items;
    return Array.isArray(items) ? items.length : null;
  }
  if (action === 'verify') {
    const checked = (body as { checked?: unknown } | null)?.checked;
    return typeof checked === 'number' ? checked : null;
  }
  if (action === 'recorded_eligibility') {
    return (body as { recorded?: unknown } | null)?.recorded ? 1 : 0;
  }
  return 1;
}
