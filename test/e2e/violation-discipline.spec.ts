import type { Response } from 'supertest';
import { DIALECTS } from '../support/databases';
import { INITIAL_PASSWORD, TEST_PASSWORD, startTestApp, type TestApp } from '../support/test-app';
import { LAST_YEAR, lineOf, openNomination, step } from './nominations/nomination-steps';

/**
 * Story: the ward police notify the Khối Party committee that Party member Trần Thị Mỹ Dung, a
 * worker of the power company, rode her motorbike after drinking. The secretariat records the
 * report with the police notice as evidence, asks her to explain (she answers herself, through her
 * own account), and confirms the violation. Her Party cell votes a warning at its meeting (a first
 * count falls short of more than half of the cell's full members and decides nothing); the
 * director gives her a reminder on the labour side. The warning is announced (it lapses twelve
 * months later), she appeals in time (a late filing is refused), and the committee above annuls it.
 * Every date is the one the officials enter, weeks after the fact. Her nomination for Lao động
 * tiên tiến, already submitted, is held while the matter is pending and while the appeal is
 * decided, and released each time (HOLD and RELEASE from `system` on its history); once the
 * warning is annulled, the discipline no longer stands in her way.
 */

/** A record of a case's history, as far as this story reads it. */
interface HistoryRecord {
  eventType: string;
  actor: { username: string };
  payload: { violationCaseId?: string; reason?: string; outcome?: string };
}

const OCCURRED = '2026-09-01';
const REQUESTED = '2026-09-07'; // a Monday: five working days end on Monday 14 September
const GIVEN = '2026-09-10';
const CONFIRMED = '2026-09-15';
const CELL_MEETING = '2026-09-22';
const REMINDER = '2026-09-25';
const ANNOUNCED = '2026-09-28';
const APPEALED = '2026-10-20';
const ANNULLED = '2026-11-10';

describe.each(DIALECTS)('a traffic violation handled by the competent bodies (%s)', (dialect) => {
  let t: TestApp;
  let leader: string;
  let secretariat: string;
  let chair: string;
  let auditor: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    [leader, secretariat, chair, auditor] = await t.tokensFor(
      'unit_leader',
      'secretariat',
      'council_chair',
      'auditor',
    );
  });
  afterAll(() => t.close());

  const ok = async <T = Record<string, unknown>>(
    label: string,
    call: Promise<{ status: number; body: unknown }>,
    status = 200,
  ): Promise<T> => {
    const answer = await call;
    if (answer.status !== status) {
      throw new Error(`${label}: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    return answer.body as T;
  };

  /** The event is accepted and the case moves to `state`; answers the case. */
  const accepted = async (call: Promise<Response>, state: string) => {
    const answer = await call;
    expect({ status: answer.status, state: answer.body.state, code: answer.body.code }).toEqual({
      status: 200,
      state,
      code: undefined,
    });
    return answer;
  };

  /** The cell with its five full members on the roster since 2025, and the member it concerns. */
  async function partyCell() {
    const cell = await t.createUnit('Chi bộ Phòng Kỹ thuật – Công ty Điện lực', 'party_cell');
    const dung = await ok<{ id: string }>(
      'register Dung',
      t.postAs(t.adminToken, '/api/v1/people').send({
        code: 'DL-0412',
        fullName: 'Trần Thị Mỹ Dung',
        unitId: cell.id,
        employmentType: 'worker',
        partyMember: true,
        partyJoinedOn: '2015-05-19',
      }),
      201,
    );
    const council = await ok<{ id: string }>(
      'the cell as a voting body',
      t.postAs(t.adminToken, '/api/v1/councils').send({
        unitId: cell.id,
        name: 'Chi bộ Phòng Kỹ thuật',
        body: 'party_cell',
      }),
      201,
    );
    const members: string[] = [];
    for (const [index, name] of [
      'Ngô Văn Bí',
      'Phạm Thị Thư',
      'Lê Quang Hùng',
      'Vũ Thị Lan',
      'Đỗ Minh Tuấn',
    ].entries()) {
      const person = await t.createPerson(name, cell.id);
      await ok(
        'roster',
        t.postAs(t.adminToken, `/api/v1/councils/${council.id}/members`).send({
          personId: person.id,
          role: index === 0 ? 'chair' : 'member',
          from: '2025-01-01',
        }),
        201,
      );
      members.push(person.id);
    }
    // Her own account holds no role: she only reads and answers the cases about her.
    const account = await ok<{ id: string; roles: string[] }>(
      'her account',
      t.postAs(t.adminToken, '/api/v1/users').send({
        username: 'tran.thi.my.dung',
        displayName: 'Trần Thị Mỹ Dung',
        password: INITIAL_PASSWORD,
        personId: dung.id,
        grants: [],
      }),
      201,
    );
    expect(account.roles).toEqual([]);
    const first = await t.login('tran.thi.my.dung', INITIAL_PASSWORD);
    await ok('new password', t.changePassword(first, INITIAL_PASSWORD, TEST_PASSWORD), 204);
    const subject = { token: await t.login('tran.thi.my.dung') };
    return { cell, dung, members, subject };
  }

  test('from the police notice to an annulled warning, every step by the body the rules name', async () => {
    const { cell, dung, members, subject } = await partyCell();
    const nomination = await openNomination(t, leader, dung.id, 'lao_dong_tien_tien', LAST_YEAR);
    await t.attachDossier(leader, nomination);
    await step(t, leader, nomination, 'SUBMIT', 'submitted');
    /**
     * The nomination's HOLD and RELEASE records, as [event, actor, violation case, reason or
     * outcome]: the records name the case by a reference, which the secretariat opens.
     */
    const holds = async () => {
      const opened = await t.getAs(secretariat, `/api/v1/cases/${nomination}/holds`);
      expect(opened.status).toBe(200);
      const caseOf = new Map(
        (opened.body.items as { reference: string; violationCaseId: string; verified: boolean }[])
          .filter((item) => item.verified)
          .map((item) => [item.reference, item.violationCaseId]),
      );
      return ((await t.history(secretariat, nomination)).body.items as HistoryRecord[])
        .filter((r) => ['HOLD', 'RELEASE'].includes(r.eventType))
        .map((r) => [
          r.eventType,
          r.actor.username,
          caseOf.get(r.payload.violationCaseId ?? '') ?? `unopened ${r.payload.violationCaseId}`,
          r.payload.reason ?? r.payload.outcome,
        ]);
    };
    const disciplineLine = async () =>
      lineOf(
        (await t.getAs(secretariat, `/api/v1/cases/${nomination}/eligibility`)).body,
        'discipline.in_force',
      ).outcome;
    const report = {
      type: 'violation',
      subject: { kind: 'person', personId: dung.id },
      data: {
        category: 'traffic_alcohol',
        source: 'police_notice',
        referenceNumber: '125/TB-CAP',
        place: 'Đường Trần Phú, phường Hải Châu',
        occurredOn: OCCURRED,
        summary: 'Điều khiển xe mô tô khi trong hơi thở có nồng độ cồn',
      },
    };
    // A report says where it came from, and its category is one of the catalogue's.
    const withoutSource: Record<string, unknown> = { ...report.data };
    delete withoutSource.source;
    const noSource = await t.openCase(secretariat, { ...report, data: withoutSource });
    expect({ status: noSource.status, code: noSource.body.code }).toEqual({
      status: 422,
      code: 'CASE.INVALID_DATA',
    });
    const oldCategory = await t.openCase(secretariat, {
      ...report,
      data: { ...report.data, category: 'traffic' },
    });
    expect(oldCategory.status).toBe(422);
    expect(oldCategory.body.problems).toEqual([
      expect.stringContaining('data/category must be one of traffic_alcohol'),
    ]);

    const opened = await t.openCase(secretariat, report);
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({
      state: 'reported',
      workflow: { id: 'violation', version: 5 },
      data: report.data,
    });
    const id = opened.body.id as string;
    // The report holds the submitted nomination, in its own transaction.
    expect(await holds()).toEqual([['HOLD', 'system', id, 'discipline_pending']]);

    // The police notice is attached as evidence, hashed like a dossier document.
    const notice = await t.uploadDocument(secretariat, id, 'evidence', {
      fileName: 'Thông báo 125-TB-CAP.pdf',
    });
    expect(notice.status).toBe(200);
    const evidence = notice.body.context.evidence as { code: string; sha256: string }[];
    expect(evidence).toEqual([
      expect.objectContaining({
        code: 'evidence',
        fileName: 'Thông báo 125-TB-CAP.pdf',
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ]);

    await accepted(t.sendEvent(secretariat, id, 'START_VERIFICATION'), 'verifying');
    const asked = await accepted(
      t.sendEvent(secretariat, id, 'REQUEST_EXPLANATION', { requestedOn: REQUESTED }),
      'awaiting_explanation',
    );
    expect(asked.body.context.explanation).toEqual({
      requestedOn: REQUESTED,
      dueOn: '2026-09-14',
      status: 'requested',
    });
    // She reads the case about her, and may send exactly one thing on it: her explanation.
    const hers = await t.getCase(subject.token, id);
    expect(hers.status).toBe(200);
    expect((hers.body.allowedEvents as { type: string }[]).map((e) => e.type)).toEqual([
      'RECORD_EXPLANATION',
    ]);
    // She explains herself: the one event a person sends on a case about them, and only that.
    const explained = await accepted(
      t.sendEvent(subject.token, id, 'RECORD_EXPLANATION', {
        text: 'Tôi đã uống một cốc bia trong bữa tối và tự nhận thiếu sót.',
        givenOn: GIVEN,
      }),
      'verifying',
    );
    expect(explained.body.context.explanation).toMatchObject({
      status: 'given',
      givenOn: GIVEN,
      recordedBy: 'subject',
    });
    const selfConfirm = await t.sendEvent(subject.token, id, 'CONFIRM', {
      reason: 'Tự kết luận',
    });
    expect({ status: selfConfirm.status, code: selfConfirm.body.code }).toEqual({
      status: 403,
      code: 'CASE.SELF_ACTION',
    });

    await accepted(
      t.sendEvent(secretariat, id, 'CONFIRM', {
        reason: 'Biên bản và kết quả đo nồng độ cồn của Công an phường',
        confirmedOn: CONFIRMED,
      }),
      'confirmed',
    );
    await accepted(t.sendEvent(secretariat, id, 'REFER_FOR_DECISION'), 'deciding');

    // The roster the cell's vote will be counted against, as the decision form offers it.
    const roster = await t.getAs(
      chair,
      `/api/v1/cases/${id}/voting-roster?body=party_cell&on=${CELL_MEETING}`,
    );
    expect(roster.status).toBe(200);
    expect(roster.body.council).toMatchObject({ unitId: cell.id, name: 'Chi bộ Phòng Kỹ thuật' });
    expect(roster.body.members.map((m: { personId: string }) => m.personId)).toEqual(members);
    const none = await t.getAs(chair, `/api/v1/cases/${id}/voting-roster?body=discipline_council`);
    expect({ status: none.status, code: none.body.code }).toEqual({
      status: 404,
      code: 'COUNCIL.NOT_FOUND',
    });

    const warning = {
      body: 'party_cell',
      subjectType: 'party_member',
      outcome: 'discipline',
      form: 'canh_cao',
      legalBasis: ['Điều lệ Đảng, Điều 36', 'Quy định 69-QĐ/TW, Điều 15'],
      decision: { date: CELL_MEETING, signer: 'Ngô Văn Bí, Bí thư Chi bộ' },
      vote: {
        meetingDate: CELL_MEETING,
        present: members.slice(0, 4),
        inFavour: 2,
        against: 1,
        abstain: 1,
      },
    };
    const carried = { ...warning, vote: { ...warning.vote, inFavour: 3, against: 0 } };
    const refusedBy = async (payload: object) => {
      const answer = await t.sendEvent(chair, id, 'DECIDE', payload);
      return {
        status: answer.status,
        code: answer.body.code,
        guards: ((answer.body.failedGuards ?? []) as { name: string }[]).map((g) => g.name),
      };
    };
    // Two of five full members is not more than half of the cell: the vote decides nothing.
    expect(await refusedBy(warning)).toEqual({
      status: 422,
      code: 'CASE.GUARD_FAILED',
      guards: ['decisionVoteCarries'],
    });
    // The registry says she joined the Party in 2015: a full member, no longer probationary.
    expect(await refusedBy({ ...carried, subjectType: 'probationary_party_member' })).toEqual({
      status: 422,
      code: 'CASE.GUARD_FAILED',
      guards: ['decisionSubjectTypeFits'],
    });
    // The head of an agency does not discipline a Party member.
    expect(await refusedBy({ ...warning, body: 'head_of_agency', vote: undefined })).toEqual({
      status: 422,
      code: 'CASE.GUARD_FAILED',
      guards: ['decisionBodyCompetent'],
    });
    const afterRefusals = await t.getCase(secretariat, id);
    expect(afterRefusals.body).toMatchObject({ state: 'deciding', context: {} });
    expect(afterRefusals.body.context.decisions).toBeUndefined();

    const decided = await accepted(t.sendEvent(chair, id, 'DECIDE', carried), 'decided');
    const [partyDecision] = decided.body.context.decisions as Record<string, unknown>[];
    // Decided: no longer pending, so the hold ends; the warning itself now bars the award.
    expect(await holds()).toEqual([
      ['HOLD', 'system', id, 'discipline_pending'],
      ['RELEASE', 'system', id, 'ended'],
    ]);
    expect(partyDecision).toMatchObject({
      number: `1-QĐ/${cell.code}`,
      format: 'party',
      track: 'party',
      body: 'party_cell',
      issuingUnit: { id: cell.id },
      subjectType: 'party_member',
      outcome: 'discipline',
      form: 'canh_cao',
      date: CELL_MEETING,
      status: 'in_force',
      vote: { members: 5, base: 5, needed: 3, inFavour: 3 },
    });
    // A Party discipline runs from its announcement: no lapse until then.
    expect(partyDecision.lapsesOn).toBeUndefined();

    // The labour side: the director's reminder, a second decision on another track, bars nothing.
    const reminded = await accepted(
      t.sendEvent(chair, id, 'DECIDE', {
        body: 'enterprise_director',
        subjectType: 'enterprise_worker',
        outcome: 'reminder',
        legalBasis: ['Nội quy lao động của Công ty'],
        decision: { date: REMINDER, signer: 'Giám đốc Công ty' },
      }),
      'decided',
    );
    const labour = (reminded.body.context.decisions as Record<string, unknown>[])[1];
    expect(labour).toMatchObject({
      track: 'labour',
      format: 'state',
      outcome: 'reminder',
      form: null,
    });
    expect(labour.number).toMatch(/^\d+\/QĐ-/);
    // One standing decision per track: a second Party decision goes through an appeal.
    expect(
      await refusedBy({
        ...warning,
        vote: { ...warning.vote, inFavour: 4, against: 0, abstain: 0 },
      }),
    ).toEqual({
      status: 422,
      code: 'CASE.GUARD_FAILED',
      guards: ['oneDecisionPerTrack'],
    });

    const announced = await accepted(
      t.sendEvent(secretariat, id, 'ANNOUNCE', {
        decisionNumber: partyDecision.number,
        announcedOn: ANNOUNCED,
      }),
      'announced',
    );
    expect((announced.body.context.decisions as Record<string, unknown>[])[0]).toMatchObject({
      announcedOn: ANNOUNCED,
      lapsesOn: '2027-09-28',
    });
    await accepted(
      t.sendEvent(secretariat, id, 'ANNOUNCE', {
        decisionNumber: labour.number,
        announcedOn: ANNOUNCED,
      }),
      'announced',
    );

    // One month from the announcement: a filing on 29 October is too late.
    const late = await t.sendEvent(secretariat, id, 'APPEAL', {
      decisionNumber: partyDecision.number,
      filedOn: '2026-10-29',
      grounds: 'Đề nghị xem xét lại hình thức kỷ luật',
    });
    expect({ status: late.status, guards: late.body.failedGuards }).toEqual({
      status: 422,
      guards: [expect.objectContaining({ name: 'appealInTime' })],
    });
    const appealed = await accepted(
      t.sendEvent(secretariat, id, 'APPEAL', {
        decisionNumber: partyDecision.number,
        filedOn: APPEALED,
        grounds: 'Kết quả đo nồng độ cồn lấy sai quy trình; đề nghị xem xét lại',
      }),
      'appeal_review',
    );
    // The discipline stays in force while the appeal is decided, and the appeal holds again.
    expect((await holds()).at(-1)).toEqual(['HOLD', 'system', id, 'complaint_pending']);
    expect(await disciplineLine()).toBe('fail');
    expect((appealed.body.context.decisions as Record<string, unknown>[])[0]).toMatchObject({
      status: 'in_force',
      appeal: { filedOn: APPEALED },
    });

    // The appeal goes above the cell: the cell itself may not decide it.
    const byTheCell = await t.sendEvent(chair, id, 'DECIDE_APPEAL', {
      outcome: 'annulled',
      body: 'party_cell',
      reason: 'Chi bộ tự xem xét lại',
      decision: { date: ANNULLED, signer: 'Bí thư Chi bộ' },
    });
    expect({ status: byTheCell.status, guards: byTheCell.body.failedGuards }).toEqual({
      status: 422,
      guards: [expect.objectContaining({ name: 'appealDecidedByItsTrack' })],
    });
    const annulled = await accepted(
      t.sendEvent(chair, id, 'DECIDE_APPEAL', {
        outcome: 'annulled',
        body: 'superior_party_committee',
        reason: 'Ủy ban Kiểm tra kết luận việc đo nồng độ cồn không đúng quy trình',
        decision: { date: ANNULLED, signer: 'Phó Bí thư Đảng ủy Khối' },
      }),
      'announced',
    );
    const [after] = annulled.body.context.decisions as Record<string, unknown>[];
    expect(after).toMatchObject({
      number: partyDecision.number,
      status: 'annulled',
      appeal: {
        filedOn: APPEALED,
        decision: {
          outcome: 'annulled',
          date: ANNULLED,
          number: expect.stringMatching(/^\d+-QĐ\//),
        },
      },
    });

    // Annulled: the hold ends and the warning bars nothing any more.
    expect((await holds()).at(-1)).toEqual(['RELEASE', 'system', id, 'ended']);
    expect(await disciplineLine()).toBe('pass');

    // The history shows both decisions, and the chain verifies.
    const history = await t.history(auditor, id);
    expect(history.status).toBe(200);
    const types = (history.body.items as { eventType: string }[]).map((r) => r.eventType);
    expect(types).toEqual(
      expect.arrayContaining(['DECIDE', 'DECIDE', 'ANNOUNCE', 'APPEAL', 'DECIDE_APPEAL']),
    );
    expect((await t.verify(auditor, id)).body).toMatchObject({ ok: true, firstBadSeq: null });
  });
});
