import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPrerequisite } from '../../../src/domain/rules/eligibility-prerequisites';
import type { EligibilityFacts, HeldAward } from '../../../src/domain/rules/eligibility-types';
import type { Prerequisite, RuleSet } from '../../../src/domain/rules/rule-set';
import { RuleSetCatalogue } from '../../../src/domain/rules/rule-set-catalogue';

/*
 * Rule set v4's commendation types (Law 06/2022 Art 8) and the consecutive-year chains: Decree
 * 98/2023 and 152/2025 Art 4 say thematic, campaign and irregular results cannot ground a higher
 * merit award, so an award of such a type is no link of a chain.
 */

const DIRECTORY = join(__dirname, '../../../data/rulesets');
const catalogue = RuleSetCatalogue.load(
  readdirSync(DIRECTORY)
    .filter((name) => name.endsWith('.json'))
    .map((name) => ({
      source: join(DIRECTORY, name),
      text: readFileSync(join(DIRECTORY, name), 'utf8'),
    })),
);
const ID = 'vn-law-06-2022-decree-152-2025';
const V4 = catalogue.get(ID, 4).ruleSet;
const V3 = catalogue.get(ID, 3).ruleSet;
const FIGHTER = 'chien_si_thi_dua_co_so';
const YEAR = 2025;

function chainOf(ruleSet: RuleSet): Prerequisite {
  const higher = ruleSet.awards.find((a) => a.code === 'chien_si_thi_dua_bo_tinh')!;
  return higher.prerequisites.find(
    (p) => p.type === 'award_in_consecutive_years' && p.award === FIGHTER,
  )!;
}

const held = (year: number, commendationType?: string): HeldAward => ({
  awardCode: FIGHTER,
  year,
  status: 'granted',
  source: 'case',
  ...(commendationType === undefined ? {} : { commendationType }),
});

function judge(ruleSet: RuleSet, awardsHeld: HeldAward[]) {
  const facts: EligibilityFacts = {
    awardsHeld,
    disciplines: [],
    pendingMatters: [],
    trafficViolations: [],
    otherNominations: [],
  };
  const higher = ruleSet.awards.find((a) => a.code === 'chien_si_thi_dua_bo_tinh')!;
  return checkPrerequisite(
    { ruleSet, facts, year: YEAR, subject: 'individual', countsFrom: undefined },
    chainOf(ruleSet),
    higher,
  );
}

describe('commendation types (rule set v4)', () => {
  test('lists the Art 8 types; thematic, campaign and irregular do not count toward chains', () => {
    const types = Object.fromEntries(
      (V4.commendationTypes ?? []).map((t) => [t.code, t.countsTowardChains]),
    );
    expect(types).toEqual({
      regular: true,
      thematic: false,
      campaign: false,
      irregular: false,
      contribution: false,
      seniority: false,
      diplomatic: false,
    });
    expect(V3.commendationTypes).toBeUndefined();
    expect(V4.validFrom).toBe(V3.validFrom);
    // v5 adds only time limits, and keeps the types.
    expect(catalogue.latest('2026-01-01').ruleSet.version).toBe(5);
    expect(catalogue.get(ID, 5).ruleSet.commendationTypes).toEqual(V4.commendationTypes);
  });

  test('a chain of regular (or untyped) awards passes', () => {
    const years = [YEAR - 2, YEAR - 1, YEAR];
    expect(
      judge(
        V4,
        years.map((y) => held(y, 'regular')),
      ).outcome,
    ).toBe('pass');
    expect(
      judge(
        V4,
        years.map((y) => held(y)),
      ).outcome,
    ).toBe('pass');
  });

  test.each(['thematic', 'campaign', 'irregular'])(
    'a %s award in the middle year breaks the chain',
    (type) => {
      const result = judge(V4, [held(YEAR - 2, 'regular'), held(YEAR - 1, type), held(YEAR)]);
      expect(result.outcome).toBe('fail');
      expect(result.details).toMatchObject({
        years: { [YEAR - 2]: 'held', [YEAR - 1]: 'type_not_counted', [YEAR]: 'held' },
      });
      expect(result.reason.en).toContain(`${YEAR - 1} (a thematic, campaign or irregular`);
    },
  );

  test('a regular award the same year as a thematic one still counts', () => {
    const result = judge(V4, [
      held(YEAR - 2),
      held(YEAR - 1, 'thematic'),
      held(YEAR - 1, 'regular'),
      held(YEAR),
    ]);
    expect(result.outcome).toBe('pass');
  });

  test('a rule set without types counts every award', () => {
    const result = judge(V3, [held(YEAR - 2), held(YEAR - 1, 'thematic'), held(YEAR)]);
    expect(result.outcome).toBe('pass');
  });
});
