import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addWorkingDays, loadCalendar } from '../../../src/domain/calendar/working-day-calendar';
import { DIALECTS } from '../../support/databases';
import { todayInVietnam } from '../../support/dates';
import { expectProblem, type TestApp } from '../../support/test-app';
import {
  verify,
  LAST_YEAR,
  lineOf,
  openNomination,
  recordedEligibility,
  step,
  type StoryTokens,
  startStory,
} from './nomination-steps';

const AWARD = 'chien_si_thi_dua_toan_quoc';
const DOSSIER = ['to_trinh', 'bao_cao_thanh_tich', 'bien_ban_binh_xet', 'xac_nhan_sang_kien'];
const NAME = 'Nguyễn Thị Ngọc Hạnh';

const calendarFile = join(__dirname, '../../../data/calendars/vn-public-holidays.json');
const calendar = loadCalendar({ source: calendarFile, text: readFileSync(calendarFile, 'utf8') });

interface NoticeItem {
  caseId: string;
  nominee: { kind: string; name: string };
  award: { code: string; name: { vi: string; en: string } };
  closesOn: string;
  onHold: boolean;
}

/**
 * Story: Nguyễn Thị Ngọc Hạnh twice held the ministry/province emulation fighter title (imported
 * from the old register) and is proposed as national emulation fighter, an award whose rule set
 * requires a public notice of 10 working days before the council meets (Decree 98/2023 Art
 * 46(2)). Once verified she cannot go to the council without it (and an advanced worker cannot be
 * put under notice); the secretariat opens the notice: it closes 10 working days later by the
 * holiday calendar. Anyone can read the public list (her name, the award, the closing day; nothing
 * of the dossier) and nobody can send her to the council before it closes. A citizen objects without signing in: the nomination goes on hold; the secretariat
 * dismisses that objection and the notice resumes; a second objection is upheld and the nomination
 * goes back to verification. Bad objections are refused: too short (400), to a case not under
 * notice or an unknown id (404 NOTICE.NOT_FOUND, alike).
 */
describe.each(DIALECTS)('public notice and objections (%s)', (dialect) => {
  let t: TestApp;
  let tokens: StoryTokens;
  let caseId: string;

  beforeAll(async () => {
    ({ t, tokens } = await startStory(dialect));
  });
  afterAll(() => t.close());

  const publicList = async () => {
    const response = await t.http.get('/api/v1/public/notices');
    expect(response.status).toBe(200);
    return response.body.items as NoticeItem[];
  };
  const object = (id: string, body: object) =>
    t.http.post(`/api/v1/public/notices/${id}/objections`).send(body);

  test('opens a notice of N working days and lists it publicly', async () => {
    const nominee = await t.createPerson(NAME);
    const csv = [
      'STT,Mã cán bộ,Danh hiệu / hình thức,Năm,Tình trạng,Số quyết định,Ngày quyết định',
      `1,${nominee.code},Chiến sĩ thi đua bộ tỉnh,${LAST_YEAR - 2},Đã trao,15/QĐ-UBND,20/01/${LAST_YEAR - 1}`,
      `2,${nominee.code},chien_si_thi_dua_bo_tinh,${LAST_YEAR - 1},Đã trao,18/QĐ-UBND,22/01/${LAST_YEAR}`,
    ].join('\n');
    const imported = await t.http
      .post('/api/v1/imports/awards')
      .auth(t.adminToken, { type: 'bearer' })
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(imported.status).toBe(200);

    caseId = await openNomination(t, tokens.leader, nominee.id, AWARD, LAST_YEAR);
    await t.attachDossier(tokens.leader, caseId, DOSSIER);
    await verify(t, tokens, caseId);
    const recorded = await recordedEligibility(t, tokens.secretariat, caseId);
    expect(recorded.eventType).toBe('MARK_VERIFIED');
    const prerequisite = lineOf(
      recorded,
      'prerequisite.award_consecutive_times.chien_si_thi_dua_bo_tinh',
    );
    expect(prerequisite.outcome).toBe('pass');

    const direct = await t.sendEvent(tokens.secretariat, caseId, 'SEND_TO_COUNCIL');
    expectProblem(direct, 422, 'CASE.GUARD_FAILED');
    expect(direct.body.failedGuards.map((g: { name: string }) => g.name)).toEqual([
      'publicNoticeNotRequired',
    ]);

    const opened = await step(t, tokens.secretariat, caseId, 'OPEN_PUBLIC_NOTICE', 'public_notice');
    const today = todayInVietnam();
    const closesOn = addWorkingDays(today, 10, calendar);
    expect(opened.body.context.publicNotice).toEqual({
      required: true,
      workingDays: 10,
      opensOn: today,
      closesOn,
    });

    const items = await publicList();
    const item = items.find((i) => i.caseId === caseId);
    expect(item).toEqual({
      caseId,
      nominee: { kind: 'person', name: NAME },
      unitName: expect.any(String),
      award: { code: AWARD, name: { vi: 'Chiến sĩ thi đua toàn quốc', en: expect.any(String) } },
      evaluationYear: LAST_YEAR,
      opensOn: today,
      closesOn,
      workingDays: 10,
      onHold: false,
    });
    const text = JSON.stringify(items);
    for (const internal of ['sha256', 'documents', 'eligibility', 'to_trinh', nominee.code]) {
      expect(text).not.toContain(internal);
    }
  });

  test('an award without public notice cannot open one', async () => {
    const nominee = await t.createPerson('Hà Thị Kim Oanh');
    const id = await openNomination(t, tokens.leader, nominee.id);
    await t.attachDossier(tokens.leader, id);
    await verify(t, tokens, id);
    const refused = await t.sendEvent(tokens.secretariat, id, 'OPEN_PUBLIC_NOTICE');
    expectProblem(refused, 422, 'CASE.GUARD_FAILED');
    expect(refused.body.failedGuards.map((g: { name: string }) => g.name)).toEqual([
      'publicNoticeRequired',
    ]);
  });

  test('not to the council before the notice closes', async () => {
    const early = await t.sendEvent(tokens.secretariat, caseId, 'SEND_TO_COUNCIL');
    expectProblem(early, 422, 'CASE.GUARD_FAILED');
    expect(early.body.failedGuards.map((g: { name: string }) => g.name)).toEqual([
      'publicNoticeEnded',
    ]);
    const read = await t.getCase(tokens.secretariat, caseId);
    expect(read.body.state).toBe('public_notice');
  });

  test('bad objections are refused', async () => {
    const short = await object(caseId, { objection: 'Không' });
    expectProblem(short, 400, short.body.code);
    expect(short.status).toBe(400);

    const nominee = await t.createPerson('Phan Văn Tài');
    const draft = await openNomination(t, tokens.leader, nominee.id);
    const notUnderNotice = await object(draft, { objection: 'Đồng chí này chưa đủ thành tích.' });
    expectProblem(notUnderNotice, 404, 'NOTICE.NOT_FOUND');
    const unknown = await object(randomUUID(), {
      objection: 'Đồng chí này chưa đủ thành tích.',
    });
    expectProblem(unknown, 404, 'NOTICE.NOT_FOUND');
    expect(notUnderNotice.body.title).toBe(unknown.body.title);
  });

  test('an objection holds the notice; dismissed it resumes, upheld it goes back', async () => {
    const first = await object(caseId, {
      objection: 'Sáng kiến nêu trong hồ sơ là của tập thể phòng, không phải của cá nhân.',
      name: 'Trần Văn Dân',
      contact: 'dan.tran@example.vn',
    });
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ caseId, received: true, onHold: true });
    let read = await t.getCase(tokens.secretariat, caseId);
    expect(read.body.state).toBe('objection_review');
    let item = (await publicList()).find((i) => i.caseId === caseId);
    expect(item?.onHold).toBe(true);
    expect(JSON.stringify(item)).not.toContain('Trần Văn Dân');
    expect(JSON.stringify(item)).not.toContain('dan.tran@example.vn');

    const noReason = await t.sendEvent(tokens.secretariat, caseId, 'DISMISS_OBJECTION');
    expectProblem(noReason, 400, 'CASE.PAYLOAD_INVALID');
    const dismissed = await step(
      t,
      tokens.secretariat,
      caseId,
      'DISMISS_OBJECTION',
      'public_notice',
      { reason: 'Quyết định công nhận sáng kiến ghi tên cá nhân đồng chí Hạnh' },
    );
    expect(dismissed.body.context.lastReason).toEqual({
      event: 'DISMISS_OBJECTION',
      text: 'Quyết định công nhận sáng kiến ghi tên cá nhân đồng chí Hạnh',
    });
    item = (await publicList()).find((i) => i.caseId === caseId);
    expect(item?.onHold).toBe(false);

    const second = await object(caseId, {
      objection: 'Đồng chí đã bị nhắc nhở vì vi phạm quy chế làm việc trong năm đánh giá.',
    });
    expect(second.status).toBe(202);
    read = await t.getCase(tokens.secretariat, caseId);
    expect(read.body.state).toBe('objection_review');
    expect(read.body.context.objections).toHaveLength(2);

    await step(t, tokens.secretariat, caseId, 'UPHOLD_OBJECTION', 'verifying', {
      reason: 'Cần xác minh lại việc chấp hành quy chế',
    });
    expect((await publicList()).find((i) => i.caseId === caseId)).toBeUndefined();
    const objectionRecords = (await t.history(tokens.secretariat, caseId)).body.items.filter(
      (r: { eventType: string }) => r.eventType === 'FILE_OBJECTION',
    );
    expect(objectionRecords).toHaveLength(2);
  });
});
