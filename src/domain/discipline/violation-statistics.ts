import type { Role } from '../roles';
import type { Localized } from '../localized';
import type { ViolationCategory } from './violation-categories';

/**
 * Counts reveal no case, so the unit leader reads them too (unlike the violation cases themselves,
 * which are need-to-know).
 */
export const STATISTICS_READERS: readonly Role[] = [
  'secretariat',
  'council_chair',
  'auditor',
  'unit_leader',
];

/**
 * Violation statistics for the annual evaluation (issue 14 item 8): per unit subtree and period,
 * counted by the day of the violation, never by the day it was reported or decided. The plan's
 * criterion is "compliance with traffic law" (Chỉ thị 23-CT/TW), which the annual quality rating
 * counts per member (domain.md §9); its line here is the share of members with no confirmed traffic
 * violation in the period.
 *
 * Pure: the caller reads the cases (as a system read: need-to-know does not hide a case from a
 * count), the catalogue of categories, the discipline forms and the members.
 */

export const VIOLATION_SOURCES = {
  police_notice: { vi: 'Thông báo của cơ quan công an', en: 'Police notice' },
  inspection: { vi: 'Kiểm tra, thanh tra', en: 'Inspection' },
  self_report: { vi: 'Tự báo cáo', en: 'Self-report' },
  press: { vi: 'Báo chí phản ánh', en: 'Press report' },
  citizen_report: { vi: 'Phản ánh của người dân', en: 'Citizen report' },
} as const satisfies Record<string, Localized>;

export type ViolationSource = keyof typeof VIOLATION_SOURCES;

/**
 * What became of a violation, one line per case (the lines add up to the total). A case with
 * several decisions (a Party and a State track) counts under its heaviest one still standing.
 */
export const VIOLATION_OUTCOMES = {
  dismissed: { vi: 'Kết luận không có vi phạm', en: 'Dismissed (no violation)' },
  pending: { vi: 'Đang xác minh, chưa kết luận', en: 'Pending (not yet concluded)' },
  confirmed_undecided: {
    vi: 'Đã kết luận có vi phạm, chưa có quyết định xử lý',
    en: 'Confirmed, no decision yet',
  },
  discipline: { vi: 'Quyết định kỷ luật', en: 'Decided: discipline' },
  criticism: { vi: 'Quyết định phê bình', en: 'Decided: criticism' },
  reminder: { vi: 'Quyết định nhắc nhở', en: 'Decided: reminder' },
  no_discipline: { vi: 'Quyết định không kỷ luật', en: 'Decided: no discipline' },
  annulled: {
    vi: 'Quyết định đã bị hủy bỏ khi giải quyết khiếu nại',
    en: 'Decided, then annulled on appeal',
  },
} as const satisfies Record<string, Localized>;

export type ViolationOutcome = keyof typeof VIOLATION_OUTCOMES;

/** A line for a case whose data names no category or no source (violation v1–v3 made them optional). */
export const NOT_GIVEN: Localized = { vi: 'Không ghi', en: 'Not given' };

/** Heaviest first: the line a case with several standing decisions counts under. */
const DECISION_OUTCOME_WEIGHT: readonly ViolationOutcome[] = [
  'discipline',
  'criticism',
  'reminder',
  'no_discipline',
];

export interface DisciplineFormEntry {
  code: string;
  name: Localized;
  /** Lighter first in the table; a form of no known severity comes last. */
  severity?: number;
}

/** One violation case as stored: data and context read as the workflow version wrote them. */
export interface ViolationCaseRecord {
  id: string;
  subject: { kind: 'person'; personId: string } | { kind: 'unit'; unitId: string };
  data: Readonly<Record<string, unknown>>;
  context: Readonly<Record<string, unknown>>;
  /** The tags of the case's state in its workflow version. */
  tags: readonly string[];
  /** The day (in Việt Nam) the case was opened: the date of a v1–v3 report that gave none. */
  reportedOn: string;
}

export interface ViolationStatisticsRequest {
  /** Inclusive ISO dates, `from` <= `to`. */
  period: { from: string; to: string };
  cases: readonly ViolationCaseRecord[];
  /**
   * data/catalogues/violation-categories.json. v3's "traffic" is a legacy entry there that counts
   * against traffic, so v3 traffic cases count as v3 said they would.
   */
  categories: readonly ViolationCategory[];
  forms: readonly DisciplineFormEntry[];
  /**
   * The people who are members of the subtree (active in the registry). The share is theirs: a
   * violator who has since left is not a member any more, and counting ids rather than subtracting
   * a count keeps such a person from making the share wrong.
   */
  memberIds: readonly string[];
}

export interface CountLine {
  code: string;
  label: Localized;
  count: number;
}

export interface ExactShare {
  numerator: number;
  denominator: number;
  /** Rounded half up to one decimal; null when there are no members. */
  percent: number | null;
}

export interface ViolationStatistics {
  period: { from: string; to: string };
  /** Violations that occurred in the period. */
  total: number;
  /** Of these, how many gave no date of the violation and were counted by the day reported. */
  datedByReport: number;
  /** Every current category; a legacy one only when a case of an older version uses it. */
  byCategory: CountLine[];
  bySource: CountLine[];
  byOutcome: CountLine[];
  /** Discipline decisions standing (annulled ones left out), under their current form. */
  disciplinesByForm: CountLine[];
  disciplines: number;
  /** Distinct people with at least one discipline decision standing. */
  membersDisciplined: number;
  /** Distinct people with a confirmed violation of a category that counts against traffic. */
  peopleWithConfirmedTrafficViolation: number;
  members: number;
  /** Members with no confirmed traffic violation in the period, over all members. */
  trafficCompliance: ExactShare;
}

/** A decision as statistics read it, whichever workflow version wrote it. */
interface DecisionFacts {
  outcome: string;
  form: string | null;
  annulled: boolean;
}

interface CaseFacts {
  occurredOn: string;
  datedByReport: boolean;
  category: string | null;
  source: string | null;
  dismissed: boolean;
  confirmed: boolean;
  decisions: DecisionFacts[];
  personId: string | null;
}

export function violationStatistics(request: ViolationStatisticsRequest): ViolationStatistics {
  const { from, to } = request.period;
  const categories = new Map(request.categories.map((entry) => [entry.code, entry]));
  const inPeriod = request.cases
    .map(caseFacts)
    .filter((facts) => facts.occurredOn >= from && facts.occurredOn <= to);

  const byCategory = new Counter();
  const bySource = new Counter();
  const byOutcome = new Counter();
  const byForm = new Counter();
  const disciplined = new Set<string>();
  const trafficViolators = new Set<string>();
  for (const facts of inPeriod) {
    byCategory.add(facts.category ?? '');
    bySource.add(facts.source ?? '');
    byOutcome.add(outcomeOf(facts));
    const standing = facts.decisions.filter(
      (decision) => !decision.annulled && decision.outcome === 'discipline',
    );
    for (const decision of standing) byForm.add(decision.form ?? '');
    if (standing.length > 0 && facts.personId !== null) disciplined.add(facts.personId);
    const countsAgainstTraffic =
      facts.category !== null && categories.get(facts.category)?.countsAgainstTraffic === true;
    if (facts.personId !== null && facts.confirmed && !facts.dismissed && countsAgainstTraffic) {
      trafficViolators.add(facts.personId);
    }
  }

  const members = new Set(request.memberIds);
  const compliant = [...members].filter((id) => !trafficViolators.has(id)).length;
  return {
    period: { from, to },
    total: inPeriod.length,
    datedByReport: inPeriod.filter((facts) => facts.datedByReport).length,
    byCategory: [
      ...request.categories
        .filter((entry) => entry.legacy !== true || byCategory.get(entry.code) > 0)
        .map((entry) => line(entry.code, entry.name, byCategory)),
      ...byCategory
        .unlisted(categories)
        .map((code) => line(code, labelOfUnknown(code), byCategory)),
    ],
    bySource: [
      ...Object.entries(VIOLATION_SOURCES).map(([code, label]) => line(code, label, bySource)),
      ...bySource
        .unlisted(new Map(Object.entries(VIOLATION_SOURCES)))
        .map((code) => line(code, labelOfUnknown(code), bySource)),
    ],
    byOutcome: Object.entries(VIOLATION_OUTCOMES).map(([code, label]) =>
      line(code, label, byOutcome),
    ),
    disciplinesByForm: formLines(byForm, request.forms),
    disciplines: byForm.total(),
    membersDisciplined: disciplined.size,
    peopleWithConfirmedTrafficViolation: trafficViolators.size,
    members: members.size,
    trafficCompliance: share(compliant, members.size),
  };
}

/** Exact counts and the percentage rounded half up to one decimal (2/3 → 66.7). */
export function share(numerator: number, denominator: number): ExactShare {
  return {
    numerator,
    denominator,
    percent: denominator === 0 ? null : Math.round((numerator * 1000) / denominator) / 10,
  };
}

function outcomeOf(facts: CaseFacts): ViolationOutcome {
  if (facts.dismissed) return 'dismissed';
  if (facts.decisions.length > 0) {
    const standing = new Set(facts.decisions.filter((d) => !d.annulled).map((d) => d.outcome));
    if (standing.size === 0) return 'annulled';
    return DECISION_OUTCOME_WEIGHT.find((outcome) => standing.has(outcome)) ?? 'discipline';
  }
  return facts.confirmed ? 'confirmed_undecided' : 'pending';
}

function caseFacts(record: ViolationCaseRecord): CaseFacts {
  const { data, context } = record;
  const occurredOn = text(data.occurredOn);
  const decisions = decisionsOf(context);
  return {
    occurredOn: occurredOn ?? record.reportedOn,
    datedByReport: occurredOn === null,
    category: text(data.category),
    source: text(data.source),
    dismissed: record.tags.includes('dismissed'),
    // v1 recorded no day of confirmation; a decision is only ever made on a confirmed violation.
    confirmed: text(context.confirmedOn) !== null || decisions.length > 0,
    decisions,
    personId: record.subject.kind === 'person' ? record.subject.personId : null,
  };
}

/**
 * v4 keeps every decision in `context.decisions`; v1–v3 kept one `context.decision` and its
 * `context.discipline` ({ subjectType, form }, or null when none was imposed).
 */
function decisionsOf(context: Readonly<Record<string, unknown>>): DecisionFacts[] {
  if (Array.isArray(context.decisions)) {
    return context.decisions.filter(isRecord).map((decision) => ({
      outcome: text(decision.outcome) ?? 'discipline',
      form: text(decision.form),
      annulled: decision.status === 'annulled',
    }));
  }
  if (!isRecord(context.decision)) return [];
  const discipline = isRecord(context.discipline) ? context.discipline : null;
  return [
    {
      outcome: discipline === null ? 'no_discipline' : 'discipline',
      form: discipline === null ? null : text(discipline.form),
      annulled: false,
    },
  ];
}

function formLines(counter: Counter, forms: readonly DisciplineFormEntry[]): CountLine[] {
  const known = new Map(forms.map((form) => [form.code, form]));
  const severity = (code: string) => known.get(code)?.severity ?? Number.MAX_SAFE_INTEGER;
  return counter
    .codes()
    .sort((a, b) => severity(a) - severity(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map((code) => line(code, known.get(code)?.name ?? labelOfUnknown(code), counter));
}

function line(code: string, label: Localized, counter: Counter): CountLine {
  return { code, label, count: counter.get(code) };
}

/** An empty code is a value not given; any other unknown code shows as itself. */
function labelOfUnknown(code: string): Localized {
  return code === '' ? NOT_GIVEN : { vi: code, en: code };
}

class Counter {
  private readonly counts = new Map<string, number>();

  add(code: string): void {
    this.counts.set(code, this.get(code) + 1);
  }

  get(code: string): number {
    return this.counts.get(code) ?? 0;
  }

  codes(): string[] {
    return [...this.counts.keys()];
  }

  total(): number {
    return [...this.counts.values()].reduce((sum, n) => sum + n, 0);
  }

  /** Codes counted that the vocabulary does not list (a value not given sorts first). */
  unlisted(listed: ReadonlyMap<string, unknown>): string[] {
    return this.codes()
      .filter((code) => !listed.has(code))
      .sort();
  }
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
