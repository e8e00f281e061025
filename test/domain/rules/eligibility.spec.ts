import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleSet } from '../../../src/domain/rules/rule-set';
import { RuleSetCatalogue, ruleSetHash } from '../../../src/domain/rules/rule-set-catalogue';
import {
  evaluateEligibility,
  UnknownAwardError,
  type EligibilityFacts,
  type EligibilityLine,
  type EligibilityRequest,
  type MemberFacts,
} from '../../../src/domain/rules/eligibility';

/*
 * One story per rule, against the shipped rule set. Every number in the expectations below is the
 * shipped rule set's; the last block edits copies of it to show that the code reads them.
 */

const FILE = 'vn-law-06-2022-decree-152-2025.v1.json';
const loaded = RuleSetCatalogue.load([
  {
    source: join(__dirname, '../../../data/rulesets', FILE),
    text: readFileSync(join(__dirname, '../../../data/rulesets', FILE), 'utf8'),
  },
]).get('vn-law-06-2022-decree-152-2025', 1);
const shipped = loaded.ruleSet;
const copy = (): RuleSet => structuredClone(shipped);

const YEAR = 2026;
const AS_OF = '2027-01-15';
const FULL_DOSSIER = ['to_trinh', 'bao_cao_thanh_tich', 'bien_ban_binh_xet'];

function request(overrides: Partial<EligibilityRequest> = {}): EligibilityRequest {
  return {
    awardCode: 'lao_dong_tien_tien',
    evaluationYear: YEAR,
    nomineeKind: 'person',
    nominatorPersonId: 'p-head',
    nomineePersonId: 'p-nominee',
    nominatingUnit: { kind: 'agency_unit', level: 'grassroots' },
    documents: FULL_DOSSIER,
    asOf: AS_OF,
    caseId: 'C-this',
    ...overrides,
  };
}

function facts(overrides: Partial<EligibilityFacts> = {}): EligibilityFacts {
  return {
    awardsHeld: [],
    disciplines: [],
    pendingMatters: [],
    trafficViolations: [],
    otherNominations: [],
    taskRatings: [{ year: YEAR, rating: 'hoan_thanh_tot' }],
    achievements: [],
    serviceStartedOn: '2020-02-01',
    ...overrides,
  };
}

const granted = (awardCode: string, year: number, source: 'case' | 'import' = 'case') => ({
  awardCode,
  year,
  status: 'granted' as const,
  source,
});

function member(id: string, holdsAdvancedWorker: boolean, extra: Partial<MemberFacts> = {}) {
  return {
    personId: id,
    awardsHeld: holdsAdvancedWorker ? [granted('lao_dong_tien_tien', YEAR)] : [],
    disciplines: [],
    taskRating: 'hoan_thanh_tot',
    ...extra,
  };
}
const members = (holders: number, total: number): MemberFacts[] =>
  Array.from({ length: total }, (_, i) => member(`m-${i + 1}`, i < holders));

const unitRequest = (awardCode: string) =>
  request({ awardCode, nomineeKind: 'unit', nomineePersonId: undefined });

function line(lines: EligibilityLine[], rule: string): EligibilityLine {
  const found = lines.find((l) => l.rule === rule);
  if (found === undefined) throw new Error(`no line ${rule} in ${lines.map((l) => l.rule)}`);
  return found;
}

describe('evaluateEligibility: eligible paths', () => {
  it('an advanced worker (individual title) is eligible, every rule on its own line', () => {
    const result = evaluateEligibility(loaded, request(), facts());
    expect(result.outcome).toBe('eligible');
    expect(result.lines.map((l) => [l.rule, l.outcome])).toEqual([
      ['award.subject_kind', 'pass'],
      ['on_hold.pending_matter', 'pass'],
      ['discipline.in_force', 'pass'],
      ['prerequisite.rating.hoan_thanh_tot', 'pass'],
      ['prerequisite.min_service_months', 'pass'],
      ['one_achievement_one_award', 'pass'],
      ['dossier.complete', 'pass'],
      ['nominator.not_nominee', 'pass'],
      ['grantor.level', 'pass'],
      ['compliance.traffic_law_compliance', 'pass'],
    ]);
    expect(result.ruleSet).toEqual({ id: shipped.id, version: 1, hash: loaded.hash });
    expect(line(result.lines, 'prerequisite.rating.hoan_thanh_tot')).toMatchObject({
      reason: {
        vi: 'Xếp loại từ mức hoàn thành tốt nhiệm vụ trở lên năm 2026',
        en: 'Rated "good task completion" or better for 2026',
      },
      source: [{ text: 'law_06_2022', provision: 'Art 24' }].map((s) => expect.objectContaining(s)),
    });
  });

  it('a plain RuleSet gives the same hash as the loaded one', () => {
    expect(evaluateEligibility(shipped, request(), facts()).ruleSet.hash).toBe(
      ruleSetHash(shipped),
    );
    expect(ruleSetHash(shipped)).toBe(loaded.hash);
  });

  it('a grassroots emulation fighter is eligible through the excellent-rating route', () => {
    const result = evaluateEligibility(
      loaded,
      request({ awardCode: 'chien_si_thi_dua_co_so' }),
      facts({ taskRatings: [{ year: YEAR, rating: 'hoan_thanh_xuat_sac' }] }),
    );
    expect(result.outcome).toBe('eligible');
    expect(line(result.lines, 'prerequisite.meets_standard.lao_dong_tien_tien').outcome).toBe(
      'pass',
    );
    expect(line(result.lines, 'route')).toMatchObject({
      outcome: 'pass',
      details: { routes: expect.arrayContaining([{ code: 'xuat_sac', outcome: 'pass' }]) },
    });
  });

  it('a grassroots emulation fighter rated only "good" with no initiative meets no route', () => {
    const result = evaluateEligibility(
      loaded,
      request({ awardCode: 'chien_si_thi_dua_co_so' }),
      facts(),
    );
    expect(result.outcome).toBe('ineligible');
    expect(line(result.lines, 'route').outcome).toBe('fail');
    expect(line(result.lines, 'route').reason.en).toMatch(/^Meets none of the routes: /);
  });

  it('an advanced labour collective is eligible', () => {
    const result = evaluateEligibility(
      loaded,
      unitRequest('tap_the_lao_dong_tien_tien'),
      facts({ serviceStartedOn: undefined, members: members(6, 10) }),
    );
    expect(result.outcome).toBe('eligible');
    expect(result.lines.map((l) => l.rule)).toEqual([
      'award.subject_kind',
      'on_hold.pending_matter',
      'discipline.in_force',
      'prerequisite.rating.hoan_thanh_tot',
      'member.share_holding.lao_dong_tien_tien',
      'member.no_discipline.canh_cao',
      'one_achievement_one_award',
      'dossier.complete',
      'nominator.not_nominee',
      'grantor.level',
      'compliance.traffic_law_compliance',
    ]);
  });
});

describe('overall outcome precedence', () => {
  it.each([
    ['nothing wrong', facts(), request(), 'eligible'],
    [
      'only a needs-review line',
      facts({ trafficViolations: [{ confirmedOn: '2026-03-01' }] }),
      request(),
      'needs_review',
    ],
    [
      'a failure beats a needs-review line',
      facts({ trafficViolations: [{ confirmedOn: '2026-03-01' }] }),
      request({ documents: [] }),
      'ineligible',
    ],
    [
      'on hold beats everything',
      facts({
        trafficViolations: [{ confirmedOn: '2026-03-01' }],
        pendingMatters: [{ kind: 'investigation', openedOn: '2026-12-01', reference: 'TT-1' }],
      }),
      request({ documents: [] }),
      'on_hold',
    ],
  ] as const)('%s', (_label, f, r, outcome) => {
    expect(evaluateEligibility(loaded, r, f).outcome).toBe(outcome);
  });
});

describe('on hold', () => {
  it.each([
    [
      'violation_case' as const,
      'Đang bị cơ quan có thẩm quyền xem xét thi hành kỷ luật',
      'Discipline is being considered by the competent body',
    ],
    [
      'investigation' as const,
      'Đang bị điều tra, thanh tra, kiểm tra khi có dấu hiệu vi phạm',
      'Under investigation, inspection or examination on signs of a violation',
    ],
    [
      'complaint' as const,
      'Đang xác minh đơn thư khiếu nại, tố cáo hoặc vụ việc tham nhũng, tiêu cực được báo chí nêu',
      'A complaint, a denunciation or press-reported corruption is being verified',
    ],
  ])('a pending %s holds the nomination, even over a failure', (kind, vi, en) => {
    const result = evaluateEligibility(
      loaded,
      request({ documents: [] }),
      facts({ pendingMatters: [{ kind, openedOn: '2026-11-02', reference: 'VV-7' }] }),
    );
    expect(result.outcome).toBe('on_hold');
    expect(line(result.lines, 'dossier.complete').outcome).toBe('fail');
    expect(line(result.lines, 'on_hold.pending_matter')).toMatchObject({
      outcome: 'on_hold',
      reason: {
        vi: `Tạm dừng xét khen thưởng: ${vi} (VV-7, từ 02/11/2026)`,
        en: `On hold: ${en} (VV-7, since 2026-11-02)`,
      },
      source: shipped.discipline.onHold.source,
    });
  });

  it('a matter opened after the evaluation date does not hold it yet', () => {
    const result = evaluateEligibility(
      loaded,
      request(),
      facts({ pendingMatters: [{ kind: 'complaint', openedOn: '2027-02-01', reference: 'K-1' }] }),
    );
    expect(result.outcome).toBe('eligible');
  });
});

describe('discipline (bar periods from the rule set)', () => {
  it.each([
    {
      story: 'a reprimand whose period ended before the evaluation year passes',
      discipline: {
        subjectType: 'civil_servant',
        form: 'khien_trach',
        decidedOn: '2024-10-01',
      },
      outcome: 'pass',
      en: 'No discipline in force during the evaluation year 2026: Reprimand (decision 2024-10-01), ended on 2025-10-01',
    },
    {
      story: 'a reprimand decided in the evaluation year fails, with its end date',
      discipline: {
        subjectType: 'civil_servant',
        form: 'khien_trach',
        decidedOn: '2026-03-12',
      },
      outcome: 'fail',
      vi: 'Bị kỷ luật khiển trách (quyết định 12/03/2026) còn hiệu lực đến 12/03/2027, trong năm đánh giá 2026; thành tích chỉ được tính từ khi hết thời hạn kỷ luật',
      en: 'Reprimand (decision 2026-03-12), in force until 2027-03-12, during the evaluation year 2026; achievements count only from the end of the discipline period',
    },
    {
      story: 'a warning from the previous year still in force in January fails',
      discipline: { subjectType: 'public_employee', form: 'canh_cao', decidedOn: '2025-06-01' },
      outcome: 'fail',
      en: 'Warning (decision 2025-06-01), in force until 2026-06-01, during the evaluation year 2026; achievements count only from the end of the discipline period',
    },
    {
      story: 'a Party discipline runs 12 months from its announcement',
      discipline: {
        subjectType: 'party_member',
        form: 'khien_trach',
        decidedOn: '2024-12-20',
        announcedOn: '2025-01-05',
        reference: '15-QĐ/ĐU',
      },
      outcome: 'fail',
      vi: 'Bị kỷ luật khiển trách (quyết định 15-QĐ/ĐU 20/12/2024, công bố 05/01/2025) còn hiệu lực đến 05/01/2026, trong năm đánh giá 2026; thành tích chỉ được tính từ khi hết thời hạn kỷ luật',
    },
    {
      story: 'a Party discipline without an announcement date needs review',
      discipline: { subjectType: 'party_member', form: 'canh_cao', decidedOn: '2024-12-20' },
      outcome: 'needs_review',
      en: 'The warning (decision 2024-12-20) runs from its announcement, whose date is not recorded',
    },
    {
      story: 'a recorded end date (lifted early) replaces the computed one',
      discipline: {
        subjectType: 'civil_servant',
        form: 'khien_trach',
        decidedOn: '2025-06-01',
        endsOn: '2025-12-01',
      },
      outcome: 'pass',
    },
    {
      story: 'an expulsion bars without end',
      discipline: { subjectType: 'party_member', form: 'khai_tru', decidedOn: '2019-05-01' },
      outcome: 'fail',
      en: 'Expulsion from the Party (decision 2019-05-01), with no end date, during the evaluation year 2026; achievements count only from the end of the discipline period',
    },
    {
      story: 'a discipline decided after the year but in force on the evaluation date fails',
      discipline: { subjectType: 'civil_servant', form: 'khien_trach', decidedOn: '2027-01-10' },
      outcome: 'fail',
      en: 'Reprimand (decision 2027-01-10), in force until 2028-01-10, still in force on the evaluation date 2027-01-15',
    },
    {
      story: 'a subject type the rule set does not know needs review',
      discipline: { subjectType: 'soldier', form: 'khien_trach', decidedOn: '2026-02-01' },
      outcome: 'needs_review',
      en: 'The rule set has no discipline subject "soldier" (reprimand, decision 2026-02-01)',
    },
  ])(
    '$story',
    ({
      discipline,
      outcome,
      vi,
      en,
    }: {
      discipline: EligibilityFacts['disciplines'][number];
      outcome: string;
      vi?: string;
      en?: string;
    }) => {
      const result = evaluateEligibility(loaded, request(), facts({ disciplines: [discipline] }));
      const l = line(result.lines, 'discipline.in_force');
      expect(l.outcome).toBe(outcome);
      if (vi !== undefined) expect(l.reason.vi).toBe(vi);
      if (en !== undefined) expect(l.reason.en).toBe(en);
      expect(result.outcome).toBe(
        outcome === 'pass' ? 'eligible' : outcome === 'fail' ? 'ineligible' : 'needs_review',
      );
    },
  );

  it('cites the rule of the form that applied and the after-discipline rule', () => {
    const result = evaluateEligibility(
      loaded,
      request(),
      facts({
        disciplines: [
          { subjectType: 'civil_servant', form: 'khien_trach', decidedOn: '2026-03-12' },
        ],
      }),
    );
    const texts = line(result.lines, 'discipline.in_force').source.map((s) => s.text);
    expect(texts).toEqual(expect.arrayContaining(['decree_152_2025', 'decree_98_2023']));
  });
});

describe('prerequisite titles in consecutive years', () => {
  const provincial = request({
    awardCode: 'chien_si_thi_dua_bo_tinh',
    nominatingUnit: { kind: 'department', level: 'ministry_province' },
    documents: [...FULL_DOSSIER, 'xac_nhan_sang_kien'],
  });
  const initiative = [
    {
      kind: 'initiative' as const,
      year: 2025,
      impact: 'ministry_province' as const,
      reference: 'SK-3',
    },
  ];
  const RULE = 'prerequisite.award_in_consecutive_years.chien_si_thi_dua_co_so';

  it('three consecutive grassroots titles and a provincial initiative: eligible', () => {
    const result = evaluateEligibility(
      loaded,
      provincial,
      facts({
        awardsHeld: [2024, 2025, 2026].map((y) => granted('chien_si_thi_dua_co_so', y)),
        achievements: initiative,
      }),
    );
    expect(result.outcome).toBe('eligible');
    expect(line(result.lines, RULE).reason).toEqual({
      vi: 'Đạt Chiến sĩ thi đua cơ sở 3 năm liên tục 2024–2026',
      en: 'Held Grassroots emulation fighter in each of the 3 consecutive years 2024–2026',
    });
  });

  it('imported historical awards count', () => {
    const result = evaluateEligibility(
      loaded,
      provincial,
      facts({
        awardsHeld: [
          granted('chien_si_thi_dua_co_so', 2024, 'import'),
          granted('chien_si_thi_dua_co_so', 2025, 'import'),
          granted('chien_si_thi_dua_co_so', 2026),
        ],
        achievements: initiative,
      }),
    );
    expect(line(result.lines, RULE)).toMatchObject({
      outcome: 'pass',
      details: { imported: [2024, 2025] },
    });
  });

  it('a revoked award breaks the chain', () => {
    const result = evaluateEligibility(
      loaded,
      provincial,
      facts({
        awardsHeld: [
          granted('chien_si_thi_dua_co_so', 2024),
          { ...granted('chien_si_thi_dua_co_so', 2025), status: 'revoked' },
          granted('chien_si_thi_dua_co_so', 2026),
        ],
        achievements: initiative,
      }),
    );
    expect(result.outcome).toBe('ineligible');
    expect(line(result.lines, RULE)).toMatchObject({
      outcome: 'fail',
      reason: {
        vi: 'Cần đạt Chiến sĩ thi đua cơ sở 3 năm liên tục 2024–2026; chưa đáp ứng: năm 2025 (đã bị thu hồi)',
        en: 'Requires Grassroots emulation fighter in each of the 3 consecutive years 2024–2026; not met: 2025 (revoked)',
      },
    });
  });

  it('achievements before the end of a discipline do not count', () => {
    const result = evaluateEligibility(
      loaded,
      provincial,
      facts({
        awardsHeld: [2024, 2025, 2026].map((y) => granted('chien_si_thi_dua_co_so', y)),
        achievements: initiative,
        disciplines: [
          { subjectType: 'civil_servant', form: 'khien_trach', decidedOn: '2024-03-12' },
        ],
      }),
    );
    expect(line(result.lines, 'discipline.in_force').outcome).toBe('pass');
    expect(line(result.lines, RULE)).toMatchObject({
      outcome: 'fail',
      reason: {
        en: 'Requires Grassroots emulation fighter in each of the 3 consecutive years 2024–2026; not met: 2024 (before the end of a discipline period, does not count), 2025 (before the end of a discipline period, does not count)',
      },
    });
    // The initiative of 2025 predates the end of the discipline too.
    expect(line(result.lines, 'prerequisite.achievement.initiative+science_work').outcome).toBe(
      'fail',
    );
  });

  it('a title of the evaluation year still awaiting its decision needs review', () => {
    const result = evaluateEligibility(
      loaded,
      provincial,
      facts({
        awardsHeld: [2024, 2025].map((y) => granted('chien_si_thi_dua_co_so', y)),
        otherNominations: [
          { awardCode: 'chien_si_thi_dua_co_so', year: 2026, state: 'open', caseId: 'C-5' },
        ],
        achievements: initiative,
      }),
    );
    expect(result.outcome).toBe('needs_review');
    expect(line(result.lines, RULE).reason.en).toMatch(/2026 \(still awaiting a decision\)$/);
  });

  it('the national title needs the provincial one twice in a row', () => {
    const provincialName = shipped.awards.find((a) => a.code === 'chien_si_thi_dua_bo_tinh')!.name
      .en;
    const national = request({
      awardCode: 'chien_si_thi_dua_toan_quoc',
      nominatingUnit: { kind: 'ministry', level: 'ministry_province' },
      documents: [...FULL_DOSSIER, 'xac_nhan_sang_kien'],
    });
    const national_initiative = [
      { kind: 'science_work' as const, year: YEAR, impact: 'national' as const },
    ];
    const twice = evaluateEligibility(
      loaded,
      national,
      facts({
        awardsHeld: [
          granted('chien_si_thi_dua_bo_tinh', 2023),
          granted('chien_si_thi_dua_bo_tinh', 2026),
        ],
        achievements: national_initiative,
      }),
    );
    expect(
      line(twice.lines, 'prerequisite.award_consecutive_times.chien_si_thi_dua_bo_tinh').outcome,
    ).toBe('pass');
    const once = evaluateEligibility(
      loaded,
      national,
      facts({
        awardsHeld: [
          { ...granted('chien_si_thi_dua_bo_tinh', 2023), status: 'revoked' },
          granted('chien_si_thi_dua_bo_tinh', 2026),
        ],
        achievements: national_initiative,
      }),
    );
    expect(
      line(once.lines, 'prerequisite.award_consecutive_times.chien_si_thi_dua_bo_tinh'),
    ).toMatchObject({
      outcome: 'fail',
      reason: {
        en: `Requires ${provincialName} 2 consecutive times; only 1 count; 2023 (revoked)`,
      },
    });
  });
});

describe('collective titles: member conditions', () => {
  it.each([
    // tap_the_lao_dong_tien_tien: share of advanced workers "gt" 0.5 in the shipped rule set
    [
      'tap_the_lao_dong_tien_tien',
      5,
      10,
      'fail',
      '5 of 10 members (50%) hold Advanced worker for 2026; more than 50% required',
    ],
    [
      'tap_the_lao_dong_tien_tien',
      6,
      10,
      'pass',
      '6 of 10 members (60%) hold Advanced worker for 2026; more than 50% required',
    ],
    // tap_the_lao_dong_xuat_sac: "gte" 0.7
    [
      'tap_the_lao_dong_xuat_sac',
      6,
      10,
      'fail',
      '6 of 10 members (60%) hold Advanced worker for 2026; at least 70% required',
    ],
    [
      'tap_the_lao_dong_xuat_sac',
      7,
      10,
      'pass',
      '7 of 10 members (70%) hold Advanced worker for 2026; at least 70% required',
    ],
  ])('%s with %i of %i advanced workers: %s', (award, holders, total, outcome, en) => {
    const result = evaluateEligibility(
      loaded,
      unitRequest(award),
      facts({ members: members(holders, total) }),
    );
    expect(line(result.lines, 'member.share_holding.lao_dong_tien_tien')).toMatchObject({
      outcome,
      reason: { en },
    });
  });

  it('a member with a warning in the year makes the collective ineligible; a reprimand does not', () => {
    const warned = members(8, 10);
    warned[2] = member('m-3', true, {
      disciplines: [{ subjectType: 'civil_servant', form: 'canh_cao', decidedOn: '2026-05-05' }],
    });
    const result = evaluateEligibility(
      loaded,
      unitRequest('tap_the_lao_dong_tien_tien'),
      facts({ members: warned }),
    );
    expect(result.outcome).toBe('ineligible');
    expect(line(result.lines, 'member.no_discipline.canh_cao')).toMatchObject({
      outcome: 'fail',
      reason: {
        vi: 'Có thành viên bị kỷ luật từ mức cảnh cáo trở lên năm 2026: thành viên m-3 bị kỷ luật cảnh cáo (quyết định 05/05/2026)',
        en: 'Members disciplined at warning level or above in 2026: member m-3: warning (decision 2026-05-05)',
      },
    });

    const reprimanded = members(8, 10);
    reprimanded[2] = member('m-3', true, {
      disciplines: [{ subjectType: 'civil_servant', form: 'khien_trach', decidedOn: '2026-05-05' }],
    });
    const ok = evaluateEligibility(
      loaded,
      unitRequest('tap_the_lao_dong_tien_tien'),
      facts({ members: reprimanded }),
    );
    expect(line(ok.lines, 'member.no_discipline.canh_cao').outcome).toBe('pass');
  });

  it('an excellent labour collective also needs every member rated and one grassroots fighter', () => {
    const list = members(8, 10);
    list[9] = member('m-10', false, { taskRating: 'khong_hoan_thanh' });
    const result = evaluateEligibility(
      loaded,
      request({
        awardCode: 'tap_the_lao_dong_xuat_sac',
        nomineeKind: 'unit',
        nomineePersonId: undefined,
        nominatingUnit: { kind: 'department', level: 'ministry_province' },
      }),
      facts({ members: list, taskRatings: [{ year: YEAR, rating: 'hoan_thanh_xuat_sac' }] }),
    );
    expect(line(result.lines, 'member.share_rated.hoan_thanh').outcome).toBe('fail');
    expect(line(result.lines, 'member.count_holding.chien_si_thi_dua_co_so')).toMatchObject({
      outcome: 'fail',
      reason: { en: '0 members hold Grassroots emulation fighter for 2026; at least 1 required' },
    });
  });

  it('without the members loaded, member conditions need review', () => {
    const result = evaluateEligibility(loaded, unitRequest('tap_the_lao_dong_tien_tien'), facts());
    expect(result.outcome).toBe('needs_review');
    expect(line(result.lines, 'member.share_holding.lao_dong_tien_tien').outcome).toBe(
      'needs_review',
    );
  });
});

describe('one achievement, one award', () => {
  const other = (state: 'open' | 'granted' | 'rejected' | 'withdrawn', caseId = 'C-2') => ({
    awardCode: 'lao_dong_tien_tien',
    year: YEAR,
    state,
    caseId,
  });
  it.each([
    [
      'an open one',
      other('open'),
      'fail',
      'One achievement, one award: Advanced worker for 2026 — another nomination is open (case C-2)',
    ],
    [
      'a granted one',
      other('granted'),
      'fail',
      'One achievement, one award: Advanced worker for 2026 — already granted (case C-2)',
    ],
    ['a rejected one', other('rejected'), 'pass', undefined],
    ['a withdrawn one', other('withdrawn'), 'pass', undefined],
    ['this very case', other('open', 'C-this'), 'pass', undefined],
    ['one for another year', { ...other('open'), year: 2025 }, 'pass', undefined],
    ['one for another award', { ...other('open'), awardCode: 'giay_khen' }, 'pass', undefined],
  ])('another nomination, %s: %s', (_label, nomination, outcome, en) => {
    const result = evaluateEligibility(
      loaded,
      request(),
      facts({ otherNominations: [nomination] }),
    );
    const l = line(result.lines, 'one_achievement_one_award');
    expect(l.outcome).toBe(outcome);
    if (en !== undefined) expect(l.reason.en).toBe(en);
  });

  describe('a commendation form may be given again for another achievement (Law Art 5)', () => {
    const certificate = (achievement: { commendationType?: string; movementId?: string }) => ({
      awardCode: 'giay_khen',
      year: YEAR,
      state: 'open' as const,
      caseId: 'C-other',
      ...achievement,
    });
    const oneAward = (
      achievement: { commendationType?: string; movementId?: string },
      others: ReturnType<typeof certificate>[],
      awardCode = 'giay_khen',
    ) =>
      line(
        evaluateEligibility(
          loaded,
          request({ awardCode, achievement }),
          facts({ otherNominations: others.map((o) => ({ ...o, awardCode })) }),
        ).lines,
        'one_achievement_one_award',
      );
    const TRAFFIC = 'movement-traffic-safety';

    it('a year-end certificate and one from a thematic movement are two achievements', () => {
      const l = oneAward({ commendationType: 'regular' }, [
        certificate({ commendationType: 'thematic', movementId: TRAFFIC }),
      ]);
      expect(l.outcome).toBe('pass');
      expect(l.details).toMatchObject({ otherAchievements: [{ caseId: 'C-other' }] });
    });

    it('two from thematic movements are two achievements; two from the same movement, one', () => {
      const thematic = { commendationType: 'thematic', movementId: TRAFFIC };
      expect(
        oneAward(thematic, [certificate({ commendationType: 'thematic', movementId: 'other' })])
          .outcome,
      ).toBe('pass');
      expect(oneAward(thematic, [certificate(thematic)]).outcome).toBe('fail');
    });

    it('two year-end ones are one achievement, a nomination naming no type counting as year-end', () => {
      expect(oneAward({}, [certificate({ commendationType: 'regular' })]).outcome).toBe('fail');
    });

    it('an emulation title is the year’s, whatever the type of the other nomination', () => {
      const l = oneAward(
        { commendationType: 'regular' },
        [certificate({ commendationType: 'thematic', movementId: TRAFFIC })],
        'lao_dong_tien_tien',
      );
      expect(l.outcome).toBe('fail');
    });

    it('a certificate held from a thematic movement does not bar the year-end one', () => {
      const result = evaluateEligibility(
        loaded,
        request({ awardCode: 'giay_khen', achievement: { commendationType: 'regular' } }),
        facts({
          awardsHeld: [{ ...granted('giay_khen', YEAR, 'import'), commendationType: 'thematic' }],
        }),
      );
      expect(line(result.lines, 'one_achievement_one_award').outcome).toBe('pass');
    });
  });

  it('an imported award for the same year counts as granted', () => {
    const result = evaluateEligibility(
      loaded,
      request(),
      facts({
        awardsHeld: [{ ...granted('lao_dong_tien_tien', YEAR, 'import'), reference: 'QĐ 12/2026' }],
      }),
    );
    expect(line(result.lines, 'one_achievement_one_award').reason).toEqual({
      vi: 'Một thành tích chỉ được khen một lần: Lao động tiên tiến năm 2026 — đã được tặng theo dữ liệu lịch sử (QĐ 12/2026)',
      en: 'One achievement, one award: Advanced worker for 2026 — already granted per imported history (QĐ 12/2026)',
    });
  });
});

describe('dossier, nominator, grantor', () => {
  it('lists the missing documents by name', () => {
    const result = evaluateEligibility(loaded, request({ documents: ['to_trinh'] }), facts());
    expect(line(result.lines, 'dossier.complete')).toMatchObject({
      outcome: 'fail',
      reason: {
        vi: 'Hồ sơ thiếu: Báo cáo thành tích; Biên bản bình xét, họp xét thi đua, khen thưởng',
        en: 'Dossier missing: Achievement report; Minutes of the review meeting, with the vote',
      },
      details: { missing: ['bao_cao_thanh_tich', 'bien_ban_binh_xet'] },
    });
  });

  it('refuses self-nomination', () => {
    const result = evaluateEligibility(
      loaded,
      request({ nominatorPersonId: 'p-nominee' }),
      facts(),
    );
    expect(result.outcome).toBe('ineligible');
    expect(line(result.lines, 'nominator.not_nominee')).toMatchObject({
      outcome: 'fail',
      reason: {
        en: 'The nominator (p-nominee) is the nominee: self-nomination is not allowed',
      },
    });
  });

  it.each([
    ['lao_dong_tien_tien', undefined, 'needs_review'],
    ['lao_dong_tien_tien', 'grassroots', 'pass'],
    ['lao_dong_tien_tien', 'ministry_province', 'needs_review'],
    ['chien_si_thi_dua_bo_tinh', 'grassroots', 'pass'],
  ] as const)('grantor of %s, nominating unit at level %s: %s', (awardCode, level, outcome) => {
    const result = evaluateEligibility(
      loaded,
      request({ awardCode, nominatingUnit: { kind: 'agency_unit', level } }),
      facts(),
    );
    expect(line(result.lines, 'grantor.level').outcome).toBe(outcome);
  });

  it('an award not made for the nominee kind fails', () => {
    const result = evaluateEligibility(loaded, unitRequest('lao_dong_tien_tien'), facts());
    expect(line(result.lines, 'award.subject_kind')).toMatchObject({
      outcome: 'fail',
      reason: { en: 'Advanced worker is not awarded to collectives' },
    });
  });

  it('an unknown award code is a domain error', () => {
    expect(() =>
      evaluateEligibility(loaded, request({ awardCode: 'huan_chuong_x' }), facts()),
    ).toThrow(UnknownAwardError);
    try {
      evaluateEligibility(loaded, request({ awardCode: 'huan_chuong_x' }), facts());
    } catch (error) {
      expect(error).toMatchObject({ code: 'ELIGIBILITY.UNKNOWN_AWARD', kind: 'unprocessable' });
    }
  });
});

describe('traffic law compliance', () => {
  const violation = { confirmedOn: '2026-08-09', reference: 'BB-123' };

  it('a confirmed violation in the year needs review with the shipped rule set', () => {
    const result = evaluateEligibility(
      loaded,
      request(),
      facts({ trafficViolations: [violation] }),
    );
    expect(result.outcome).toBe('needs_review');
    expect(line(result.lines, 'compliance.traffic_law_compliance')).toMatchObject({
      outcome: 'needs_review',
      reason: {
        vi: 'Có 1 vi phạm được cơ quan chức năng xác nhận trong năm đánh giá 2026 (09/08/2026, BB-123), trái tiêu chí tuân thủ, chấp hành pháp luật về trật tự, an toàn giao thông: cần người xem xét',
      },
      source: [expect.objectContaining({ text: 'plan_duk_directive_23' })],
    });
  });

  it('a rule set variant set to block makes it ineligible', () => {
    const strict = copy();
    strict.complianceCriteria[0].outcome.value = 'block';
    const result = evaluateEligibility(
      strict,
      request(),
      facts({ trafficViolations: [violation] }),
    );
    expect(result.outcome).toBe('ineligible');
    expect(line(result.lines, 'compliance.traffic_law_compliance').outcome).toBe('fail');
  });

  it('a violation confirmed in another year does not count', () => {
    const result = evaluateEligibility(
      loaded,
      request(),
      facts({ trafficViolations: [{ confirmedOn: '2025-12-31' }] }),
    );
    expect(line(result.lines, 'compliance.traffic_law_compliance').outcome).toBe('pass');
  });
});

describe('no threshold in code: editing a copy of the rule set changes the outcome', () => {
  const award = (ruleSet: RuleSet, code: string) => ruleSet.awards.find((a) => a.code === code)!;

  it('the advanced-worker share of a collective', () => {
    const base = evaluateEligibility(
      loaded,
      unitRequest('tap_the_lao_dong_tien_tien'),
      facts({ members: members(6, 10) }),
    );
    expect(base.outcome).toBe('eligible');
    const edited = copy();
    const condition = award(edited, 'tap_the_lao_dong_tien_tien').memberConditions![0];
    if (condition.type !== 'share_holding') throw new Error('unexpected');
    condition.ratio = 0.6;
    const result = evaluateEligibility(
      edited,
      unitRequest('tap_the_lao_dong_tien_tien'),
      facts({ members: members(6, 10) }),
    );
    expect(result.outcome).toBe('ineligible');
    expect(result.ruleSet.hash).not.toBe(loaded.hash);
  });

  it('the length of a discipline bar', () => {
    const disciplines = [
      { subjectType: 'civil_servant', form: 'khien_trach', decidedOn: '2025-06-01' },
    ];
    expect(evaluateEligibility(loaded, request(), facts({ disciplines })).outcome).toBe(
      'ineligible',
    );
    const edited = copy();
    const rule = edited.discipline.subjects
      .find((s) => s.code === 'civil_servant')!
      .forms.find((f) => f.form === 'khien_trach')!;
    if (rule.period?.kind !== 'months') throw new Error('unexpected');
    rule.period.months = 6;
    expect(evaluateEligibility(edited, request(), facts({ disciplines })).outcome).toBe('eligible');
  });

  it('the number of consecutive years and the minimum months of service', () => {
    const provincial = request({
      awardCode: 'chien_si_thi_dua_bo_tinh',
      documents: [...FULL_DOSSIER, 'xac_nhan_sang_kien'],
    });
    const two = facts({
      awardsHeld: [2025, 2026].map((y) => granted('chien_si_thi_dua_co_so', y)),
      achievements: [{ kind: 'initiative', year: YEAR, impact: 'national' }],
    });
    const rule = 'prerequisite.award_in_consecutive_years.chien_si_thi_dua_co_so';
    expect(line(evaluateEligibility(loaded, provincial, two).lines, rule).outcome).toBe('fail');
    const edited = copy();
    const p = award(edited, 'chien_si_thi_dua_bo_tinh').prerequisites[0];
    if (p.type !== 'award_in_consecutive_years') throw new Error('unexpected');
    p.consecutiveYears = 2;
    expect(line(evaluateEligibility(edited, provincial, two).lines, rule).outcome).toBe('pass');

    const newcomer = facts({ serviceStartedOn: '2026-04-01' }); // 9 months by the end of 2026
    expect(
      line(
        evaluateEligibility(loaded, request(), newcomer).lines,
        'prerequisite.min_service_months',
      ),
    ).toMatchObject({
      outcome: 'fail',
      reason: { en: 'Only 9 months of service by the end of 2026 (since 2026-04-01); 10 required' },
    });
    const shorter = copy();
    const months = award(shorter, 'lao_dong_tien_tien').prerequisites[1];
    if (months.type !== 'min_service_months') throw new Error('unexpected');
    months.months = 9;
    expect(
      line(
        evaluateEligibility(shorter, request(), newcomer).lines,
        'prerequisite.min_service_months',
      ).outcome,
    ).toBe('pass');
  });

  it('the required rating level', () => {
    const completed = facts({ taskRatings: [{ year: YEAR, rating: 'hoan_thanh' }] });
    const strict = evaluateEligibility(loaded, request(), completed);
    expect(line(strict.lines, 'prerequisite.rating.hoan_thanh_tot')).toMatchObject({
      outcome: 'fail',
      reason: {
        vi: 'Cần xếp loại từ mức hoàn thành tốt nhiệm vụ trở lên năm 2026; năm 2026: hoàn thành nhiệm vụ',
        en: 'Requires "good task completion" or better for 2026; 2026: "task completion"',
      },
    });
    const edited = copy();
    const p = award(edited, 'lao_dong_tien_tien').prerequisites[0];
    if (p.type !== 'rating') throw new Error('unexpected');
    p.atLeast = 'hoan_thanh';
    expect(evaluateEligibility(edited, request(), completed).outcome).toBe('eligible');
  });
});
