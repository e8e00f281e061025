import type { ViolationCategory } from '../../../src/domain/discipline/violation-categories';
import {
  share,
  violationStatistics,
  type ViolationCaseRecord,
  type ViolationStatistics,
} from '../../../src/domain/discipline/violation-statistics';

/**
 * The statistics of a subtree's year, counted by hand: eleven cases (v4 and v3 shapes), members
 * M1–M5 (M6 left the unit; P9 is a former member), one collective case.
 */
const category = (
  code: string,
  en: string,
  countsAgainstTraffic: boolean,
  legacy?: true,
): ViolationCategory => ({
  code,
  name: { vi: `(vi) ${en}`, en },
  group: code.startsWith('traffic') ? 'traffic' : 'other',
  countsAgainstTraffic,
  ...(legacy ? { legacy } : {}),
});
const CATEGORIES = [
  category('traffic_alcohol', 'Alcohol', true),
  category('traffic_helmet', 'Helmet', true),
  category('traffic_other', 'Other traffic', true),
  category('other', 'Other', false),
  category('traffic', 'Traffic (older)', true, true),
  category('drugs', 'Drugs (older)', false, true),
];
const FORMS = [
  { code: 'khien_trach', name: { vi: 'Khiển trách', en: 'Reprimand' }, severity: 1 },
  { code: 'canh_cao', name: { vi: 'Cảnh cáo', en: 'Warning' }, severity: 2 },
  { code: 'giai_tan', name: { vi: 'Giải tán', en: 'Dissolution' }, severity: 6 },
];
const PERIOD = { from: '2025-01-01', to: '2025-12-31' };

const decision = (outcome: string, form: string | null, status = 'in_force') => ({
  number: '1-QĐ/DUK',
  outcome,
  form,
  status,
});

let counter = 0;
const person = (
  personId: string,
  data: Record<string, unknown>,
  context: Record<string, unknown> = {},
  tags: string[] = ['pending_matter'],
): ViolationCaseRecord => ({
  id: `case-${++counter}`,
  subject: { kind: 'person', personId },
  data,
  context,
  tags,
  reportedOn: '2025-06-30',
});

const CASES: ViolationCaseRecord[] = [
  // M1: alcohol, police, confirmed, Party warning + State reminder (heaviest: discipline).
  person(
    'M1',
    { category: 'traffic_alcohol', source: 'police_notice', occurredOn: '2025-03-14' },
    {
      confirmedOn: '2025-03-20',
      decisions: [decision('discipline', 'canh_cao'), decision('reminder', null)],
    },
    ['discipline_in_force'],
  ),
  // M2: helmet, police, confirmed, reprimand annulled on appeal: still a confirmed violation.
  person(
    'M2',
    { category: 'traffic_helmet', source: 'police_notice', occurredOn: '2025-01-01' },
    { confirmedOn: '2025-02-01', decisions: [decision('discipline', 'khien_trach', 'annulled')] },
    ['discipline_in_force', 'closed'],
  ),
  // M2 again: helmet, self-report, dismissed: nothing against them from it.
  person(
    'M2',
    { category: 'traffic_helmet', source: 'self_report', occurredOn: '2025-05-05' },
    {},
    ['dismissed', 'closed'],
  ),
  // M3: other, inspection, confirmed, warning changed on appeal to a reprimand.
  person(
    'M3',
    { category: 'other', source: 'inspection', occurredOn: '2025-12-31' },
    { confirmedOn: '2026-01-10', decisions: [decision('discipline', 'khien_trach', 'changed')] },
    ['discipline_in_force'],
  ),
  // M4: press, still under verification.
  person('M4', { category: 'traffic_alcohol', source: 'press', occurredOn: '2025-07-07' }),
  // M5: v3 traffic case decided with no discipline, no source given.
  person(
    'M5',
    { category: 'traffic', occurredOn: '2025-08-08' },
    { confirmedOn: '2025-08-20', decision: { number: '3/QĐ' }, discipline: null },
    ['discipline_in_force'],
  ),
  // P9 (has left): v3 traffic case decided with a reprimand, no date given (reported 2025-06-30).
  person(
    'P9',
    { category: 'traffic' },
    {
      confirmedOn: '2025-07-01',
      decision: { number: '4/QĐ' },
      discipline: { subjectType: 'cadre', form: 'khien_trach' },
    },
    ['discipline_in_force'],
  ),
  // M4 again: citizen report, confirmed, criticism only.
  person(
    'M4',
    { category: 'other', source: 'citizen_report', occurredOn: '2025-09-09' },
    { confirmedOn: '2025-09-15', decisions: [decision('criticism', null)] },
    ['discipline_in_force'],
  ),
  // Outside the period: the day before and the day after.
  person(
    'M5',
    { category: 'traffic_alcohol', source: 'police_notice', occurredOn: '2024-12-31' },
    { confirmedOn: '2025-01-05', decisions: [decision('discipline', 'canh_cao')] },
    ['discipline_in_force'],
  ),
  person('M3', { category: 'traffic_alcohol', source: 'press', occurredOn: '2026-01-01' }),
  // A Party cell (collective) dissolved: a discipline, but no member's.
  {
    id: 'case-unit',
    subject: { kind: 'unit', unitId: 'cell-1' },
    data: { category: 'other', source: 'inspection', occurredOn: '2025-10-10' },
    context: { confirmedOn: '2025-10-20', decisions: [decision('discipline', 'giai_tan')] },
    tags: ['discipline_in_force'],
    reportedOn: '2025-10-11',
  },
];

const MEMBERS = ['M1', 'M2', 'M3', 'M4', 'M5'];

const counts = (lines: ViolationStatistics['byCategory']) =>
  Object.fromEntries(lines.map((l) => [l.code, l.count]));

describe('violation statistics', () => {
  const stats = violationStatistics({
    period: PERIOD,
    cases: CASES,
    categories: CATEGORIES,
    forms: FORMS,
    memberIds: MEMBERS,
  });

  test('count the violations that occurred in the period, both ends included', () => {
    expect(stats.period).toEqual(PERIOD);
    expect(stats.total).toBe(9);
    expect(stats.datedByReport).toBe(1);
  });

  test('by category, a legacy category only where an older case uses it', () => {
    expect(stats.byCategory.map((l) => [l.code, l.label.en, l.count])).toEqual([
      ['traffic_alcohol', 'Alcohol', 2],
      ['traffic_helmet', 'Helmet', 2],
      ['traffic_other', 'Other traffic', 0],
      ['other', 'Other', 3],
      ['traffic', 'Traffic (older)', 2],
    ]);
  });

  test('by source, a source not given on its own line', () => {
    expect(counts(stats.bySource)).toEqual({
      police_notice: 2,
      inspection: 2,
      self_report: 1,
      press: 1,
      citizen_report: 1,
      '': 2,
    });
    expect(stats.bySource.at(-1)?.label).toEqual({ vi: 'Không ghi', en: 'Not given' });
  });

  test('by outcome, one line per case, the heaviest standing decision', () => {
    expect(counts(stats.byOutcome)).toEqual({
      dismissed: 1,
      pending: 1,
      confirmed_undecided: 0,
      discipline: 4,
      criticism: 1,
      reminder: 0,
      no_discipline: 1,
      annulled: 1,
    });
    expect(stats.byOutcome.reduce((sum, l) => sum + l.count, 0)).toBe(stats.total);
  });

  test('disciplines by current form, lightest first, annulled ones left out', () => {
    expect(stats.disciplinesByForm.map((l) => [l.code, l.label.vi, l.count])).toEqual([
      ['khien_trach', 'Khiển trách', 2],
      ['canh_cao', 'Cảnh cáo', 1],
      ['giai_tan', 'Giải tán', 1],
    ]);
    expect(stats.disciplines).toBe(4);
  });

  test('members disciplined are distinct people, a collective is none of them', () => {
    // M1 (warning), M3 (changed to reprimand), P9 (v3 reprimand); M2's was annulled.
    expect(stats.membersDisciplined).toBe(3);
  });

  test('the share of members with no confirmed traffic violation is exact', () => {
    // Confirmed traffic: M1, M2 (annulled discipline, violation still confirmed), M5 (v3 "traffic",
    // a legacy category that counts), P9 (the same, and has left). M4's traffic case is unconcluded; M3's traffic case is outside the period.
    expect(stats.peopleWithConfirmedTrafficViolation).toBe(4);
    expect(stats.members).toBe(5);
    expect(stats.trafficCompliance).toEqual({ numerator: 2, denominator: 5, percent: 40 });
  });

  test('a period with nothing in it counts zeros and every fixed line', () => {
    const empty = violationStatistics({
      period: { from: '2023-01-01', to: '2023-12-31' },
      cases: CASES,
      categories: CATEGORIES,
      forms: FORMS,
      memberIds: [],
    });
    expect(empty.total).toBe(0);
    expect(empty.byCategory.map((l) => [l.code, l.count])).toEqual([
      ['traffic_alcohol', 0],
      ['traffic_helmet', 0],
      ['traffic_other', 0],
      ['other', 0],
    ]);
    expect(empty.bySource).toHaveLength(5);
    expect(empty.byOutcome).toHaveLength(8);
    expect(empty.disciplinesByForm).toEqual([]);
    expect(empty.trafficCompliance).toEqual({ numerator: 0, denominator: 0, percent: null });
  });

  test('a category the catalogue does not know shows as its code', () => {
    const odd = violationStatistics({
      period: PERIOD,
      cases: [person('M1', { category: 'smuggling', occurredOn: '2025-02-02' })],
      categories: CATEGORIES,
      forms: FORMS,
      memberIds: MEMBERS,
    });
    expect(odd.byCategory.at(-1)).toEqual({
      code: 'smuggling',
      label: { vi: 'smuggling', en: 'smuggling' },
      count: 1,
    });
  });
});

describe('share', () => {
  test.each([
    [2, 3, 66.7],
    [1, 3, 33.3],
    [1, 8, 12.5],
    [1, 16, 6.3],
    [0, 7, 0],
    [7, 7, 100],
  ])('%i of %i is %d%%', (numerator, denominator, percent) => {
    expect(share(numerator, denominator)).toEqual({ numerator, denominator, percent });
  });
});
