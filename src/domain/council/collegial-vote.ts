import type { Localized } from '../localized';
import { isWithin, type UnitPath } from '../org/scope';
import type { Comparison } from '../rules/rule-set';

/**
 * A collegial vote: a body with a roster decides by a share of its members. The emulation council
 * uses it for commendations; a Party cell or a discipline council will use it with their own
 * rosters, quorums and thresholds. Every comparison is exact, in integers: "at least 2/3" of 9 is
 * 6, "at least 70%" of 10 is 7, and 6.99 of anything never rounds up.
 */

export type BallotChoice = 'approve' | 'reject' | 'abstain';
export const BALLOT_CHOICES: readonly BallotChoice[] = ['approve', 'reject', 'abstain'];

/** A share as the rule states it: numerator/denominator, reached at (gte) or only above (gt). */
export interface Share {
  numerator: number;
  denominator: number;
  comparison: Comparison;
}

/** Whether `count` out of `of` reaches the share. Nothing reaches a share of an empty base. */
export function reaches(count: number, of: number, share: Share): boolean {
  if (of <= 0) return false;
  const achieved = count * share.denominator;
  const needed = share.numerator * of;
  return share.comparison === 'gte' ? achieved >= needed : achieved > needed;
}

/** The fewest of `of` that reach the share (of + 1 when even all of them do not). */
export function fewestReaching(of: number, share: Share): number {
  for (let count = 0; count <= of; count++) if (reaches(count, of, share)) return count;
  return of + 1;
}

/** A ratio as the rule set writes it (0.7, at most four decimals) as an exact share (7/10). */
export function shareOf(ratio: number, comparison: Comparison): Share {
  const denominator = 10_000;
  const numerator = Math.round(ratio * denominator);
  const divisor = gcd(numerator, denominator);
  return { numerator: numerator / divisor, denominator: denominator / divisor, comparison };
}

function gcd(a: number, b: number): number {
  return b === 0 ? Math.max(a, 1) : gcd(b, a % b);
}

export interface QuorumCheck {
  /** Voting members on the roster. */
  members: number;
  /** Of them, those present. */
  present: number;
  /** The fewest present members that make the quorum. */
  required: number;
  met: boolean;
}

/** Whether enough of the roster's voting members are present (others present do not count). */
export function checkQuorum(
  voters: readonly string[],
  present: readonly string[],
  quorum: Share,
): QuorumCheck {
  const roster = new Set(voters);
  const presentVoters = new Set(present.filter((id) => roster.has(id))).size;
  return {
    members: roster.size,
    present: presentVoters,
    required: fewestReaching(roster.size, quorum),
    met: reaches(presentVoters, roster.size, quorum),
  };
}

/** What a threshold is a share of: every voting member, or those who took part. */
export type VoteBase = 'all_members' | 'present_members';

/** One item's rule: the threshold and its base (from the award in the case's rule set). */
export interface ItemRule {
  threshold: Share;
  base: VoteBase;
  /** Whether recused members are left out of the base (from the rule set in force). */
  recusedLeaveBase: boolean;
}

export interface ItemVote {
  /** Voting members on the roster on the session's date. */
  voters: readonly string[];
  /** Voting members present when the voting closed. */
  present: readonly string[];
  /** Voting members who cast a ballot on this item (present, or in writing where allowed). */
  participants: readonly string[];
  /** Members who may not vote on this item. */
  recused: readonly string[];
  counts: Record<BallotChoice, number>;
}

export interface ItemTally {
  approve: number;
  reject: number;
  abstain: number;
  /** The number the threshold is a share of. */
  base: number;
  /** The fewest approvals that would have reached the threshold on this base. */
  needed: number;
  recommended: boolean;
}

/**
 * The count of one item against its rule. The base is every voting member on the roster, or those
 * who took part (present, or voting in writing); recused members leave it where the rule set says.
 */
export function tallyItem(vote: ItemVote, rule: ItemRule): ItemTally {
  const recused = new Set(rule.recusedLeaveBase ? vote.recused : []);
  const voters = new Set(vote.voters);
  const pool =
    rule.base === 'all_members'
      ? [...voters]
      : [...new Set([...vote.present, ...vote.participants])].filter((id) => voters.has(id));
  const base = pool.filter((id) => !recused.has(id)).length;
  return {
    ...vote.counts,
    base,
    needed: fewestReaching(base, rule.threshold),
    recommended: reaches(vote.counts.approve, base, rule.threshold),
  };
}

/** Why a member may not vote on an item without declaring it: they are party to it. */
export type AutomaticRecusal = 'nominee' | 'nominator' | 'member_of_nominated_collective';

export const AUTOMATIC_RECUSAL_REASONS: Readonly<Record<AutomaticRecusal, Localized>> = {
  nominee: { vi: 'Là người được đề nghị khen thưởng', en: 'Is the nominee' },
  nominator: { vi: 'Là người lập đề nghị khen thưởng', en: 'Made the nomination' },
  member_of_nominated_collective: {
    vi: 'Là thành viên của tập thể được đề nghị',
    en: 'Is a member of the nominated collective',
  },
};

/** What an item is about, as recusal needs it. */
export interface ItemParties {
  nominee: { kind: 'person'; personId: string } | { kind: 'unit'; unitPath: UnitPath };
  /** The person who opened the nomination, when their account is linked to one. */
  nominatorPersonId: string | null;
}

/** The members who are party to an item, each with the first reason that applies. */
export function automaticRecusals(
  parties: ItemParties,
  members: readonly { personId: string; unitPath: UnitPath }[],
): { personId: string; reason: AutomaticRecusal }[] {
  const recusals: { personId: string; reason: AutomaticRecusal }[] = [];
  for (const member of members) {
    const { nominee } = parties;
    const reason: AutomaticRecusal | null =
      nominee.kind === 'person' && nominee.personId === member.personId
        ? 'nominee'
        : parties.nominatorPersonId === member.personId
          ? 'nominator'
          : nominee.kind === 'unit' && isWithin(member.unitPath, nominee.unitPath)
            ? 'member_of_nominated_collective'
            : null;
    if (reason !== null) recusals.push({ personId: member.personId, reason });
  }
  return recusals;
}
