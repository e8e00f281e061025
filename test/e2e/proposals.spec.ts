import { readPdf } from '../domain/outputs/read-pdf';
import { todayInVietnam } from '../support/dates';
import { DIALECTS } from '../support/databases';
import { expectProblem, startTestApp, type TestApp } from '../support/test-app';
import {
  councilRecommends,
  openNomination,
  step,
  verify,
  type StoryTokens,
} from './nominations/nomination-steps';
import { binary } from '../support/binary-body';

/**
 * Story (issue 17 item 2): the provincial Party committee (its standing committee, "TU") uses the
 * system; under it the enterprises' Party committee ("ĐUK", the standing committee above the
 * grassroots) and, under that, a power company (its director, State format, "ĐL").
 *
 * The enterprises' committee may not grant a Party member's five-year certificate of merit from
 * the provincial standing committee: it proposes it up. The proposal arrives in the province's
 * queue, its secretariat records the decision (granted for one, declined for another) and the
 * nominations are granted or rejected with it. The committee itself may not record it. The power
 * company proposes a provincial certificate of merit to the provincial People's Committee chair,
 * which no unit of the tree acts as: the proposal goes outside, and the company's secretariat
 * records what came back. Letters read back: "n-TTr/ĐUK" (Party) and "n/TTr-ĐL" (State).
 */
describe.each(DIALECTS)('proposals to the competent level (%s)', (dialect) => {
  let t: TestApp;
  let tokens: StoryTokens;
  let province: { id: string; code: string };
  let committee: { id: string; code: string };
  let company: { id: string; code: string };
  let elsewhere: { id: string; code: string };
  let provinceSecretariat: string;
  let committeeSecretariat: string;
  let companySecretariat: string;
  let elsewhereSecretariat: string;
  let memberA: { id: string };
  let memberB: { id: string };
  let worker: { id: string };
  let nominationA: string;
  let nominationB: string;
  let workerNomination: string;
  let notRecommended: string;
  let partyProposal: string;
  let stateProposal: string;
  let companyLeader: { id: string };

  const put = (unitId: string, body: object) =>
    t.http
      .put(`/api/v1/units/${unitId}/authorities`)
      .auth(t.adminToken, { type: 'bearer' })
      .send(body);
  const propose = (token: string, unitId: string, data: object) =>
    t.openCase(token, { type: 'award_proposal', subject: { kind: 'unit', unitId }, data });
  const proposals = (token: string, query: string) => t.getAs(token, `/api/v1/proposals?${query}`);
  const letterText = async (token: string, id: string) => {
    const pdf = await t
      .getAs(token, `/api/v1/proposals/${id}/letter.pdf`)
      .buffer(true)
      .parse(binary);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    return readPdf(pdf.body as Buffer)
      .pages.flat()
      .join('\n');
  };

  /** A nomination of `personId` for `awardCode`, driven to `recommended` by its unit's council. */
  async function recommended(personId: string, awardCode: string): Promise<string> {
    const id = await openNomination(t, tokens.leader, personId, awardCode);
    await t.attachDossier(tokens.leader, id);
    await verify(t, tokens, id);
    await step(t, tokens.secretariat, id, 'SEND_TO_COUNCIL', 'council_review');
    await councilRecommends(t, tokens, id);
    return id;
  }

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const [leader, secretariat, chair] = await t.tokensFor(
      'unit_leader',
      'secretariat',
      'council_chair',
    );
    tokens = { leader, secretariat, chair };
    province = await t.createUnit('Tỉnh ủy', 'party_committee');
    committee = await t.createUnit(
      'Đảng ủy Khối Doanh nghiệp tỉnh',
      'party_committee',
      province.id,
    );
    company = await t.createUnit('Công ty Điện lực tỉnh', 'enterprise', committee.id);
    elsewhere = await t.createUnit('Sở khác', 'agency');
    const scoped = async (unitId: string) =>
      (await t.userWithGrants([{ role: 'secretariat', unitId }])).token;
    provinceSecretariat = await scoped(province.id);
    committeeSecretariat = await scoped(committee.id);
    companySecretariat = await scoped(company.id);
    elsewhereSecretariat = await scoped(elsewhere.id);
    expect(
      (
        await put(province.id, {
          authorities: [{ code: 'provincial_party_standing_committee', seriesCode: 'TU' }],
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await put(committee.id, {
          authorities: [{ code: 'superior_party_standing_committee', seriesCode: 'ĐUK' }],
        })
      ).status,
    ).toBe(200);
    expect(
      (await put(company.id, { authorities: [{ code: 'enterprise_director', seriesCode: 'ĐL' }] }))
        .status,
    ).toBe(200);
    // The committee's secretary signs its letters on behalf of its standing committee; the company
    // registers no signer, so its letter carries its leader's name.
    const signer = await t.postAs(t.adminToken, `/api/v1/units/${committee.id}/signers`).send({
      fullName: 'Trần Xuân Lâm',
      position: { vi: 'Bí thư', en: 'Secretary' },
      authorityCode: 'superior_party_standing_committee',
      capacity: 'T/M',
    });
    expect(signer.status).toBe(201);
    companyLeader = await t.userWithGrants([{ role: 'unit_leader', unitId: company.id }]);
    memberA = await t.createPerson('Trần Văn Đảng', committee.id);
    memberB = await t.createPerson('Lê Thị Viên', committee.id);
    worker = await t.createPerson('Phạm Văn Điện', company.id);
    nominationA = await recommended(memberA.id, 'bang_khen_dang_vien_5_nam');
    nominationB = await recommended(memberB.id, 'bang_khen_dang_vien_5_nam');
    workerNomination = await recommended(worker.id, 'bang_khen_bo_tinh');
    notRecommended = await openNomination(t, tokens.leader, memberA.id, 'huy_hieu_dang');
  });
  afterAll(() => t.close());

  describe('refusals, before anything is sent', () => {
    test('a nomination not yet recommended is refused, naming it (vi/en)', async () => {
      const response = await propose(committeeSecretariat, committee.id, {
        nominationIds: [nominationA, notRecommended],
        to: { authority: 'provincial_party_standing_committee', unitId: province.id },
      });
      expectProblem(response, 422, 'PROPOSAL.NOMINATIONS_REFUSED');
      expect(response.body.nominations).toEqual([
        { index: 1, nominationId: notRecommended, code: 'NOT_RECOMMENDED' },
      ]);
      expect(response.body.detailVi).toContain('chưa được Hội đồng kiến nghị');
      expect(response.body.detail).toContain('council has recommended');
      expect((await t.getCase(tokens.secretariat, nominationA)).body.state).toBe('recommended');
    });

    test("a nomination outside the proposing unit's subtree reads as missing", async () => {
      const response = await propose(companySecretariat, company.id, {
        nominationIds: [nominationA],
        to: { authority: 'provincial_party_standing_committee', unitId: province.id },
      });
      expectProblem(response, 422, 'PROPOSAL.NOMINATIONS_REFUSED');
      expect(response.body.nominations[0].code).toBe('NOT_FOUND');
      const outOfScope = await propose(elsewhereSecretariat, committee.id, {
        nominationIds: [nominationA],
        to: { authority: 'provincial_party_standing_committee', unitId: province.id },
      });
      // A unit out of the opener's scope is no subject they may open a case about.
      expectProblem(outOfScope, 422, 'CASE.UNKNOWN_SUBJECT');
    });

    test('an authority that does not grant the award is refused', async () => {
      const response = await propose(committeeSecretariat, committee.id, {
        nominationIds: [workerNomination],
        to: { authority: 'provincial_party_standing_committee', unitId: province.id },
      });
      expectProblem(response, 422, 'PROPOSAL.NOMINATIONS_REFUSED');
      expect(response.body.nominations[0].code).toBe('WRONG_AUTHORITY');
      expect(response.body.errors[0].messagesVi[0]).toContain(
        'không thuộc thẩm quyền của Ban Thường vụ Tỉnh ủy',
      );
      expect(response.body.detailVi).toContain('không thuộc thẩm quyền của Ban Thường vụ Tỉnh ủy');
    });

    test('the receiving unit must be above and act as the authority, and be named when one does', async () => {
      const notAbove = await propose(committeeSecretariat, committee.id, {
        nominationIds: [nominationA],
        to: { authority: 'provincial_party_standing_committee', unitId: company.id },
      });
      expectProblem(notAbove, 422, 'PROPOSAL.RECEIVER_NOT_ABOVE');
      // The field message reads in Vietnamese too, not as English behind a generic lead.
      expect(notAbove.body.errors).toEqual([
        {
          field: 'data.to.unitId',
          messages: ['Not a unit above the proposing unit'],
          messagesVi: ['Không phải đơn vị cấp trên của đơn vị trình'],
        },
      ]);
      const unnamed = await propose(committeeSecretariat, committee.id, {
        nominationIds: [nominationA],
        to: { authority: 'provincial_party_standing_committee' },
      });
      expectProblem(unnamed, 422, 'PROPOSAL.RECEIVER_REQUIRED');
      expect(unnamed.body.receivingUnitId).toBe(province.id);
      const unknown = await propose(committeeSecretariat, committee.id, {
        nominationIds: [nominationA],
        to: { authority: 'no_such_authority' },
      });
      expectProblem(unknown, 422, 'PROPOSAL.UNKNOWN_AUTHORITY');
      // Only the secretariat sends a proposal (a request every check above would let through).
      const unitLeader = await t.openCase(tokens.leader, {
        type: 'award_proposal',
        subject: { kind: 'unit', unitId: committee.id },
        data: {
          nominationIds: [nominationA],
          to: { authority: 'provincial_party_standing_committee', unitId: province.id },
        },
      });
      expect(unitLeader.status).toBe(403);
    });
  });

  describe('up to a competent level that uses the system', () => {
    test('the form is told where a proposal to an authority can go in the system', async () => {
      const recipients = (unitId: string, authority: string, token = committeeSecretariat) =>
        t.getAs(token, `/api/v1/proposals/recipients?unitId=${unitId}&authority=${authority}`);
      const party = await recipients(committee.id, 'provincial_party_standing_committee');
      expect(party.status).toBe(200);
      expect(party.body.items).toEqual([{ id: province.id, name: 'Tỉnh ủy' }]);
      expect(
        (await recipients(company.id, 'provincial_chair', companySecretariat)).body.items,
      ).toEqual([]);
      expectProblem(
        await recipients(committee.id, 'provincial_chair', companySecretariat),
        404,
        'PROPOSAL.UNIT_NOT_FOUND',
      );
    });

    test('the committee proposes two nominations to the province: both go with_superior', async () => {
      const response = await propose(committeeSecretariat, committee.id, {
        nominationIds: [nominationA, nominationB],
        to: { authority: 'provincial_party_standing_committee', unitId: province.id },
        basis: ['Hướng dẫn số 06-HD/TW ngày 19/5/2023 của Ban Bí thư'],
      });
      expect(response.status).toBe(201);
      expect(response.body.state).toBe('sent');
      partyProposal = response.body.id;
      const year = todayInVietnam().slice(0, 4);
      for (const id of [nominationA, nominationB]) {
        const nomination = await t.getCase(tokens.secretariat, id);
        expect(nomination.body.state).toBe('with_superior');
        const history = await t.history(tokens.secretariat, id);
        const up = history.body.items.find(
          (r: { eventType: string }) => r.eventType === 'PROPOSE_UPWARD',
        );
        expect(up).toMatchObject({
          actor: expect.objectContaining({ role: 'system' }),
          payload: { proposalId: partyProposal, proposalNumber: '1-TTr/ĐUK' },
        });
      }
      expect(year).toMatch(/^\d{4}$/);
      const again = await propose(committeeSecretariat, committee.id, {
        nominationIds: [nominationA],
        to: { authority: 'provincial_party_standing_committee', unitId: province.id },
      });
      expectProblem(again, 422, 'PROPOSAL.NOMINATIONS_REFUSED');
      expect(again.body.nominations[0].code).toBe('ALREADY_PROPOSED');
    });

    test("it is in the province's queue (in) and the committee's list (out)", async () => {
      const incoming = await proposals(provinceSecretariat, 'direction=in&state=sent');
      expect(incoming.status).toBe(200);
      expect(incoming.body.items).toEqual([
        expect.objectContaining({
          id: partyProposal,
          number: '1-TTr/ĐUK',
          format: 'party',
          state: 'sent',
          proposingUnit: { id: committee.id, name: 'Đảng ủy Khối Doanh nghiệp tỉnh' },
          to: expect.objectContaining({
            authority: 'provincial_party_standing_committee',
            unit: { id: province.id, name: 'Tỉnh ủy' },
          }),
          nominationCount: 2,
        }),
      ]);
      const outgoing = await proposals(committeeSecretariat, 'direction=out');
      expect(outgoing.body.items.map((p: { id: string }) => p.id)).toEqual([partyProposal]);
      // The committee's own queue holds nothing sent to it; another unit sees nothing at all.
      expect((await proposals(committeeSecretariat, 'direction=in')).body.items).toEqual([]);
      expect((await proposals(elsewhereSecretariat, 'direction=out')).body.items).toEqual([]);
      expect(
        (await proposals(provinceSecretariat, 'direction=in&state=decided')).body.items,
      ).toEqual([]);
      expectProblem(await proposals(provinceSecretariat, 'direction=up'), 400, 'VALIDATION.FAILED');
      expect(
        (await t.getAs(elsewhereSecretariat, `/api/v1/proposals/${partyProposal}`)).status,
      ).toBe(404);
    });

    test('the case page shows its nominations and the letter link', async () => {
      const detail = await t.getAs(provinceSecretariat, `/api/v1/proposals/${partyProposal}`);
      expect(detail.status).toBe(200);
      expect(detail.body.letterUrl).toBe(`/api/v1/proposals/${partyProposal}/letter.pdf`);
      expect(detail.body.basis).toEqual(['Hướng dẫn số 06-HD/TW ngày 19/5/2023 của Ban Bí thư']);
      expect(detail.body.nominations).toEqual([
        expect.objectContaining({
          id: nominationA,
          nominee: 'Trần Văn Đảng',
          awardCode: 'bang_khen_dang_vien_5_nam',
          state: 'with_superior',
          outcome: null,
        }),
        expect.objectContaining({ id: nominationB, nominee: 'Lê Thị Viên', outcome: null }),
      ]);
      const view = await t.getCase(provinceSecretariat, partyProposal);
      expect(view.body.allowedEvents.map((e: { type: string }) => e.type)).toEqual([
        'RECORD_DECISION',
      ]);
    });

    test('the letter is a Party tờ trình numbered n-TTr/ĐUK', async () => {
      const text = await letterText(committeeSecretariat, partyProposal);
      expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
      expect(text).toMatch(/1-TTr\/ĐUK/);
      expect(text).toContain('Trần Văn Đảng');
      expect(text).toContain('Lê Thị Viên');
      expect(text).toContain('T/M BAN THƯỜNG VỤ');
      expect(text).toContain('Trần Xuân Lâm');
    });

    const outcomes = (date: string) => [
      {
        nominationId: nominationA,
        outcome: 'granted',
        decision: {
          number: '120-QĐ/TU',
          date,
          grantor: 'Ban Thường vụ Tỉnh ủy',
          signer: 'Nguyễn Văn Bí',
        },
      },
      { nominationId: nominationB, outcome: 'declined', reason: 'Chưa đủ năm năm liên tục.' },
    ];

    test('the committee may not record the decision of a superior in the system', async () => {
      const response = await t.sendEvent(committeeSecretariat, partyProposal, 'RECORD_DECISION', {
        outcomes: outcomes(todayInVietnam()),
      });
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('CASE.GUARD_FAILED');
      expect(response.body.detailVi).toContain('Chỉ văn phòng của cấp có thẩm quyền');
      expect((await t.getCase(tokens.secretariat, partyProposal)).body.state).toBe('sent');
    });

    test('a future decision date and a missing outcome are refused (vi/en)', async () => {
      const future = await t.sendEvent(provinceSecretariat, partyProposal, 'RECORD_DECISION', {
        outcomes: outcomes('2999-01-01'),
      });
      expect(future.status).toBe(422);
      expect(future.body.detail).toContain('payload.outcomes.0.decision.date');
      expect(future.body.detailVi).toContain('không được sau ngày hôm nay');
      const missing = await t.sendEvent(provinceSecretariat, partyProposal, 'RECORD_DECISION', {
        outcomes: outcomes(todayInVietnam()).slice(0, 1),
      });
      expect(missing.status).toBe(422);
      expect(missing.body.detail).toContain(`Nomination ${nominationB} has no outcome.`);
      const unknownKey = await t.sendEvent(provinceSecretariat, partyProposal, 'RECORD_DECISION', {
        outcomes: outcomes(todayInVietnam()),
        extra: 1,
      });
      expectProblem(unknownKey, 400, 'CASE.PAYLOAD_INVALID');
    });

    test("the province's secretariat records it: one granted with that decision, one rejected", async () => {
      const today = todayInVietnam();
      const response = await t.sendEvent(provinceSecretariat, partyProposal, 'RECORD_DECISION', {
        outcomes: outcomes(today),
      });
      expect(response.status).toBe(200);
      expect(response.body.state).toBe('decided');
      const granted = await t.getCase(tokens.secretariat, nominationA);
      expect(granted.body.state).toBe('announced');
      // The award is held with the competent level's decision.
      expect(granted.body.context.decision).toMatchObject({
        number: '120-QĐ/TU',
        date: today,
        grantor: 'Ban Thường vụ Tỉnh ủy',
        signer: 'Nguyễn Văn Bí',
        proposalId: partyProposal,
      });
      const history = await t.history(tokens.secretariat, nominationA);
      expect(
        history.body.items.find((r: { eventType: string }) => r.eventType === 'SUPERIOR_GRANTED'),
      ).toMatchObject({
        payload: {
          proposalId: partyProposal,
          decision: { number: '120-QĐ/TU', date: today, grantor: 'Ban Thường vụ Tỉnh ủy' },
        },
      });
      const declined = await t.getCase(tokens.secretariat, nominationB);
      expect(declined.body.state).toBe('rejected');
      const detail = await t.getAs(committeeSecretariat, `/api/v1/proposals/${partyProposal}`);
      expect(detail.body).toMatchObject({ state: 'decided', decidedOn: today });
      expect(detail.body.nominations.map((n: { outcome: string }) => n.outcome)).toEqual([
        'granted',
        'declined',
      ]);
      expect(
        (await proposals(provinceSecretariat, 'direction=in&state=decided')).body.items,
      ).toHaveLength(1);
    });
  });

  describe('to a competent level outside the system', () => {
    test('the company proposes to the provincial chair; its own secretariat records the answer', async () => {
      const response = await propose(companySecretariat, company.id, {
        nominationIds: [workerNomination],
        to: { authority: 'provincial_chair' },
      });
      expect(response.status).toBe(201);
      stateProposal = response.body.id;
      expect((await t.getCase(tokens.secretariat, workerNomination)).body.state).toBe(
        'with_superior',
      );
      const listed = await proposals(companySecretariat, 'direction=out');
      expect(listed.body.items[0]).toMatchObject({
        id: stateProposal,
        number: '1/TTr-ĐL',
        format: 'state',
        to: { authority: 'provincial_chair', unit: null },
      });
      // Nobody's queue: the competent level is not a unit of this system.
      expect(
        (await proposals(provinceSecretariat, 'direction=in')).body.items.map(
          (p: { id: string }) => p.id,
        ),
      ).not.toContain(stateProposal);

      const text = await letterText(companySecretariat, stateProposal);
      expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(text).toMatch(/1\/TTr-ĐL/);
      expect(text).not.toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
      expect(text).toContain('Phạm Văn Điện');
      const leader = await t.getAs(t.adminToken, `/api/v1/users/${companyLeader.id}`);
      expect(text).toContain(leader.body.displayName);

      const recorded = await t.sendEvent(companySecretariat, stateProposal, 'RECORD_DECISION', {
        outcomes: [
          {
            nominationId: workerNomination,
            outcome: 'granted',
            decision: {
              number: '345/QĐ-UBND',
              date: todayInVietnam(),
              grantor: 'Chủ tịch Ủy ban nhân dân tỉnh',
            },
          },
        ],
      });
      expect(recorded.status).toBe(200);
      expect((await t.getCase(tokens.secretariat, workerNomination)).body.state).toBe('announced');
    });

    test('proposals follow their units when the tree changes: lists read it as it is now', async () => {
      const ids = async (token: string, direction: 'in' | 'out') =>
        (await proposals(token, `direction=${direction}`)).body.items.map(
          (p: { id: string }) => p.id,
        );
      expect(await ids(elsewhereSecretariat, 'in')).toEqual([]);
      expect(await ids(elsewhereSecretariat, 'out')).toEqual([]);
      const moveUnder = async (unitId: string, parentId: string) =>
        expect(
          (await t.patchAs(t.adminToken, `/api/v1/units/${unitId}`).send({ parentId })).status,
        ).toBe(200);
      // The company (which sent the State proposal) moves from the committee to the other agency.
      await moveUnder(company.id, elsewhere.id);
      expect(await ids(elsewhereSecretariat, 'out')).toEqual([stateProposal]);
      expect(await ids(committeeSecretariat, 'out')).toEqual([partyProposal]);
      // The province (which received the Party proposal) goes under it too, its subtree with it.
      await moveUnder(province.id, elsewhere.id);
      expect(await ids(elsewhereSecretariat, 'in')).toEqual([partyProposal]);
      expect(await ids(elsewhereSecretariat, 'out')).toEqual([stateProposal, partyProposal]);
    });
  });
});
