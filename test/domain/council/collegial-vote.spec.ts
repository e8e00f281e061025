import {
  automaticRecusals,
  checkQuorum,
  fewestReaching,
  reaches,
  shareOf,
  tallyItem,
  type ItemRule,
  type ItemVote,
  type Share,
} from '../../../src/domain/council/collegial-vote';

/*
 * The collegial vote in exact integers: quorums and thresholds just below and at each boundary the
 * rule set uses (a 2/3 quorum; 70% and 90% at least, more than 50%), on each base (every voting
 * member, or those who took part, written votes included), with and without recused members in
 * the base, and who is party to an item. Every expected number is worked out by hand in the name.
 */

const member = (n: number) => `member-${n}`;
const members = (count: number, from = 1) =>
  Array.from({ length: count }, (_, i) => member(from + i));

const AT_LEAST_TWO_THIRDS: Share = { numerator: 2, denominator: 3, comparison: 'gte' };
const MORE_THAN_TWO_THIRDS: Share = { numerator: 2, denominator: 3, comparison: 'gt' };

describe('the quorum', () => {
  test.each([
    // [voters, present, met with "at least 2/3", met with "more than 2/3", fewest for "at least"]
    [9, 5, false, false, 6],
    [9, 6, true, false, 6],
    [9, 7, true, true, 6],
    [10, 6, false, false, 7],
    [10, 7, true, true, 7],
    [3, 1, false, false, 2],
    [3, 2, true, false, 2],
    [3, 3, true, true, 2],
  ])(
    '%i voting members, %i present: at least 2/3 %p, more than 2/3 %p',
    (voters, present, gte, gt, required) => {
      const roster = members(voters);
      const there = roster.slice(0, present);
      expect(checkQuorum(roster, there, AT_LEAST_TWO_THIRDS)).toEqual({
        members: voters,
        present,
        required,
        met: gte,
      });
      expect(checkQuorum(roster, there, MORE_THAN_TWO_THIRDS).met).toBe(gt);
    },
  );

  test('more than 2/3 of 9 needs 7, of 10 needs 7, of 3 needs all 3', () => {
    expect(fewestReaching(9, MORE_THAN_TWO_THIRDS)).toBe(7);
    expect(fewestReaching(10, MORE_THAN_TWO_THIRDS)).toBe(7);
    expect(fewestReaching(3, MORE_THAN_TWO_THIRDS)).toBe(3);
  });

  test('only voting members on the roster count, each once', () => {
    const roster = members(9);
    const present = [...members(5), 'secretary', 'guest', member(1), member(2)];
    expect(checkQuorum(roster, present, AT_LEAST_TWO_THIRDS)).toEqual({
      members: 9,
      present: 5,
      required: 6,
      met: false,
    });
  });

  test('a council with no voting member has no quorum, whoever is present', () => {
    expect(checkQuorum([], ['secretary'], AT_LEAST_TWO_THIRDS)).toEqual({
      members: 0,
      present: 0,
      required: 1,
      met: false,
    });
  });
});

describe('shares as the rule set writes them', () => {
  test('0.7 is 7/10 exactly, 0.9 is 9/10, 0.5 is 1/2', () => {
    expect(shareOf(0.7, 'gte')).toEqual({ numerator: 7, denominator: 10, comparison: 'gte' });
    expect(shareOf(0.9, 'gte')).toEqual({ numerator: 9, denominator: 10, comparison: 'gte' });
    expect(shareOf(0.5, 'gt')).toEqual({ numerator: 1, denominator: 2, comparison: 'gt' });
  });

  test('the whole and nothing', () => {
    expect(shareOf(1, 'gte')).toEqual({ numerator: 1, denominator: 1, comparison: 'gte' });
    expect(shareOf(0, 'gt')).toEqual({ numerator: 0, denominator: 1, comparison: 'gt' });
  });

  test('63 of 90 is exactly 70%, though 0.7 × 90 is 62.99999999999999 in floating point', () => {
    expect(0.7 * 90).toBeLessThan(63);
    expect(reaches(63, 90, shareOf(0.7, 'gte'))).toBe(true);
    expect(reaches(63, 90, shareOf(0.7, 'gt'))).toBe(false);
    expect(reaches(62, 90, shareOf(0.7, 'gte'))).toBe(false);
  });

  test('6.99 of anything never rounds up: 6 of 9 is short of 70%, 7 of 10 is not', () => {
    expect(reaches(6, 9, shareOf(0.7, 'gte'))).toBe(false);
    expect(reaches(7, 10, shareOf(0.7, 'gte'))).toBe(true);
  });

  test('a share out of reach needs one more than everyone', () => {
    expect(fewestReaching(10, shareOf(1, 'gt'))).toBe(11);
  });
});

interface VoteShape {
  /** Voting members on the roster (10 unless said). */
  voters?: number;
  /** The first `present` of them are present (all unless said). */
  present?: number;
  /** Absent members who voted in writing. */
  written?: string[];
  recused?: string[];
  reject?: number;
  abstain?: number;
}

/** An item's vote: everyone present takes part except the recused, plus the written votes. */
function vote(approve: number, shape: VoteShape = {}): ItemVote {
  const { voters = 10, written = [], recused = [], reject = 0, abstain = 0 } = shape;
  const roster = members(voters);
  const there = roster.slice(0, shape.present ?? voters);
  return {
    voters: roster,
    present: there,
    participants: [...there.filter((id) => !recused.includes(id)), ...written],
    recused,
    counts: { approve, reject, abstain },
  };
}

const rule = (
  ratio: number,
  comparison: 'gte' | 'gt',
  base: ItemRule['base'],
  recusedLeaveBase = true,
): ItemRule => ({ threshold: shareOf(ratio, comparison), base, recusedLeaveBase });

describe('thresholds on every member (all_members)', () => {
  test.each([
    // [ratio, comparison, approvals, recommended, fewest needed of 10]
    [0.7, 'gte', 7, true, 7],
    [0.7, 'gte', 6, false, 7],
    [0.9, 'gte', 9, true, 9],
    [0.9, 'gte', 8, false, 9],
    [0.5, 'gt', 6, true, 6],
    [0.5, 'gt', 5, false, 6],
  ] as const)(
    '%p (%s) of 10 members with %i approvals: recommended %p, needed %i',
    (ratio, comparison, approve, recommended, needed) => {
      expect(
        tallyItem(vote(approve, { reject: 10 - approve }), rule(ratio, comparison, 'all_members')),
      ).toEqual({ approve, reject: 10 - approve, abstain: 0, base: 10, needed, recommended });
    },
  );

  test('absent members stay in the base: 7 approvals of 7 present is 70% of 10', () => {
    const tally = tallyItem(vote(7, { present: 7 }), rule(0.9, 'gte', 'all_members'));
    expect(tally).toMatchObject({ base: 10, needed: 9, recommended: false });
  });

  test('abstentions and rejections do not change the base', () => {
    expect(tallyItem(vote(7, { reject: 1, abstain: 2 }), rule(0.7, 'gte', 'all_members'))).toEqual({
      approve: 7,
      reject: 1,
      abstain: 2,
      base: 10,
      needed: 7,
      recommended: true,
    });
  });
});

describe('thresholds on those present (present_members)', () => {
  test.each([
    // 8 of 10 present: 70% of 8 is 5.6, 90% of 8 is 7.2, half of 8 is 4
    [0.7, 'gte', 6, true, 6],
    [0.7, 'gte', 5, false, 6],
    [0.9, 'gte', 8, true, 8],
    [0.9, 'gte', 7, false, 8],
    [0.5, 'gt', 5, true, 5],
    [0.5, 'gt', 4, false, 5],
  ] as const)(
    '%p (%s) of 8 present with %i approvals: recommended %p, needed %i',
    (ratio, comparison, approve, recommended, needed) => {
      expect(
        tallyItem(vote(approve, { present: 8 }), rule(ratio, comparison, 'present_members')),
      ).toMatchObject({ base: 8, needed, recommended });
    },
  );

  test('an absent member’s written vote joins the base: 7 present and 1 in writing make 8', () => {
    const tally = tallyItem(
      vote(6, { present: 7, written: [member(10)] }),
      rule(0.7, 'gte', 'present_members'),
    );
    expect(tally).toMatchObject({ base: 8, needed: 6, recommended: true });
    expect(
      tallyItem(
        vote(5, { present: 7, written: [member(10)] }),
        rule(0.7, 'gte', 'present_members'),
      ),
    ).toMatchObject({ base: 8, recommended: false });
  });

  test('a written vote by someone not on the roster is not in the base', () => {
    expect(
      tallyItem(
        vote(5, { present: 7, written: ['outsider'] }),
        rule(0.7, 'gte', 'present_members'),
      ),
    ).toMatchObject({ base: 7, needed: 5, recommended: true });
  });
});

describe('recusal and the base', () => {
  // 2 recused of 10: the base is 8 (70% of 8 is 5.6, so 6 reach) or stays 10 (7 needed).
  const twoRecused = { recused: [member(9), member(10)] };

  test('recused members leave the base when the rule set says so', () => {
    expect(tallyItem(vote(6, twoRecused), rule(0.7, 'gte', 'all_members', true))).toMatchObject({
      base: 8,
      needed: 6,
      recommended: true,
    });
  });

  test('and stay in it when it does not', () => {
    expect(tallyItem(vote(6, twoRecused), rule(0.7, 'gte', 'all_members', false))).toMatchObject({
      base: 10,
      needed: 7,
      recommended: false,
    });
  });

  test('a recused member who is present leaves the base of those present too', () => {
    expect(
      tallyItem(vote(5, { present: 8, recused: [member(1)] }), rule(0.7, 'gte', 'present_members')),
    ).toMatchObject({ base: 7, needed: 5, recommended: true });
  });

  test('someone recused who is not a voting member changes nothing', () => {
    expect(
      tallyItem(vote(7, { recused: ['secretary'] }), rule(0.7, 'gte', 'all_members')),
    ).toMatchObject({ base: 10, needed: 7, recommended: true });
  });
});

describe('an empty base recommends nothing', () => {
  test('a council with no voting member', () => {
    expect(tallyItem(vote(0, { voters: 0 }), rule(0.5, 'gt', 'all_members'))).toEqual({
      approve: 0,
      reject: 0,
      abstain: 0,
      base: 0,
      needed: 1,
      recommended: false,
    });
  });

  test('nobody present and nobody voting in writing', () => {
    expect(tallyItem(vote(0, { present: 0 }), rule(0.7, 'gte', 'present_members'))).toMatchObject({
      base: 0,
      recommended: false,
    });
  });

  test('every member recused, even with a share of nothing', () => {
    expect(
      tallyItem(vote(0, { voters: 2, recused: members(2) }), rule(0, 'gte', 'all_members')),
    ).toMatchObject({ base: 0, recommended: false });
  });
});

describe('automatic recusals', () => {
  const ROOT = '/root/';
  const DIVISION = '/root/division/';
  const TEAM = '/root/division/team/';
  const roster = [
    { personId: 'nominee', unitPath: TEAM },
    { personId: 'nominator', unitPath: ROOT },
    { personId: 'team-member', unitPath: TEAM },
    { personId: 'division-head', unitPath: DIVISION },
    { personId: 'neighbour', unitPath: '/root/divisional/' },
    { personId: 'unrelated', unitPath: '/root/other/' },
  ];

  test('the nominee and the nominator, each with why, and no one else', () => {
    expect(
      automaticRecusals(
        { nominee: { kind: 'person', personId: 'nominee' }, nominatorPersonId: 'nominator' },
        roster,
      ),
    ).toEqual([
      { personId: 'nominee', reason: 'nominee' },
      { personId: 'nominator', reason: 'nominator' },
    ]);
  });

  test('members inside the nominated collective’s subtree, its own unit included', () => {
    expect(
      automaticRecusals(
        { nominee: { kind: 'unit', unitPath: DIVISION }, nominatorPersonId: null },
        roster,
      ),
    ).toEqual([
      { personId: 'nominee', reason: 'member_of_nominated_collective' },
      { personId: 'team-member', reason: 'member_of_nominated_collective' },
      { personId: 'division-head', reason: 'member_of_nominated_collective' },
    ]);
  });

  test('a unit whose path merely starts with the same letters is not inside', () => {
    const recused = automaticRecusals(
      { nominee: { kind: 'unit', unitPath: DIVISION }, nominatorPersonId: null },
      roster,
    ).map((r) => r.personId);
    expect(recused).not.toContain('neighbour');
    expect(recused).not.toContain('nominator');
  });

  test('the nominator of a collective is recused as nominator, once', () => {
    expect(
      automaticRecusals(
        { nominee: { kind: 'unit', unitPath: TEAM }, nominatorPersonId: 'team-member' },
        roster,
      ),
    ).toEqual([
      { personId: 'nominee', reason: 'member_of_nominated_collective' },
      { personId: 'team-member', reason: 'nominator' },
    ]);
  });

  test('a member who nominated themself is recused once, as the nominee', () => {
    expect(
      automaticRecusals(
        { nominee: { kind: 'person', personId: 'nominee' }, nominatorPersonId: 'nominee' },
        roster,
      ),
    ).toEqual([{ personId: 'nominee', reason: 'nominee' }]);
  });

  test('an unrelated member is never recused', () => {
    expect(
      automaticRecusals(
        { nominee: { kind: 'person', personId: 'someone-else' }, nominatorPersonId: null },
        [{ personId: 'unrelated', unitPath: '/root/other/' }],
      ),
    ).toEqual([]);
  });
});
