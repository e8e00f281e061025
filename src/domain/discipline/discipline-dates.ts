import { addDays } from '../calendar/iso-date';
import { addWorkingDays, type WorkingDayCalendar } from '../calendar/working-day-calendar';
import { disciplineBar } from '../rules/eligibility-discipline';
import { addMonths } from '../rules/eligibility-text';
import type { DisciplineTrack, RuleSet } from '../rules/rule-set';

/**
 * The dates a discipline case computes from the rule set and stores, so that what the official
 * saw is what eligibility reads later: the day an explanation is due, the last day to appeal, and
 * the day a discipline lapses. The official enters the legal dates these start from.
 */

/**
 * The first day the discipline no longer bars commendation: null when it never lapses
 * (expulsion), undefined when the form bars nothing, or when it runs from an announcement
 * not yet recorded.
 */
export function lapseOf(
  ruleSet: RuleSet,
  decision: { subjectType: string; form: string; date: string; announcedOn?: string },
): string | null | undefined {
  const bar = disciplineBar(ruleSet, {
    subjectType: decision.subjectType,
    form: decision.form,
    decidedOn: decision.date,
    ...(decision.announcedOn === undefined ? {} : { announcedOn: decision.announcedOn }),
  });
  if (!bar.bars || bar.problem !== undefined) return undefined;
  return bar.end;
}

/** The last day the subject may explain, counted from the day they were asked. */
export function explanationDueOn(
  ruleSet: RuleSet,
  requestedOn: string,
  calendar: WorkingDayCalendar,
): string | undefined {
  const window = ruleSet.discipline.explanation?.window;
  if (window === undefined) return undefined;
  return window.kind === 'working_days'
    ? addWorkingDays(requestedOn, window.days, calendar)
    : addDays(requestedOn, window.days);
}

/**
 * The last day an appeal against the decision may be filed (inclusive), per its track's window;
 * undefined when the rule set has none or the day it runs from is not recorded yet.
 */
export function appealDeadline(
  ruleSet: RuleSet,
  track: DisciplineTrack,
  decision: { date: string; announcedOn?: string },
  calendar: WorkingDayCalendar,
): string | undefined {
  const window = ruleSet.discipline.appeal?.windows.find((w) => w.track === track);
  if (window === undefined) return undefined;
  const start = window.from === 'announcement' ? decision.announcedOn : decision.date;
  if (start === undefined) return undefined;
  switch (window.kind) {
    case 'months':
      return addMonths(start, window.value);
    case 'working_days':
      return addWorkingDays(start, window.value, calendar);
    case 'days':
      return addDays(start, window.value);
  }
}
