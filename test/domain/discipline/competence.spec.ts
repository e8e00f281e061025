import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadCalendar } from '../../../src/domain/calendar/working-day-calendar';
import {
  bodiesFor,
  competenceFor,
  countBodyVote,
  formAbolishedOn,
  formatDecisionNumber,
  subjectTypesOf,
} from '../../../src/domain/discipline/competence';
import {
  appealDeadline,
  explanationDueOn,
  lapseOf,
} from '../../../src/domain/discipline/discipline-dates';
import {
  InvalidViolationCategoriesError,
  loadViolationCategories,
  reportableCategories,
} from '../../../src/domain/discipline/violation-categories';
import { RuleSetCatalogue } from '../../../src/domain/rules/rule-set-catalogue';

/*
 * Who decides a discipline and the dates it runs by, read from the shipped rule set v3 (the
 * values domain.md §8 and §12 give), the shipped calendar and the category catalogue.
 */

const ROOT = join(__dirname, '../../..');
const RULESETS = join(ROOT, 'data/rulesets');
const catalogue = RuleSetCatalogue.load(
  readdirSync(RULESETS)
    .filter((name) => name.endsWith('.json'))
    .map((name) => ({
      source: name,
      text: readFileSync(join(RULESETS, name), 'utf8'),
    })),
);
const rules = catalogue.get('vn-law-06-2022-decree-152-2025', 3).ruleSet;
const calendarFile = join(ROOT, 'data/calendars/vn-public-holidays.json');
const calendar = loadCalendar({ source: calendarFile, text: readFileSync(calendarFile, 'utf8') });

const person = (
  over: Partial<{
    partyMember: boolean;
    partyJoinedOn: string | null;
    employmentType: string;
  }> = {},
) => ({
  kind: 'person' as const,
  partyMember: false,
  partyJoinedOn: null,
  employmentType: 'worker',
  ...over,
});

describe('subject types from the registry', () => {
  test('a Party member who works in an enterprise is both a full member and an enterprise worker', () => {
    expect(
      subjectTypesOf(
        rules,
        person({ partyMember: true, partyJoinedOn: '2015-05-19' }),
        '2026-09-22',
      ),
    ).toEqual(['party_member', 'enterprise_worker']);
  });

  test('for twelve months from admission a member is probationary, from the anniversary a full member', () => {
    const member = person({
      partyMember: true,
      partyJoinedOn: '2025-10-01',
      employmentType: 'civil_servant',
    });
    expect(subjectTypesOf(rules, member, '2026-09-30')).toEqual([
      'probationary_party_member',
      'civil_servant',
    ]);
    expect(subjectTypesOf(rules, member, '2026-10-01')).toEqual(['party_member', 'civil_servant']);
  });

  test('a Party cell is a Party organisation; an agency is no discipline subject', () => {
    expect(subjectTypesOf(rules, { kind: 'unit', unitKind: 'party_cell' }, '2026-01-01')).toEqual([
      'party_organisation',
    ]);
    expect(subjectTypesOf(rules, { kind: 'unit', unitKind: 'agency' }, '2026-01-01')).toEqual([]);
  });
});

describe('the competent body', () => {
  test('the cell decides a warning of its member, by more than half of its full members', () => {
    const found = competenceFor(rules, 'party_member', 'canh_cao', 'party_cell');
    expect(found?.body).toMatchObject({ track: 'party', format: 'party', council: 'party_cell' });
    expect(found?.competence.vote).toMatchObject({
      base: 'all_members',
      threshold: { numerator: 1, denominator: 2, comparison: 'gt' },
    });
    expect(found?.competence.ratification).toBeUndefined();
  });

  test('expulsion needs two thirds and ratification above', () => {
    const found = competenceFor(rules, 'party_member', 'khai_tru', 'party_cell');
    expect(found?.competence.vote?.threshold).toEqual({
      numerator: 2,
      denominator: 3,
      comparison: 'gte',
    });
    expect(found?.competence.ratification?.body).toBe('superior_party_committee');
  });

  test('the head of an agency does not discipline a Party member; the director disciplines a worker', () => {
    expect(competenceFor(rules, 'party_member', 'canh_cao', 'head_of_agency')).toBeUndefined();
    expect(
      competenceFor(rules, 'enterprise_worker', 'sa_thai', 'enterprise_director'),
    ).toBeDefined();
    expect(bodiesFor(rules, 'enterprise_worker').map((b) => b.code)).toEqual([
      'enterprise_director',
    ]);
  });

  test('salary-step reduction is abolished from 1 July 2025', () => {
    expect(formAbolishedOn(rules, 'ha_bac_luong', '2025-06-30')).toBe(false);
    expect(formAbolishedOn(rules, 'ha_bac_luong', '2025-07-01')).toBe(true);
    expect(formAbolishedOn(rules, 'canh_cao', '2030-01-01')).toBe(false);
  });

  test('Party documents are numbered n-QĐ/…, State documents n/QĐ-…', () => {
    expect(formatDecisionNumber('party', 12, 'ĐUK')).toBe('12-QĐ/ĐUK');
    expect(formatDecisionNumber('state', 12, 'CTĐL')).toBe('12/QĐ-CTĐL');
  });
});

describe("a body's vote on its roster", () => {
  const rule = competenceFor(rules, 'party_member', 'canh_cao', 'party_cell')!.competence.vote!;
  const roster = ['a', 'b', 'c', 'd', 'e'];
  const vote = (present: string[], inFavour: number, against = 0, abstain = 0) =>
    countBodyVote(rule, roster, { meetingDate: '2026-09-22', present, inFavour, against, abstain });

  test('more than half of five full members is three, whoever is present', () => {
    expect(vote(['a', 'b', 'c', 'd'], 2, 1, 1)).toMatchObject({
      base: 5,
      needed: 3,
      carried: false,
    });
    expect(vote(['a', 'b', 'c', 'd'], 3, 1)).toMatchObject({ carried: true });
  });

  test('without two thirds of the members present nothing is decided, even unanimously', () => {
    expect(vote(['a', 'b', 'c'], 3)).toMatchObject({
      quorum: { members: 5, present: 3, required: 4, met: false },
      carried: false,
    });
  });

  test('people present who are not on the roster do not count, and more ballots than present is no count', () => {
    expect(vote(['a', 'b', 'c', 'x', 'y'], 3).quorum.present).toBe(3);
    expect(vote(['a', 'b', 'c', 'd'], 4, 1)).toMatchObject({
      ballotsExceedPresent: true,
      carried: false,
    });
  });
});

describe('dates the case stores', () => {
  test("a Party member's warning lapses twelve months after its announcement", () => {
    const warning = { subjectType: 'party_member', form: 'canh_cao', date: '2026-09-22' };
    expect(lapseOf(rules, warning)).toBeUndefined();
    expect(lapseOf(rules, { ...warning, announcedOn: '2026-09-28' })).toBe('2027-09-28');
    expect(lapseOf(rules, { ...warning, form: 'khai_tru', announcedOn: '2026-09-28' })).toBeNull();
  });

  test('five working days to explain, skipping the weekend', () => {
    expect(explanationDueOn(rules, '2026-09-07', calendar)).toBe('2026-09-14');
  });

  test('a Party appeal within one month of the announcement, a State one within fifteen days', () => {
    const decision = { date: '2026-09-22', announcedOn: '2026-09-28' };
    expect(appealDeadline(rules, 'party', decision, calendar)).toBe('2026-10-28');
    expect(appealDeadline(rules, 'state', decision, calendar)).toBe('2026-10-13');
    expect(appealDeadline(rules, 'party', { date: '2026-09-22' }, calendar)).toBeUndefined();
  });
});

describe('the violation categories', () => {
  const file = join(ROOT, 'data/catalogues/violation-categories.json');
  const categories = loadViolationCategories({ source: file, text: readFileSync(file, 'utf8') });

  test('the traffic categories count against the traffic criterion; the older code is only read', () => {
    const reportable = reportableCategories(categories);
    expect(reportable.find((c) => c.code === 'traffic_alcohol')?.countsAgainstTraffic).toBe(true);
    expect(reportable.find((c) => c.code === 'other')?.countsAgainstTraffic).toBe(false);
    expect(reportable.map((c) => c.code)).not.toContain('traffic');
  });

  test('a catalogue with a duplicate code or an unknown key is refused, naming every problem', () => {
    const text = JSON.stringify({
      ...categories,
      categories: [...categories.categories, { ...categories.categories[0], colour: 'red' }],
    });
    expect(() => loadViolationCategories({ source: 'x.json', text })).toThrow(
      InvalidViolationCategoriesError,
    );
    try {
      loadViolationCategories({ source: 'x.json', text });
    } catch (error) {
      expect((error as InvalidViolationCategoriesError).problems).toEqual([
        'categories[11]: unsupported key "colour"',
        'categories[11].code: "traffic_alcohol" appears twice',
      ]);
    }
  });
});
