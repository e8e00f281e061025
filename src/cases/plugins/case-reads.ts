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
  /** What was read: 'case', 'history', 'verify', or a plug-in's own (`recorded_eligibility`). */
  action: string;
  caseId: string;
  /** How many records the answer held, as the route counts them (see ObservedCaseRead). */
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
const READ_COUNT = 'caseReadCount';

/** How many records a read's answer held. */
export type CountOfRead = (body: unknown) => number | null;

@Injectable()
class CaseReadInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly observers: CaseReadObservers,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const action = this.reflector.get<string>(READ_ACTION, context.getHandler());
    const countOf = this.reflector.get<CountOfRead>(READ_COUNT, context.getHandler());
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
              .observe(reader, { action, caseId, resultCount: countOf(body) })
              .then(() => body),
          ),
        ),
      );
  }
}

/**
 * A route that reads one case (`:id`): the registered observers see each answered read, with the
 * count `countOf` finds in its answer (by default one: the case).
 */
export const ObservedCaseRead = (action: string, countOf: CountOfRead = () => 1) =>
  applyDecorators(
    SetMetadata(READ_ACTION, action),
    SetMetadata(READ_COUNT, countOf),
    UseInterceptors(CaseReadInterceptor),
  );
