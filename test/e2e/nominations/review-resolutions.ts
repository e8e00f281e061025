import type { TestApp } from '../../support/test-app';
import type { EligibilityLineView } from './nomination-steps';

/** The first nomination version whose MARK_VERIFIED and APPROVE take reviewResolutions. */
const FIRST_RESOLVING_VERSION = 7;

/** Evidence an official gives for a line the rules left for review (not a spec: no tests here). */
export const REVIEW_EVIDENCE = 'Đã đối chiếu hồ sơ gốc tại đơn vị: đáp ứng tiêu chuẩn.';

/**
 * Nomination v7: MARK_VERIFIED and APPROVE resolve every eligibility line still needing review
 * (other cases and earlier versions: `payload` unchanged).
 * Reads the lines the sender would be judged by now (GET /cases/:id/eligibility) and
 * resolves each as passing with `evidence`: the payload for those events, merged into `payload`.
 */
export async function resolvingReview(
  t: TestApp,
  token: string,
  caseId: string,
  payload: Record<string, unknown> = {},
  evidence = REVIEW_EVIDENCE,
): Promise<Record<string, unknown>> {
  // Only nomination v7 and later take resolutions (earlier versions refuse the field).
  const stored = await t.getCase(token, caseId);
  if (stored.status !== 200) throw new Error(`case: ${JSON.stringify(stored.body)}`);
  const { type, workflow } = stored.body as { type: string; workflow: { version: number } };
  if (type !== 'nomination' || workflow.version < FIRST_RESOLVING_VERSION) return payload;
  const report = await t.getAs(token, `/api/v1/cases/${caseId}/eligibility`);
  if (report.status !== 200) throw new Error(`eligibility: ${JSON.stringify(report.body)}`);
  const lines = (report.body.lines as EligibilityLineView[])
    .filter((line) => line.outcome === 'needs_review')
    .map((line) => line.rule);
  const reviewResolutions = [...new Set(lines)].map((line) => ({
    line,
    outcome: 'pass',
    evidence,
  }));
  return reviewResolutions.length === 0 ? payload : { ...payload, reviewResolutions };
}
