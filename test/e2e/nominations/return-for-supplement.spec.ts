import { DIALECTS } from '../../support/databases';
import { expectProblem, type TestApp } from '../../support/test-app';
import {
  lineOf,
  openNomination,
  recordedEligibility,
  step,
  type StoryTokens,
  startStory,
} from './nomination-steps';

const COMMENT = 'Đề nghị bổ sung văn bản công nhận sáng kiến "Số hóa sổ theo dõi đảng viên"';

/**
 * Story: Tạ Minh Hiếu is nominated as a grassroots emulation fighter on the strength of an
 * initiative, but the dossier lacks the certificate recognising it. The secretariat returns the
 * dossier with a comment saying so (a return without a comment is refused); the comment is the
 * case's lastReason. The unit leader uploads the certificate and resubmits; the nomination is
 * back under verification with the document counted, and is then verified.
 */
describe.each(DIALECTS)('return for supplement (%s)', (dialect) => {
  let t: TestApp;
  let tokens: StoryTokens;

  beforeAll(async () => {
    ({ t, tokens } = await startStory(dialect));
  });
  afterAll(() => t.close());

  test('returned with a comment, supplemented and resubmitted', async () => {
    const nominee = await t.createPerson('Tạ Minh Hiếu');
    const id = await openNomination(t, tokens.leader, nominee.id, 'chien_si_thi_dua_co_so');
    await t.attachDossier(tokens.leader, id);
    await step(t, tokens.leader, id, 'SUBMIT', 'submitted');
    const submitted = await recordedEligibility(t, tokens.leader, id);
    expect(lineOf(submitted, 'dossier.complete').details).toMatchObject({
      conditional: [{ document: 'xac_nhan_sang_kien', provided: false }],
    });
    await step(t, tokens.secretariat, id, 'START_VERIFICATION', 'verifying');

    const noComment = await t.sendEvent(tokens.secretariat, id, 'RETURN_FOR_SUPPLEMENT');
    expectProblem(noComment, 400, 'CASE.PAYLOAD_INVALID');
    expect(noComment.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'payload.reason',
    ]);

    // No upload while the secretariat holds the dossier.
    const early = await t.uploadDocument(tokens.leader, id, 'xac_nhan_sang_kien');
    expectProblem(early, 409, 'CASE.EVENT_NOT_ALLOWED_IN_STATE');

    const returned = await step(
      t,
      tokens.secretariat,
      id,
      'RETURN_FOR_SUPPLEMENT',
      'returned_for_supplement',
      { reason: COMMENT },
    );
    const lastReason = { event: 'RETURN_FOR_SUPPLEMENT', text: COMMENT };
    expect(returned.body.context.lastReason).toEqual(lastReason);
    const read = await t.getCase(tokens.leader, id);
    expect(read.body.context.lastReason).toEqual(lastReason);

    await t.uploadDocument(tokens.leader, id, 'xac_nhan_sang_kien').expect(200);
    const resubmitted = await step(t, tokens.leader, id, 'RESUBMIT', 'verifying');
    const recorded = await recordedEligibility(t, tokens.leader, id);
    expect(recorded).toMatchObject({ seq: resubmitted.body.version, eventType: 'RESUBMIT' });
    const dossier = lineOf(recorded, 'dossier.complete');
    expect(dossier.outcome).toBe('pass');
    expect(dossier.details).toMatchObject({
      conditional: [{ document: 'xac_nhan_sang_kien', provided: true }],
    });
    expect(
      (resubmitted.body.context.documents as { code: string }[]).map((d) => d.code).sort(),
    ).toEqual(['bao_cao_thanh_tich', 'bien_ban_binh_xet', 'to_trinh', 'xac_nhan_sang_kien']);

    await step(t, tokens.secretariat, id, 'MARK_VERIFIED', 'verified');
    const history = await t.history(tokens.secretariat, id);
    const types = history.body.items.map((r: { eventType: string }) => r.eventType);
    expect(types.slice(-5)).toEqual([
      'START_VERIFICATION',
      'RETURN_FOR_SUPPLEMENT',
      'ATTACH_DOCUMENT',
      'RESUBMIT',
      'MARK_VERIFIED',
    ]);
    const back = history.body.items.find(
      (r: { eventType: string }) => r.eventType === 'RETURN_FOR_SUPPLEMENT',
    );
    expect(back.payload).toEqual({ reason: COMMENT });
  });
});
