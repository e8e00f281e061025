import type { ResultsPhase } from '../movements/movement';
import type { CaseContext, CaseEvent } from './case-event';
import type { DocumentFact } from './event-facts';
import type { ActionImplementation, GuardImplementation } from './implementation-types';

/**
 * Guards and actions of an emulation movement (workflows/movement.v*.json) and of a unit's
 * participation in it (workflows/movement-participation.v*.json). What they judge against, the
 * movement plug-in (src/movements/) establishes as facts: whether a draft's amendment is valid,
 * the movement's phase when a unit reports its results, the participations a closing ends.
 */

/** Whether a draft's amendment passes the checks a new movement passes (fact `movementAmendment`). */
export interface MovementAmendmentFact {
  problems: string[];
}

/** The movement a participation belongs to, as it stands when the unit reports (fact `movementPhase`). */
export interface MovementPhaseFact {
  movementId: string;
  state: string;
  tags: string[];
  criterionCodes: string[];
}

/** The open participations of a movement when it closes or is cancelled (fact `movementParticipations`). */
export interface MovementParticipationsFact {
  caseIds: string[];
}

export interface ReportedResult {
  criterionCode: string;
  score?: number;
  text: string;
}

export interface ResultsReport {
  phase: ResultsPhase;
  reportedOn: string;
  results: ReportedResult[];
}

interface MovementFacts {
  movementAmendment?: MovementAmendmentFact;
  movementPhase?: MovementPhaseFact;
  document?: DocumentFact;
}

function factsOf(event: CaseEvent): MovementFacts {
  return event.facts as MovementFacts;
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

const PHASE_TAGS: Record<string, string> = {
  midterm: 'results_midterm',
  final: 'results_final',
};

const PHASE_NAMES: Record<string, { vi: string; en: string }> = {
  midterm: { vi: 'sơ kết', en: 'mid-term review' },
  final: { vi: 'tổng kết', en: 'final review' },
};

function resultsOf(context: CaseContext): Partial<Record<ResultsPhase, ResultsReport>> {
  return (context.results ?? {}) as Partial<Record<ResultsPhase, ResultsReport>>;
}

export const MOVEMENT_GUARDS: Readonly<Record<string, GuardImplementation>> = {
  movementAmendmentAcceptable: {
    description: {
      vi: 'Nội dung sửa đổi của dự thảo phong trào hợp lệ (tiêu chí trong danh mục, danh hiệu trong bộ quy tắc, thời gian hợp lý)',
      en: 'The draft amendment is valid (criteria of the catalogue, awards of the rule set, a sensible period)',
    },
    refusal: {
      vi: 'Nội dung sửa đổi không hợp lệ.',
      en: 'The amendment is not valid.',
    },
    refusalFor: ({ event }) => {
      const problems = factsOf(event).movementAmendment?.problems ?? [];
      return {
        vi: `Nội dung sửa đổi không hợp lệ: ${problems.join('; ')}.`,
        en: `The amendment is not valid: ${problems.join('; ')}.`,
      };
    },
    check: ({ event }) => factsOf(event).movementAmendment?.problems.length === 0,
  },
  movementInResultsPhase: {
    description: {
      vi: 'Phong trào đang ở giai đoạn sơ kết (báo cáo sơ kết) hoặc tổng kết (báo cáo tổng kết)',
      en: 'The movement is in the matching review: mid-term for a mid-term report, final for a final one',
    },
    refusal: {
      vi: 'Phong trào không ở giai đoạn nhận báo cáo kết quả này.',
      en: 'The movement is not taking reports of this phase now.',
    },
    refusalFor: ({ event }) => {
      const phase = PHASE_NAMES[String(event.payload.phase)] ?? { vi: '?', en: '?' };
      return {
        vi: `Phong trào chưa hoặc không còn ở giai đoạn ${phase.vi}: chưa thể báo cáo kết quả ${phase.vi}.`,
        en: `The movement is not in its ${phase.en}: a ${phase.en} report cannot be made now.`,
      };
    },
    check: ({ event }) => {
      const tag = PHASE_TAGS[String(event.payload.phase)];
      return tag !== undefined && (factsOf(event).movementPhase?.tags.includes(tag) ?? false);
    },
  },
  resultsAgainstMovementCriteria: {
    description: {
      vi: 'Mỗi kết quả báo cáo theo một tiêu chí của phong trào, mỗi tiêu chí một lần',
      en: 'Each result is reported against one of the movement’s criteria, each criterion once',
    },
    refusal: {
      vi: 'Kết quả phải báo cáo theo các tiêu chí của phong trào, mỗi tiêu chí một lần.',
      en: 'Results are reported against the movement’s criteria, each criterion once.',
    },
    check: ({ event }) => {
      const codes = factsOf(event).movementPhase?.criterionCodes ?? [];
      const results = Array.isArray(event.payload.results)
        ? (event.payload.results as ReportedResult[])
        : [];
      const seen = new Set(results.map((r) => r.criterionCode));
      return seen.size === results.length && results.every((r) => codes.includes(r.criterionCode));
    },
  },
  hasPlanDocument: {
    description: {
      vi: 'Kế hoạch thực hiện đã được tải lên và lưu (chỉ qua chức năng tải tài liệu, mã implementation_plan)',
      en: 'The implementation plan has been uploaded and stored (only through the document upload, code implementation_plan)',
    },
    refusal: {
      vi: 'Kế hoạch thực hiện chỉ được thêm bằng chức năng tải tài liệu lên (mã implementation_plan).',
      en: 'The implementation plan is added only by uploading it (code implementation_plan).',
    },
    check: ({ event }) => factsOf(event).document?.code === 'implementation_plan',
  },
};

export const MOVEMENT_ACTIONS: Readonly<Record<string, ActionImplementation>> = {
  recordMovementAmendment: {
    description: {
      vi: 'Lưu nội dung sửa đổi của dự thảo phong trào (ghi đè các mục đã sửa trước đó)',
      en: 'Records the draft’s amendment (over any earlier one of the same fields)',
    },
    assign: ({ context, event }) => ({
      amended: { ...((context.amended ?? {}) as object), ...event.payload },
    }),
  },
  recordLaunch: {
    description: {
      vi: 'Lưu ngày phát động phong trào',
      en: 'Records the day the movement was launched',
    },
    assign: ({ event }) => ({ launchedOn: text(event.payload.launchedOn) }),
  },
  recordMidtermReview: {
    description: {
      vi: 'Lưu ngày bắt đầu sơ kết',
      en: 'Records the day the mid-term review started',
    },
    assign: ({ event }) => ({ midtermStartedOn: text(event.payload.startedOn) }),
  },
  recordFinalReview: {
    description: {
      vi: 'Lưu ngày bắt đầu tổng kết',
      en: 'Records the day the final review started',
    },
    assign: ({ event }) => ({ finalStartedOn: text(event.payload.startedOn) }),
  },
  recordMovementClosure: {
    description: {
      vi: 'Lưu ngày kết thúc phong trào và nội dung tổng kết',
      en: 'Records the day the movement closed and its summary',
    },
    assign: ({ event }) => ({
      closedOn: text(event.payload.closedOn),
      closingSummary: text(event.payload.summary),
    }),
  },
  recordPlanDocument: {
    description: {
      vi: 'Thêm kế hoạch thực hiện vào hồ sơ tham gia (giữ các bản trước)',
      en: 'Adds the implementation plan to the participation (earlier versions are kept)',
    },
    assign: ({ context, event }) => {
      const existing = Array.isArray(context.plans) ? (context.plans as DocumentFact[]) : [];
      const document = factsOf(event).document;
      return { plans: document === undefined ? existing : [...existing, document] };
    },
  },
  recordResults: {
    description: {
      vi: 'Lưu báo cáo kết quả theo tiêu chí của giai đoạn (báo cáo lại thay báo cáo trước)',
      en: 'Records the phase’s results against the criteria (a new report replaces the earlier one)',
    },
    assign: ({ context, event }) => {
      const phase = event.payload.phase as ResultsPhase;
      const report: ResultsReport = {
        phase,
        reportedOn: String(event.payload.reportedOn),
        results: event.payload.results as ReportedResult[],
      };
      return { results: { ...resultsOf(context), [phase]: report } };
    },
  },
  recordMovementEnded: {
    description: {
      vi: 'Lưu việc phong trào đã kết thúc hoặc bị hủy',
      en: 'Records that the movement closed or was cancelled',
    },
    assign: ({ event }) => ({ movementOutcome: text(event.payload.outcome) }),
  },
};
