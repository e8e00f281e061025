import { addDays, isIsoDate, toVietnameseDate } from '../calendar/iso-date';
import type { Localized } from '../localized';
import type { ScopedGrant, UnitPath } from '../org/scope';

/**
 * A proposal to the competent level (workflows/award-proposal.v1.json; issue 17 item 2): the pure
 * rules its opening check, guards and letter share. A unit that may not grant an award sends the
 * nominations up with a numbered proposal letter (tờ trình); the competent level's decision comes
 * back, one outcome per nomination.
 */

export const AWARD_PROPOSAL = 'award_proposal';

/** Who records the competent level's decision. */
export const PROPOSAL_ROLE = 'secretariat';

/**
 * The letter's number as printed: Party documents "12-TTr/ĐUK" (HD 36-HD/VPTW), State documents
 * "12/TTr-ĐL" (Decree 30/2020/NĐ-CP, appendix III: TTr is the abbreviation of tờ trình).
 */
export function formatProposalNumber(
  format: 'party' | 'state',
  sequence: number,
  series: string,
): string {
  return format === 'party' ? `${sequence}-TTr/${series}` : `${sequence}/TTr-${series}`;
}

/** The competent level's decision on one nomination, as the receiving secretariat records it. */
export interface SuperiorDecision {
  number: string;
  date: string;
  grantor: string;
  signer?: string;
}

export interface ProposalOutcome {
  nominationId: string;
  outcome: 'granted' | 'declined';
  decision?: SuperiorDecision;
  reason?: string;
}

/** What the proposal plug-in establishes for RECORD_DECISION (the `proposal` fact). */
export interface ProposalFact {
  nominationIds: string[];
  /** The unit acting as the competent level in this system; null: it is outside the system. */
  receivingUnitId: string | null;
  /** Where the sender stands towards the proposal. */
  sender: ProposalSides;
  /** The day the proposal was sent (legal: a decision cannot precede it). */
  sentOn: string;
  today: string;
  /** The rule set's limit on backdating a legal date; null: none. */
  maxDaysBack: number | null;
}

export interface ProposalSides {
  /** A secretariat grant at the receiving unit or above it. */
  receiver: boolean;
  /** A secretariat grant over the proposing unit that does not reach the receiving unit. */
  proposer: boolean;
}

function reachesFromAbove(grant: ScopedGrant, path: UnitPath): boolean {
  return grant.scope === null || path.startsWith(grant.scope);
}

export function proposalSides(
  grants: readonly ScopedGrant[],
  proposingUnitPath: UnitPath,
  receivingUnitPath: UnitPath | null,
): ProposalSides {
  const secretariat = grants.filter((grant) => grant.role === PROPOSAL_ROLE);
  const receiver =
    receivingUnitPath !== null &&
    secretariat.some((grant) => reachesFromAbove(grant, receivingUnitPath));
  const proposer = secretariat.some(
    (grant) =>
      reachesFromAbove(grant, proposingUnitPath) &&
      (receivingUnitPath === null || !reachesFromAbove(grant, receivingUnitPath)),
  );
  return { receiver, proposer };
}

/**
 * Whether the sender may record the decision: the receiving unit's secretariat where the competent
 * level is a unit of this system (the proposing unit may not decide its own proposal), the
 * proposing unit's secretariat where it is outside (it records what came back on paper).
 */
export function mayRecordDecision(fact: ProposalFact | undefined): boolean {
  if (fact === undefined) return false;
  return fact.receivingUnitId === null ? fact.sender.proposer : fact.sender.receiver;
}

/** Reads payload.outcomes; undefined when it is not an array of objects. */
export function outcomesOf(value: unknown): ProposalOutcome[] | undefined {
  if (!Array.isArray(value)) return undefined;
  if (!value.every((item) => typeof item === 'object' && item !== null)) return undefined;
  return value as ProposalOutcome[];
}

export interface OutcomeProblem {
  field: string;
  message: Localized;
}

/**
 * One outcome per nomination of the proposal, each once; a grant carries its decision, a refusal
 * its reason (and no decision).
 */
export function outcomeProblems(
  outcomes: readonly ProposalOutcome[],
  nominationIds: readonly string[],
): OutcomeProblem[] {
  const problems: OutcomeProblem[] = [];
  const seen = new Set<string>();
  outcomes.forEach((item, index) => {
    const field = `payload.outcomes.${index}`;
    if (!nominationIds.includes(item.nominationId)) {
      problems.push({
        field: `${field}.nominationId`,
        message: {
          vi: `Hồ sơ ${item.nominationId} không thuộc tờ trình này.`,
          en: `Nomination ${item.nominationId} is not part of this proposal.`,
        },
      });
    } else if (seen.has(item.nominationId)) {
      problems.push({
        field: `${field}.nominationId`,
        message: {
          vi: `Hồ sơ ${item.nominationId} được ghi kết quả hai lần.`,
          en: `Nomination ${item.nominationId} has two outcomes.`,
        },
      });
    }
    seen.add(item.nominationId);
    if (item.outcome === 'granted' && item.decision === undefined) {
      problems.push({
        field: `${field}.decision`,
        message: {
          vi: 'Khen thưởng cần có quyết định (số, ngày ký, cấp quyết định).',
          en: 'A grant needs its decision (number, signing date, grantor).',
        },
      });
    }
    if (item.outcome === 'declined' && (item.reason ?? '').trim().length < 5) {
      problems.push({
        field: `${field}.reason`,
        message: {
          vi: 'Không khen thưởng cần nêu lý do (từ 5 ký tự).',
          en: 'A refusal needs its reason (5 characters or more).',
        },
      });
    }
    if (item.outcome === 'declined' && item.decision !== undefined) {
      problems.push({
        field: `${field}.decision`,
        message: {
          vi: 'Hồ sơ không được khen thưởng thì không có quyết định khen thưởng.',
          en: 'A declined nomination has no award decision.',
        },
      });
    }
  });
  for (const id of nominationIds) {
    if (!seen.has(id)) {
      problems.push({
        field: 'payload.outcomes',
        message: {
          vi: `Thiếu kết quả của hồ sơ ${id}.`,
          en: `Nomination ${id} has no outcome.`,
        },
      });
    }
  }
  return problems;
}

/**
 * The decisions' signing dates as legal dates: not in the future, not before the proposal was
 * sent, not older than the rule set allows.
 */
export function outcomeDateProblems(
  outcomes: readonly ProposalOutcome[],
  fact: Pick<ProposalFact, 'sentOn' | 'today' | 'maxDaysBack'>,
): OutcomeProblem[] {
  const problems: OutcomeProblem[] = [];
  outcomes.forEach((item, index) => {
    const date = item.decision?.date;
    if (item.outcome !== 'granted' || !isIsoDate(date)) return;
    const field = `payload.outcomes.${index}.decision.date`;
    const refuse = (vi: string, en: string) =>
      problems.push({
        field,
        message: {
          vi: `Ngày ký quyết định (${toVietnameseDate(date)}) ${vi}.`,
          en: `The decision's signing date (${date}) ${en}.`,
        },
      });
    if (date > fact.today) {
      refuse(
        `không được sau ngày hôm nay (${toVietnameseDate(fact.today)})`,
        `may not be in the future (today is ${fact.today})`,
      );
    }
    if (date < fact.sentOn) {
      refuse(
        `không được trước ngày trình (${toVietnameseDate(fact.sentOn)})`,
        `may not be before the day it was proposed (${fact.sentOn})`,
      );
    }
    if (fact.maxDaysBack !== null) {
      const earliest = addDays(fact.today, -fact.maxDaysBack);
      if (date < earliest) {
        refuse(
          `không được sớm hơn ${fact.maxDaysBack} ngày trước hôm nay`,
          `may be at most ${fact.maxDaysBack} days ago`,
        );
      }
    }
  });
  return problems;
}

/** Problems as one refusal text per language. */
export function joinProblems(problems: readonly OutcomeProblem[]): Localized {
  return {
    vi: problems.map((p) => `${p.field}: ${p.message.vi}`).join(' '),
    en: problems.map((p) => `${p.field}: ${p.message.en}`).join(' '),
  };
}
