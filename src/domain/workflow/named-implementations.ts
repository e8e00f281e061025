import type { ActionImplementation, GuardImplementation } from './implementation-types';
import { COMMENDATION_ACTIONS, COMMENDATION_GUARDS } from './commendation-steps';
import { COUNCIL_ACTIONS, COUNCIL_GUARDS } from './council-steps';
import { HOLD_ACTIONS, HOLD_GUARDS } from './hold-steps';
import { MOVEMENT_ACTIONS, MOVEMENT_GUARDS } from './movement-steps';
import { decisionOf, reasonOf } from './payload-readers';
import { PROPOSAL_ACTIONS, PROPOSAL_GUARDS } from './proposal-steps';
import { UPWARD_ACTIONS, UPWARD_GUARDS } from './upward-steps';
import { REVIEW_RESOLUTION_ACTIONS, REVIEW_RESOLUTION_GUARDS } from './review-resolution-steps';
import { REGISTRATION_ACTIONS, REGISTRATION_GUARDS } from './registration-steps';
import { VIOLATION_ACTIONS, VIOLATION_GUARDS } from './violation-steps';

export type { DecisionRecord } from './payload-readers';

export type { ActionImplementation, GuardImplementation } from './implementation-types';

const REASON_MIN = 5;
const REASON_MAX = 4000;

export const GUARDS: Readonly<Record<string, GuardImplementation>> = {
  hasReason: {
    description: {
      vi: `Phải nêu lý do (${REASON_MIN}–${REASON_MAX} ký tự) trong payload.reason`,
      en: `A reason (${REASON_MIN}–${REASON_MAX} characters) is required in payload.reason`,
    },
    refusal: {
      vi: `Cần nêu lý do (payload.reason, từ ${REASON_MIN} đến ${REASON_MAX} ký tự).`,
      en: `A reason is required (payload.reason, ${REASON_MIN} to ${REASON_MAX} characters).`,
    },
    check: ({ event }) => {
      const reason = reasonOf(event);
      return reason !== undefined && reason.length >= REASON_MIN && reason.length <= REASON_MAX;
    },
  },
  hasDecision: {
    description: {
      vi: 'Phải có quyết định: payload.decision { number, date (YYYY-MM-DD), signer }',
      en: 'A decision is required: payload.decision { number, date (YYYY-MM-DD), signer }',
    },
    refusal: {
      vi: 'Cần số quyết định, ngày ký (YYYY-MM-DD) và người ký (payload.decision).',
      en: 'A decision number, signing date (YYYY-MM-DD) and signer are required (payload.decision).',
    },
    check: ({ event }) => decisionOf(event) !== undefined,
  },
  ...COMMENDATION_GUARDS,
  ...COUNCIL_GUARDS,
  ...HOLD_GUARDS,
  ...MOVEMENT_GUARDS,
  ...REVIEW_RESOLUTION_GUARDS,
  ...VIOLATION_GUARDS,
  ...REGISTRATION_GUARDS,
  ...PROPOSAL_GUARDS,
  ...UPWARD_GUARDS,
};

export const ACTIONS: Readonly<Record<string, ActionImplementation>> = {
  recordReason: {
    description: {
      vi: 'Lưu lý do của bước xử lý gần nhất',
      en: 'Records the reason given for the latest step',
    },
    assign: ({ event }) => ({ lastReason: { event: event.type, text: reasonOf(event) ?? '' } }),
  },
  recordDecision: {
    description: {
      vi: 'Lưu số, ngày và người ký quyết định',
      en: 'Records the decision number, date and signer',
    },
    assign: ({ event }) => ({ decision: decisionOf(event) ?? null }),
  },
  recordRevocation: {
    description: {
      vi: 'Lưu quyết định thu hồi và lý do',
      en: 'Records the revocation decision and its reason',
    },
    assign: ({ event }) => ({
      revocation: { decision: decisionOf(event) ?? null, reason: reasonOf(event) ?? '' },
    }),
  },
  ...COMMENDATION_ACTIONS,
  ...COUNCIL_ACTIONS,
  ...HOLD_ACTIONS,
  ...MOVEMENT_ACTIONS,
  ...REVIEW_RESOLUTION_ACTIONS,
  ...VIOLATION_ACTIONS,
  ...REGISTRATION_ACTIONS,
  ...PROPOSAL_ACTIONS,
  ...UPWARD_ACTIONS,
};
