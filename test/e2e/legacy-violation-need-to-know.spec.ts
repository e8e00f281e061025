import { CaseCommands } from '../../src/cases/case-commands.service';
import type { Principal } from '../../src/domain/org/principal';
import { DIALECTS } from '../support/databases';
import { expectProblem, startTestApp, type TestApp } from '../support/test-app';

/**
 * Story: a violation report opened in 2025 on violation v3, published before workflows declared
 * need-to-know, about Đỗ Thị Hồng Nhung. Today's rule protects it as it protects a v5 case
 * (workflows/access/violation.v3.json): the committee's office and the auditor read it in full,
 * her unit's leader learns only that it exists and its state, a council member learns nothing, in
 * the case, its history and the case list alike.
 */
describe.each(DIALECTS)('a violation case of v3 is need-to-know (%s)', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(() => t.close());

  test('read in full by its readers, known to exist by the leader, hidden from the rest', async () => {
    const [secretariat, leader, member, auditor] = await Promise.all(
      ['secretariat', 'unit_leader', 'council_member', 'auditor'].map(
        async (role) => (await t.userWith(role as Principal['roles'][number])).token,
      ),
    );
    const office = await t.userWith('secretariat');
    const nhung = await t.createPerson('Đỗ Thị Hồng Nhung');
    const principal: Principal = {
      userId: office.id,
      username: office.username,
      roles: ['secretariat'],
      personId: null,
      grants: [{ role: 'secretariat', unitId: null, scope: null }],
    };
    const opened = await t.app.get(CaseCommands).open(
      principal,
      {
        type: 'violation',
        subject: { kind: 'person', personId: nhung.id },
        data: { category: 'traffic', summary: 'Không đội mũ bảo hiểm (Công an phường thông báo)' },
      },
      { method: 'POST', path: '/api/v1/cases' },
      3,
    );
    const id = opened.body.id;

    for (const reader of [secretariat, auditor]) {
      const read = await t.getCase(reader, id);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ workflow: { id: 'violation', version: 3 } });
      expect(read.body.data.summary).toContain('mũ bảo hiểm');
      expect((await t.history(reader, id)).status).toBe(200);
    }

    const known = await t.getCase(leader, id);
    expect(known.status).toBe(200);
    expect(known.body).toMatchObject({ id, existenceOnly: true, state: 'reported' });
    expect(JSON.stringify(known.body)).not.toContain('mũ bảo hiểm');
    expectProblem(await t.history(leader, id), 404, 'CASE.NOT_FOUND');

    expectProblem(await t.getCase(member, id), 404, 'CASE.NOT_FOUND');
    expectProblem(await t.history(member, id), 404, 'CASE.NOT_FOUND');
    const listed = await t.getAs(member, '/api/v1/cases?type=violation');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).not.toContain(id);
  });
});
