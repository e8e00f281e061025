import { Inject, Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  CaseEffects,
  type AcceptedTransition,
  type CaseEffect,
  type EffectContext,
} from '../cases/plugins/case-effects';
import { WORKING_DAY_CALENDAR } from '../catalogue/calendar.provider';
import type { WorkingDayCalendar } from '../domain/calendar/working-day-calendar';
import { RuleSetCatalogue } from '../domain/rules/rule-set-catalogue';
import { timersOf } from '../domain/workflow/timers';
import { NotificationOutbox } from '../notifications/notification-outbox';
import { NotificationSettings } from '../notifications/notification-settings';
import { Database } from '../persistence/database';
import { sqlManagerOf } from '../persistence/repositories/case-transaction-sql';
import { CaseTimersSql, type StoredTimer } from './case-timers.sql';
import { timerFailedMessage } from './timer-messages';
import { vietnamDayOf } from '../domain/calendar/iso-date';
import { planDue } from './timer-plan';

/**
 * Entering a state schedules its timers; leaving it cancels them, in the transaction of the event
 * that moved the case (so a timer exists exactly while its case is in its state). An event that
 * keeps the case in its state (a self-transition, a note) keeps its timers. A timer whose due day
 * cannot be computed (no holidays for a year, a time limit the rule set lacks, no date in the
 * case) is kept as failed, and administrators are told through the outbox: the event still
 * commits, since refusing work because of the calendar would stop the office.
 */
@Injectable()
export class TimerScheduleEffect implements CaseEffect, OnModuleInit {
  readonly name = 'deadlines.timers';
  private readonly sql: CaseTimersSql;

  constructor(
    private readonly effects: CaseEffects,
    private readonly ruleSets: RuleSetCatalogue,
    @Inject(WORKING_DAY_CALENDAR) private readonly calendar: WorkingDayCalendar,
    database: Database,
    // Absent where notifications are not wired (a command-line run): the failed timer is still
    // kept, and listed to administrators.
    @Optional() private readonly outbox?: NotificationOutbox,
    @Optional() private readonly settings?: NotificationSettings,
  ) {
    this.sql = new CaseTimersSql(database.dialect);
  }

  onModuleInit(): void {
    this.effects.register(this);
  }

  appliesTo({ record }: AcceptedTransition): boolean {
    return record.fromState !== record.toState;
  }

  async apply({ before, after, record, workflow }: AcceptedTransition, { tx }: EffectContext) {
    const manager = sqlManagerOf(tx);
    const enteredOn = vietnamDayOf(record.at);
    const entered = timersOf(workflow.definition, record.toState).map((spec) => {
      const due = planDue(spec, {
        enteredOn,
        context: after.context,
        data: after.data,
        ruleSets: this.ruleSets,
        calendar: this.calendar,
      });
      const timer: StoredTimer = {
        id: uuidv7(),
        caseId: after.id,
        unitId: after.unitId,
        workflowId: workflow.definition.id,
        workflowVersion: workflow.definition.version,
        state: record.toState,
        enteredSeq: record.seq,
        name: spec.name,
        label: spec.label,
        dueOn: due.ok ? due.dueOn : null,
        firesAt: due.ok ? due.firesAt : null,
        sendEvent: spec.send ?? null,
        remind: spec.remind ?? [],
        escalate: spec.escalate ?? [],
        status: due.ok ? 'pending' : 'failed',
        problem: due.ok ? null : due.problem,
        message: due.ok ? null : due.message,
        createdAt: record.at,
        settledAt: due.ok ? null : record.at,
        firedSeq: null,
      };
      return { spec, due, timer };
    });
    const timers = entered.map(({ timer }) => timer);
    // The timers of the state it left cannot fire any more (a new case has none).
    if (before === null) await this.sql.insert(manager, ...timers);
    else await this.sql.replacePending(manager, after.id, record.at, timers);
    for (const { spec, due } of entered) {
      if (!due.ok && after.unitId !== null && this.outbox && this.settings) {
        await this.outbox.enqueueIn(tx, [
          {
            kind: 'timer_failed',
            caseId: after.id,
            recipients: { kind: 'roles', roles: ['admin'], unitId: after.unitId },
            ...timerFailedMessage(
              spec,
              due.message,
              { id: after.id, caseType: after.caseType, subjectName: after.subject.name },
              this.settings.publicBaseUrl,
            ),
          },
        ]);
      }
    }
  }
}
