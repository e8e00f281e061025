import ExcelJS from 'exceljs';
import { resultsCells } from '../../src/movements/results-report-xlsx';
import { readPdf } from '../domain/outputs/read-pdf';
import { DIALECTS } from '../support/databases';
import { todayInVietnam } from '../support/dates';
import { expectProblem, startTestApp, type TestApp } from '../support/test-app';
import { binary } from '../support/binary-body';
import { expectLanguageRefused, expectLanguageDocumented } from '../support/output-language';

const TITLE = 'Thi đua bảo đảm trật tự, an toàn giao thông';

/**
 * Story: the Provincial Agencies' Party Committee (under the provincial committee) launches the
 * Directive 23 movement with its propaganda board as lead. Grassroots organisation A and its cell
 * acknowledge it, the youth union B does not; A registers itself and two people, the committee
 * approves one; a nomination of A's member names the movement; two traffic violations are
 * reported in A, one in the movement's year and one the year before. At the mid-term review A
 * reports scores on both criteria, its cell words only. The committee's consolidated report shows
 * exactly those reports (JSON, XLSX, PDF); the overview counts what was created, each participant
 * only its own subtree; nobody outside sees any of it.
 */
describe.each(DIALECTS)('movement reports (%s)', (dialect) => {
  let t: TestApp;
  const today = todayInVietnam();
  const year = Number(today.slice(0, 4));
  const units = {} as Record<
    'province' | 'committee' | 'board' | 'a' | 'a1' | 'b' | 'outside',
    string
  >;
  const tokens = {} as Record<
    'launcher' | 'leaderA' | 'leaderA1' | 'secretariatB' | 'leaderOutside' | 'auditor' | 'auditorA',
    string
  >;
  const people = {} as Record<'anh' | 'binh' | 'chi', string>;
  let movementId: string;

  const results = (token: string, phase = 'midterm') =>
    t.getAs(token, `/api/v1/movements/${movementId}/results?phase=${phase}`);
  const overview = (token: string) => t.getAs(token, `/api/v1/movements/${movementId}/overview`);
  const file = (token: string, extension: string, phase = 'midterm') =>
    t
      .getAs(token, `/api/v1/movements/${movementId}/results.${extension}?phase=${phase}`)
      .buffer(true)
      .parse(binary);

  const acknowledge = async (token: string, unitId: string, planSummary?: string) => {
    const opened = await t.openCase(token, {
      type: 'movement_participation',
      subject: { kind: 'unit', unitId },
      data: { movementId, acknowledgedOn: today, ...(planSummary ? { planSummary } : {}) },
    });
    expect(opened.status).toBe(201);
    return opened.body.id as string;
  };

  const violation = async (personId: string, occurredOn: string) => {
    const opened = await t.openCase(tokens.launcher, {
      type: 'violation',
      subject: { kind: 'person', personId },
      data: {
        category: 'traffic_red_light',
        source: 'police_notice',
        occurredOn,
        summary: 'Vượt đèn đỏ (thông báo của Công an tỉnh)',
      },
    });
    expect(opened.status).toBe(201);
  };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    units.province = (await t.createUnit('Tỉnh ủy Bình Minh', 'party_committee')).id;
    units.committee = (
      await t.createUnit('Đảng ủy Khối các cơ quan tỉnh', 'party_committee', units.province)
    ).id;
    units.board = (await t.createUnit('Ban Tuyên giáo', 'board', units.committee)).id;
    units.a = (
      await t.createUnit('Đảng bộ Sở Tư pháp', 'grassroots_party_org', units.committee)
    ).id;
    units.a1 = (await t.createUnit('Chi bộ Phòng Tổ chức', 'party_cell', units.a)).id;
    units.b = (await t.createUnit('Đoàn Thanh niên Khối', 'mass_organisation', units.committee)).id;
    units.outside = (await t.createUnit('Đảng ủy xã Bình An', 'party_committee')).id;
    people.anh = (await t.createPerson('Nguyễn Thị Ánh', units.a)).id;
    people.binh = (await t.createPerson('Trần Văn Bình', units.a)).id;
    people.chi = (await t.createPerson('Lê Thị Chi', units.a1)).id;
    tokens.launcher = (
      await t.userWithGrants([{ role: 'secretariat', unitId: units.committee }])
    ).token;
    tokens.leaderA = (await t.userWithGrants([{ role: 'unit_leader', unitId: units.a }])).token;
    tokens.leaderA1 = (await t.userWithGrants([{ role: 'unit_leader', unitId: units.a1 }])).token;
    tokens.secretariatB = (
      await t.userWithGrants([{ role: 'secretariat', unitId: units.b }])
    ).token;
    tokens.leaderOutside = (
      await t.userWithGrants([{ role: 'unit_leader', unitId: units.outside }])
    ).token;
    tokens.auditor = (await t.userWithGrants([{ role: 'auditor' }])).token;
    tokens.auditorA = (await t.userWithGrants([{ role: 'auditor', unitId: units.a }])).token;

    const opened = await t.openCase(tokens.launcher, {
      type: 'movement',
      subject: { kind: 'unit', unitId: units.committee },
      data: {
        code: `PT-ATGT-${year}`,
        title: TITLE,
        type: 'thematic',
        legalBasis: [
          { citation: 'Chỉ thị số 23-CT/TW ngày 25/5/2023', sourceId: 'directive_23_ct_tw' },
          { citation: 'Kế hoạch số 168-KH/TU ngày 10/11/2023', sourceId: 'plan_168_kh_tu' },
        ],
        leadUnitId: units.board,
        coordinatingUnitIds: [units.b],
        period: { from: `${year}-01-01`, to: `${year}-12-31` },
        participatingUnitId: units.committee,
        criteria: [
          { code: 'traffic_law_compliance', weight: 60 },
          { code: 'propaganda_legal_education', weight: 40 },
        ],
        awardsOnOffer: ['giay_khen', 'lao_dong_tien_tien', 'tap_the_lao_dong_tien_tien'],
        registrationDeadline: `${year}-12-31`,
      },
    });
    expect(opened.status).toBe(201);
    movementId = opened.body.id;
    expect((await t.sendEvent(tokens.launcher, movementId, 'LAUNCH', {})).status).toBe(200);
  });

  afterAll(() => t.close());

  test('the participants acknowledge, register, nominate; violations are reported', async () => {
    await acknowledge(tokens.leaderA, units.a, 'Quán triệt Chỉ thị 23 đến 100% đảng viên.');
    await acknowledge(tokens.leaderA1, units.a1);

    const registered = await t
      .postAs(tokens.leaderA, `/api/v1/movements/${movementId}/registrations/bulk`)
      .send({
        unitId: units.a,
        registeredOn: today,
        unit: { targets: { awardCodes: ['tap_the_lao_dong_tien_tien'], pledges: [] } },
        people: [people.anh, people.binh].map((personId) => ({
          personId,
          targets: { awardCodes: ['lao_dong_tien_tien'], pledges: [] },
        })),
      });
    expect(registered.status).toBe(201);
    const unitRegistration = registered.body.registrations[0].caseId as string;
    expect((await t.sendEvent(tokens.launcher, unitRegistration, 'APPROVE', {})).status).toBe(200);

    const nomination = await t.openCase(tokens.leaderA, {
      type: 'nomination',
      subject: { kind: 'person', personId: people.anh },
      data: { awardCode: 'lao_dong_tien_tien', evaluationYear: year - 1, movementId },
    });
    expect(nomination.status).toBe(201);

    await violation(people.binh, today);
    await violation(people.chi, `${year - 1}-06-01`);
  });

  test('the launcher’s overview counts the whole movement', async () => {
    const answer = await overview(tokens.launcher);
    expect(answer.status).toBe(200);
    const body = answer.body;
    expect(body).toMatchObject({
      movementId,
      wholeMovement: true,
      units: [{ id: units.committee }],
      registrations: { total: 3 },
      acknowledgements: { units: 5, acknowledged: 2, notYet: 3 },
      nominations: { total: 1, byState: [{ state: 'draft', count: 1 }], announced: 0 },
      violations: { period: { from: `${year}-01-01`, to: `${year}-12-31` }, total: 1 },
    });
    const byState = Object.fromEntries(
      body.registrations.byState.map((l: { state: string; count: number }) => [l.state, l.count]),
    );
    expect(byState).toMatchObject({ submitted: 2, approved: 1, refused: 0 });
    const outcomes = body.violations.byOutcome.filter((l: { count: number }) => l.count > 0);
    expect(outcomes).toEqual([expect.objectContaining({ code: 'pending', count: 1 })]);
    // Counts only: no subject of a violation anywhere in the answer.
    expect(JSON.stringify(body)).not.toContain('Trần Văn Bình');
    expect((await overview(tokens.auditor)).body).toMatchObject({
      wholeMovement: true,
      registrations: { total: 3 },
    });
  });

  test('a participant’s overview counts its own subtree only; outside, nothing', async () => {
    const a = (await overview(tokens.leaderA)).body;
    expect(a).toMatchObject({
      wholeMovement: false,
      units: [{ id: units.a }],
      registrations: { total: 3 },
      acknowledgements: { units: 2, acknowledged: 2, notYet: 0 },
      nominations: { total: 1 },
      violations: { total: 1 },
    });
    const b = (await overview(tokens.secretariatB)).body;
    expect(b).toMatchObject({
      wholeMovement: false,
      units: [{ id: units.b }],
      registrations: { total: 0 },
      acknowledgements: { units: 1, acknowledged: 0, notYet: 1 },
      nominations: { total: 0 },
      violations: { total: 0 },
    });
    expectProblem(await overview(tokens.leaderOutside), 404, 'MOVEMENT.NOT_FOUND');
    expectProblem(
      await t.getAs(tokens.launcher, '/api/v1/movements/not-a-uuid/overview'),
      404,
      'MOVEMENT.NOT_FOUND',
    );
  });

  test('the consolidated mid-term report is the participations’ reports', async () => {
    const participation = async (token: string, unitId: string) =>
      (
        (await t.getAs(token, `/api/v1/movements/${movementId}`)).body.yourUnits as {
          unit: { id: string };
          participationId: string;
        }[]
      ).find((u) => u.unit.id === unitId)!.participationId;
    expect(
      (await t.sendEvent(tokens.launcher, movementId, 'START_MIDTERM_REVIEW', {})).status,
    ).toBe(200);
    const reportA = [
      { criterionCode: 'traffic_law_compliance', score: 80, text: 'Không có đảng viên vi phạm.' },
      {
        criterionCode: 'propaganda_legal_education',
        score: 55.5,
        text: 'Tổ chức 4 buổi tuyên truyền.',
      },
    ];
    const a = await t.sendEvent(
      tokens.leaderA,
      await participation(tokens.leaderA, units.a),
      'REPORT_RESULTS',
      {
        phase: 'midterm',
        results: reportA,
      },
    );
    expect(a.status).toBe(200);
    const a1 = await t.sendEvent(
      tokens.leaderA1,
      await participation(tokens.leaderA1, units.a1),
      'REPORT_RESULTS',
      { phase: 'midterm', results: [{ criterionCode: 'traffic_law_compliance', text: 'Đạt.' }] },
    );
    expect(a1.status).toBe(200);

    const answer = await results(tokens.launcher);
    expect(answer.status).toBe(200);
    const report = answer.body;
    expect(report).toMatchObject({
      movement: {
        id: movementId,
        title: TITLE,
        launchingUnit: { id: units.committee },
        leadUnit: { id: units.board },
        legalBasis: [{ sourceId: 'directive_23_ct_tw' }, { sourceId: 'plan_168_kh_tu' }],
      },
      phase: 'midterm',
      phaseStartedOn: today,
      recipients: [
        { role: 'superior', unitId: units.province },
        { role: 'lead', unitId: units.board },
        { role: 'archive', unitId: units.committee },
      ],
      scored: true,
      units: 5,
      acknowledged: 2,
      reported: 2,
    });
    const row = (unitId: string) =>
      report.items.find((item: { unit: { id: string } }) => item.unit.id === unitId);
    expect(row(units.a).acknowledgement).toMatchObject({
      acknowledgedOn: today,
      planSummary: 'Quán triệt Chỉ thị 23 đến 100% đảng viên.',
    });
    expect(row(units.a).report).toEqual({
      reportedOn: today,
      results: reportA,
      totalScore: 135.5,
      weightedScore: 70.2, // (60 × 80 + 40 × 55.5) / 100
      unscoredWeighted: [],
    });
    expect(row(units.a1).report).toEqual({
      reportedOn: today,
      results: [
        { criterionCode: 'traffic_law_compliance', score: null, text: 'Đạt.' },
        { criterionCode: 'propaganda_legal_education', score: null, text: '' },
      ],
      totalScore: null,
      weightedScore: 0,
      unscoredWeighted: ['traffic_law_compliance', 'propaganda_legal_education'],
    });
    expect(row(units.b)).toMatchObject({ acknowledgement: null, report: null });

    const final = await results(tokens.launcher, 'final');
    expect(final.body).toMatchObject({ phase: 'final', reported: 0, phaseStartedOn: null });
  });

  test('the workbook’s rows are the JSON rows', async () => {
    const json = (await results(tokens.launcher)).body;
    const answer = await file(tokens.launcher, 'xlsx');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toContain('spreadsheetml');
    expect(answer.headers['content-disposition']).toBe(
      `attachment; filename="bao-cao-so-ket_PT-ATGT-${year}.xlsx"`,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(answer.body as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets[0].name).toBe('Báo cáo kết quả');
    const values: unknown[][] = [];
    workbook.worksheets[0].eachRow((row) =>
      values.push(Array.from((row.values as unknown[]).slice(1), (v) => v ?? '')),
    );
    expect(values[0][0]).toBe('BÁO CÁO SƠ KẾT PHONG TRÀO THI ĐUA');
    expect(values.slice(1, 8).map((row) => row[0])).toEqual([
      'Phong trào',
      'Căn cứ',
      'Thời gian',
      'Đơn vị phát động',
      'Đơn vị chủ trì',
      'Tổng hợp',
      'Nơi nhận',
    ]);
    expect(values[3][1]).toBe(`Từ ngày 01/01/${year} đến ngày 31/12/${year}`);
    const headerEn = values.findIndex((row) => row[0] === 'No.');
    const body = values.slice(headerEn + 1);
    const expected = json.items.map((item: never, index: number) =>
      resultsCells(json, item, index),
    );
    expect(body.map((row) => row.slice(0, expected[0].length))).toEqual(expected);
    expect(body).toHaveLength(5);
  });

  test('with lang=en the workbook is in English; what the units wrote stays as written', async () => {
    const json = (await results(tokens.launcher)).body;
    const path = `/api/v1/movements/${movementId}/results.xlsx?phase=midterm`;
    const answer = await t.getAs(tokens.launcher, `${path}&lang=en`).buffer(true).parse(binary);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-disposition']).toBe(
      `attachment; filename="bao-cao-so-ket_PT-ATGT-${year}.en.xlsx"`,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(answer.body as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets[0].name).toBe('Results report');
    const values: unknown[][] = [];
    workbook.worksheets[0].eachRow((row) =>
      values.push(Array.from((row.values as unknown[]).slice(1), (v) => v ?? '')),
    );
    expect(values[0][0]).toBe('MID-TERM REVIEW REPORT OF THE EMULATION MOVEMENT');
    expect(values.slice(1, 8).map((row) => row.slice(0, 2))).toEqual([
      ['Movement', `${TITLE} (PT-ATGT-${year})`],
      ['Legal basis', 'Chỉ thị số 23-CT/TW ngày 25/5/2023; Kế hoạch số 168-KH/TU ngày 10/11/2023'],
      ['Period', `From 1 January ${year} to 31 December ${year}`],
      ['Launched by', 'Đảng ủy Khối các cơ quan tỉnh'],
      ['Lead unit', 'Ban Tuyên giáo'],
      ['Summary', '5 units; 2 acknowledged; 2 reported (mid-term review)'],
      ['Recipients', expect.stringMatching(/; Archive: Đảng ủy Khối các cơ quan tỉnh$/)],
    ]);
    const headerEn = values.findIndex((row) => row[0] === 'No.');
    expect(values[headerEn - 1][0]).toBe('STT'); // the header is still in both languages
    const body = values.slice(headerEn + 1);
    const expected = json.items.map((item: never, index: number) =>
      resultsCells(json, item, index, 'en'),
    );
    expect(body.map((row) => row.slice(0, expected[0].length))).toEqual(expected);
    const row = (unit: string) => body.find((cells) => cells[1] === unit)!;
    expect(row('Đảng bộ Sở Tư pháp').slice(3, 8)).toEqual([
      expect.stringMatching(new RegExp(`^\\d{1,2} [A-Z][a-z]+ ${year}$`)),
      'Quán triệt Chỉ thị 23 đến 100% đảng viên.',
      expect.stringMatching(new RegExp(`^\\d{1,2} [A-Z][a-z]+ ${year}$`)),
      80,
      'Không có đảng viên vi phạm.',
    ]);
    expect(row('Đoàn Thanh niên Khối').slice(3, 6)).toEqual([
      'Not acknowledged',
      '',
      'Not reported',
    ]);
    expect(JSON.stringify(values)).not.toMatch(/Chưa tiếp nhận|Chưa báo cáo|Nơi nhận|Lưu:/);

    expectLanguageRefused(await t.getAs(tokens.launcher, `${path}&lang=fr`));
    await expectLanguageDocumented(t, '/api/v1/movements/{id}/results.xlsx');
  });

  test('the PDF is rendered, with the movement’s title', async () => {
    const answer = await file(tokens.launcher, 'pdf');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/pdf');
    const pdf = answer.body as Buffer;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const reading = readPdf(pdf);
    expect(reading.lines.join(' ')).toContain(TITLE);
    expect(reading.lines.join(' ')).toContain('BÁO CÁO SƠ KẾT');
    expect(reading.fonts.every((font) => font.embedded)).toBe(true);

    // In English, for a reader who needs it: the report's words, the title as the launcher wrote it.
    const inEnglish = await t
      .getAs(tokens.launcher, `/api/v1/movements/${movementId}/results.pdf?phase=midterm&lang=en`)
      .buffer(true)
      .parse(binary);
    expect(inEnglish.status).toBe(200);
    expect(inEnglish.headers['content-disposition']).toBe(
      `attachment; filename="bao-cao-so-ket_PT-ATGT-${year}.en.pdf"`,
    );
    const text = readPdf(inEnglish.body as Buffer)
      .lines.join(' ')
      .replace(/\s+/g, ' ');
    expect(text).toContain('SOCIALIST REPUBLIC OF VIETNAM');
    expect(text).toContain('I. GENERAL INFORMATION');
    expect(text).toContain(TITLE);
    expect(text).not.toContain('BÁO CÁO SƠ KẾT');
    expectProblem(
      await t.getAs(
        tokens.launcher,
        `/api/v1/movements/${movementId}/results.pdf?phase=midterm&lang=fr`,
      ),
      400,
      'VALIDATION.FAILED',
    );
  });

  test('only the launcher and auditors read the report; bad input is a 4xx problem', async () => {
    expect((await results(tokens.auditor)).status).toBe(200);
    // An auditor of one participating unit reads what that unit's readers read, not the whole.
    expectProblem(await results(tokens.auditorA), 403, 'MOVEMENT.FORBIDDEN');
    expect((await overview(tokens.auditorA)).body).toMatchObject({
      wholeMovement: false,
      units: [{ id: units.a }],
    });
    expectProblem(await results(tokens.leaderA), 403, 'MOVEMENT.FORBIDDEN');
    expectProblem(
      await t.getAs(tokens.leaderA, `/api/v1/movements/${movementId}/results.pdf?phase=final`),
      403,
      'MOVEMENT.FORBIDDEN',
    );
    expectProblem(await results(tokens.leaderOutside), 404, 'MOVEMENT.NOT_FOUND');
    expectProblem(
      await t.getAs(
        tokens.leaderOutside,
        `/api/v1/movements/${movementId}/results.xlsx?phase=final`,
      ),
      404,
      'MOVEMENT.NOT_FOUND',
    );
    expectProblem(await results(tokens.launcher, 'annual'), 400, 'VALIDATION.FAILED');
    expectProblem(
      await t.getAs(tokens.launcher, `/api/v1/movements/${movementId}/results`),
      400,
      'VALIDATION.FAILED',
    );
    expectProblem(
      await t.getAs(tokens.launcher, `/api/v1/movements/${movementId}/results?phase=final&x=1`),
      400,
      'VALIDATION.FAILED',
    );
  });
});
