import { readPdf } from '../domain/outputs/read-pdf';
import { todayInVietnam } from '../support/dates';
import { DIALECTS } from '../support/databases';
import { expectProblem, FULL_DOSSIER, startTestApp, type TestApp } from '../support/test-app';
import {
  announcedAward,
  approve,
  LAST_YEAR,
  openNomination,
  recordedEligibility,
  type StoryTokens,
} from './nominations/nomination-steps';
import { binary } from '../support/binary-body';

/**
 * Story (issue 17): the enterprises' Party committee records that it acts as the standing
 * committee above the grassroots (Party format, series "ĐUK") and an enterprise under it records
 * its director (State format). Each registers who signs. The committee's secretariat tries to
 * grant an enterprise worker's advanced-worker title and is refused: the director grants it. The
 * enterprise announces it, numbered in State style, its deputy director signing "KT. GIÁM ĐỐC";
 * the committee announces a Party member's five-year certificate of merit, numbered "n-QĐ/ĐUK",
 * signed "T/M BAN THƯỜNG VỤ", and the certificate carries the Party heading. A unit that records
 * no authority keeps issuing as before (State format, its code).
 */
describe.each(DIALECTS)('issuing authorities and signers (%s)', (dialect) => {
  let t: TestApp;
  let tokens: StoryTokens;
  let committee: { id: string; code: string };
  let enterprise: { id: string; code: string };
  let elsewhere: { id: string; code: string };
  let committeeSecretariat: string;
  let enterpriseSecretariat: string;
  let elsewhereSecretariat: string;
  let auditor: string;
  let leader: string;
  let secretary: { id: string };
  let director: { id: string };
  let deputy: { id: string };
  let delegated: { id: string };
  let worker: { id: string };
  let member: { id: string };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const [orgLeader, orgSecretariat, chair] = await t.tokensFor(
      'unit_leader',
      'secretariat',
      'council_chair',
    );
    tokens = { leader: orgLeader, secretariat: orgSecretariat, chair };
    committee = await t.createUnit('Đảng ủy Khối Doanh nghiệp tỉnh', 'party_committee');
    enterprise = await t.createUnit('Công ty Điện lực tỉnh', 'enterprise', committee.id);
    elsewhere = await t.createUnit('Công ty khác', 'enterprise');
    committeeSecretariat = (await t.userWithGrants([{ role: 'secretariat', unitId: committee.id }]))
      .token;
    enterpriseSecretariat = (
      await t.userWithGrants([{ role: 'secretariat', unitId: enterprise.id }])
    ).token;
    elsewhereSecretariat = (await t.userWithGrants([{ role: 'secretariat', unitId: elsewhere.id }]))
      .token;
    auditor = (await t.userWithGrants([{ role: 'auditor', unitId: committee.id }])).token;
    leader = (await t.userWithGrants([{ role: 'unit_leader', unitId: committee.id }])).token;
    worker = await t.createPerson('Nguyễn Văn Công', enterprise.id);
    // A Party member of the committee's own staff: the committee grants her Party award itself.
    member = await t.createPerson('Lê Thị Đảng', committee.id);
  });
  afterAll(() => t.close());

  const put = (token: string, unitId: string, body: object) =>
    t.http.put(`/api/v1/units/${unitId}/authorities`).auth(token, { type: 'bearer' }).send(body);
  const addSigner = (unitId: string, body: object) =>
    t.postAs(t.adminToken, `/api/v1/units/${unitId}/signers`).send(body);

  test('an admin records the authorities a unit acts as, with its format and series', async () => {
    const party = await put(t.adminToken, committee.id, {
      authorities: [{ code: 'superior_party_standing_committee', seriesCode: 'ĐUK' }],
    });
    expect(party.status).toBe(200);
    expect(party.body).toMatchObject({
      unitId: committee.id,
      format: 'party',
      authorities: [
        {
          code: 'superior_party_standing_committee',
          format: 'party',
          signing: 'collective',
          seriesCode: 'ĐUK',
          active: true,
        },
      ],
    });
    expect(party.body.available.map((a: { code: string }) => a.code)).toContain(
      'enterprise_director',
    );
    const state = await put(t.adminToken, enterprise.id, {
      authorities: [{ code: 'enterprise_director' }],
    });
    expect(state.status).toBe(200);
    expect(state.body).toMatchObject({
      format: 'state',
      authorities: [{ code: 'enterprise_director', seriesCode: enterprise.code, active: true }],
    });

    const read = await t.getAs(committeeSecretariat, `/api/v1/units/${enterprise.id}/authorities`);
    expect(read.status).toBe(200);
    expect(read.body.authorities[0].name.vi).toMatch(/Giám đốc/);
    expect((await t.getAs(auditor, `/api/v1/units/${committee.id}/authorities`)).status).toBe(200);

    const changes = await t.getAs(t.adminToken, `/api/v1/units/${committee.id}/changes`);
    expect(changes.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'authorities',
          after: { authorities: [{ code: 'superior_party_standing_committee', series: 'ĐUK' }] },
        }),
      ]),
    );
  });

  test('a bad code, two formats on one unit, a stranger or a reader: refused', async () => {
    const unknown = await put(t.adminToken, committee.id, {
      authorities: [{ code: 'khong_co_tham_quyen_nay' }],
    });
    expectProblem(unknown, 422, 'AUTHORITY.UNKNOWN_CODE');
    expect(unknown.body.detailVi).toMatch(/không có thẩm quyền "khong_co_tham_quyen_nay"/);
    const mixed = await put(t.adminToken, committee.id, {
      authorities: [{ code: 'superior_party_standing_committee' }, { code: 'enterprise_director' }],
    });
    expectProblem(mixed, 422, 'AUTHORITY.MIXED_FORMATS');
    expect(mixed.body.detailVi).toMatch(/một thể thức/);
    expectProblem(
      await put(t.adminToken, committee.id, {
        authorities: [{ code: 'party_cell' }, { code: 'party_cell' }],
      }),
      422,
      'AUTHORITY.DUPLICATE',
    );
    expectProblem(
      await put(t.adminToken, committee.id, { authorities: [], extra: true }),
      400,
      'VALIDATION.FAILED',
    );
    expectProblem(
      await put(t.adminToken, committee.id, {
        authorities: [{ code: 'party_cell', seriesCode: 'A/B' }],
      }),
      400,
      'VALIDATION.FAILED',
    );
    // Left out, the series is the unit's code, unless that code cannot be one: then it is asked
    // for by name rather than stored as a series the decision numbers cannot carry.
    const underscored = await t
      .postAs(t.adminToken, '/api/v1/units')
      .send({
        code: 'CHI_BO_MA_DAI',
        name: 'Chi bộ mã dài',
        kind: 'party_cell',
        parentId: committee.id,
      })
      .expect(201);
    const asked = await put(t.adminToken, underscored.body.id, {
      authorities: [{ code: 'party_cell' }],
    });
    expectProblem(asked, 400, 'AUTHORITY.SERIES_CODE_REQUIRED');
    expect(asked.body.errors[0].field).toBe('authorities[0].seriesCode');
    const named = await put(t.adminToken, underscored.body.id, {
      authorities: [{ code: 'party_cell', seriesCode: 'CB-MD' }],
    });
    expect(named.status).toBe(200);
    expectProblem(
      await put(committeeSecretariat, committee.id, { authorities: [] }),
      403,
      'AUTH.FORBIDDEN',
    );
    expectProblem(
      await t.getAs(elsewhereSecretariat, `/api/v1/units/${committee.id}/authorities`),
      404,
      'UNIT.NOT_FOUND',
    );
    expectProblem(
      await t.getAs(leader, `/api/v1/units/${committee.id}/authorities`),
      403,
      'AUTH.FORBIDDEN',
    );
    // Nothing changed.
    const read = await t.getAs(t.adminToken, `/api/v1/units/${committee.id}/authorities`);
    expect(read.body.authorities).toHaveLength(1);
  });

  test('two admins set a unit’s authorities at once: it ends with one of the two, one format', async () => {
    const unit = await t.createUnit('Đơn vị hai quản trị', 'enterprise');
    const party = {
      authorities: [{ code: 'superior_party_standing_committee', seriesCode: 'HQT' }],
    };
    const state = { authorities: [{ code: 'enterprise_director', seriesCode: 'HQT' }] };
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all([
        put(t.adminToken, unit.id, round % 2 ? party : state),
        put(t.adminToken, unit.id, round % 2 ? state : party),
      ]);
      expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      const read = await t.getAs(t.adminToken, `/api/v1/units/${unit.id}/authorities`);
      const active = (read.body.authorities as { code: string; active: boolean }[])
        .filter((row) => row.active)
        .map((row) => row.code);
      expect([['superior_party_standing_committee'], ['enterprise_director']]).toContainEqual(
        active,
      );
    }
  });

  test('signers: T/M for a body; the head, KT. or Q. for a head; refused otherwise', async () => {
    const tm = await addSigner(committee.id, {
      fullName: 'Trần Xuân Lâm',
      position: { vi: 'Bí thư', en: 'Secretary' },
      authorityCode: 'superior_party_standing_committee',
      capacity: 'T/M',
    });
    expect(tm.status).toBe(201);
    expect(tm.body).toMatchObject({
      fullName: 'Trần Xuân Lâm',
      capacity: 'T/M',
      titleLines: ['T/M BAN THƯỜNG VỤ', 'BÍ THƯ'],
      active: true,
    });
    secretary = tm.body;
    const inPerson = await addSigner(committee.id, {
      fullName: 'Trần Xuân Lâm',
      position: { vi: 'Bí thư', en: 'Secretary' },
      authorityCode: 'superior_party_standing_committee',
      capacity: null,
    });
    expectProblem(inPerson, 422, 'SIGNER.CAPACITY_NOT_ALLOWED');
    expect(inPerson.body.detailVi).toMatch(/T\/M/);
    expectProblem(
      await addSigner(committee.id, {
        fullName: 'Trần Xuân Lâm',
        position: { vi: 'Bí thư', en: 'Secretary' },
        authorityCode: 'enterprise_director',
        capacity: null,
      }),
      422,
      'SIGNER.AUTHORITY_NOT_RECORDED',
    );

    const head = await addSigner(enterprise.id, {
      fullName: 'Phạm Minh Đức',
      position: { vi: 'Giám đốc', en: 'Director' },
      authorityCode: 'enterprise_director',
      capacity: null,
    });
    expect(head.status).toBe(201);
    expect(head.body.titleLines).toEqual(['GIÁM ĐỐC']);
    director = head.body;
    const kt = await addSigner(enterprise.id, {
      personId: worker.id,
      position: { vi: 'Phó Giám đốc', en: 'Deputy director' },
      authorityCode: 'enterprise_director',
      capacity: 'KT.',
    });
    expect(kt.status).toBe(201);
    expect(kt.body).toMatchObject({
      fullName: 'Nguyễn Văn Công',
      titleLines: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'],
    });
    deputy = kt.body;
    // Delegated signing is registered (for administrative papers) but never signs an award.
    const tl = await addSigner(enterprise.id, {
      fullName: 'Võ Thị Văn',
      position: { vi: 'Chánh Văn phòng', en: 'Chief of office' },
      authorityCode: 'enterprise_director',
      capacity: 'TL.',
    });
    expect(tl.status).toBe(201);
    delegated = tl.body;
    expectProblem(
      await addSigner(enterprise.id, {
        fullName: 'Võ Thị Văn',
        position: { vi: 'Giám đốc', en: 'Director' },
        authorityCode: 'enterprise_director',
        capacity: 'T/M',
      }),
      422,
      'SIGNER.CAPACITY_NOT_ALLOWED',
    );
    expectProblem(
      await addSigner(enterprise.id, {
        position: { vi: 'Giám đốc', en: 'Director' },
        authorityCode: 'enterprise_director',
        capacity: null,
      }),
      422,
      'SIGNER.NAME_REQUIRED',
    );
    // Without a position, or with a list for one: said, not a 500.
    for (const position of [undefined, [], [1], 'Giám đốc']) {
      const refused = await addSigner(enterprise.id, {
        fullName: 'Võ Thị Văn',
        ...(position === undefined ? {} : { position }),
        authorityCode: 'enterprise_director',
        capacity: null,
      });
      expectProblem(refused, 400, 'VALIDATION.FAILED');
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['position']);
    }
    // A head signing in their own name prints no capacity line: a body named for it is refused.
    const unused = await addSigner(enterprise.id, {
      fullName: 'Võ Thị Văn',
      position: { vi: 'Giám đốc', en: 'Director' },
      authorityCode: 'enterprise_director',
      capacity: null,
      onBehalfOf: 'BAN GIÁM ĐỐC',
    });
    expectProblem(unused, 422, 'SIGNER.ON_BEHALF_OF_UNUSED');
    expect(unused.body.errors).toEqual([
      expect.objectContaining({
        field: 'onBehalfOf',
        messagesVi: [expect.stringMatching(/ký thay/)],
      }),
    ]);
    expectProblem(
      await t.postAs(committeeSecretariat, `/api/v1/units/${enterprise.id}/signers`).send({
        fullName: 'X',
        position: { vi: 'Giám đốc', en: 'Director' },
        authorityCode: 'enterprise_director',
        capacity: null,
      }),
      403,
      'AUTH.FORBIDDEN',
    );

    const listed = await t.getAs(enterpriseSecretariat, `/api/v1/units/${enterprise.id}/signers`);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(3);
    expectProblem(
      await t.getAs(elsewhereSecretariat, `/api/v1/units/${enterprise.id}/signers`),
      404,
      'UNIT.NOT_FOUND',
    );
  });

  test('a signer ended can be reopened; an unknown one is missing', async () => {
    const patch = (id: string, body: object) =>
      t.http.patch(`/api/v1/signers/${id}`).auth(t.adminToken, { type: 'bearer' }).send(body);
    const ended = await patch(director.id, { active: false });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ active: false, endedAt: expect.any(String) });
    const reopened = await patch(director.id, { active: true });
    expect(reopened.body).toMatchObject({ active: true, endedAt: null });
    expectProblem(
      await patch('00000000-0000-4000-8000-000000000000', { active: false }),
      404,
      'SIGNER.NOT_FOUND',
    );
    expectProblem(await patch(director.id, { active: 'no' }), 400, 'VALIDATION.FAILED');
  });

  test('the committee may not grant a worker’s title; the enterprise grants it, State style', async () => {
    const caseId = await openNomination(t, tokens.leader, worker.id, 'lao_dong_tien_tien');
    await t.attachDossier(tokens.leader, caseId, FULL_DOSSIER);
    await approve(t, tokens, caseId);
    const judged = await recordedEligibility(t, tokens.secretariat, caseId);
    expect(judged.eventType).toBe('APPROVE');
    const grantor = judged.lines.find((l) => l.rule === 'grantor.authority');
    expect(grantor).toMatchObject({ outcome: 'pass', details: { route: 'own' } });

    const decision = (extra: object = {}) => ({
      decision: { date: todayInVietnam(), signer: 'Phạm Minh Đức', ...extra },
    });
    const refused = await t.sendEvent(committeeSecretariat, caseId, 'ANNOUNCE', decision());
    expectProblem(refused, 422, 'DECISION.NOT_COMPETENT');
    expect(refused.body.detailVi).toMatch(/Giám đốc/);
    expect(refused.body.detailVi).toMatch(/Công ty Điện lực tỉnh/);
    expect(refused.body.detail).toMatch(/must be proposed to that level/);

    for (const [signerId, code] of [
      [delegated.id, 'DECISION.SIGNER_NOT_ALLOWED'],
      [secretary.id, 'DECISION.SIGNER_NOT_ALLOWED'],
    ] as const) {
      expectProblem(
        await t.sendEvent(enterpriseSecretariat, caseId, 'ANNOUNCE', decision({ signerId })),
        422,
        code,
      );
    }
    // The certificate prints the registered signer's name: another name beside it is refused.
    const misnamed = await t.sendEvent(
      enterpriseSecretariat,
      caseId,
      'ANNOUNCE',
      decision({ signerId: deputy.id }),
    );
    expectProblem(misnamed, 422, 'DECISION.SIGNER_MISMATCH');
    expect(misnamed.body.detailVi).toContain('Nguyễn Văn Công');
    expect(misnamed.body.errors).toEqual([expect.objectContaining({ field: 'decision.signer' })]);
    const announced = await t.sendEvent(
      enterpriseSecretariat,
      caseId,
      'ANNOUNCE',
      decision({ signer: 'Nguyễn Văn Công, Phó Giám đốc', signerId: deputy.id }),
    );
    expect(announced.status).toBe(200);
    expect(announced.body.state).toBe('announced');
    const recorded = announced.body.context.decision;
    expect(recorded.number).toMatch(new RegExp(`^\\d+/QĐ-${enterprise.code}$`));
    expect(recorded.authority).toEqual({
      code: 'enterprise_director',
      format: 'state',
      series: enterprise.code,
    });
    expect(recorded.signedBy).toMatchObject({ id: deputy.id, capacity: 'KT.' });

    const pdf = await t
      .getAs(enterpriseSecretariat, `/api/v1/cases/${caseId}/certificate`)
      .buffer(true)
      .parse(binary);
    expect(pdf.status).toBe(200);
    const text = readPdf(pdf.body as Buffer).lines.join('\n');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).not.toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(text).toContain('KT. GIÁM ĐỐC');
    expect(text).toContain('PHÓ GIÁM ĐỐC');
  });

  test('a keyed ANNOUNCE repeated after its signer left office answers as it did, applying nothing', async () => {
    const colleague = await t.createPerson('Lương Thị Mai', enterprise.id);
    const caseId = await openNomination(t, tokens.leader, colleague.id, 'lao_dong_tien_tien');
    await t.attachDossier(tokens.leader, caseId, FULL_DOSSIER);
    await approve(t, tokens, caseId);
    const announce = () =>
      t.sendEvent(
        enterpriseSecretariat,
        caseId,
        'ANNOUNCE',
        {
          decision: {
            date: todayInVietnam(),
            signer: 'Nguyễn Văn Công, Phó Giám đốc',
            signerId: deputy.id,
          },
        },
        { idempotencyKey: 'announce-once' },
      );
    const first = await announce();
    expect(first.status).toBe(200);
    const patch = (body: object) =>
      t.http
        .patch(`/api/v1/signers/${deputy.id}`)
        .auth(t.adminToken, { type: 'bearer' })
        .send(body);
    expect((await patch({ active: false })).status).toBe(200);
    try {
      const repeat = await announce();
      expect(repeat.status).toBe(200);
      expect(repeat.headers['idempotency-replayed']).toBe('true');
      expect(repeat.body).toEqual(first.body);
      // A new request naming that signer is refused.
      expectProblem(
        await t.sendEvent(enterpriseSecretariat, caseId, 'ANNOUNCE', {
          decision: { date: todayInVietnam(), signer: 'Nguyễn Văn Công', signerId: deputy.id },
        }),
        422,
        'DECISION.SIGNER_NOT_ALLOWED',
      );
      expect((await t.getCase(enterpriseSecretariat, caseId)).body.version).toBe(
        first.body.version,
      );
    } finally {
      expect((await patch({ active: true })).status).toBe(200);
    }
  });

  test('the committee grants a Party award, Party style, signed T/M BAN THƯỜNG VỤ', async () => {
    const caseId = await openNomination(t, tokens.leader, member.id, 'giay_khen_dang_vien_5_nam');
    await t.attachDossier(tokens.leader, caseId, ['to_trinh', 'bao_cao_thanh_tich']);
    await approve(t, tokens, caseId);
    const answer = await t.postAs(committeeSecretariat, '/api/v1/decisions').send({
      caseIds: [caseId],
      decision: { date: todayInVietnam(), signer: 'Trần Xuân Lâm', signerId: secretary.id },
    });
    expect(answer.status).toBe(201);
    expect(answer.body.decision.number).toMatch(/^\d+-QĐ\/ĐUK$/);
    expect(answer.body.decision.authority).toEqual({
      code: 'superior_party_standing_committee',
      format: 'party',
      series: 'ĐUK',
    });
    const read = await t.getCase(committeeSecretariat, caseId);
    expect(read.body.context.decision.signedBy).toMatchObject({
      titleLines: ['T/M BAN THƯỜNG VỤ', 'BÍ THƯ'],
    });

    const pdf = await t
      .getAs(committeeSecretariat, `/api/v1/cases/${caseId}/certificate`)
      .buffer(true)
      .parse(binary);
    expect(pdf.status).toBe(200);
    const text = readPdf(pdf.body as Buffer).lines.join('\n');
    expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(text).not.toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('T/M BAN THƯỜNG VỤ');
    expect(text).toContain('Trần Xuân Lâm');
    expect(text).toMatch(/\d+-QĐ\/ĐUK/);
  });

  test('a unit that records no authority issues as before: State style, its code', async () => {
    const unit = await t.createUnit('Văn phòng chưa khai báo thẩm quyền', 'office');
    const person = await t.createPerson('Đỗ Văn Cũ', unit.id);
    const caseId = await announcedAward(t, tokens, person.id, 'lao_dong_tien_tien', LAST_YEAR);
    const read = await t.getCase(tokens.secretariat, caseId);
    expect(read.body.context.decision.number).toMatch(new RegExp(`^\\d+/QĐ-${unit.code}$`));
    expect(read.body.context.decision.authority).toBeUndefined();
  });
});
