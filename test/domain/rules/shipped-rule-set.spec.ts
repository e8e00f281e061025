import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleSet, Sourced } from '../../../src/domain/rules/rule-set';
import { RuleSetCatalogue, type RuleSetFile } from '../../../src/domain/rules/rule-set-catalogue';

/*
 * The default rule set says what shared/design/domain.md says, no more: every legal value carries
 * its source, and whatever domain.md marks UNCONFIRMED (or does not source at all) ships as
 * confirmed: false with a note that it is a configurable default.
 */

const DIRECTORY = join(__dirname, '../../../data/rulesets');
const DEFAULT_ID = 'vn-law-06-2022-decree-152-2025';

/**
 * Published versions never change: a decision pins this hash. A new rule version is a new file.
 * Update the pin only while v1 has not been released.
 */
const V1_HASH = '58c7e13a54d8cb759826b325b9d0cf733215df07d234a816f5271c235650facc';

function shippedFiles(): RuleSetFile[] {
  return readdirSync(DIRECTORY)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({
      source: join(DIRECTORY, name),
      text: readFileSync(join(DIRECTORY, name), 'utf8'),
    }));
}

const catalogue = RuleSetCatalogue.load(shippedFiles());
const rules: RuleSet = catalogue.get(DEFAULT_ID, 1).ruleSet;

const award = (code: string) => {
  const found = rules.awards.find((a) => a.code === code);
  if (found === undefined) throw new Error(`no award ${code}`);
  return found;
};
const disciplineSubject = (code: string) => {
  const found = rules.discipline.subjects.find((s) => s.code === code);
  if (found === undefined) throw new Error(`no discipline subject ${code}`);
  return found;
};
const rule = (subject: string, form: string) => {
  const found = disciplineSubject(subject).forms.find((f) => f.form === form);
  if (found === undefined) throw new Error(`no rule ${subject}/${form}`);
  return found;
};
const traffic = () => rules.complianceCriteria.find((c) => c.code === 'traffic_law_compliance')!;

/** Every object in the rule set that states a legal value (it has a `confirmed` flag). */
function valueObjects(value: unknown, path = ''): { path: string; value: Sourced }[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => valueObjects(item, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  const own =
    'confirmed' in record || 'source' in record
      ? [{ path, value: record as unknown as Sourced }]
      : [];
  return [
    ...own,
    ...Object.entries(record).flatMap(([key, child]) => valueObjects(child, `${path}.${key}`)),
  ];
}

const isSourced = (value: Sourced) =>
  Array.isArray(value.source) &&
  value.source.length > 0 &&
  value.source.every((ref) => typeof ref.text === 'string') &&
  typeof value.confirmed === 'boolean';

describe('the shipped rule sets', () => {
  test('every file in data/rulesets loads', () => {
    expect(catalogue.all().map(({ ruleSet }) => `${ruleSet.id}.v${ruleSet.version}`)).toEqual(
      expect.arrayContaining([`${DEFAULT_ID}.v1`]),
    );
  });

  test('v1 keeps its published content hash', () => {
    expect(catalogue.get(DEFAULT_ID, 1).hash).toBe(V1_HASH);
  });

  test('v1 governs from 2025-07-01, when Decree 152/2025 came into force', () => {
    expect(rules.validFrom).toBe('2025-07-01');
    expect(rules.sources.find((s) => s.id === 'decree_152_2025')?.inForce).toBe('2025-07-01');
  });
});

describe('the award catalogue', () => {
  test.each([
    ['lao_dong_tien_tien', 'Lao động tiên tiến', 'title', ['individual'], 'grassroots'],
    ['chien_si_thi_dua_co_so', 'Chiến sĩ thi đua cơ sở', 'title', ['individual'], 'grassroots'],
    [
      'chien_si_thi_dua_bo_tinh',
      'Chiến sĩ thi đua bộ, ban, ngành, tỉnh',
      'title',
      ['individual'],
      'ministry_province',
    ],
    [
      'chien_si_thi_dua_toan_quoc',
      'Chiến sĩ thi đua toàn quốc',
      'title',
      ['individual'],
      'government',
    ],
    [
      'tap_the_lao_dong_tien_tien',
      'Tập thể lao động tiên tiến',
      'title',
      ['collective'],
      'grassroots',
    ],
    [
      'tap_the_lao_dong_xuat_sac',
      'Tập thể lao động xuất sắc',
      'title',
      ['collective'],
      'ministry_province',
    ],
    ['giay_khen', 'Giấy khen', 'form', ['individual', 'collective'], 'grassroots'],
    [
      'bang_khen_bo_tinh',
      'Bằng khen của bộ, ban, ngành, tỉnh',
      'form',
      ['individual', 'collective'],
      'ministry_province',
    ],
    [
      'bang_khen_thu_tuong',
      'Bằng khen của Thủ tướng Chính phủ',
      'form',
      ['individual', 'collective'],
      'government',
    ],
  ])('lists %s ("%s")', (code, vi, kind, subjects, level) => {
    const found = award(code);
    expect(found.name.vi).toBe(vi);
    expect(found.name.en).toEqual(expect.any(String));
    expect({ kind: found.kind, subjects: found.subjects, level: found.grantor.level }).toEqual({
      kind,
      subjects,
      level,
    });
  });

  test('every award, and each of its values, has a source and a confirmed flag', () => {
    const missing: string[] = [];
    for (const a of rules.awards) {
      const parts: [string, Sourced | undefined][] = [
        ['award', a],
        ['grantor', a.grantor],
        ['dossier', a.dossier],
        ['publicNotice', a.publicNotice],
        ['councilVote', a.councilVote],
        ...a.criteria.map((c): [string, Sourced] => [`criteria.${c.code}`, c]),
        ...a.prerequisites.map((p, i): [string, Sourced] => [`prerequisites[${i}]`, p]),
        ...(a.routes ?? []).flatMap((r): [string, Sourced][] => [
          [`routes.${r.code}`, r],
          ...r.prerequisites.map((p, i): [string, Sourced] => [`routes.${r.code}[${i}]`, p]),
        ]),
        ...(a.memberConditions ?? []).map((m, i): [string, Sourced] => [`members[${i}]`, m]),
      ];
      if (a.quota) parts.push(['quota', a.quota]);
      if (a.cashReward) parts.push(['cashReward', a.cashReward]);
      for (const [where, part] of parts) {
        if (part === undefined || !isSourced(part)) missing.push(`${a.code}.${where}`);
      }
    }
    expect(missing).toEqual([]);
  });

  test('every discipline form and rule, with its period, has a source and a confirmed flag', () => {
    const { discipline } = rules;
    const parts: [string, Sourced | undefined][] = [
      ['onHold', discipline.onHold],
      ['afterDiscipline', discipline.afterDiscipline],
      ...discipline.forms.map((f): [string, Sourced] => [`forms.${f.code}`, f]),
      ...discipline.subjects.flatMap((s) =>
        s.forms.flatMap((r): [string, Sourced | undefined][] => [
          [`${s.code}.${r.form}`, r],
          [`${s.code}.${r.form}.period`, r.barsCommendation ? r.period : r],
        ]),
      ),
    ];
    expect(parts.filter(([, part]) => part === undefined || !isSourced(part))).toEqual([]);
    expect(discipline.subjects.map((s) => s.code)).toEqual(
      expect.arrayContaining(['party_member', 'cadre', 'civil_servant', 'public_employee']),
    );
  });

  test('anything that has a source or a confirmed flag has both', () => {
    const bad = valueObjects(rules)
      .filter(({ value }) => !isSourced(value))
      .map(({ path }) => path);
    expect(bad).toEqual([]);
  });

  test('every unconfirmed value says, in both languages, that it is a configurable default', () => {
    const unconfirmed = valueObjects(rules).filter(({ value }) => value.confirmed === false);
    expect(unconfirmed.length).toBeGreaterThan(20);
    const silent = unconfirmed
      .filter(
        ({ value }) =>
          !/configurable default/i.test(value.note?.en ?? '') ||
          !/mặc định/.test(value.note?.vi ?? ''),
      )
      .map(({ path }) => path);
    expect(silent).toEqual([]);
  });
});

describe('what domain.md marks UNCONFIRMED (or does not source) ships as confirmed: false', () => {
  const cases: [string, () => Sourced[]][] = [
    [
      '§2 grantor of the national emulation fighter (Arts 77–79 not read)',
      () => [award('chien_si_thi_dua_toan_quoc').grantor],
    ],
    [
      '§2 grantor of the ministry/province emulation fighter (Arts 77–79 not read)',
      () => [award('chien_si_thi_dua_bo_tinh').grantor],
    ],
    [
      '§2 advanced labour collective: 2022 wording (>50% advanced workers, no warning or above)',
      () => {
        const a = award('tap_the_lao_dong_tien_tien');
        return [...a.memberConditions!, ...a.prerequisites, ...a.criteria];
      },
    ],
    [
      '§2 ministry/province emulation flag: exact wording',
      () => award('co_thi_dua_bo_tinh').criteria,
    ],
    [
      '§2 quota on grassroots emulation fighters (15%, Circular 08/2017)',
      () => [award('chien_si_thi_dua_co_so').quota!],
    ],
    [
      '§3 point d of Art 74 (cut off in the source)',
      () => award('bang_khen_bo_tinh').routes!.filter((r) => r.code === 'diem_d'),
    ],
    [
      '§3 routes of Art 73 other than point b (not researched)',
      () => award('bang_khen_thu_tuong').routes!.filter((r) => r.code !== 'diem_b'),
    ],
    [
      '§5 public disclosure of titles and forms below state level',
      () => rules.awards.map((a) => a.publicNotice),
    ],
    ['§6 every council vote threshold', () => rules.awards.map((a) => a.councilVote)],
    [
      '§7 newcomers: under 10 months of service (Decree 91/2017)',
      () =>
        award('lao_dong_tien_tien').prerequisites.filter((p) => p.type === 'min_service_months'),
    ],
    [
      '§8 public employees: forms and their effect',
      () =>
        disciplineSubject('public_employee').forms.flatMap((r) => [
          r,
          ...(r.period ? [r.period] : []),
        ]),
    ],
    [
      '§8 how long discipline of cadres and civil servants bars commendation',
      () =>
        ['cadre', 'civil_servant'].flatMap((s) => disciplineSubject(s).forms.map((r) => r.period!)),
    ],
    [
      '§8 expulsion and dissolution: no stated end',
      () => [
        rule('party_member', 'khai_tru').period!,
        rule('party_organisation', 'giai_tan').period!,
      ],
    ],
    [
      '§8 whether a Party organisation’s discipline bars collective awards',
      () => disciplineSubject('party_organisation').forms,
    ],
    [
      '§9 the lowest rating level (inferred)',
      () => rules.ratings.filter((r) => r.code === 'khong_hoan_thanh'),
    ],
    ['the plan sets no consequence for a traffic violation', () => [traffic().outcome]],
  ];

  test.each(cases)('%s', (_label, select) => {
    const selected = select();
    expect(selected.length).toBeGreaterThan(0);
    expect(selected.map((value) => value.confirmed)).toEqual(selected.map(() => false));
  });

  test('§2 cash rewards marked UNCONFIRMED are not set at all', () => {
    for (const code of [
      'tap_the_lao_dong_tien_tien',
      'co_thi_dua_chinh_phu',
      'co_thi_dua_bo_tinh',
    ]) {
      expect({ code, cashReward: award(code).cashReward }).toEqual({ code, cashReward: undefined });
    }
  });

  test('the only public notice shipped is the national one, still unconfirmed', () => {
    const required = rules.awards.filter((a) => a.publicNotice.required).map((a) => a.code);
    expect(required).toEqual(['chien_si_thi_dua_toan_quoc']);
    expect(award('chien_si_thi_dua_toan_quoc').publicNotice).toMatchObject({
      workingDays: 10,
      confirmed: false,
    });
  });
});

describe('what domain.md sources ships as confirmed: true, with its value', () => {
  const cases: [string, () => Sourced, object][] = [
    [
      'ministry/province emulation fighter: 3 consecutive grassroots titles (Art 22)',
      () => award('chien_si_thi_dua_bo_tinh').prerequisites[0],
      { type: 'award_in_consecutive_years', award: 'chien_si_thi_dua_co_so', consecutiveYears: 3 },
    ],
    [
      'national emulation fighter: 2 consecutive ministry/province titles (Art 21)',
      () => award('chien_si_thi_dua_toan_quoc').prerequisites[0],
      { type: 'award_consecutive_times', award: 'chien_si_thi_dua_bo_tinh', consecutiveTimes: 2 },
    ],
    [
      'grassroots emulation fighter meets the advanced-worker standard (Art 23)',
      () => award('chien_si_thi_dua_co_so').prerequisites[0],
      { type: 'meets_standard', award: 'lao_dong_tien_tien' },
    ],
    [
      'advanced worker: rated good or better (Art 24)',
      () => award('lao_dong_tien_tien').prerequisites[0],
      { type: 'rating', atLeast: 'hoan_thanh_tot', consecutiveYears: 1 },
    ],
    [
      'excellent labour collective: at least 70% advanced workers (Art 27)',
      () => award('tap_the_lao_dong_xuat_sac').memberConditions![1],
      { type: 'share_holding', award: 'lao_dong_tien_tien', comparison: 'gte', ratio: 0.7 },
    ],
    [
      'excellent labour collective: 100% of members complete their tasks (Art 27)',
      () => award('tap_the_lao_dong_xuat_sac').memberConditions![0],
      { type: 'share_rated', atLeast: 'hoan_thanh', comparison: 'gte', ratio: 1 },
    ],
    [
      'excellent labour collective: at least one grassroots emulation fighter (Art 27)',
      () => award('tap_the_lao_dong_xuat_sac').memberConditions![2],
      { type: 'count_holding', award: 'chien_si_thi_dua_co_so', minimum: 1 },
    ],
    [
      'PM diploma, point b: 5 years good or better with 3 grassroots titles (Art 73)',
      () => award('bang_khen_thu_tuong').routes![0],
      { code: 'diem_b', subjects: ['individual'] },
    ],
    [
      'national emulation fighter: 4.5 × base salary',
      () => award('chien_si_thi_dua_toan_quoc').cashReward!,
      { baseSalaryMultiple: 4.5 },
    ],
    [
      'ministry/province emulation fighter: 3.0 × base salary',
      () => award('chien_si_thi_dua_bo_tinh').cashReward!,
      { baseSalaryMultiple: 3 },
    ],
    [
      'grassroots emulation fighter: 1.0 × base salary',
      () => award('chien_si_thi_dua_co_so').cashReward!,
      { baseSalaryMultiple: 1 },
    ],
    [
      'advanced worker: 0.3 × base salary',
      () => award('lao_dong_tien_tien').cashReward!,
      { baseSalaryMultiple: 0.3 },
    ],
    [
      'excellent labour collective: 1.5 × base salary',
      () => award('tap_the_lao_dong_xuat_sac').cashReward!,
      { baseSalaryMultiple: 1.5 },
    ],
    [
      'grassroots titles: granted by unit heads, directors and (since 07/2025) commune chairs',
      () => award('lao_dong_tien_tien').grantor,
      { authorities: ['unit_head', 'enterprise_director', 'commune_chair'] },
    ],
    [
      'Party discipline bars awards while in force (QĐ 69-QĐ/TW Art 2(13))',
      () => rule('party_member', 'canh_cao'),
      { barsCommendation: true, source: [{ text: 'qd_69_2022', provision: 'Art 2(13)' }] },
    ],
    [
      'Party discipline lapses 12 months after announcement (QĐ 69-QĐ/TW Art 2(5))',
      () => rule('party_member', 'khien_trach').period!,
      { kind: 'months', months: 12, from: 'announcement' },
    ],
    [
      'probationary members: the same 12 months',
      () => rule('probationary_party_member', 'canh_cao').period!,
      { kind: 'months', months: 12, from: 'announcement' },
    ],
    [
      'on hold while discipline, an investigation or a complaint is pending (Decree 152 Art 4)',
      () => rules.discipline.onHold,
      {
        source: expect.arrayContaining([
          { text: 'decree_152_2025', provision: 'Art 4', refs: [21] },
        ]),
      },
    ],
    [
      'after discipline, achievements count from the end of the period (Decree 152 Art 4)',
      () => rules.discipline.afterDiscipline,
      { achievementsCountFrom: 'period_end' },
    ],
    [
      'traffic-law compliance is an evaluation criterion (plan for Directive 23-CT/TW, II.1)',
      traffic,
      {
        appliesTo: ['individual', 'collective'],
        period: 'evaluation_year',
        source: [{ text: 'plan_duk_directive_23', provision: 'Part II.1' }],
      },
    ],
  ];

  test.each(cases)('%s', (_label, select, expected) => {
    expect(select()).toMatchObject({ ...expected, confirmed: true });
  });

  test('a confirmed traffic violation flags the nomination for review by default', () => {
    expect(traffic().outcome.value).toBe('needs_review');
    expect(traffic().fact).toBe('traffic_violation_confirmed');
  });

  test('"warning or above" bars the advanced labour collective, and warning is heavier than reprimand', () => {
    expect(award('tap_the_lao_dong_tien_tien').memberConditions).toContainEqual(
      expect.objectContaining({ type: 'no_discipline', atOrAbove: 'canh_cao' }),
    );
    const severity = (code: string) =>
      rules.discipline.forms.find((f) => f.code === code)!.severity;
    expect(severity('canh_cao')).toBeGreaterThan(severity('khien_trach'));
    expect(severity('cach_chuc')).toBeGreaterThan(severity('canh_cao'));
  });
});
