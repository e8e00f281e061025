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

const PUBLIC_BASE_URL = 'https://thiduakhenthuong.example.vn';
const NAME = 'Lương Thị Kim Thoa';
const REASON = 'Báo cáo thành tích có số liệu không đúng sự thật';

/**
 * Story: Lương Thị Kim Thoa scans the QR code on her certificate with her phone. It opens the web
 * app's public page for the certificate (not raw JSON), which reads the public verification route:
 * her name, her unit, the award in Vietnamese and English, the decision's number, date, signer and
 * issuing unit, "in force". After the award is revoked, the same page says revoked, when and on
 * which Art 93(2) ground, and never the council's free-text reason.
 */
describe.each(DIALECTS)('the certificate’s QR code opens the public page (%s)', (dialect) => {
  let t: TestApp;
  let tokens: StoryTokens;
  let caseId: string;
  let unit: { id: string; code: string };
  let code: string;

  beforeAll(async () => {
    t = await startTestApp(dialect, { PUBLIC_BASE_URL });
    const [leader, secretariat, chair] = await t.tokensFor(
      'unit_leader',
      'secretariat',
      'council_chair',
    );
    tokens = { leader, secretariat, chair };
    unit = await t.createUnit('Phòng Tổ chức - Hành chính', 'office');
    const nominee = await t.createPerson(NAME, unit.id);
    caseId = await announcedAward(t, tokens, nominee.id, 'lao_dong_tien_tien', LAST_YEAR);
  });
  afterAll(() => t.close());

  test('the printed link and QR code point at the web page, not at the JSON route', async () => {
    const pdf = await t
      .getAs(tokens.secretariat, `/api/v1/cases/${caseId}/certificate`)
      .buffer(true)
      .parse(binary);
    expect(pdf.status).toBe(200);
    const printed = readPdf(pdf.body as Buffer).lines.join('');
    const link = new RegExp(
      `${PUBLIC_BASE_URL.replace(/\./g, '\\.')}/public/certificates/([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})`,
    ).exec(printed);
    expect(link).not.toBeNull();
    code = link![1];
    expect(printed).not.toContain('/api/v1/');
    // The page's own data: the code printed resolves on the public JSON route.
    const answer = await t.http.get(`/api/v1/public/certificates/${code}`);
    expect(answer.status).toBe(200);
    expect(answer.body.verificationCode).toBe(code);
  });

  test('the public answer has what the page shows, as printed on the certificate', async () => {
    const read = await t.getCase(tokens.secretariat, caseId);
    const decision = read.body.context.decision;
    const history = await t.history(tokens.secretariat, caseId);
    const announce = history.body.items.find(
      (record: { eventType: string }) => record.eventType === 'ANNOUNCE',
    );
    const answer = await t.http.get(`/api/v1/public/certificates/${code}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      verificationCode: code,
      status: 'granted',
      statusLabel: { vi: 'Có hiệu lực', en: 'In force' },
      nominee: { kind: 'person', name: NAME },
      unitName: 'Phòng Tổ chức - Hành chính',
      award: {
        code: 'lao_dong_tien_tien',
        name: { vi: 'Lao động tiên tiến', en: 'Advanced worker' },
      },
      evaluationYear: LAST_YEAR,
      decision: {
        number: decision.number,
        date: decision.date,
        signer: decision.signer,
        issuingUnitName: decision.issuingUnit.name,
      },
      revocation: null,
      audit: { caseId, seq: announce.seq, recordHash: announce.hash, chainIntact: true },
    });
    expect(decision.number).toMatch(/^\d+\/QĐ-/);
  });

  test('after revocation: revoked, when and on which ground, never the reason', async () => {
    await step(t, tokens.chair, caseId, 'REVOKE', 'revoked', {
      ...signedDecision('Chủ tịch Hội đồng'),
      ground: 'false_dossier',
      reason: REASON,
    });
    const revocation = (await t.getCase(tokens.secretariat, caseId)).body.context.revocation;
    const answer = await t.http.get(`/api/v1/public/certificates/${code}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      status: 'revoked',
      statusLabel: { vi: 'Đã hủy bỏ', en: 'Annulled' },
      revocation: {
        number: revocation.number,
        date: revocation.date,
        issuingUnitName: revocation.issuingUnit.name,
        ground: 'false_dossier',
        groundLabel: {
          vi: 'Thông tin không đúng sự thật hoặc làm giả hồ sơ (Điều 93 khoản 2 điểm b)',
          en: 'False information or a forged dossier (Art 93(2)(b))',
        },
      },
      audit: { chainIntact: true },
    });
    expect(Object.keys(answer.body.revocation).sort()).toEqual(
      ['date', 'ground', 'groundLabel', 'issuingUnitName', 'number'].sort(),
    );
    expect(JSON.stringify(answer.body)).not.toContain(REASON);
    expect(JSON.stringify(answer.body)).not.toContain(unit.id);
  });

  test('the certificate needs a signed-in reader of the case; the check needs no sign-in', async () => {
    const path = `/api/v1/cases/${caseId}/certificate`;
    expectProblem(await t.http.get(path), 401, 'AUTH.UNAUTHENTICATED');
    expectProblem(await t.getAs(t.adminToken, path), 403, 'AUTH.FORBIDDEN');
    expect((await t.http.get(`/api/v1/public/certificates/${code}`)).status).toBe(200);
  });

  test('an unknown code is a 404 problem, in both languages', async () => {
    const response = await t.http.get('/api/v1/public/certificates/ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    expectProblem(response, 404, 'CERTIFICATE.NOT_FOUND');
    expect(response.body.detailVi).toEqual(expect.any(String));
  });
});
