import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Test } from 'supertest';
import { DocumentRenderer } from '../../src/documents/document-renderer';
import type { ProposalLetterData } from '../../src/documents/document-kinds';
import { DOCUMENT_RENDERS_REPOSITORY } from '../../src/persistence/repositories/document-renders.repository';
import type { DocumentRendersRepository } from '../../src/persistence/repositories/document-renders.repository';
import { WorkerPool } from '../../src/workers/worker-pool';
import { readPdf } from '../domain/outputs/read-pdf';
import { DIALECTS } from '../support/databases';
import { expectProblem, startTestApp, type TestApp } from '../support/test-app';
import { announcedAward, LAST_YEAR } from './nominations/nomination-steps';
import { expectLanguageRefused, expectLanguageDocumented } from '../support/output-language';

const TEMPLATES_DIR = join(__dirname, '../../data/templates');

/**
 * Story: an administrator checks the official document templates the deployment runs with, and
 * previews the Party award decision before the committee's first one; the proposals feature has
 * a letter rendered. Every render runs in a worker thread once, then comes from the table.
 */
describe.each(DIALECTS)('official documents by template (%s)', (dialect) => {
  let t: TestApp;
  let secretariat: string;
  let auditor: string;
  let leader: string;
  /** The award announced in the decision test, read in English after it. */
  let announcedCase: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    [secretariat, auditor, leader] = await t.tokensFor('secretariat', 'auditor', 'unit_leader');
  });
  afterAll(() => t.close());

  const pdfOf = (request: Test) =>
    request.buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
  const renders = () => t.app.get<DocumentRendersRepository>(DOCUMENT_RENDERS_REPOSITORY);

  test('admins, the secretariat and auditors list every kind and format with its version', async () => {
    for (const token of [t.adminToken, secretariat, auditor]) {
      const listed = await t.getAs(token, '/api/v1/templates');
      expect(listed.status).toBe(200);
      expect(listed.body.items).toHaveLength(8);
      expect(listed.body.items).toContainEqual(
        expect.objectContaining({
          kind: 'award_decision',
          format: 'party',
          version: 1,
          file: 'award_decision.party.json',
          sha256: createHash('sha256')
            .update(readFileSync(join(TEMPLATES_DIR, 'award_decision.party.json')))
            .digest('hex'),
          previewUrl: '/api/v1/templates/award_decision/party/preview.pdf',
        }),
      );
    }
    expectProblem(await t.getAs(leader, '/api/v1/templates'), 403, 'AUTH.FORBIDDEN');
  });

  test('a preview renders in a worker thread once; the second comes from the table', async () => {
    const pool = t.app.get(WorkerPool);
    const run = jest.spyOn(pool, 'run');
    try {
      const path = '/api/v1/templates/award_decision/party/preview.pdf';
      const first = await pdfOf(t.getAs(secretariat, path));
      expect(first.status).toBe(200);
      expect(first.headers['content-type']).toBe('application/pdf');
      expect(first.headers['content-disposition']).toMatch(/^inline/);
      expect(run).toHaveBeenCalledTimes(1);
      const rows = await renders().count();

      const second = await pdfOf(t.getAs(t.adminToken, path));
      expect(second.status).toBe(200);
      expect((second.body as Buffer).equals(first.body as Buffer)).toBe(true);
      expect(run).toHaveBeenCalledTimes(1);
      expect(await renders().count()).toBe(rows);

      const { pages } = readPdf(first.body as Buffer);
      expect(pages[0]).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
      expect(pages[0]).toContain('Số 125-QĐ/ĐUK');
      expect(pages[0]).toContain('T/M BAN THƯỜNG VỤ');

      // The other format is another template: rendered anew, with the State heading.
      const state = await pdfOf(
        t.getAs(secretariat, '/api/v1/templates/award_decision/state/preview.pdf'),
      );
      expect(run).toHaveBeenCalledTimes(2);
      const statePage = readPdf(state.body as Buffer).pages[0];
      expect(statePage).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(statePage).toContain('Số: 125/QĐ-SNV');
      expect(statePage).toContain('KT. GIÁM ĐỐC');
    } finally {
      run.mockRestore();
    }
  });

  test('only admins and the secretariat preview; an unknown kind or format is a 400', async () => {
    const path = '/api/v1/templates/certificate/state/preview.pdf';
    expectProblem(await t.getAs(auditor, path), 403, 'AUTH.FORBIDDEN');
    expectProblem(await t.getAs(leader, path), 403, 'AUTH.FORBIDDEN');
    expect((await t.http.get(path)).status).toBe(401);
    const unknown = await t.getAs(secretariat, '/api/v1/templates/bang_khen/party/preview.pdf');
    expectProblem(unknown, 400, 'VALIDATION.FAILED');
    expect(unknown.body.title).toBeDefined();
    expectProblem(
      await t.getAs(secretariat, '/api/v1/templates/certificate/hanh_chinh/preview.pdf'),
      400,
      'VALIDATION.FAILED',
    );
  });

  test('the renderer prints a proposal letter with its number as given, and caches it', async () => {
    const renderer = t.app.get(DocumentRenderer);
    const letter: ProposalLetterData = {
      issuer: {
        format: 'party',
        name: 'Đảng ủy Công ty Điện lực',
        series: 'ĐUĐL',
        place: 'Tam Kỳ',
      },
      number: '3-TTr/ĐUĐL',
      date: '2026-02-05',
      recipient: 'Ban Thường vụ Đảng ủy Khối',
      subject: 'Đề nghị tặng Giấy khen năm 2025',
      basis: ['Hướng dẫn số 06-HD/TW của Ban Bí thư'],
      items: [{ nominee: 'Đỗ Thị Thu Hường', unit: 'Chi bộ Phòng Kỹ thuật', award: 'Giấy khen' }],
      signer: {
        capacity: 'T/M',
        body: 'Ban Thường vụ',
        position: 'Phó Bí thư',
        name: 'Võ Văn Ưng',
      },
      recipients: ['Như trên'],
    };
    const first = await renderer.render('proposal_letter', letter);
    expect(first.sha256).toBe(createHash('sha256').update(first.pdf).digest('hex'));
    const text = readPdf(first.pdf).pages.flat();
    expect(text).toContain('Số 3-TTr/ĐUĐL');
    expect(text).toContain('Tam Kỳ, ngày 05 tháng 02 năm 2026');
    expect(text).toContain('Kính gửi: Ban Thường vụ Đảng ủy Khối');
    expect(text).toContain('PHÓ BÍ THƯ');
    expect(text).toContain('Võ Văn Ưng');
    // No parent body: its line is left out, not printed empty.
    expect(text[0]).toBe('ĐẢNG ỦY CÔNG TY ĐIỆN LỰC');

    const run = jest.spyOn(t.app.get(WorkerPool), 'run');
    try {
      const again = await renderer.render('proposal_letter', { ...letter });
      expect(again.pdf.equals(first.pdf)).toBe(true);
      expect(run).not.toHaveBeenCalled();
      // A bare sequence takes the template's pattern.
      const numbered = await renderer.render('proposal_letter', { ...letter, number: '4' });
      expect(run).toHaveBeenCalledTimes(1);
      expect(readPdf(numbered.pdf).pages.flat()).toContain('Số 4-TTr/ĐUĐL');
    } finally {
      run.mockRestore();
    }
  });

  test("an announced award's decision prints in full: heading, number, signer, attached list", async () => {
    const [leader, chair] = await t.tokensFor('unit_leader', 'council_chair');
    const nominee = await t.createPerson('Nguyễn Thị Ngọc Ánh Dương');
    const caseId = await announcedAward(
      t,
      { leader, secretariat, chair },
      nominee.id,
      'lao_dong_tien_tien',
      LAST_YEAR,
    );
    announcedCase = caseId;
    const number = (await t.getCase(secretariat, caseId)).body.context.decision.number as string;
    const decision = await pdfOf(t.getAs(auditor, `/api/v1/cases/${caseId}/decision.pdf`));
    expect(decision.status).toBe(200);
    expect(decision.headers['content-type']).toBe('application/pdf');
    const { pages } = readPdf(decision.body as Buffer);
    // A unit with no authority recorded issues in the State format, as before issue 17.
    expect(pages[0]).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(pages[0]).toContain(`Số: ${number}`);
    expect(pages[0]).toContain('QUYẾT ĐỊNH:');
    expect(pages[0]).toContain('Nguyễn Văn Thành');
    const list = pages.slice(1).flat().join(' ').replace(/\s+/g, ' ');
    expect(list).toContain('DANH SÁCH');
    expect(list).toContain('Nguyễn Thị Ngọc Ánh Dương');
    expect(list).toContain('Lao động tiên tiến');
    expectProblem(
      await t.getAs(t.adminToken, `/api/v1/cases/${caseId}/decision.pdf`),
      403,
      'AUTH.FORBIDDEN',
    );
  });

  test('with lang=en the decision is rendered in English for reference; the Vietnamese one is unchanged', async () => {
    const path = `/api/v1/cases/${announcedCase}/decision.pdf`;
    const before = await pdfOf(t.getAs(auditor, path));
    expect(before.status).toBe(200);
    const rows = await renders().count();
    const run = jest.spyOn(t.app.get(WorkerPool), 'run');
    let english: Awaited<ReturnType<typeof pdfOf>>;
    try {
      english = await pdfOf(t.getAs(auditor, `${path}?lang=en`));
      // Rendered when asked, in a worker thread, and kept nowhere.
      expect(run).toHaveBeenCalledTimes(1);
    } finally {
      run.mockRestore();
    }
    expect(english.status).toBe(200);
    expect(english.headers['content-type']).toBe('application/pdf');
    expect(english.headers['content-disposition']).toContain(
      `quyet-dinh-khen-thuong-${announcedCase}.en.pdf`,
    );
    expect(await renders().count()).toBe(rows);

    const number = (await t.getCase(secretariat, announcedCase)).body.context.decision
      .number as string;
    const { pages } = readPdf(english.body as Buffer);
    const first = pages[0].join(' ').replace(/\s+/g, ' ');
    expect(pages[0]).toContain('SOCIALIST REPUBLIC OF VIETNAM');
    expect(pages[0]).toContain(`No. ${number}`);
    expect(pages[0]).toContain('DECISION');
    expect(pages[0]).toContain('DECIDES:');
    expect(pages[0]).toContain('Recipients:');
    expect(first).toContain('On awarding Advanced worker');
    expect(first).toContain('Article 1. To commend the collectives and individuals named');
    expect(first).toContain('Article 2. This Decision takes effect from the date of signing.');
    expect(pages[0]).toContain('Nguyễn Văn Thành');
    expect(first).toContain(
      `Reference translation: an English rendering of Decision No. ${number}`,
    );
    expect(first).toContain('The Vietnamese decision is the authentic document');
    expect(first).not.toContain('QUYẾT ĐỊNH');
    expect(first).not.toContain('Điều 1');
    expect(first).not.toContain('Nơi nhận');
    const list = pages.slice(1).flat().join(' ').replace(/\s+/g, ' ');
    expect(list).toContain(`of awards attached to Decision No. ${number} of`);
    expect(list).toContain('Nguyễn Thị Ngọc Ánh Dương');
    expect(list).toContain('Advanced worker');
    for (const page of pages) {
      expect(page.join(' ')).toContain(`Reference translation of Decision No. ${number}.`);
    }

    // The Vietnamese decision is the same bytes as before, and still Vietnamese.
    const after = await pdfOf(t.getAs(auditor, `${path}?lang=vi`));
    expect(after.status).toBe(200);
    expect((after.body as Buffer).equals(before.body as Buffer)).toBe(true);
    expect(readPdf(after.body as Buffer).pages[0]).toContain('QUYẾT ĐỊNH:');

    expectLanguageRefused(await t.getAs(auditor, `${path}?lang=fr`));
    await expectLanguageDocumented(t, '/api/v1/cases/{id}/decision.pdf');
  });

  test('start-up refuses a bad template, naming the file and the problem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'templates-'));
    try {
      cpSync(TEMPLATES_DIR, dir, { recursive: true });
      const file = join(dir, 'certificate.party.json');
      const template = JSON.parse(readFileSync(file, 'utf8')) as { title: string };
      template.title = '{{nguoiNhan}}';
      writeFileSync(file, JSON.stringify(template));
      await expect(startTestApp(dialect, { TEMPLATES_DIR: dir })).rejects.toThrow(
        `${file}: invalid document template:\n  - title: unknown placeholder {{nguoiNhan}}`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
