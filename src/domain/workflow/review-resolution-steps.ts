import type { Localized } from '../localized';
import type { EligibilityLine } from '../rules/eligibility-types';
import type { CaseContext, CaseEvent } from './case-event';
import type { KnownEventFacts } from './event-facts';
import type { ActionImplementation, GuardImplementation } from './implementation-types';

/**
 * Review resolutions (workflows/nomination.v7.json on): an eligibility line the rules could not
 * settle (needs_review: a rating not yet recorded, a year still awaiting its decision…) is settled
 * by the official who verifies the dossier and again by the head who approves it, each with the
 * evidence they relied on (issue 15: "record who resolved any line still needing review, with what
 * evidence"). The sender is the resolver: the audit record names them, and the context keeps the
 * resolutions beside the eligibility they resolve.
 */

export const EVIDENCE_MIN = 5;
export const EVIDENCE_MAX = 2000;

/** One line settled by a person: the line's rule code as the eligibility report names it. */
export interface ReviewResolution {
  line: string;
  outcome: 'pass' | 'fail';
  evidence: string;
}

/** As the context keeps it: which step, on which day, by whom. */
export interface RecordedReviewResolution extends ReviewResolution {
  event: string;
  resolvedOn: string | null;
  resolvedBy: string;
}

function resolutionsOf(event: CaseEvent): ReviewResolution[] {
  const list = event.payload.reviewResolutions;
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: unknown): ReviewResolution[] => {
    if (typeof item !== 'object' || item === null) return [];
    const { line, outcome, evidence } = item as Record<string, unknown>;
    if (typeof line !== 'string' || typeof evidence !== 'string') return [];
    if (outcome !== 'pass' && outcome !== 'fail') return [];
    return [{ line, outcome, evidence: evidence.trim() }];
  });
}

/** The codes of the lines still needing review in the eligibility this event was sent with. */
function linesNeedingReview(event: CaseEvent): string[] {
  const lines: EligibilityLine[] =
    (event.facts as KnownEventFacts).eligibility?.lines ?? ([] as EligibilityLine[]);
  return [...new Set(lines.filter((l) => l.outcome === 'needs_review').map((l) => l.rule))];
}

/** What is wrong with the resolutions sent, each list naming the lines it is about. */
function problemsOf(event: CaseEvent) {
  const needed = linesNeedingReview(event);
  const given = resolutionsOf(event);
  const counts = new Map<string, number>();
  for (const r of given) counts.set(r.line, (counts.get(r.line) ?? 0) + 1);
  return {
    unresolved: needed.filter((line) => !counts.has(line)),
    notNeedingReview: [...counts.keys()].filter((line) => !needed.includes(line)),
    twice: [...counts].filter(([, n]) => n > 1).map(([line]) => line),
    withoutEvidence: given
      .filter((r) => r.evidence.length < EVIDENCE_MIN || r.evidence.length > EVIDENCE_MAX)
      .map((r) => r.line),
  };
}

const UNRESOLVED: Localized = {
  vi: `Còn dòng kiểm tra điều kiện cần xem xét chưa được kết luận: với mỗi dòng, nêu kết luận (đạt/không đạt) và căn cứ (${EVIDENCE_MIN}–${EVIDENCE_MAX} ký tự) trong payload.reviewResolutions; chỉ kết luận các dòng đang cần xem xét, mỗi dòng một lần.`,
  en: `An eligibility line still needing review is not resolved: for each such line give an outcome (pass/fail) and the evidence (${EVIDENCE_MIN}–${EVIDENCE_MAX} characters) in payload.reviewResolutions; resolve only the lines needing review, each once.`,
};

const RESOLVED_AS_FAILING: Localized = {
  vi: 'Dòng kiểm tra được kết luận "không đạt" nên người (tập thể) được đề nghị không đủ điều kiện: trả lại hồ sơ để bổ sung hoặc không khen thưởng.',
  en: 'A line resolved as failing makes the nominee ineligible: return the dossier for supplement, or reject it.',
};

function naming(refusal: Localized, parts: [Localized, string[]][]): Localized {
  const listed = parts.filter(([, lines]) => lines.length > 0);
  return {
    vi: [refusal.vi, ...listed.map(([label, lines]) => `${label.vi}: ${lines.join(', ')}.`)].join(
      ' ',
    ),
    en: [refusal.en, ...listed.map(([label, lines]) => `${label.en}: ${lines.join(', ')}.`)].join(
      ' ',
    ),
  };
}

export const REVIEW_RESOLUTION_GUARDS: Readonly<Record<string, GuardImplementation>> = {
  reviewLinesResolved: {
    description: {
      vi: 'Mỗi dòng kiểm tra điều kiện đang "cần xem xét" được kết luận đúng một lần, có căn cứ (payload.reviewResolutions); không kết luận dòng không cần xem xét',
      en: 'Every eligibility line still needing review is resolved exactly once, with evidence (payload.reviewResolutions); no other line is',
    },
    refusal: UNRESOLVED,
    refusalFor: ({ event }) => {
      const p = problemsOf(event);
      return naming(UNRESOLVED, [
        [{ vi: 'Chưa kết luận', en: 'Unresolved' }, p.unresolved],
        [{ vi: 'Không cần xem xét', en: 'Not needing review' }, p.notNeedingReview],
        [{ vi: 'Kết luận hai lần', en: 'Resolved twice' }, p.twice],
        [{ vi: 'Căn cứ không hợp lệ', en: 'Evidence missing or too long' }, p.withoutEvidence],
      ]);
    },
    check: ({ event }) =>
      Object.values(problemsOf(event)).every((lines: string[]) => lines.length === 0),
  },
  noReviewLineResolvedAsFailing: {
    description: {
      vi: 'Không dòng nào được kết luận "không đạt"',
      en: 'No line is resolved as failing',
    },
    refusal: RESOLVED_AS_FAILING,
    refusalFor: ({ event }) =>
      naming(RESOLVED_AS_FAILING, [
        [
          { vi: 'Dòng', en: 'Lines' },
          resolutionsOf(event)
            .filter((r) => r.outcome === 'fail')
            .map((r) => r.line),
        ],
      ]),
    check: ({ event }) => resolutionsOf(event).every((r) => r.outcome === 'pass'),
  },
};

function recordedOf(context: CaseContext): RecordedReviewResolution[] {
  return Array.isArray(context.reviewResolutions)
    ? (context.reviewResolutions as RecordedReviewResolution[])
    : [];
}

export const REVIEW_RESOLUTION_ACTIONS: Readonly<Record<string, ActionImplementation>> = {
  recordReviewResolutions: {
    description: {
      vi: 'Lưu kết luận của người gửi cho từng dòng cần xem xét: bước, ngày, người kết luận, căn cứ',
      en: "Records the sender's resolution of each line needing review: the step, the day, who, and the evidence",
    },
    assign: ({ context, event }) => {
      const today = (event.facts as KnownEventFacts).today;
      const added = resolutionsOf(event).map((r): RecordedReviewResolution => ({
        ...r,
        event: event.type,
        resolvedOn: typeof today === 'string' ? today : null,
        resolvedBy: event.actor.userId,
      }));
      // Nothing to resolve, nothing recorded: the context of a plain verification stays as on v6.
      return added.length === 0 ? {} : { reviewResolutions: [...recordedOf(context), ...added] };
    },
  },
};
