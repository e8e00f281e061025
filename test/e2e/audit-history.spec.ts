import type { Response } from 'supertest';
import {
  AUDIT_TRAIL_REPOSITORY,
  type AuditTrailRepository,
} from '../../src/persistence/repositories/audit-trail.repository';
import { DIALECTS } from '../support/databases';
import { expectProblem, startTestApp, type TestApp, type TestUser } from '../support/test-app';
import { violationReport } from '../support/violations';

/**
 * Story: a party committee with two sibling units A and B. Violations are reported about people
 * of A, about unit A itself as a collective, and about a person of B; the secretariats verify and
 * dismiss some. An organisation-wide auditor searches the whole audit trail by case, subject,
 * actor, event type, state and time, page by page; an auditor of A searches the same way and
 * never sees anything of B (a case id of B answers an empty list, like one that does not exist).
 * Nobody else may search. Every auditor read, the searches and the case reads alike, is in the
 * read log with who asked what and how many records they got; a read whose log cannot be written
 * fails.
 */

interface Record {
  caseId: string;
  seq: number;
  at: string;
  actor: { userId: string; username: string; role: string };
  eventType: string;
  payload: { reason?: string };
  toState: string;
}

const DISMISS_REASON = 'Xác minh không có căn cứ: người bị phản ánh đã nộp phạt ở địa phương khác';

describe.each(DIALECTS)('the auditors’ history search (%s)', (dialect) => {
  let t: TestApp;
  let unitA: { id: string };
  let unitB: { id: string };
  let personA1: string;
  let personA2: string;
  let personB: string;
  let secretariatA: TestUser;
  let secretariatB: TestUser;
  let leaderA: TestUser;
  let auditor: TestUser;
  let auditorA: TestUser;
  /** Dismissed: 3 records. */
  let caseA1: string;
  /** Opened by the leader of A, under verification: 2 records. */
  let caseA2: string;
  /** About unit A as a collective: 1 record. */
  let caseUnitA: string;
  /** In B, under verification: 2 records. */
  let caseB: string;
  /** Every record, as the organisation-wide auditor finds them with no filter. */
  let all: Record[];

  const search = (user: TestUser, query = '') =>
    t.getAs(user.token, `/api/v1/audit/events${query ? `?${query}` : ''}`);
  const items = (response: Response): Record[] => {
    expect(response.status).toBe(200);
    return response.body.items;
  };
  const keys = (records: Record[]) => records.map((r) => `${r.caseId}#${r.seq}`);
  const reads = async (user: TestUser, query = '') => {
    const response = await t.getAs(user.token, `/api/v1/audit/reads${query ? `?${query}` : ''}`);
    expect(response.status).toBe(200);
    return response.body.items as {
      userId: string;
      username: string;
      action: string;
      query: { [key: string]: unknown };
      resultCount: number | null;
    }[];
  };

  const openViolation = async (token: string, subject: object) => {
    const opened = await t.openCase(token, {
      type: 'violation',
      subject,
      data: violationReport({
        category: 'other',
        source: 'inspection',
        summary: 'Phản ánh về việc chấp hành quy định ở cơ quan',
      }),
    });
    expect(opened.status).toBe(201);
    return opened.body.id as string;
  };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const committee = await t.createUnit('Đảng ủy Khối các cơ quan tỉnh', 'party_committee');
    unitA = await t.createUnit('Đảng bộ Sở Tư pháp', 'grassroots_party_org', committee.id);
    unitB = await t.createUnit('Đảng bộ Sở Xây dựng', 'grassroots_party_org', committee.id);
    personA1 = (await t.createPerson('Đặng Văn Ơn', unitA.id)).id;
    personA2 = (await t.createPerson('Lưu Thị Hường', unitA.id)).id;
    personB = (await t.createPerson('Trương Thị Mỹ', unitB.id)).id;
    secretariatA = await t.userWithGrants([{ role: 'secretariat', unitId: unitA.id }]);
    secretariatB = await t.userWithGrants([{ role: 'secretariat', unitId: unitB.id }]);
    leaderA = await t.userWithGrants([{ role: 'unit_leader', unitId: unitA.id }]);
    auditor = await t.userWith('auditor');
    auditorA = await t.userWithGrants([{ role: 'auditor', unitId: unitA.id }]);

    caseA1 = await openViolation(secretariatA.token, { kind: 'person', personId: personA1 });
    await t.sendEvent(secretariatA.token, caseA1, 'START_VERIFICATION').expect(200);
    await t
      .sendEvent(secretariatA.token, caseA1, 'DISMISS', { reason: DISMISS_REASON })
      .expect(200);
    caseA2 = await openViolation(leaderA.token, { kind: 'person', personId: personA2 });
    await t.sendEvent(secretariatA.token, caseA2, 'START_VERIFICATION').expect(200);
    caseUnitA = await openViolation(secretariatA.token, { kind: 'unit', unitId: unitA.id });
    caseB = await openViolation(secretariatB.token, { kind: 'person', personId: personB });
    await t.sendEvent(secretariatB.token, caseB, 'START_VERIFICATION').expect(200);

    all = items(await search(auditor, 'limit=200'));
  });
  afterAll(() => t.close());

  test('with no filter, an organisation-wide auditor finds every record, oldest first', () => {
    expect(all).toHaveLength(8);
    const sorted = [...all].sort(
      (a, b) =>
        a.at.localeCompare(b.at) ||
        Buffer.compare(Buffer.from(a.caseId), Buffer.from(b.caseId)) ||
        a.seq - b.seq,
    );
    expect(keys(all)).toEqual(keys(sorted));
    expect(new Set(all.map((r) => r.caseId))).toEqual(new Set([caseA1, caseA2, caseUnitA, caseB]));
  });

  test('each filter narrows to what it names', async () => {
    const expectFound = async (query: string, expected: Record[]) => {
      const found = items(await search(auditor, query));
      expect({ query, found: keys(found) }).toEqual({ query, found: keys(expected) });
    };
    await expectFound(
      `caseId=${caseA1}`,
      all.filter((r) => r.caseId === caseA1),
    );
    await expectFound(
      `subjectPersonId=${personA2}`,
      all.filter((r) => r.caseId === caseA2),
    );
    await expectFound(
      `subjectUnitId=${unitA.id}`,
      all.filter((r) => r.caseId === caseUnitA),
    );
    await expectFound(
      `actorUserId=${leaderA.id}`,
      all.filter((r) => r.actor.userId === leaderA.id),
    );
    expect(all.filter((r) => r.actor.userId === leaderA.id)).toHaveLength(1);
    await expectFound(
      'eventType=DISMISS',
      all.filter((r) => r.eventType === 'DISMISS'),
    );
    await expectFound(
      'state=verifying',
      all.filter((r) => r.toState === 'verifying'),
    );
    expect(all.filter((r) => r.toState === 'verifying')).toHaveLength(3);
    await expectFound(
      `eventType=START_VERIFICATION&actorUserId=${secretariatB.id}`,
      all.filter((r) => r.caseId === caseB && r.seq === 2),
    );

    const middle = all[4].at;
    await expectFound(
      `from=${encodeURIComponent(middle)}`,
      all.filter((r) => r.at >= middle),
    );
    await expectFound(
      `to=${encodeURIComponent(middle)}`,
      all.filter((r) => r.at < middle),
    );
    // Another zone: the same instant.
    const plus7 = new Date(Date.parse(middle) + 7 * 3600_000).toISOString().replace('Z', '+07:00');
    await expectFound(
      `from=${encodeURIComponent(plus7)}`,
      all.filter((r) => r.at >= middle),
    );
    await expectFound('from=2000-01-01&to=2000-01-02', []);
  });

  test('the Vietnamese text of a payload comes back exactly', async () => {
    const [dismissed] = items(await search(auditor, 'eventType=DISMISS'));
    expect(dismissed.payload.reason).toBe(DISMISS_REASON);
  });

  test('an auditor of A sees A’s records only; a case of B answers an empty list', async () => {
    const mine = items(await search(auditorA, 'limit=200'));
    expect(keys(mine)).toEqual(keys(all.filter((r) => r.caseId !== caseB)));
    const ofB = await search(auditorA, `caseId=${caseB}`);
    expect(ofB.body).toEqual({ items: [], nextCursor: null });
    expect(items(await search(auditorA, `subjectPersonId=${personB}`))).toEqual([]);
    expect(items(await search(auditorA, `actorUserId=${secretariatB.id}`))).toEqual([]);
    expect(items(await search(auditorA, `subjectUnitId=${unitB.id}`))).toEqual([]);
  });

  test('pages follow one another without duplicates or gaps', async () => {
    for (const limit of [1, 2, 3]) {
      const seen: Record[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = `limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
        const page: Response = await search(auditor, query);
        const found = items(page);
        expect(found.length).toBeLessThanOrEqual(limit);
        seen.push(...found);
        cursor = page.body.nextCursor;
        pages += 1;
      } while (cursor !== null && pages < 20);
      expect({ limit, seen: keys(seen) }).toEqual({ limit, seen: keys(all) });
      expect(pages).toBe(Math.ceil(all.length / limit));
    }
    // Paging within a filter.
    const first = await search(auditorA, 'state=verifying&limit=1');
    expect(keys(items(first))).toEqual(
      keys(all.filter((r) => r.toState === 'verifying' && r.caseId !== caseB).slice(0, 1)),
    );
    const second = await search(
      auditorA,
      `state=verifying&limit=1&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.nextCursor).toBeNull();
    expect(keys(items(second))).toEqual(
      keys(all.filter((r) => r.toState === 'verifying' && r.caseId !== caseB).slice(1, 2)),
    );
  });

  test.each([
    ['caseId=not-a-uuid'],
    ['subjectPersonId=123'],
    ['subjectUnitId=abc'],
    ['actorUserId=x'],
    ['eventType=submit'],
    ['state=VERIFYING'],
    ['from=yesterday'],
    ['from=2026-02-30T00:00:00Z'],
    ['to=2026-01-01T10:00:00'],
    ['limit=0'],
    ['limit=201'],
    ['limit=ten'],
    ['cursor=not*base64'],
    [`cursor=${Buffer.from('{"at":1}').toString('base64url')}`],
    ['cursor=bm90IGpzb24'],
    // A record number past PostgreSQL's integer: refused, not sent to the database (500 before).
    [
      `cursor=${Buffer.from(
        JSON.stringify({ at: '2026-01-01T00:00:00.000Z', caseId: 'x', seq: 2 ** 31 }),
      ).toString('base64url')}`,
    ],
    ['unknown=1'],
  ])('a bad query (%s) answers 400 with problem details', async (query) => {
    expectProblem(await search(auditor, query), 400, 'VALIDATION.FAILED');
  });

  test('only auditors may search, export and read the log', async () => {
    for (const token of [t.adminToken, secretariatA.token, leaderA.token]) {
      for (const path of ['events', 'export', 'reads']) {
        expectProblem(await t.getAs(token, `/api/v1/audit/${path}`), 403, 'AUTH.FORBIDDEN');
      }
    }
  });

  test('every search is logged with who asked, the query and how many records came back', async () => {
    const auditorB = await t.userWithGrants([{ role: 'auditor', unitId: unitB.id }]);
    await search(auditorB, `caseId=${caseB}&limit=5`).expect(200);
    await search(auditorB, `caseId=${caseA1}`).expect(200);
    await search(auditorB, 'limit=0').expect(400);
    const log = await reads(auditorB);
    expect(
      log.map(({ userId, username, action, query, resultCount }) => ({
        userId,
        username,
        action,
        query,
        resultCount,
      })),
    ).toEqual([
      {
        userId: auditorB.id,
        username: auditorB.username,
        action: 'search',
        query: { caseId: caseA1, limit: 50 },
        resultCount: 0,
      },
      {
        userId: auditorB.id,
        username: auditorB.username,
        action: 'search',
        query: { caseId: caseB, limit: 5 },
        resultCount: 2,
      },
    ]);
    // Reading the log is a read too; the organisation-wide auditor sees anyone's log.
    const seen = await reads(auditor, `userId=${auditorB.id}`);
    expect(seen.map((read) => read.action)).toEqual(['reads', 'search', 'search']);
    expect(seen[0].query).toEqual({ userId: auditorB.id, limit: 50 });
    // An auditor scoped to units sees only their own.
    expect(await reads(auditorA, `userId=${auditorB.id}`)).toEqual([]);
  });

  test('an auditor’s case, history and verify reads are logged; other roles’ are not', async () => {
    const auditorC = await t.userWithGrants([{ role: 'auditor', unitId: unitA.id }]);
    await t.getCase(auditorC.token, caseA1).expect(200);
    await t.history(auditorC.token, caseA1).expect(200);
    await t.verify(auditorC.token, caseA1).expect(200);
    await t.history(auditorC.token, caseB).expect(404);
    const log = await reads(auditorC);
    expect(log.map(({ action, query, resultCount }) => ({ action, query, resultCount }))).toEqual([
      { action: 'verify', query: { caseId: caseA1 }, resultCount: 3 },
      { action: 'history', query: { caseId: caseA1 }, resultCount: 3 },
      { action: 'case', query: { caseId: caseA1 }, resultCount: 1 },
    ]);
    await t.history(secretariatA.token, caseA1).expect(200);
    expect(await reads(auditor, `userId=${secretariatA.id}`)).toEqual([]);
  });

  test('a read whose log cannot be written fails, and nothing is answered', async () => {
    const trail = t.app.get<AuditTrailRepository>(AUDIT_TRAIL_REPOSITORY);
    const spy = jest
      .spyOn(trail, 'recordRead')
      .mockRejectedValue(new Error('the read log is unavailable'));
    try {
      const searched = await search(auditor, `caseId=${caseA1}`);
      expect(searched.status).toBe(500);
      expect(searched.body.items).toBeUndefined();
      const history = await t.history(auditor.token, caseA1);
      expect(history.status).toBe(500);
      expect(JSON.stringify(history.body)).not.toContain(DISMISS_REASON);
      expect((await t.getAs(auditor.token, '/api/v1/audit/export')).status).toBe(500);
    } finally {
      spy.mockRestore();
    }
  });
});
