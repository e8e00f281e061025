import {
  summariseRelatedCases,
  type RelatedCase,
  type RelatedCaseSummary,
} from '../../../src/domain/rules/related-cases';
import type { StateTag } from '../../../src/domain/workflow/state-tags';
import { evaluateEligibility } from '../../../src/domain/rules/eligibility';
import { minimal } from './sample-rule-set';

/*
 * A nominee's other cases, read by what their states mean (tags), never by what the states are
 * called. Every expected summary below is written out by hand.
 */

const JUDGED = 'C-judged';

function related(
  id: string,
  tags: StateTag[],
  data: Record<string, unknown> = {},
  context: Record<string, unknown> = {},
  createdAt = '2025-03-04T08:15:00.000Z',
): RelatedCase {
  return { id, tags, data, context, createdAt };
}

/** A nomination's data: the award and the year of the achievement. */
const nomination = { awardCode: 'lao_dong_tien_tien', evaluationYear: 2025 };
const decided = { decision: { number: '12/QĐ-DUK', date: '2025-12-20' } };

const nothing: RelatedCaseSummary = {
  awardsHeld: [],
  disciplines: [],
  pendingMatters: [],
  trafficViolations: [],
  otherNominations: [],
};
const summary = (parts: Partial<RelatedCaseSummary>): RelatedCaseSummary => ({
  ...nothing,
  ...parts,
});

describe('summariseRelatedCases: nominations and awards, by tag', () => {
  it.each<{ story: string; cases: RelatedCase[]; expected: RelatedCaseSummary }>([
    {
      story: 'no other case: nothing held, nothing pending',
      cases: [],
      expected: nothing,
    },
    {
      story: 'a granted nomination is an award held (with its decision number) and a granted one',
      cases: [related('C-1', ['granted', 'closed'], nomination, decided)],
      expected: summary({
        awardsHeld: [
          {
            awardCode: 'lao_dong_tien_tien',
            year: 2025,
            status: 'granted',
            source: 'case',
            caseId: 'C-1',
            reference: '12/QĐ-DUK',
          },
        ],
        otherNominations: [
          { awardCode: 'lao_dong_tien_tien', year: 2025, state: 'granted', caseId: 'C-1' },
        ],
      }),
    },
    {
      story:
        'an open nomination from a movement keeps its type and movement (one achievement each)',
      cases: [
        related('C-1', [], {
          ...nomination,
          awardCode: 'giay_khen',
          commendationType: 'thematic',
          movementId: 'M-traffic',
        }),
      ],
      expected: summary({
        otherNominations: [
          {
            awardCode: 'giay_khen',
            year: 2025,
            state: 'open',
            caseId: 'C-1',
            commendationType: 'thematic',
            movementId: 'M-traffic',
          },
        ],
      }),
    },
    {
      story: 'a granted nomination without a recorded decision number has no reference',
      cases: [related('C-1', ['granted'], nomination)],
      expected: summary({
        awardsHeld: [
          {
            awardCode: 'lao_dong_tien_tien',
            year: 2025,
            status: 'granted',
            source: 'case',
            caseId: 'C-1',
          },
        ],
        otherNominations: [
          { awardCode: 'lao_dong_tien_tien', year: 2025, state: 'granted', caseId: 'C-1' },
        ],
      }),
    },
    {
      story: 'a decision number that is not text is no reference',
      cases: [related('C-1', ['granted'], nomination, { decision: { number: 12 } })],
      expected: summary({
        awardsHeld: [
          {
            awardCode: 'lao_dong_tien_tien',
            year: 2025,
            status: 'granted',
            source: 'case',
            caseId: 'C-1',
          },
        ],
        otherNominations: [
          { awardCode: 'lao_dong_tien_tien', year: 2025, state: 'granted', caseId: 'C-1' },
        ],
      }),
    },
    {
      story: 'a revoked award is held as revoked and competes with nothing',
      cases: [related('C-1', ['revoked', 'closed'], nomination, decided)],
      expected: summary({
        awardsHeld: [
          {
            awardCode: 'lao_dong_tien_tien',
            year: 2025,
            status: 'revoked',
            source: 'case',
            caseId: 'C-1',
            reference: '12/QĐ-DUK',
          },
        ],
      }),
    },
    {
      story: 'a rejected nomination holds nothing and is listed as rejected',
      cases: [related('C-1', ['rejected', 'closed'], nomination)],
      expected: summary({
        otherNominations: [
          { awardCode: 'lao_dong_tien_tien', year: 2025, state: 'rejected', caseId: 'C-1' },
        ],
      }),
    },
    {
      story: 'a withdrawn nomination holds nothing and is listed as withdrawn',
      cases: [related('C-1', ['withdrawn', 'closed'], nomination)],
      expected: summary({
        otherNominations: [
          { awardCode: 'lao_dong_tien_tien', year: 2025, state: 'withdrawn', caseId: 'C-1' },
        ],
      }),
    },
    {
      story: 'a nomination under public notice is still open',
      cases: [related('C-1', ['under_public_notice'], nomination)],
      expected: summary({
        otherNominations: [
          { awardCode: 'lao_dong_tien_tien', year: 2025, state: 'open', caseId: 'C-1' },
        ],
      }),
    },
    {
      story: 'a nomination whose objection is under review is still open',
      cases: [related('C-1', ['objection_under_review'], nomination)],
      expected: summary({
        otherNominations: [
          { awardCode: 'lao_dong_tien_tien', year: 2025, state: 'open', caseId: 'C-1' },
        ],
      }),
    },
    {
      story: 'a nomination in a state with no tags (a draft) is open and holds nothing',
      cases: [related('C-1', [], { awardCode: 'chien_si_thi_dua_co_so', evaluationYear: 2024 })],
      expected: summary({
        otherNominations: [
          { awardCode: 'chien_si_thi_dua_co_so', year: 2024, state: 'open', caseId: 'C-1' },
        ],
      }),
    },
    {
      story: 'data without an award code is no nomination',
      cases: [related('C-1', ['granted'], { evaluationYear: 2025 }, decided)],
      expected: nothing,
    },
    {
      story: 'data without an evaluation year is no nomination',
      cases: [related('C-1', ['granted'], { awardCode: 'lao_dong_tien_tien' }, decided)],
      expected: nothing,
    },
    {
      story: 'an evaluation year written as text is no nomination',
      cases: [
        related(
          'C-1',
          ['granted'],
          { awardCode: 'lao_dong_tien_tien', evaluationYear: '2025' },
          decided,
        ),
      ],
      expected: nothing,
    },
    {
      story: 'the nomination being judged, still open, does not compete with itself',
      cases: [related(JUDGED, ['under_public_notice'], nomination)],
      expected: nothing,
    },
    {
      story: 'the nomination being judged, rejected, is not listed either',
      cases: [related(JUDGED, ['rejected'], nomination)],
      expected: nothing,
    },
  ])('$story', ({ cases, expected }) => {
    expect(summariseRelatedCases(cases, JUDGED)).toStrictEqual(expected);
  });

  /*
   * A judged nomination re-evaluated after its own decision must not count as an award its
   * nominee already holds, or "one achievement, one award" would fail it against itself.
   */
  test('the nomination being judged, once granted, holds nothing', () => {
    expect(
      summariseRelatedCases([related(JUDGED, ['granted', 'closed'], nomination, decided)], JUDGED),
    ).toStrictEqual(nothing);
  });
});

describe('summariseRelatedCases: state names mean nothing, tags everything', () => {
  it('a case in a state called "announced" but carrying no tags holds no award', () => {
    // What a loader might pass along: the state's name travels with the case, but is never read.
    const named = {
      ...related('C-1', [], nomination, decided),
      state: 'announced',
    };
    expect(summariseRelatedCases([named], JUDGED)).toStrictEqual(
      summary({
        otherNominations: [
          { awardCode: 'lao_dong_tien_tien', year: 2025, state: 'open', caseId: 'C-1' },
        ],
      }),
    );
  });

  it('a renamed state carrying the same tags counts exactly as the old one', () => {
    const old = {
      ...related('C-1', ['granted', 'closed'], nomination, decided),
      state: 'announced',
    };
    const renamed = {
      ...related('C-1', ['granted', 'closed'], nomination, decided),
      state: 'decision_published',
    };
    const expected = summary({
      awardsHeld: [
        {
          awardCode: 'lao_dong_tien_tien',
          year: 2025,
          status: 'granted',
          source: 'case',
          caseId: 'C-1',
          reference: '12/QĐ-DUK',
        },
      ],
      otherNominations: [
        { awardCode: 'lao_dong_tien_tien', year: 2025, state: 'granted', caseId: 'C-1' },
      ],
    });
    expect(summariseRelatedCases([old], JUDGED)).toStrictEqual(expected);
    expect(summariseRelatedCases([renamed], JUDGED)).toStrictEqual(expected);
  });

  it('a violation state named "in_force" without the discipline tag bars nothing', () => {
    const named = {
      ...related(
        'V-1',
        ['closed'],
        { category: 'conduct' },
        {
          discipline: { subjectType: 'civil_servant', form: 'khien_trach' },
          decision: { number: '7/QĐ-KL', date: '2025-05-02' },
        },
      ),
      state: 'discipline_in_force',
    };
    expect(summariseRelatedCases([named], JUDGED)).toStrictEqual(nothing);
  });
});

describe('summariseRelatedCases: violation cases', () => {
  const reprimand = { subjectType: 'civil_servant', form: 'khien_trach' };

  it.each<{ story: string; cases: RelatedCase[]; expected: RelatedCaseSummary }>([
    {
      story: 'a violation still being handled is a pending matter dated from its opening',
      cases: [related('V-1', ['pending_matter'], { category: 'conduct' }, {})],
      expected: summary({
        pendingMatters: [{ kind: 'violation_case', openedOn: '2025-03-04', reference: 'V-1' }],
      }),
    },
    {
      story: 'a violation no longer pending is no pending matter',
      cases: [related('V-1', ['closed'], { category: 'conduct' }, {})],
      expected: nothing,
    },
    {
      story: 'a confirmed traffic violation counts, referenced by its case',
      cases: [related('V-1', ['closed'], { category: 'traffic' }, { confirmedOn: '2025-04-10' })],
      expected: summary({
        trafficViolations: [{ confirmedOn: '2025-04-10', reference: 'V-1' }],
      }),
    },
    {
      story: 'a traffic violation still being handled is both pending and, once confirmed, counted',
      cases: [
        related('V-1', ['pending_matter'], { category: 'traffic' }, { confirmedOn: '2025-04-10' }),
      ],
      expected: summary({
        pendingMatters: [{ kind: 'violation_case', openedOn: '2025-03-04', reference: 'V-1' }],
        trafficViolations: [{ confirmedOn: '2025-04-10', reference: 'V-1' }],
      }),
    },
    {
      story: 'a dismissed traffic violation does not count',
      cases: [
        related(
          'V-1',
          ['dismissed', 'closed'],
          { category: 'traffic' },
          { confirmedOn: '2025-04-10' },
        ),
      ],
      expected: nothing,
    },
    {
      story: 'a traffic violation not yet confirmed does not count',
      cases: [related('V-1', ['closed'], { category: 'traffic' }, {})],
      expected: nothing,
    },
    {
      story: 'a confirmed violation of another category is no traffic violation',
      cases: [related('V-1', ['closed'], { category: 'conduct' }, { confirmedOn: '2025-04-10' })],
      expected: nothing,
    },
    {
      story: 'a discipline in force, announced: every date and the decision number',
      cases: [
        related(
          'V-1',
          ['discipline_in_force'],
          { category: 'conduct' },
          {
            discipline: { subjectType: 'party_member', form: 'khien_trach' },
            decision: { number: '15-QĐ/ĐU', date: '2024-05-20' },
            announcedOn: '2024-06-01',
          },
        ),
      ],
      expected: summary({
        disciplines: [
          {
            subjectType: 'party_member',
            form: 'khien_trach',
            decidedOn: '2024-05-20',
            announcedOn: '2024-06-01',
            reference: '15-QĐ/ĐU',
          },
        ],
      }),
    },
    {
      story:
        'a discipline without an announcement or a decision number: dated by the decision, referenced by the case',
      cases: [
        related(
          'V-1',
          ['discipline_in_force'],
          { category: 'conduct' },
          { discipline: reprimand, decision: { date: '2025-05-02' } },
        ),
      ],
      expected: summary({
        disciplines: [
          {
            subjectType: 'civil_servant',
            form: 'khien_trach',
            decidedOn: '2025-05-02',
            reference: 'V-1',
          },
        ],
      }),
    },
    {
      story: 'a case decided with no discipline (null) is no discipline',
      cases: [
        related(
          'V-1',
          ['discipline_in_force'],
          { category: 'conduct' },
          { discipline: null, decision: { number: '7/QĐ-KL', date: '2025-05-02' } },
        ),
      ],
      expected: nothing,
    },
    {
      story: 'a discipline without a decision date is no discipline',
      cases: [
        related(
          'V-1',
          ['discipline_in_force'],
          { category: 'conduct' },
          { discipline: reprimand, decision: { number: '7/QĐ-KL' } },
        ),
      ],
      expected: nothing,
    },
    {
      story: 'a discipline recorded while the case is no longer tagged in force bars nothing',
      cases: [
        related(
          'V-1',
          ['closed'],
          { category: 'conduct' },
          { discipline: reprimand, decision: { number: '7/QĐ-KL', date: '2025-05-02' } },
        ),
      ],
      expected: nothing,
    },
    {
      story: 'a violation case carries no award: it is no nomination even if granted-tagged',
      cases: [related('V-1', ['granted'], { category: 'conduct' }, decided)],
      expected: nothing,
    },
  ])('$story', ({ cases, expected }) => {
    expect(summariseRelatedCases(cases, JUDGED)).toStrictEqual(expected);
  });
});

describe('summariseRelatedCases: several cases together', () => {
  it('sorts each case into its facts, in the order given, leaving out the judged one', () => {
    const cases: RelatedCase[] = [
      related(JUDGED, ['under_public_notice'], nomination),
      related('C-2024', ['granted', 'closed'], { ...nomination, evaluationYear: 2024 }, decided),
      related('C-old', ['revoked', 'closed'], { ...nomination, evaluationYear: 2023 }),
      related('C-other', [], { awardCode: 'chien_si_thi_dua_co_so', evaluationYear: 2025 }),
      related('C-refused', ['rejected', 'closed'], nomination),
      related(
        'V-open',
        ['pending_matter'],
        { category: 'conduct' },
        {},
        '2025-11-02T01:00:00.000Z',
      ),
      related('V-traffic', ['closed'], { category: 'traffic' }, { confirmedOn: '2025-02-14' }),
      related('V-dismissed', ['dismissed'], { category: 'traffic' }, { confirmedOn: '2025-03-01' }),
      related(
        'V-disc',
        ['discipline_in_force', 'closed'],
        { category: 'conduct' },
        {
          discipline: { subjectType: 'civil_servant', form: 'canh_cao' },
          decision: { number: '3/QĐ-KL', date: '2025-01-10' },
        },
      ),
    ];
    expect(summariseRelatedCases(cases, JUDGED)).toStrictEqual({
      awardsHeld: [
        {
          awardCode: 'lao_dong_tien_tien',
          year: 2024,
          status: 'granted',
          source: 'case',
          caseId: 'C-2024',
          reference: '12/QĐ-DUK',
        },
        {
          awardCode: 'lao_dong_tien_tien',
          year: 2023,
          status: 'revoked',
          source: 'case',
          caseId: 'C-old',
        },
      ],
      disciplines: [
        {
          subjectType: 'civil_servant',
          form: 'canh_cao',
          decidedOn: '2025-01-10',
          reference: '3/QĐ-KL',
        },
      ],
      pendingMatters: [{ kind: 'violation_case', openedOn: '2025-11-02', reference: 'V-open' }],
      trafficViolations: [{ confirmedOn: '2025-02-14', reference: 'V-traffic' }],
      otherNominations: [
        { awardCode: 'lao_dong_tien_tien', year: 2024, state: 'granted', caseId: 'C-2024' },
        { awardCode: 'chien_si_thi_dua_co_so', year: 2025, state: 'open', caseId: 'C-other' },
        { awardCode: 'lao_dong_tien_tien', year: 2025, state: 'rejected', caseId: 'C-refused' },
      ],
    });
  });
});

describe('summariseRelatedCases feeding "one achievement, one award"', () => {
  /*
   * A granted case is both an award held and a granted nomination: the reason cites the grant
   * once, by its case.
   */
  test('a grant already made is cited once', () => {
    const facts = summariseRelatedCases(
      [
        related(
          'C-1',
          ['granted', 'closed'],
          { awardCode: 'ca_nhan', evaluationYear: 2025 },
          decided,
        ),
      ],
      JUDGED,
    );
    const result = evaluateEligibility(
      minimal(),
      {
        awardCode: 'ca_nhan',
        evaluationYear: 2025,
        nomineeKind: 'person',
        nominatorPersonId: 'p-head',
        nomineePersonId: 'p-nominee',
        nominatingUnit: { kind: 'agency_unit', level: 'grassroots' },
        documents: ['to_trinh'],
        asOf: '2026-01-10',
        caseId: JUDGED,
      },
      { ...facts, taskRatings: [{ year: 2025, rating: 'tot' }] },
    );
    expect(result.lines.find((l) => l.rule === 'one_achievement_one_award')).toMatchObject({
      outcome: 'fail',
      reason: {
        en: 'One achievement, one award: ca_nhan for 2025 — already granted (case C-1)',
      },
    });
  });
});
