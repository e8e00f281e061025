import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleSet } from '../../../src/domain/rules/rule-set';
import { RuleSetCatalogue } from '../../../src/domain/rules/rule-set-catalogue';
import { achievementWindow } from '../../../src/domain/rules/eligibility-discipline';
import {
  evaluateEligibility,
  InvalidEligibilityRequestError,
  type EligibilityFacts,
  type EligibilityLine,
  type EligibilityRequest,
} from '../../../src/domain/rules/eligibility';
import { minimal, sourced } from './sample-rule-set';

/*
 * Which days a discipline bar is checked against: the whole evaluation year, or (where the rule set
 * says so) only the nomination's achievement period. Every date below is worked out by hand.
 */

type BarScope = 'evaluation_year' | 'achievement_period' | undefined;

function withScope(ruleSet: RuleSet, scope: BarScope): RuleSet {
  const copy = structuredClone(ruleSet);
  if (scope === undefined) delete copy.discipline.barScope;
  else copy.discipline.barScope = { value: scope, ...sourced('Art 4') };
  return copy;
}

describe('achievementWindow', () => {
  const PERIOD = { from: '2025-06-01', to: '2025-11-30' };
  const YEAR_2025 = {
    from: '2025-01-01',
    to: '2025-12-31',
    during: { vi: 'trong năm đánh giá 2025', en: 'during the evaluation year 2025' },
  };
  const THE_PERIOD = {
    from: '2025-06-01',
    to: '2025-11-30',
    during: {
      vi: 'trong thời gian đạt thành tích 01/06/2025 – 30/11/2025',
      en: 'during the achievement period 2025-06-01 to 2025-11-30',
    },
  };

  it.each([
    {
      story: 'no bar scope, no period: the evaluation year',
      scope: undefined,
      period: undefined,
      expected: YEAR_2025,
    },
    {
      story: 'no bar scope: the evaluation year, whatever the period',
      scope: undefined,
      period: PERIOD,
      expected: YEAR_2025,
    },
    {
      story: 'scope evaluation_year: the evaluation year, whatever the period',
      scope: 'evaluation_year',
      period: PERIOD,
      expected: YEAR_2025,
    },
    {
      story: 'scope achievement_period but no period recorded: the evaluation year',
      scope: 'achievement_period',
      period: undefined,
      expected: YEAR_2025,
    },
    {
      story: 'scope achievement_period and a period: the period',
      scope: 'achievement_period',
      period: PERIOD,
      expected: THE_PERIOD,
    },
  ] as const)('$story', ({ scope, period, expected }) => {
    expect(achievementWindow(withScope(minimal(), scope), 2025, period)).toEqual(expected);
  });

  it('a single-day period is a window of one day', () => {
    expect(
      achievementWindow(withScope(minimal(), 'achievement_period'), 2025, {
        from: '2025-02-28',
        to: '2025-02-28',
      }),
    ).toEqual({
      from: '2025-02-28',
      to: '2025-02-28',
      during: {
        vi: 'trong thời gian đạt thành tích 28/02/2025 – 28/02/2025',
        en: 'during the achievement period 2025-02-28 to 2025-02-28',
      },
    });
  });
});

/*
 * A Party member reprimanded, decision of 2024-05-20 announced on 2024-06-01: both rule sets bar it
 * for 12 months from the announcement, so 2025-06-01 is the first day achievements count again.
 * The evaluation (asOf 2025-12-15) is after the bar, so only the window decides.
 */
const REPRIMAND = {
  subjectType: 'party_member',
  form: 'khien_trach',
  decidedOn: '2024-05-20',
  announcedOn: '2024-06-01',
};
const AS_OF = '2025-12-15';

const SHIPPED = 'vn-law-06-2022-decree-152-2025.v1.json';
function shipped(): RuleSet {
  const file = join(__dirname, '../../../data/rulesets', SHIPPED);
  return RuleSetCatalogue.load([{ source: file, text: readFileSync(file, 'utf8') }]).get(
    'vn-law-06-2022-decree-152-2025',
    1,
  ).ruleSet;
}

const ruleSets = [
  {
    name: 'the sample rule set',
    ruleSet: minimal,
    request: (overrides: Partial<EligibilityRequest>): EligibilityRequest => ({
      awardCode: 'ca_nhan',
      evaluationYear: 2025,
      nomineeKind: 'person',
      nominatorPersonId: 'p-head',
      nomineePersonId: 'p-nominee',
      nominatingUnit: { kind: 'agency_unit', level: 'grassroots' },
      documents: ['to_trinh'],
      asOf: AS_OF,
      caseId: 'C-this',
      ...overrides,
    }),
    rating: 'tot',
  },
  {
    name: 'the shipped rule set',
    ruleSet: shipped,
    request: (overrides: Partial<EligibilityRequest>): EligibilityRequest => ({
      awardCode: 'lao_dong_tien_tien',
      evaluationYear: 2025,
      nomineeKind: 'person',
      nominatorPersonId: 'p-head',
      nomineePersonId: 'p-nominee',
      nominatingUnit: { kind: 'agency_unit', level: 'grassroots' },
      documents: ['to_trinh', 'bao_cao_thanh_tich', 'bien_ban_binh_xet'],
      asOf: AS_OF,
      caseId: 'C-this',
      ...overrides,
    }),
    rating: 'hoan_thanh_tot',
  },
];

function disciplineLine(lines: EligibilityLine[]): EligibilityLine {
  const found = lines.find((l) => l.rule === 'discipline.in_force');
  if (found === undefined) throw new Error(`no discipline line in ${lines.map((l) => l.rule)}`);
  return found;
}

describe.each(ruleSets)('discipline bar window, through evaluateEligibility ($name)', (set) => {
  const facts: EligibilityFacts = {
    awardsHeld: [],
    disciplines: [REPRIMAND],
    pendingMatters: [],
    trafficViolations: [],
    otherNominations: [],
    taskRatings: [{ year: 2025, rating: set.rating }],
    achievements: [],
    serviceStartedOn: '2020-02-01',
  };
  const outcome = (scope: BarScope, from: string, to: string) =>
    disciplineLine(
      evaluateEligibility(
        withScope(set.ruleSet(), scope),
        set.request({ achievementPeriod: { from, to } }),
        facts,
      ).lines,
    ).outcome;

  it.each([
    // The bar scope limited to the achievement period: only a period it overlaps is barred.
    ['achievement_period', '2025-05-31', '2025-11-30', 'fail'], // the last barred day is in it
    ['achievement_period', '2025-06-01', '2025-11-30', 'pass'], // starts on the first free day
    ['achievement_period', '2025-06-02', '2025-11-30', 'pass'],
    // The bar touches the evaluation year 2025: every nomination of that year is barred.
    [undefined, '2025-05-31', '2025-11-30', 'fail'],
    [undefined, '2025-06-01', '2025-11-30', 'fail'],
    [undefined, '2025-06-02', '2025-11-30', 'fail'],
    ['evaluation_year', '2025-05-31', '2025-11-30', 'fail'],
    ['evaluation_year', '2025-06-01', '2025-11-30', 'fail'],
    ['evaluation_year', '2025-06-02', '2025-11-30', 'fail'],
  ] as const)('bar scope %s, achievements %s..%s: %s', (scope, from, to, expected) => {
    expect(outcome(scope, from, to)).toBe(expected);
  });

  it('with bar scope achievement_period but no period recorded, the year is barred', () => {
    const result = evaluateEligibility(
      withScope(set.ruleSet(), 'achievement_period'),
      set.request({}),
      facts,
    );
    expect(disciplineLine(result.lines).outcome).toBe('fail');
  });
});

describe('discipline bar window: what the reasons say (sample rule set)', () => {
  const [sample] = ruleSets;
  const facts: EligibilityFacts = {
    awardsHeld: [],
    disciplines: [{ ...REPRIMAND, reference: '15-QĐ/ĐU' }],
    pendingMatters: [],
    trafficViolations: [],
    otherNominations: [],
    taskRatings: [{ year: 2025, rating: 'tot' }],
  };
  const line = (scope: BarScope, from: string, to: string) =>
    disciplineLine(
      evaluateEligibility(
        withScope(minimal(), scope),
        sample!.request({ achievementPeriod: { from, to } }),
        facts,
      ).lines,
    );

  it('a period overlapping the bar names the period and the end of the bar', () => {
    expect(line('achievement_period', '2025-05-31', '2025-11-30').reason).toEqual({
      vi: 'Bị kỷ luật tên reprimand (quyết định 15-QĐ/ĐU 20/05/2024, công bố 01/06/2024) còn hiệu lực đến 01/06/2025, trong thời gian đạt thành tích 31/05/2025 – 30/11/2025; thành tích chỉ được tính từ khi hết thời hạn kỷ luật',
      en: 'reprimand (decision 15-QĐ/ĐU 2024-05-20, announced 2024-06-01), in force until 2025-06-01, during the achievement period 2025-05-31 to 2025-11-30; achievements count only from the end of the discipline period',
    });
  });

  it('a period after the bar passes, saying the bar ended', () => {
    expect(line('achievement_period', '2025-06-01', '2025-11-30').reason).toEqual({
      vi: 'Không có kỷ luật còn hiệu lực trong thời gian đạt thành tích 01/06/2025 – 30/11/2025: Bị kỷ luật tên reprimand (quyết định 15-QĐ/ĐU 20/05/2024, công bố 01/06/2024) hết hiệu lực từ 01/06/2025',
      en: 'No discipline in force during the achievement period 2025-06-01 to 2025-11-30: reprimand (decision 15-QĐ/ĐU 2024-05-20, announced 2024-06-01), ended on 2025-06-01',
    });
  });

  it('without the scope, the same period fails on the evaluation year', () => {
    expect(line(undefined, '2025-06-01', '2025-11-30').reason.en).toBe(
      'reprimand (decision 15-QĐ/ĐU 2024-05-20, announced 2024-06-01), in force until 2025-06-01, during the evaluation year 2025; achievements count only from the end of the discipline period',
    );
  });
});

describe('an achievement period must lie in the evaluation year', () => {
  const [sample] = ruleSets;
  const facts: EligibilityFacts = {
    awardsHeld: [],
    disciplines: [],
    pendingMatters: [],
    trafficViolations: [],
    otherNominations: [],
    taskRatings: [{ year: 2025, rating: 'tot' }],
  };
  const evaluate = (scope: BarScope, from: string, to: string) => () =>
    evaluateEligibility(
      withScope(minimal(), scope),
      sample!.request({ achievementPeriod: { from, to } }),
      facts,
    );

  it.each([
    ['starting in the previous year', '2024-12-01', '2025-03-31'],
    ['ending in the next year', '2025-10-01', '2026-01-31'],
    ['wholly in another year', '2024-02-01', '2024-11-30'],
    ['ending before it starts', '2025-09-01', '2025-08-01'],
    ['on a day the calendar does not have', '2025-02-01', '2025-02-30'],
  ])('a period %s (%s..%s) is refused', (_story, from, to) => {
    for (const scope of ['achievement_period', undefined] as const) {
      expect(evaluate(scope, from, to)).toThrow(InvalidEligibilityRequestError);
      expect(evaluate(scope, from, to)).toThrow(
        'achievementPeriod must be from ≤ to, both dates in the evaluation year',
      );
    }
  });

  it.each([
    ['the whole year', '2025-01-01', '2025-12-31'],
    ['a single day', '2025-07-15', '2025-07-15'],
  ])('a period of %s (%s..%s) is accepted', (_story, from, to) => {
    expect(evaluate('achievement_period', from, to)).not.toThrow();
  });
});
