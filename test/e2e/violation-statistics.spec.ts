import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { DIALECTS } from '../support/databases';
import { expectProblem, startTestApp, type TestApp } from '../support/test-app';
import { binary } from '../support/binary-body';
import { expectLanguageRefused, expectLanguageDocumented } from '../support/output-language';

/**
 * Story: at the year's end the secretariat of the Provincial Agencies' Party Committee (the unit
 * counted) prepares the annual evaluation of 2025: how many violations occurred in its subtree that
 * year, of what kind, what became of them, which disciplines were decided, and how many of its
 * members kept a clean traffic record. The numbers below were counted by hand from the cases this
 * story opens through the API (violation v3: a category of "traffic" or "other", no source):
 *
 *   c1 Ánh (A)    traffic 2025-03-14  confirmed, reprimand (khien_trach)   in
 *   c2 Bình (A)   traffic 2025-01-01  confirmed, decided: no discipline    in (first day)
 *   c3 Chi (A)    other   2025-12-31  confirmed, warning (canh_cao)        in (last day)
 *   c4 Dũng (A1)  traffic 2025-06-06  dismissed                            in
 *   c5 Em (A1)    traffic 2025-07-07  reported only                        in
 *   c6 Dũng (A1)  other   2025-08-08  confirmed, no decision yet           in
 *   c7 Ánh (A)    traffic 2024-12-31  confirmed, reprimand                 out (the day before)
 *   c8 Giang (B)  traffic 2025-05-05  confirmed, warning                   out (another subtree)
 *
 * Then violation v4 is published (the app restarts on the same database) and four more reports
 * open on it, with a catalogue category and a source:
 *
 *   c9  Em (A1)    traffic_speeding   press          2025-10-10  reported only  in
 *   c10 Bình (A)   traffic_helmet     self_report    2025-02-02  dismissed      in
 *   c11 Chi (A)    traffic_red_light  police_notice  2025-04-04  confirmed      in
 *   c12 Giang (B)  traffic_alcohol    police_notice  2025-09-09  reported only  out (another subtree)
 *   c13 Hoa (A1)   traffic_other      citizen_report 2025-08-15  confirmed, the director's reminder  in
 *
 * Members of A's subtree today: Ánh, Bình, Chi, Dũng, Em, Hoa (Phúc has left: inactive).
 */

/**
 * The shipped workflows as they stood before violation v4: the story's cases are v3 cases (the
 * statistics must count the cases of every version still on file), opened through the API.
 */
function workflowsUpToViolationV3(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'workflows-'));
  cpSync('workflows', dir, { recursive: true });
  const later = /^violation\.v([4-9]|\d{2,})\.json$|^violation\.v3-to-/;
  for (const folder of [dir, path.join(dir, 'migrations')]) {
    for (const name of readdirSync(folder).filter((n) => later.test(n))) {
      rmSync(path.join(folder, name));
    }
  }
  return dir;
}

const YEAR_2025 = 'from=2025-01-01&to=2025-12-31';

interface Line {
  code: string;
  label: { vi: string; en: string };
  count: number;
}

const counts = (lines: Line[]) => lines.map((line) => [line.code, line.count]);

describe.each(DIALECTS)('violation statistics for the annual evaluation (%s)', (dialect) => {
  let t: TestApp;
  /** The app before v4 was published; its database is the one the story keeps using. */
  let beforeV4: TestApp | undefined;
  let workflows: string;
  let secretariat: string;
  let chair: string;
  let unitA: { id: string; code: string };
  let unitA1: { id: string; code: string };
  let unitB: { id: string; code: string };

  beforeAll(async () => {
    workflows = workflowsUpToViolationV3();
    t = await startTestApp(dialect, { WORKFLOWS_DIR: workflows });
    [secretariat, chair] = await t.tokensFor('secretariat', 'council_chair');
    unitA = await t.createUnit('Đảng ủy Khối các cơ quan tỉnh', 'party_committee');
    unitA1 = await t.createUnit('Chi bộ Văn phòng', 'party_cell', unitA.id);
    unitB = await t.createUnit('Đảng ủy Khối doanh nghiệp', 'party_committee');
    const [anh, binh, chi] = [
      await t.createPerson('Nguyễn Thị Ánh', unitA.id),
      await t.createPerson('Trần Văn Bình', unitA.id),
      await t.createPerson('Lê Thị Chi', unitA.id),
    ];
    const [dung, em] = [
      await t.createPerson('Phạm Văn Dũng', unitA1.id),
      await t.createPerson('Hoàng Thị Em', unitA1.id),
    ];
    const hoa = await t.postAs(t.adminToken, '/api/v1/people').send({
      code: 'CN-0515',
      fullName: 'Bùi Thị Hoa',
      unitId: unitA1.id,
      employmentType: 'worker',
    });
    expect(hoa.status).toBe(201);
    const phuc = await t.createPerson('Võ Văn Phúc', unitA.id);
    const left = await t.http
      .patch(`/api/v1/people/${phuc.id}`)
      .auth(t.adminToken, { type: 'bearer' })
      .send({ active: false });
    expect(left.status).toBe(200);
    const giang = await t.createPerson('Đỗ Thị Giang', unitB.id);

    const open = async (personId: string, category: string, occurredOn: string) => {
      const opened = await t.openCase(secretariat, {
        type: 'violation',
        subject: { kind: 'person', personId },
        data: { category, occurredOn, summary: 'Phản ánh vi phạm (dữ liệu thống kê)' },
      });
      expect(opened.status).toBe(201);
      return opened.body.id as string;
    };
    const send = async (token: string, id: string, type: string, payload?: object) => {
      const response = await t.sendEvent(token, id, type, payload);
      expect({ type, status: response.status, code: response.body.code }).toEqual({
        type,
        status: 200,
        code: undefined,
      });
    };
    const confirm = async (id: string, confirmedOn: string) => {
      await send(secretariat, id, 'START_VERIFICATION');
      await send(secretariat, id, 'CONFIRM', { reason: 'Biên bản xác minh', confirmedOn });
    };
    const decide = async (id: string, date: string, form: string | null) => {
      await send(secretariat, id, 'REFER_FOR_DECISION');
      await send(chair, id, 'DECIDE', {
        decision: { number: `${date}/QĐ-KL`, date, signer: 'Nguyễn Văn Ký' },
        discipline: form === null ? null : { subjectType: 'civil_servant', form },
      });
    };

    const c1 = await open(anh.id, 'traffic', '2025-03-14');
    await confirm(c1, '2025-03-20');
    await decide(c1, '2025-04-02', 'khien_trach');
    const c2 = await open(binh.id, 'traffic', '2025-01-01');
    await confirm(c2, '2025-01-10');
    await decide(c2, '2025-01-20', null);
    const c3 = await open(chi.id, 'other', '2025-12-31');
    await confirm(c3, '2026-01-05');
    await decide(c3, '2026-01-15', 'canh_cao');
    const c4 = await open(dung.id, 'traffic', '2025-06-06');
    await send(secretariat, c4, 'START_VERIFICATION');
    await send(secretariat, c4, 'DISMISS', { reason: 'Xác minh không có vi phạm' });
    await open(em.id, 'traffic', '2025-07-07');
    const c6 = await open(dung.id, 'other', '2025-08-08');
    await confirm(c6, '2025-08-20');
    const c7 = await open(anh.id, 'traffic', '2024-12-31');
    await confirm(c7, '2025-01-03');
    await decide(c7, '2025-01-06', 'khien_trach');
    const c8 = await open(giang.id, 'traffic', '2025-05-05');
    await confirm(c8, '2025-05-10');
    await decide(c8, '2025-05-20', 'canh_cao');

    // Violation v4 is published: the v3 cases stay pinned to v3, new reports open on v4 with a
    // category of the catalogue and a source.
    await t.app.close();
    beforeV4 = t;
    t = await startTestApp(dialect, beforeV4.database.env);
    [secretariat, chair] = await t.tokensFor('secretariat', 'council_chair');
    const openV4 = async (
      personId: string,
      category: string,
      source: string,
      occurredOn: string,
    ) => {
      const opened = await t.openCase(secretariat, {
        type: 'violation',
        subject: { kind: 'person', personId },
        data: { category, source, occurredOn, summary: 'Phản ánh vi phạm (dữ liệu thống kê)' },
      });
      // The latest version (v5: v4 with timers) takes the catalogue's categories and sources.
      expect({ status: opened.status, version: opened.body.workflow?.version }).toEqual({
        status: 201,
        version: 5,
      });
      return opened.body.id as string;
    };
    await openV4(em.id, 'traffic_speeding', 'press', '2025-10-10');
    const c10 = await openV4(binh.id, 'traffic_helmet', 'self_report', '2025-02-02');
    await send(secretariat, c10, 'START_VERIFICATION');
    await send(secretariat, c10, 'DISMISS', { reason: 'Xác minh không có vi phạm' });
    const c11 = await openV4(chi.id, 'traffic_red_light', 'police_notice', '2025-04-04');
    await confirm(c11, '2025-04-10');
    await openV4(giang.id, 'traffic_alcohol', 'police_notice', '2025-09-09');
    const c13 = await openV4(hoa.body.id, 'traffic_other', 'citizen_report', '2025-08-15');
    await confirm(c13, '2025-08-20');
    await send(secretariat, c13, 'REFER_FOR_DECISION');
    await send(chair, c13, 'DECIDE', {
      body: 'enterprise_director',
      subjectType: 'enterprise_worker',
      outcome: 'reminder',
      legalBasis: ['Nội quy lao động của Công ty'],
      decision: { date: '2025-08-25', signer: 'Giám đốc Công ty' },
    });
  });
  afterAll(async () => {
    await t.close();
    await beforeV4?.database.drop();
    rmSync(workflows, { recursive: true, force: true });
  });

  const statistics = (token: string, unitId: string, period = YEAR_2025) =>
    t.getAs(token, `/api/v1/violation-statistics?unitId=${unitId}&${period}`);

  test('match the hand count of the subtree and the year, v3 and v4 cases alike', async () => {
    const answer = await statistics(secretariat, unitA.id);
    expect(answer.status).toBe(200);
    const body = answer.body;
    expect(body.unit).toEqual({
      id: unitA.id,
      code: unitA.code,
      name: 'Đảng ủy Khối các cơ quan tỉnh',
    });
    expect(body.period).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(body.total).toBe(10);
    expect(body.datedByReport).toBe(0);
    // v3's "traffic" is the catalogue's legacy traffic line, shown because cases use it.
    expect(counts(body.byCategory)).toEqual([
      ['traffic_alcohol', 0],
      ['traffic_drugs', 0],
      ['traffic_speeding', 1],
      ['traffic_red_light', 1],
      ['traffic_helmet', 1],
      ['traffic_wrong_lane', 0],
      ['traffic_licence', 0],
      ['traffic_accident', 0],
      ['traffic_other', 1],
      ['other', 2],
      ['traffic', 4],
    ]);
    expect(body.byCategory.at(-1).label.en).toBe('Traffic-law violation (older version)');
    expect(counts(body.bySource)).toEqual([
      ['police_notice', 1],
      ['inspection', 0],
      ['self_report', 1],
      ['press', 1],
      ['citizen_report', 1],
      ['', 6],
    ]);
    expect(body.bySource.at(-1).label).toEqual({ vi: 'Không ghi', en: 'Not given' });
    expect(counts(body.byOutcome)).toEqual([
      ['dismissed', 2],
      ['pending', 2],
      ['confirmed_undecided', 2],
      ['discipline', 2],
      ['criticism', 0],
      ['reminder', 1],
      ['no_discipline', 1],
      ['annulled', 0],
    ]);
    expect(body.disciplinesByForm).toEqual([
      { code: 'khien_trach', label: { vi: 'Khiển trách', en: 'Reprimand' }, count: 1 },
      { code: 'canh_cao', label: { vi: 'Cảnh cáo', en: 'Warning' }, count: 1 },
    ]);
    expect(body.disciplines).toBe(2);
    expect(body.membersDisciplined).toBe(2);
    // Ánh (c1), Bình (c2: no discipline, still a confirmed traffic violation), Chi (c11) and Hoa
    // (c13: a reminder, no discipline): only Dũng and Em kept a clean record.
    expect(body.peopleWithConfirmedTrafficViolation).toBe(4);
    expect(body.members).toBe(6);
    expect(body.trafficCompliance).toEqual({ numerator: 2, denominator: 6, percent: 33.3 });
  });

  test('a sub-unit counts only its own subtree; the year before holds the early case', async () => {
    const cell = await statistics(secretariat, unitA1.id);
    expect(cell.status).toBe(200);
    expect(cell.body.total).toBe(5);
    expect(counts(cell.body.byOutcome).filter(([, n]) => n !== 0)).toEqual([
      ['dismissed', 1],
      ['pending', 2],
      ['confirmed_undecided', 1],
      ['reminder', 1],
    ]);
    expect(cell.body.trafficCompliance).toEqual({ numerator: 2, denominator: 3, percent: 66.7 });

    const before = await statistics(secretariat, unitA.id, 'from=2024-01-01&to=2024-12-31');
    expect(before.body.total).toBe(1);
    expect(before.body.disciplinesByForm).toEqual([
      { code: 'khien_trach', label: { vi: 'Khiển trách', en: 'Reprimand' }, count: 1 },
    ]);
    expect(before.body.trafficCompliance).toEqual({ numerator: 5, denominator: 6, percent: 83.3 });
  });

  test('a unit leader of the unit reads the same counts; one of another unit learns nothing', async () => {
    const own = await t.userWithGrants([{ role: 'unit_leader', unitId: unitA.id }]);
    const other = await t.userWithGrants([{ role: 'unit_leader', unitId: unitB.id }]);
    const counted = await statistics(own.token, unitA.id);
    expect(counted.status).toBe(200);
    expect(counted.body.total).toBe(10);
    expectProblem(await statistics(other.token, unitA.id), 404, 'UNIT.NOT_FOUND');
    const missing = await statistics(secretariat, '00000000-0000-4000-8000-000000000000');
    expectProblem(missing, 404, 'UNIT.NOT_FOUND');
    const workbook = await t.getAs(
      other.token,
      `/api/v1/violation-statistics.xlsx?unitId=${unitA.id}&${YEAR_2025}`,
    );
    expectProblem(workbook, 404, 'UNIT.NOT_FOUND');
  });

  test('a period that ends before it starts, or a date that is not one, is refused', async () => {
    const reversed = await statistics(secretariat, unitA.id, 'from=2025-12-31&to=2025-01-01');
    expectProblem(reversed, 422, 'STATISTICS.PERIOD_REVERSED');
    expect(reversed.body.detailVi).toContain('31/12/2025');
    const invalid = await statistics(secretariat, unitA.id, 'from=2025-02-30&to=2025-12-31');
    expectProblem(invalid, 400, 'VALIDATION.FAILED');
    const unknown = await t.getAs(
      secretariat,
      `/api/v1/violation-statistics?unitId=${unitA.id}&${YEAR_2025}&format=pdf`,
    );
    expectProblem(unknown, 400, 'VALIDATION.FAILED');
  });

  /** The downloaded workbook: its answer, the names of its sheets and its rows' values. */
  const downloadWorkbook = async (query: string) => {
    const answer = await t
      .getAs(secretariat, `/api/v1/violation-statistics.xlsx?unitId=${unitA.id}&${query}`)
      .buffer(true)
      .parse(binary);
    expect(answer.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(answer.body as unknown as ExcelJS.Buffer);
    const rows: unknown[][] = [];
    workbook.worksheets[0].eachRow({ includeEmpty: false }, (row) => {
      rows.push((row.values as unknown[]).slice(1));
    });
    return { answer, sheets: workbook.worksheets.map((sheet) => sheet.name), rows };
  };

  test('lang=en gives the same workbook in English, with the same numbers', async () => {
    const vi = await downloadWorkbook(YEAR_2025);
    const en = await downloadWorkbook(`${YEAR_2025}&lang=en`);
    expect(en.answer.headers['content-disposition']).toBe(
      'attachment; filename="thong-ke-vi-pham_2025-01-01_2025-12-31.en.xlsx"',
    );
    expect(en.sheets).toEqual(['Violation statistics']);
    expect(en.rows[0][0]).toBe('VIOLATION STATISTICS FOR THE ANNUAL EVALUATION AND RATING');
    expect(en.rows[1].slice(0, 2)).toEqual([
      'Unit',
      `Đảng ủy Khối các cơ quan tỉnh (${unitA.code})`,
    ]);
    expect(en.rows[2].slice(0, 2)).toEqual([
      'Period of the violations',
      'From 1 January 2025 to 31 December 2025',
    ]);
    // The same two header rows, then the same table: the group in English, the rest unchanged.
    expect(en.rows.slice(3, 5)).toEqual(vi.rows.slice(3, 5));
    const table = (rows: unknown[][]) => rows.slice(5);
    expect(table(en.rows).map((row) => row.slice(1))).toEqual(
      table(vi.rows).map((row) => row.slice(1)),
    );
    expect([...new Set(table(en.rows).map((row) => row[0]))]).toEqual([
      'Overview',
      'By category',
      'By source',
      'By outcome',
      'Disciplines by form',
      'People and traffic compliance',
    ]);
    const count = (rows: unknown[][], code: string) => table(rows).find((row) => row[3] === code);
    expect(count(en.rows, 'total')?.[4]).toBe(10);
    expect(count(en.rows, 'traffic_compliance_percent')?.[4]).toBe(33.3);
    // The Vietnamese workbook is still the one asked for without lang, and with lang=vi.
    expect((await downloadWorkbook(`${YEAR_2025}&lang=vi`)).rows).toEqual(vi.rows);
    expect(vi.sheets).toEqual(['Thống kê vi phạm']);
  });

  test('a workbook language other than vi or en is refused, and lang is documented', async () => {
    expectLanguageRefused(
      await t.getAs(
        secretariat,
        `/api/v1/violation-statistics.xlsx?unitId=${unitA.id}&${YEAR_2025}&lang=fr`,
      ),
    );
    await expectLanguageDocumented(t, '/api/v1/violation-statistics.xlsx');
  });

  test('the workbook holds the same numbers under a Vietnamese and an English header', async () => {
    const answer = await t
      .getAs(secretariat, `/api/v1/violation-statistics.xlsx?unitId=${unitA.id}&${YEAR_2025}`)
      .buffer(true)
      .parse(binary);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(answer.headers['content-disposition']).toBe(
      'attachment; filename="thong-ke-vi-pham_2025-01-01_2025-12-31.xlsx"',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(answer.body as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('Thống kê vi phạm');
    expect(sheet).toBeDefined();
    const rows: unknown[][] = [];
    sheet!.eachRow({ includeEmpty: false }, (row) => {
      rows.push((row.values as unknown[]).slice(1));
    });
    expect(rows[0][0]).toBe('THỐNG KÊ VI PHẠM PHỤC VỤ ĐÁNH GIÁ, XẾP LOẠI HẰNG NĂM');
    expect(rows[1].slice(0, 2)).toEqual([
      'Đơn vị',
      `Đảng ủy Khối các cơ quan tỉnh (${unitA.code})`,
    ]);
    expect(rows[2].slice(0, 2)).toEqual([
      'Thời gian xảy ra vi phạm',
      'Từ ngày 01/01/2025 đến ngày 31/12/2025',
    ]);
    expect(rows[3]).toEqual(['Nhóm', 'Nội dung', 'Nội dung (tiếng Anh)', 'Mã', 'Số lượng']);
    expect(rows[4]).toEqual(['Breakdown', 'Item', 'Item (English)', 'Code', 'Count']);
    const byCode = new Map(rows.slice(5).map((row) => [`${row[0]}|${row[3] ?? ''}`, row[4]]));
    const expected: [string, string, number][] = [
      ['Tổng quát', 'total', 10],
      ['Tổng quát', 'dated_by_report', 0],
      ['Theo loại vi phạm', 'traffic', 4],
      ['Theo loại vi phạm', 'other', 2],
      ['Theo loại vi phạm', 'traffic_alcohol', 0],
      ['Theo loại vi phạm', 'traffic_red_light', 1],
      ['Theo nguồn phát hiện', '', 6],
      ['Theo nguồn phát hiện', 'police_notice', 1],
      ['Theo nguồn phát hiện', 'press', 1],
      ['Theo kết quả xử lý', 'dismissed', 2],
      ['Theo kết quả xử lý', 'pending', 2],
      ['Theo kết quả xử lý', 'confirmed_undecided', 2],
      ['Theo kết quả xử lý', 'discipline', 2],
      ['Theo kết quả xử lý', 'reminder', 1],
      ['Theo kết quả xử lý', 'no_discipline', 1],
      ['Theo kết quả xử lý', 'annulled', 0],
      ['Kỷ luật theo hình thức', 'khien_trach', 1],
      ['Kỷ luật theo hình thức', 'canh_cao', 1],
      ['Kỷ luật theo hình thức', 'disciplines', 2],
      ['Người bị kỷ luật, chấp hành pháp luật giao thông', 'members_disciplined', 2],
      ['Người bị kỷ luật, chấp hành pháp luật giao thông', 'people_with_traffic_violation', 4],
      ['Người bị kỷ luật, chấp hành pháp luật giao thông', 'members', 6],
      ['Người bị kỷ luật, chấp hành pháp luật giao thông', 'traffic_compliant_members', 2],
      ['Người bị kỷ luật, chấp hành pháp luật giao thông', 'traffic_compliance_percent', 33.3],
    ];
    for (const [group, code, count] of expected) {
      expect([group, code, byCode.get(`${group}|${code}`)]).toEqual([group, code, count]);
    }
    // One table row per JSON line: 2 overview, 11 categories, 6 sources, 8 outcomes, 2 forms and
    // their total, 5 on people.
    expect(rows.length - 5).toBe(2 + 11 + 6 + 8 + 3 + 5);
    const legacy = rows.find((row) => row[3] === 'traffic');
    expect(legacy?.slice(1, 3)).toEqual([
      'Vi phạm về trật tự, an toàn giao thông (phiên bản cũ)',
      'Traffic-law violation (older version)',
    ]);
  });
});
