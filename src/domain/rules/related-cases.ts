import type { StateTag } from '../workflow/state-tags';
import type {
  DisciplineFact,
  HeldAward,
  OtherNomination,
  PendingMatter,
  TrafficViolation,
} from './eligibility-types';

/**
 * Another case about the same person or unit, as eligibility needs to read it: what its state
 * means (its tags, from its own workflow version), what it was opened with and what it recorded.
 * Never its state's name: a new workflow version may rename states, not what they mean.
 */
export interface RelatedCase {
  id: string;
  tags: readonly StateTag[];
  data: Record<string, unknown>;
  context: Record<string, unknown>;
  /** When the case was opened (an ISO instant): a pending matter dates from it. */
  createdAt: string;
}

/** What one subject's other cases say, in the terms of the eligibility facts. */
export interface RelatedCaseSummary {
  awardsHeld: HeldAward[];
  disciplines: DisciplineFact[];
  pendingMatters: PendingMatter[];
  trafficViolations: TrafficViolation[];
  otherNominations: OtherNomination[];
}

/**
 * Reads a subject's other cases: awards held and nominations pending (cases with an award and a
 * year), matters pending, traffic violations confirmed and disciplines decided (violation cases).
 * `nominationId` is the nomination being judged: it holds nothing and competes with nothing.
 */
export function summariseRelatedCases(
  cases: readonly RelatedCase[],
  nominationId: string,
): RelatedCaseSummary {
  const summary: RelatedCaseSummary = {
    awardsHeld: [],
    disciplines: [],
    pendingMatters: [],
    trafficViolations: [],
    otherNominations: [],
  };
  for (const related of cases) {
    readAward(related, nominationId, summary);
    readViolation(related, summary);
  }
  return summary;
}

function readAward(c: RelatedCase, nominationId: string, summary: RelatedCaseSummary): void {
  const { awardCode, evaluationYear } = c.data;
  if (c.id === nominationId) return;
  if (typeof awardCode !== 'string' || typeof evaluationYear !== 'number') return;
  const granted = c.tags.includes('granted');
  const revoked = c.tags.includes('revoked');
  const decision = c.context.decision as { number?: unknown } | undefined;
  if (granted || revoked) {
    summary.awardsHeld.push({
      awardCode,
      year: evaluationYear,
      status: granted ? 'granted' : 'revoked',
      source: 'case',
      caseId: c.id,
      ...(typeof decision?.number === 'string' ? { reference: decision.number } : {}),
    });
  }
  // A revoked award counts for nothing, not even against "one achievement, one award".
  if (revoked) return;
  summary.otherNominations.push({
    awardCode,
    year: evaluationYear,
    state: granted
      ? 'granted'
      : c.tags.includes('rejected')
        ? 'rejected'
        : c.tags.includes('withdrawn')
          ? 'withdrawn'
          : 'open',
    caseId: c.id,
  });
}

function readViolation(c: RelatedCase, summary: RelatedCaseSummary): void {
  if (c.tags.includes('pending_matter')) {
    summary.pendingMatters.push({
      kind: 'violation_case',
      openedOn: c.createdAt.slice(0, 10),
      reference: c.id,
    });
  }
  const confirmedOn = c.context.confirmedOn;
  if (
    c.data.category === 'traffic' &&
    typeof confirmedOn === 'string' &&
    !c.tags.includes('dismissed')
  ) {
    summary.trafficViolations.push({ confirmedOn, reference: c.id });
  }
  const discipline = c.context.discipline as { subjectType: string; form: string } | null;
  const announcedOn = c.context.announcedOn;
  const decision = c.context.decision as { number?: string; date?: string } | undefined;
  if (c.tags.includes('discipline_in_force') && discipline && decision?.date) {
    summary.disciplines.push({
      subjectType: discipline.subjectType,
      form: discipline.form,
      decidedOn: decision.date,
      ...(typeof announcedOn === 'string' ? { announcedOn } : {}),
      reference: decision.number ?? c.id,
    });
  }
}
