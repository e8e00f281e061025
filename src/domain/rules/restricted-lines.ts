import type { Localized } from '../localized';
import type { EligibilityLine, EligibilityResult, IsoDate } from './eligibility-types';
import { text, viDate } from './eligibility-text';
import type { RuleSet } from './rule-set';
import { summariseRelatedCases, type RelatedCase } from './related-cases';

/**
 * What a violation case can give a nomination's eligibility evaluation, each read by its own kind
 * of line: a discipline (the nominee's), a pending matter, a confirmed traffic violation, a
 * member's discipline (a collective's).
 */
export type ViolationFactKind =
  'discipline' | 'pending_matter' | 'traffic_violation' | 'member_discipline';

/** The violation cases behind one evaluation's facts, by the kind of fact each gave. */
export type ViolationSources = Record<ViolationFactKind, readonly string[]>;

export const NO_VIOLATION_SOURCES: ViolationSources = {
  discipline: [],
  pending_matter: [],
  traffic_violation: [],
  member_discipline: [],
};

/** A line that describes violation cases its reader may not read, as it was before restriction. */
export interface RestrictedLine {
  /** Its position in the result's lines. */
  index: number;
  line: EligibilityLine;
  /** The violation cases it may describe. */
  sources: readonly string[];
}

/**
 * Which violation cases gave which facts: the nominee's own cases (`own`) and, for a collective,
 * its members' (`members`). Read with the same summary the evaluation's facts come from, one case
 * at a time.
 */
export function violationSourcesOf(
  own: readonly RelatedCase[],
  members: readonly RelatedCase[] = [],
): ViolationSources {
  const sources = {
    discipline: [] as string[],
    pending_matter: [] as string[],
    traffic_violation: [] as string[],
    member_discipline: [] as string[],
  };
  // The nomination being judged is none of these (no related case has its id).
  const gave = (c: RelatedCase) => summariseRelatedCases([c], '');
  for (const c of own) {
    const summary = gave(c);
    if (summary.disciplines.length > 0) sources.discipline.push(c.id);
    if (summary.pendingMatters.length > 0) sources.pending_matter.push(c.id);
    if (summary.trafficViolations.length > 0) sources.traffic_violation.push(c.id);
  }
  for (const c of members) {
    if (gave(c).disciplines.length > 0) sources.member_discipline.push(c.id);
  }
  return sources;
}

/** The kind of violation fact a line reads, by its rule code; null for the other lines. */
function kindOf(rule: string): ViolationFactKind | null {
  if (rule === 'discipline.in_force') return 'discipline';
  if (rule === 'on_hold.pending_matter') return 'pending_matter';
  if (rule.startsWith('compliance.')) return 'traffic_violation';
  if (rule.startsWith('member.no_discipline')) return 'member_discipline';
  return null;
}

/**
 * The violation cases a line may describe. A passing line names none of them ("no pending
 * matter", "no member disciplined in 2025"), except the discipline line, which lists the
 * disciplines that ended (form, decision, dates).
 */
export function sourcesOfLine(line: EligibilityLine, sources: ViolationSources): readonly string[] {
  const kind = kindOf(line.rule);
  if (kind === null) return [];
  if (line.outcome === 'pass' && kind !== 'discipline') return [];
  return sources[kind];
}

/**
 * The result as a reader who may not read some of the violation cases behind it sees it: every line
 * that may describe one of those says only what it means for the nomination (in force until when,
 * on hold) and where to ask, never the other case's id, its discipline form, decision or dates.
 * Outcomes are untouched, so the overall outcome and the guards that read it are too.
 */
export function restrictEligibility(
  ruleSet: RuleSet,
  result: EligibilityResult,
  sources: ViolationSources,
  mayRead: (caseId: string) => boolean,
): { result: EligibilityResult; restricted: RestrictedLine[] } {
  const restricted: RestrictedLine[] = [];
  const lines = result.lines.map((line, index) => {
    const behind = sourcesOfLine(line, sources);
    if (behind.every(mayRead)) return line;
    restricted.push({ index, line, sources: behind });
    return restrictedLine(ruleSet, line);
  });
  return { result: { ...result, lines }, restricted };
}

const SEE_SECRETARIAT = text(
  'xem thông tin tại cơ quan thường trực Hội đồng Thi đua – Khen thưởng',
  'see the secretariat',
);

const withPointer = (what: Localized): Localized =>
  text(`${what.vi} — ${SEE_SECRETARIAT.vi}`, `${what.en} — ${SEE_SECRETARIAT.en}`);

/**
 * A line as it reads without what came from the violation cases: its rule, outcome and sources.
 * The discipline line cites what its bars rest on, which would tell a Party discipline from an
 * administrative one: restricted, it cites only the rule that a discipline bars commendation.
 */
export function restrictedLine(ruleSet: RuleSet, line: EligibilityLine): EligibilityLine {
  return {
    rule: line.rule,
    outcome: line.outcome,
    reason: withPointer(restrictedReason(line)),
    source:
      kindOf(line.rule) === 'discipline' ? ruleSet.discipline.afterDiscipline.source : line.source,
    details: { restricted: true },
  };
}

function restrictedReason(line: EligibilityLine): Localized {
  switch (kindOf(line.rule)) {
    case 'discipline':
      return disciplineReason(line);
    case 'pending_matter':
      return line.outcome === 'on_hold'
        ? text(
            'Tạm dừng xét khen thưởng: có vụ việc liên quan đang được xử lý',
            'On hold: a matter about the nominee is being handled',
          )
        : text(
            'Có vụ việc liên quan đang được xử lý, cần xem xét việc tạm dừng xét khen thưởng',
            'A matter about the nominee is being handled; whether it holds commendation needs review',
          );
    case 'traffic_violation':
      return text(
        'Có vi phạm được cơ quan chức năng xác nhận trong năm đánh giá',
        'A violation was confirmed by the authorities in the evaluation year',
      );
    case 'member_discipline':
      return text(
        'Có thành viên bị kỷ luật trong năm đánh giá',
        'A member was disciplined in the evaluation year',
      );
    default:
      return text(
        'Căn cứ vào hồ sơ vi phạm của đơn vị khác',
        'Rests on a violation case of another unit',
      );
  }
}

/** "Discipline in force until …": the latest end of the barring disciplines, and nothing else. */
function disciplineReason(line: EligibilityLine): Localized {
  if (line.outcome === 'pass') {
    return text(
      'Không có kỷ luật còn hiệu lực trong thời gian xét; có quyết định kỷ luật trước đó',
      'No discipline in force in the period judged; an earlier discipline is on record',
    );
  }
  if (line.outcome !== 'fail') {
    return text('Cần xem xét một quyết định kỷ luật', 'A discipline decision needs review');
  }
  const end = latestEndInForce(line.details);
  if (end === null) {
    return text('Đang chịu kỷ luật không có thời hạn', 'Discipline in force with no end date');
  }
  if (end === undefined) return text('Đang chịu kỷ luật', 'Discipline in force');
  return text(
    `Đang chịu kỷ luật, còn hiệu lực đến ${viDate(end)}`,
    `Discipline in force until ${end}`,
  );
}

interface DisciplineDetail {
  end?: IsoDate | null;
  inForceDuringYear?: boolean;
  inForceOnAsOf?: boolean;
}

/** Null: one of them has no end; undefined: no end is known. */
function latestEndInForce(
  details: Record<string, unknown> | undefined,
): IsoDate | null | undefined {
  const listed = Array.isArray(details?.disciplines)
    ? (details.disciplines as DisciplineDetail[])
    : [];
  let latest: IsoDate | undefined;
  for (const d of listed.filter((d) => d.inForceDuringYear || d.inForceOnAsOf)) {
    if (d.end === null) return null;
    if (typeof d.end === 'string' && (latest === undefined || d.end > latest)) latest = d.end;
  }
  return latest;
}
