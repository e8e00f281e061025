import { rmSync } from 'node:fs';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApp } from '../../src/bootstrap';
import { Clock } from '../../src/common/clock';
import { TimerScheduler } from '../../src/deadlines/timer-scheduler';
import { TimerSchedulerLoop } from '../../src/deadlines/timer-scheduler.loop';
import { Database } from '../../src/persistence/database';
import { DIALECTS } from '../support/databases';
import { workflowsWithProbes } from '../support/deadline-workflows';
import { ADMIN, TEST_HASHING, startTestApp, type TestApp } from '../support/test-app';

/*
 * Story: time acts on cases. Entering a state schedules its timers (GET /cases/:id/deadlines),
 * leaving it cancels them; the scheduler fires a due timer once, as the `system` actor, counting
 * working days across Tết; an event no longer allowed is skipped, never retried; a year missing
 * from the holiday calendar fails that one timer (admins are told) while others still fire; a
 * timer that fell due while the app was down fires once when it starts again; the deadlines list
 * shows a unit's deadlines only to those whose scope covers it.
 */

/** 10:00 in Vietnam on `day`. */
const morningOf = (day: string) => new Date(`${day}T10:00:00+07:00`);

describe.each(DIALECTS)('deadlines and timers (%s)', (dialect) => {
  let t: TestApp;
  let dir: string;
  let unitA: { id: string };
  let unitB: { id: string };
  let secretariat: { id: string; token: string };
  let leaderA: string;
  let leaderB: string;
  let personA: string;
  let restarted: NestFastifyApplication | undefined;

  const pinClock = (at: Date) => {
    t.app.get(Clock).now = () => at;
  };
  const scheduler = () => t.app.get(TimerScheduler);
  const sql = (text: string) => t.app.get(Database).read((manager) => manager.query(text));
  const deadlinesOf = async (caseId: string, token = secretariat.token) => {
    const response = await t.getAs(token, `/api/v1/cases/${caseId}/deadlines`);
    expect(response.status).toBe(200);
    return response.body.items as {
      id: string;
      name: string;
      status: string;
      dueOn: string | null;
      firesAt: string | null;
      problem: string | null;
      firedSeq: number | null;
      overdue: boolean;
      message: { vi: string; en: string } | null;
    }[];
  };
  const openProbe = async () => {
    const response = await t.openCase(secretariat.token, {
      type: 'deadline_probe',
      subject: { kind: 'person', personId: personA },
    });
    expect(response.status).toBe(201);
    return response.body.id as string;
  };
  const openDated = async (closingDay: string) => {
    const response = await t.openCase(secretariat.token, {
      type: 'deadline_dated',
      subject: { kind: 'person', personId: personA },
      data: { closingDay },
    });
    expect(response.status).toBe(201);
    return response.body.id as string;
  };

  beforeAll(async () => {
    dir = workflowsWithProbes();
    t = await startTestApp(dialect, { WORKFLOWS_DIR: dir });
    const root = await t.createUnit('Đảng ủy Khối', 'party_committee');
    unitA = await t.createUnit('Chi bộ A', 'agency', root.id);
    unitB = await t.createUnit('Chi bộ B', 'agency', root.id);
    personA = (await t.createPerson('Nguyễn Văn A', unitA.id)).id;
    secretariat = await t.userWithGrants([{ role: 'secretariat', unitId: root.id }]);
    await t.userWithGrants([{ role: 'council_chair', unitId: root.id }]);
    leaderA = (await t.userWithGrants([{ role: 'unit_leader', unitId: unitA.id }])).token;
    leaderB = (await t.userWithGrants([{ role: 'unit_leader', unitId: unitB.id }])).token;
  });
  afterAll(async () => {
    if (restarted === undefined) {
      await t.close();
    } else {
      await restarted.close();
      await t.database.drop();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  test('entering a state schedules its timers; a self-transition keeps them; leaving cancels them', async () => {
    pinClock(morningOf('2026-03-02'));
    const caseId = await openProbe();
    const [pending] = await deadlinesOf(caseId);
    expect(pending).toMatchObject({ name: 'reply_window', status: 'pending', dueOn: '2026-03-16' });

    expect((await t.sendEvent(secretariat.token, caseId, 'NOTE')).status).toBe(200);
    expect((await deadlinesOf(caseId)).map((d) => [d.id, d.status])).toEqual([
      [pending.id, 'pending'],
    ]);

    expect((await t.sendEvent(secretariat.token, caseId, 'CLOSE')).status).toBe(200);
    expect((await deadlinesOf(caseId)).map((d) => [d.id, d.status])).toEqual([
      [pending.id, 'cancelled'],
    ]);
  });

  test('moving between timed states cancels the timers of the one it left and keeps the new ones', async () => {
    pinClock(morningOf('2026-03-02'));
    const caseId = await openProbe();
    const [reply] = await deadlinesOf(caseId);
    const statuses = async () =>
      (await deadlinesOf(caseId)).map((d) => [d.id === reply.id ? 'first' : d.name, d.status]);

    expect((await t.sendEvent(secretariat.token, caseId, 'ESCALATE')).status).toBe(200);
    expect((await statuses()).sort()).toEqual([
      ['chair_reply', 'pending'],
      ['escalation_report', 'pending'],
      ['first', 'cancelled'],
    ]);

    // Back: both are cancelled, and the reply window starts again as a new timer.
    expect((await t.sendEvent(secretariat.token, caseId, 'ESCALATE')).status).toBe(200);
    expect((await statuses()).sort()).toEqual([
      ['chair_reply', 'cancelled'],
      ['escalation_report', 'cancelled'],
      ['first', 'cancelled'],
      ['reply_window', 'pending'],
    ]);
  });

  test('across Tết 2026 the timer falls due on the tenth working day and fires once, as system', async () => {
    // Friday 13 February 2026; 16–20 February are the Tết holidays.
    pinClock(morningOf('2026-02-13'));
    const caseId = await openProbe();
    const [timer] = await deadlinesOf(caseId);
    expect(timer).toMatchObject({
      status: 'pending',
      dueOn: '2026-03-06',
      firesAt: '2026-03-06T17:00:00.000Z',
      overdue: false,
    });

    // The last day of the window is still the case's own.
    pinClock(morningOf('2026-03-06'));
    await expect(scheduler().fireDue(morningOf('2026-03-06'))).resolves.toMatchObject({
      fired: 0,
    });
    expect((await deadlinesOf(caseId))[0].overdue).toBe(false);

    pinClock(morningOf('2026-03-07'));
    expect((await deadlinesOf(caseId))[0].overdue).toBe(true);
    const first = await scheduler().fireDue(morningOf('2026-03-07'));
    expect(first.fired).toBeGreaterThanOrEqual(1);
    const again = await scheduler().fireDue(morningOf('2026-03-07'));
    expect(again).toEqual({ fired: 0, skipped: 0, failed: 0 });

    const history = await t.history(secretariat.token, caseId);
    const fired = history.body.items.filter(
      (record: { eventType: string }) => record.eventType === 'WINDOW_ENDED',
    );
    expect(fired).toHaveLength(1);
    expect(fired[0].actor.username).toBe('system');
    expect(fired[0].toState).toBe('lapsed');
    expect((await deadlinesOf(caseId))[0]).toMatchObject({
      status: 'fired',
      firedSeq: fired[0].seq,
      overdue: false,
    });
    const told: { kind: string }[] = await sql(
      `SELECT kind FROM notifications WHERE case_id = '${caseId}' ORDER BY kind`,
    );
    expect([...new Set(told.map((row) => row.kind))]).toEqual(['escalation', 'reminder']);
  });

  test('a firing whose event is no longer allowed is recorded as skipped, not retried', async () => {
    pinClock(morningOf('2026-03-02'));
    const caseId = await openProbe();
    expect((await t.sendEvent(secretariat.token, caseId, 'CLOSE')).status).toBe(200);
    const [cancelled] = await deadlinesOf(caseId);
    // A timer left pending while its case moved on (as a workflow migration may leave one).
    await t.app
      .get(Database)
      .write((manager) =>
        manager.query(`UPDATE case_timers SET status = 'pending' WHERE id = '${cancelled.id}'`),
      );
    const report = await scheduler().fireDue(morningOf('2026-04-01'));
    expect(report.skipped).toBe(1);
    const [skipped] = await deadlinesOf(caseId);
    expect(skipped).toMatchObject({ status: 'skipped', problem: 'event_refused' });
    expect(skipped.message?.vi).toContain('không còn được phép');
    await expect(scheduler().fireDue(morningOf('2026-04-01'))).resolves.toEqual({
      fired: 0,
      skipped: 0,
      failed: 0,
    });
  });

  test('a year missing from the calendar fails that timer and alerts admins; another still fires', async () => {
    // Friday 24 December 2027: ten working days reach into 2028, which the calendar lacks.
    pinClock(morningOf('2027-12-24'));
    const failing = await openProbe();
    const dated = await openDated('2027-12-27');
    const [failed] = await deadlinesOf(failing);
    expect(failed).toMatchObject({
      status: 'failed',
      problem: 'calendar_year_missing',
      dueOn: null,
    });
    expect(failed.message?.vi).toContain('2028');
    const alerts: { kind: string; user_id: string }[] = await sql(
      `SELECT n.kind, n.user_id FROM notifications n JOIN users u ON u.id = n.user_id ` +
        `WHERE n.case_id = '${failing}' AND u.username = '${ADMIN.username}'`,
    );
    expect(alerts.map((row) => row.kind)).toEqual(['timer_failed']);

    pinClock(morningOf('2027-12-28'));
    const report = await scheduler().fireDue(morningOf('2027-12-28'));
    expect(report.fired).toBe(1);
    expect((await t.getCase(secretariat.token, dated)).body.state).toBe('done');
    expect((await deadlinesOf(failing))[0].status).toBe('failed');

    // Retrying before the calendar has 2028 keeps it failed; only a failed timer can be retried.
    const retried = await t.postAs(t.adminToken, `/api/v1/deadlines/${failed.id}/retry`).send();
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: 'failed', problem: 'calendar_year_missing' });
    const [firedDated] = await deadlinesOf(dated);
    const refused = await t.postAs(t.adminToken, `/api/v1/deadlines/${firedDated.id}/retry`).send();
    expect({ status: refused.status, code: refused.body.code }).toEqual({
      status: 409,
      code: 'DEADLINE.NOT_FAILED',
    });

    // Administrators find failed timers in the list, without the case's names.
    const listed = await t.getAs(t.adminToken, '/api/v1/deadlines?status=failed');
    expect(listed.status).toBe(200);
    expect(listed.body.items).toContainEqual(
      expect.objectContaining({ id: failed.id, subjectName: null }),
    );
  });

  test('the deadlines list is scoped: a leader of another unit does not see the case', async () => {
    pinClock(morningOf('2026-06-01'));
    const caseId = await openProbe();
    await openProbe();
    const [timer] = await deadlinesOf(caseId);
    const ofA = await t.getAs(leaderA, '/api/v1/deadlines');
    expect(ofA.status).toBe(200);
    expect(ofA.body.items).toContainEqual(
      expect.objectContaining({ id: timer.id, caseId, subjectName: 'Nguyễn Văn A' }),
    );
    const ofB = await t.getAs(leaderB, '/api/v1/deadlines');
    expect(ofB.status).toBe(200);
    expect(ofB.body.items.map((item: { id: string }) => item.id)).not.toContain(timer.id);
    expect((await t.getAs(leaderB, `/api/v1/cases/${caseId}/deadlines`)).status).toBe(404);
    const unitFilter = await t.getAs(leaderB, `/api/v1/deadlines?unitId=${unitA.id}`);
    expect(unitFilter.status).toBe(404);

    // Overdue first, then by firing time; dueBefore narrows to the days asked.
    const narrowed = await t.getAs(secretariat.token, '/api/v1/deadlines?dueBefore=2026-06-14');
    expect(narrowed.body.items.map((item: { id: string }) => item.id)).not.toContain(timer.id);
    const pages = await t.getAs(secretariat.token, '/api/v1/deadlines?limit=1');
    expect(pages.body.items).toHaveLength(1);
    expect(pages.body.nextCursor).toEqual(expect.any(String));
    const next = await t.getAs(
      secretariat.token,
      `/api/v1/deadlines?limit=1&cursor=${pages.body.nextCursor}`,
    );
    expect(next.status).toBe(200);
    expect(next.body.items[0]?.id).not.toBe(pages.body.items[0].id);
  });

  test('a timer that fell due while the app was down fires once when it starts again', async () => {
    pinClock(new Date());
    const later = await openDated('2026-01-06');
    const earlier = await openDated('2026-01-05');
    await t.app.close();
    Object.assign(process.env, { ...t.database.env, WORKFLOWS_DIR: dir });
    process.env.TIMER_SCHEDULER_INTERVAL_SECONDS = '3600';
    try {
      restarted = await createApp({ passwordHashingForTests: TEST_HASHING });
    } finally {
      delete process.env.TIMER_SCHEDULER_INTERVAL_SECONDS;
      delete process.env.WORKFLOWS_DIR;
    }
    await restarted.get(TimerSchedulerLoop).idle();
    await restarted.get(TimerScheduler).fireDue(new Date());
    const http = request(restarted.getHttpServer());
    const fired: { at: string; seq: number }[] = [];
    for (const caseId of [earlier, later]) {
      const history = await http
        .get(`/api/v1/cases/${caseId}/history`)
        .auth(secretariat.token, { type: 'bearer' });
      expect(history.status).toBe(200);
      const records = history.body.items.filter(
        (record: { eventType: string }) => record.eventType === 'DAY_PASSED',
      );
      expect(records).toHaveLength(1);
      expect(records[0].actor.username).toBe('system');
      fired.push(records[0]);
    }
    // In due order: the earlier closing day fired first.
    expect(fired[0].at <= fired[1].at).toBe(true);
  });
});
