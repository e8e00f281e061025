import type { Localized } from '../localized';
import type { Award, Prerequisite, Route, RuleSet, SubjectKind } from './rule-set';
import { yearCounts } from './eligibility-discipline';
import type { AchievementFact, EligibilityFacts, IsoDate } from './eligibility-types';
import {
  awardName,
  lower,
  monthsBetween,
  ratingName,
  text,
  viDate,
  yearStart,
  yearsText,
} from './eligibility-text';

/**
 * The checkable prerequisites of an award (rule set `prerequisites` and `routes`). Every count,
 * number of years and rating level is read from the prerequisite; the window of years always ends
 * with the evaluation year ("held in each of the last N years" includes the year evaluated).
 */

export interface CheckResult {
  outcome: 'pass' | 'fail' | 'needs_review';
  reason: Localized;
  details?: Record<string, unknown>;
}

export interface PrerequisiteContext {
  ruleSet: RuleSet;
  facts: EligibilityFacts;
  year: number;
  subject: SubjectKind;
  /** From rule set `afterDiscipline`: years starting before this day do not count. */
  countsFrom: IsoDate | null | undefined;
}

type YearStatus =
  'held' | 'revoked' | 'missing' | 'before_discipline_end' | 'pending' | 'type_not_counted';

const STATUS_TEXT: Record<Exclude<YearStatus, 'held'>, Localized> = {
  revoked: text('đã bị thu hồi', 'revoked'),
  missing: text('không đạt', 'not held'),
  before_discipline_end: text(
    'trước khi hết thời hạn kỷ luật, không được tính',
    'before the end of a discipline period, does not count',
  ),
  pending: text('đang chờ quyết định', 'still awaiting a decision'),
  type_not_counted: text(
    'khen thưởng theo chuyên đề, theo đợt hoặc đột xuất, không được tính vào chuỗi năm liên tục',
    'a thematic, campaign or irregular commendation, which does not count toward the chain',
  ),
};

const ACHIEVEMENT_TEXT: Record<AchievementFact['kind'], Localized> = {
  initiative: text('sáng kiến', 'initiative'),
  science_work: text('đề tài khoa học', 'scientific work'),
  combat_ingenuity: text('mưu trí trong chiến đấu', 'combat ingenuity'),
};

/** The order of the schema's impact levels (not a legal value: a vocabulary order). */
const IMPACT_ORDER: NonNullable<AchievementFact['impact']>[] = [
  'grassroots',
  'ministry_province',
  'national',
];
const IMPACT_TEXT: Record<NonNullable<AchievementFact['impact']>, Localized> = {
  grassroots: text('cấp cơ sở', 'grassroots'),
  ministry_province: text('cấp bộ, ban, ngành, tỉnh', 'ministry or province'),
  national: text('toàn quốc', 'national'),
};

type PrerequisiteType = Prerequisite['type'];
type PrerequisiteOf<T extends PrerequisiteType> = Extract<Prerequisite, { type: T }>;

const awardPrerequisiteCode = (p: Extract<Prerequisite, { award: string }>): string =>
  `prerequisite.${p.type}.${p.award}`;

/** One code per prerequisite type; the mapped type makes leaving a type out a compile error. */
const PREREQUISITE_CODES: { [T in PrerequisiteType]: (p: PrerequisiteOf<T>) => string } = {
  award_in_consecutive_years: awardPrerequisiteCode,
  award_consecutive_times: awardPrerequisiteCode,
  award_held: awardPrerequisiteCode,
  award_count: awardPrerequisiteCode,
  meets_standard: awardPrerequisiteCode,
  rating: (p) => `prerequisite.rating.${p.atLeast}`,
  achievement: (p) => `prerequisite.achievement.${p.of.join('+')}`,
  min_service_months: () => 'prerequisite.min_service_months',
  party_membership_years: () => 'prerequisite.party_membership_years',
};

/** A stable code for a prerequisite: its type and what it points at, never its numbers. */
export function prerequisiteCode(p: Prerequisite): string {
  // The entry for `p.type` takes this very `p`, a link TypeScript cannot follow through a union.
  const code = PREREQUISITE_CODES[p.type] as (p: Prerequisite) => string;
  return code(p);
}

const window = (year: number, length: number): number[] =>
  Array.from({ length: Math.max(1, length) }, (_, i) => year - length + 1 + i);

/**
 * Whether an award of this commendation type may be a link of a consecutive-year chain: Decree
 * 98/2023 and 152/2025 Art 4 say thematic, campaign and irregular results cannot ground a higher
 * merit award; the rule set says which types those are. An untyped award, or a rule set without
 * types, counts.
 */
function countsTowardChains(ruleSet: RuleSet, commendationType: string | undefined): boolean {
  if (commendationType === undefined) return true;
  const type = ruleSet.commendationTypes?.find((t) => t.code === commendationType);
  return type?.countsTowardChains ?? true;
}

/** `chain`: the year is a link of a consecutive-year chain, so only types that count are read. */
function yearStatus(
  ctx: PrerequisiteContext,
  code: string,
  year: number,
  chain = false,
): YearStatus {
  const counts = (a: { commendationType?: string }) =>
    !chain || countsTowardChains(ctx.ruleSet, a.commendationType);
  const entries = ctx.facts.awardsHeld.filter(
    (a) => a.awardCode === code && a.year === year && counts(a),
  );
  if (entries.some((a) => a.status === 'granted')) {
    return yearCounts(year, ctx.countsFrom) ? 'held' : 'before_discipline_end';
  }
  if (entries.some((a) => a.status === 'revoked')) return 'revoked';
  const pending = ctx.facts.otherNominations.some(
    (n) => n.awardCode === code && n.year === year && n.state === 'open' && counts(n),
  );
  if (pending) return 'pending';
  const grantedOfAnotherType = ctx.facts.awardsHeld.some(
    (a) => a.awardCode === code && a.year === year && a.status === 'granted' && !counts(a),
  );
  return grantedOfAnotherType ? 'type_not_counted' : 'missing';
}

function problems(statuses: [number, YearStatus][]): Localized {
  const bad = statuses.filter(([, s]) => s !== 'held') as [number, Exclude<YearStatus, 'held'>][];
  return text(
    bad.map(([y, s]) => `năm ${y} (${STATUS_TEXT[s].vi})`).join(', '),
    bad.map(([y, s]) => `${y} (${STATUS_TEXT[s].en})`).join(', '),
  );
}

/** fail if a year is definitely missing; needs_review if the only gaps await a decision. */
function verdict(statuses: [number, YearStatus][]): CheckResult['outcome'] {
  if (statuses.every(([, s]) => s === 'held')) return 'pass';
  return statuses.every(([, s]) => s === 'held' || s === 'pending') ? 'needs_review' : 'fail';
}

function importedYears(ctx: PrerequisiteContext, code: string, years: number[]): number[] {
  return years.filter((y) =>
    ctx.facts.awardsHeld.some(
      (a) =>
        a.awardCode === code && a.year === y && a.status === 'granted' && a.source === 'import',
    ),
  );
}
type PrerequisiteCheck<P extends Prerequisite> = (
  ctx: PrerequisiteContext,
  p: P,
  award: Award,
) => CheckResult;

/** One check per prerequisite type; the mapped type makes leaving a type out a compile error. */
const PREREQUISITE_CHECKS: { [T in PrerequisiteType]: PrerequisiteCheck<PrerequisiteOf<T>> } = {
  award_in_consecutive_years: checkAwardInConsecutiveYears,
  award_consecutive_times: checkAwardConsecutiveTimes,
  award_held: checkAwardHeld,
  award_count: checkAwardCount,
  meets_standard: checkMeetsStandard,
  rating: checkRating,
  achievement: checkAchievement,
  min_service_months: checkMinServiceMonths,
  party_membership_years: checkPartyMembershipYears,
};

export function checkPrerequisite(
  ctx: PrerequisiteContext,
  p: Prerequisite,
  award: Award,
): CheckResult {
  // As in prerequisiteCode: the entry for `p.type` takes this very `p`.
  const check = PREREQUISITE_CHECKS[p.type] as PrerequisiteCheck<Prerequisite>;
  return check(ctx, p, award);
}

function checkAwardInConsecutiveYears(
  ctx: PrerequisiteContext,
  p: PrerequisiteOf<'award_in_consecutive_years'>,
): CheckResult {
  const name = awardName(ctx.ruleSet, p.award);
  const years = window(ctx.year, p.consecutiveYears);
  const statuses = years.map((y): [number, YearStatus] => [y, yearStatus(ctx, p.award, y, true)]);
  const span = `${years[0]}–${ctx.year}`;
  const outcome = verdict(statuses);
  const imported = importedYears(ctx, p.award, years);
  const details = { years: Object.fromEntries(statuses), imported };
  if (outcome === 'pass') {
    return {
      outcome,
      reason: text(
        `Đạt ${name.vi} ${p.consecutiveYears} năm liên tục ${span}`,
        `Held ${name.en} in each of the ${p.consecutiveYears} consecutive years ${span}`,
      ),
      details,
    };
  }
  const gaps = problems(statuses);
  return {
    outcome,
    reason: text(
      `Cần đạt ${name.vi} ${p.consecutiveYears} năm liên tục ${span}; chưa đáp ứng: ${gaps.vi}`,
      `Requires ${name.en} in each of the ${p.consecutiveYears} consecutive years ${span}; not met: ${gaps.en}`,
    ),
    details,
  };
}

function checkAwardConsecutiveTimes(
  ctx: PrerequisiteContext,
  p: PrerequisiteOf<'award_consecutive_times'>,
): CheckResult {
  const name = awardName(ctx.ruleSet, p.award);
  // The latest N times the award was given, up to the evaluation year: all must still count.
  const years = [
    ...new Set(
      ctx.facts.awardsHeld
        .filter((a) => a.awardCode === p.award && a.year <= ctx.year)
        .map((a) => a.year),
    ),
  ]
    .sort((a, b) => b - a)
    .slice(0, p.consecutiveTimes)
    .reverse();
  const statuses = years.map((y): [number, YearStatus] => [y, yearStatus(ctx, p.award, y, true)]);
  const details = { years: Object.fromEntries(statuses) };
  if (years.length === p.consecutiveTimes && verdict(statuses) === 'pass') {
    return {
      outcome: 'pass',
      reason: text(
        `Đạt ${name.vi} ${p.consecutiveTimes} lần liên tục (năm ${yearsText(years)})`,
        `Awarded ${name.en} ${p.consecutiveTimes} consecutive times (${yearsText(years)})`,
      ),
      details,
    };
  }
  const held = statuses.filter(([, s]) => s === 'held').length;
  const gaps = problems(statuses);
  return {
    outcome: 'fail',
    reason: text(
      `Cần ${p.consecutiveTimes} lần liên tục đạt ${name.vi}; chỉ có ${held} lần được tính${gaps.vi === '' ? '' : `; ${gaps.vi}`}`,
      `Requires ${name.en} ${p.consecutiveTimes} consecutive times; only ${held} count${gaps.en === '' ? '' : `; ${gaps.en}`}`,
    ),
    details,
  };
}

function checkAwardHeld(ctx: PrerequisiteContext, p: PrerequisiteOf<'award_held'>): CheckResult {
  const name = awardName(ctx.ruleSet, p.award);
  const years = [
    ...new Set(
      ctx.facts.awardsHeld
        .filter((a) => a.awardCode === p.award && a.year <= ctx.year)
        .map((a) => a.year),
    ),
  ].sort((a, b) => a - b);
  const statuses = years.map((y): [number, YearStatus] => [y, yearStatus(ctx, p.award, y)]);
  const held = statuses.filter(([, s]) => s === 'held').map(([y]) => y);
  if (held.length > 0) {
    return {
      outcome: 'pass',
      reason: text(
        `Đã được tặng ${name.vi} (năm ${yearsText(held)})`,
        `Holds ${name.en} (${yearsText(held)})`,
      ),
      details: { years: Object.fromEntries(statuses) },
    };
  }
  const gaps = problems(statuses);
  return {
    outcome: 'fail',
    reason: text(
      `Chưa được tặng ${name.vi}${gaps.vi === '' ? '' : `: ${gaps.vi}`}`,
      `Does not hold ${name.en}${gaps.en === '' ? '' : `: ${gaps.en}`}`,
    ),
    details: { years: Object.fromEntries(statuses) },
  };
}

function checkAwardCount(ctx: PrerequisiteContext, p: PrerequisiteOf<'award_count'>): CheckResult {
  const name = awardName(ctx.ruleSet, p.award);
  const years = window(ctx.year, p.withinYears);
  const statuses = years.map((y): [number, YearStatus] => [y, yearStatus(ctx, p.award, y)]);
  const held = statuses.filter(([, s]) => s === 'held').map(([y]) => y);
  const pending = statuses.filter(([, s]) => s === 'pending').length;
  const span = `${years[0]}–${ctx.year}`;
  const details = { years: Object.fromEntries(statuses), counted: held.length };
  const notCounted = problems(statuses.filter(([, st]) => st !== 'missing'));
  if (held.length >= p.count) {
    return {
      outcome: 'pass',
      reason: text(
        `Đạt ${name.vi} ${held.length} lần trong ${p.withinYears} năm ${span} (cần ${p.count})`,
        `Held ${name.en} ${held.length} times in the ${p.withinYears} years ${span} (${p.count} required)`,
      ),
      details,
    };
  }
  return {
    outcome: held.length + pending >= p.count ? 'needs_review' : 'fail',
    reason: text(
      `Cần đạt ${name.vi} ${p.count} lần trong ${p.withinYears} năm ${span}; chỉ có ${held.length} lần được tính (${held.length === 0 ? 'không năm nào' : `năm ${yearsText(held)}`})${notCounted.vi === '' ? '' : `; không tính: ${notCounted.vi}`}`,
      `Requires ${name.en} ${p.count} times in the ${p.withinYears} years ${span}; only ${held.length} count (${held.length === 0 ? 'none' : yearsText(held)})${notCounted.en === '' ? '' : `; not counted: ${notCounted.en}`}`,
    ),
    details,
  };
}

function checkMeetsStandard(
  ctx: PrerequisiteContext,
  p: PrerequisiteOf<'meets_standard'>,
): CheckResult {
  const name = awardName(ctx.ruleSet, p.award);
  const status = yearStatus(ctx, p.award, ctx.year);
  if (status === 'held') {
    return {
      outcome: 'pass',
      reason: text(`Đã được tặng ${name.vi} năm ${ctx.year}`, `Awarded ${name.en} for ${ctx.year}`),
    };
  }
  const standard = ctx.ruleSet.awards.find((a) => a.code === p.award);
  if (standard === undefined) {
    return {
      outcome: 'needs_review',
      reason: text(
        `Bộ quy tắc không có danh hiệu ${p.award}`,
        `The rule set has no award ${p.award}`,
      ),
    };
  }
  const inner = checkAwardRequirements(ctx, standard);
  const outcome = combineAll(inner.map((r) => r.result.outcome));
  const shown = inner.filter((r) => outcome === 'pass' || r.result.outcome !== 'pass');
  const parts = text(
    shown.map((r) => r.result.reason.vi).join('; '),
    shown.map((r) => r.result.reason.en).join('; '),
  );
  return {
    outcome,
    reason:
      outcome === 'pass'
        ? text(
            `Đạt tiêu chuẩn ${name.vi} năm ${ctx.year}: ${parts.vi}`,
            `Meets the ${name.en} standard for ${ctx.year}: ${parts.en}`,
          )
        : text(
            `Chưa đạt tiêu chuẩn ${name.vi} năm ${ctx.year}: ${parts.vi}`,
            `Does not meet the ${name.en} standard for ${ctx.year}: ${parts.en}`,
          ),
    details: {
      checks: inner.map((r) => ({ rule: r.rule, outcome: r.result.outcome })),
    },
  };
}

function checkRating(ctx: PrerequisiteContext, p: PrerequisiteOf<'rating'>): CheckResult {
  const need = ctx.ruleSet.ratings.find((r) => r.code === p.atLeast);
  const needName = lower(ratingName(ctx.ruleSet, p.atLeast));
  const years = window(ctx.year, p.consecutiveYears);
  const span =
    years.length === 1
      ? `năm ${ctx.year}`
      : `${p.consecutiveYears} năm liên tục ${years[0]}–${ctx.year}`;
  const spanEn =
    years.length === 1
      ? `for ${ctx.year}`
      : `in each of the ${p.consecutiveYears} years ${years[0]}–${ctx.year}`;
  const ratings = ctx.facts.taskRatings;
  if (ratings === undefined || need === undefined) {
    return {
      outcome: 'needs_review',
      reason: text(
        `Chưa có dữ liệu xếp loại để xét mức ${needName.vi} trở lên ${span}`,
        `No task ratings were loaded to check "${needName.en}" or better ${spanEn}`,
      ),
    };
  }
  const perYear = years.map((y) => {
    const fact = ratings.find((r) => r.year === y);
    const rank = ctx.ruleSet.ratings.find((r) => r.code === fact?.rating)?.rank;
    const state =
      fact === undefined || rank === undefined
        ? 'missing'
        : rank < need.rank
          ? 'below'
          : yearCounts(y, ctx.countsFrom)
            ? 'ok'
            : 'before_discipline_end';
    return { year: y, rating: fact?.rating, state };
  });
  const details = { years: perYear };
  if (perYear.every((r) => r.state === 'ok')) {
    return {
      outcome: 'pass',
      reason: text(
        `Xếp loại từ mức ${needName.vi} trở lên ${span}`,
        `Rated "${needName.en}" or better ${spanEn}`,
      ),
      details,
    };
  }
  const bad = perYear.filter((r) => r.state !== 'ok');
  const describe = (r: (typeof perYear)[number]): Localized => {
    if (r.state === 'missing') return text(`năm ${r.year}: chưa xếp loại`, `${r.year}: not rated`);
    if (r.state === 'before_discipline_end') {
      return text(
        `năm ${r.year}: ${STATUS_TEXT.before_discipline_end.vi}`,
        `${r.year}: ${STATUS_TEXT.before_discipline_end.en}`,
      );
    }
    const got = lower(ratingName(ctx.ruleSet, r.rating!));
    return text(`năm ${r.year}: ${got.vi}`, `${r.year}: "${got.en}"`);
  };
  const list = bad.map(describe);
  return {
    outcome: bad.every((r) => r.state === 'missing') ? 'needs_review' : 'fail',
    reason: text(
      `Cần xếp loại từ mức ${needName.vi} trở lên ${span}; ${list.map((l) => l.vi).join(', ')}`,
      `Requires "${needName.en}" or better ${spanEn}; ${list.map((l) => l.en).join(', ')}`,
    ),
    details,
  };
}

function checkAchievement(
  ctx: PrerequisiteContext,
  p: PrerequisiteOf<'achievement'>,
  award: Award,
): CheckResult {
  const kinds = text(
    p.of.map((k) => ACHIEVEMENT_TEXT[k].vi).join(' hoặc '),
    p.of.map((k) => ACHIEVEMENT_TEXT[k].en).join(' or '),
  );
  const scope =
    p.impact === undefined
      ? text('', '')
      : text(
          ` có phạm vi ảnh hưởng ${IMPACT_TEXT[p.impact].vi} trở lên`,
          ` with ${IMPACT_TEXT[p.impact].en} impact or wider`,
        );
  const years = window(ctx.year, chainYears(award));
  const span = years.length === 1 ? `năm ${ctx.year}` : `các năm ${years[0]}–${ctx.year}`;
  const spanEn = years.length === 1 ? `in ${ctx.year}` : `in ${years[0]}–${ctx.year}`;
  const achievements = ctx.facts.achievements;
  if (achievements === undefined) {
    return {
      outcome: 'needs_review',
      reason: text(
        `Chưa có dữ liệu về ${kinds.vi}${scope.vi} ${span}`,
        `No ${kinds.en} data was loaded (needed${scope.en} ${spanEn})`,
      ),
    };
  }
  const found = achievements.filter(
    (a) =>
      p.of.includes(a.kind) &&
      years.includes(a.year) &&
      yearCounts(a.year, ctx.countsFrom) &&
      (p.impact === undefined ||
        (a.impact !== undefined &&
          IMPACT_ORDER.indexOf(a.impact) >= IMPACT_ORDER.indexOf(p.impact))),
  );
  if (found.length > 0) {
    const first = found[0];
    return {
      outcome: 'pass',
      reason: text(
        `Có ${ACHIEVEMENT_TEXT[first.kind].vi} được công nhận năm ${first.year}${first.impact === undefined ? '' : ` (${IMPACT_TEXT[first.impact].vi})`}${first.reference === undefined ? '' : `, ${first.reference}`}`,
        `Has a recognised ${ACHIEVEMENT_TEXT[first.kind].en} (${first.year}${first.impact === undefined ? '' : `, ${IMPACT_TEXT[first.impact].en} impact`})${first.reference === undefined ? '' : `, ${first.reference}`}`,
      ),
      details: { found },
    };
  }
  return {
    outcome: 'fail',
    reason: text(
      `Không có ${kinds.vi}${scope.vi} được công nhận ${span}`,
      `No recognised ${kinds.en}${scope.en} ${spanEn}`,
    ),
  };
}

function checkMinServiceMonths(
  ctx: PrerequisiteContext,
  p: PrerequisiteOf<'min_service_months'>,
): CheckResult {
  if (ctx.subject === 'collective') {
    return {
      outcome: 'pass',
      reason: text('Không áp dụng cho tập thể', 'Does not apply to a collective'),
    };
  }
  const started = ctx.facts.serviceStartedOn;
  if (started === undefined) {
    return {
      outcome: 'needs_review',
      reason: text(
        `Chưa có ngày bắt đầu công tác để xét thời gian công tác tối thiểu ${p.months} tháng`,
        `The start of service is not recorded; ${p.months} months of service are required`,
      ),
    };
  }
  const months = monthsBetween(started, yearStart(ctx.year + 1));
  const details = { serviceStartedOn: started, months };
  return months >= p.months
    ? {
        outcome: 'pass',
        reason: text(
          `Công tác ${months} tháng tính đến hết năm ${ctx.year} (từ ${viDate(started)}; tối thiểu ${p.months} tháng)`,
          `${months} months of service by the end of ${ctx.year} (since ${started}; at least ${p.months} required)`,
        ),
        details,
      }
    : {
        outcome: 'fail',
        reason: text(
          `Chỉ công tác ${months} tháng tính đến hết năm ${ctx.year} (từ ${viDate(started)}), chưa đủ ${p.months} tháng`,
          `Only ${months} months of service by the end of ${ctx.year} (since ${started}); ${p.months} required`,
        ),
        details,
      };
}

/**
 * The Party badge (HD 12-HD/BTCTW 2022): a member is considered in the year their membership
 * reaches a milestone (30, 40, 45, 50 … years), counted from the day they joined. The early
 * presentation to a seriously ill member is for a person to judge (a criterion, not this check).
 */
function checkPartyMembershipYears(
  ctx: PrerequisiteContext,
  p: PrerequisiteOf<'party_membership_years'>,
): CheckResult {
  if (ctx.subject === 'collective') {
    return {
      outcome: 'fail',
      reason: text('Chỉ xét cho đảng viên', 'Only for a Party member'),
    };
  }
  const joined = ctx.facts.partyJoinedOn;
  if (joined === undefined) {
    return {
      outcome: 'needs_review',
      reason: text(
        'Danh bạ nhân sự chưa có ngày vào Đảng để tính tuổi đảng',
        'The registry has no day of joining the Party to count the years of membership',
      ),
    };
  }
  const years = ctx.year - Number(joined.slice(0, 4));
  const milestones = [...p.milestones].sort((a, b) => a - b);
  const list = milestones.join(', ');
  const details = { partyJoinedOn: joined, years, milestones };
  return milestones.includes(years)
    ? {
        outcome: 'pass',
        reason: text(
          `Vào Đảng ngày ${viDate(joined)}: đủ ${years} năm tuổi đảng trong năm ${ctx.year} (mốc ${list} năm)`,
          `Joined the Party on ${joined}: ${years} years of membership in ${ctx.year} (milestones ${list})`,
        ),
        details,
      }
    : {
        outcome: 'fail',
        reason: text(
          `Vào Đảng ngày ${viDate(joined)}: ${years} năm tuổi đảng trong năm ${ctx.year}, không phải mốc xét tặng Huy hiệu (${list} năm)`,
          `Joined the Party on ${joined}: ${years} years of membership in ${ctx.year}, not a badge milestone (${list})`,
        ),
        details,
      };
}

/** Years an award's chain spans (its longest consecutive-years window), for achievements. */
function chainYears(award: Award): number {
  const lengths = [
    ...award.prerequisites,
    ...(award.routes ?? []).flatMap((r) => r.prerequisites),
  ].map((p) =>
    p.type === 'award_in_consecutive_years'
      ? p.consecutiveYears
      : p.type === 'award_count'
        ? p.withinYears
        : p.type === 'rating'
          ? p.consecutiveYears
          : 1,
  );
  return Math.max(1, ...lengths);
}

export function combineAll(outcomes: CheckResult['outcome'][]): CheckResult['outcome'] {
  if (outcomes.includes('fail')) return 'fail';
  return outcomes.includes('needs_review') ? 'needs_review' : 'pass';
}

export function combineAny(outcomes: CheckResult['outcome'][]): CheckResult['outcome'] {
  if (outcomes.includes('pass')) return 'pass';
  return outcomes.includes('needs_review') ? 'needs_review' : 'fail';
}

export function applicableRoutes(award: Award, subject: SubjectKind): Route[] {
  return (award.routes ?? []).filter(
    (route) => route.subjects === undefined || route.subjects.includes(subject),
  );
}

/** One route: all its prerequisites; a route with none is judged by people only. */
export function checkRoute(ctx: PrerequisiteContext, route: Route, award: Award): CheckResult {
  if (route.prerequisites.length === 0) {
    return {
      outcome: 'needs_review',
      reason: text(
        `${route.name.vi}: chỉ có tiêu chí do người xét đánh giá`,
        `${route.name.en}: only criteria that people judge`,
      ),
    };
  }
  const results = route.prerequisites.map((p) => checkPrerequisite(ctx, p, award));
  const outcome = combineAll(results.map((r) => r.outcome));
  const shown = results.filter((r) => outcome === 'pass' || r.outcome !== 'pass');
  return {
    outcome,
    reason: text(
      `«${route.name.vi}»: ${shown.map((r) => r.reason.vi).join('; ')}`,
      `«${route.name.en}»: ${shown.map((r) => r.reason.en).join('; ')}`,
    ),
  };
}

/** An award's own prerequisites, then (if it has any for the subject) its routes, as one line. */
export function checkAwardRequirements(
  ctx: PrerequisiteContext,
  award: Award,
): { rule: string; result: CheckResult; prerequisite?: Prerequisite; routes?: Route[] }[] {
  const own = award.prerequisites.map((p) => ({
    rule: prerequisiteCode(p),
    result: checkPrerequisite(ctx, p, award),
    prerequisite: p,
  }));
  const routes = applicableRoutes(award, ctx.subject);
  if (routes.length === 0) return own;
  const results = routes.map((route) => ({ route, result: checkRoute(ctx, route, award) }));
  const outcome = combineAny(results.map((r) => r.result.outcome));
  const shown = outcome === 'pass' ? results.filter((r) => r.result.outcome === 'pass') : results;
  return [
    ...own,
    {
      rule: 'route',
      routes,
      result: {
        outcome,
        reason:
          outcome === 'pass'
            ? text(
                `Đáp ứng ít nhất một diện: ${shown.map((r) => r.result.reason.vi).join(' | ')}`,
                `Meets at least one route: ${shown.map((r) => r.result.reason.en).join(' | ')}`,
              )
            : text(
                `Không đáp ứng diện nào: ${shown.map((r) => r.result.reason.vi).join(' | ')}`,
                `Meets none of the routes: ${shown.map((r) => r.result.reason.en).join(' | ')}`,
              ),
        details: {
          routes: results.map((r) => ({ code: r.route.code, outcome: r.result.outcome })),
        },
      },
    },
  ];
}
