import type { ViolationCategory } from '../discipline/violation-categories';
import {
  NOT_GIVEN,
  violationStatistics,
  type DisciplineFormEntry,
  type ExactShare,
  type ViolationCaseRecord,
  type ViolationStatistics,
} from '../discipline/violation-statistics';
import type { Localized } from '../localized';

/**
 * The annual evaluation sheet of a unit and a year (issue 15 item 7): one row per unit of the
 * subtree and one per person in it, with the year's rating, the registrations for movements that
 * ran in the year and whether each was met, the awards decided in the year, the confirmed
 * violations and disciplines, and the plan's traffic-law criterion (Chỉ thị 23-CT/TW).
 *
 * Violations are counted exactly as the violation statistics count them (violation-statistics.ts):
 * by the day the violation occurred, "confirmed" meaning concluded and not dismissed (a decision
 * annulled on appeal still stands as a confirmed violation), a discipline counted under its
 * current form and only while not annulled. So the traffic line of a unit row here is the share
 * the statistics page gives for the same unit and year.
 *
 * Pure: the caller reads the registry, the cases (as the system reads them), the ratings and the
 * imported awards, and says how much of the violations the reader may see.
 */

/** How much of the violations the reader may see (the violation workflow's need-to-know). */
export type ViolationDetail = 'full' | 'counts';

export interface SheetUnit {
  id: string;
  code: string;
  name: string;
  path: string;
}

export interface SheetPerson {
  id: string;
  code: string;
  name: string;
  unitId: string;
}

export type SheetSubjectKind = 'person' | 'unit';

export interface SheetSubject {
  kind: SheetSubjectKind;
  id: string;
}

export interface SheetRating {
  subject: SheetSubject;
  code: string;
  name: Localized;
}

export interface SheetMovement {
  id: string;
  code: string;
  title: string;
  /** Inclusive ISO dates. */
  period: { from: string; to: string };
}

export interface SheetRegistration {
  caseId: string;
  subject: SheetSubject;
  movement: SheetMovement;
  state: string;
  stateLabel: Localized;
  /** The registration is in its approved state (the launching unit accepted the targets). */
  approved: boolean;
  /** The awards aimed at, as last submitted. */
  awardCodes: readonly string[];
}

/** A nomination case of a granted or revoked award (others are not awards). */
export interface SheetNomination {
  caseId: string;
  subject: SheetSubject;
  awardCode: string;
  evaluationYear: number;
  /** The award stands (its state is tagged granted); a revoked one is no award. */
  granted: boolean;
  /** The day the award decision was signed. */
  decidedOn: string | null;
  decisionNumber: string | null;
  /** Nomination v7: the movement and the registration it follows. */
  movementId: string | null;
  registrationId: string | null;
}

/** An award imported from the register kept before this system. */
export interface SheetImportedAward {
  id: string;
  subject: SheetSubject;
  awardCode: string;
  year: number;
  granted: boolean;
  decidedOn: string | null;
  decisionNumber: string | null;
}

export interface EvaluationSheetRequest {
  year: number;
  /** The root unit and every unit below it, in any order. */
  units: readonly SheetUnit[];
  /** The people of the subtree (active in the registry). */
  people: readonly SheetPerson[];
  ratings: readonly SheetRating[];
  registrations: readonly SheetRegistration[];
  nominations: readonly SheetNomination[];
  importedAwards: readonly SheetImportedAward[];
  /** Every violation case about the people and units of the subtree. */
  violations: readonly ViolationCaseRecord[];
  categories: readonly ViolationCategory[];
  forms: readonly DisciplineFormEntry[];
  awardName(code: string): Localized;
  detail: ViolationDetail;
  /**
   * With full detail, whether the reader may read this violation case in full: a case is read by
   * its own unit's readers, and a person who moved in brings cases of another unit along (they
   * count, without their details).
   */
  readsInFull(caseId: string): boolean;
}

export interface RegistrationLine {
  caseId: string;
  movement: { id: string; code: string; title: string };
  state: string;
  stateLabel: Localized;
  awardCodes: string[];
  /** Approved, and an award was granted for it (see `metBy`). */
  met: boolean;
  /** The nomination case whose granted award met the registration; null when not met. */
  metBy: string | null;
}

export interface AwardLine {
  /** `case`: a nomination decided in this system; `imported`: the register kept before it. */
  source: 'case' | 'imported';
  /** The nomination case, or the imported award's id. */
  reference: string;
  awardCode: string;
  awardName: Localized;
  evaluationYear: number;
  decidedOn: string | null;
  decisionNumber: string | null;
}

export interface LabelledCode {
  code: string;
  label: Localized;
}

/** One confirmed violation, as only its full readers see it. */
export interface ViolationLine {
  caseId: string;
  occurredOn: string;
  category: LabelledCode;
  outcome: LabelledCode;
  /** The discipline forms standing on it (none annulled), lighter first. */
  disciplineForms: LabelledCode[];
  countsAgainstTraffic: boolean;
}

export interface ViolationSummary {
  /** Violations of the year (by the day they occurred) concluded and not dismissed. */
  confirmed: number;
  /** Discipline decisions standing on them. */
  disciplines: number;
  /** Each confirmed violation; absent for a reader who may see counts only. */
  details?: ViolationLine[];
}

export interface TrafficCriterion {
  /**
   * A person: met when they have no confirmed violation of a category that counts against
   * traffic in the year. A unit: null (its share says how many of its people met it).
   */
  met: boolean | null;
  /** The people of this row (a person: themselves; a unit: its whole subtree) who met it. */
  share: ExactShare;
}

export interface EvaluationRow {
  kind: SheetSubjectKind;
  id: string;
  code: string;
  name: string;
  /** A person's unit; a unit's own self. */
  unit: { id: string; code: string; name: string };
  /** Levels below the sheet's unit (0: the sheet's unit and its own people). */
  depth: number;
  rating: LabelledCode | null;
  registrations: RegistrationLine[];
  awards: AwardLine[];
  violations: ViolationSummary;
  traffic: TrafficCriterion;
}

export interface EvaluationSheet {
  year: number;
  period: { from: string; to: string };
  violationDetail: ViolationDetail;
  /** Each unit, then its own people (by code), then the units below it, depth first by code. */
  rows: EvaluationRow[];
}

const NOT_CONFIRMED = new Set(['dismissed', 'pending']);

export function evaluationSheet(request: EvaluationSheetRequest): EvaluationSheet {
  const period = { from: `${request.year}-01-01`, to: `${request.year}-12-31` };
  const key = (subject: SheetSubject) => `${subject.kind}:${subject.id}`;
  const ratings = groupBy(request.ratings, (rating) => key(rating.subject));
  const registrations = groupBy(
    request.registrations.filter((registration) => overlaps(registration.movement.period, period)),
    (registration) => key(registration.subject),
  );
  const nominations = groupBy(request.nominations, (nomination) => key(nomination.subject));
  const imported = groupBy(request.importedAwards, (award) => key(award.subject));
  const violations = groupBy(request.violations, (record) =>
    record.subject.kind === 'person'
      ? key({ kind: 'person', id: record.subject.personId })
      : key({ kind: 'unit', id: record.subject.unitId }),
  );
  const countOf = (cases: readonly ViolationCaseRecord[], memberIds: readonly string[]) =>
    violationStatistics({
      period,
      cases,
      categories: request.categories,
      forms: request.forms,
      memberIds,
    });

  const units = request.units;
  const root = units.reduce<SheetUnit | null>(
    (shortest, unit) =>
      shortest === null || unit.path.length < shortest.path.length ? unit : shortest,
    null,
  );
  const rootDepth = root === null ? 0 : depthOf(root.path);
  const unitById = new Map(units.map((unit) => [unit.id, unit]));
  const peopleByUnit = groupBy(request.people, (person) => person.unitId);

  const common = (subject: SheetSubject) => {
    const confirmed = (violations.get(key(subject)) ?? [])
      .map((record) => ({ record, counted: countOf([record], []) }))
      .filter(({ counted }) => counted.total > 0)
      .map(({ record, counted }) => violationLine(record, counted, request))
      .filter((line) => !NOT_CONFIRMED.has(line.outcome.code))
      .sort((a, b) => compareText(a.occurredOn, b.occurredOn) || compareText(a.caseId, b.caseId));
    const rating = ratings.get(key(subject))?.[0];
    return {
      rating: rating === undefined ? null : { code: rating.code, label: rating.name },
      registrations: (registrations.get(key(subject)) ?? [])
        .map((registration) => registrationLine(registration, nominations.get(key(subject)) ?? []))
        .sort((a, b) => compareText(a.movement.code, b.movement.code)),
      awards: awardsOf(
        request,
        nominations.get(key(subject)) ?? [],
        imported.get(key(subject)) ?? [],
      ),
      violations: {
        confirmed: confirmed.length,
        disciplines: confirmed.reduce((sum, line) => sum + line.disciplineForms.length, 0),
        ...(request.detail === 'full'
          ? { details: confirmed.filter((line) => request.readsInFull(line.caseId)) }
          : {}),
      },
    };
  };

  const rows: EvaluationRow[] = [];
  for (const unit of depthFirst(units)) {
    const depth = depthOf(unit.path) - rootDepth;
    const subtreeMembers = request.people
      .filter((person) => unitById.get(person.unitId)?.path.startsWith(unit.path) === true)
      .map((person) => person.id);
    const members = new Set(subtreeMembers);
    const subtreeCases = request.violations.filter(
      (record) => record.subject.kind === 'person' && members.has(record.subject.personId),
    );
    const unitRef = { id: unit.id, code: unit.code, name: unit.name };
    rows.push({
      kind: 'unit',
      ...unitRef,
      unit: unitRef,
      depth,
      ...common({ kind: 'unit', id: unit.id }),
      traffic: { met: null, share: countOf(subtreeCases, subtreeMembers).trafficCompliance },
    });
    const people = [...(peopleByUnit.get(unit.id) ?? [])].sort((a, b) =>
      compareText(a.code, b.code),
    );
    for (const person of people) {
      const counted = countOf(violations.get(key({ kind: 'person', id: person.id })) ?? [], [
        person.id,
      ]);
      rows.push({
        kind: 'person',
        id: person.id,
        code: person.code,
        name: person.name,
        unit: unitRef,
        depth,
        ...common({ kind: 'person', id: person.id }),
        traffic: {
          met: counted.peopleWithConfirmedTrafficViolation === 0,
          share: counted.trafficCompliance,
        },
      });
    }
  }
  return { year: request.year, period, violationDetail: request.detail, rows };
}

/**
 * Met: the registration was approved and an award was granted for it — a granted nomination that
 * names the registration (nomination v7), or one that names only the movement, of the same
 * subject, for one of the awards the registration aimed at. An award granted outside the movement
 * does not meet a movement's pledge.
 */
function registrationLine(
  registration: SheetRegistration,
  nominations: readonly SheetNomination[],
): RegistrationLine {
  const meeting = registration.approved
    ? nominations.find(
        (nomination) =>
          nomination.granted &&
          (nomination.registrationId === registration.caseId ||
            (nomination.registrationId === null &&
              nomination.movementId === registration.movement.id &&
              registration.awardCodes.includes(nomination.awardCode))),
      )
    : undefined;
  return {
    caseId: registration.caseId,
    movement: {
      id: registration.movement.id,
      code: registration.movement.code,
      title: registration.movement.title,
    },
    state: registration.state,
    stateLabel: registration.stateLabel,
    awardCodes: [...registration.awardCodes],
    met: meeting !== undefined,
    metBy: meeting?.caseId ?? null,
  };
}

/**
 * The awards decided in the year: a granted nomination by the day its decision was signed, an
 * imported award by its decision day, or by its year when the old register gave no day. Revoked
 * awards are no awards.
 */
function awardsOf(
  request: EvaluationSheetRequest,
  nominations: readonly SheetNomination[],
  imported: readonly SheetImportedAward[],
): AwardLine[] {
  const inYear = (decidedOn: string | null, fallbackYear: number) =>
    decidedOn === null ? fallbackYear === request.year : decidedOn.startsWith(`${request.year}-`);
  return [
    ...nominations
      .filter((nomination) => nomination.granted)
      .filter((nomination) => inYear(nomination.decidedOn, nomination.evaluationYear))
      .map((nomination): AwardLine => ({
        source: 'case',
        reference: nomination.caseId,
        awardCode: nomination.awardCode,
        awardName: request.awardName(nomination.awardCode),
        evaluationYear: nomination.evaluationYear,
        decidedOn: nomination.decidedOn,
        decisionNumber: nomination.decisionNumber,
      })),
    ...imported
      .filter((award) => award.granted && inYear(award.decidedOn, award.year))
      .map((award): AwardLine => ({
        source: 'imported',
        reference: award.id,
        awardCode: award.awardCode,
        awardName: request.awardName(award.awardCode),
        evaluationYear: award.year,
        decidedOn: award.decidedOn,
        decisionNumber: award.decisionNumber,
      })),
  ].sort(
    (a, b) =>
      compareText(a.decidedOn ?? '', b.decidedOn ?? '') ||
      compareText(a.awardCode, b.awardCode) ||
      compareText(a.reference, b.reference),
  );
}

/**
 * One case of the year through the statistics on its own: the same reading of category, outcome and forms
 * (whichever workflow version wrote it) as the counts, so the lines add up to them.
 */
function violationLine(
  record: ViolationCaseRecord,
  counted: ViolationStatistics,
  request: EvaluationSheetRequest,
): ViolationLine {
  const one = (lines: readonly { code: string; label: Localized; count: number }[]) =>
    lines.filter((line) => line.count > 0).map(({ code, label }) => ({ code, label }));
  const category = one(counted.byCategory)[0] ?? { code: '', label: NOT_GIVEN };
  const occurredOn = typeof record.data.occurredOn === 'string' ? record.data.occurredOn : null;
  return {
    caseId: record.id,
    occurredOn: occurredOn ?? record.reportedOn,
    category,
    outcome: one(counted.byOutcome)[0],
    disciplineForms: counted.disciplinesByForm.flatMap((line) =>
      Array.from({ length: line.count }, () => ({ code: line.code, label: line.label })),
    ),
    countsAgainstTraffic:
      request.categories.find((entry) => entry.code === category.code)?.countsAgainstTraffic ===
      true,
  };
}

function overlaps(period: { from: string; to: string }, year: { from: string; to: string }) {
  return period.from <= year.to && period.to >= year.from;
}

function depthOf(path: string): number {
  return path.split('/').length - 2;
}

/** Paths sorted as text put a unit right before its subtree; siblings then go by code. */
function depthFirst(units: readonly SheetUnit[]): SheetUnit[] {
  const children = groupBy(units, (unit) => parentPathOf(unit.path));
  const paths = new Set(units.map((unit) => unit.path));
  const roots = units.filter((unit) => !paths.has(parentPathOf(unit.path)));
  const ordered: SheetUnit[] = [];
  const visit = (unit: SheetUnit) => {
    ordered.push(unit);
    for (const child of [...(children.get(unit.path) ?? [])].sort((a, b) =>
      compareText(a.code, b.code),
    )) {
      visit(child);
    }
  };
  for (const unit of [...roots].sort((a, b) => compareText(a.code, b.code))) visit(unit);
  return ordered;
}

function parentPathOf(path: string): string {
  const parts = path.split('/').filter((part) => part.length > 0);
  return parts.length <= 1 ? '/' : `/${parts.slice(0, -1).join('/')}/`;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}

/** Code-point order: the same on every machine and database (no locale). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
