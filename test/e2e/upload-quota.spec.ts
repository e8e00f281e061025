import { randomUUID } from 'node:crypto';
import { Database } from '../../src/persistence/database';
import { DIALECTS } from '../support/databases';
import {
  expectProblem,
  nominationData,
  pdfBytes,
  startTestApp,
  type TestApp,
} from '../support/test-app';

/**
 * Story: with quotas of 1 MiB per case and 2 MiB per user a day (small, for the test), a unit
 * leader uploads scanned dossier documents of 600 KiB. The second scan to one case is refused
 * (the case's quota), and once the leader has uploaded 1.8 MiB in a day the next scan is refused
 * too (the user's quota), each with a problem naming the quota in Vietnamese and English; nothing
 * is stored. Another leader is not affected; a retried upload is answered as it was the first
 * time; a day later the leader may upload again.
 */

const SCAN = 600 * 1024;

/** A PDF of `bytes` bytes. */
const scan = (label: string, bytes = SCAN) =>
  Buffer.concat([pdfBytes(label), Buffer.alloc(bytes - pdfBytes(label).length, 0x20)]);

describe.each(DIALECTS)('upload quota (%s)', (dialect) => {
  let t: TestApp;
  let leader: string;
  let otherLeader: string;

  beforeAll(async () => {
    t = await startTestApp(dialect, {
      UPLOAD_QUOTA_CASE_MIB: '1',
      UPLOAD_QUOTA_USER_MIB_PER_DAY: '2',
    });
    [leader, otherLeader] = await t.tokensFor('unit_leader', 'unit_leader');
  });
  afterAll(() => t.close());

  const openNomination = async (token: string, name: string) => {
    const opened = await t.openCase(token, {
      type: 'nomination',
      subject: await t.personSubject(name),
      data: nominationData(),
    });
    expect(opened.status).toBe(201);
    return opened.body.id as string;
  };

  const documentCount = async (token: string, caseId: string) =>
    ((await t.getCase(token, caseId)).body.context.documents ?? []).length as number;

  test('a case holds at most its quota of documents', async () => {
    const caseId = await openNomination(leader, 'Đỗ Thị Hồ Sơ');
    expect(
      (await t.uploadDocument(leader, caseId, 'to_trinh', { content: scan('1') })).status,
    ).toBe(200);
    const refused = await t.uploadDocument(leader, caseId, 'bao_cao_thanh_tich', {
      content: scan('2'),
    });
    expectProblem(refused, 422, 'UPLOAD.QUOTA_EXCEEDED');
    expect(refused.body).toMatchObject({
      quota: 'case',
      limitBytes: 1024 * 1024,
      usedBytes: SCAN,
      detail: expect.stringMatching(/quota per case: at most 1\.0 MiB/),
      detailVi: expect.stringMatching(/hạn mức tài liệu của một hồ sơ/),
    });
    expect(await documentCount(leader, caseId)).toBe(1);
    // What still fits is accepted.
    const small = await t.uploadDocument(leader, caseId, 'bao_cao_thanh_tich');
    expect(small.status).toBe(200);
  });

  test('a user uploads at most their daily quota; others are not affected', async () => {
    // 600 KiB (and a small file) are already counted from the test above.
    const first = await openNomination(leader, 'Vũ Văn Một');
    const second = await openNomination(leader, 'Vũ Văn Hai');
    expect((await t.uploadDocument(leader, first, 'to_trinh', { content: scan('3') })).status).toBe(
      200,
    );
    expect(
      (await t.uploadDocument(leader, second, 'to_trinh', { content: scan('4') })).status,
    ).toBe(200);
    const third = await openNomination(leader, 'Vũ Văn Ba');
    const refused = await t.uploadDocument(leader, third, 'to_trinh', { content: scan('5') });
    expectProblem(refused, 422, 'UPLOAD.QUOTA_EXCEEDED');
    expect(refused.body).toMatchObject({
      quota: 'user_day',
      limitBytes: 2 * 1024 * 1024,
      detail: expect.stringMatching(/quota per user: at most 2\.0 MiB in any 24 hours/),
      detailVi: expect.stringMatching(/trong 24 giờ/),
    });
    expect(await documentCount(leader, third)).toBe(0);

    const theirs = await openNomination(otherLeader, 'Vũ Thị Khác');
    expect(
      (await t.uploadDocument(otherLeader, theirs, 'to_trinh', { content: scan('6') })).status,
    ).toBe(200);
  });

  test('a retried upload is answered as the first time, however full the quota is now', async () => {
    const caseId = await openNomination(otherLeader, 'Mai Văn Thử Lại');
    const idempotencyKey = randomUUID();
    const upload = () =>
      t
        .postAs(
          otherLeader,
          `/api/v1/cases/${caseId}/documents?code=to_trinh&fileName=to-trinh.pdf`,
          { idempotencyKey },
        )
        .set('Content-Type', 'application/pdf')
        .send(scan('7'));
    const first = await upload();
    expect(first.status).toBe(200);
    // Now 1.2 MiB this day for this leader, and the case is at 600 KiB of its 1 MiB.
    const again = await upload();
    expect(again.status).toBe(200);
    expect(again.headers['idempotency-replayed']).toBe('true');
    expect(await documentCount(otherLeader, caseId)).toBe(1);
  });

  test('a day later the user quota is free again', async () => {
    t.advanceClock(24 * 3600 + 60);
    const caseId = await openNomination(leader, 'Vũ Văn Bốn');
    expect(
      (await t.uploadDocument(leader, caseId, 'to_trinh', { content: scan('8') })).status,
    ).toBe(200);
  });

  test('the OpenAPI document names the quota problem of the upload route', async () => {
    const { paths } = (await t.http.get('/api/docs-json')).body;
    expect(paths['/api/v1/cases/{id}/documents'].post.responses[422].description).toMatch(
      /UPLOAD.QUOTA_EXCEEDED/,
    );
  });

  /** The documents of these cases as stored: how many, and their bytes. */
  const stored = async (caseIds: string[]) => {
    const p = (index: number) => (dialect === 'postgres' ? `$${index}` : '?');
    const rows: { files: number | string; bytes: number | string }[] = await t.app
      .get(Database)
      .read((manager) =>
        manager.query(
          'SELECT COUNT(*) AS files, COALESCE(SUM(size), 0) AS bytes FROM case_documents ' +
            `WHERE case_id IN (${caseIds.map((_, index) => p(index + 1)).join(', ')})`,
          caseIds,
        ),
      );
    return { files: Number(rows[0].files), bytes: Number(rows[0].bytes) };
  };

  /** Fires the uploads at once; the statuses, and the quotas named by the refusals. */
  const race = async (uploads: (() => ReturnType<TestApp['uploadDocument']>)[]) => {
    const answers = await Promise.all(uploads.map((upload) => upload()));
    for (const answer of answers.filter((a) => a.status !== 200)) {
      expectProblem(answer, 422, 'UPLOAD.QUOTA_EXCEEDED');
    }
    return {
      accepted: answers.filter((answer) => answer.status === 200).length,
      refused: answers
        .filter((answer) => answer.status !== 200)
        .map((answer) => answer.body.quota as string),
    };
  };

  test('uploads racing to one case: only what fits its quota is accepted', async () => {
    const [racer] = await t.tokensFor('unit_leader');
    const caseId = await openNomination(racer, 'Phan Văn Đua');
    const PART = 300 * 1024;
    // Six of 300 KiB at once (1.8 MiB, within the user's 2 MiB): three fit the case's 1 MiB.
    const { accepted, refused } = await race(
      Array.from(
        { length: 6 },
        (_, index) => () =>
          t.uploadDocument(racer, caseId, 'to_trinh', { content: scan(`r${index}`, PART) }),
      ),
    );
    expect(accepted).toBe(3);
    expect(refused).toEqual(['case', 'case', 'case']);
    expect(await stored([caseId])).toEqual({ files: 3, bytes: 3 * PART });
  });

  test('uploads racing by one user: only what fits the daily quota is accepted', async () => {
    const [racer] = await t.tokensFor('unit_leader');
    const caseIds: string[] = [];
    for (let index = 0; index < 3; index++) {
      caseIds.push(await openNomination(racer, `Phan Thị Đua ${index + 1}`));
    }
    const PART = 300 * 1024;
    // Nine of 300 KiB at once, three to each case (2.6 MiB; each case's 900 KiB within its
    // 1 MiB): six fit the user's 2 MiB a day.
    const { accepted, refused } = await race(
      Array.from(
        { length: 9 },
        (_, index) => () =>
          t.uploadDocument(racer, caseIds[index % 3], 'to_trinh', {
            content: scan(`u${index}`, PART),
          }),
      ),
    );
    expect(accepted).toBe(6);
    expect(refused).toEqual(['user_day', 'user_day', 'user_day']);
    expect(await stored(caseIds)).toEqual({ files: 6, bytes: 6 * PART });
  });

  test('an outsider learns nothing about a case from the quota', async () => {
    const missing = await t.uploadDocument(leader, randomUUID(), 'to_trinh', {
      content: scan('9'),
    });
    expectProblem(missing, 404, 'CASE.NOT_FOUND');
  });
});
