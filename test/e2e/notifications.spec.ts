import { v7 as uuidv7 } from 'uuid';
import { Clock } from '../../src/common/clock';
import { CaseEffects } from '../../src/cases/plugins/case-effects';
import { AppError } from '../../src/common/errors';
import { NotificationDelivery } from '../../src/notifications/notification-delivery.service';
import { NotificationOutbox } from '../../src/notifications/notification-outbox';
import { SmtpMailSender, type OutgoingMail } from '../../src/notifications/mail-sender';
import { NotificationsRepository } from '../../src/notifications/notifications.repository';
import { NOTIFICATION_KINDS } from '../../src/notifications/notification-request';
import { Database } from '../../src/persistence/database';
import { DIALECTS } from '../support/databases';
import { violationReport } from '../support/violations';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp';
import {
  expectProblem,
  INITIAL_PASSWORD,
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
  type TestUser,
} from '../support/test-app';
import { openNomination, step } from './nominations/nomination-steps';
import { timeLimit } from '../support/time-limits';

jest.setTimeout(timeLimit(120_000));

const REASON = 'Đề nghị bổ sung biên bản bình xét của Hội đồng cơ sở';
const LEADER_ADDRESS = 'lanh.dao@đơn-vị.example.vn';
const MINUTE = 60_000;

/**
 * Story: a unit leader nominates Nguyễn Thị Hồng Nhung; the secretariat is told of the submission
 * in its inbox, returns the dossier for supplement, and the leader finds the message in the inbox
 * and, through a real SMTP server on loopback, in the mailbox, in Vietnamese with its diacritics.
 * Then: e-mail switched off for a kind, a failing mail server (retries with back-off, dead letter,
 * an admin's retry), an event refused after the outbox row was written (nothing kept), and two
 * delivery passes racing over the same outbox (each e-mail sent once).
 */
describe.each(DIALECTS)('notifications (%s)', (dialect) => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let leader: TestUser;
  let secretariat: TestUser;
  let delivery: NotificationDelivery;
  let clock: Clock;

  const later = (ms: number) => new Date(clock.now().getTime() + ms);
  const inbox = (user: TestUser, query = '') =>
    t.getAs(user.token, `/api/v1/me/notifications${query}`);
  const unread = async (user: TestUser) =>
    (await t.getAs(user.token, '/api/v1/me/notifications/unread-count').expect(200)).body.unread;
  const outbox = (status: string) =>
    t.getAs(t.adminToken, `/api/v1/admin/outbox?status=${status}&limit=100`).expect(200);
  const put = (user: TestUser, path: string, body: object) =>
    t.http.put(`/api/v1${path}`).auth(user.token, { type: 'bearer' }).send(body);

  /** A nomination of a new person, submitted, under verification, then returned; its id. */
  const returnedNomination = async (name: string): Promise<string> => {
    const nominee = await t.createPerson(name);
    const id = await openNomination(t, leader.token, nominee.id);
    await t.attachDossier(leader.token, id);
    await step(t, leader.token, id, 'SUBMIT', 'submitted');
    await step(t, secretariat.token, id, 'START_VERIFICATION', 'verifying');
    await step(t, secretariat.token, id, 'RETURN_FOR_SUPPLEMENT', 'returned_for_supplement', {
      reason: REASON,
    });
    return id;
  };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp(dialect, {
      SMTP_URL: smtp.url,
      SMTP_FROM: 'Thi đua – Khen thưởng <thidua@example.vn>',
      NOTIFICATION_MAX_ATTEMPTS: '3',
      PUBLIC_BASE_URL: 'https://thidua.example.vn',
    });
    delivery = t.app.get(NotificationDelivery);
    clock = t.app.get(Clock);
    leader = await t.userWith('unit_leader');
    secretariat = await t.userWith('secretariat');
    // The leader gives an address; the secretariat gives none (inbox only).
    const set = await put(leader, '/me/email', { email: LEADER_ADDRESS });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ email: LEADER_ADDRESS });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  test('a returned nomination reaches its nominator’s inbox and mailbox', async () => {
    const id = await returnedNomination('Nguyễn Thị Hồng Nhung');

    // The secretariat (organisation-wide) was told of the submission, in its inbox only.
    const told = await inbox(secretariat).expect(200);
    expect(told.body.items).toEqual([
      expect.objectContaining({ kind: 'submitted', caseId: id, readAt: null }),
    ]);

    const mine = await inbox(leader).expect(200);
    expect(mine.body.items).toHaveLength(1);
    const [message] = mine.body.items;
    expect(message).toMatchObject({
      kind: 'returned_for_supplement',
      caseId: id,
      readAt: null,
      subject: {
        vi: 'Hồ sơ được trả lại để bổ sung: Nguyễn Thị Hồng Nhung',
        en: 'Returned for supplement: Nguyễn Thị Hồng Nhung',
      },
    });
    expect(message.body.vi).toContain(`https://thidua.example.vn/cases/${id}`);
    expect(await unread(leader)).toBe(1);

    // Nothing is mailed before the delivery loop runs, after the commit.
    expect(smtp.received).toHaveLength(0);
    expect(await delivery.deliverDue(later(0))).toEqual({ sent: 1, retrying: 0, dead: 0 });
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail.subject).toBe('Hồ sơ được trả lại để bổ sung: Nguyễn Thị Hồng Nhung');
    expect(mail.to).toMatchObject({ value: [{ address: LEADER_ADDRESS }] });
    expect(mail.from).toMatchObject({ value: [{ address: 'thidua@example.vn' }] });
    expect(mail.text).toContain('Hồ sơ đề nghị khen thưởng của đồng chí được trả lại để bổ sung.');
    expect(mail.text).toContain('Your nomination was returned for supplementing.');
    // The subject in English too, heading the English part.
    expect(mail.text).toContain('-- English --\nReturned for supplement: Nguyễn Thị Hồng Nhung\n');
    expect(mail.text).toContain(`https://thidua.example.vn/cases/${id}`);
    expect(mail.headers.get('x-thidua-notification')).toBe(message.id);

    const sent = await outbox('sent');
    expect(sent.body.items).toEqual([
      expect.objectContaining({
        id: message.id,
        restricted: false,
        username: leader.username,
        attempts: 1,
      }),
    ]);
    // Sent once: another pass finds nothing due.
    expect(await delivery.deliverDue(later(10 * MINUTE))).toEqual({
      sent: 0,
      retrying: 0,
      dead: 0,
    });
    expect(smtp.received).toHaveLength(1);

    // Read, once; someone else's message is not found.
    const read = await t.postAs(leader.token, `/api/v1/me/notifications/${message.id}/read`).send();
    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();
    expect(await unread(leader)).toBe(0);
    const again = await t
      .postAs(leader.token, `/api/v1/me/notifications/${message.id}/read`)
      .send();
    expect(again.body.readAt).toBe(read.body.readAt);
    expectProblem(
      await t.postAs(secretariat.token, `/api/v1/me/notifications/${message.id}/read`).send(),
      404,
      'NOTIFICATION.NOT_FOUND',
    );
    expect((await inbox(leader, '?unread=true').expect(200)).body.items).toEqual([]);

    // Read all.
    expect(await unread(secretariat)).toBe(1);
    const all = await t.postAs(secretariat.token, '/api/v1/me/notifications/read-all').send();
    expect({ status: all.status, body: all.body }).toEqual({ status: 200, body: { marked: 1 } });
    expect(await unread(secretariat)).toBe(0);
  });

  test('the secretariat over the case’s unit is told, not the secretariat of another unit', async () => {
    const parent = await t.createUnit('Đảng ủy Khối các cơ quan');
    const child = await t.createUnit('Chi bộ Văn phòng', 'agency', parent.id);
    const sibling = await t.createUnit('Đảng ủy Khối doanh nghiệp');
    const above = await t.userWithGrants([{ role: 'secretariat', unitId: parent.id }]);
    const elsewhere = await t.userWithGrants([{ role: 'secretariat', unitId: sibling.id }]);
    const nominee = await t.createPerson('Vũ Thị Lan Anh', child.id);
    const id = await openNomination(t, leader.token, nominee.id);
    await t.attachDossier(leader.token, id);
    await step(t, leader.token, id, 'SUBMIT', 'submitted');
    expect((await inbox(above).expect(200)).body.items).toEqual([
      expect.objectContaining({ kind: 'submitted', caseId: id }),
    ]);
    expect((await inbox(elsewhere).expect(200)).body.items).toEqual([]);
  });

  test('one event tells everyone it concerns at once, each as they chose', async () => {
    const unit = await t.createUnit('Ban Tổ chức Đảng ủy Khối');
    const mailed = await t.userWithGrants([{ role: 'secretariat', unitId: unit.id }]);
    const inboxOnly = await t.userWithGrants([{ role: 'secretariat', unitId: unit.id }]);
    const MAILED = 'van.thu@ban-tổ-chức.example.vn';
    const NOT_MAILED = 'hop.thu@ban-tổ-chức.example.vn';
    expect((await put(mailed, '/me/email', { email: MAILED })).status).toBe(200);
    expect((await put(inboxOnly, '/me/email', { email: NOT_MAILED })).status).toBe(200);
    const noSubmissionMail = NOTIFICATION_KINDS.map((kind) => ({
      kind,
      email: kind !== 'submitted',
    }));
    expect(
      (await put(inboxOnly, '/me/notification-preferences', { preferences: noSubmissionMail }))
        .status,
    ).toBe(200);
    const nominee = await t.createPerson('Hoàng Thị Thu Hà', unit.id);
    const id = await openNomination(t, leader.token, nominee.id);
    await t.attachDossier(leader.token, id);
    const received = smtp.received.length;
    const madeBefore = uuidv7();

    await step(t, leader.token, id, 'SUBMIT', 'submitted');
    const madeAfter = uuidv7();
    // Both secretariats over the unit and the organisation-wide one: one row each.
    const rows: { userId: string; id: string }[] = [];
    for (const user of [mailed, inboxOnly, secretariat]) {
      const items = (await inbox(user).expect(200)).body.items as {
        id: string;
        kind: string;
        caseId: string;
      }[];
      const mine = items.filter((item) => item.caseId === id);
      expect(mine).toEqual([expect.objectContaining({ kind: 'submitted', caseId: id })]);
      rows.push({ userId: user.id, id: mine[0].id });
    }
    // The rows' ids, made in the statement that inserts them, are UUIDv7s, distinct, in the
    // order of their recipients, and between the ids the process made before and after: the
    // inbox lists newest first by id.
    const ids = rows.sort((a, b) => (a.userId < b.userId ? -1 : 1)).map((row) => row.id);
    for (const made of ids) expect(made).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab]/);
    expect(new Set(ids).size).toBe(3);
    expect([madeBefore, ...ids, madeAfter]).toEqual([madeBefore, ...ids, madeAfter].sort());
    // Only the one who has an address and kept e-mail on for submissions is mailed.
    expect(await delivery.deliverDue(later(0))).toEqual({ sent: 1, retrying: 0, dead: 0 });
    const mailedTo = smtp.received.slice(received).map((mail) => JSON.stringify(mail.to));
    expect(mailedTo).toHaveLength(1);
    expect(mailedTo[0]).toContain('van.thu@');
    await t.postAs(secretariat.token, '/api/v1/me/notifications/read-all').send().expect(200);
  });

  test('a violation reported about a person tells their own account, without its details', async () => {
    const person = await t.createPerson('Trần Quốc Bảo');
    // An account of the person, with no role: it only reads and answers the cases about them.
    const username = `tran.quoc.bao.${dialect}`;
    await t
      .postAs(t.adminToken, '/api/v1/users')
      .send({
        username,
        displayName: 'Trần Quốc Bảo',
        password: INITIAL_PASSWORD,
        personId: person.id,
        grants: [],
      })
      .expect(201);
    const first = await t.login(username, INITIAL_PASSWORD);
    await t.changePassword(first, INITIAL_PASSWORD, TEST_PASSWORD).expect(204);
    const subject = { id: '', username, token: await t.login(username) };
    const address = `tran.quoc.bao.${dialect}@example.vn`;
    expect((await put(subject, '/me/email', { email: address })).status).toBe(200);
    const opened = await t.openCase(secretariat.token, {
      type: 'violation',
      subject: { kind: 'person', personId: person.id },
      data: violationReport(),
    });
    expect(opened.status).toBe(201);
    const items = (await inbox(subject).expect(200)).body.items;
    expect(items).toEqual([
      expect.objectContaining({
        kind: 'violation_reported',
        caseId: opened.body.id,
        subject: { vi: 'Hồ sơ cần đồng chí quan tâm', en: 'A case needs your attention' },
      }),
    ]);
    // Need to know: neither the category nor the summary travels in a message.
    const text = JSON.stringify(items[0]);
    expect(text).not.toContain('nồng độ cồn');
    expect(text).not.toContain('traffic_alcohol');
    expect(text).toContain(`/cases/${opened.body.id}`);
    // The subject may read the case the link opens.
    await t.getCase(subject.token, opened.body.id).expect(200);

    // The admin, who reads no violation case, sees the e-mail's delivery and not whom it tells of
    // which case: that would say who has a violation case.
    const queued = (await outbox('pending')).body;
    const entry = queued.items.find((item: { id: string }) => item.id === items[0].id);
    expect(entry).toEqual({
      id: items[0].id,
      restricted: true,
      kind: null,
      caseId: null,
      userId: null,
      username: null,
      address: null,
      subject: null,
      createdAt: items[0].createdAt,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: expect.any(String),
      lastError: null,
      sentAt: null,
    });
    const listed = JSON.stringify(queued);
    for (const secret of [username, address, opened.body.id]) expect(listed).not.toContain(secret);
    // A refusal that names the recipient (as mail servers' often do) is shown without the address.
    smtp.mode = 'refuse_naming_recipient';
    try {
      expect(await delivery.deliverDue(later(0))).toMatchObject({ retrying: 1 });
    } finally {
      smtp.mode = 'accept';
    }
    const failed = (await outbox('pending')).body.items.find(
      (item: { id: string }) => item.id === items[0].id,
    );
    expect(failed).toMatchObject({ restricted: true, attempts: 1 });
    expect(failed.lastError).toMatch(/550/);
    expect(failed.lastError).not.toContain(address);
    expect(failed.lastError).not.toContain('@');
    // It is delivered as any other (and leaves the pending queue for the next tests).
    expect(await delivery.deliverDue(later(MINUTE))).toMatchObject({ sent: 1 });
  });

  test('e-mail switched off for a kind: the inbox still gets it, the mailbox does not', async () => {
    const before = await t.getAs(leader.token, '/api/v1/me/notification-preferences').expect(200);
    expect(before.body).toMatchObject({ address: LEADER_ADDRESS, emailDelivery: true });
    expect(before.body.preferences).toEqual(
      NOTIFICATION_KINDS.map((kind) => ({ kind, email: true })),
    );

    const preferences = NOTIFICATION_KINDS.map((kind) => ({
      kind,
      email: kind !== 'returned_for_supplement',
    }));
    // Unknown kinds, missing kinds and unknown fields are refused.
    expectProblem(
      await put(leader, '/me/notification-preferences', {
        preferences: [...preferences.slice(1), { kind: 'gossip', email: true }],
      }),
      400,
      'VALIDATION.FAILED',
    );
    expectProblem(
      await put(leader, '/me/notification-preferences', { preferences: preferences.slice(1) }),
      400,
      'VALIDATION.FAILED',
    );
    expectProblem(
      await put(leader, '/me/notification-preferences', { preferences, sms: true }),
      400,
      'VALIDATION.FAILED',
    );
    expectProblem(
      await put(leader, '/me/email', { email: 'not an address' }),
      400,
      'VALIDATION.FAILED',
    );
    const saved = await put(leader, '/me/notification-preferences', { preferences });
    expect(saved.status).toBe(200);
    expect(saved.body.preferences).toEqual(preferences);

    const id = await returnedNomination('Phạm Văn Đức');
    const mine = await inbox(leader, '?unread=true').expect(200);
    expect(mine.body.items).toEqual([
      expect.objectContaining({ kind: 'returned_for_supplement', caseId: id }),
    ]);
    const received = smtp.received.length;
    expect(await delivery.deliverDue(later(0))).toEqual({ sent: 0, retrying: 0, dead: 0 });
    expect(smtp.received).toHaveLength(received);

    // Back on for the rest of the story.
    await put(leader, '/me/notification-preferences', {
      preferences: NOTIFICATION_KINDS.map((kind) => ({ kind, email: true })),
    }).expect(200);
  });

  test('a failing mail server: retried with back-off, dead-lettered, retried by an admin, sent once', async () => {
    smtp.mode = 'temporary_failure';
    const id = await returnedNomination('Lê Thị Thu Hà');
    const [message] = (await inbox(leader, '?unread=true').expect(200)).body.items.filter(
      (item: { caseId: string }) => item.caseId === id,
    );
    const received = smtp.received.length;
    const start = later(0).getTime();
    const at = (ms: number) => new Date(start + ms);
    const entry = async (status: string) =>
      (await outbox(status)).body.items.find((item: { id: string }) => item.id === message.id);

    expect(await delivery.deliverDue(at(0))).toEqual({ sent: 0, retrying: 1, dead: 0 });
    expect(await entry('pending')).toMatchObject({
      attempts: 1,
      nextAttemptAt: at(1 * MINUTE).toISOString(),
      lastError: expect.stringMatching(/451/),
    });
    // Not due again before its back-off.
    expect(await delivery.deliverDue(at(30_000))).toEqual({ sent: 0, retrying: 0, dead: 0 });
    smtp.mode = 'permanent_failure';
    expect(await delivery.deliverDue(at(MINUTE))).toEqual({ sent: 0, retrying: 1, dead: 0 });
    expect(await entry('pending')).toMatchObject({
      attempts: 2,
      nextAttemptAt: at(6 * MINUTE).toISOString(),
      lastError: expect.stringMatching(/550/),
    });
    // The third attempt is the last (NOTIFICATION_MAX_ATTEMPTS=3): dead, kept for the admins.
    expect(await delivery.deliverDue(at(6 * MINUTE))).toEqual({ sent: 0, retrying: 0, dead: 1 });
    expect(await entry('dead')).toMatchObject({ attempts: 3, nextAttemptAt: null });
    expect(await entry('pending')).toBeUndefined();

    // The server recovers; a dead e-mail stays dead until an admin puts it back.
    smtp.mode = 'accept';
    expect(await delivery.deliverDue(at(24 * 60 * MINUTE))).toEqual({
      sent: 0,
      retrying: 0,
      dead: 0,
    });
    const forbidden = await t
      .postAs(leader.token, `/api/v1/admin/outbox/${message.id}/retry`)
      .send();
    expectProblem(forbidden, 403, 'AUTH.FORBIDDEN');
    const retried = await t.postAs(t.adminToken, `/api/v1/admin/outbox/${message.id}/retry`).send();
    expect(retried.status).toBe(204);
    expectProblem(
      await t.postAs(t.adminToken, `/api/v1/admin/outbox/${message.id}/retry`).send(),
      409,
      'NOTIFICATION.NOT_DEAD',
    );
    expect(await entry('pending')).toMatchObject({ attempts: 0 });
    expect(await delivery.deliverDue(at(24 * 60 * MINUTE))).toEqual({
      sent: 1,
      retrying: 0,
      dead: 0,
    });
    expect(await delivery.deliverDue(at(48 * 60 * MINUTE))).toEqual({
      sent: 0,
      retrying: 0,
      dead: 0,
    });
    const mails = smtp.received
      .slice(received)
      .filter((mail) => mail.headers.get('x-thidua-notification') === message.id);
    expect(mails).toHaveLength(1);
    expect(await entry('sent')).toMatchObject({ attempts: 1, lastError: null });

    // The admin's retry is in the change log.
    const database = t.app.get(Database);
    const logged: { action: string; actor_username: string }[] = await database.read((manager) =>
      manager.query(
        `SELECT action, actor_username FROM admin_changes WHERE entity = 'notification' AND entity_id = ${
          dialect === 'postgres' ? '$1' : '?'
        }`,
        [message.id],
      ),
    );
    expect(logged).toEqual([{ action: 'email_retry', actor_username: 'admin' }]);
  });

  test('the outbox row commits with its event or not at all', async () => {
    const database = t.app.get(Database);
    const count = async () =>
      Number(
        (
          await database.read((manager) => manager.query('SELECT COUNT(*) AS n FROM notifications'))
        )[0].n,
      );
    const nominee = await t.createPerson('Hoàng Minh Tuấn');
    const id = await openNomination(t, leader.token, nominee.id);
    await t.attachDossier(leader.token, id);
    await step(t, leader.token, id, 'SUBMIT', 'submitted');
    await step(t, secretariat.token, id, 'START_VERIFICATION', 'verifying');
    const before = await count();

    // Refused before any effect runs: no reason given.
    expectProblem(
      await t.sendEvent(secretariat.token, id, 'RETURN_FOR_SUPPLEMENT'),
      400,
      'CASE.PAYLOAD_INVALID',
    );
    expect(await count()).toBe(before);

    // Refused by an effect that runs after the notifications' one: everything rolls back.
    let refuse = true;
    t.app.get(CaseEffects).register({
      name: 'test-refuses-after-notifications',
      appliesTo: (transition) => refuse && transition.after.id === id,
      apply: () => {
        throw new AppError(
          'TEST.REFUSED',
          'conflict',
          'Refused by the test',
          {},
          {
            vi: 'Bị từ chối (kiểm thử)',
            en: 'Refused by the test',
          },
        );
      },
    });
    const refused = await t.sendEvent(secretariat.token, id, 'RETURN_FOR_SUPPLEMENT', {
      reason: REASON,
    });
    expect(refused.status).toBe(409);
    expect(await count()).toBe(before);
    expect((await t.getCase(secretariat.token, id)).body.state).toBe('verifying');

    refuse = false;
    await step(t, secretariat.token, id, 'RETURN_FOR_SUPPLEMENT', 'returned_for_supplement', {
      reason: REASON,
    });
    expect(await count()).toBe(before + 1);
  });

  test('two delivery passes racing over the same outbox send each e-mail once', async () => {
    await delivery.deliverDue(later(0));
    const database = t.app.get(Database);
    const outboxWriter = t.app.get(NotificationOutbox);
    const ROWS = 40;
    await database.write((manager) =>
      outboxWriter.enqueueWith(
        manager,
        Array.from({ length: ROWS }, (_, index) => ({
          kind: 'reminder' as const,
          caseId: null,
          recipients: { kind: 'users' as const, userIds: [leader.id] },
          subject: { vi: `Nhắc việc số ${index + 1}`, en: `Reminder ${index + 1}` },
          body: { vi: 'Đồng chí có việc cần xử lý.', en: 'Something needs you.' },
        })),
      ),
    );
    // A second instance: its own repository, sender (own SMTP connection) and loop.
    const other = new NotificationDelivery(new NotificationsRepository(database), clock, {
      sender: new SmtpMailSender({ url: smtp.url }, 'thidua@example.vn'),
      intervalSeconds: 0,
      maxAttempts: 3,
    });
    const received = smtp.received.length;
    const now = later(0);
    const [one, two] = await Promise.all([delivery.deliverDue(now), other.deliverDue(now)]);
    await other.onApplicationShutdown();
    expect(one.sent + two.sent).toBe(ROWS);
    const ids = smtp.received
      .slice(received)
      .map((mail) => mail.headers.get('x-thidua-notification'));
    expect(ids).toHaveLength(ROWS);
    expect(new Set(ids).size).toBe(ROWS);
    expect((await outbox('pending')).body.items).toEqual([]);
  });
  /** `count` reminders for the leader, due now; their ids. */
  const enqueueReminders = async (count: number, label: string): Promise<string[]> => {
    const database = t.app.get(Database);
    const outboxWriter = t.app.get(NotificationOutbox);
    await database.write((manager) =>
      outboxWriter.enqueueWith(
        manager,
        Array.from({ length: count }, (_, index) => ({
          kind: 'reminder' as const,
          caseId: null,
          recipients: { kind: 'users' as const, userIds: [leader.id] },
          subject: { vi: `${label} số ${index + 1}`, en: `${label} ${index + 1}` },
          body: { vi: 'Đồng chí có việc cần xử lý.', en: 'Something needs you.' },
        })),
      ),
    );
    return ((await outbox('pending')).body.items as { id: string }[]).map((item) => item.id);
  };

  test('a pass that outlives its claims: a second instance sends none of the rows it holds', async () => {
    await delivery.deliverDue(later(0));
    const database = t.app.get(Database);
    const ROWS = 30;
    const ids = await enqueueReminders(ROWS, 'Nhắc việc chậm');
    expect(ids).toHaveLength(ROWS);
    // Both instances read a clock the test moves: each e-mail of the first takes 40 s (a slow
    // mail server), so its pass (ten e-mails a claim, five-minute claims) outlives its claims.
    let time = later(0).getTime();
    const clockOfTest = new (class extends Clock {
      now(): Date {
        return new Date(time);
      }
    })();
    const sent: { by: string; id: string }[] = [];
    const options = { intervalSeconds: 0, maxAttempts: 3 };
    const second = new NotificationDelivery(new NotificationsRepository(database), clockOfTest, {
      ...options,
      sender: {
        send: (mail: OutgoingMail) =>
          Promise.resolve(void sent.push({ by: 'second', id: mail.id })),
        close: () => undefined,
      },
    });
    let secondReport: { sent: number } | null = null;
    const first = new NotificationDelivery(new NotificationsRepository(database), clockOfTest, {
      ...options,
      sender: {
        send: async (mail: OutgoingMail) => {
          sent.push({ by: 'first', id: mail.id });
          time += 40_000;
          // During its 12th e-mail, eight minutes into the first pass, the second instance's runs.
          if (secondReport === null && sent.length === 12) {
            secondReport = await second.deliverDue(new Date(time));
          }
        },
        close: () => undefined,
      },
    });
    const firstReport = await first.deliverDue(new Date(time));
    expect(secondReport).not.toBeNull();
    expect(sent.filter((mail) => mail.by === 'second').length).toBeGreaterThan(0);
    // Every e-mail sent exactly once, by one instance or the other, and marked sent.
    expect(sent.map((mail) => mail.id).sort()).toEqual([...ids].sort());
    expect(firstReport.sent + secondReport!.sent).toBe(ROWS);
    expect((await outbox('pending')).body.items).toEqual([]);
  });

  test('the outcome of a claim that ran out does not touch the newer claim of the row', async () => {
    await delivery.deliverDue(later(0));
    const database = t.app.get(Database);
    const repository = new NotificationsRepository(database);
    const [id] = await enqueueReminders(1, 'Nhắc việc giữ chỗ');
    const start = later(0).getTime();
    const iso = (ms: number) => new Date(start + ms).toISOString();
    const [stale] = await repository.claimDue(iso(0), iso(5 * MINUTE), 1);
    expect(stale.id).toBe(id);
    // Held while its claim lasts; claimed again, by another instance, once it ran out.
    expect(await repository.claimDue(iso(4 * MINUTE), iso(9 * MINUTE), 1)).toEqual([]);
    const [newer] = await repository.claimDue(iso(6 * MINUTE), iso(11 * MINUTE), 1);
    expect(newer).toMatchObject({ id, claimedUntil: iso(11 * MINUTE) });

    const claimOf = async () =>
      (
        await database.read((manager) =>
          manager.query(
            `SELECT claimed_until, email_status, email_attempts FROM notifications WHERE id = ${
              dialect === 'postgres' ? '$1' : '?'
            }`,
            [id],
          ),
        )
      )[0] as { claimed_until: string; email_status: string; email_attempts: number | string };
    // The first instance's late outcomes change nothing: the newer claim stands.
    expect(await repository.markSent(stale, iso(7 * MINUTE))).toBe(false);
    expect(await repository.markFailed(stale, 'timeout', iso(8 * MINUTE))).toBe(false);
    expect(await repository.markFailed(stale, 'timeout', null)).toBe(false);
    expect(await repository.releaseClaim(stale)).toBe(false);
    const held = await claimOf();
    expect(held).toMatchObject({ claimed_until: iso(11 * MINUTE), email_status: 'pending' });
    expect(Number(held.email_attempts)).toBe(0);
    // The newer claim's outcome is written.
    expect(await repository.markSent(newer, iso(7 * MINUTE))).toBe(true);
    expect(await claimOf()).toMatchObject({ claimed_until: null, email_status: 'sent' });
  });
});
