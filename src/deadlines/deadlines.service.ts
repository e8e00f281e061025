import { Inject, Injectable } from '@nestjs/common';
import { validate as isUuid } from 'uuid';
import { readingOf } from '../cases/case-access';
import { CaseQueries } from '../cases/case-queries.service';
import { WORKING_DAY_CALENDAR } from '../catalogue/calendar.provider';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors';
import type { WorkingDayCalendar } from '../domain/calendar/working-day-calendar';
import { scopesFor, type Principal } from '../domain/org/principal';
import { isWithin, rolesAt } from '../domain/org/scope';
import type { Role } from '../domain/roles';
import { RuleSetCatalogue } from '../domain/rules/rule-set-catalogue';
import { firesAt, timersOf } from '../domain/workflow/timers';
import { WorkflowCatalogue } from '../domain/workflow/workflow-catalogue';
import { Database } from '../persistence/database';
import { sqlManagerOf } from '../persistence/repositories/case-transaction-sql';
import {
  CASES_REPOSITORY,
  type CasesRepository,
} from '../persistence/repositories/cases.repository';
import {
  ORGANISATION_REPOSITORY,
  type OrganisationRepository,
} from '../persistence/repositories/organisation.repository';
import { CaseTimersSql, type ListedTimer, type StoredTimer } from './case-timers.sql';
import type {
  CaseDeadlinesDto,
  DeadlineDto,
  DeadlineListDto,
  DeadlineListQuery,
  ListedDeadlineDto,
} from './dto/deadline.dto';
import { vietnamDayOf } from '../domain/calendar/iso-date';
import { planDue } from './timer-plan';

/** Who lists deadlines: the secretariat, unit leaders and auditors (and admins, failed ones only). */
export const DEADLINE_LISTERS: Role[] = ['secretariat', 'unit_leader', 'auditor'];

const DEFAULT_LIMIT = 50;

export const deadlineNotFound = (id: string) =>
  new AppError(
    'DEADLINE.NOT_FOUND',
    'not_found',
    `No deadline ${id}`,
    { id },
    { vi: 'Không tìm thấy thời hạn.', en: 'No such deadline.' },
  );

const unitNotFound = (unitId: string) =>
  new AppError(
    'DEADLINE.UNIT_NOT_FOUND',
    'not_found',
    `No unit ${unitId} in your scope`,
    { unitId },
    { vi: 'Không tìm thấy đơn vị.', en: 'No such unit.' },
  );

const notFailed = (id: string, status: string) =>
  new AppError(
    'DEADLINE.NOT_FAILED',
    'conflict',
    `Deadline ${id} is ${status}: only a failed deadline can be retried`,
    { id, status },
    {
      vi: 'Chỉ tính lại được thời hạn đang ở trạng thái lỗi.',
      en: 'Only a failed deadline can be retried.',
    },
  );

/**
 * Deadlines as readers see them: a case's timers (whoever reads the case in full), the scoped list
 * for the secretariat, unit leaders and auditors (a need-to-know case only for its readers), and
 * the administrator's retry of a timer whose due day could not be computed.
 */
@Injectable()
export class DeadlinesService {
  private readonly sql: CaseTimersSql;

  constructor(
    private readonly database: Database,
    private readonly queries: CaseQueries,
    @Inject(CASES_REPOSITORY) private readonly cases: CasesRepository,
    @Inject(ORGANISATION_REPOSITORY) private readonly organisation: OrganisationRepository,
    private readonly workflows: WorkflowCatalogue,
    private readonly ruleSets: RuleSetCatalogue,
    @Inject(WORKING_DAY_CALENDAR) private readonly calendar: WorkingDayCalendar,
    private readonly clock: Clock,
  ) {
    this.sql = new CaseTimersSql(database.dialect);
  }

  async ofCase(principal: Principal, caseId: string): Promise<CaseDeadlinesDto> {
    await this.queries.load(principal, caseId);
    const timers = await this.database.read((manager) => this.sql.ofCase(manager, caseId));
    const now = this.clock.nowIso();
    return { items: timers.map((timer) => toDto(timer, now)) };
  }

  async list(principal: Principal, query: DeadlineListQuery): Promise<DeadlineListDto> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const admin = principal.grants.some((grant) => grant.role === 'admin');
    const scopes = scopesFor(principal, admin ? [...DEADLINE_LISTERS, 'admin'] : DEADLINE_LISTERS);
    let unitPath: string | undefined;
    if (query.unitId !== undefined) {
      const unit = await this.organisation.findUnitById(query.unitId);
      if (unit === null || (scopes !== null && !scopes.some((s) => isWithin(unit.path, s)))) {
        throw unitNotFound(query.unitId);
      }
      unitPath = unit.path;
    }
    const now = this.clock.nowIso();
    const status = query.status ?? 'pending';
    const items: ListedDeadlineDto[] = [];
    let after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    let more = false;
    // Need-to-know cases are filtered here, so a page may take more than one read to fill.
    for (let reads = 0; reads < 10 && items.length <= limit; reads++) {
      const batchSize = Math.min(200, (limit + 1) * 2);
      const batch = await this.database.read((manager) =>
        this.sql.list(manager, {
          scopes,
          statuses: [status],
          firesBefore: query.dueBefore === undefined ? undefined : firesAt(query.dueBefore),
          unitPath,
          after,
          limit: batchSize,
        }),
      );
      for (const timer of batch) {
        const view = this.listedView(principal, timer, now);
        if (view !== null) items.push(view);
        after = { firesAt: timer.firesAt ?? '', id: timer.id };
        if (items.length > limit) break;
      }
      if (items.length > limit) {
        more = true;
        break;
      }
      if (batch.length < batchSize) break;
      more = true;
    }
    const page = items.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page,
      nextCursor:
        more && last !== undefined
          ? encodeCursor({ firesAt: last.firesAt ?? '', id: last.id })
          : null,
    };
  }

  /**
   * A failed timer computed again (once the calendar has its year, or the rule set its time
   * limit): pending with its due day, or still failed with the current reason. Under the case's
   * lock, so the case cannot leave the state meanwhile (leaving cancels it).
   */
  async retry(principal: Principal, id: string): Promise<DeadlineDto> {
    if (!isUuid(id)) throw deadlineNotFound(id);
    const now = this.clock.nowIso();
    const timer = await this.cases.transaction(async (tx) => {
      const manager = sqlManagerOf(tx);
      const found = await this.sql.findById(manager, id);
      if (found === null || !rolesAt(principal.grants, found.unitPath).includes('admin')) {
        throw deadlineNotFound(id);
      }
      const stored = await tx.findForUpdate(found.caseId);
      const current = await this.sql.findById(manager, id);
      if (stored === null || current === null) throw deadlineNotFound(id);
      if (current.status !== 'failed') throw notFailed(id, current.status);
      const spec = timersOf(
        this.workflows.get(current.workflowId, current.workflowVersion).definition,
        current.state,
      ).find((candidate) => candidate.name === current.name);
      if (spec === undefined) throw notFailed(id, current.status);
      const due = planDue(spec, {
        enteredOn: vietnamDayOf(current.createdAt),
        context: stored.context,
        data: stored.data,
        ruleSets: this.ruleSets,
        calendar: this.calendar,
      });
      await this.sql.recompute(manager, id, due, now);
      return (await this.sql.findById(manager, id)) as ListedTimer;
    });
    return toDto(timer, now);
  }

  /** What the caller may see of a listed timer: all of it, or (admins) a failed one without names. */
  private listedView(principal: Principal, timer: ListedTimer, now: string) {
    const access = this.workflows.get(timer.workflowId, timer.workflowVersion).definition.access;
    const reads =
      readingOf(principal, timer, access) === 'full' &&
      rolesAt(principal.grants, timer.unitPath).some((role) => DEADLINE_LISTERS.includes(role));
    if (reads) return toListedDto(timer, now, timer.subjectName);
    const admin = rolesAt(principal.grants, timer.unitPath).includes('admin');
    if (admin && timer.status === 'failed') return toListedDto(timer, now, null);
    return null;
  }
}

function toDto(timer: StoredTimer, now: string): DeadlineDto {
  return {
    id: timer.id,
    caseId: timer.caseId,
    state: timer.state,
    enteredSeq: timer.enteredSeq,
    name: timer.name,
    label: timer.label,
    dueOn: timer.dueOn,
    firesAt: timer.firesAt,
    status: timer.status,
    overdue: timer.status === 'pending' && timer.firesAt !== null && timer.firesAt <= now,
    sendEvent: timer.sendEvent,
    remind: timer.remind,
    escalate: timer.escalate,
    problem: timer.problem,
    message: timer.message,
    settledAt: timer.settledAt,
    firedSeq: timer.firedSeq,
  };
}

function toListedDto(
  timer: ListedTimer,
  now: string,
  subjectName: string | null,
): ListedDeadlineDto {
  return { ...toDto(timer, now), caseType: timer.caseType, unitId: timer.unitId, subjectName };
}

function encodeCursor(key: { firesAt: string; id: string }): string {
  return Buffer.from(JSON.stringify([key.firesAt, key.id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { firesAt: string; id: string } {
  try {
    const [firesAt, id] = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    ) as unknown[];
    if (typeof firesAt === 'string' && typeof id === 'string') return { firesAt, id };
  } catch {
    // answered below
  }
  throw new AppError(
    'VALIDATION.FAILED',
    'invalid',
    'cursor must be a nextCursor value',
    { errors: [{ field: 'cursor', message: 'cursor must be a nextCursor value' }] },
    { vi: 'Con trỏ trang không hợp lệ.', en: 'cursor must be a nextCursor value' },
  );
}
