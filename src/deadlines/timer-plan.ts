import type { WorkingDayCalendar } from '../domain/calendar/working-day-calendar';
import type { Localized } from '../domain/localized';
import type { RuleSetCatalogue } from '../domain/rules/rule-set-catalogue';
import type { TimerSpec } from '../domain/workflow/definition';
import { dueDayOf, firesAt } from '../domain/workflow/timers';

export type PlannedDue =
  { ok: true; dueOn: string; firesAt: string } | { ok: false; problem: string; message: Localized };

/**
 * When a timer of a state entered on `enteredOn` falls due and fires, by the rule set in force
 * that day and the calendar: or why it cannot be said (the timer is then kept as failed).
 */
export function planDue(
  timer: TimerSpec,
  basis: {
    enteredOn: string;
    context: Record<string, unknown>;
    data: Record<string, unknown>;
    ruleSets: RuleSetCatalogue;
    calendar: WorkingDayCalendar;
  },
): PlannedDue {
  const due = dueDayOf(timer, {
    enteredOn: basis.enteredOn,
    context: basis.context,
    data: basis.data,
    ruleSet: basis.ruleSets.latest(basis.enteredOn).ruleSet,
    calendar: basis.calendar,
  });
  if (!due.ok) return { ok: false, problem: due.problem, message: due.message };
  return { ok: true, dueOn: due.dueOn, firesAt: firesAt(due.dueOn) };
}
