import type { EligibilityResult } from '../domain/rules/eligibility-types';
import type { ReviewResolution } from '../domain/workflow/review-resolution-steps';

/**
 * Every line of `eligibility` still needing review, resolved as met with `evidence`: what the
 * demo (and scripted loads) send with MARK_VERIFIED and APPROVE on nomination v7, where an official
 * would resolve each line in the verification dialog. Empty when nothing needs review.
 */
export function resolveEveryReviewLine(
  eligibility: Pick<EligibilityResult, 'lines'> | undefined,
  evidence: string,
): ReviewResolution[] {
  const rules = (eligibility?.lines ?? [])
    .filter((line) => line.outcome === 'needs_review')
    .map((line) => line.rule);
  return [...new Set(rules)].map((line) => ({ line, outcome: 'pass', evidence }));
}
