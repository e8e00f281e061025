import type { Comparison, MemberCondition, RuleSet } from './rule-set';
import type { MemberFacts } from './eligibility-types';
import type { CheckResult } from './eligibility-prerequisites';
import { awardName, formName, lower, ratingName, text, viDate } from './eligibility-text';

/**
 * Conditions on a collective's members (rule set `memberConditions`): ratios, minimum counts and
 * the discipline level are read from the condition. Members' facts are for the evaluation year.
 */

/** Shares are compared as fractions with a tolerance, so 7 of 10 meets a ratio of 0.7. */
const EPSILON = 1e-9;
function compare(share: number, comparison: Comparison, ratio: number): boolean {
  return comparison === 'gte' ? share >= ratio - EPSILON : share > ratio + EPSILON;
}

const percent = (value: number) => `${Math.round(value * 10000) / 100}%`;
const comparisonText = (comparison: Comparison) =>
  comparison === 'gte' ? text('ít nhất', 'at least') : text('trên', 'more than');

export function memberConditionCode(c: MemberCondition): string {
  switch (c.type) {
    case 'share_holding':
    case 'count_holding':
      return `member.${c.type}.${c.award}`;
    case 'share_rated':
      return `member.share_rated.${c.atLeast}`;
    case 'no_discipline':
      return `member.no_discipline.${c.atOrAbove}`;
  }
}

const labelOf = (member: MemberFacts) => member.label ?? member.personId;

const holds = (member: MemberFacts, award: string, year: number) =>
  member.awardsHeld.some((a) => a.awardCode === award && a.year === year && a.status === 'granted');

export function checkMemberCondition(
  ruleSet: RuleSet,
  c: MemberCondition,
  members: MemberFacts[] | undefined,
  year: number,
): CheckResult {
  if (members === undefined || members.length === 0) {
    return {
      outcome: 'needs_review',
      reason: text(
        'Chưa có danh sách thành viên của tập thể để xét điều kiện về thành viên',
        "The collective's members were not loaded; member conditions cannot be checked",
      ),
    };
  }
  const total = members.length;
  switch (c.type) {
    case 'share_holding': {
      const name = awardName(ruleSet, c.award);
      const holders = members.filter((m) => holds(m, c.award, year));
      const share = holders.length / total;
      const cmp = comparisonText(c.comparison);
      const ok = compare(share, c.comparison, c.ratio);
      const facts = text(
        `${holders.length}/${total} thành viên (${percent(share)}) đạt ${name.vi} năm ${year}`,
        `${holders.length} of ${total} members (${percent(share)}) hold ${name.en} for ${year}`,
      );
      return {
        outcome: ok ? 'pass' : 'fail',
        reason: text(
          `${facts.vi}; yêu cầu ${cmp.vi} ${percent(c.ratio)}`,
          `${facts.en}; ${cmp.en} ${percent(c.ratio)} required`,
        ),
        details: { holders: holders.map((m) => m.personId), total, share, ratio: c.ratio },
      };
    }
    case 'share_rated': {
      const need = ruleSet.ratings.find((r) => r.code === c.atLeast);
      const needName = lower(ratingName(ruleSet, c.atLeast));
      const rankOf = (m: MemberFacts) => ruleSet.ratings.find((r) => r.code === m.taskRating)?.rank;
      const unrated = members.filter((m) => rankOf(m) === undefined);
      const rated = members.filter(
        (m) => need !== undefined && (rankOf(m) ?? -Infinity) >= need.rank,
      );
      const share = rated.length / total;
      const cmp = comparisonText(c.comparison);
      const ok = compare(share, c.comparison, c.ratio);
      const couldPass = compare((rated.length + unrated.length) / total, c.comparison, c.ratio);
      const base = text(
        `${rated.length}/${total} thành viên (${percent(share)}) xếp loại từ mức ${needName.vi} trở lên năm ${year}; yêu cầu ${cmp.vi} ${percent(c.ratio)}`,
        `${rated.length} of ${total} members (${percent(share)}) rated "${needName.en}" or better for ${year}; ${cmp.en} ${percent(c.ratio)} required`,
      );
      const missing =
        unrated.length === 0
          ? text('', '')
          : text(
              `; chưa xếp loại: ${unrated.map(labelOf).join(', ')}`,
              `; not rated: ${unrated.map(labelOf).join(', ')}`,
            );
      return {
        outcome: ok ? 'pass' : couldPass ? 'needs_review' : 'fail',
        reason: text(base.vi + missing.vi, base.en + missing.en),
        details: {
          rated: rated.map((m) => m.personId),
          unrated: unrated.map((m) => m.personId),
          total,
        },
      };
    }
    case 'count_holding': {
      const name = awardName(ruleSet, c.award);
      const holders = members.filter((m) => holds(m, c.award, year));
      return {
        outcome: holders.length >= c.minimum ? 'pass' : 'fail',
        reason: text(
          `${holders.length} thành viên đạt ${name.vi} năm ${year}; yêu cầu ít nhất ${c.minimum}`,
          `${holders.length} members hold ${name.en} for ${year}; at least ${c.minimum} required`,
        ),
        details: { holders: holders.map((m) => m.personId), minimum: c.minimum },
      };
    }
    case 'no_discipline': {
      // "No member disciplined at warning or above" in the year: decisions dated in the year.
      const threshold = ruleSet.discipline.forms.find((f) => f.code === c.atOrAbove);
      const level = lower(formName(ruleSet, c.atOrAbove));
      const inYear = members.flatMap((m) =>
        m.disciplines
          .filter((d) => d.decidedOn.startsWith(`${year}-`))
          .map((d) => ({
            member: m,
            discipline: d,
            severity: ruleSet.discipline.forms.find((f) => f.code === d.form)?.severity,
          })),
      );
      if (threshold === undefined) {
        return {
          outcome: 'needs_review',
          reason: text(
            `Bộ quy tắc không có hình thức kỷ luật ${c.atOrAbove}`,
            `The rule set has no discipline form ${c.atOrAbove}`,
          ),
        };
      }
      const offending = inYear.filter(
        (x) => x.severity !== undefined && x.severity >= threshold.severity,
      );
      const unknown = inYear.filter((x) => x.severity === undefined);
      const describe = (x: (typeof inYear)[number]) => {
        const form = lower(formName(ruleSet, x.discipline.form));
        return text(
          `thành viên ${labelOf(x.member)} bị kỷ luật ${form.vi} (quyết định ${viDate(x.discipline.decidedOn)})`,
          `member ${labelOf(x.member)}: ${form.en} (decision ${x.discipline.decidedOn})`,
        );
      };
      const details = {
        offending: offending.map((x) => ({ personId: x.member.personId, form: x.discipline.form })),
      };
      if (offending.length > 0) {
        const list = offending.map(describe);
        return {
          outcome: 'fail',
          reason: text(
            `Có thành viên bị kỷ luật từ mức ${level.vi} trở lên năm ${year}: ${list.map((l) => l.vi).join('; ')}`,
            `Members disciplined at ${level.en} level or above in ${year}: ${list.map((l) => l.en).join('; ')}`,
          ),
          details,
        };
      }
      if (unknown.length > 0) {
        return {
          outcome: 'needs_review',
          reason: text(
            `Không rõ mức của hình thức kỷ luật: ${unknown.map((x) => x.discipline.form).join(', ')}`,
            `Unknown discipline forms: ${unknown.map((x) => x.discipline.form).join(', ')}`,
          ),
          details,
        };
      }
      return {
        outcome: 'pass',
        reason: text(
          `Không có thành viên bị kỷ luật từ mức ${level.vi} trở lên năm ${year}`,
          `No member disciplined at ${level.en} level or above in ${year}`,
        ),
        details,
      };
    }
  }
}
