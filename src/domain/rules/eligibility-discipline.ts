import type { Localized } from '../localized';
import type { DisciplineRule, RuleSet, SourceRef } from './rule-set';
import type { DisciplineFact, IsoDate } from './eligibility-types';
import { addMonths, formName, lower, text, viDate, yearEnd, yearStart } from './eligibility-text';

/**
 * The bar a discipline decision puts on commendation, from the rule set's `discipline.subjects`:
 * whether the form bars commendation, from which day (decision or announcement) and for how many
 * months. No duration is written here.
 */
export interface DisciplineBar {
  fact: DisciplineFact;
  /** Undefined when the rule set does not know the subject type or the form for it. */
  rule?: DisciplineRule;
  bars: boolean;
  start?: IsoDate;
  /** First day achievements count again; null for an indefinite bar; undefined if unknown. */
  end?: IsoDate | null;
  /** Why the bar cannot be computed; the check then asks a person. */
  problem?: Localized;
}

export function disciplineBar(ruleSet: RuleSet, fact: DisciplineFact): DisciplineBar {
  const form = lower(formName(ruleSet, fact.form));
  const subject = ruleSet.discipline.subjects.find((s) => s.code === fact.subjectType);
  if (subject === undefined) {
    return {
      fact,
      bars: true,
      problem: text(
        `Bộ quy tắc không có đối tượng kỷ luật "${fact.subjectType}" (kỷ luật ${form.vi}, quyết định ${viDate(fact.decidedOn)})`,
        `The rule set has no discipline subject "${fact.subjectType}" (${form.en}, decision ${fact.decidedOn})`,
      ),
    };
  }
  const rule = subject.forms.find((f) => f.form === fact.form);
  if (rule === undefined) {
    return {
      fact,
      bars: true,
      problem: text(
        `Bộ quy tắc không quy định hình thức kỷ luật ${form.vi} đối với ${lower(subject.name).vi} (quyết định ${viDate(fact.decidedOn)})`,
        `The rule set does not say what ${form.en} means for a ${lower(subject.name).en} (decision ${fact.decidedOn})`,
      ),
    };
  }
  if (!rule.barsCommendation || rule.period === undefined) return { fact, rule, bars: false };
  const period = rule.period;
  if (period.kind === 'indefinite') {
    return { fact, rule, bars: true, start: fact.decidedOn, end: fact.endsOn ?? null };
  }
  const start = period.from === 'announcement' ? fact.announcedOn : fact.decidedOn;
  if (start === undefined) {
    if (fact.endsOn !== undefined) {
      return { fact, rule, bars: true, start: fact.decidedOn, end: fact.endsOn };
    }
    return {
      fact,
      rule,
      bars: true,
      start: fact.decidedOn,
      problem: text(
        `Kỷ luật ${form.vi} (quyết định ${viDate(fact.decidedOn)}) tính thời hạn từ ngày công bố nhưng chưa có ngày công bố`,
        `The ${form.en} (decision ${fact.decidedOn}) runs from its announcement, whose date is not recorded`,
      ),
    };
  }
  return { fact, rule, bars: true, start, end: fact.endsOn ?? addMonths(start, period.months) };
}

/** In force on some day of [from, to] (both inclusive); the end day is the first day free. */
export function inForceBetween(bar: DisciplineBar, from: IsoDate, to: IsoDate): boolean {
  if (!bar.bars || bar.start === undefined || bar.end === undefined) return false;
  return bar.start <= to && (bar.end === null || bar.end > from);
}

/**
 * The day from which achievements count again (rule set `afterDiscipline`): the latest end of a
 * barring discipline decided by `asOf`. Undefined: no bar; null: an indefinite bar.
 */
export function achievementsCountFrom(
  bars: DisciplineBar[],
  asOf: IsoDate,
): IsoDate | null | undefined {
  let latest: IsoDate | null | undefined;
  for (const bar of bars) {
    if (!bar.bars || bar.start === undefined || bar.end === undefined || bar.start > asOf) continue;
    if (bar.end === null) return null;
    if (latest === undefined || (latest !== null && bar.end > latest)) latest = bar.end;
  }
  return latest;
}

/** Whether the achievements of `year` count, given the day they count from. */
export function yearCounts(year: number, countsFrom: IsoDate | null | undefined): boolean {
  if (countsFrom === undefined) return true;
  return countsFrom !== null && yearStart(year) >= countsFrom;
}

/** "Bị kỷ luật khiển trách (quyết định 12/03/2026) còn hiệu lực đến 12/03/2027". */
export function describeBar(ruleSet: RuleSet, bar: DisciplineBar): Localized {
  const form = lower(formName(ruleSet, bar.fact.form));
  const announced =
    bar.rule?.period?.kind === 'months' &&
    bar.rule.period.from === 'announcement' &&
    bar.fact.announcedOn !== undefined
      ? text(`, công bố ${viDate(bar.fact.announcedOn)}`, `, announced ${bar.fact.announcedOn}`)
      : text('', '');
  const ref = bar.fact.reference === undefined ? '' : ` ${bar.fact.reference}`;
  const head = text(
    `Bị kỷ luật ${form.vi} (quyết định${ref} ${viDate(bar.fact.decidedOn)}${announced.vi})`,
    `${formName(ruleSet, bar.fact.form).en} (decision${ref} ${bar.fact.decidedOn}${announced.en})`,
  );
  if (bar.end === null) {
    return text(`${head.vi} không có thời hạn`, `${head.en}, with no end date`);
  }
  if (bar.end === undefined) return head;
  return text(
    `${head.vi} còn hiệu lực đến ${viDate(bar.end)}`,
    `${head.en}, in force until ${bar.end}`,
  );
}

export interface DisciplineCheck {
  outcome: 'pass' | 'fail' | 'needs_review';
  reason: Localized;
  source: SourceRef[];
  details: Record<string, unknown>;
}

/**
 * Ineligible when a barring discipline is in force on any day of the evaluation year (its
 * achievements then count only from the end of the period) or on the day of evaluation (no award is
 * conferred while a discipline is in force).
 */
/** The days whose achievements a nomination rests on: its evaluation year, or its period. */
export interface AchievementWindow {
  from: IsoDate;
  to: IsoDate;
  /** "trong năm đánh giá 2025" / "during the evaluation year 2025". */
  during: Localized;
}

export function evaluationYearWindow(year: number): AchievementWindow {
  return {
    from: yearStart(year),
    to: yearEnd(year),
    during: text(`trong năm đánh giá ${year}`, `during the evaluation year ${year}`),
  };
}

/**
 * The window a discipline bar is checked against: the whole evaluation year, unless the rule set
 * limits bars to the achievement period and the nomination records one.
 */
export function achievementWindow(
  ruleSet: RuleSet,
  year: number,
  period: { from: IsoDate; to: IsoDate } | undefined,
): AchievementWindow {
  if (ruleSet.discipline.barScope?.value !== 'achievement_period' || period === undefined) {
    return evaluationYearWindow(year);
  }
  return {
    from: period.from,
    to: period.to,
    during: text(
      `trong thời gian đạt thành tích ${viDate(period.from)} – ${viDate(period.to)}`,
      `during the achievement period ${period.from} to ${period.to}`,
    ),
  };
}

export function checkDiscipline(
  ruleSet: RuleSet,
  bars: DisciplineBar[],
  window: AchievementWindow,
  asOf: IsoDate,
): DisciplineCheck {
  const decided = bars.filter((bar) => bar.fact.decidedOn <= asOf);
  const inYear = decided.filter((bar) => inForceBetween(bar, window.from, window.to));
  const onDay = decided.filter((bar) => !inYear.includes(bar) && inForceBetween(bar, asOf, asOf));
  const unknown = decided.filter((bar) => bar.problem !== undefined);
  const details = {
    disciplines: decided.map((bar) => ({
      subjectType: bar.fact.subjectType,
      form: bar.fact.form,
      decidedOn: bar.fact.decidedOn,
      barsCommendation: bar.bars,
      start: bar.start,
      end: bar.end,
      inForceDuringYear: inYear.includes(bar),
      inForceOnAsOf: inForceBetween(bar, asOf, asOf),
    })),
  };
  const source = dedupeSources([
    ...[...inYear, ...onDay, ...unknown].flatMap((bar) => [
      ...(bar.rule?.source ?? []),
      ...(bar.rule?.period?.source ?? []),
    ]),
    ...ruleSet.discipline.afterDiscipline.source,
  ]);
  if (inYear.length > 0 || onDay.length > 0) {
    const parts = [
      ...inYear.map((bar) => {
        const d = describeBar(ruleSet, bar);
        return text(
          `${d.vi}, ${window.during.vi}; thành tích chỉ được tính từ khi hết thời hạn kỷ luật`,
          `${d.en}, ${window.during.en}; achievements count only from the end of the discipline period`,
        );
      }),
      ...onDay.map((bar) => {
        const d = describeBar(ruleSet, bar);
        return text(
          `${d.vi}, vẫn còn hiệu lực vào ngày xét ${viDate(asOf)}`,
          `${d.en}, still in force on the evaluation date ${asOf}`,
        );
      }),
    ];
    return {
      outcome: 'fail',
      reason: text(parts.map((p) => p.vi).join('; '), parts.map((p) => p.en).join('; ')),
      source,
      details,
    };
  }
  if (unknown.length > 0) {
    return {
      outcome: 'needs_review',
      reason: text(
        unknown.map((bar) => bar.problem!.vi).join('; '),
        unknown.map((bar) => bar.problem!.en).join('; '),
      ),
      source,
      details,
    };
  }
  const ended = decided.filter((bar) => bar.bars);
  return {
    outcome: 'pass',
    reason:
      ended.length === 0
        ? text(`Không bị kỷ luật ${window.during.vi}`, `No discipline in force ${window.during.en}`)
        : text(
            `Không có kỷ luật còn hiệu lực ${window.during.vi}: ${ended
              .map((bar) =>
                describeBar(ruleSet, bar).vi.replace('còn hiệu lực đến', 'hết hiệu lực từ'),
              )
              .join('; ')}`,
            `No discipline in force ${window.during.en}: ${ended
              .map((bar) => describeBar(ruleSet, bar).en.replace('in force until', 'ended on'))
              .join('; ')}`,
          ),
    source,
    details,
  };
}

export function dedupeSources(sources: SourceRef[]): SourceRef[] {
  const seen = new Set<string>();
  return sources.filter((s) => {
    const key = `${s.text}|${s.provision ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
