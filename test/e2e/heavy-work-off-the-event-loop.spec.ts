import type { DataSource } from 'typeorm';
import { VERIFY_CASE } from '../../src/cases/case-verification.tasks';
import { Database } from '../../src/persistence/database';
import { WorkerPool } from '../../src/workers/worker-pool';
import { readPdf } from '../domain/outputs/read-pdf';
import { DIALECTS } from '../support/databases';
import { startTestApp, type TestApp } from '../support/test-app';
import { announcedAward, LAST_YEAR, type StoryTokens } from './nominations/nomination-steps';
import { timeLimit } from '../support/time-limits';
import { binary } from '../support/binary-body';

const NAMES = ['Trần Thị Bích Ngọc', 'Lê Văn Đức', 'Phạm Thị Hồng Nhung', 'Võ Minh Triết'];

/**
 * Story: at the end of the year the secretariat prints a stack of certificates while everyone else
 * keeps working. Each certificate costs about a second of CPU (fonts, layout, QR code), so it is
 * rendered in a worker thread: the server keeps answering others (here `/health`) while four
 * render, and a certificate downloaded again is the stored render, not a second second of CPU.
 * When what it prints changes (the holder's unit is renamed), it is rendered anew. A case's
 * verification (hashing and replay, which grow with the history) runs in the pool too.
 */
describe.each(DIALECTS)('heavy work runs off the event loop (%s)', (dialect) => {
  let t: TestApp;
  let tokens: StoryTokens;
  let dataSource: DataSource;
  let unit: { id: string; code: string };
  const caseIds: string[] = [];

  beforeAll(async () => {
    // One thread: the four renders below run one after another, whatever the machine.
    t = await startTestApp(dialect, { WORKER_THREADS: '1' });
    dataSource = t.app.get(Database).dataSource;
    const [leader, secretariat, chair] = await t.tokensFor(
      'unit_leader',
      'secretariat',
      'council_chair',
    );
    tokens = { leader, secretariat, chair };
    unit = await t.createUnit('Phòng Kế hoạch - Tài chính', 'office');
    for (const name of NAMES) {
      const person = await t.createPerson(name, unit.id);
      caseIds.push(await announcedAward(t, tokens, person.id, 'lao_dong_tien_tien', LAST_YEAR));
    }
    // Four awards each through a council session: minutes for each, slow on a busy machine.
  }, timeLimit(180_000));
  afterAll(() => t.close());

  const certificate = (caseId: string) =>
    t.getAs(tokens.secretariat, `/api/v1/cases/${caseId}/certificate`).buffer(true).parse(binary);

  /** Raw SQL; `?` placeholders work on both engines. */
  const sql = (text: string, params: unknown[] = []) => {
    let n = 0;
    const query = dialect === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text;
    return dataSource.query(query, params);
  };

  const rendersOf = async (caseId: string) =>
    (await sql('SELECT content_key, pdf FROM certificate_renders WHERE case_id = ?', [caseId])) as {
      content_key: string;
      pdf: Uint8Array;
    }[];

  test('while four certificates render, /health answers before the last of them', async () => {
    const answered: string[] = [];
    const downloads = caseIds.map((caseId) =>
      certificate(caseId).then((response) => {
        answered.push(`certificate ${response.status}`);
        return response;
      }),
    );
    // The first certificate is out: the other three are rendering or waiting for the thread.
    await Promise.race(downloads);
    const health = await t.http.get('/health');
    answered.push(`health ${health.status}`);
    await Promise.all(downloads);

    expect(answered).toHaveLength(5);
    expect(answered.at(-1)).toBe('certificate 200');
    expect(answered.indexOf('health 200')).toBeLessThan(answered.length - 1);
    expect(answered.filter((answer) => answer === 'certificate 200')).toHaveLength(4);
  });

  test('a certificate downloaded again is the stored render, byte for byte', async () => {
    const [caseId] = caseIds;
    const first = await certificate(caseId);
    const second = await certificate(caseId);
    expect(first.status).toBe(200);
    expect(Buffer.compare(first.body as Buffer, second.body as Buffer)).toBe(0);
    const renders = await rendersOf(caseId);
    expect(renders).toHaveLength(1);
    expect(Buffer.compare(Buffer.from(renders[0].pdf), first.body as Buffer)).toBe(0);

    // Served from the row, not rendered again: a change to the stored bytes is what comes back.
    const marked = Buffer.concat([first.body as Buffer, Buffer.from('% stored render\n')]);
    await sql('UPDATE certificate_renders SET pdf = ? WHERE case_id = ?', [marked, caseId]);
    try {
      const third = await certificate(caseId);
      expect(Buffer.compare(third.body as Buffer, marked)).toBe(0);
    } finally {
      await sql('UPDATE certificate_renders SET pdf = ? WHERE case_id = ?', [first.body, caseId]);
    }
  });

  test('when what it prints changes, the certificate is rendered anew and replaces the old', async () => {
    const [caseId] = caseIds;
    const before = await rendersOf(caseId);
    const renamed = await t.http
      .patch(`/api/v1/units/${unit.id}`)
      .auth(t.adminToken, { type: 'bearer' })
      .send({ name: 'Phòng Tài chính - Kế toán' });
    expect(renamed.status).toBe(200);

    const pdf = await certificate(caseId);
    expect(pdf.status).toBe(200);
    expect(readPdf(pdf.body as Buffer).lines).toContain('Đơn vị: Phòng Tài chính - Kế toán');
    const after = await rendersOf(caseId);
    expect(after).toHaveLength(1);
    expect(after[0].content_key).not.toBe(before[0].content_key);
  });

  test("a case's verification runs in the worker pool and answers as before", async () => {
    const pool = t.app.get(WorkerPool);
    const run = jest.spyOn(pool, 'run');
    try {
      const [auditor] = await t.tokensFor('auditor');
      const { version } = (await t.getCase(auditor, caseIds[1])).body;
      const answer = await t.verify(auditor, caseIds[1]);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ ok: true, checked: version, firstBadSeq: null, problem: null });
      expect(run).toHaveBeenCalledWith(VERIFY_CASE, expect.anything());
    } finally {
      run.mockRestore();
    }
  });
});
