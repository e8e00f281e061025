import {
  joinProblems,
  mayRecordDecision,
  outcomeDateProblems,
  outcomeProblems,
  outcomesOf,
  type ProposalFact,
} from '../proposals/proposal-rules';
import type { Localized } from '../localized';
import type { CaseEvent } from './case-event';
import type { ActionImplementation, GuardImplementation } from './implementation-types';

/**
 * Guards and actions of a proposal to the competent level (workflows/award-proposal.v1.json). They
 * read the `proposal` fact the proposal plug-in establishes: its nominations, the receiving unit
 * (or none: outside the system), where the sender stands, the day it was sent.
 */

function factOf(event: CaseEvent): ProposalFact | undefined {
  return (event.facts as { proposal?: ProposalFact }).proposal;
}

/** The guard's general refusal followed by what exactly is wrong. */
function withDetails(refusal: Localized, details: Localized): Localized {
  return { vi: `${refusal.vi} ${details.vi}`, en: `${refusal.en} ${details.en}` };
}

export const PROPOSAL_GUARDS: Readonly<Record<string, GuardImplementation>> = {
  senderRecordsProposalDecision: {
    description: {
      vi: 'Người gửi là văn phòng của đơn vị có thẩm quyền nhận tờ trình (nếu đơn vị đó dùng hệ thống), nếu không thì văn phòng của đơn vị trình',
      en: "The sender is the secretariat of the receiving unit (when it uses this system), otherwise the proposing unit's secretariat",
    },
    refusal: {
      vi: 'Chỉ văn phòng của cấp có thẩm quyền nhận tờ trình mới ghi nhận quyết định; khi cấp đó ngoài hệ thống, văn phòng của đơn vị trình ghi nhận quyết định gửi về.',
      en: "Only the receiving unit's secretariat records the decision; when the competent level is outside the system, the proposing unit's secretariat records what came back.",
    },
    check: ({ event }) => mayRecordDecision(factOf(event)),
  },
  outcomesMatchProposal: {
    description: {
      vi: 'Mỗi hồ sơ của tờ trình có đúng một kết quả: khen thưởng kèm quyết định, hoặc không khen thưởng kèm lý do',
      en: 'Each nomination of the proposal has exactly one outcome: granted with its decision, or declined with a reason',
    },
    refusal: {
      vi: 'Kết quả phải nêu đủ và đúng các hồ sơ của tờ trình, mỗi hồ sơ một lần; khen thưởng cần quyết định, không khen thưởng cần lý do.',
      en: 'The outcomes must name every nomination of the proposal once; a grant needs its decision, a refusal its reason.',
    },
    refusalFor: ({ event }) => {
      const fact = factOf(event);
      const outcomes = outcomesOf(event.payload.outcomes) ?? [];
      return withDetails(
        PROPOSAL_GUARDS.outcomesMatchProposal.refusal,
        joinProblems(outcomeProblems(outcomes, fact?.nominationIds ?? [])),
      );
    },
    check: ({ event }) => {
      const fact = factOf(event);
      const outcomes = outcomesOf(event.payload.outcomes);
      return (
        fact !== undefined &&
        outcomes !== undefined &&
        outcomeProblems(outcomes, fact.nominationIds).length === 0
      );
    },
  },
  outcomeDatesAllowed: {
    description: {
      vi: 'Ngày ký các quyết định không sau hôm nay, không trước ngày trình và trong giới hạn ghi lùi ngày của bộ quy tắc',
      en: "The decisions' signing dates are not in the future, not before the proposal was sent, and within the rule set's backdating limit",
    },
    refusal: {
      vi: 'Ngày ký quyết định không hợp lệ.',
      en: "A decision's signing date is not allowed.",
    },
    refusalFor: ({ event }) => {
      const fact = factOf(event);
      const outcomes = outcomesOf(event.payload.outcomes) ?? [];
      const refusal = PROPOSAL_GUARDS.outcomeDatesAllowed.refusal;
      return fact === undefined
        ? refusal
        : withDetails(refusal, joinProblems(outcomeDateProblems(outcomes, fact)));
    },
    check: ({ event }) => {
      const fact = factOf(event);
      const outcomes = outcomesOf(event.payload.outcomes);
      return (
        fact !== undefined &&
        outcomes !== undefined &&
        outcomeDateProblems(outcomes, fact).length === 0
      );
    },
  },
};

export const PROPOSAL_ACTIONS: Readonly<Record<string, ActionImplementation>> = {
  recordProposalOutcomes: {
    description: {
      vi: 'Lưu kết quả từng hồ sơ (quyết định hoặc lý do) và ngày ghi nhận',
      en: 'Records each nomination’s outcome (its decision or the reason) and the day it was recorded',
    },
    assign: ({ event }) => ({
      outcomes: (outcomesOf(event.payload.outcomes) ?? []).map((item) => ({
        nominationId: item.nominationId,
        outcome: item.outcome,
        ...(item.decision === undefined ? {} : { decision: item.decision }),
        ...(item.reason === undefined ? {} : { reason: item.reason.trim() }),
      })),
      decidedOn: factOf(event)?.today ?? null,
    }),
  },
};
