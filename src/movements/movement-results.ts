import type { Localized } from '../domain/localized';
import type { MovementCriterion, ResultsPhase } from '../domain/movements/movement';
import type { ReportedResult, ResultsReport } from '../domain/workflow/movement-steps';

/**
 * The consolidated results of one phase of a movement (issue 15 item 4), computed from the
 * participations as stored. Pure: the service reads the units, the participation cases and the
 * catalogue; this only lines them up and does the arithmetic, so the JSON, the workbook and the
 * PDF print the same numbers.
 */

export const PHASE_NAMES: Readonly<Record<ResultsPhase, Localized>> = {
  midterm: { vi: 'Sơ kết', en: 'Mid-term review' },
  final: { vi: 'Tổng kết', en: 'Final review' },
};

export interface ResultsUnit {
  id: string;
  code: string;
  name: string;
}

/** A participation case as the report reads it: the unit's acknowledgement and its reports. */
export interface ParticipationRecord {
  id: string;
  unitId: string;
  acknowledgedOn: string;
  planSummary: string | null;
  plans: { fileName: string; sha256: string }[];
  results: Partial<Record<ResultsPhase, ResultsReport>>;
}

export interface ResultsCriterion {
  code: string;
  name: Localized;
  /** The movement's weight (0–100); null: reported in words only. */
  weight: number | null;
}

export interface CriterionResult {
  criterionCode: string;
  /** null: the unit gave no score (or did not report this criterion at all). */
  score: number | null;
  /** Empty when the unit did not report this criterion. */
  text: string;
}

export interface UnitReport {
  reportedOn: string;
  /** One line per criterion of the movement, in the movement's order. */
  results: CriterionResult[];
  /** The sum of the scores given; null when no score was given. */
  totalScore: number | null;
  /**
   * Σ(weight × score) / Σ weight over the weighted criteria, two decimals; a weighted criterion
   * left unscored counts 0 (and is named in `unscoredWeighted`). null when the movement does not
   * score (no criterion carries a weight).
   */
  weightedScore: number | null;
  unscoredWeighted: string[];
}

export interface ResultsRow {
  unit: ResultsUnit;
  acknowledgement: {
    participationId: string;
    acknowledgedOn: string;
    planSummary: string | null;
    plans: { fileName: string; sha256: string }[];
  } | null;
  report: UnitReport | null;
}

export interface ConsolidatedResults {
  criteria: ResultsCriterion[];
  /** Whether the movement scores: at least one criterion carries a weight. */
  scored: boolean;
  units: number;
  acknowledged: number;
  reported: number;
  items: ResultsRow[];
}

/**
 * One row per unit of the participating subtree, in the order given (the registry's tree order),
 * acknowledged or not: a report upward shows who has not reported as plainly as who has.
 */
export function consolidateResults(input: {
  phase: ResultsPhase;
  criteria: readonly MovementCriterion[];
  criterionName: (code: string) => Localized;
  units: readonly ResultsUnit[];
  participations: readonly ParticipationRecord[];
}): ConsolidatedResults {
  const criteria: ResultsCriterion[] = input.criteria.map((criterion) => ({
    code: criterion.code,
    name: input.criterionName(criterion.code),
    weight: criterion.weight ?? null,
  }));
  const scored = criteria.some((criterion) => criterion.weight !== null);
  const byUnit = new Map(input.participations.map((p) => [p.unitId, p]));
  const items = input.units.map((unit): ResultsRow => {
    const participation = byUnit.get(unit.id);
    if (participation === undefined) return { unit, acknowledgement: null, report: null };
    const report = participation.results[input.phase];
    return {
      unit,
      acknowledgement: {
        participationId: participation.id,
        acknowledgedOn: participation.acknowledgedOn,
        planSummary: participation.planSummary,
        plans: participation.plans,
      },
      report: report === undefined ? null : unitReport(report, criteria, scored),
    };
  });
  return {
    criteria,
    scored,
    units: items.length,
    acknowledged: items.filter((item) => item.acknowledgement !== null).length,
    reported: items.filter((item) => item.report !== null).length,
    items,
  };
}

function unitReport(
  report: ResultsReport,
  criteria: readonly ResultsCriterion[],
  scored: boolean,
): UnitReport {
  const given = new Map<string, ReportedResult>(report.results.map((r) => [r.criterionCode, r]));
  // Criteria the movement no longer lists (a report is checked against them when entered) still
  // print, after the movement's own, so nothing reported is hidden.
  const codes = [
    ...criteria.map((criterion) => criterion.code),
    ...report.results
      .map((r) => r.criterionCode)
      .filter((c) => !criteria.some((k) => k.code === c)),
  ];
  const results = codes.map((criterionCode): CriterionResult => {
    const result = given.get(criterionCode);
    return {
      criterionCode,
      score: typeof result?.score === 'number' ? result.score : null,
      text: result?.text ?? '',
    };
  });
  const scores = results.map((r) => r.score).filter((s): s is number => s !== null);
  const weighted = criteria.filter((criterion) => criterion.weight !== null);
  const weightSum = weighted.reduce((sum, criterion) => sum + (criterion.weight ?? 0), 0);
  const scoreOf = (code: string) => results.find((r) => r.criterionCode === code)?.score ?? null;
  return {
    reportedOn: report.reportedOn,
    results,
    totalScore: scores.length === 0 ? null : round2(scores.reduce((sum, s) => sum + s, 0)),
    weightedScore:
      !scored || weightSum === 0
        ? null
        : round2(
            weighted.reduce(
              (sum, criterion) => sum + (criterion.weight ?? 0) * (scoreOf(criterion.code) ?? 0),
              0,
            ) / weightSum,
          ),
    unscoredWeighted: weighted.filter((c) => scoreOf(c.code) === null).map((c) => c.code),
  };
}

/** Half away from zero, two decimals, without binary drift (55.125 → 55.13). */
function round2(value: number): number {
  return Math.round((value + Number.EPSILON) * 100) / 100;
}
