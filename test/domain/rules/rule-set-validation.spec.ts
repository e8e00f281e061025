import type { RuleSet } from '../../../src/domain/rules/rule-set';
import { RuleSetCatalogue, type RuleSetFile } from '../../../src/domain/rules/rule-set-catalogue';
import { InvalidRuleSetError } from '../../../src/domain/rules/validate-rule-set';
import { minimal, name, sourced } from './sample-rule-set';

/*
 * The loader refuses bad rule-set files at start-up, naming the file and every problem. Each case
 * starts from a small valid rule set and breaks one thing.
 */

const SOURCE = 'data/rulesets/sample.v1.json';

function file(ruleSet: unknown, source = SOURCE, space?: number): RuleSetFile {
  return { source, text: JSON.stringify(ruleSet, null, space) };
}

/** The minimal rule set, broken by `mutate`, as a file. */
function broken(mutate: (ruleSet: RuleSet) => void): RuleSetFile {
  const ruleSet = minimal();
  mutate(ruleSet);
  return file(ruleSet);
}

/** Loads the files and returns the refusal; fails the test if they load. */
function refusalOf(files: RuleSetFile[]): InvalidRuleSetError {
  try {
    RuleSetCatalogue.load(files);
  } catch (error) {
    if (error instanceof InvalidRuleSetError) return error;
    throw error;
  }
  throw new Error('the files were loaded without complaint');
}

/** Writes a field the type forbids (the file on disk could hold anything). */
function setRaw(target: object, key: string, value: unknown): void {
  (target as Record<string, unknown>)[key] = value;
}

const awardOf = (ruleSet: RuleSet, code: string) => ruleSet.awards.find((a) => a.code === code)!;

describe('a valid rule set', () => {
  test('loads, and can be looked up by id and version', () => {
    const catalogue = RuleSetCatalogue.load([file(minimal())]);
    const loaded = catalogue.get('sample', 1);
    expect(loaded.ruleSet).toEqual(minimal());
    expect(loaded.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(loaded.source).toBe(SOURCE);
  });

  test('loads from a Windows-style path too', () => {
    const catalogue = RuleSetCatalogue.load([
      file(minimal(), 'C:\\thidua\\data\\rulesets\\sample.v1.json'),
    ]);
    expect(catalogue.get('sample', 1).ruleSet.id).toBe('sample');
  });

  test('loads with routes, a quota, a required notice and an indefinite bar', () => {
    const ruleSet = minimal();
    const high = awardOf(ruleSet, 'ca_nhan_cao');
    high.routes = [
      {
        code: 'sang_kien',
        name: name('initiative'),
        prerequisites: [
          { type: 'achievement', of: ['initiative'], impact: 'grassroots', ...sourced() },
        ],
        ...sourced(),
      },
    ];
    high.quota = { maxShare: 0.15, ofAward: 'ca_nhan', onExceed: 'needs_review', ...sourced() };
    high.publicNotice = { required: true, workingDays: 10, ...sourced() };
    ruleSet.discipline.subjects[0].forms.push({
      form: 'canh_cao',
      barsCommendation: true,
      period: { kind: 'indefinite', ...sourced() },
      ...sourced(),
    });
    expect(() => RuleSetCatalogue.load([file(ruleSet)])).not.toThrow();
  });
});

describe('refusals', () => {
  const cases: { problem: string; files: () => RuleSetFile[]; expected: string | string[] }[] = [
    {
      problem: 'text that is not JSON',
      files: () => [{ source: SOURCE, text: '{ "id": "sample", ' }],
      expected: 'not valid JSON',
    },
    {
      problem: 'a prerequisite without a source',
      files: () => [
        broken((r) => {
          setRaw(awardOf(r, 'ca_nhan_cao').prerequisites[0], 'source', undefined);
        }),
      ],
      expected: "awards[ca_nhan_cao].prerequisites[0] must have required property 'source'",
    },
    {
      problem: 'a council vote without a confirmed flag',
      files: () => [
        broken((r) => {
          setRaw(awardOf(r, 'tap_the').councilVote, 'confirmed', undefined);
        }),
      ],
      expected: "awards[tap_the].councilVote must have required property 'confirmed'",
    },
    {
      problem: 'a discipline rule without a source',
      files: () => [
        broken((r) => {
          setRaw(r.discipline.subjects[0].forms[0], 'source', []);
        }),
      ],
      expected:
        'discipline.subjects[party_member].forms[khien_trach].source must NOT have fewer than 1 items',
    },
    {
      problem: 'a member share above 1',
      files: () => [
        broken((r) => {
          setRaw(awardOf(r, 'tap_the').memberConditions![0], 'ratio', 70);
        }),
      ],
      expected: 'awards[tap_the].memberConditions[0].ratio must be <= 1',
    },
    {
      problem: 'a negative vote ratio',
      files: () => [
        broken((r) => {
          awardOf(r, 'ca_nhan').councilVote.ratio = -0.5;
        }),
      ],
      expected: 'awards[ca_nhan].councilVote.ratio must be >= 0',
    },
    {
      problem: 'more than 100% of the council',
      files: () => [
        broken((r) => {
          awardOf(r, 'ca_nhan').councilVote = {
            ...awardOf(r, 'ca_nhan').councilVote,
            comparison: 'gt',
            ratio: 1,
          };
        }),
      ],
      expected: 'awards[ca_nhan].councilVote: more than 100% can never be reached',
    },
    {
      problem: 'a notice of zero working days',
      files: () => [
        broken((r) => {
          awardOf(r, 'ca_nhan').publicNotice = { required: true, workingDays: 0, ...sourced() };
        }),
      ],
      expected: 'awards[ca_nhan].publicNotice.workingDays must be >= 1',
    },
    {
      problem: 'a fractional number of working days',
      files: () => [
        broken((r) => {
          awardOf(r, 'ca_nhan').publicNotice = { required: true, workingDays: 2.5, ...sourced() };
        }),
      ],
      expected: 'awards[ca_nhan].publicNotice.workingDays must be integer',
    },
    {
      problem: 'a required notice without working days',
      files: () => [
        broken((r) => {
          awardOf(r, 'ca_nhan').publicNotice = { required: true, ...sourced() };
        }),
      ],
      expected: 'awards[ca_nhan].publicNotice: required, but no workingDays',
    },
    {
      problem: 'working days on a notice that is not required',
      files: () => [
        broken((r) => {
          awardOf(r, 'ca_nhan').publicNotice = { required: false, workingDays: 5, ...sourced() };
        }),
      ],
      expected: 'awards[ca_nhan].publicNotice: workingDays given, but the notice is not required',
    },
    {
      problem: 'a repeated award code',
      files: () => [
        broken((r) => {
          r.awards.push({ ...awardOf(r, 'ca_nhan') });
        }),
      ],
      expected: 'awards: duplicate code "ca_nhan"',
    },
    {
      problem: 'a repeated document code',
      files: () => [
        broken((r) => {
          r.documents.push({ ...r.documents[0] });
        }),
      ],
      expected: 'documents: duplicate code "to_trinh"',
    },
    {
      problem: 'a repeated discipline form',
      files: () => [
        broken((r) => {
          r.discipline.forms.push({ ...r.discipline.forms[0], severity: 3 });
        }),
      ],
      expected: 'discipline.forms: duplicate code "khien_trach"',
    },
    {
      problem: 'two ratings of the same rank',
      files: () => [
        broken((r) => {
          r.ratings[1].rank = 2;
        }),
      ],
      expected: 'ratings: duplicate rank "2"',
    },
    {
      problem: 'a prerequisite on an unknown award',
      files: () => [
        broken((r) => {
          awardOf(r, 'ca_nhan_cao').prerequisites.push({
            type: 'award_held',
            award: 'khong_co',
            ...sourced(),
          });
        }),
      ],
      expected: 'awards[ca_nhan_cao].prerequisites[1]: unknown award "khong_co"',
    },
    {
      problem: 'a route prerequisite on an unknown award',
      files: () => [
        broken((r) => {
          awardOf(r, 'ca_nhan_cao').routes = [
            {
              code: 'diem_b',
              name: name('point b'),
              prerequisites: [{ type: 'meets_standard', award: 'khong_co', ...sourced() }],
              ...sourced(),
            },
          ];
        }),
      ],
      expected: 'awards[ca_nhan_cao].routes[diem_b].prerequisites[0]: unknown award "khong_co"',
    },
    {
      problem: 'a prerequisite on an award the subject cannot get',
      files: () => [
        broken((r) => {
          awardOf(r, 'ca_nhan_cao').prerequisites[0] = {
            type: 'award_held',
            award: 'tap_the',
            ...sourced(),
          };
        }),
      ],
      expected:
        'awards[ca_nhan_cao].prerequisites[0]: award "tap_the" is not given to individual subjects',
    },
    {
      problem: 'a route for a subject the award does not have',
      files: () => [
        broken((r) => {
          awardOf(r, 'ca_nhan_cao').routes = [
            {
              code: 'diem_a',
              name: name('a'),
              subjects: ['collective'],
              prerequisites: [],
              ...sourced(),
            },
          ];
        }),
      ],
      expected: 'awards[ca_nhan_cao].routes[diem_a].subjects: collective not among the award',
    },
    {
      problem: 'a rating prerequisite on an unknown rating',
      files: () => [
        broken((r) => {
          awardOf(r, 'ca_nhan').prerequisites = [
            { type: 'rating', atLeast: 'xuat_sac', consecutiveYears: 1, ...sourced() },
          ];
        }),
      ],
      expected: 'awards[ca_nhan].prerequisites[0]: unknown rating "xuat_sac"',
    },
    {
      problem: 'a member condition on an unknown award',
      files: () => [
        broken((r) => {
          awardOf(r, 'tap_the').memberConditions!.push({
            type: 'count_holding',
            award: 'khong_co',
            minimum: 1,
            ...sourced(),
          });
        }),
      ],
      expected: 'awards[tap_the].memberConditions[2]: unknown award "khong_co"',
    },
    {
      problem: 'a member condition on a collective award',
      files: () => [
        broken((r) => {
          awardOf(r, 'tap_the').memberConditions!.push({
            type: 'count_holding',
            award: 'tap_the',
            minimum: 1,
            ...sourced(),
          });
        }),
      ],
      expected:
        'awards[tap_the].memberConditions[2]: award "tap_the" is not given to individual subjects',
    },
    {
      problem: 'a member condition on an unknown discipline form',
      files: () => [
        broken((r) => {
          awardOf(r, 'tap_the').memberConditions![1] = {
            type: 'no_discipline',
            atOrAbove: 'ha_bac_luong',
            ...sourced(),
          };
        }),
      ],
      expected: 'awards[tap_the].memberConditions[1]: unknown discipline form "ha_bac_luong"',
    },
    {
      problem: 'member conditions on an individual award',
      files: () => [
        broken((r) => {
          awardOf(r, 'ca_nhan').memberConditions = awardOf(r, 'tap_the').memberConditions;
        }),
      ],
      expected: 'awards[ca_nhan].memberConditions: only a collective award has member conditions',
    },
    {
      problem: 'a quota on an unknown award',
      files: () => [
        broken((r) => {
          awardOf(r, 'ca_nhan_cao').quota = {
            maxShare: 0.15,
            ofAward: 'khong_co',
            onExceed: 'block',
            ...sourced(),
          };
        }),
      ],
      expected: 'awards[ca_nhan_cao].quota.ofAward: unknown award "khong_co"',
    },
    {
      problem: 'two awards that require each other',
      files: () => [
        broken((r) => {
          awardOf(r, 'ca_nhan').prerequisites.push({
            type: 'award_consecutive_times',
            award: 'ca_nhan_cao',
            consecutiveTimes: 2,
            ...sourced(),
          });
        }),
      ],
      expected: 'awards: prerequisite cycle ca_nhan → ca_nhan_cao → ca_nhan',
    },
    {
      problem: 'an award that requires itself through a route',
      files: () => [
        broken((r) => {
          awardOf(r, 'ca_nhan').routes = [
            {
              code: 'vong',
              name: name('loop'),
              prerequisites: [
                { type: 'award_count', award: 'ca_nhan', count: 3, withinYears: 5, ...sourced() },
              ],
              ...sourced(),
            },
          ];
        }),
      ],
      expected: 'awards: prerequisite cycle ca_nhan → ca_nhan',
    },
    {
      problem: 'a source naming a text that is not listed',
      files: () => [
        broken((r) => {
          awardOf(r, 'ca_nhan').cashReward!.source = [
            { text: 'nghi_dinh_khac', provision: 'Art 54' },
          ];
        }),
      ],
      expected: 'awards[ca_nhan].cashReward.source: unknown text "nghi_dinh_khac"',
    },
    {
      problem: 'an unconfirmed value without a note',
      files: () => [
        broken((r) => {
          delete awardOf(r, 'tap_the').memberConditions![1].note;
        }),
      ],
      expected:
        'awards[tap_the].memberConditions[1]: unconfirmed value without a note saying it is a configurable default',
    },
    {
      problem: 'an unknown grantor',
      files: () => [
        broken((r) => {
          awardOf(r, 'ca_nhan').grantor.authorities = ['district_chair'];
        }),
      ],
      expected: 'awards[ca_nhan].grantor: unknown authority "district_chair"',
    },
    {
      problem: 'a grantor at another level',
      files: () => [
        broken((r) => {
          awardOf(r, 'ca_nhan').grantor.level = 'government';
        }),
      ],
      expected:
        'awards[ca_nhan].grantor: authority "unit_head" is at level "grassroots", not "government"',
    },
    {
      problem: 'an unknown dossier document',
      files: () => [
        broken((r) => {
          awardOf(r, 'ca_nhan').dossier.conditional = [
            { document: 'ban_sao_bang', when: name('always') },
          ];
        }),
      ],
      expected: 'awards[ca_nhan].dossier: unknown document "ban_sao_bang"',
    },
    {
      problem: 'an unsupported key',
      files: () => [
        broken((r) => {
          setRaw(awardOf(r, 'ca_nhan').councilVote, 'threshold', 0.7);
        }),
      ],
      expected:
        'awards[ca_nhan].councilVote must NOT have additional properties (unsupported key "threshold")',
    },
    {
      problem: 'an unknown prerequisite type',
      files: () => [
        broken((r) => {
          setRaw(awardOf(r, 'ca_nhan_cao').prerequisites[0], 'type', 'award_magic');
        }),
      ],
      expected:
        'awards[ca_nhan_cao].prerequisites[0] value of tag "type" must be in oneOf (got "award_magic")',
    },
    {
      problem: 'a start date that is not a calendar date',
      files: () => [
        broken((r) => {
          r.validFrom = '2025-02-30';
        }),
      ],
      expected: 'validFrom: "2025-02-30" is not a calendar date',
    },
    {
      problem: 'a start date in another format',
      files: () => [
        broken((r) => {
          r.validFrom = '01/07/2025';
        }),
      ],
      expected: 'validFrom must match pattern',
    },
    {
      problem: 'a discipline form that bars commendation for no stated time',
      files: () => [
        broken((r) => {
          delete r.discipline.subjects[0].forms[0].period;
        }),
      ],
      expected:
        'discipline.subjects[party_member].forms[khien_trach]: bars commendation, but no period says for how long',
    },
    {
      problem: 'a period on a form that does not bar commendation',
      files: () => [
        broken((r) => {
          r.discipline.subjects[0].forms[0].barsCommendation = false;
        }),
      ],
      expected:
        'discipline.subjects[party_member].forms[khien_trach]: a period is given, but the form does not bar commendation',
    },
    {
      problem: 'a discipline rule for an unknown form',
      files: () => [
        broken((r) => {
          r.discipline.subjects[0].forms[0].form = 'giang_chuc';
        }),
      ],
      expected:
        'discipline.subjects[party_member].forms[giang_chuc]: unknown discipline form "giang_chuc"',
    },
    {
      problem: 'who decides names a subject type, a form and bodies that do not exist',
      files: () => [
        broken((r) => {
          r.discipline.bodies = [
            { code: 'cell', name: name('Chi bộ'), track: 'party', format: 'party', ...sourced() },
          ];
          r.discipline.appeal = {
            windows: [
              { track: 'party', kind: 'months', value: 1, from: 'announcement', ...sourced() },
            ],
          };
          r.discipline.competence = [
            {
              subject: 'party_member',
              forms: ['khai_tru'],
              body: 'committee',
              vote: {
                body: 'cell',
                base: 'all_members',
                threshold: { numerator: 1, denominator: 2, comparison: 'gt' },
                quorum: { numerator: 2, denominator: 3, comparison: 'gte' },
                ...sourced(),
              },
              ...sourced(),
            },
            { subject: 'ghost', forms: ['khien_trach'], body: 'cell', ...sourced() },
          ];
        }),
      ],
      expected: [
        'discipline.competence[0]: subject type "party_member" has no form "khai_tru"',
        'discipline.competence[0].body: unknown body "committee"',
        'discipline.competence[0].vote: body "cell" has no council roster to vote',
        'discipline.competence[1]: unknown subject type "ghost"',
      ],
    },
    {
      problem: 'a track with deciding bodies but no appeal window',
      files: () => [
        broken((r) => {
          r.discipline.bodies = [
            {
              code: 'head',
              name: name('Thủ trưởng'),
              track: 'state',
              format: 'state',
              ...sourced(),
            },
          ];
          r.discipline.appeal = {
            windows: [
              { track: 'party', kind: 'months', value: 1, from: 'announcement', ...sourced() },
            ],
          };
        }),
      ],
      expected: 'discipline.appeal: no window for the state track',
    },
    {
      problem: 'a compliance outcome other than block or needs_review',
      files: () => [
        broken((r) => {
          setRaw(r.complianceCriteria[0].outcome, 'value', 'warn');
        }),
      ],
      expected:
        'complianceCriteria[traffic_law_compliance].outcome.value must be equal to one of the allowed values',
    },
    {
      problem: 'a file name that does not match the id and version',
      files: () => [file(minimal(), 'data/rulesets/sample.v2.json')],
      expected: 'file name must be "sample.v1.json" for id "sample" version 1',
    },
    {
      problem: 'the same id and version twice',
      files: () => [file(minimal()), file(minimal(), 'other/sample.v1.json')],
      expected: `duplicate id "sample" version 1 (also in ${SOURCE})`,
    },
    {
      problem: 'two rule sets starting on the same day',
      files: () => [
        file(minimal()),
        file({ ...minimal(), id: 'province' }, 'data/rulesets/province.v1.json'),
      ],
      expected: 'validFrom 2025-07-01 is also the start of "sample"',
    },
  ];

  test.each(cases)('refuses $problem', ({ files, expected }) => {
    const refusal = refusalOf(files());
    expect(refusal.code).toBe('RULESET.INVALID');
    for (const problem of typeof expected === 'string' ? [expected] : expected) {
      expect(refusal.problems).toEqual(expect.arrayContaining([expect.stringContaining(problem)]));
      expect(refusal.message).toContain(problem);
    }
    expect(refusal.message).toContain(refusal.source);
  });

  test('names the file the problem is in', () => {
    const good = file(
      { ...minimal(), id: 'province', validFrom: '2024-01-01' },
      'data/rulesets/province.v1.json',
    );
    const bad = broken((r) => {
      r.awards[0].councilVote.ratio = 2;
    });
    const refusal = refusalOf([good, bad]);
    expect(refusal.source).toBe(SOURCE);
    expect(refusal.message.startsWith(`${SOURCE}: invalid rule set:`)).toBe(true);
  });

  test('lists every problem of a file at once', () => {
    const refusal = refusalOf([
      broken((r) => {
        awardOf(r, 'ca_nhan_cao').prerequisites[0] = {
          type: 'award_held',
          award: 'khong_co',
          ...sourced(),
        };
        awardOf(r, 'ca_nhan').grantor.authorities = ['district_chair'];
        r.discipline.subjects[0].forms[0].form = 'giang_chuc';
        awardOf(r, 'ca_nhan').cashReward!.source = [{ text: 'nghi_dinh_khac' }];
      }),
    ]);
    expect(refusal.problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('unknown award "khong_co"'),
        expect.stringContaining('unknown authority "district_chair"'),
        expect.stringContaining('unknown discipline form "giang_chuc"'),
        expect.stringContaining('unknown text "nghi_dinh_khac"'),
      ]),
    );
    expect(refusal.problems).toHaveLength(4);
  });
});
