import { isIsoDate } from '../calendar/iso-date';
import { authorityNames, formatOf, grantingUnitFor } from './granting-authority';
import type { Award, GrantorLevel, RuleSet, SubjectKind } from './rule-set';
import { ruleSetHash, type LoadedRuleSet } from './rule-set-catalogue';
import {
  achievementsCountFrom,
  achievementWindow,
  checkDiscipline,
  dedupeSources,
  disciplineBar,
} from './eligibility-discipline';
import { checkMemberCondition, memberConditionCode } from './eligibility-members';
import { checkAwardRequirements, type PrerequisiteContext } from './eligibility-prerequisites';
import {
  awardName,
  documentName,
  lower,
  text,
  viDate,
  yearEnd,
  yearStart,
} from './eligibility-text';
import {
  InvalidEligibilityRequestError,
  UnknownAwardError,
  type Achievement,
  type EligibilityFacts,
  type EligibilityLine,
  type EligibilityOutcome,
  type EligibilityRequest,
  type EligibilityResult,
  type PendingMatter,
} from './eligibility-types';

export * from './eligibility-types';

/**
 * Which rule-set on-hold reason (discipline.onHold.reasons[].code) each kind of pending matter is.
 * A vocabulary mapping, not a legal value: whether the reason holds a nomination is the rule set's.
 */
const ON_HOLD_REASON: Record<PendingMatter['kind'], string> = {
  violation_case: 'discipline_pending',
  investigation: 'under_investigation',
  complaint: 'complaint_pending',
};

/** The rule set's grantor levels from the lowest up (the order of the hierarchy, not a value). */
const LEVEL_ORDER: GrantorLevel[] = ['grassroots', 'ministry_province', 'government', 'state'];
const LEVEL_TEXT: Record<GrantorLevel, { vi: string; en: string }> = {
  grassroots: text('cơ sở', 'grassroots'),
  ministry_province: text('bộ, ban, ngành, tỉnh', 'ministry or province'),
  government: text('Chính phủ', 'Government'),
  state: text('Nhà nước', 'State'),
  party_grassroots: text('tổ chức cơ sở đảng', 'grassroots Party organisation'),
  party_superior: text(
    'cấp ủy cấp trên trực tiếp cơ sở',
    'Party committee directly above the grassroots',
  ),
  party_provincial: text('tỉnh ủy', 'provincial Party committee'),
};

/**
 * Evaluates a nomination against the rule set: one line per rule, each with its outcome, a specific
 * bilingual reason and the rule set's source. Pure: the facts are loaded by the caller and `asOf`
 * stands for "today".
 *
 * Overall: any on_hold → on_hold; else any fail → ineligible; else any needs_review →
 * needs_review; else eligible.
 */
export function evaluateEligibility(
  ruleSetOrLoaded: RuleSet | LoadedRuleSet,
  request: EligibilityRequest,
  facts: EligibilityFacts,
): EligibilityResult {
  const ruleSet = 'ruleSet' in ruleSetOrLoaded ? ruleSetOrLoaded.ruleSet : ruleSetOrLoaded;
  const hash = 'ruleSet' in ruleSetOrLoaded ? ruleSetOrLoaded.hash : ruleSetHash(ruleSet);
  validateRequest(request);
  const award = ruleSet.awards.find((a) => a.code === request.awardCode);
  if (award === undefined) {
    throw new UnknownAwardError(
      `Award "${request.awardCode}" is not in rule set "${ruleSet.id}" version ${ruleSet.version}`,
      { awardCode: request.awardCode, ruleSetId: ruleSet.id, ruleSetVersion: ruleSet.version },
    );
  }
  const subject: SubjectKind = request.nomineeKind === 'person' ? 'individual' : 'collective';
  const year = request.evaluationYear;
  const bars = facts.disciplines.map((d) => disciplineBar(ruleSet, d));
  const ctx: PrerequisiteContext = {
    ruleSet,
    facts,
    year,
    subject,
    countsFrom: achievementsCountFrom(bars, request.asOf),
  };

  const lines: EligibilityLine[] = [
    subjectLine(award, subject),
    onHoldLine(ruleSet, request, facts),
    {
      rule: 'discipline.in_force',
      ...checkDiscipline(
        ruleSet,
        bars,
        achievementWindow(ruleSet, year, request.achievementPeriod),
        request.asOf,
      ),
    },
    ...checkAwardRequirements(ctx, award).map((r) => ({
      rule: r.rule,
      ...r.result,
      source: dedupeSources(
        r.prerequisite !== undefined
          ? r.prerequisite.source
          : (r.routes ?? []).flatMap((route) => route.source),
      ),
    })),
    ...(subject === 'collective'
      ? (award.memberConditions ?? []).map((c) => ({
          rule: memberConditionCode(c),
          ...checkMemberCondition(ruleSet, c, facts.members, year),
          source: c.source,
        }))
      : []),
    oneAwardLine(ruleSet, award, request, facts),
    dossierLine(ruleSet, award, request),
    nominatorLine(request),
    request.authorityChain === undefined
      ? grantorLine(award, request)
      : grantingAuthorityLine(ruleSet, award, request),
    ...complianceLines(ruleSet, subject, request, facts),
  ];
  return {
    outcome: overall(lines),
    lines,
    ruleSet: { id: ruleSet.id, version: ruleSet.version, hash },
  };
}

export function overall(lines: EligibilityLine[]): EligibilityOutcome {
  const outcomes = new Set(lines.map((l) => l.outcome));
  if (outcomes.has('on_hold')) return 'on_hold';
  if (outcomes.has('fail')) return 'ineligible';
  if (outcomes.has('needs_review')) return 'needs_review';
  return 'eligible';
}

function validateRequest(request: EligibilityRequest): void {
  const problems: string[] = [];
  if (!Number.isInteger(request.evaluationYear)) problems.push('evaluationYear must be an integer');
  if (!isIsoDate(request.asOf)) problems.push('asOf must be a calendar date YYYY-MM-DD');
  const period = request.achievementPeriod;
  if (
    period !== undefined &&
    (!isIsoDate(period.from) ||
      !isIsoDate(period.to) ||
      period.from > period.to ||
      period.from.slice(0, 4) !== String(request.evaluationYear) ||
      period.to.slice(0, 4) !== String(request.evaluationYear))
  ) {
    problems.push('achievementPeriod must be from ≤ to, both dates in the evaluation year');
  }
  if (request.nomineeKind !== 'person' && request.nomineeKind !== 'unit') {
    problems.push("nomineeKind must be 'person' or 'unit'");
  }
  if (problems.length > 0) {
    throw new InvalidEligibilityRequestError(
      `Invalid eligibility request: ${problems.join('; ')}`,
      {
        problems,
      },
    );
  }
}

function subjectLine(award: Award, subject: SubjectKind): EligibilityLine {
  const name = award.name;
  const ok = award.subjects.includes(subject);
  const who =
    subject === 'individual' ? text('cá nhân', 'individuals') : text('tập thể', 'collectives');
  return {
    rule: 'award.subject_kind',
    outcome: ok ? 'pass' : 'fail',
    reason: ok
      ? text(`${name.vi} xét tặng cho ${who.vi}`, `${name.en} is awarded to ${who.en}`)
      : text(`${name.vi} không xét tặng cho ${who.vi}`, `${name.en} is not awarded to ${who.en}`),
    source: award.source,
  };
}

function onHoldLine(
  ruleSet: RuleSet,
  request: EligibilityRequest,
  facts: EligibilityFacts,
): EligibilityLine {
  const onHold = ruleSet.discipline.onHold;
  const pending = facts.pendingMatters.filter((m) => m.openedOn <= request.asOf);
  const matched = pending.map((matter) => ({
    matter,
    reason: onHold.reasons.find((r) => r.code === ON_HOLD_REASON[matter.kind]),
  }));
  const details = {
    pending: matched.map((m) => ({
      kind: m.matter.kind,
      reference: m.matter.reference,
      openedOn: m.matter.openedOn,
      reasonCode: m.reason?.code,
    })),
  };
  const holding = matched.filter((m) => m.reason !== undefined);
  if (holding.length > 0) {
    return {
      rule: 'on_hold.pending_matter',
      outcome: 'on_hold',
      reason: text(
        `Tạm dừng xét khen thưởng: ${holding
          .map(
            (m) => `${m.reason!.text.vi} (${m.matter.reference}, từ ${viDate(m.matter.openedOn)})`,
          )
          .join('; ')}`,
        `On hold: ${holding
          .map((m) => `${m.reason!.text.en} (${m.matter.reference}, since ${m.matter.openedOn})`)
          .join('; ')}`,
      ),
      source: onHold.source,
      details,
    };
  }
  if (matched.length > 0) {
    return {
      rule: 'on_hold.pending_matter',
      outcome: 'needs_review',
      reason: text(
        `Bộ quy tắc không nêu việc đang xử lý sau có làm tạm dừng xét khen thưởng không: ${matched
          .map((m) => `${m.matter.reference} (${m.matter.kind})`)
          .join(', ')}`,
        `The rule set does not say whether these pending matters put commendation on hold: ${matched
          .map((m) => `${m.matter.reference} (${m.matter.kind})`)
          .join(', ')}`,
      ),
      source: onHold.source,
      details,
    };
  }
  return {
    rule: 'on_hold.pending_matter',
    outcome: 'pass',
    reason: text(
      'Không có vụ việc vi phạm, cuộc điều tra, thanh tra hay đơn thư khiếu nại, tố cáo đang xử lý',
      'No pending violation case, investigation or complaint',
    ),
    source: onHold.source,
    details,
  };
}

/**
 * One achievement, one award (Law Art 5 principle, summarised in domain.md §1): no second open or
 * granted nomination, and no award already held, for the same nominee, award and year. Rejected and
 * withdrawn nominations do not count. The rule set carries no entry for the principle, so the line
 * cites the award's own source.
 */
/**
 * Whether two awards of one form and year reward the same achievement: the same type of
 * commendation (absent: regular) and, for a type that rewards a drive (not regular, and not one
 * the rule set counts toward chains: thematic, campaign), the same movement when both name theirs.
 */
function isSameAchievement(ruleSet: RuleSet, a: Achievement, b: Achievement): boolean {
  const type = a.commendationType ?? REGULAR;
  if (type !== (b.commendationType ?? REGULAR)) return false;
  const ofADrive =
    type !== REGULAR &&
    ruleSet.commendationTypes?.find((t) => t.code === type)?.countsTowardChains !== true;
  if (!ofADrive || a.movementId === undefined || b.movementId === undefined) return true;
  return a.movementId === b.movementId;
}

/** The type of commendation of a nomination that names none (before nomination v7): annual merit. */
const REGULAR = 'regular';

function oneAwardLine(
  ruleSet: RuleSet,
  award: Award,
  request: EligibilityRequest,
  facts: EligibilityFacts,
): EligibilityLine {
  const year = request.evaluationYear;
  const name = awardName(ruleSet, award.code);
  // An emulation title is the year's: the same title and year is the same achievement. A
  // commendation form may be given again for another achievement (a certificate at year end and
  // one from a thematic movement): another type of commendation, or another movement's drive.
  const sameAchievement = (other: Achievement) =>
    award.kind !== 'form' || isSameAchievement(ruleSet, request.achievement ?? {}, other);
  const same = facts.otherNominations.filter(
    (n) => n.awardCode === award.code && n.year === year && n.caseId !== request.caseId,
  );
  const otherAchievements = same.filter((n) => !sameAchievement(n));
  const counting = same.filter(
    (n) => sameAchievement(n) && (n.state === 'open' || n.state === 'granted'),
  );
  const held = facts.awardsHeld.filter(
    (a) =>
      a.awardCode === award.code &&
      a.year === year &&
      a.status === 'granted' &&
      sameAchievement(a) &&
      !otherAchievements.some((n) => n.caseId === a.caseId) &&
      !counting.some((n) => n.state === 'granted' && (a.caseId ?? a.reference) === n.caseId),
  );
  const details = {
    conflicts: counting.map((n) => ({ caseId: n.caseId, state: n.state })),
    alreadyHeld: held.map((a) => ({ source: a.source, reference: a.reference })),
    ignored: same
      .filter((n) => !counting.includes(n) && !otherAchievements.includes(n))
      .map((n) => ({ caseId: n.caseId, state: n.state })),
    ...(otherAchievements.length === 0
      ? {}
      : {
          otherAchievements: otherAchievements.map((n) => ({ caseId: n.caseId, state: n.state })),
        }),
  };
  if (counting.length === 0 && held.length === 0) {
    return {
      rule: 'one_achievement_one_award',
      outcome: 'pass',
      reason: text(
        `Không có đề nghị hoặc quyết định khác về ${name.vi} năm ${year} cho cùng đối tượng`,
        `No other nomination or award of ${name.en} for ${year} to the same nominee`,
      ),
      source: award.source,
      details,
    };
  }
  const parts = [
    ...counting.map((n) =>
      n.state === 'open'
        ? text(
            `đang có đề nghị khác (hồ sơ ${n.caseId})`,
            `another nomination is open (case ${n.caseId})`,
          )
        : text(`đã được tặng (hồ sơ ${n.caseId})`, `already granted (case ${n.caseId})`),
    ),
    ...held.map((a) =>
      a.source === 'import'
        ? text(
            `đã được tặng theo dữ liệu lịch sử${a.reference === undefined ? '' : ` (${a.reference})`}`,
            `already granted per imported history${a.reference === undefined ? '' : ` (${a.reference})`}`,
          )
        : text(
            `đã được tặng${a.reference === undefined ? '' : ` (${a.reference})`}`,
            `already granted${a.reference === undefined ? '' : ` (${a.reference})`}`,
          ),
    ),
  ];
  return {
    rule: 'one_achievement_one_award',
    outcome: 'fail',
    reason: text(
      `Một thành tích chỉ được khen một lần: ${name.vi} năm ${year} — ${parts.map((p) => p.vi).join('; ')}`,
      `One achievement, one award: ${name.en} for ${year} — ${parts.map((p) => p.en).join('; ')}`,
    ),
    source: award.source,
    details,
  };
}

function dossierLine(ruleSet: RuleSet, award: Award, request: EligibilityRequest): EligibilityLine {
  const provided = new Set(request.documents);
  const required = award.dossier.documents;
  const missing = required.filter((code) => !provided.has(code));
  // Conditional documents depend on what the nomination relies on, which people judge: listed only.
  const conditional = (award.dossier.conditional ?? []).map((c) => ({
    document: c.document,
    when: c.when,
    provided: provided.has(c.document),
  }));
  const details = { required, missing, conditional };
  if (missing.length === 0) {
    return {
      rule: 'dossier.complete',
      outcome: 'pass',
      reason: text(
        `Đủ ${required.length} tài liệu bắt buộc của hồ sơ`,
        `All ${required.length} required dossier documents are provided`,
      ),
      source: award.dossier.source,
      details,
    };
  }
  const names = missing.map((code) => documentName(ruleSet, code));
  return {
    rule: 'dossier.complete',
    outcome: 'fail',
    reason: text(
      `Hồ sơ thiếu: ${names.map((n) => n.vi).join('; ')}`,
      `Dossier missing: ${names.map((n) => n.en).join('; ')}`,
    ),
    source: award.dossier.source,
    details,
  };
}

/** A product rule (no legal source in the rule set): nobody proposes themselves. */
function nominatorLine(request: EligibilityRequest): EligibilityLine {
  const base = { rule: 'nominator.not_nominee', source: [] };
  if (request.nomineeKind === 'unit') {
    return {
      ...base,
      outcome: 'pass',
      reason: text('Đối tượng được đề nghị là tập thể', 'The nominee is a collective'),
    };
  }
  if (request.nomineePersonId === undefined) {
    return {
      ...base,
      outcome: 'needs_review',
      reason: text('Chưa xác định người được đề nghị', 'The nominee is not identified'),
    };
  }
  return request.nomineePersonId === request.nominatorPersonId
    ? {
        ...base,
        outcome: 'fail',
        reason: text(
          `Người đề nghị (${request.nominatorPersonId}) cũng là người được đề nghị: không được tự đề nghị khen thưởng`,
          `The nominator (${request.nominatorPersonId}) is the nominee: self-nomination is not allowed`,
        ),
      }
    : {
        ...base,
        outcome: 'pass',
        reason: text(
          'Người đề nghị không phải là người được đề nghị',
          'The nominator is not the nominee',
        ),
      };
}

/**
 * The rule set says at which level an award is granted, not which units may propose it. A unit at
 * the grantor's level proposes to its own head; a lower unit proposes upward. A unit above the
 * grantor level, or one whose level is unknown, is for a person to judge.
 */
function grantorLine(award: Award, request: EligibilityRequest): EligibilityLine {
  const base = { rule: 'grantor.level', source: award.grantor.source };
  const grantor = award.grantor.level;
  const unit = request.nominatingUnit.level;
  const details = {
    grantorLevel: grantor,
    grantorAuthorities: award.grantor.authorities,
    unitLevel: unit,
    unitKind: request.nominatingUnit.kind,
  };
  const g = LEVEL_TEXT[grantor];
  if (unit === undefined) {
    return {
      ...base,
      outcome: 'needs_review',
      reason: text(
        `Chưa biết cấp của đơn vị đề nghị (${request.nominatingUnit.kind}); bộ quy tắc không có dữ liệu để xác định đơn vị này có được đề nghị ${award.name.vi} (thẩm quyền cấp ${g.vi}) hay không`,
        `The nominating unit's level is unknown (${request.nominatingUnit.kind}); the rule set has no data to decide whether it may propose ${award.name.en} (granted at ${g.en} level)`,
      ),
      details,
    };
  }
  const u = LEVEL_TEXT[unit];
  const diff = LEVEL_ORDER.indexOf(grantor) - LEVEL_ORDER.indexOf(unit);
  if (diff === 0) {
    return {
      ...base,
      outcome: 'pass',
      reason: text(
        `${award.name.vi} do cấp ${g.vi} quyết định, cùng cấp với đơn vị đề nghị`,
        `${award.name.en} is granted at ${g.en} level, the nominating unit's level`,
      ),
      details,
    };
  }
  if (diff > 0) {
    return {
      ...base,
      outcome: 'pass',
      reason: text(
        `Đơn vị cấp ${u.vi} đề nghị lên cấp ${g.vi} xét tặng ${award.name.vi}`,
        `A ${u.en}-level unit proposes ${award.name.en} upward to the ${g.en} level`,
      ),
      details,
    };
  }
  return {
    ...base,
    outcome: 'needs_review',
    reason: text(
      `${award.name.vi} do cấp ${g.vi} quyết định, thấp hơn cấp của đơn vị đề nghị (${u.vi}); bộ quy tắc không có dữ liệu để xác định đơn vị nào đề nghị`,
      `${award.name.en} is granted at ${g.en} level, below the nominating unit's level (${u.en}); the rule set has no data on which unit proposes it`,
    ),
    details,
  };
}

/**
 * Who grants the award, from the authorities the units record (granting-authority.ts): the
 * nominating unit itself, a unit above it, or the competent level outside the organisation all
 * pass (the route is in the details); a unit between the nominee and the nominating unit that
 * grants it fails the line: that unit nominates and decides, not this one (Law 06/2022 Art 80: the
 * enterprise's director grants its workers' titles, not the Party committee above the enterprise).
 */
function grantingAuthorityLine(
  ruleSet: RuleSet,
  award: Award,
  request: EligibilityRequest,
): EligibilityLine {
  const judgement = grantingUnitFor(
    ruleSet,
    award,
    request.authorityChain ?? [],
    request.nominatingUnit.id ?? '',
  );
  const { route, authority, unitName } = judgement;
  const names = authorityNames(judgement.authorities);
  const base = {
    rule: 'grantor.authority',
    source: award.grantor.source,
    details: {
      route,
      authorities: award.grantor.authorities,
      ...(authority === undefined
        ? {}
        : {
            unitId: judgement.unitId,
            unitName,
            authority: authority.code,
            format: formatOf(authority),
          }),
    },
  };
  switch (route) {
    case 'own':
      return {
        ...base,
        outcome: 'pass',
        reason: text(
          `${award.name.vi} do ${authority!.name.vi} quyết định: đơn vị đề nghị (${unitName}) có thẩm quyền này`,
          `${award.name.en} is granted by the ${authority!.name.en}: the nominating unit (${unitName}) acts as it`,
        ),
      };
    case 'upward':
      return {
        ...base,
        outcome: 'pass',
        reason: text(
          `${award.name.vi} do ${authority!.name.vi} quyết định: đơn vị đề nghị lên ${unitName}`,
          `${award.name.en} is granted by the ${authority!.name.en}: the nominating unit proposes it up to ${unitName}`,
        ),
      };
    case 'outside':
      return {
        ...base,
        outcome: 'pass',
        reason: text(
          `${award.name.vi} do ${names.vi} quyết định, không thuộc tổ chức này: đơn vị trình lên cấp có thẩm quyền`,
          `${award.name.en} is granted by the ${names.en}, outside this organisation: the unit proposes it to the competent level`,
        ),
      };
    case 'below':
      return {
        ...base,
        outcome: 'fail',
        reason: text(
          `${award.name.vi} do ${authority!.name.vi} của ${unitName} quyết định: ${unitName} đề nghị và quyết định khen thưởng, không phải đơn vị cấp trên`,
          `${award.name.en} is granted by the ${authority!.name.en} of ${unitName}: ${unitName} nominates and decides it, not a unit above it`,
        ),
      };
  }
}

/** The rule set's compliance criteria; `fact` names which list of facts holds the breaches. */
function complianceLines(
  ruleSet: RuleSet,
  subject: SubjectKind,
  request: EligibilityRequest,
  facts: EligibilityFacts,
): EligibilityLine[] {
  const year = request.evaluationYear;
  const factLists: Record<string, { confirmedOn: string; reference?: string }[]> = {
    traffic_violation_confirmed: facts.trafficViolations,
  };
  return ruleSet.complianceCriteria
    .filter((c) => c.appliesTo.includes(subject))
    .map((c): EligibilityLine => {
      const rule = `compliance.${c.code}`;
      const source = dedupeSources([...c.source, ...c.outcome.source]);
      const name = lower(c.name);
      const list = factLists[c.fact];
      if (list === undefined) {
        return {
          rule,
          outcome: 'needs_review',
          reason: text(
            `Không có dữ liệu "${c.fact}" để xét tiêu chí ${name.vi}`,
            `No "${c.fact}" data is loaded for the criterion "${name.en}"`,
          ),
          source,
        };
      }
      const breaches = list.filter(
        (v) =>
          v.confirmedOn >= yearStart(year) &&
          v.confirmedOn <= yearEnd(year) &&
          v.confirmedOn <= request.asOf,
      );
      const details = { breaches, configuredOutcome: c.outcome.value };
      if (breaches.length === 0) {
        return {
          rule,
          outcome: 'pass',
          reason: text(
            `Không có vi phạm được xác nhận trong năm ${year} (${name.vi})`,
            `No confirmed violation in ${year} (${name.en})`,
          ),
          source,
          details,
        };
      }
      const dates = breaches.map((v) => ({
        vi: `${viDate(v.confirmedOn)}${v.reference === undefined ? '' : `, ${v.reference}`}`,
        en: `${v.confirmedOn}${v.reference === undefined ? '' : `, ${v.reference}`}`,
      }));
      const consequence =
        c.outcome.value === 'block'
          ? text('không đủ điều kiện', 'the nomination is refused')
          : text('cần người xem xét', 'a person must decide');
      return {
        rule,
        outcome: c.outcome.value === 'block' ? 'fail' : 'needs_review',
        reason: text(
          `Có ${breaches.length} vi phạm được cơ quan chức năng xác nhận trong năm đánh giá ${year} (${dates.map((d) => d.vi).join('; ')}), trái tiêu chí ${name.vi}: ${consequence.vi}`,
          `${breaches.length} violation(s) confirmed by the authorities in the evaluation year ${year} (${dates.map((d) => d.en).join('; ')}), against the criterion "${name.en}": ${consequence.en}`,
        ),
        source,
        details,
      };
    });
}
