import { createHash } from 'node:crypto';
import { RuleSetCatalogue } from '../../src/domain/rules/rule-set-catalogue';
import { readPdf } from '../domain/outputs/read-pdf';
import { councilOf, todayInVietnam } from '../support/council';
import { DIALECTS } from '../support/databases';
import { expectProblem, type TestApp } from '../support/test-app';
import {
  LAST_YEAR,
  openNomination,
  startStory,
  step,
  type StoryTokens,
} from './nominations/nomination-steps';

/**
 * Story: the unit's council (a chair and two members, by the roster, not by their grants) meets
 * on three nominations awaiting it, one of them held by a violation still being handled. The
 * secretariat schedules the session and draws the agenda (the held one deferred), a quorum that is
 * too small cannot open it; with everyone present it opens. Each member votes once per item (a
 * second ballot and a ballot after the close are refused), and each keeps a receipt. The close
 * counts against each award's threshold (70% of all members), files the minutes in every voted
 * dossier and moves every voted nomination in one transaction: two approvals of three reach 2/3
 * but not 70%, so one nomination is not recommended. The head then decides on the recommended
 * one. Nothing in the session's record or the API names who voted how.
 */
describe.each(DIALECTS)('a council session from scheduling to minutes (%s)', (dialect) => {
  let t: TestApp;
  let tokens: StoryTokens;
  let unitId: string;
  const ids: Record<'clear' | 'split' | 'held', string> = { clear: '', split: '', held: '' };
  let sessionId: string;
  const receipts: string[] = [];

  beforeAll(async () => {
    ({ t, tokens } = await startStory(dialect));
    unitId = (await t.createUnit('Văn phòng Đảng ủy Khối')).id;
    for (const [key, name] of [
      ['clear', 'Phạm Thị Hồng Nhung'],
      ['split', 'Trần Văn Hùng'],
      ['held', 'Lê Thị Thu Hà'],
    ] as const) {
      const person = await t.createPerson(name, unitId);
      const id = await openNomination(t, tokens.leader, person.id, 'lao_dong_tien_tien', LAST_YEAR);
      await t.attachDossier(tokens.leader, id);
      await step(t, tokens.leader, id, 'SUBMIT', 'submitted');
      await step(t, tokens.secretariat, id, 'START_VERIFICATION', 'verifying');
      await step(t, tokens.secretariat, id, 'MARK_VERIFIED', 'verified');
      await step(t, tokens.secretariat, id, 'SEND_TO_COUNCIL', 'council_review');
      ids[key] = id;
      if (key === 'held') {
        // A violation reported about her and not yet decided puts her commendation on hold.
        const violation = await t.openCase(tokens.secretariat, {
          type: 'violation',
          subject: { kind: 'person', personId: person.id },
          data: {
            category: 'other',
            source: 'inspection',
            occurredOn: todayInVietnam(),
            summary: 'Vi phạm quy chế làm việc của cơ quan',
          },
        });
        expect(violation.status).toBe(201);
      }
    }
  });
  afterAll(() => t.close());

  const sessionView = async () => {
    const response = await t.getAs(tokens.secretariat, `/api/v1/council-sessions/${sessionId}`);
    expect(response.status).toBe(200);
    return response.body;
  };

  test('the secretariat schedules the session and draws the agenda; the held item is deferred', async () => {
    const council = await councilOf(t, unitId);
    const opened = await t.openCase(tokens.secretariat, {
      type: 'council_session',
      subject: { kind: 'unit', unitId },
      data: {
        councilId: council.id,
        meetingDate: todayInVietnam(),
        title: 'Phiên họp xét khen thưởng năm',
      },
    });
    expect(opened.status).toBe(201);
    expect(opened.body.state).toBe('scheduled');
    sessionId = opened.body.id;

    // Another unit's council cannot be named.
    const otherUnit = (await t.createUnit('Ban Kiểm tra')).id;
    const wrong = await t.openCase(tokens.secretariat, {
      type: 'council_session',
      subject: { kind: 'unit', unitId: otherUnit },
      data: { councilId: council.id, meetingDate: todayInVietnam(), title: 'Sai hội đồng' },
    });
    expectProblem(wrong, 422, 'CASE.INVALID_DATA');

    const drawn = await t.sendEvent(tokens.secretariat, sessionId, 'SET_AGENDA', {});
    expect(drawn.status).toBe(200);
    const view = await sessionView();
    const status = Object.fromEntries(
      view.agenda.map((item: { caseId: string; status: string }) => [item.caseId, item.status]),
    );
    expect(status).toEqual({
      [ids.clear]: 'to_vote',
      [ids.split]: 'to_vote',
      [ids.held]: 'deferred',
    });
    const held = view.agenda.find((item: { caseId: string }) => item.caseId === ids.held);
    expect(held.deferredBecause.vi).toContain('tạm dừng xét khen thưởng');
    expect(view.roster.map((m: { role: string }) => m.role)).toEqual(['chair', 'member', 'member']);
  });

  test('a quorum just below 2/3 cannot open the session; at 2/3 it can', async () => {
    const council = await councilOf(t, unitId);
    const [chair, first, second] = council.members;
    await step(t, tokens.secretariat, sessionId, 'RECORD_ATTENDANCE', 'scheduled', {
      present: [chair.personId],
    });
    const tooFew = await t.sendEvent(tokens.secretariat, sessionId, 'OPEN', {});
    expectProblem(tooFew, 422, 'CASE.GUARD_FAILED');
    expect(tooFew.body.failedGuards.map((g: { name: string }) => g.name)).toEqual([
      'quorumPresent',
    ]);
    expect((await sessionView()).quorum).toMatchObject({ required: 2, present: 1, met: false });

    // Nobody votes before the session opens.
    const early = await t
      .postAs(chair.user.token, `/api/v1/council-sessions/${sessionId}/ballots`)
      .send({ caseId: ids.clear, choice: 'approve' });
    expectProblem(early, 409, 'COUNCIL.VOTING_CLOSED');

    await step(t, tokens.secretariat, sessionId, 'RECORD_ATTENDANCE', 'scheduled', {
      present: [chair.personId, first.personId, second.personId],
    });
    await step(t, tokens.secretariat, sessionId, 'OPEN', 'open');
    expect((await sessionView()).quorum).toMatchObject({ required: 2, present: 3, met: true });
  });

  test('each member votes once per item, keeps a receipt, and cannot vote twice', async () => {
    const council = await councilOf(t, unitId);
    const choices: Record<string, ('approve' | 'reject')[]> = {
      [ids.clear]: ['approve', 'approve', 'approve'],
      [ids.split]: ['approve', 'approve', 'reject'],
    };
    for (const [index, member] of council.members.entries()) {
      const mine = await t.getAs(member.user.token, `/api/v1/council-sessions/${sessionId}`);
      expect(mine.status).toBe(200);
      expect([...mine.body.me.mayVoteOn].sort()).toEqual([ids.clear, ids.split].sort());
      for (const caseId of [ids.clear, ids.split]) {
        const cast = await t
          .postAs(member.user.token, `/api/v1/council-sessions/${sessionId}/ballots`)
          .send({ caseId, choice: choices[caseId][index] });
        expect(cast.status).toBe(201);
        expect(cast.body.receipt).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
        receipts.push(cast.body.receipt);
      }
    }
    const again = await t
      .postAs(council.members[0].user.token, `/api/v1/council-sessions/${sessionId}/ballots`)
      .send({ caseId: ids.clear, choice: 'reject' });
    expectProblem(again, 409, 'COUNCIL.ALREADY_VOTED');
    const deferred = await t
      .postAs(council.members[0].user.token, `/api/v1/council-sessions/${sessionId}/ballots`)
      .send({ caseId: ids.held, choice: 'approve' });
    expectProblem(deferred, 422, 'COUNCIL.NOT_ON_AGENDA');
    // The secretariat holds no seat: the roster, not a grant, says who votes.
    const outsider = await t
      .postAs(tokens.secretariat, `/api/v1/council-sessions/${sessionId}/ballots`)
      .send({ caseId: ids.clear, choice: 'approve' });
    expectProblem(outsider, 403, 'COUNCIL.NOT_A_VOTER');
    const memberGrantOnly = await t.userWithGrants([{ role: 'council_member', unitId }]);
    const notSeated = await t
      .postAs(memberGrantOnly.token, `/api/v1/council-sessions/${sessionId}/ballots`)
      .send({ caseId: ids.clear, choice: 'approve' });
    expectProblem(notSeated, 403, 'COUNCIL.NOT_A_VOTER');
  });

  test('the close counts, files the minutes, and moves every voted nomination', async () => {
    const closed = await t
      .postAs(tokens.secretariat, `/api/v1/council-sessions/${sessionId}/close`)
      .send({});
    expect(closed.status).toBe(200);
    expect(closed.body.state).toBe('closed');
    const tally = Object.fromEntries(
      closed.body.tally.map((item: { caseId: string }) => [item.caseId, item]),
    );
    expect(tally[ids.clear]).toMatchObject({
      approve: 3,
      reject: 0,
      base: 3,
      needed: 3,
      recommended: true,
    });
    // 2 of 3 is 66.7%: short of "at least 70% of all members".
    expect(tally[ids.split]).toMatchObject({
      approve: 2,
      reject: 1,
      base: 3,
      needed: 3,
      recommended: false,
    });
    expect(tally[ids.held]).toBeUndefined();

    expect((await t.getCase(tokens.secretariat, ids.clear)).body.state).toBe('recommended');
    expect((await t.getCase(tokens.secretariat, ids.split)).body.state).toBe('not_recommended');
    expect((await t.getCase(tokens.secretariat, ids.held)).body.state).toBe('council_review');

    const minutes = await t
      .getAs(tokens.secretariat, `/api/v1/council-sessions/${sessionId}/minutes`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(minutes.status).toBe(200);
    const pdf = minutes.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    expect(closed.body.minutes.sha256).toBe(sha256);
    expect(minutes.headers['x-content-sha256']).toBe(sha256);
    // Filed in every voted nomination's dossier, read by their units: the held item is deferred
    // without saying that a matter about its nominee is pending (the agenda says so, above).
    const text = readPdf(pdf).lines.join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('Kết luận: Hoãn xét.');
    expect(text).toContain('Lý do: Hồ sơ chưa đủ điều kiện đưa ra xét tại phiên họp này.');
    expect(text).not.toContain('vụ việc');
    expect(text).not.toContain('tạm dừng xét khen thưởng');
    // In English for reference, rendered from the same record: not the filed document.
    const english = await t
      .getAs(tokens.secretariat, `/api/v1/council-sessions/${sessionId}/minutes?lang=en`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(english.status).toBe(200);
    expect(english.headers['x-content-sha256']).toBeUndefined();
    expect(english.headers['content-disposition']).toContain('.en.pdf');
    const englishText = readPdf(english.body as Buffer)
      .lines.join(' ')
      .replace(/\s+/g, ' ');
    expect(englishText).toContain(
      'MINUTES OF THE MEETING OF THE EMULATION AND COMMENDATION COUNCIL',
    );
    expect(englishText).toContain('Trần Văn Hùng – Advanced worker');
    expect(englishText).toContain('Conclusion: Not recommended.');
    // The same file in the nomination's dossier, and its recommendation carries the count.
    const inForce = t.app.get(RuleSetCatalogue).latest(todayInVietnam()).ruleSet;
    expect(inForce.id).toBe('vn-law-06-2022-decree-152-2025');
    const nomination = (await t.getCase(tokens.secretariat, ids.clear)).body;
    expect(nomination.context.documents).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'bien_ban_hop_hoi_dong', sha256 })]),
    );
    expect(nomination.context.recommendation).toMatchObject({
      recommended: true,
      sessionId,
      approve: 3,
      base: 3,
      ratio: 0.7,
      // The council's rules are the rule set's in force on the meeting date.
      ruleSets: { council: { id: inForce.id, version: inForce.version } },
    });

    const late = await t
      .postAs(
        (await councilOf(t, unitId)).members[1].user.token,
        `/api/v1/council-sessions/${sessionId}/ballots`,
      )
      .send({ caseId: ids.split, choice: 'approve' });
    expectProblem(late, 409, 'COUNCIL.VOTING_CLOSED');
  });

  test('every receipt is in the published count; nothing published names a voter', async () => {
    for (const receipt of receipts) {
      const checked = await t
        .postAs(tokens.secretariat, `/api/v1/council-sessions/${sessionId}/receipts/check`)
        .send({ receipt: receipt.toLowerCase() });
      expect(checked.status).toBe(200);
      expect(checked.body.counted).toBe(true);
    }
    const unknown = await t
      .postAs(tokens.secretariat, `/api/v1/council-sessions/${sessionId}/receipts/check`)
      .send({ receipt: 'AAAA-BBBB-CCCC-DDDD' });
    expect(unknown.body).toEqual({ counted: false });

    const council = await councilOf(t, unitId);
    const view = await sessionView();
    const history = await t.history(tokens.secretariat, sessionId, 'limit=200');
    expect(history.status).toBe(200);
    const published = JSON.stringify({ tally: view.tally, history: history.body });
    for (const member of council.members) {
      // Voters' ids appear only as present or recused, never beside a receipt or a choice.
      for (const item of view.tally) {
        for (const ballot of item.receipts) {
          expect(JSON.stringify(ballot)).not.toContain(member.personId);
          expect(JSON.stringify(ballot)).not.toContain(member.user.id);
        }
      }
      expect(published).not.toContain(member.user.username);
    }
    expect(history.body.items.map((r: { eventType: string }) => r.eventType)).toEqual([
      'CASE_OPENED',
      'SET_AGENDA',
      'RECORD_ATTENDANCE',
      'RECORD_ATTENDANCE',
      'OPEN',
      'CLOSE_VOTING',
      'RECORD_MINUTES',
    ]);
  });

  test('the head approves the recommended nomination; the other can only be rejected', async () => {
    await step(t, tokens.chair, ids.clear, 'APPROVE', 'approved');
    const refused = await t.sendEvent(tokens.chair, ids.split, 'APPROVE', {});
    expectProblem(refused, 409, 'CASE.EVENT_NOT_ALLOWED_IN_STATE');
    await step(t, tokens.chair, ids.split, 'REJECT', 'rejected', {
      reason: 'Hội đồng không kiến nghị khen thưởng',
    });
  });
});
