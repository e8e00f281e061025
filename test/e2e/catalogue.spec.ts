import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLES, type Role } from '../../src/domain/roles';
import type { RuleSet } from '../../src/domain/rules/rule-set';
import { ruleSetHash } from '../../src/domain/rules/rule-set-catalogue';
import { DIALECTS } from '../support/databases';
import { PROBLEM_JSON, expectProblem, startTestApp, type TestApp } from '../support/test-app';

/**
 * Story: before nominating anyone, a unit leader looks up which awards exist, who grants them and
 * on what legal basis. Every signed-in user reads the published rule sets and the current award
 * catalogue, with the Vietnamese names exactly as written and every value's source and confirmed
 * flag; an unknown rule set or version is a 404 problem, a stranger gets nothing.
 */

const ID = 'vn-law-06-2022-decree-152-2025';
const PATH = `/api/v1/rulesets/${ID}/versions/1`;

function shippedV1(): RuleSet {
  const text = readFileSync(join(__dirname, `../../data/rulesets/${ID}.v1.json`), 'utf8');
  return JSON.parse(text) as RuleSet;
}

describe.each(DIALECTS)('the award catalogue and rule sets (%s)', (dialect) => {
  let t: TestApp;
  const tokens = {} as Record<Role, string>;
  let leader: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    tokens.admin = t.adminToken;
    for (const role of ROLES) {
      if (role !== 'admin') tokens[role] = (await t.userWith(role)).token;
    }
    leader = tokens.unit_leader;
  });
  afterAll(() => t.close());

  test('every signed-in role reads the rule sets and the awards', async () => {
    const answers: string[] = [];
    for (const role of ROLES) {
      for (const path of ['/api/v1/rulesets', PATH, '/api/v1/awards']) {
        answers.push(`${role} ${path} ${(await t.getAs(tokens[role], path)).status}`);
      }
    }
    expect(answers).toEqual(answers.map((line) => line.replace(/\d+$/, '200')));
  });

  test('lists the default rule set with its content hash and start date', async () => {
    const response = await t.getAs(leader, '/api/v1/rulesets');
    expect(response.status).toBe(200);
    const shipped = shippedV1();
    expect(response.body.items).toContainEqual({
      id: ID,
      version: 1,
      hash: ruleSetHash(shipped),
      validFrom: '2025-07-01',
      title: {
        vi: 'Luật Thi đua, khen thưởng 2022 và Nghị định số 152/2025/NĐ-CP',
        en: 'Law on Emulation and Commendation 2022 and Decree 152/2025',
      },
    });
  });

  test('serves the whole rule set as published, with sources and confirmed flags', async () => {
    const response = await t.getAs(leader, PATH);
    expect(response.status).toBe(200);
    const shipped = shippedV1();
    delete shipped.$schema;
    expect(response.body).toEqual({ ...shipped, hash: ruleSetHash(shippedV1()) });

    const national = response.body.awards.find(
      (award: { code: string }) => award.code === 'chien_si_thi_dua_toan_quoc',
    );
    expect(national.name).toEqual({
      vi: 'Chiến sĩ thi đua toàn quốc',
      en: 'National emulation fighter',
    });
    expect(national.prerequisites[0]).toMatchObject({
      award: 'chien_si_thi_dua_bo_tinh',
      consecutiveTimes: 2,
      source: [{ text: 'law_06_2022', provision: 'Art 21', refs: [5, 6] }],
      confirmed: true,
    });
    expect(national.councilVote).toMatchObject({ ratio: 0.9, confirmed: false });
    expect(national.councilVote.note.vi).toMatch(/^CHƯA XÁC NHẬN: /);
    const partyMember = response.body.discipline.subjects.find(
      (subject: { code: string }) => subject.code === 'party_member',
    );
    expect(partyMember.name.vi).toBe('Đảng viên chính thức');
    expect(response.body.complianceCriteria[0].name.vi).toBe(
      'Tuân thủ, chấp hành pháp luật về trật tự, an toàn giao thông',
    );
  });

  test('lists the awards in force today with Vietnamese and English names', async () => {
    const response = await t.getAs(leader, '/api/v1/awards');
    expect(response.status).toBe(200);
    expect(response.body.ruleSet).toMatchObject({ id: ID, version: 5, validFrom: '2025-07-01' });
    const names = Object.fromEntries(
      response.body.items.map((item: { code: string; name: { vi: string } }) => [
        item.code,
        item.name.vi,
      ]),
    );
    expect(names).toMatchObject({
      lao_dong_tien_tien: 'Lao động tiên tiến',
      chien_si_thi_dua_co_so: 'Chiến sĩ thi đua cơ sở',
      chien_si_thi_dua_bo_tinh: 'Chiến sĩ thi đua bộ, ban, ngành, tỉnh',
      chien_si_thi_dua_toan_quoc: 'Chiến sĩ thi đua toàn quốc',
      tap_the_lao_dong_tien_tien: 'Tập thể lao động tiên tiến',
      tap_the_lao_dong_xuat_sac: 'Tập thể lao động xuất sắc',
      giay_khen: 'Giấy khen',
      bang_khen_bo_tinh: 'Bằng khen của bộ, ban, ngành, tỉnh',
      bang_khen_thu_tuong: 'Bằng khen của Thủ tướng Chính phủ',
    });
    const advanced = response.body.items.find(
      (item: { code: string }) => item.code === 'lao_dong_tien_tien',
    );
    expect(advanced).toEqual({
      code: 'lao_dong_tien_tien',
      name: { vi: 'Lao động tiên tiến', en: 'Advanced worker' },
      alsoCalled: [{ vi: 'Chiến sĩ tiên tiến', en: 'Advanced soldier' }],
      kind: 'title',
      subjects: ['individual'],
      nomineeKinds: ['person'],
      dossier: {
        documents: [
          { code: 'to_trinh', name: { vi: 'Tờ trình đề nghị khen thưởng', en: 'Proposal letter' } },
          {
            code: 'bao_cao_thanh_tich',
            name: { vi: 'Báo cáo thành tích', en: 'Achievement report' },
          },
          { code: 'bien_ban_binh_xet', name: expect.objectContaining({ vi: expect.any(String) }) },
        ],
        conditional: [],
      },
      publicNotice: { required: false, workingDays: null },
      grantor: {
        level: 'grassroots',
        authorities: [
          {
            code: 'unit_head',
            name: expect.objectContaining({ vi: expect.stringMatching(/^Thủ trưởng cơ quan/) }),
          },
          { code: 'enterprise_director', name: expect.any(Object) },
          {
            code: 'commune_chair',
            name: {
              vi: 'Chủ tịch Ủy ban nhân dân cấp xã',
              en: "Chair of the commune People's Committee",
            },
          },
        ],
        confirmed: true,
      },
    });
  });

  test('each award says whom it is for and which dossier documents it requires, by name', async () => {
    const response = await t.getAs(leader, '/api/v1/awards');
    const shipped = shippedV1();
    const documentNames = new Map(shipped.documents.map((d) => [d.code, d.name]));
    for (const award of shipped.awards) {
      const item = response.body.items.find((i: { code: string }) => i.code === award.code);
      expect(item.nomineeKinds).toEqual(
        award.subjects.map((s) => (s === 'individual' ? 'person' : 'unit')),
      );
      expect(item.dossier.documents).toEqual(
        award.dossier.documents.map((code) => ({ code, name: documentNames.get(code) })),
      );
      expect(item.dossier.conditional).toEqual(
        (award.dossier.conditional ?? []).map((c) => ({
          code: c.document,
          name: documentNames.get(c.document),
          when: c.when,
        })),
      );
    }
    const both = response.body.items.find((i: { code: string }) => i.code === 'giay_khen');
    expect(both.nomineeKinds).toEqual(['person', 'unit']);
    expect(both.dossier.conditional[0]).toMatchObject({
      code: 'xac_nhan_thanh_tich_dac_biet',
      when: { vi: 'khi đề nghị dựa trên thành tích đặc biệt' },
    });
    const national = response.body.items.find(
      (i: { code: string }) => i.code === 'chien_si_thi_dua_toan_quoc',
    );
    expect(national.publicNotice).toEqual({ required: true, workingDays: expect.any(Number) });
  });

  test('lists the awards in force on a given day, and none before the first rule set', async () => {
    const onStart = await t.getAs(leader, '/api/v1/awards?asOf=2025-07-01');
    expect(onStart.status).toBe(200);
    expect(onStart.body.ruleSet.id).toBe(ID);

    const before = await t.getAs(leader, '/api/v1/awards?asOf=2025-06-30');
    expectProblem(before, 404, 'RULESET.NOT_FOUND');
    expect(before.body.asOf).toBe('2025-06-30');

    for (const asOf of ['2025-02-30', '30/06/2025', 'today']) {
      expectProblem(
        await t.getAs(leader, `/api/v1/awards?asOf=${encodeURIComponent(asOf)}`),
        400,
        'VALIDATION.FAILED',
      );
    }
  });

  test('an unknown rule set or version is a 404 problem', async () => {
    for (const path of [
      `/api/v1/rulesets/${ID}/versions/99`,
      '/api/v1/rulesets/vn-law-15-2003/versions/1',
    ]) {
      const response = await t.getAs(leader, path);
      expectProblem(response, 404, 'RULESET.NOT_FOUND');
      expect(response.body.detail).toMatch(/No rule set/);
    }
    for (const version of ['one', '0']) {
      const notAVersion = await t.getAs(leader, `/api/v1/rulesets/${ID}/versions/${version}`);
      expectProblem(notAVersion, 400, 'VALIDATION.FAILED');
      expect(notAVersion.body.errors.map((error: { field: string }) => error.field)).toEqual([
        'version',
      ]);
    }
  });

  test('a caller without a token gets 401', async () => {
    for (const path of ['/api/v1/rulesets', PATH, '/api/v1/awards']) {
      const response = await t.http.get(path);
      expect({ path, status: response.status, code: response.body.code }).toEqual({
        path,
        status: 401,
        code: 'AUTH.UNAUTHENTICATED',
      });
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    }
  });
});
