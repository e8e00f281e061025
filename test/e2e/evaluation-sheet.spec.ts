import ExcelJS from 'exceljs';
import { evaluationCells } from '../../src/evaluation/evaluation-sheet-xlsx';
import { DIALECTS } from '../support/databases';
import { todayInVietnam } from '../support/dates';
import { expectProblem, type TestApp } from '../support/test-app';
import {
  approve,
  signedDecision,
  startStory,
  step,
  type StoryTokens,
} from './nominations/nomination-steps';
import { trafficReport } from './violation-reports';
import { timeLimit } from '../support/time-limits';
import { binary } from '../support/binary-body';
import { expectLanguageRefused, expectLanguageDocumented } from '../support/output-language';

/**
 * Story: the annual evaluation sheet of the Party committee A for this year. Ánh, of the cell C
 * under A, is rated, registered for A's traffic-safety movement (approved) and got the award she
 * aimed at from a nomination that follows her registration: every column shows it, and she met
 * the traffic criterion. Bình ran a red light (confirmed): he did not. The secretariat reads the
 * violation itself; A's unit leader only the numbers; D's leader does not find A at all.
 *
 *   A (launches the movement)
 *   ├── C (Ánh, Bình)
 *   └── D (another leader's unit)
 */

/** The legal date `days` days before today in Việt Nam (negative: after). */
function daysAgo(days: number): string {
  const today = new Date(`${todayInVietnam()}T00:00:00Z`);
  return new Date(today.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

const YEAR = Number(todayInVietnam().slice(0, 4));
const AWARD = 'lao_dong_tien_tien';

interface SheetRow {
  kind: 'unit' | 'person';
  id: string;
  name: string;
  rating: { code: string } | null;
  registrations: { caseId: string; state: string; met: boolean; metBy: string | null }[];
  awards: { source: string; reference: string; awardCode: string; decidedOn: string | null }[];
  violations: {
    confirmed: number;
    disciplines: number;
    details?: { caseId: string; category: { code: string }; countsAgainstTraffic: boolean }[];
  };
  traffic: {
    met: boolean | null;
    share: { numerator: number; denominator: number; percent: number | null };
  };
}

describe.each(DIALECTS)('annual evaluation sheet (%s)', (dialect) => {
  let t: TestApp;
  let tokens: StoryTokens;
  let unitA: { id: string };
  let unitC: { id: string };
  let unitD: { id: string };
  let anh: string;
  let binh: string;
  let registrationId: string;
  let nominationId: string;
  let violationId: string;
  let leaderA: string;
  let leaderD: string;
  let auditor: string;

  const sheet = (token: string, unitId = unitA.id, year = YEAR) =>
    t.getAs(token, `/api/v1/evaluation-sheets/${unitId}/${year}`);
  /** The downloaded workbook: its answer, the names of its sheets, its rows' values. */
  const downloadWorkbook = async (token: string, query = '') => {
    const downloaded = await t
      .getAs(token, `/api/v1/evaluation-sheets/${unitA.id}/${YEAR}.xlsx${query}`)
      .buffer(true)
      .parse(binary);
    expect(downloaded.status).toBe(200);
    expect(downloaded.headers['content-type']).toMatch(/spreadsheetml/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(downloaded.body as unknown as ExcelJS.Buffer);
    const values: unknown[][] = [];
    workbook.worksheets[0].eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    return { downloaded, sheets: workbook.worksheets.map((each) => each.name), values };
  };
  /** The downloaded workbook's rows, each as its cells' values. */
  const workbookRows = async (token: string): Promise<unknown[][]> =>
    (await downloadWorkbook(token)).values;
  const rowOf = (rows: SheetRow[], id: string) => {
    const row = rows.find((candidate) => candidate.id === id);
    if (row === undefined) throw new Error(`no row ${id}`);
    return row;
  };

  beforeAll(async () => {
    ({ t, tokens } = await startStory(dialect));
    unitA = await t.createUnit('Đảng ủy Khối các cơ quan tỉnh', 'party_committee');
    unitC = await t.createUnit('Chi bộ Phòng Pháp chế', 'party_cell', unitA.id);
    unitD = await t.createUnit('Đảng ủy Sở Y tế', 'grassroots_party_org');
    anh = (await t.createPerson('Nguyễn Thị Ánh', unitC.id)).id;
    binh = (await t.createPerson('Trần Văn Bình', unitC.id)).id;
    leaderA = (await t.userWithGrants([{ role: 'unit_leader', unitId: unitA.id }])).token;
    leaderD = (await t.userWithGrants([{ role: 'unit_leader', unitId: unitD.id }])).token;
    auditor = (await t.userWith('auditor')).token;

    // A's movement, running this year, with Ánh's registration approved by A.
    const movement = await t.openCase(tokens.secretariat, {
      type: 'movement',
      subject: { kind: 'unit', unitId: unitA.id },
      data: {
        code: 'PT-ATGT',
        title: 'Thi đua bảo đảm trật tự, an toàn giao thông',
        type: 'regular',
        legalBasis: [{ citation: 'Chỉ thị 23-CT/TW ngày 25/5/2023' }],
        leadUnitId: unitA.id,
        coordinatingUnitIds: [],
        period: { from: daysAgo(30), to: daysAgo(-300) },
        participatingUnitId: unitA.id,
        criteria: [{ code: 'traffic_law_compliance', weight: 100 }],
        awardsOnOffer: [AWARD],
        registrationDeadline: daysAgo(0),
      },
    });
    expect(movement.status).toBe(201);
    await step(t, tokens.secretariat, movement.body.id, 'LAUNCH', 'launched', {
      launchedOn: daysAgo(30),
    });
    const registered = await t.openCase(tokens.leader, {
      type: 'emulation_registration',
      subject: { kind: 'person', personId: anh },
      data: {
        movementId: movement.body.id,
        registeredOn: daysAgo(1),
        targets: { awardCodes: [AWARD], pledges: [] },
      },
    });
    expect(registered.status).toBe(201);
    registrationId = registered.body.id;
    await step(t, tokens.secretariat, registrationId, 'APPROVE', 'approved', {});

    // Her rating of the year, and the award from a nomination that follows her registration.
    const rated = await t.http
      .put(`/api/v1/ratings/person/${anh}/${YEAR}`)
      .auth(tokens.secretariat, { type: 'bearer' })
      .send({ rating: 'hoan_thanh_tot', basis: 'Biên bản họp chi bộ' });
    expect(rated.status).toBe(200);
    const nomination = await t.openCase(tokens.leader, {
      type: 'nomination',
      subject: { kind: 'person', personId: anh },
      data: {
        awardCode: AWARD,
        evaluationYear: YEAR,
        movementId: movement.body.id,
        registrationId,
        commendationType: 'regular',
      },
    });
    expect(nomination.status).toBe(201);
    nominationId = nomination.body.id;
    await t.attachDossier(tokens.leader, nominationId);
    await approve(t, tokens, nominationId);
    await step(t, tokens.secretariat, nominationId, 'ANNOUNCE', 'announced', signedDecision());

    // Bình's red light, confirmed.
    const reported = await t.openCase(tokens.secretariat, {
      type: 'violation',
      subject: { kind: 'person', personId: binh },
      data: trafficReport(t, 'Vượt đèn đỏ tại ngã tư'),
    });
    expect(reported.status).toBe(201);
    violationId = reported.body.id;
    await step(t, tokens.secretariat, violationId, 'START_VERIFICATION', 'verifying');
    await step(t, tokens.secretariat, violationId, 'CONFIRM', 'confirmed', {
      reason: 'Có thông báo của công an',
      confirmedOn: todayInVietnam(),
    });
  }, timeLimit(600_000));

  afterAll(() => t?.close());

  test('a rated, registered and awarded person with no violation shows it all, traffic met', async () => {
    const answer = await sheet(tokens.secretariat);
    expect(answer.status).toBe(200);
    expect(answer.body.violationDetail).toBe('full');
    const rows = answer.body.rows as SheetRow[];
    expect(rows[0]).toMatchObject({ kind: 'unit', id: unitA.id });
    const row = rowOf(rows, anh);
    expect(row.rating).toMatchObject({ code: 'hoan_thanh_tot' });
    expect(row.registrations).toEqual([
      expect.objectContaining({
        caseId: registrationId,
        state: 'approved',
        met: true,
        metBy: nominationId,
      }),
    ]);
    expect(row.awards).toEqual([
      expect.objectContaining({
        source: 'case',
        reference: nominationId,
        awardCode: AWARD,
        decidedOn: todayInVietnam(),
      }),
    ]);
    expect(row.violations).toEqual({ confirmed: 0, disciplines: 0, details: [] });
    expect(row.traffic).toEqual({
      met: true,
      share: { numerator: 1, denominator: 1, percent: 100 },
    });
    // Another year shows none of it.
    const before = rowOf((await sheet(tokens.secretariat, unitA.id, YEAR - 2)).body.rows, anh);
    expect(before).toMatchObject({ rating: null, registrations: [], awards: [] });
  });

  test('a confirmed traffic violation fails the traffic criterion', async () => {
    const rows = (await sheet(tokens.secretariat)).body.rows as SheetRow[];
    const row = rowOf(rows, binh);
    expect(row.violations).toEqual({
      confirmed: 1,
      disciplines: 0,
      details: [
        expect.objectContaining({
          caseId: violationId,
          category: expect.objectContaining({ code: 'traffic_red_light' }),
          countsAgainstTraffic: true,
        }),
      ],
    });
    expect(row.traffic.met).toBe(false);
    // The cell's share: every person of C but Bình met it.
    const cell = rowOf(rows, unitC.id);
    expect(cell.traffic.met).toBeNull();
    expect(cell.traffic.share.denominator - cell.traffic.share.numerator).toBe(1);
    // A's share is the one the violation statistics give for A and the year.
    const statistics = await t.getAs(
      tokens.secretariat,
      `/api/v1/violation-statistics?unitId=${unitA.id}&from=${YEAR}-01-01&to=${YEAR}-12-31`,
    );
    expect(rowOf(rows, unitA.id).traffic.share).toEqual(statistics.body.trafficCompliance);
  });

  test('a unit leader sees the numbers, not the violations', async () => {
    const answer = await sheet(leaderA);
    expect(answer.status).toBe(200);
    expect(answer.body.violationDetail).toBe('counts');
    const row = rowOf(answer.body.rows, binh);
    expect(row.violations).toEqual({ confirmed: 1, disciplines: 0 });
    expect(row.traffic.met).toBe(false);
    expect(JSON.stringify(answer.body)).not.toContain(violationId);
    const cells = await workbookRows(leaderA);
    expect(cells.find((row) => row[0] === 'No.')).not.toContain('Violations and disciplines');
    expect(cells.find((row) => row[0] === 'STT')).not.toContain('Chi tiết vi phạm, kỷ luật');
  });

  test('out of scope answers as a unit that does not exist', async () => {
    expectProblem(await sheet(leaderD), 404, 'UNIT.NOT_FOUND');
    expectProblem(
      await sheet(leaderD, '0190a3c0-0000-7000-8000-000000000000'),
      404,
      'UNIT.NOT_FOUND',
    );
    expectProblem(await sheet(leaderD, unitD.id, 1999), 400, 'VALIDATION.FAILED');
    const [member] = await t.tokensFor('council_member');
    expectProblem(await sheet(member), 403, 'AUTH.FORBIDDEN');
    // An organisation-wide auditor reads every unit.
    expect((await sheet(auditor, unitD.id)).status).toBe(200);
  });

  test('both routes are documented', async () => {
    const document = await t.http.get('/api/docs-json');
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/evaluation-sheets/{unitId}/{year}',
        '/api/v1/evaluation-sheets/{unitId}/{year}.xlsx',
      ]),
    );
  });

  test('the workbook holds exactly the rows of the JSON answer', async () => {
    const json = (await sheet(auditor)).body;
    const values = await workbookRows(auditor);
    const headerEn = values.findIndex((row) => row[0] === 'No.');
    expect(values[headerEn - 1][0]).toBe('STT');
    const body = values.slice(headerEn + 1);
    expect(body).toEqual(
      json.rows.map((row: Parameters<typeof evaluationCells>[1], index: number) =>
        evaluationCells(json, row, index),
      ),
    );
    expect(body).toHaveLength(json.rows.length);
    const binhRow = body[json.rows.findIndex((row: SheetRow) => row.id === binh)];
    expect(binhRow.at(-1)).toBe('Không đạt');
  });

  test('lang=en gives the same workbook in English, with the same names and numbers', async () => {
    const json = (await sheet(auditor)).body;
    const vi = await downloadWorkbook(auditor);
    const en = await downloadWorkbook(auditor, '?lang=en');
    expect(en.downloaded.headers['content-disposition']).toMatch(
      new RegExp(`^attachment; filename="danh-gia-thi-dua_U-\\d+_${YEAR}\\.en\\.xlsx"$`),
    );
    expect(vi.downloaded.headers['content-disposition']).toMatch(
      new RegExp(`^attachment; filename="danh-gia-thi-dua_U-\\d+_${YEAR}\\.xlsx"$`),
    );
    expect([vi.sheets, en.sheets]).toEqual([['Đánh giá thi đua'], ['Annual evaluation']]);
    expect(en.values[0][0]).toBe(`EMULATION AND COMMENDATION EVALUATION SHEET, ${YEAR}`);
    expect(en.values[1].slice(0, 2)).toEqual([
      'Unit',
      `Đảng ủy Khối các cơ quan tỉnh (${json.unit.code})`,
    ]);
    expect(en.values[2].slice(0, 2)).toEqual([
      'Year evaluated',
      `${YEAR} (from 1 January ${YEAR} to 31 December ${YEAR})`,
    ]);
    const headerEn = en.values.findIndex((row) => row[0] === 'No.');
    expect(en.values.slice(headerEn - 1, headerEn + 1)).toEqual(
      vi.values.slice(headerEn - 1, headerEn + 1),
    );
    const enBody = en.values.slice(headerEn + 1);
    const viBody = vi.values.slice(headerEn + 1);
    expect(enBody).toHaveLength(json.rows.length);
    // Numbers, codes, names and units are the same; the words are English.
    enBody.forEach((row, index) => {
      expect(row.filter((cell) => typeof cell === 'number')).toEqual(
        viBody[index].filter((cell) => typeof cell === 'number'),
      );
      expect(row.slice(2, 5)).toEqual(viBody[index].slice(2, 5));
    });
    const rowIndex = (id: string) => json.rows.findIndex((row: SheetRow) => row.id === id);
    const today = new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${todayInVietnam()}T00:00:00Z`));
    const anhJson = json.rows[rowIndex(anh)];
    const anhRow = enBody[rowIndex(anh)];
    const award = anhJson.awards[0];
    expect(anhRow[1]).toBe('Person');
    expect(anhRow[5]).toBe(anhJson.rating.label.en);
    expect(anhRow[6]).toBe(`PT-ATGT: ${anhJson.registrations[0].stateLabel.en} – met`);
    expect(anhRow[8]).toBe(
      [award.awardName.en, ...(award.decisionNumber ? [`Decision ${award.decisionNumber}`] : [])]
        .concat(today)
        .join(', '),
    );
    expect(anhRow.at(-1)).toBe('Met');
    expect(viBody[rowIndex(anh)].slice(5, 7)).toEqual([
      anhJson.rating.label.vi,
      `PT-ATGT: ${anhJson.registrations[0].stateLabel.vi} – đạt`,
    ]);
    const binhJson = json.rows[rowIndex(binh)];
    const binhRow = enBody[rowIndex(binh)];
    const violation = binhJson.violations.details[0];
    expect(binhRow.at(-2)).toBe(
      `${today} ${violation.category.label.en} – ${violation.outcome.label.en}`,
    );
    expect(binhRow.at(-1)).toBe('Not met');
    const cell = enBody[rowIndex(unitC.id)];
    expect(cell[1]).toBe('Unit');
    expect(cell.at(-1)).toMatch(/^\d+\/\d+ people met it \(\d+(\.\d)?%\)$/);
    expect(viBody[rowIndex(unitC.id)].at(-1)).toMatch(/^\d+\/\d+ người đạt \(\d+(,\d)?%\)$/);
    expect(enBody).toEqual(
      json.rows.map((row: Parameters<typeof evaluationCells>[1], index: number) =>
        evaluationCells(json, row, index, 'en'),
      ),
    );
  });

  test('a workbook language other than vi or en is refused, and lang is documented', async () => {
    expectLanguageRefused(
      await t.getAs(auditor, `/api/v1/evaluation-sheets/${unitA.id}/${YEAR}.xlsx?lang=fr`),
    );
    await expectLanguageDocumented(t, '/api/v1/evaluation-sheets/{unitId}/{year}.xlsx');
  });

  test("a person who moved in counts their violation in the new unit, without another unit's details", async () => {
    const moveBinh = (unitId: string) =>
      t.http
        .patch(`/api/v1/people/${binh}`)
        .auth(t.adminToken, { type: 'bearer' })
        .send({ unitId });
    const secretariatD = (await t.userWithGrants([{ role: 'secretariat', unitId: unitD.id }]))
      .token;
    expect((await moveBinh(unitD.id)).status).toBe(200);
    try {
      const answer = await sheet(secretariatD, unitD.id);
      expect(answer.status).toBe(200);
      expect(answer.body.violationDetail).toBe('full');
      const row = rowOf(answer.body.rows, binh);
      // The case stays A's: D's secretariat may not read it, so the sheet does not show it.
      expect(row.violations).toEqual({ confirmed: 1, disciplines: 0, details: [] });
      expect(row.traffic.met).toBe(false);
      expect(JSON.stringify(answer.body)).not.toContain(violationId);
      expect((await t.getCase(secretariatD, violationId)).status).toBe(404);
    } finally {
      expect((await moveBinh(unitC.id)).status).toBe(200);
    }
  });
});
