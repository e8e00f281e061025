import ExcelJS from 'exceljs';
import {
  ANNUAL_RATINGS_REPOSITORY,
  type AnnualRatingsRepository,
} from '../../src/persistence/repositories/annual-ratings.repository';
import { binary } from '../support/binary-body';
import { todayInVietnam } from '../support/dates';
import { DIALECTS } from '../support/databases';
import { expectProblem, startTestApp, type TestApp } from '../support/test-app';
import { lineOf, openNomination } from './nominations/nomination-steps';
import { expectLanguageRefused, expectLanguageDocumented } from '../support/output-language';

/** The year just ended, as Việt Nam counts it: the year offices rate in December and January. */
const YEAR = Number(todayInVietnam().slice(0, 4)) - 1;

/**
 * Story: after the year-end review, the secretariat of the Party committee enters each
 * officer's and each office's rating (xếp loại chất lượng) with the minutes it rests on, changes
 * one that was typed wrong, and imports the rest from the office's spreadsheet. A nomination's
 * rating prerequisite then reads the register instead of asking for a review.
 */
describe.each(DIALECTS)('annual ratings register (%s)', (dialect) => {
  let t: TestApp;
  let committee: { id: string; code: string };
  let office: { id: string; code: string };
  let elsewhere: { id: string; code: string };
  let secretariat: string;
  let leader: string;
  let otherSecretariat: string;
  let auditor: string;
  let council: string;
  let an: { id: string; code: string };
  let binh: { id: string; code: string };
  let cuong: { id: string; code: string };
  let stranger: { id: string; code: string };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    committee = await t.createUnit('Đảng ủy Khối', 'party_committee');
    office = await t.createUnit('Văn phòng Đảng ủy', 'office', committee.id);
    elsewhere = await t.createUnit('Công ty khác', 'enterprise');
    secretariat = (await t.userWithGrants([{ role: 'secretariat', unitId: committee.id }])).token;
    leader = (await t.userWithGrants([{ role: 'unit_leader', unitId: office.id }])).token;
    otherSecretariat = (await t.userWithGrants([{ role: 'secretariat', unitId: elsewhere.id }]))
      .token;
    council = (await t.userWithGrants([{ role: 'council_member', unitId: committee.id }])).token;
    [auditor] = await t.tokensFor('auditor');
    an = await t.createPerson('Nguyễn Văn An', office.id);
    binh = await t.createPerson('Trần Thị Bình', office.id);
    cuong = await t.createPerson('Lê Văn Cường', office.id);
    stranger = await t.createPerson('Phạm Văn Dũng', elsewhere.id);
  });
  afterAll(() => t.close());

  const put = (token: string, kind: string, id: string, year: number, body: object) =>
    t.http.put(`/api/v1/ratings/${kind}/${id}/${year}`).auth(token, { type: 'bearer' }).send(body);
  const list = (token: string, query: string) => t.getAs(token, `/api/v1/ratings?${query}`);
  const importCsv = (token: string, lines: string[]) =>
    t
      .postAs(token, '/api/v1/imports/ratings')
      .set('Content-Type', 'text/csv')
      .send(['Mã cán bộ,Mã đơn vị,Năm,Xếp loại,Căn cứ', ...lines].join('\n'));

  test('the secretariat enters a rating; the unit reads it with the scale', async () => {
    const entered = await put(secretariat, 'person', an.id, YEAR, {
      rating: 'hoan_thanh_tot',
      basis: `Biên bản họp xét xếp loại ngày 20/12/${YEAR}`,
    });
    expect(entered.status).toBe(200);
    expect(entered.body).toMatchObject({
      subjectKind: 'person',
      subjectId: an.id,
      year: YEAR,
      rating: 'hoan_thanh_tot',
      ratingName: { vi: 'Hoàn thành tốt nhiệm vụ', en: 'Good task completion' },
      superseded: null,
    });
    // Saying it again changes nothing.
    const again = await put(secretariat, 'person', an.id, YEAR, {
      rating: 'hoan_thanh_tot',
      basis: `Biên bản họp xét xếp loại ngày 20/12/${YEAR}`,
    });
    expect(again.body.id).toBe(entered.body.id);

    const read = await list(leader, `year=${YEAR}&unitId=${office.id}`);
    expect(read.status).toBe(200);
    expect(read.body.scale.map((level: { code: string }) => level.code)).toEqual([
      'hoan_thanh_xuat_sac',
      'hoan_thanh_tot',
      'hoan_thanh',
      'khong_hoan_thanh',
    ]);
    expect(read.body.items).toEqual([
      expect.objectContaining({
        subjectCode: an.code,
        rating: 'hoan_thanh_tot',
        unitId: office.id,
      }),
    ]);
    const audited = await list(auditor, `year=${YEAR}&kind=person`);
    expect(audited.body.items).toHaveLength(1);
    expect((await list(otherSecretariat, `year=${YEAR}`)).body.items).toEqual([]);
  });

  test('a change supersedes the earlier rating, which stays readable', async () => {
    const changed = await put(leader, 'person', an.id, YEAR, {
      rating: 'hoan_thanh_xuat_sac',
      basis: `Quyết định 12/QĐ-VP ngày 28/12/${YEAR}`,
    });
    expect(changed.status).toBe(200);
    const history = await t.getAs(secretariat, `/api/v1/ratings/person/${an.id}/${YEAR}`);
    expect(history.status).toBe(200);
    expect(history.body.current).toMatchObject({ rating: 'hoan_thanh_xuat_sac' });
    expect(history.body.earlier).toEqual([
      expect.objectContaining({
        rating: 'hoan_thanh_tot',
        superseded: expect.objectContaining({
          by: expect.objectContaining({ username: expect.any(String) }),
        }),
      }),
    ]);
  });

  test('a keeper who read the register before another keeper changed it is told, not obeyed', async () => {
    // A year the other tests do not list.
    const EARLIER = YEAR - 1;
    const person = await t.createPerson('Hồ Thị Cùng', office.id);
    const first = { rating: 'hoan_thanh_tot', basis: 'Biên bản 1' };
    expect((await put(secretariat, 'person', person.id, EARLIER, first)).status).toBe(200);
    // The leader's request reads the register; the secretariat's change lands before it writes.
    const register = t.app.get<AnnualRatingsRepository>(ANNUAL_RATINGS_REPOSITORY);
    const read = register.historyOf.bind(register);
    const spy = jest.spyOn(register, 'historyOf').mockImplementationOnce(async (...args) => {
      const history = await read(...args);
      const meanwhile = { rating: 'hoan_thanh_xuat_sac', basis: 'Biên bản 2' };
      expect((await put(secretariat, 'person', person.id, EARLIER, meanwhile)).status).toBe(200);
      return history;
    });
    try {
      const late = await put(leader, 'person', person.id, EARLIER, {
        rating: 'khong_hoan_thanh',
        basis: 'Biên bản 3',
      });
      expectProblem(late, 409, 'RATING.CONCURRENT_CHANGE');
    } finally {
      spy.mockRestore();
    }
    const history = await t.getAs(secretariat, `/api/v1/ratings/person/${person.id}/${EARLIER}`);
    expect(history.body.current).toMatchObject({ rating: 'hoan_thanh_xuat_sac' });
  });

  test('outside the scope, without a keeper role, or with a bad code: refused', async () => {
    const body = { rating: 'hoan_thanh', basis: 'Biên bản' };
    expectProblem(
      await put(otherSecretariat, 'person', an.id, YEAR, body),
      404,
      'RATING.SUBJECT_NOT_FOUND',
    );
    expectProblem(
      await put(leader, 'person', stranger.id, YEAR, body),
      404,
      'RATING.SUBJECT_NOT_FOUND',
    );
    expectProblem(await put(council, 'person', an.id, YEAR, body), 403, 'AUTH.FORBIDDEN');
    expectProblem(
      await put(secretariat, 'person', an.id, YEAR, { rating: 'xuat_sac_lam', basis: 'x' }),
      422,
      'RATING.UNKNOWN_CODE',
    );
    expectProblem(
      await put(secretariat, 'person', an.id, YEAR + 2, body),
      422,
      'RATING.FUTURE_YEAR',
    );
    expectProblem(
      await put(secretariat, 'person', an.id, YEAR, { rating: 'hoan_thanh', basis: '' }),
      400,
      'VALIDATION.FAILED',
    );
    expectProblem(
      await put(secretariat, 'person', an.id, YEAR, { ...body, extra: 1 }),
      400,
      'VALIDATION.FAILED',
    );
    // 500 characters that NFC writes as two each: the limit applies to what would be stored.
    const lengthened = await put(secretariat, 'person', an.id, YEAR, {
      rating: 'hoan_thanh',
      basis: '\u0958'.repeat(500),
    });
    expectProblem(lengthened, 400, 'VALIDATION.FAILED');
    expect(lengthened.body.errors.map((e: { field: string }) => e.field)).toEqual(['basis']);
    expectProblem(await put(secretariat, 'group', an.id, YEAR, body), 400, 'VALIDATION.FAILED');
    expectProblem(
      await list(otherSecretariat, `year=${YEAR}&unitId=${office.id}`),
      404,
      'RATING.UNIT_NOT_FOUND',
    );
  });

  test('nobody rates themselves, one by one or in a file', async () => {
    const dung = await t.createPerson('Đặng Văn Dũng', office.id);
    const herself = (await t.userWithGrants([{ role: 'unit_leader', unitId: office.id }], dung.id))
      .token;
    const refused = await put(herself, 'person', dung.id, YEAR, {
      rating: 'hoan_thanh_xuat_sac',
      basis: 'Tự đánh giá',
    });
    expectProblem(refused, 403, 'RATING.SELF');
    expect(refused.body.detailVi).toMatch(/Không được tự xếp loại/);
    const fromFile = await importCsv(herself, [
      `${dung.code},,${YEAR},Hoàn thành xuất sắc nhiệm vụ,Tự đánh giá`,
    ]);
    expectProblem(fromFile, 422, 'IMPORT.INVALID_ROWS');
    expect(fromFile.body.errors).toEqual([
      expect.objectContaining({ line: 2, field: 'personCode' }),
    ]);
    const history = await t.getAs(secretariat, `/api/v1/ratings/person/${dung.id}/${YEAR}`);
    expect(history.body).toEqual({ current: null, earlier: [] });
    // Rating someone else in the unit is theirs to do.
    const other = await put(herself, 'person', binh.id, YEAR - 1, {
      rating: 'hoan_thanh',
      basis: 'Biên bản họp',
    });
    expect(other.status).toBe(200);
  });

  test('withdrawing a rating', async () => {
    await put(secretariat, 'person', cuong.id, YEAR, { rating: 'hoan_thanh', basis: 'Nhầm' });
    const withdrawn = await t.http
      .delete(`/api/v1/ratings/person/${cuong.id}/${YEAR}`)
      .auth(secretariat, { type: 'bearer' });
    expect(withdrawn.status).toBe(204);
    const history = await t.getAs(secretariat, `/api/v1/ratings/person/${cuong.id}/${YEAR}`);
    expect(history.body.current).toBeNull();
    expect(history.body.earlier).toHaveLength(1);
    const again = await t.http
      .delete(`/api/v1/ratings/person/${cuong.id}/${YEAR}`)
      .auth(secretariat, { type: 'bearer' });
    expectProblem(again, 404, 'RATING.NOT_FOUND');
  });

  test('an import with one bad row imports nothing and names the line', async () => {
    const refused = await importCsv(secretariat, [
      `${binh.code},,${YEAR},Hoàn thành tốt nhiệm vụ,Biên bản ngày 20/12/${YEAR}`,
      `,${office.code},${YEAR},Hoàn thành xuất sắc nhiệm vụ,Biên bản ngày 20/12/${YEAR}`,
      `${cuong.code},,${YEAR},Rất tốt,Biên bản ngày 20/12/${YEAR}`,
      `${stranger.code},,${YEAR},Hoàn thành nhiệm vụ,Biên bản`,
    ]);
    expectProblem(refused, 422, 'IMPORT.INVALID_ROWS');
    expect(
      refused.body.errors.map((e: { line: number; field: string }) => [e.line, e.field]),
    ).toEqual([
      [4, 'rating'],
      [5, 'personCode'],
    ]);
    const nothing = await list(secretariat, `year=${YEAR}&unitId=${office.id}`);
    expect(nothing.body.items.map((i: { subjectCode: string }) => i.subjectCode)).toEqual([
      an.code,
    ]);

    const imported = await importCsv(secretariat, [
      `${binh.code},,${YEAR},Hoàn thành tốt nhiệm vụ,Biên bản ngày 20/12/${YEAR}`,
      `,${office.code},${YEAR},hoan_thanh_xuat_sac,Biên bản ngày 20/12/${YEAR}`,
      `${an.code},,${YEAR},Hoàn thành xuất sắc nhiệm vụ,Quyết định 12/QĐ-VP ngày 28/12/${YEAR}`,
    ]);
    expect(imported.status).toBe(200);
    expect(imported.body).toEqual({ rowsTotal: 3, created: 2, updated: 0, unchanged: 1 });
    const all = await list(secretariat, `year=${YEAR}&unitId=${office.id}`);
    expect(all.body.items.map((i: { subjectCode: string }) => i.subjectCode)).toEqual([
      office.code,
      an.code,
      binh.code,
    ]);
  });

  test('a file that is not a ratings file is refused as such, naming its columns', async () => {
    // Another import's file (the units template): refused by its header, nothing written.
    const wrong = await t
      .postAs(leader, '/api/v1/imports/ratings')
      .set('Content-Type', 'text/csv')
      .send('code,name,kind,parentCode\n');
    expectProblem(wrong, 422, 'IMPORT.INVALID_HEADERS');
    const empty = await t
      .postAs(leader, '/api/v1/imports/ratings')
      .set('Content-Type', 'text/csv')
      .send('');
    expect(empty.status).toBeGreaterThanOrEqual(400);
    expect(empty.status).toBeLessThan(500);
  });

  test('the template for the ratings file', async () => {
    const csv = await t.getAs(leader, '/api/v1/imports/ratings/template?format=csv');
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('Mã cán bộ,Mã đơn vị,Năm,Xếp loại,Căn cứ');
  });

  test('the template in English (lang=en): its guide in English, the header row the importer’s', async () => {
    const sheetsOf = async (query: string) => {
      const response = await t
        .getAs(leader, `/api/v1/imports/ratings/template?${query}`)
        .buffer(true)
        .parse(binary);
      expect(response.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.body as unknown as ExcelJS.Buffer);
      return workbook.worksheets;
    };
    const [english, vietnamese] = [await sheetsOf('lang=en'), await sheetsOf('format=xlsx')];
    expect(english.map((sheet) => sheet.name)).toEqual(['Ratings', 'Guide']);
    expect(vietnamese.map((sheet) => sheet.name)).not.toContain('Guide');
    expect(english[0].getRow(1).values).toEqual(vietnamese[0].getRow(1).values);
    expectLanguageRefused(await t.getAs(leader, '/api/v1/imports/ratings/template?lang=fr'));
    await expectLanguageDocumented(t, '/api/v1/imports/ratings/template');
  });

  describe('the rating prerequisite of a nomination', () => {
    const RULE = 'prerequisite.rating.hoan_thanh_tot';
    const eligibility = async (personId: string) => {
      const id = await openNomination(t, leader, personId, 'lao_dong_tien_tien', YEAR);
      const response = await t.getAs(leader, `/api/v1/cases/${id}/eligibility`);
      expect(response.status).toBe(200);
      return lineOf(response.body, RULE);
    };

    test('passes with a rating at the bar', async () => {
      const person = await t.createPerson('Đỗ Thị Em', office.id);
      await put(secretariat, 'person', person.id, YEAR, { rating: 'hoan_thanh_tot', basis: 'BB' });
      expect((await eligibility(person.id)).outcome).toBe('pass');
    });

    test('fails with a rating below it', async () => {
      const person = await t.createPerson('Vũ Văn Phúc', office.id);
      await put(secretariat, 'person', person.id, YEAR, { rating: 'hoan_thanh', basis: 'BB' });
      const line = await eligibility(person.id);
      expect(line.outcome).toBe('fail');
      expect(line.reason.vi).toContain('hoàn thành nhiệm vụ');
    });

    test('needs review when the register holds no rating for the year', async () => {
      const person = await t.createPerson('Hồ Thị Giang', office.id);
      await put(secretariat, 'person', person.id, YEAR - 1, {
        rating: 'hoan_thanh_tot',
        basis: 'BB',
      });
      expect((await eligibility(person.id)).outcome).toBe('needs_review');
    });

    test('a collective is judged by its own rating', async () => {
      const unit = await t.createUnit('Tổ Tổng hợp', 'office', office.id);
      await put(secretariat, 'unit', unit.id, YEAR, { rating: 'hoan_thanh_tot', basis: 'BB' });
      const opened = await t.openCase(leader, {
        type: 'nomination',
        subject: { kind: 'unit', unitId: unit.id },
        data: { awardCode: 'tap_the_lao_dong_xuat_sac', evaluationYear: YEAR },
      });
      expect(opened.status).toBe(201);
      const response = await t.getAs(leader, `/api/v1/cases/${opened.body.id}/eligibility`);
      expect(lineOf(response.body, 'prerequisite.rating.hoan_thanh_xuat_sac').outcome).toBe('fail');
    });
  });
});
