import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Response } from 'supertest';
import { DIALECTS } from '../support/databases';
import {
  eventTypes,
  expectAccepted,
  expectProblem,
  startTestApp,
  type TestApp,
  type TestUser,
} from '../support/test-app';
import { timeLimit } from '../support/time-limits';

jest.setTimeout(timeLimit(120_000));

/*
 * Story: a unit leader outside the subject's chain cannot learn that a case exists. A workflow that
 * declares itself need-to-know (an `access` block, as violation v4 does) is read in full by its
 * readers in scope (secretariat, chair, auditor) and by the person it is about, who may also give
 * their own explanation (the `subject` role, the one event a person sends on a case about
 * themselves) and nothing else; the subject's own unit leader learns only that a case exists and
 * its state; a council member in scope, a leader of another branch and an auditor of another unit
 * get exactly the answer a missing case gets, everywhere: the case, its history, its documents,
 * the lists and their search, the audit search and export.
 */

const label = (en: string) => ({ vi: `${en} (vi)`, en });
const EMPTY = { type: 'object', additionalProperties: false, properties: {} };
const EXPLANATION = {
  type: 'object',
  additionalProperties: false,
  required: ['text'],
  properties: { text: { type: 'string', minLength: 1, maxLength: 2000 } },
};

/** A fixture with violation v4's access block; its data carries a detail no outsider may read. */
const CONFIDENTIAL = {
  id: 'confidential_matter',
  version: 1,
  caseType: 'confidential_matter',
  title: label('Confidential matter (test fixture)'),
  sources: ['test fixture for need-to-know workflows'],
  openRoles: ['secretariat', 'unit_leader'],
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['detail'],
    properties: { detail: { type: 'string' } },
  },
  access: {
    readers: ['secretariat', 'council_chair', 'auditor'],
    subjectReads: true,
    existenceReaders: ['unit_leader'],
  },
  events: {
    REQUEST_EXPLANATION: {
      label: label('Request an explanation'),
      roles: ['secretariat'],
      payloadSchema: EMPTY,
    },
    RECORD_EXPLANATION: {
      label: label('Record the explanation'),
      roles: ['secretariat', 'subject'],
      payloadSchema: EXPLANATION,
    },
    NOTE: { label: label('Note'), roles: ['council_member', 'unit_leader'], payloadSchema: EMPTY },
    CLOSE: { label: label('Close'), roles: ['council_chair'], payloadSchema: EMPTY },
  },
  machine: {
    initial: 'reported',
    states: {
      reported: {
        meta: { label: label('Reported') },
        on: {
          REQUEST_EXPLANATION: { target: 'awaiting_explanation' },
          NOTE: { target: 'reported' },
        },
      },
      awaiting_explanation: {
        meta: { label: label('Awaiting the explanation') },
        on: { RECORD_EXPLANATION: { target: 'verifying' } },
      },
      verifying: { meta: { label: label('Verifying') }, on: { CLOSE: { target: 'closed' } } },
      closed: { type: 'final', meta: { label: label('Closed'), tags: ['closed'] } },
    },
  },
};

const SECRET = 'khai báo bí mật 0417';
const SUBJECT_NAME = 'Lương Thế Vinh';

function workflowsWithFixture(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'workflows-'));
  cpSync('workflows', dir, { recursive: true });
  writeFileSync(path.join(dir, 'confidential_matter.v1.json'), JSON.stringify(CONFIDENTIAL));
  return dir;
}

/** Every field of the answer's body, as text: nothing of the case's content may be in it. */
const textOf = (response: Response) => JSON.stringify(response.body);

describe.each(DIALECTS)('need-to-know cases (%s)', (dialect) => {
  let t: TestApp;
  let dir: string;
  let caseId: string;
  let secretariat: TestUser;
  let chair: TestUser;
  let auditor: TestUser;
  let member: TestUser;
  let leader: TestUser;
  let otherLeader: TestUser;
  let otherAuditor: TestUser;
  let subject: TestUser;
  const download = (user: TestUser, format: string) =>
    t
      .getAs(user.token, `/api/v1/audit/export?format=${format}`)
      .buffer(true)
      // Supertest buffers only the media types it knows: read the body as UTF-8 text.
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks).toString('utf8')));
      });
  /** What a case that does not exist answers, to compare the outsiders' answers with. */
  let missing: { get: Response; history: Response; document: Response };

  beforeAll(async () => {
    dir = workflowsWithFixture();
    t = await startTestApp(dialect, { WORKFLOWS_DIR: dir });
    const committee = await t.createUnit('Đảng ủy Khối', 'party_committee');
    const a = await t.createUnit('Chi bộ A', 'party_cell', committee.id);
    const b = await t.createUnit('Chi bộ B', 'party_cell', committee.id);
    const person = await t.createPerson(SUBJECT_NAME, a.id);
    secretariat = await t.userWithGrants([{ role: 'secretariat', unitId: committee.id }]);
    chair = await t.userWithGrants([{ role: 'council_chair', unitId: a.id }]);
    auditor = await t.userWithGrants([{ role: 'auditor', unitId: a.id }]);
    member = await t.userWithGrants([{ role: 'council_member', unitId: a.id }]);
    leader = await t.userWithGrants([{ role: 'unit_leader', unitId: a.id }]);
    otherLeader = await t.userWithGrants([{ role: 'unit_leader', unitId: b.id }]);
    otherAuditor = await t.userWithGrants([{ role: 'auditor', unitId: b.id }]);
    // Users hold at least one grant today: the subject's lies in another unit, over other cases.
    subject = await t.userWithGrants([{ role: 'council_member', unitId: b.id }], person.id);

    const opened = await t.openCase(secretariat.token, {
      type: 'confidential_matter',
      subject: { kind: 'person', personId: person.id },
      data: { detail: SECRET },
    });
    expect(opened.status).toBe(201);
    caseId = opened.body.id;
    const ghost = randomUUID();
    missing = {
      get: await t.getCase(member.token, ghost),
      history: await t.history(member.token, ghost),
      document: await t.getAs(member.token, `/api/v1/cases/${ghost}/documents/${randomUUID()}`),
    };
  });

  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets its readers in scope read it in full, history included', async () => {
    for (const reader of [secretariat, chair, auditor]) {
      const view = await t.getCase(reader.token, caseId);
      expect({ status: view.status, detail: view.body.data?.detail }).toEqual({
        status: 200,
        detail: SECRET,
      });
      const history = await t.history(reader.token, caseId);
      expect(history.status).toBe(200);
      expect(history.body.items).toHaveLength(1);
    }
  });

  it('answers a council member in scope, a leader of another branch and an auditor of another unit as if it did not exist', async () => {
    for (const outsider of [member, otherLeader, otherAuditor]) {
      const view = await t.getCase(outsider.token, caseId);
      expectProblem(view, 404, 'CASE.NOT_FOUND');
      expect(view.body.title).toBe(missing.get.body.title);
      expect(view.body.detail).toBe(missing.get.body.detail.replace(/[0-9a-f-]{36}/, caseId));
      const history = await t.history(outsider.token, caseId);
      expect({ status: history.status, code: history.body.code }).toEqual({
        status: missing.history.status,
        code: missing.history.body.code,
      });
      const document = await t.getAs(
        outsider.token,
        `/api/v1/cases/${caseId}/documents/${randomUUID()}`,
      );
      expect({ status: document.status, code: document.body.code }).toEqual({
        status: missing.document.status,
        code: missing.document.body.code,
      });
      const sent = await t.sendEvent(outsider.token, caseId, 'NOTE');
      expectProblem(sent, 404, 'CASE.NOT_FOUND');
    }
  });

  it('leaves it out of the outsiders’ lists, their search and their work', async () => {
    for (const outsider of [member, otherLeader, otherAuditor]) {
      for (const query of [
        'type=confidential_matter',
        `q=${encodeURIComponent('luong the vinh')}`,
        'actionable=true',
        'actionable=false',
      ]) {
        const listed = await t.listCases(outsider.token, query);
        expect(listed.status).toBe(200);
        expect(listed.body.items.map((item: { id: string }) => item.id)).not.toContain(caseId);
      }
    }
  });

  it('tells the subject’s unit leader only that it exists and its state', async () => {
    const view = await t.getCase(leader.token, caseId);
    expect(view.status).toBe(200);
    expect(Object.keys(view.body).sort()).toEqual(
      [
        'createdAt',
        'existenceOnly',
        'id',
        'state',
        'stateLabel',
        'type',
        'unitId',
        'updatedAt',
        'workflow',
      ].sort(),
    );
    expect(view.body).toMatchObject({ existenceOnly: true, state: 'reported' });
    expect(textOf(view)).not.toContain(SECRET);
    expect(textOf(view)).not.toContain(SUBJECT_NAME);

    const listed = await t.listCases(leader.token, 'type=confidential_matter');
    const item = listed.body.items.find((i: { id: string }) => i.id === caseId);
    expect(item).toMatchObject({ existenceOnly: true, state: 'reported' });
    expect(item.subject).toBeUndefined();
    expect(item.data).toBeUndefined();
    expect(JSON.stringify(item)).not.toContain(SECRET);

    // A search by name or by what only readers know must not confirm anything either.
    const searched = await t.listCases(leader.token, `q=${encodeURIComponent('Lương')}`);
    expect(searched.body.items.map((i: { id: string }) => i.id)).not.toContain(caseId);
    const working = await t.listCases(leader.token, 'actionable=true');
    expect(working.body.items.map((i: { id: string }) => i.id)).not.toContain(caseId);

    expectProblem(await t.history(leader.token, caseId), 404, 'CASE.NOT_FOUND');
    // The workflow names unit_leader on NOTE, but a role that may not read a case may not act.
    expectProblem(await t.sendEvent(leader.token, caseId, 'NOTE'), 404, 'CASE.NOT_FOUND');
  });

  it('lets the subject read it and send their own explanation, and nothing else', async () => {
    const before = await t.getCase(subject.token, caseId);
    expect({ status: before.status, detail: before.body.data?.detail }).toEqual({
      status: 200,
      detail: SECRET,
    });
    expect(eventTypes(before)).toEqual([]);
    expectProblem(
      await t.sendEvent(subject.token, caseId, 'REQUEST_EXPLANATION'),
      403,
      'CASE.SELF_ACTION',
    );
    expectAccepted(
      await t.sendEvent(secretariat.token, caseId, 'REQUEST_EXPLANATION'),
      'REQUEST_EXPLANATION',
      'awaiting_explanation',
      2,
    );

    const aboutMe = await t.listCases(subject.token, 'aboutMe=true');
    expect(aboutMe.body.items.map((i: { id: string }) => i.id)).toEqual([caseId]);
    const work = await t.listCases(subject.token, 'actionable=true');
    expect(work.body.items.map((i: { id: string }) => i.id)).toContain(caseId);
    const awaiting = await t.getCase(subject.token, caseId);
    expect(eventTypes(awaiting)).toEqual(['RECORD_EXPLANATION']);

    // Nobody else holds the subject's role: a council member of A is no reader, so not even that.
    expectProblem(
      await t.sendEvent(member.token, caseId, 'RECORD_EXPLANATION', { text: 'not mine' }),
      404,
      'CASE.NOT_FOUND',
    );
    expectAccepted(
      await t.sendEvent(subject.token, caseId, 'RECORD_EXPLANATION', { text: 'Tôi giải trình' }),
      'RECORD_EXPLANATION',
      'verifying',
      3,
    );
    const history = await t.history(subject.token, caseId);
    expect(history.body.items[2].actor).toMatchObject({ userId: subject.id, role: 'subject' });
    expectProblem(await t.sendEvent(subject.token, caseId, 'CLOSE'), 403, 'CASE.SELF_ACTION');
    expect((await t.listCases(subject.token, 'actionable=true')).body.items).toEqual([]);
  });

  it('shows it to auditors in scope in the audit search and export, to no other', async () => {
    const found = await t.getAs(auditor.token, `/api/v1/audit/events?caseId=${caseId}`);
    expect(found.status).toBe(200);
    expect(found.body.items.length).toBeGreaterThan(0);
    const exported = await download(auditor, 'jsonl');
    expect(exported.status).toBe(200);
    expect(exported.body).toContain(caseId);

    const elsewhere = await t.getAs(otherAuditor.token, `/api/v1/audit/events?caseId=${caseId}`);
    expect({ status: elsewhere.status, items: elsewhere.body.items }).toEqual({
      status: 200,
      items: [],
    });
    for (const format of ['csv', 'jsonl']) {
      const exported = await download(otherAuditor, format);
      expect(exported.status).toBe(200);
      expect(exported.body).not.toContain(caseId);
      expect(exported.body).not.toContain(SECRET);
    }
  });
});
