import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  evaluateEligibility,
  type EligibilityFacts,
  type EligibilityLine,
  type EligibilityRequest,
} from '../../../src/domain/rules/eligibility';
import type { RelatedCase } from '../../../src/domain/rules/related-cases';
import {
  restrictEligibility,
  violationSourcesOf,
  type ViolationSources,
} from '../../../src/domain/rules/restricted-lines';
import { RuleSetCatalogue } from '../../../src/domain/rules/rule-set-catalogue';

/*
 * A nomination's eligibility reads the nominee's violation cases, which may belong to a unit its
 * readers cannot read (the nominee moved). Restricted, a line keeps its rule, outcome and sources
 * and says what it means and where to ask; the other case's id, discipline form, decision number
 * and dates are gone. Expected texts are written by hand.
 */

const FILE = 'vn-law-06-2022-decree-152-2025.v1.json';
const loaded = RuleSetCatalogue.load([
  {
    source: join(__dirname, '../../../data/rulesets', FILE),
    text: readFileSync(join(__dirname, '../../../data/rulesets', FILE), 'utf8'),
  },
]).get('vn-law-06-2022-decree-152-2025', 1);

const YEAR = 2026;

function request(overrides: Partial<EligibilityRequest> = {}): EligibilityRequest {
  return {
    awardCode: 'lao_dong_tien_tien',
    evaluationYear: YEAR,
    nomineeKind: 'person',
    nominatorPersonId: 'p-head',
    nomineePersonId: 'p-nominee',
    nominatingUnit: { kind: 'agency_unit', level: 'grassroots' },
    documents: ['to_trinh', 'bao_cao_thanh_tich', 'bien_ban_binh_xet'],
    asOf: '2027-01-15',
    caseId: 'N-this',
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

const sources = (overrides: Partial<ViolationSources>): ViolationSources => ({
  discipline: [],
  pending_matter: [],
  traffic_violation: [],
  member_discipline: [],
  ...overrides,
});

const REPRIMAND = {
  subjectType: 'civil_servant',
  form: 'khien_trach',
  decidedOn: '2026-03-10',
  reference: '45/QĐ-KL',
};

const lineOf = (lines: EligibilityLine[], rule: string) => lines.find((l) => l.rule === rule)!;
const nobodyMayRead = () => false;

describe('restrictEligibility', () => {
  test('a discipline in force says until when, and nothing of the decision', () => {
    const judged = evaluateEligibility(loaded, request(), facts({ disciplines: [REPRIMAND] }));
    const { result, restricted } = restrictEligibility(
      loaded.ruleSet,
      judged,
      sources({ discipline: ['V-old-unit'] }),
      nobodyMayRead,
    );
    const line = lineOf(result.lines, 'discipline.in_force');
    expect(line).toEqual({
      rule: 'discipline.in_force',
      outcome: 'fail',
      reason: {
        vi: 'Đang chịu kỷ luật, còn hiệu lực đến 10/03/2027 — xem thông tin tại cơ quan thường trực Hội đồng Thi đua – Khen thưởng',
        en: 'Discipline in force until 2027-03-10 — see the secretariat',
      },
      source: loaded.ruleSet.discipline.afterDiscipline.source,
      details: { restricted: true },
    });
    const shown = JSON.stringify(result);
    for (const secret of ['45/QĐ-KL', 'khien_trach', 'khiển trách', '10/03/2026', '2026-03-10']) {
      expect(shown).not.toContain(secret);
    }
    expect(result.outcome).toBe(judged.outcome);
    expect(restricted).toEqual([
      {
        index: judged.lines.findIndex((l) => l.rule === 'discipline.in_force'),
        line: lineOf(judged.lines, 'discipline.in_force'),
        sources: ['V-old-unit'],
      },
    ]);
  });

  test('a reader who may read the violation sees the line as judged', () => {
    const judged = evaluateEligibility(loaded, request(), facts({ disciplines: [REPRIMAND] }));
    const { result, restricted } = restrictEligibility(
      loaded.ruleSet,
      judged,
      sources({ discipline: ['V-old-unit'] }),
      (id) => id === 'V-old-unit',
    );
    expect(result).toEqual(judged);
    expect(restricted).toEqual([]);
  });

  test('a pending violation case holds the nomination without its id or date', () => {
    const judged = evaluateEligibility(
      loaded,
      request(),
      facts({
        pendingMatters: [{ kind: 'violation_case', openedOn: '2026-11-02', reference: 'V-open' }],
      }),
    );
    const { result } = restrictEligibility(
      loaded.ruleSet,
      judged,
      sources({ pending_matter: ['V-open'] }),
      nobodyMayRead,
    );
    const line = lineOf(result.lines, 'on_hold.pending_matter');
    expect(line.outcome).toBe('on_hold');
    expect(line.reason).toEqual({
      vi: 'Tạm dừng xét khen thưởng: có vụ việc liên quan đang được xử lý — xem thông tin tại cơ quan thường trực Hội đồng Thi đua – Khen thưởng',
      en: 'On hold: a matter about the nominee is being handled — see the secretariat',
    });
    expect(result.outcome).toBe('on_hold');
    expect(JSON.stringify(result)).not.toContain('V-open');
  });

  test('a confirmed traffic violation fails the criterion without naming the case', () => {
    const judged = evaluateEligibility(
      loaded,
      request(),
      facts({ trafficViolations: [{ confirmedOn: '2026-08-09', reference: 'V-traffic' }] }),
    );
    const { result } = restrictEligibility(
      loaded.ruleSet,
      judged,
      sources({ traffic_violation: ['V-traffic'] }),
      nobodyMayRead,
    );
    const before = judged.lines.find((l) => l.rule.startsWith('compliance.'))!;
    const after = lineOf(result.lines, before.rule);
    expect(after.outcome).toBe(before.outcome);
    expect(after.reason.en).toBe(
      'A violation was confirmed by the authorities in the evaluation year — see the secretariat',
    );
    expect(JSON.stringify(result)).not.toContain('V-traffic');
    expect(JSON.stringify(result)).not.toContain('2026-08-09');
  });

  test('lines that name no violation stay as they are', () => {
    const judged = evaluateEligibility(loaded, request(), facts());
    const { result, restricted } = restrictEligibility(
      loaded.ruleSet,
      judged,
      sources({ pending_matter: ['V-elsewhere'], traffic_violation: ['V-elsewhere'] }),
      nobodyMayRead,
    );
    expect(result).toEqual(judged);
    expect(restricted).toEqual([]);
  });
});

describe('violationSourcesOf', () => {
  const related = (
    id: string,
    tags: RelatedCase['tags'],
    parts: Partial<RelatedCase> = {},
  ): RelatedCase => ({
    id,
    tags,
    data: { category: 'other' },
    context: {},
    createdAt: '2026-02-01T00:00:00.000Z',
    ...parts,
  });

  test('each violation case is a source of the facts it gave, members apart', () => {
    const decided = related('V-decided', ['discipline_in_force'], {
      context: {
        discipline: { subjectType: 'civil_servant', form: 'khien_trach' },
        decision: { number: '45/QĐ-KL', date: '2026-03-10' },
      },
    });
    const open = related('V-open', ['pending_matter']);
    const traffic = related('V-traffic', ['closed'], {
      data: { category: 'traffic' },
      context: { confirmedOn: '2026-08-09' },
    });
    const dismissed = related('V-dismissed', ['dismissed', 'closed']);
    const member = related('V-member', ['discipline_in_force'], { context: decided.context });
    expect(violationSourcesOf([decided, open, traffic, dismissed], [member])).toEqual({
      discipline: ['V-decided'],
      pending_matter: ['V-open'],
      traffic_violation: ['V-traffic'],
      member_discipline: ['V-member'],
    });
  });
});
