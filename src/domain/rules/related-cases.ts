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
  /**
   * A violation case: whether its category counts against the traffic-law criterion (from the
   * category catalogue). Absent: the older vocabulary, where only `traffic` does.
   */
  countsAgainstTraffic?: boolean;
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
  const { awardCode, evaluationYear, commendationType, movementId } = c.data;
  if (c.id === nominationId) return;
  // Nomination v7: the type of commendation it was (thematic awards do not count toward chains).
  const typed = typeof commendationType === 'string' ? { commendationType } : {};
  const ofMovement = typeof movementId === 'string' ? { movementId } : {};
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
      ...typed,
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
    ...typed,
    ...ofMovement,
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
  const appealFiledOn = appealPendingSince(c);
  if (c.tags.includes('appeal_pending') && appealFiledOn !== undefined) {
    summary.pendingMatters.push({ kind: 'complaint', openedOn: appealFiledOn, reference: c.id });
  }
  const confirmedOn = c.context.confirmedOn;
  const traffic = c.countsAgainstTraffic ?? c.data.category === 'traffic';
  if (traffic && typeof confirmedOn === 'string' && !c.tags.includes('dismissed')) {
    summary.trafficViolations.push({ confirmedOn, reference: c.id });
  }
  if (!c.tags.includes('discipline_in_force')) return;
  if (Array.isArray(c.context.decisions)) {
    summary.disciplines.push(...disciplinesDecided(c.context.decisions as DecisionEntry[]));
    return;
  }
  // A single decision, as violation workflows before version 4 record it.
  const discipline = c.context.discipline as { subjectType: string; form: string } | null;
  const announcedOn = c.context.announcedOn;
  const decision = c.context.decision as { number?: string; date?: string } | undefined;
  if (discipline && decision?.date) {
    summary.disciplines.push({
      subjectType: discipline.subjectType,
      form: discipline.form,
      decidedOn: decision.date,
      ...(typeof announcedOn === 'string' ? { announcedOn } : {}),
      reference: decision.number ?? c.id,
    });
  }
}

/** One decision of a violation case (version 4 and later), as far as eligibility reads it. */
interface DecisionEntry {
  number: string;
  subjectType: string;
  outcome: string;
  form: string | null;
  date: string;
  announcedOn?: string;
  lapsesOn?: string | null;
  status: string;
  appeal?: { filedOn?: string; decision?: unknown };
}

/**
 * The disciplines a case's decisions impose: reminders, criticism and no discipline bar nothing,
 * and an annulled decision counts for nothing; a changed one counts with its new form and lapse.
 */
function disciplinesDecided(decisions: readonly DecisionEntry[]): DisciplineFact[] {
  return decisions
    .filter((d) => d.outcome === 'discipline' && d.form !== null && d.status !== 'annulled')
    .map((d) => ({
      subjectType: d.subjectType,
      form: d.form!,
      decidedOn: d.date,
      ...(d.announcedOn === undefined ? {} : { announcedOn: d.announcedOn }),
      ...(typeof d.lapsesOn === 'string' ? { endsOn: d.lapsesOn } : {}),
      reference: d.number,
    }));
}

/** The filing day of the appeal still being decided, if any. */
function appealPendingSince(c: RelatedCase): string | undefined {
  const pending = c.context.appealPending;
  if (typeof pending !== 'string' || !Array.isArray(c.context.decisions)) return undefined;
  const decision = (c.context.decisions as DecisionEntry[]).find((d) => d.number === pending);
  return decision?.appeal?.filedOn;
}
