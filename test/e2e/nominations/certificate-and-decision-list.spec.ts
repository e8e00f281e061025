import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { WorkerPool } from '../../../src/workers/worker-pool';
import { readPdf } from '../../domain/outputs/read-pdf';
import { DIALECTS } from '../../support/databases';
import { expectProblem, startTestApp, type TestApp } from '../../support/test-app';
import {
  announcedAward,
  LAST_YEAR,
  signedDecision,
  step,
  type StoryTokens,
} from './nomination-steps';
import { binary } from '../../support/binary-body';
import { expectLanguageRefused, expectLanguageDocumented } from '../../support/output-language';

const NAME = 'Nguyễn Thị Ngọc Ánh Dương';
const CODE = /\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b/;

/**
 * Story: Nguyễn Thị Ngọc Ánh Dương is announced advanced worker. Her certificate is a PDF; the
 * decision's list comes as CSV and XLSX, with her exact Vietnamese name and the verification code
 * printed for her. Anyone, without signing in, types that code (even in lower case without dashes)
 * on the public page and gets the decision and the audit record it is bound to, whose hash is the
 * ANNOUNCE record's and whose chain is intact. A made-up code is not found. When the award is
 * revoked, the same code answers "revoked".
 */
describe.each(DIALECTS)('certificate, decision list and public verification (%s)', (dialect) => {
  let t: TestApp;
  let tokens: StoryTokens;
  let caseId: string;
  let verificationCode: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const [leader, secretariat, chair] = await t.tokensFor(
      'unit_leader',
      'secretariat',
      'council_chair',
    );
    tokens = { leader, secretariat, chair };
    const nominee = await t.createPerson(NAME);
    caseId = await announcedAward(t, tokens, nominee.id, 'lao_dong_tien_tien', LAST_YEAR);
  });
  afterAll(() => t.close());

  const get = (path: string) => t.getAs(tokens.secretariat, path).buffer(true).parse(binary);
  const check = (code: string) => t.http.get(`/api/v1/public/certificates/${code}`);

  test('the certificate is a PDF', async () => {
    const pdf = await get(`/api/v1/cases/${caseId}/certificate`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toMatch(/^application\/pdf/);
    expect((pdf.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  test('the decision list as CSV and XLSX names her and prints the code', async () => {
    const csv = await get(`/api/v1/cases/${caseId}/decision-list?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const text = (csv.body as Buffer).toString('utf8');
    expect(text).toContain(NAME);
    const found = CODE.exec(text);
    expect(found).not.toBeNull();
    verificationCode = found![0];

    const xlsx = await get(`/api/v1/cases/${caseId}/decision-list?format=xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer);
    const cells: string[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          cells.push(String(cell.text));
        }),
      ),
    );
    expect(cells).toContain(NAME);
    expect(cells.some((c) => c.includes(verificationCode))).toBe(true);

    const bad = await t.getAs(
      tokens.secretariat,
      `/api/v1/cases/${caseId}/decision-list?format=pdf`,
    );
    expect(bad.status).toBe(400);

    // In English for a reader who reads English: the words, not the names.
    const english = await get(`/api/v1/cases/${caseId}/decision-list?format=csv&lang=en`);
    expect(english.status).toBe(200);
    expect(english.headers['content-disposition']).toContain('danh-sach-khen-thuong.en.csv');
    const englishText = (english.body as Buffer).toString('utf8');
    expect(englishText).toContain('No.,Name / Collective,Code,Unit');
    expect(englishText).toContain(NAME);
    expect(englishText).toContain('In force');
    expectLanguageRefused(
      await t.getAs(tokens.secretariat, `/api/v1/cases/${caseId}/decision-list?format=csv&lang=fr`),
    );
  });

  test('with lang=en the certificate is rendered in English for reference; the Vietnamese one is unchanged', async () => {
    const path = `/api/v1/cases/${caseId}/certificate`;
    const before = await get(path);
    expect(before.status).toBe(200);
    const run = jest.spyOn(t.app.get(WorkerPool), 'run');
    let english: Response;
    try {
      // Rendered when asked, in a worker thread: never the Vietnamese certificate's stored render;
      // asked for three times at once (a reader clicking again), rendered once.
      const answers = await Promise.all([1, 2, 3].map(() => get(`${path}?lang=en`)));
      expect(run).toHaveBeenCalledTimes(1);
      english = answers[0];
      for (const answer of answers) expect(answer.body).toEqual(english.body);
    } finally {
      run.mockRestore();
    }
    expect(english.status).toBe(200);
    expect(english.headers['content-type']).toMatch(/^application\/pdf/);
    expect(english.headers['content-disposition']).toContain(`giay-chung-nhan-${caseId}.en.pdf`);

    const number = (await t.getCase(tokens.secretariat, caseId)).body.context.decision
      .number as string;
    const { lines, pageCount } = readPdf(english.body as Buffer);
    const text = lines.join(' ').replace(/\s+/g, ' ');
    expect(pageCount).toBe(1);
    expect(lines).toContain('REFERENCE TRANSLATION – NOT THE AUTHENTIC DOCUMENT');
    expect(lines).toContain('SOCIALIST REPUBLIC OF VIETNAM');
    expect(lines).toContain('AWARDS');
    expect(lines).toContain('ADVANCED WORKER');
    expect(lines).toContain(NAME);
    expect(lines).toContain(`For the year ${LAST_YEAR}`);
    expect(text).toContain(`Decision No. ${number} of `);
    expect(text).toContain(`Verification code ${verificationCode}`);
    expect(text).toContain(`/public/certificates/${verificationCode}`);
    expect(text).toContain('The Vietnamese certificate is the authentic one.');
    expect(text).not.toContain('TẶNG');
    expect(text).not.toContain('Mã xác thực');

    // The Vietnamese certificate is the same bytes as before, and still Vietnamese.
    const after = await get(`${path}?lang=vi`);
    expect(after.status).toBe(200);
    expect((after.body as Buffer).equals(before.body as Buffer)).toBe(true);
    expect(readPdf(after.body as Buffer).lines).toContain('TẶNG');

    expectLanguageRefused(await t.getAs(tokens.secretariat, `${path}?lang=fr`));
    await expectLanguageDocumented(t, '/api/v1/cases/{id}/certificate');
  });

  test('the printed code resolves publicly to the decision and its audit record', async () => {
    const history = await t.history(tokens.secretariat, caseId);
    const announce = history.body.items.find(
      (r: { eventType: string }) => r.eventType === 'ANNOUNCE',
    );
    const read = await t.getCase(tokens.secretariat, caseId);

    const answer = await check(verificationCode);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      verificationCode,
      status: 'granted',
      nominee: { kind: 'person', name: NAME },
      award: { code: 'lao_dong_tien_tien' },
      evaluationYear: LAST_YEAR,
      decision: { number: read.body.context.decision.number },
      audit: { caseId, seq: announce.seq, recordHash: announce.hash, chainIntact: true },
    });

    const typed = await check(verificationCode.replace(/-/g, '').toLowerCase());
    expect(typed.status).toBe(200);
    expect(typed.body.verificationCode).toBe(verificationCode);

    expectProblem(await check('ZZZZ-ZZZZ-ZZZZ-ZZZZ'), 404, 'CERTIFICATE.NOT_FOUND');
    expectProblem(await check('not-a-code'), 404, 'CERTIFICATE.NOT_FOUND');
  });

  test('after revocation the same code answers revoked', async () => {
    await step(t, tokens.chair, caseId, 'REVOKE', 'revoked', {
      ...signedDecision('Chủ tịch Hội đồng'),
      ground: 'fraudulent_achievements',
      reason: 'Kê khai khống số liệu trong báo cáo thành tích',
    });
    const answer = await check(verificationCode);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      status: 'revoked',
      revocation: { ground: 'fraudulent_achievements' },
      audit: { chainIntact: true },
    });
    const pdf = await t.getAs(tokens.secretariat, `/api/v1/cases/${caseId}/certificate`);
    expect(pdf.status).toBeGreaterThanOrEqual(400);
    expect(pdf.status).toBeLessThan(500);
  });
});
