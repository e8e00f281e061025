import { bodiesFor } from '../../src/domain/discipline/competence';
import { RuleSetCatalogue } from '../../src/domain/rules/rule-set-catalogue';
import { todayInVietnam } from './dates';
import type { TestApp } from './test-app';

/**
 * Violation cases the way the newest violation workflow (v4) takes them: a report names its
 * category from the catalogue, its source and the day it happened; the competent body decides
 * (with its vote counted on its council's roster where the rule set requires one) and each
 * decision is announced by its number. Who decides and whether a vote is needed are read from the
 * rule set the app loaded, so the helpers follow the rule set instead of restating it.
 */

/** The data of a new report (a police notice of drink-driving, today) with `overrides`. */
export function violationReport(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    category: 'traffic_alcohol',
    source: 'police_notice',
    occurredOn: todayInVietnam(),
    summary: 'Điều khiển xe mô tô khi trong hơi thở có nồng độ cồn (Công an phường báo tin)',
    ...overrides,
  };
}

/** A voting body of one unit in a test app (a discipline council, a Party cell), three members. */
export interface TestVotingBody {
  id: string;
  unitId: string;
  body: string;
  /** Person ids of its voting members (a chair and two members, in office since 2020). */
  members: string[];
}

const votingBodies = new WeakMap<TestApp, Map<string, Promise<TestVotingBody>>>();

async function ok(
  label: string,
  response: PromiseLike<{ status: number; body: Record<string, unknown> }>,
  status = 200,
): Promise<Record<string, unknown>> {
  const answer = await response;
  if (answer.status !== status) {
    throw new Error(`${label}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer.body;
}

/** The unit's council of `body` (created once per app, unit and body). */
export function votingBodyOf(t: TestApp, unitId: string, body: string): Promise<TestVotingBody> {
  let byUnit = votingBodies.get(t);
  if (byUnit === undefined) votingBodies.set(t, (byUnit = new Map()));
  const key = `${unitId}/${body}`;
  let found = byUnit.get(key);
  if (found === undefined) {
    found = createVotingBody(t, unitId, body);
    byUnit.set(key, found);
  }
  return found;
}

/** The unit's discipline council (created once per app and unit). */
export function disciplineCouncilOf(t: TestApp, unitId: string): Promise<TestVotingBody> {
  return votingBodyOf(t, unitId, 'discipline_council');
}

async function createVotingBody(t: TestApp, unitId: string, body: string): Promise<TestVotingBody> {
  const created = await ok(
    `create ${body}`,
    t.postAs(t.adminToken, '/api/v1/councils').send({
      unitId,
      name: body === 'discipline_council' ? 'Hội đồng kỷ luật' : `Tập thể biểu quyết (${body})`,
      body,
    }),
    201,
  );
  const members: string[] = [];
  for (const [name, role] of [
    ['Trịnh Văn Chủ Tọa', 'chair'],
    ['Mai Thị Ủy Viên', 'member'],
    ['Cao Quốc Thành Viên', 'member'],
  ] as const) {
    // The members are people of the test's default unit, so the unit keeps exactly the people
    // the test put there (a collective is judged on its members).
    const person = await t.createPerson(name);
    await ok(
      'add member',
      t
        .postAs(t.adminToken, `/api/v1/councils/${created.id}/members`)
        .send({ personId: person.id, role, from: '2020-01-01' }),
      201,
    );
    members.push(person.id);
  }
  return { id: created.id as string, unitId, body, members };
}

export interface DisciplineChoice {
  /** The rule set's subject type (test people from t.createPerson are civil servants). */
  subjectType?: string;
  /** discipline (the default when a form is given), reminder, criticism or no_discipline. */
  outcome?: 'discipline' | 'reminder' | 'criticism' | 'no_discipline';
  /** The discipline form (with outcome discipline). */
  form?: string;
  /** Signing date (and the vote's meeting day): today in Việt Nam unless said. */
  date?: string;
  signer?: string;
  legalBasis?: string[];
  /** The deciding body: the one the rule set makes competent unless said. */
  body?: string;
  /** The unit whose council votes: the subject's unit unless said. */
  councilUnitId?: string;
}

/**
 * A lawful DECIDE payload for the case: the competent body under the rule set in force on the
 * date, and, where the rule set requires a vote, every member of the body's council (in the
 * subject's unit, created there if needed) present and voting in favour.
 */
export async function disciplinePayload(
  t: TestApp,
  token: string,
  caseId: string,
  choice: DisciplineChoice = {},
): Promise<Record<string, unknown>> {
  const subjectType = choice.subjectType ?? 'civil_servant';
  const outcome = choice.outcome ?? (choice.form === undefined ? 'reminder' : 'discipline');
  const date = choice.date ?? todayInVietnam();
  const ruleSet = t.app.get(RuleSetCatalogue, { strict: false }).latest(date).ruleSet;
  const competence = (ruleSet.discipline.competence ?? []).find(
    (c) =>
      c.subject === subjectType &&
      (choice.body === undefined || c.body === choice.body) &&
      (outcome !== 'discipline' || c.forms.includes(String(choice.form))),
  );
  const body = choice.body ?? competence?.body ?? bodiesFor(ruleSet, subjectType)[0]?.code;
  if (body === undefined) throw new Error(`no body decides ${subjectType} in ${ruleSet.id}`);
  const payload: Record<string, unknown> = {
    body,
    subjectType,
    outcome,
    ...(outcome === 'discipline' ? { form: choice.form } : {}),
    legalBasis: choice.legalBasis ?? ['Nghị định 172/2025/NĐ-CP, Điều 16'],
    decision: { date, signer: choice.signer ?? 'Nguyễn Thị Hoà' },
  };
  const vote = outcome === 'discipline' ? competence?.vote : undefined;
  if (vote !== undefined) {
    const unitId = choice.councilUnitId ?? (await subjectUnitOf(t, token, caseId));
    const council = await votingBodyOf(
      t,
      unitId,
      ruleSet.discipline.bodies?.find((b) => b.code === vote.body)?.council ?? vote.body,
    );
    payload.vote = {
      meetingDate: date,
      present: council.members,
      inFavour: council.members.length,
      against: 0,
      abstain: 0,
    };
  }
  return payload;
}

async function subjectUnitOf(t: TestApp, token: string, caseId: string): Promise<string> {
  const view = await ok('read the case', t.getCase(token, caseId));
  const subject = view.subject as { kind: string; id: string; unitId?: string };
  return subject.kind === 'unit' ? subject.id : (subject.unitId as string);
}

/**
 * The chair sends a lawful DECIDE (see disciplinePayload); answers the number the system gave the
 * decision. Throws, with the answer, if the case refuses it.
 */
export async function decideDiscipline(
  t: TestApp,
  chairToken: string,
  caseId: string,
  choice: DisciplineChoice = {},
): Promise<string> {
  const payload = await disciplinePayload(t, chairToken, caseId, choice);
  const decided = await ok('DECIDE', t.sendEvent(chairToken, caseId, 'DECIDE', payload));
  const decisions = (decided.context as { decisions: { number: string }[] }).decisions;
  return decisions[decisions.length - 1].number;
}

/** ANNOUNCE of one decision of the case (today in Việt Nam unless said); answers the response. */
export function announceDecision(
  t: TestApp,
  secretariatToken: string,
  caseId: string,
  decisionNumber: string,
  announcedOn: string = todayInVietnam(),
) {
  return t.sendEvent(secretariatToken, caseId, 'ANNOUNCE', { decisionNumber, announcedOn });
}

/** Registers a person with the registry facts discipline depends on (Party membership, employment). */
export async function registerPerson(
  t: TestApp,
  fullName: string,
  facts: {
    unitId: string;
    employmentType?: string;
    partyMember?: boolean;
    partyJoinedOn?: string;
  },
): Promise<{ id: string; code: string }> {
  registered += 1;
  const person = await ok(
    `register ${fullName}`,
    t.postAs(t.adminToken, '/api/v1/people').send({
      code: `VP-${registered}`,
      fullName,
      employmentType: 'civil_servant',
      ...facts,
    }),
    201,
  );
  return { id: person.id as string, code: person.code as string };
}

let registered = 0;
