import { isIsoDate } from '../calendar/iso-date';
import type { EligibilityLine } from '../rules/eligibility-types';
import type { CaseEvent } from './case-event';
import type { KnownEventFacts } from './event-facts';
import type { ActionImplementation, GuardImplementation } from './implementation-types';
import { nonEmptyText } from './payload-readers';

/**
 * A nomination's side of a proposal to the competent level (workflows/nomination.v8.json; issue
 * 17): a unit grants only what its authority may grant (Law 06/2022 Art 80; HD 06-HD/TW point
 * 19.2). For anything else its head does not approve: the secretariat sends the nomination up in
 * an award proposal (workflows/award-proposal.v1.json, whose own steps are proposal-steps.ts), the
 * nomination waits `with_superior`, and the decision that comes back (its number, date and grantor,
 * as the official enters them) grants it or declines it. The proposal sends these events as the
 * `system` actor.
 */

interface SuperiorDecision {
  number: string;
  date: string;
  grantor: string;
  signer?: string;
}

function proposalIdOf(event: CaseEvent): string | undefined {
  const id = event.payload.proposalId;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

function superiorDecisionOf(event: CaseEvent): SuperiorDecision | undefined {
  const decision = event.payload.decision;
  if (typeof decision !== 'object' || decision === null) return undefined;
  const { number, date, grantor, signer } = decision as Record<string, unknown>;
  if (!nonEmptyText(number, 100) || !isIsoDate(date) || !nonEmptyText(grantor, 300)) {
    return undefined;
  }
  return {
    number: number.trim(),
    date,
    grantor: grantor.trim(),
    ...(nonEmptyText(signer, 200) ? { signer: signer.trim() } : {}),
  };
}

/** The eligibility the event was sent with: its grantor line, when the units record authorities. */
function grantorLineOf(event: CaseEvent): EligibilityLine | undefined {
  const lines = (event.facts as KnownEventFacts).eligibility?.lines ?? [];
  return lines.find((line) => line.rule === 'grantor.authority');
}

export const UPWARD_GUARDS: Readonly<Record<string, GuardImplementation>> = {
  grantedHere: {
    description: {
      vi: 'Đơn vị có thẩm quyền quyết định khen thưởng này (hoặc danh bạ chưa ghi thẩm quyền của các đơn vị)',
      en: 'The unit may grant this award itself (or the registry records no unit authorities yet)',
    },
    refusal: {
      vi: 'Đơn vị không có thẩm quyền quyết định hình thức khen thưởng này: trình lên cấp có thẩm quyền (tờ trình đề nghị) thay vì phê duyệt.',
      en: 'This unit may not grant this award: propose it to the competent level instead of approving it.',
    },
    check: ({ event }) => {
      const line = grantorLineOf(event);
      // Without recorded authorities the grantor is for a person to judge, as before issue 17.
      return line === undefined || line.details?.route === 'own';
    },
  },
  hasProposal: {
    description: {
      vi: 'Có tờ trình đề nghị (payload.proposalId, payload.proposalNumber)',
      en: 'A proposal names it (payload.proposalId, payload.proposalNumber)',
    },
    refusal: {
      vi: 'Cần tờ trình đề nghị (payload.proposalId và payload.proposalNumber).',
      en: 'The proposal is required (payload.proposalId and payload.proposalNumber).',
    },
    check: ({ event }) =>
      proposalIdOf(event) !== undefined && nonEmptyText(event.payload.proposalNumber, 100),
  },
  fromItsProposal: {
    description: {
      vi: 'Do chính tờ trình đã đề nghị gửi đến (payload.proposalId)',
      en: 'Sent by the proposal it went up in (payload.proposalId)',
    },
    refusal: {
      vi: 'Hồ sơ không nằm trong tờ trình này.',
      en: 'The nomination is not in this proposal.',
    },
    check: ({ context, event }) => {
      const proposal = context.proposal as { id?: unknown } | undefined;
      return proposal !== undefined && proposal.id === proposalIdOf(event);
    },
  },
  hasSuperiorDecision: {
    description: {
      vi: 'Quyết định của cấp trên: payload.decision { number, date (YYYY-MM-DD), grantor, signer? }',
      en: "The superior's decision: payload.decision { number, date (YYYY-MM-DD), grantor, signer? }",
    },
    refusal: {
      vi: 'Cần số, ngày ký và cơ quan ban hành quyết định của cấp có thẩm quyền (payload.decision).',
      en: "The competent level's decision number, signing date and grantor are required (payload.decision).",
    },
    check: ({ event }) => superiorDecisionOf(event) !== undefined,
  },
};

export const UPWARD_ACTIONS: Readonly<Record<string, ActionImplementation>> = {
  recordProposal: {
    description: {
      vi: 'Lưu tờ trình đề nghị gửi cấp có thẩm quyền (mã hồ sơ, số tờ trình, ngày gửi)',
      en: 'Records the proposal sent to the competent level (its case, number and day)',
    },
    assign: ({ event }) => ({
      proposal: {
        id: proposalIdOf(event) ?? null,
        number:
          typeof event.payload.proposalNumber === 'string' ? event.payload.proposalNumber : null,
        sentOn: (event.facts as KnownEventFacts).today ?? null,
      },
    }),
  },
  recordSuperiorDecision: {
    description: {
      vi: 'Lưu quyết định khen thưởng của cấp có thẩm quyền: số, ngày ký, cơ quan ban hành, người ký',
      en: "Records the competent level's award decision: number, signing date, grantor and signer",
    },
    assign: ({ context, event }) => {
      const decision = superiorDecisionOf(event);
      const eligibility = context.eligibility as { ruleSet?: unknown } | null | undefined;
      return {
        decision: {
          number: decision?.number ?? null,
          issuingUnit: null,
          date: decision?.date ?? null,
          signer: decision?.signer ?? null,
          grantor: decision?.grantor ?? null,
          ruleSet: eligibility?.ruleSet ?? null,
          proposalId: proposalIdOf(event) ?? null,
        },
      };
    },
  },
};
