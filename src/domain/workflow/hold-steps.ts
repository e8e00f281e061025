import { commitmentOf } from '../audit/sealed-value';
import type { Localized } from '../localized';
import type { CaseContext, CaseEvent } from './case-event';
import type { KnownEventFacts } from './event-facts';
import type { ActionImplementation, GuardImplementation } from './implementation-types';

/**
 * Holds on a nomination (workflows/nomination.v6.json and later): while a violation case about the
 * nominee is pending, or an appeal against its discipline is being decided, no commendation or
 * upward proposal may go ahead (Decree 98/2023 Art 4, kept by Decree 152/2025 Art 4). The violation
 * plug-in sends HOLD and RELEASE as the `system` actor in the violation event's own transaction;
 * the nomination keeps `context.holds`, one entry per holding case, and its granting steps refuse
 * while any entry is there.
 */

/** The rule set's on-hold reason codes (discipline.onHold.reasons) a hold may carry. */
export const HOLD_REASONS = ['discipline_pending', 'complaint_pending'] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];

/**
 * One case holding the nomination: which, why, and since when (today when the hold came). `caseId`
 * is the violation case's reference (holdReference), not its id, for holds placed since the
 * references came in; older holds name the case itself.
 */
export interface Hold {
  caseId: string;
  reason: HoldReason;
  since: string | null;
}

export function holdsOf(context: CaseContext): Hold[] {
  return Array.isArray(context.holds) ? (context.holds as Hold[]) : [];
}

function violationCaseIdOf(event: CaseEvent): string | undefined {
  const id = event.payload.violationCaseId;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

function reasonOf(event: CaseEvent): HoldReason | undefined {
  const reason = event.payload.reason;
  return HOLD_REASONS.find((r) => r === reason);
}

const HELD: Localized = {
  vi: 'Hồ sơ đang bị tạm dừng (Nghị định 152/2025/NĐ-CP Điều 4): có vụ việc vi phạm hoặc khiếu nại liên quan đến người (tập thể) được đề nghị chưa giải quyết xong, nên chưa thể chuyển bước xét khen thưởng cho đến khi vụ việc kết thúc.',
  en: 'The nomination is on hold (Decree 152/2025 Art 4): a violation case or complaint about the nominee is still being handled, so it cannot move towards the award until that case ends.',
};

const ALREADY_HELD: Localized = {
  vi: 'Vụ việc này đã tạm dừng hồ sơ từ trước.',
  en: 'This case already holds the nomination.',
};

const NOT_HELD_BY_IT: Localized = {
  vi: 'Vụ việc này không tạm dừng hồ sơ: không có gì để gỡ.',
  en: 'This case does not hold the nomination: there is nothing to release.',
};

/** The general refusal, followed by the cases it is about. */
function naming(refusal: Localized, caseIds: readonly string[]): Localized {
  const ids = caseIds.join(', ');
  return { vi: `${refusal.vi} Vụ việc: ${ids}.`, en: `${refusal.en} Case: ${ids}.` };
}

export const HOLD_GUARDS: Readonly<Record<string, GuardImplementation>> = {
  notHeld: {
    description: {
      vi: 'Không có vụ việc nào đang tạm dừng hồ sơ (context.holds rỗng)',
      en: 'No case is holding the nomination (context.holds is empty)',
    },
    refusal: HELD,
    refusalFor: ({ context }) =>
      naming(
        HELD,
        holdsOf(context).map((h) => h.caseId),
      ),
    check: ({ context }) => holdsOf(context).length === 0,
  },
  notYetHeldByThatCase: {
    description: {
      vi: 'Vụ việc (payload.violationCaseId) chưa tạm dừng hồ sơ này',
      en: 'The case (payload.violationCaseId) does not hold this nomination already',
    },
    refusal: ALREADY_HELD,
    refusalFor: ({ event }) => naming(ALREADY_HELD, [violationCaseIdOf(event) ?? '?']),
    check: ({ context, event }) => {
      const id = violationCaseIdOf(event);
      return id !== undefined && !holdsOf(context).some((h) => h.caseId === id);
    },
  },
  heldByThatCase: {
    description: {
      vi: 'Vụ việc (payload.violationCaseId) đang tạm dừng hồ sơ này',
      en: 'The case (payload.violationCaseId) holds this nomination',
    },
    refusal: NOT_HELD_BY_IT,
    refusalFor: ({ event }) => naming(NOT_HELD_BY_IT, [violationCaseIdOf(event) ?? '?']),
    check: ({ context, event }) => {
      const id = violationCaseIdOf(event);
      return id !== undefined && holdsOf(context).some((h) => h.caseId === id);
    },
  },
};

export const HOLD_ACTIONS: Readonly<Record<string, ActionImplementation>> = {
  recordHold: {
    description: {
      vi: 'Ghi vụ việc tạm dừng hồ sơ, lý do và ngày bắt đầu',
      en: 'Records the case holding the nomination, why, and since when',
    },
    assign: ({ context, event }) => ({
      holds: [
        ...holdsOf(context),
        {
          caseId: violationCaseIdOf(event) ?? '',
          reason: reasonOf(event) ?? 'discipline_pending',
          since: (event.facts as KnownEventFacts).today ?? null,
        } satisfies Hold,
      ],
    }),
  },
  releaseHold: {
    description: {
      vi: 'Gỡ việc tạm dừng của vụ việc đã kết thúc',
      en: 'Removes the hold of the case that has ended',
    },
    assign: ({ context, event }) => ({
      holds: holdsOf(context).filter((h) => h.caseId !== violationCaseIdOf(event)),
    }),
  },
};

/** Which violation case holds which nomination: what a hold's reference commits to. */
export interface HeldBy {
  violationCaseId: string;
  nominationCaseId: string;
}

/**
 * The reference a HOLD and its RELEASE carry in `violationCaseId`, and `context.holds[].caseId`
 * keeps: the first 128 bits of the commitment to `held` with `nonce` (sealed-value.ts), written as
 * a UUID of version 8 (a layout of its own) so that the payload schemas of nomination v6 and later
 * take it. Violation cases are need-to-know, and every reader of a nomination reads its history:
 * the reference tells them that a matter holds it, not which case, and without the nonce nobody
 * can confirm a guessed case by hashing. A reader who may read the violation case is given the
 * pair and the nonce, and can recompute the reference the hashed record carries.
 */
export function holdReference(held: HeldBy, nonce: string): string {
  const hex = commitmentOf(
    { violationCaseId: held.violationCaseId, nominationCaseId: held.nominationCaseId },
    nonce,
  ).slice(0, 32);
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `8${hex.slice(13, 16)}`,
    `${variant}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}
