import { Inject, Injectable, Logger } from '@nestjs/common';
import { CaseCommands } from '../cases/case-commands.service';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors';
import type { StoredCase } from '../domain/cases/stored-case';
import type { Localized } from '../domain/localized';
import { isRole, SUBJECT_ROLE, type Role } from '../domain/roles';
import { NotificationOutbox } from '../notifications/notification-outbox';
import type { NotificationRequest } from '../notifications/notification-request';
import { NotificationSettings } from '../notifications/notification-settings';
import { Database } from '../persistence/database';
import { sqlManagerOf } from '../persistence/repositories/case-transaction-sql';
import {
  CASES_REPOSITORY,
  type CasesRepository,
  type CaseTransaction,
} from '../persistence/repositories/cases.repository';
import { CaseTimersSql, type StoredTimer } from './case-timers.sql';
import { escalationMessage, reminderMessage } from './timer-messages';

/** What one pass of the scheduler did. */
export interface FiringReport {
  fired: number;
  skipped: number;
  failed: number;
}

type Firing =
  | { outcome: 'none' }
  | { outcome: 'fired' }
  | { outcome: 'refused'; timer: StoredTimer; error: AppError }
  | { outcome: 'error'; timer: StoredTimer; error: unknown };

/**
 * Fires the timers that fell due: each in its own transaction, which claims the timer, sends its
 * event as the `system` actor, writes its reminders and escalations into the outbox and marks it
 * fired with the record its event appended; all of it commits together or not at all, so a timer
 * fires once however many schedulers run (PostgreSQL: `SKIP LOCKED` claims; SQLite: one writer).
 *
 * An event the case no longer allows is refused: the timer is then marked skipped with the reason
 * in a short transaction of its own, never retried. An unexpected failure marks it failed (an
 * administrator may retry it), so one bad timer never stops the others.
 */
@Injectable()
export class TimerScheduler {
  private readonly logger = new Logger(TimerScheduler.name);
  private readonly sql: CaseTimersSql;

  constructor(
    @Inject(CASES_REPOSITORY) private readonly cases: CasesRepository,
    private readonly commands: CaseCommands,
    private readonly outbox: NotificationOutbox,
    private readonly settings: NotificationSettings,
    private readonly clock: Clock,
    database: Database,
  ) {
    this.sql = new CaseTimersSql(database.dialect);
  }

  /** Fires every timer due at `now`, earliest first, until none is left to claim. */
  async fireDue(now: Date): Promise<FiringReport> {
    const report: FiringReport = { fired: 0, skipped: 0, failed: 0 };
    const until = now.toISOString();
    for (;;) {
      const firing = await this.fireNext(until);
      if (firing.outcome === 'none') return report;
      if (firing.outcome === 'fired') {
        report.fired += 1;
      } else if (firing.outcome === 'refused') {
        report.skipped += 1;
        await this.settle(firing.timer, 'skipped', 'event_refused', refusalMessage(firing.error));
      } else {
        report.failed += 1;
        this.logger.error(
          `Timer ${firing.timer.id} (${firing.timer.name} on case ${firing.timer.caseId}) failed to fire: ${String(firing.error)}`,
        );
        await this.settle(firing.timer, 'failed', 'firing_failed', {
          vi: `Không thực hiện được "${firing.timer.label.vi}" khi đến hạn do lỗi hệ thống; quản trị viên có thể cho tính lại.`,
          en: `"${firing.timer.label.en}" could not be carried out when due (a system error); an administrator may retry it.`,
        });
      }
    }
  }

  private async fireNext(until: string): Promise<Firing> {
    let claimed: StoredTimer | null = null;
    try {
      return await this.cases.transaction(async (tx) => {
        const manager = sqlManagerOf(tx);
        claimed = await this.sql.claimNextDue(manager, until);
        if (claimed === null) return { outcome: 'none' } as const;
        await this.fire(tx, claimed);
        return { outcome: 'fired' } as const;
      });
    } catch (error) {
      if (claimed === null) throw error;
      // The engine's refusals (not allowed in this state, a guard, a role) are AppErrors.
      if (error instanceof AppError) {
        return { outcome: 'refused', timer: claimed, error };
      }
      return { outcome: 'error', timer: claimed, error };
    }
  }

  private async fire(tx: CaseTransaction, timer: StoredTimer): Promise<void> {
    let found: StoredCase | null;
    let firedSeq: number | null = null;
    if (timer.sendEvent !== null) {
      found = await this.commands.sendSystemEventIn(tx, timer.caseId, timer.sendEvent, {});
      firedSeq = found.version;
    } else {
      found = await tx.findForUpdate(timer.caseId);
    }
    if (found === null) throw new Error(`The case ${timer.caseId} of timer ${timer.id} is gone`);
    await this.outbox.enqueueIn(tx, this.notificationsOf(timer, found));
    // The event's own effects may have cancelled the timer (its case left the state): it fired.
    await this.sql.markFired(sqlManagerOf(tx), timer.id, firedSeq, this.clock.nowIso());
  }

  private notificationsOf(timer: StoredTimer, found: StoredCase): NotificationRequest[] {
    const ref = { id: found.id, caseType: found.caseType, subjectName: found.subject.name };
    const requests: NotificationRequest[] = [];
    for (const [kind, roles, message] of [
      ['reminder', timer.remind, reminderMessage(timer, ref, this.settings.publicBaseUrl)],
      ['escalation', timer.escalate, escalationMessage(timer, ref, this.settings.publicBaseUrl)],
    ] as const) {
      const granted = roles.filter((role): role is Role => isRole(role));
      if (granted.length > 0 && found.unitId !== null) {
        requests.push({
          kind,
          caseId: found.id,
          recipients: { kind: 'roles', roles: granted, unitId: found.unitId },
          ...message,
        });
      }
      if (roles.includes(SUBJECT_ROLE) && found.subjectPersonId !== null) {
        requests.push({
          kind,
          caseId: found.id,
          recipients: { kind: 'person', personId: found.subjectPersonId },
          ...message,
        });
      }
    }
    return requests;
  }

  /** A short transaction of its own: the firing's was rolled back. */
  private async settle(
    timer: StoredTimer,
    status: 'skipped' | 'failed',
    problem: string,
    message: Localized,
  ): Promise<void> {
    await this.cases.transaction(async (tx) => {
      const manager = sqlManagerOf(tx);
      await this.sql.settleUnfired(
        manager,
        timer.id,
        status,
        problem,
        message,
        this.clock.nowIso(),
      );
    });
  }
}

function refusalMessage(error: AppError): Localized {
  const reason = error.localized ?? { vi: error.message, en: error.message };
  return {
    vi: `Sự kiện không còn được phép khi đến hạn (${error.code}): ${reason.vi}`,
    en: `The event was no longer allowed when due (${error.code}): ${reason.en}`,
  };
}
