import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { CaseCommands } from '../../../src/cases/case-commands.service';
import type { Principal } from '../../../src/domain/org/principal';
import { DIALECTS } from '../../support/databases';
import { expectProblem, nominationData, type TestApp } from '../../support/test-app';
import {
  NOTICED_AWARD,
  LAST_YEAR,
  startStory,
  underPublicNotice,
  type StoryTokens,
} from './nomination-steps';

const OBJECTOR = { name: 'Trần Văn Dân', contact: 'dan.tran@example.vn' };
const TEXT = 'Sáng kiến nêu trong hồ sơ là của tập thể phòng, không phải của cá nhân.';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

interface ObjectionItem {
  seq: number;
  objection: string;
  objector: { name: string | null; contact: string | null } | null;
  identity: string;
  commitment: string | null;
  nonce: string | null;
  inRecord: boolean;
  verified: boolean | null;
}

/**
 * Story (issue 12): a citizen objects to the national emulation fighter nomination of Nguyễn Thị
 * Ngọc Hạnh and leaves a name and an e-mail address. Hạnh herself (a council member, who may read
 * her own case) and the unit leader who nominated her read the case, its history and its audit
 * chain, and find neither the name nor the address anywhere; the chain still verifies. The
 * secretariat and an auditor read them through the objections route, which also proves them
 * against the commitment the record carries (a guessed name cannot be confirmed from that
 * commitment: a random nonce goes into it). The unit leader, Hạnh and a secretariat of another unit
 * cannot use that route. A nomination still running on version 3 (whose objection payload has no
 * room for a commitment) keeps the identity apart too.
 */
describe.each(DIALECTS)("an objector's identity is for the secretariat (%s)", (dialect) => {
  let t: TestApp;
  let tokens: StoryTokens;
  let nominee: string;
  let auditor: string;
  let otherSecretariat: string;
  let caseId: string;

  beforeAll(async () => {
    ({ t, tokens } = await startStory(dialect));
    auditor = (await t.userWith('auditor')).token;
    const elsewhere = await t.createUnit('Sở Tài chính (thử nghiệm)');
    otherSecretariat = (await t.userWithGrants([{ role: 'secretariat', unitId: elsewhere.id }]))
      .token;
    let personId: string;
    ({ caseId, personId } = await underPublicNotice(t, tokens, 'Nguyễn Thị Ngọc Hạnh'));
    nominee = (await t.userWithGrants([{ role: 'council_member' }], personId)).token;
  });
  afterAll(() => t.close());

  const object = (id: string, body: object) =>
    t.http.post(`/api/v1/public/notices/${id}/objections`).send(body);
  const objections = (token: string, id: string) =>
    t.getAs(token, `/api/v1/cases/${id}/objections`);

  test('the nominee and the nominating leader never read the name or the contact', async () => {
    const filed = await object(caseId, { objection: TEXT, ...OBJECTOR });
    expect(filed.status).toBe(202);
    expect(filed.body).toEqual({ caseId, received: true, onHold: true });

    for (const reader of [nominee, tokens.leader]) {
      const read = await t.getCase(reader, caseId);
      expect(read.status).toBe(200);
      const history = await t.history(reader, caseId);
      expect(history.status).toBe(200);
      const shown = JSON.stringify([read.body, history.body]);
      expect(shown).toContain(TEXT);
      expect(shown).not.toContain(OBJECTOR.name);
      expect(shown).not.toContain(OBJECTOR.contact);
      const verified = await t.verify(reader, caseId);
      expect(verified.body).toMatchObject({ ok: true });
    }
  });

  test('the secretariat and an auditor read them, proven by the record', async () => {
    const history = await t.history(tokens.secretariat, caseId);
    const record = history.body.items.find(
      (r: { eventType: string }) => r.eventType === 'FILE_OBJECTION',
    );
    expect(record.payload).toEqual({
      objection: TEXT,
      objector: { commitment: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });

    for (const reader of [tokens.secretariat, auditor]) {
      const listed = await objections(reader, caseId);
      expect(listed.status).toBe(200);
      expect(listed.body.items).toEqual([
        {
          seq: record.seq,
          at: record.at,
          objection: TEXT,
          objector: OBJECTOR,
          identity: 'stored_apart',
          commitment: record.payload.objector.commitment,
          nonce: expect.stringMatching(/^[0-9a-f]{64}$/),
          inRecord: true,
          verified: true,
        },
      ]);
      // Anyone holding the nonce can check the commitment; without it a guess proves nothing.
      const [item] = listed.body.items as ObjectionItem[];
      expect(sha256(canonicalize({ value: OBJECTOR, nonce: item.nonce })!)).toBe(item.commitment);
      expect(sha256(canonicalize({ value: OBJECTOR })!)).not.toBe(item.commitment);
    }
  });

  test('nobody else reads them through the objections route', async () => {
    expectProblem(await objections(tokens.leader, caseId), 403, 'AUTH.FORBIDDEN');
    expectProblem(await objections(nominee, caseId), 403, 'AUTH.FORBIDDEN');
    expectProblem(await objections(otherSecretariat, caseId), 404, 'CASE.NOT_FOUND');
    const leaderAndSecretariatElsewhere = await t.userWithGrants([
      { role: 'unit_leader' },
      { role: 'secretariat', unitId: (await t.createUnit('Sở Nội vụ (thử nghiệm)')).id },
    ]);
    expectProblem(
      await objections(leaderAndSecretariatElsewhere.token, caseId),
      403,
      'OBJECTIONS.FORBIDDEN',
    );
  });

  test('an anonymous objection has no identity and no commitment', async () => {
    const filed = await object(caseId, {
      objection: 'Đồng chí đã bị nhắc nhở vì vi phạm quy chế làm việc trong năm đánh giá.',
    });
    expect(filed.status).toBe(202);
    const listed = await objections(tokens.secretariat, caseId);
    expect(listed.body.items).toHaveLength(2);
    expect(listed.body.items[1]).toMatchObject({
      objector: null,
      identity: 'none',
      commitment: null,
      verified: null,
    });
  });

  test('on a nomination still on version 3 the identity is kept apart too', async () => {
    const leader = await t.userWith('unit_leader');
    const principal: Principal = {
      userId: leader.id,
      username: leader.username,
      roles: ['unit_leader'],
      personId: null,
      grants: [{ role: 'unit_leader', unitId: null, scope: null }],
    };
    const { caseId: v3 } = await underPublicNotice(
      t,
      { ...tokens, leader: leader.token },
      'Lê Thị Thu Trang',
      async (personId) => {
        const opened = await t.app.get(CaseCommands).open(
          principal,
          {
            type: 'nomination',
            subject: { kind: 'person', personId },
            data: nominationData(NOTICED_AWARD, LAST_YEAR),
          },
          { method: 'POST', path: '/api/v1/cases' },
          3,
        );
        return opened.body.id;
      },
    );
    expect((await t.getCase(tokens.secretariat, v3)).body.workflow.version).toBe(3);
    expect((await object(v3, { objection: TEXT, ...OBJECTOR })).status).toBe(202);

    const history = await t.history(tokens.leader, v3);
    const record = history.body.items.find(
      (r: { eventType: string }) => r.eventType === 'FILE_OBJECTION',
    );
    expect(record.payload).toEqual({ objection: TEXT });
    const listed = await objections(auditor, v3);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        objector: OBJECTOR,
        identity: 'stored_apart',
        inRecord: false,
        verified: true,
      }),
    ]);
  });
});
