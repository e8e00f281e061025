import Ajv from 'ajv';
import { InvalidDataFileError } from '../errors';
import schema from './rule-set.schema.json';
import {
  allPrerequisites,
  prerequisiteAward,
  type Award,
  type Prerequisite,
  type RuleSet,
  type SubjectKind,
} from './rule-set';

export class InvalidRuleSetError extends InvalidDataFileError {
  readonly code = 'RULESET.INVALID';

  constructor(source: string, problems: string[]) {
    super(source, problems, 'rule set');
  }
}

const validateShape = new Ajv({
  allErrors: true,
  strict: true,
  discriminator: true,
}).compile<RuleSet>(schema);

/**
 * Checks a parsed rule-set file: its shape (JSON Schema), then what a schema cannot say: codes that
 * must be unique and must resolve, prerequisites that must not go round in a circle, unconfirmed
 * values that must say why, conditional fields. Returns the typed rule set or throws with every
 * problem found, so an author fixes a file in one pass.
 */
export function validateRuleSet(raw: unknown, source: string): RuleSet {
  if (!validateShape(raw)) {
    const problems = (validateShape.errors ?? []).map((error) => {
      const params = error.params as { additionalProperty?: string; tagValue?: unknown };
      const what =
        params.additionalProperty !== undefined
          ? ` (unsupported key "${params.additionalProperty}")`
          : params.tagValue !== undefined
            ? ` (got ${JSON.stringify(params.tagValue)})`
            : '';
      return `${readablePath(raw, error.instancePath)} ${error.message ?? 'is invalid'}${what}`;
    });
    throw new InvalidRuleSetError(source, [...new Set(problems)]);
  }
  const ruleSet = raw;
  const problems = [
    ...checkDates(ruleSet),
    ...checkUniqueCodes(ruleSet),
    ...checkSourcedValues(ruleSet),
    ...checkCatalogueReferences(ruleSet),
    ...checkAwards(ruleSet),
    ...checkPrerequisiteCycles(ruleSet),
    ...checkDiscipline(ruleSet),
  ];
  if (problems.length > 0) throw new InvalidRuleSetError(source, problems);
  return ruleSet;
}

/** True for a real calendar date written YYYY-MM-DD (2025-02-30 is not one). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

function checkDates(ruleSet: RuleSet): string[] {
  const dates: [string, string | undefined][] = [
    ['validFrom', ruleSet.validFrom],
    ...ruleSet.sources.flatMap((s): [string, string | undefined][] => [
      [`sources[${s.id}].issued`, s.issued],
      [`sources[${s.id}].inForce`, s.inForce],
    ]),
    ...ruleSet.discipline.forms.map((f): [string, string | undefined] => [
      `discipline.forms[${f.code}].abolishedFrom`,
      f.abolishedFrom,
    ]),
  ];
  return dates
    .filter(([, value]) => value !== undefined && !isCalendarDate(value))
    .map(([where, value]) => `${where}: "${value}" is not a calendar date`);
}

function checkUniqueCodes(ruleSet: RuleSet): string[] {
  const { discipline } = ruleSet;
  return [
    ...duplicates('sources', ruleSet.sources, (s) => s.id),
    ...duplicates('authorities', ruleSet.authorities, (a) => a.code),
    ...duplicates('ratings', ruleSet.ratings, (r) => r.code),
    ...duplicates('ratings', ruleSet.ratings, (r) => String(r.rank), 'rank'),
    ...duplicates('documents', ruleSet.documents, (d) => d.code),
    ...duplicates('awards', ruleSet.awards, (a) => a.code),
    ...duplicates('commendationTypes', ruleSet.commendationTypes ?? [], (t) => t.code),
    ...ruleSet.awards.flatMap((award) => [
      ...duplicates(`awards[${award.code}].criteria`, award.criteria, (c) => c.code),
      ...duplicates(`awards[${award.code}].routes`, award.routes ?? [], (r) => r.code),
    ]),
    ...duplicates('discipline.forms', discipline.forms, (f) => f.code),
    ...duplicates('discipline.onHold.reasons', discipline.onHold.reasons, (r) => r.code),
    ...duplicates('discipline.subjects', discipline.subjects, (s) => s.code),
    ...discipline.subjects.flatMap((subject) =>
      duplicates(`discipline.subjects[${subject.code}].forms`, subject.forms, (f) => f.form),
    ),
    ...duplicates('complianceCriteria', ruleSet.complianceCriteria, (c) => c.code),
    ...duplicates('timeLimits', ruleSet.timeLimits ?? [], (t) => t.code),
  ];
}

function duplicates<T>(
  where: string,
  items: readonly T[],
  key: (item: T) => string,
  what = 'code',
): string[] {
  const seen = new Set<string>();
  const reported = new Set<string>();
  for (const item of items) {
    const value = key(item);
    if (seen.has(value)) reported.add(value);
    seen.add(value);
  }
  return [...reported].map((value) => `${where}: duplicate ${what} "${value}"`);
}

/**
 * Every value object carries `source` and `confirmed` (the schema requires them); here: each source
 * names a text listed in `sources`, and an unconfirmed value explains itself in a note, because an
 * organisation must know which defaults it is expected to review.
 */
function checkSourcedValues(ruleSet: RuleSet): string[] {
  const texts = new Set(ruleSet.sources.map((s) => s.id));
  const problems: string[] = [];
  walk(ruleSet, '', (value, path) => {
    if (Array.isArray(value.source)) {
      for (const ref of value.source as { text: string }[]) {
        if (!texts.has(ref.text)) problems.push(`${path}.source: unknown text "${ref.text}"`);
      }
    }
    if (value.confirmed === false && value.note === undefined) {
      problems.push(
        `${path}: unconfirmed value without a note saying it is a configurable default`,
      );
    }
  });
  return problems;
}

function checkCatalogueReferences(ruleSet: RuleSet): string[] {
  const problems: string[] = [];
  const authorities = new Map(ruleSet.authorities.map((a) => [a.code, a]));
  const documents = new Set(ruleSet.documents.map((d) => d.code));
  for (const award of ruleSet.awards) {
    const where = `awards[${award.code}]`;
    for (const code of award.grantor.authorities) {
      const authority = authorities.get(code);
      if (authority === undefined) {
        problems.push(`${where}.grantor: unknown authority "${code}"`);
      } else if (authority.level !== award.grantor.level) {
        problems.push(
          `${where}.grantor: authority "${code}" is at level "${authority.level}", not "${award.grantor.level}"`,
        );
      }
    }
    const dossierDocuments = [
      ...award.dossier.documents,
      ...(award.dossier.conditional ?? []).map((c) => c.document),
    ];
    for (const code of dossierDocuments) {
      if (!documents.has(code)) problems.push(`${where}.dossier: unknown document "${code}"`);
    }
  }
  return problems;
}

function checkAwards(ruleSet: RuleSet): string[] {
  const awards = new Map(ruleSet.awards.map((a) => [a.code, a]));
  const ratings = new Set(ruleSet.ratings.map((r) => r.code));
  const forms = new Set(ruleSet.discipline.forms.map((f) => f.code));
  const problems: string[] = [];

  /** An award reference must resolve and apply to every subject the referring rule covers. */
  const checkAwardRef = (where: string, code: string, subjects: readonly SubjectKind[]) => {
    const target = awards.get(code);
    if (target === undefined) {
      problems.push(`${where}: unknown award "${code}"`);
      return;
    }
    const missing = subjects.filter((s) => !target.subjects.includes(s));
    if (missing.length > 0) {
      problems.push(`${where}: award "${code}" is not given to ${missing.join(', ')} subjects`);
    }
  };
  const checkRating = (where: string, code: string) => {
    if (!ratings.has(code)) problems.push(`${where}: unknown rating "${code}"`);
  };
  const checkPrerequisites = (
    where: string,
    prerequisites: Prerequisite[],
    subjects: SubjectKind[],
  ) => {
    prerequisites.forEach((prerequisite, index) => {
      const at = `${where}.prerequisites[${index}]`;
      const award = prerequisiteAward(prerequisite);
      if (award !== undefined) checkAwardRef(at, award, subjects);
      if (prerequisite.type === 'rating') checkRating(at, prerequisite.atLeast);
    });
  };

  for (const award of ruleSet.awards) {
    const where = `awards[${award.code}]`;
    checkPrerequisites(where, award.prerequisites, award.subjects);
    for (const route of award.routes ?? []) {
      const routeWhere = `${where}.routes[${route.code}]`;
      const extra = (route.subjects ?? []).filter((s) => !award.subjects.includes(s));
      if (extra.length > 0) {
        problems.push(`${routeWhere}.subjects: ${extra.join(', ')} not among the award's subjects`);
      }
      checkPrerequisites(routeWhere, route.prerequisites, route.subjects ?? award.subjects);
    }
    problems.push(...checkMembers(award, checkAwardRef, checkRating, forms));
    if (award.quota !== undefined) {
      checkAwardRef(`${where}.quota.ofAward`, award.quota.ofAward, award.subjects);
    }
    const notice = award.publicNotice;
    if (notice.required && notice.workingDays === undefined) {
      problems.push(`${where}.publicNotice: required, but no workingDays`);
    }
    if (!notice.required && notice.workingDays !== undefined) {
      problems.push(`${where}.publicNotice: workingDays given, but the notice is not required`);
    }
    if (award.councilVote.comparison === 'gt' && award.councilVote.ratio === 1) {
      problems.push(`${where}.councilVote: more than 100% can never be reached`);
    }
  }
  return problems;
}

function checkMembers(
  award: Award,
  checkAwardRef: (where: string, code: string, subjects: readonly SubjectKind[]) => void,
  checkRating: (where: string, code: string) => void,
  forms: Set<string>,
): string[] {
  const conditions = award.memberConditions ?? [];
  const where = `awards[${award.code}].memberConditions`;
  if (conditions.length > 0 && !award.subjects.includes('collective')) {
    return [`${where}: only a collective award has member conditions`];
  }
  const problems: string[] = [];
  conditions.forEach((condition, index) => {
    const at = `${where}[${index}]`;
    switch (condition.type) {
      case 'share_holding':
      case 'count_holding':
        checkAwardRef(at, condition.award, ['individual']);
        break;
      case 'share_rated':
        checkRating(at, condition.atLeast);
        break;
      case 'no_discipline':
        if (!forms.has(condition.atOrAbove)) {
          problems.push(`${at}: unknown discipline form "${condition.atOrAbove}"`);
        }
        break;
    }
    if ('ratio' in condition && condition.comparison === 'gt' && condition.ratio === 1) {
      problems.push(`${at}: more than 100% can never be reached`);
    }
  });
  return problems;
}

/** An award that (through others) requires itself could never be given. */
function checkPrerequisiteCycles(ruleSet: RuleSet): string[] {
  const edges = new Map(
    ruleSet.awards.map((award) => [
      award.code,
      [
        ...new Set(
          allPrerequisites(award)
            .map(prerequisiteAward)
            .filter((code): code is string => code !== undefined),
        ),
      ],
    ]),
  );
  const cycles = new Map<string, string[]>();
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (code: string) => {
    state.set(code, 'visiting');
    stack.push(code);
    for (const next of edges.get(code) ?? []) {
      if (!edges.has(next)) continue; // unknown codes are reported elsewhere
      if (state.get(next) === 'visiting') {
        const cycle = stack.slice(stack.indexOf(next));
        const start = cycle.indexOf([...cycle].sort()[0]);
        const canonical = [...cycle.slice(start), ...cycle.slice(0, start)];
        cycles.set(canonical.join(' '), canonical);
      } else if (state.get(next) === undefined) {
        visit(next);
      }
    }
    stack.pop();
    state.set(code, 'done');
  };
  for (const code of edges.keys()) if (state.get(code) === undefined) visit(code);
  return [...cycles.values()].map(
    (cycle) => `awards: prerequisite cycle ${[...cycle, cycle[0]].join(' → ')}`,
  );
}

function checkDiscipline(ruleSet: RuleSet): string[] {
  const forms = new Set(ruleSet.discipline.forms.map((f) => f.code));
  const problems: string[] = [];
  for (const subject of ruleSet.discipline.subjects) {
    for (const rule of subject.forms) {
      const where = `discipline.subjects[${subject.code}].forms[${rule.form}]`;
      if (!forms.has(rule.form)) problems.push(`${where}: unknown discipline form "${rule.form}"`);
      if (rule.barsCommendation && rule.period === undefined) {
        problems.push(`${where}: bars commendation, but no period says for how long`);
      }
      if (!rule.barsCommendation && rule.period !== undefined) {
        problems.push(`${where}: a period is given, but the form does not bar commendation`);
      }
    }
  }
  return [...problems, ...checkCompetence(ruleSet)];
}

/**
 * Who decides must resolve: every competence names a known subject type, forms that subject type
 * has, and known bodies; a vote is taken by a collegial body (one with a council roster); every
 * track a body decides on has an appeal window.
 */
function checkCompetence(ruleSet: RuleSet): string[] {
  const { subjects, bodies = [], competence = [], appeal } = ruleSet.discipline;
  const byCode = new Map(bodies.map((b) => [b.code, b]));
  const problems: string[] = [];
  if (competence.length > 0 && bodies.length === 0) {
    problems.push('discipline.competence: no discipline.bodies to decide');
  }
  competence.forEach((rule, index) => {
    const where = `discipline.competence[${index}]`;
    const subject = subjects.find((s) => s.code === rule.subject);
    if (subject === undefined) problems.push(`${where}: unknown subject type "${rule.subject}"`);
    for (const form of rule.forms) {
      if (subject !== undefined && !subject.forms.some((f) => f.form === form)) {
        problems.push(`${where}: subject type "${rule.subject}" has no form "${form}"`);
      }
    }
    for (const [role, code] of [
      ['body', rule.body],
      ['vote.body', rule.vote?.body],
      ['ratification.body', rule.ratification?.body],
    ] as const) {
      if (code !== undefined && !byCode.has(code)) {
        problems.push(`${where}.${role}: unknown body "${code}"`);
      }
    }
    if (rule.vote !== undefined && byCode.get(rule.vote.body)?.council === undefined) {
      problems.push(`${where}.vote: body "${rule.vote.body}" has no council roster to vote`);
    }
  });
  for (const track of new Set(bodies.map((b) => b.track))) {
    if (appeal !== undefined && !appeal.windows.some((w) => w.track === track)) {
      problems.push(`discipline.appeal: no window for the ${track} track`);
    }
  }
  return problems;
}

type Visitor = (value: Record<string, unknown>, path: string) => void;

/** Visits every object in the tree with a readable path (array items named by their code). */
function walk(value: unknown, path: string, visit: Visitor): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => walk(item, `${path}[${itemLabel(item, index)}]`, visit));
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    visit(record, path || '/');
    for (const [key, child] of Object.entries(record)) {
      walk(child, path ? `${path}.${key}` : key, visit);
    }
  }
}

function itemLabel(item: unknown, index: number): string {
  if (typeof item === 'object' && item !== null) {
    const record = item as Record<string, unknown>;
    for (const key of ['code', 'id', 'form']) {
      if (typeof record[key] === 'string') return record[key];
    }
  }
  return String(index);
}

/** Turns an Ajv instance path (/awards/3/councilVote) into awards[code].councilVote. */
function readablePath(raw: unknown, instancePath: string): string {
  if (instancePath === '') return '/';
  let path = '';
  let node: unknown = raw;
  for (const segment of instancePath.slice(1).split('/')) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      const index = Number(key);
      path += `[${itemLabel(node[index], index)}]`;
      node = node[index];
    } else {
      path += path ? `.${key}` : key;
      node =
        typeof node === 'object' && node !== null
          ? (node as Record<string, unknown>)[key]
          : undefined;
    }
  }
  return path;
}
