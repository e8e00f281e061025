import type { EligibilityLine, EligibilityOutcome, EligibilityResult } from './eligibility-types';

/**
 * What a nomination keeps on the case of an eligibility check (nomination v9 on): the outcome, the
 * rule set that judged it and the lines that did not pass. The full report, every line with its
 * reason and source, stays where it always was, in the facts of the audit record of the event that
 * checked it (GET /cases/:id/eligibility/recorded reads it from there). A nomination's context is
 * read, parsed and written on every later event; the passing lines made most of its 4.4 KB.
 *
 * Its lines are `linesNotPassed`, not `lines`: a case migrated from v8 keeps v8's whole report
 * (`lines`, every line) until its next check, so a reader that wants every line finds none here
 * rather than silently taking a part for the whole.
 */
export interface EligibilityOnTheCase {
  outcome: EligibilityOutcome;
  ruleSet: EligibilityResult['ruleSet'];
  /** Every line the check did not pass (fail, needs_review, on_hold), exactly as judged. */
  linesNotPassed: EligibilityLine[];
  /** How many lines passed (the audit record lists them). */
  passedLines: number;
}

export function eligibilityOnTheCase(result: EligibilityResult): EligibilityOnTheCase {
  const notPassed = result.lines.filter((line) => line.outcome !== 'pass');
  return {
    outcome: result.outcome,
    ruleSet: result.ruleSet,
    linesNotPassed: notPassed,
    passedLines: result.lines.length - notPassed.length,
  };
}
