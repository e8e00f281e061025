import type { Localized } from '../localized';
import type { CaseContext, CaseEvent } from './case-event';

/**
 * Guards and actions referenced by name from workflow files. Implemented once here; a workflow that
 * names anything else is refused at start-up.
 */
export interface GuardImplementation {
  description: Localized;
  /** Said to the user when the guard refuses the event. */
  refusal: Localized;
  check(args: { context: CaseContext; event: CaseEvent }): boolean;
}

export interface ActionImplementation {
  description: Localized;
  /** Pure: returns the context fields to merge. */
  assign(args: { context: CaseContext; event: CaseEvent }): CaseContext;
}

const REASON_MIN = 5;
const REASON_MAX = 4000;

function reasonOf(event: CaseEvent): string | undefined {
  const reason = event.payload.reason;
  return typeof reason === 'string' ? reason.trim() : undefined;
}

function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}

function nonEmptyText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= max;
}

export interface DecisionRecord {
  number: string;
  date: string;
  signer: string;
}

function decisionOf(event: CaseEvent): DecisionRecord | undefined {
  const decision = event.payload.decision;
  if (typeof decision !== 'object' || decision === null) return undefined;
  const { number, date, signer } = decision as Record<string, unknown>;
  if (!nonEmptyText(number, 100) || !isIsoDate(date) || !nonEmptyText(signer, 200)) {
    return undefined;
  }
  return { number: number.trim(), date, signer: signer.trim() };
}

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
};
