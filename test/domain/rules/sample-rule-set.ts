/** Test data shared by the rule-set specs. */
import type { RuleSet, Sourced } from '../../../src/domain/rules/rule-set';

export const name = (en: string) => ({ vi: `Tên ${en}`, en });
export const sourced = (provision = 'Art 1'): Sourced => ({
  source: [{ text: 'law', provision }],
  confirmed: true,
});

/**
 * A small valid rule set: an individual title `ca_nhan` (rating prerequisite), a higher one
 * `ca_nhan_cao` (3 consecutive years of `ca_nhan`) and a collective `tap_the` (70% of members hold
 * `ca_nhan`, none disciplined at warning or above).
 */
export function minimal(): RuleSet {
  const award = (code: string, subjects: ('individual' | 'collective')[]) => ({
    code,
    name: name(code),
    kind: 'title' as const,
    subjects,
    ...sourced(),
    grantor: { level: 'grassroots' as const, authorities: ['unit_head'], ...sourced() },
    criteria: [],
    prerequisites: [],
    dossier: { documents: ['to_trinh'], ...sourced() },
    publicNotice: { required: false, ...sourced() },
    councilVote: {
      ratio: 0.7,
      comparison: 'gte' as const,
      base: 'all_members' as const,
      ballot: 'secret' as const,
      ...sourced(),
    },
  });
  return {
    id: 'sample',
    version: 1,
    validFrom: '2025-07-01',
    title: { vi: 'Bộ quy tắc mẫu', en: 'Sample rule set' },
    sources: [
      { id: 'law', citation: 'Luật mẫu', title: name('law'), status: 'in_force' },
      { id: 'old_decree', citation: 'Nghị định cũ', title: name('decree'), status: 'historical' },
    ],
    authorities: [
      { code: 'unit_head', name: name('unit head'), level: 'grassroots', ...sourced() },
    ],
    ratings: [
      { code: 'tot', name: name('good'), rank: 2, ...sourced() },
      { code: 'hoan_thanh', name: name('completed'), rank: 1, ...sourced() },
    ],
    documents: [{ code: 'to_trinh', name: name('proposal'), ...sourced() }],
    awards: [
      {
        ...award('ca_nhan', ['individual']),
        prerequisites: [{ type: 'rating', atLeast: 'tot', consecutiveYears: 1, ...sourced() }],
        cashReward: { baseSalaryMultiple: 0.3, ...sourced() },
      },
      {
        ...award('ca_nhan_cao', ['individual']),
        prerequisites: [
          {
            type: 'award_in_consecutive_years',
            award: 'ca_nhan',
            consecutiveYears: 3,
            ...sourced(),
          },
        ],
      },
      {
        ...award('tap_the', ['collective']),
        memberConditions: [
          {
            type: 'share_holding',
            award: 'ca_nhan',
            comparison: 'gte',
            ratio: 0.7,
            ...sourced(),
          },
          {
            type: 'no_discipline',
            atOrAbove: 'canh_cao',
            source: [{ text: 'old_decree' }],
            confirmed: false,
            note: { vi: 'Giá trị mặc định', en: 'Configurable default' },
          },
        ],
      },
    ],
    discipline: {
      forms: [
        { code: 'khien_trach', name: name('reprimand'), severity: 1, ...sourced() },
        { code: 'canh_cao', name: name('warning'), severity: 2, ...sourced() },
      ],
      onHold: { reasons: [{ code: 'discipline_pending', text: name('pending') }], ...sourced() },
      afterDiscipline: { achievementsCountFrom: 'period_end', ...sourced() },
      subjects: [
        {
          code: 'party_member',
          name: name('Party member'),
          kind: 'individual',
          forms: [
            {
              form: 'khien_trach',
              barsCommendation: true,
              period: { kind: 'months', months: 12, from: 'announcement', ...sourced() },
              ...sourced(),
            },
          ],
        },
      ],
    },
    complianceCriteria: [
      {
        code: 'traffic_law_compliance',
        name: name('traffic'),
        appliesTo: ['individual', 'collective'],
        fact: 'traffic_violation_confirmed',
        period: 'evaluation_year',
        outcome: { value: 'needs_review', ...sourced() },
        ...sourced(),
      },
    ],
  };
}
