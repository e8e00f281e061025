import { createHash } from 'node:crypto';
import type { Response } from 'supertest';
import ruleSet from '../../../data/rulesets/vn-law-06-2022-decree-152-2025.v1.json';
import { DIALECTS } from '../../support/databases';
import {
  expectProblem,
  pdfBytes,
  PROBLEM_JSON,
  startTestApp,
  type TestApp,
} from '../../support/test-app';
import {
  lineOf,
  openNomination,
  recordedEligibility,
  step,
  type StoryTokens,
} from './nomination-steps';
import { binary } from '../../support/binary-body';

const documentName = (code: string) => {
  const found = ruleSet.documents.find((d) => d.code === code);
  if (found === undefined) throw new Error(`no document ${code} in the rule set`);
  return found.name;
};

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

/**
 * Story: Lương Thị Hải Yến's unit leader starts her advanced-worker dossier with the proposal
 * letter only. SUBMIT is refused, naming (in Vietnamese and English) the achievement report and
 * the review minutes that are missing. Uploads that are not real dossier files are refused: an
 * unknown document code, a PNG labelled PDF, an empty body, a text body, a file over 10 MiB. Once
 * the two documents are uploaded the dossier line passes. Each upload's SHA-256 is in the audit
 * record; the file comes back byte for byte, with its Vietnamese name, to those who may read the
 * case, and to nobody else.
 */
describe.each(DIALECTS)('dossier completeness and document uploads (%s)', (dialect) => {
  let t: TestApp;
  let tokens: StoryTokens;
  let caseId: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const [leader, secretariat, chair] = await t.tokensFor(
      'unit_leader',
      'secretariat',
      'council_chair',
    );
    tokens = { leader, secretariat, chair };
    const nominee = await t.createPerson('Lương Thị Hải Yến');
    caseId = await openNomination(t, leader, nominee.id);
  });
  afterAll(() => t.close());

  const documentsOf = (response: Response) =>
    response.body.context.documents as {
      id: string;
      code: string;
      sha256: string;
      fileName: string;
    }[];

  test('missing documents are named and SUBMIT is refused', async () => {
    const uploaded = await t.uploadDocument(tokens.leader, caseId, 'to_trinh');
    expect(uploaded.status).toBe(200);
    const refused = await t.sendEvent(tokens.leader, caseId, 'SUBMIT');
    expectProblem(refused, 422, 'CASE.GUARD_FAILED');
    expect(refused.body.eligibility.outcome).toBe('ineligible');
    const line = lineOf(refused.body.eligibility, 'dossier.complete');
    expect(line.outcome).toBe('fail');
    expect(line.details).toMatchObject({
      missing: ['bao_cao_thanh_tich', 'bien_ban_binh_xet'],
    });
    for (const code of ['bao_cao_thanh_tich', 'bien_ban_binh_xet']) {
      expect(line.reason.vi).toContain(documentName(code).vi);
      expect(line.reason.en).toContain(documentName(code).en);
    }
    expect(line.reason.vi).not.toContain(documentName('to_trinh').vi);
  });

  test('uploads that are not dossier files are refused', async () => {
    const unknown = await t.uploadDocument(tokens.leader, caseId, 'giay_to_khac');
    expectProblem(unknown, 422, 'DOCUMENT.UNKNOWN_CODE');
    expect(unknown.body.detail ?? JSON.stringify(unknown.body)).toContain('giay_to_khac');

    const mislabelled = await t.uploadDocument(tokens.leader, caseId, 'bao_cao_thanh_tich', {
      content: PNG,
      mediaType: 'application/pdf',
    });
    expectProblem(mislabelled, 422, 'DOCUMENT.NOT_ACCEPTED');

    const empty = await t.uploadDocument(tokens.leader, caseId, 'bao_cao_thanh_tich', {
      content: Buffer.alloc(0),
    });
    expect(empty.status).toBeGreaterThanOrEqual(400);
    expect(empty.status).toBeLessThan(500);
    expect(empty.headers['content-type']).toMatch(PROBLEM_JSON);

    const plain = await t.uploadDocument(tokens.leader, caseId, 'bao_cao_thanh_tich', {
      content: Buffer.from('Báo cáo thành tích năm 2025', 'utf8'),
      mediaType: 'text/plain',
    });
    expect(plain.status).toBeGreaterThanOrEqual(400);
    expect(plain.status).toBeLessThan(500);
    expect(plain.headers['content-type']).toMatch(PROBLEM_JSON);

    const huge = Buffer.concat([pdfBytes('lớn'), Buffer.alloc(10 * 1024 * 1024 + 1, 0x20)]);
    const tooLarge = await t.uploadDocument(tokens.leader, caseId, 'bao_cao_thanh_tich', {
      content: huge,
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers['content-type']).toMatch(PROBLEM_JSON);

    // None of the refusals touched the case.
    const read = await t.getCase(tokens.leader, caseId);
    expect(documentsOf(read).map((d) => d.code)).toEqual(['to_trinh']);
    const history = await t.history(tokens.leader, caseId);
    expect(
      history.body.items.filter((r: { eventType: string }) => r.eventType === 'ATTACH_DOCUMENT'),
    ).toHaveLength(1);
  });

  test('uploading the missing documents completes the dossier', async () => {
    const report = pdfBytes('Báo cáo thành tích của đồng chí Lương Thị Hải Yến');
    const fileName = 'Báo cáo thành tích – Lương Thị Hải Yến.pdf';
    const uploaded = await t.uploadDocument(tokens.leader, caseId, 'bao_cao_thanh_tich', {
      content: report,
      fileName,
    });
    expect(uploaded.status).toBe(200);
    await t.uploadDocument(tokens.leader, caseId, 'bien_ban_binh_xet').expect(200);

    const sha256 = createHash('sha256').update(report).digest('hex');
    const stored = documentsOf(uploaded).find((d) => d.code === 'bao_cao_thanh_tich')!;
    expect(stored).toMatchObject({ sha256, fileName });

    const history = await t.history(tokens.leader, caseId);
    const attach = history.body.items.filter(
      (r: { eventType: string }) => r.eventType === 'ATTACH_DOCUMENT',
    );
    expect(attach).toHaveLength(3);
    expect(attach[1].facts.document).toMatchObject({
      code: 'bao_cao_thanh_tich',
      sha256,
      size: report.length,
      id: stored.id,
    });

    // Exact bytes and name to whoever may read the case.
    const path = `/api/v1/cases/${caseId}/documents/${stored.id}`;
    const download = await t.getAs(tokens.secretariat, path).buffer(true).parse(binary);
    expect(download.status).toBe(200);
    expect(Buffer.compare(download.body as Buffer, report)).toBe(0);
    expect(download.headers['content-type']).toMatch(/^application\/pdf/);
    expect(download.headers['x-content-sha256']).toBe(sha256);
    const disposition = download.headers['content-disposition'] as string;
    const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
    expect(encoded).toBeDefined();
    expect(decodeURIComponent(encoded!)).toBe(fileName);

    // Out of scope: as if the case did not exist. Unauthenticated: 401.
    const otherUnit = await t.createUnit('Công đoàn Khối (đơn vị khác)');
    const outsider = await t.userWithGrants([{ role: 'unit_leader', unitId: otherUnit.id }]);
    const hidden = await t.getAs(outsider.token, path);
    expect(hidden.status).toBe(404);
    expect(hidden.headers['content-type']).toMatch(PROBLEM_JSON);
    const anonymous = await t.http.get(path);
    expect(anonymous.status).toBe(401);

    await step(t, tokens.leader, caseId, 'SUBMIT', 'submitted');
    const line = lineOf(await recordedEligibility(t, tokens.leader, caseId), 'dossier.complete');
    expect(line.outcome).toBe('pass');
    expect(line.details).toMatchObject({ missing: [] });
  });
});
