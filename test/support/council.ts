import { todayInVietnam } from './dates';
import type { TestApp, TestUser } from './test-app';

/** Sessions meet on a day in Việt Nam: the helpers and their callers share one clock. */
export { todayInVietnam };

/** The council of one unit in a test app, with three voting members signed in. */
export interface TestCouncil {
  id: string;
  unitId: string;
  members: { personId: string; user: TestUser }[];
}

const councils = new WeakMap<TestApp, Map<string, Promise<TestCouncil>>>();

async function ok<T>(label: string, response: Promise<{ status: number; body: T }>, status = 200) {
  const answer = await response;
  if (answer.status !== status) {
    throw new Error(`${label}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer.body as T & Record<string, never>;
}

/**
 * The unit's council (created once per app): a chair and two members, people of the unit with a
 * council_member grant there (which lets them read; the roster, not the grant, lets them vote), in
 * office since 2025.
 */
export function councilOf(t: TestApp, unitId: string): Promise<TestCouncil> {
  let byUnit = councils.get(t);
  if (byUnit === undefined) councils.set(t, (byUnit = new Map()));
  let council = byUnit.get(unitId);
  if (council === undefined) {
    council = createCouncil(t, unitId);
    byUnit.set(unitId, council);
  }
  return council;
}

async function createCouncil(t: TestApp, unitId: string): Promise<TestCouncil> {
  const created = await ok(
    'create council',
    t.postAs(t.adminToken, '/api/v1/councils').send({
      unitId,
      name: 'Hội đồng Thi đua – Khen thưởng',
    }),
    201,
  );
  const members: TestCouncil['members'] = [];
  for (const [name, role] of [
    ['Hoàng Văn Chủ', 'chair'],
    ['Lý Thị Ủy', 'member'],
    ['Đặng Quốc Viên', 'member'],
  ] as const) {
    const person = await t.createPerson(name, unitId);
    await ok(
      'add member',
      t
        .postAs(t.adminToken, `/api/v1/councils/${created.id}/members`)
        .send({ personId: person.id, role, from: '2025-01-01' }),
      201,
    );
    members.push({
      personId: person.id,
      user: await t.userWithGrants([{ role: 'council_member', unitId }], person.id),
    });
  }
  return { id: created.id, unitId, members };
}

export interface SessionRun {
  sessionId: string;
  view: Record<string, unknown>;
}

/**
 * A whole council session of the unit's council (meeting today unless said): the secretariat schedules it,
 * draws the agenda, records everyone present and opens it; each member votes on each item
 * (`choices`: approve everything by default); the secretariat closes it. Every nomination awaiting
 * the council in the unit's subtree is on the agenda and receives the council's recommendation.
 */
export async function holdCouncilSession(
  t: TestApp,
  secretariat: string,
  unitId: string,
  choices: (caseId: string, member: number) => 'approve' | 'reject' | 'abstain' = () => 'approve',
  meetingDate = todayInVietnam(),
): Promise<SessionRun> {
  const council = await councilOf(t, unitId);
  const opened = await ok(
    'schedule session',
    t.openCase(secretariat, {
      type: 'council_session',
      subject: { kind: 'unit', unitId },
      data: {
        councilId: council.id,
        meetingDate,
        title: 'Phiên họp xét khen thưởng',
      },
    }),
    201,
  );
  const sessionId = opened.id as string;
  await ok('agenda', t.sendEvent(secretariat, sessionId, 'SET_AGENDA', {}));
  await ok(
    'attendance',
    t.sendEvent(secretariat, sessionId, 'RECORD_ATTENDANCE', {
      present: council.members.map((m) => m.personId),
    }),
  );
  await ok('open', t.sendEvent(secretariat, sessionId, 'OPEN', {}));
  const session = await ok(
    'session',
    t.getAs(secretariat, `/api/v1/council-sessions/${sessionId}`),
  );
  const items = (session.agenda as { caseId: string; status: string }[]).filter(
    (item) => item.status === 'to_vote',
  );
  for (const [index, member] of council.members.entries()) {
    for (const item of items) {
      await ok(
        'ballot',
        t
          .postAs(member.user.token, `/api/v1/council-sessions/${sessionId}/ballots`)
          .send({ caseId: item.caseId, choice: choices(item.caseId, index) }),
        201,
      );
    }
  }
  const view = await ok(
    'close',
    t.postAs(secretariat, `/api/v1/council-sessions/${sessionId}/close`).send({}),
  );
  return { sessionId, view };
}

/** The unit a nomination belongs to (its nominee's unit, or the nominated collective). */
export async function unitOfCase(t: TestApp, token: string, caseId: string): Promise<string> {
  const view = await ok('case', t.getCase(token, caseId));
  const subject = view.subject as { kind: string; id: string; unitId?: string };
  return subject.kind === 'unit' ? subject.id : (subject.unitId as string);
}
