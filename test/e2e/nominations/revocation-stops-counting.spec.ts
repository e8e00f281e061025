import { DIALECTS } from '../../support/databases';
import { expectProblem, type TestApp } from '../../support/test-app';
import {
  announcedAward,
  LAST_YEAR,
  lineOf,
  openNomination,
  recordedEligibility,
  signedDecision,
  step,
  type StoryTokens,
  startStory,
} from './nomination-steps';

const FIGHTER = 'chien_si_thi_dua_co_so';
const HIGHER = 'chien_si_thi_dua_bo_tinh';
const PREREQUISITE = `prerequisite.award_in_consecutive_years.${FIGHTER}`;
const HIGHER_DOSSIER = [
  'to_trinh',
  'bao_cao_thanh_tich',
  'bien_ban_binh_xet',
  'xac_nhan_sang_kien',
];

/**
 * Story (the bar of the issue): Cao Thị Thanh Tâm was announced grassroots emulation fighter for
 * three consecutive years, each by a decision of her committee. Proposed for the ministry/province
 * title, her "3 consecutive years" prerequisite passes at SUBMIT. Then it comes out that her
 * dossier for the middle year was forged: the chair revokes that award (a REVOKE without a ground,
 * or with a ground outside Art 93(2), is refused), and the revocation gets its own decision number.
 * When the secretariat re-checks the higher nomination, the prerequisite fails and names the
 * revoked year; the higher nomination cannot be verified. The same holds for titles imported from
 * the old register when a later import marks one "Thu hồi".
 */
describe.each(DIALECTS)('a revoked award stops counting (%s)', (dialect) => {
  let t: TestApp;
  let tokens: StoryTokens;

  beforeAll(async () => {
    ({ t, tokens } = await startStory(dialect));
  });
  afterAll(() => t.close());

  test('revoking a prior year fails the consecutive-years prerequisite', async () => {
    const unit = await t.createUnit('Đảng ủy Sở Tài chính');
    const nominee = await t.createPerson('Cao Thị Thanh Tâm', unit.id);
    const years = [LAST_YEAR - 2, LAST_YEAR - 1, LAST_YEAR];
    const prior: string[] = [];
    for (const year of years)
      prior.push(await announcedAward(t, tokens, nominee.id, FIGHTER, year));
    const middle = prior[1];
    const middleCase = await t.getCase(tokens.secretariat, middle);
    expect(middleCase.body.context.decision.number).toBe(`2/QĐ-${unit.code}`);

    const higher = await openNomination(t, tokens.leader, nominee.id, HIGHER, LAST_YEAR);
    await t.attachDossier(tokens.leader, higher, HIGHER_DOSSIER);
    await step(t, tokens.leader, higher, 'SUBMIT', 'submitted');
    const before = lineOf(await recordedEligibility(t, tokens.leader, higher), PREREQUISITE);
    expect(before.outcome).toBe('pass');
    expect(before.reason.vi).toContain(`${years[0]}–${LAST_YEAR}`);
    expect(before.details).toEqual({
      years: { [years[0]]: 'held', [years[1]]: 'held', [years[2]]: 'held' },
      imported: [],
    });
    await step(t, tokens.secretariat, higher, 'START_VERIFICATION', 'verifying');

    const reason = 'Hồ sơ năm trước có báo cáo thành tích bị làm giả (kết luận thanh tra)';
    const noGround = await t.sendEvent(tokens.chair, middle, 'REVOKE', {
      ...signedDecision('Bí thư Đảng ủy'),
      reason,
    });
    expectProblem(noGround, 400, 'CASE.PAYLOAD_INVALID');
    expect(noGround.body.errors.map((e: { field: string }) => e.field)).toEqual(['payload.ground']);
    const badGround = await t.sendEvent(tokens.chair, middle, 'REVOKE', {
      ...signedDecision('Bí thư Đảng ủy'),
      ground: 'khong_con_phu_hop',
      reason,
    });
    // Only the closed list of Art 93(2): the payload schema names the field.
    expectProblem(badGround, 400, 'CASE.PAYLOAD_INVALID');
    expect(badGround.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'payload.ground',
    ]);
    expect((await t.getCase(tokens.chair, middle)).body.state).toBe('announced');

    const revoked = await step(t, tokens.chair, middle, 'REVOKE', 'revoked', {
      ...signedDecision('Bí thư Đảng ủy'),
      ground: 'false_dossier',
      reason,
    });
    expect(revoked.body.context.revocation).toMatchObject({
      number: `4/QĐ-${unit.code}`,
      ground: 'false_dossier',
      reason,
      signer: 'Bí thư Đảng ủy',
    });
    expect(revoked.body.context.decision.number).toBe(`2/QĐ-${unit.code}`);

    const refused = await t.sendEvent(tokens.secretariat, higher, 'MARK_VERIFIED');
    expectProblem(refused, 422, 'CASE.GUARD_FAILED');
    expect(refused.body.eligibility.outcome).toBe('ineligible');
    const after = lineOf(refused.body.eligibility, PREREQUISITE);
    expect(after.outcome).toBe('fail');
    expect(after.reason.vi).toContain(`năm ${years[1]} (đã bị thu hồi)`);
    expect(after.reason.en).toContain(`${years[1]} (revoked)`);
    expect(after.details).toMatchObject({ years: { [years[1]]: 'revoked' } });
    expect((await t.getCase(tokens.secretariat, higher)).body.state).toBe('verifying');

    // A fresh nomination (for this year) is judged the same way.
    const [otherLeader] = await t.tokensFor('unit_leader');
    const fresh = await openNomination(t, otherLeader, nominee.id, HIGHER, LAST_YEAR + 1);
    await t.attachDossier(otherLeader, fresh, HIGHER_DOSSIER);
    const freshRefused = await t.sendEvent(otherLeader, fresh, 'SUBMIT');
    expectProblem(freshRefused, 422, 'CASE.GUARD_FAILED');
    const freshLine = lineOf(freshRefused.body.eligibility, PREREQUISITE);
    expect(freshLine.outcome).toBe('fail');
    expect(freshLine.details).toMatchObject({
      years: { [years[1]]: 'revoked', [years[2]]: 'held', [LAST_YEAR + 1]: 'missing' },
    });
    expect(freshLine.reason.vi).toContain(`năm ${years[1]} (đã bị thu hồi)`);
  });

  test('an imported award later marked revoked stops counting too', async () => {
    const nominee = await t.createPerson('Quách Văn Thịnh');
    const years = [LAST_YEAR - 2, LAST_YEAR - 1, LAST_YEAR];
    const importAwards = async (rows: string[]) => {
      const imported = await t.http
        .post('/api/v1/imports/awards')
        .auth(t.adminToken, { type: 'bearer' })
        .set('Content-Type', 'text/csv')
        .send(['Mã cán bộ,Danh hiệu / hình thức,Năm,Tình trạng,Số quyết định', ...rows].join('\n'));
      expect(imported.status).toBe(200);
    };
    await importAwards(
      years.map((y, i) => `${nominee.code},Chiến sĩ thi đua cơ sở,${y},Đã trao,${i + 10}/QĐ-ĐUK`),
    );

    const first = await openNomination(t, tokens.leader, nominee.id, HIGHER, LAST_YEAR);
    await t.attachDossier(tokens.leader, first, HIGHER_DOSSIER);
    await step(t, tokens.leader, first, 'SUBMIT', 'submitted');
    const before = lineOf(await recordedEligibility(t, tokens.leader, first), PREREQUISITE);
    expect(before.outcome).toBe('pass');
    expect(before.details).toMatchObject({ imported: years });
    await step(t, tokens.leader, first, 'WITHDRAW', 'withdrawn');

    // The register is corrected: the middle year's title was revoked.
    await importAwards([`${nominee.code},Chiến sĩ thi đua cơ sở,${years[1]},Thu hồi,11/QĐ-ĐUK`]);
    const second = await openNomination(t, tokens.leader, nominee.id, HIGHER, LAST_YEAR);
    await t.attachDossier(tokens.leader, second, HIGHER_DOSSIER);
    const refused = await t.sendEvent(tokens.leader, second, 'SUBMIT');
    expectProblem(refused, 422, 'CASE.GUARD_FAILED');
    const after = lineOf(refused.body.eligibility, PREREQUISITE);
    expect(after.outcome).toBe('fail');
    expect(after.reason.vi).toContain(`năm ${years[1]} (đã bị thu hồi)`);
    expect(after.details).toMatchObject({ years: { [years[1]]: 'revoked' } });
  });
});
