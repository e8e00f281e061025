import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateEligibility } from '../../../src/domain/rules/eligibility';
import type {
  EligibilityFacts,
  EligibilityLine,
  EligibilityRequest,
} from '../../../src/domain/rules/eligibility-types';
import {
  authorityNames,
  grantingUnitFor,
  type AuthorityChainLink,
} from '../../../src/domain/rules/granting-authority';
import { RuleSetCatalogue } from '../../../src/domain/rules/rule-set-catalogue';

/*
 * Who grants what (issue 17): rule set v5 gives every authority its document format and way of
 * signing, adds the Party's authorities and Party commendation (HD 06-HD/TW point 19.2, the Party
 * badge), and the grantor line judges the units' recorded authorities: the nominating unit grants,
 * proposes up to a unit above or to the competent level outside, or may not propose at all because
 * a unit below it grants the award (Law 06/2022 Art 80: an enterprise's director, not the Party
 * committee above the enterprise, grants its workers' Lao động tiên tiến).
 */

const DIRECTORY = join(__dirname, '../../../data/rulesets');
const catalogue = RuleSetCatalogue.load(
  readdirSync(DIRECTORY)
    .filter((name) => name.endsWith('.json'))
    .map((name) => ({
      source: join(DIRECTORY, name),
      text: readFileSync(join(DIRECTORY, name), 'utf8'),
    })),
);
const V5 = catalogue.get('vn-law-06-2022-decree-152-2025', 5).ruleSet;
const award = (code: string) => V5.awards.find((a) => a.code === code)!;

// The source plan's organisation: the enterprises' Party committee above an enterprise whose
// grassroots Party committee and director both sit in the enterprise's unit, and a workshop.
const WORKSHOP: AuthorityChainLink = { unitId: 'U-ws', unitName: 'Phân xưởng 1', authorities: [] };
const ENTERPRISE: AuthorityChainLink = {
  unitId: 'U-el',
  unitName: 'Công ty Điện lực',
  authorities: ['enterprise_director', 'grassroots_party_committee'],
};
const COMMITTEE: AuthorityChainLink = {
  unitId: 'U-duk',
  unitName: 'Đảng ủy Khối Doanh nghiệp tỉnh',
  authorities: ['superior_party_standing_committee'],
};
const CHAIN = [WORKSHOP, ENTERPRISE, COMMITTEE];

describe('authorities in rule set v5', () => {
  test('every authority says its document format and how it signs; the Party ones are collective', () => {
    const byCode = Object.fromEntries(
      V5.authorities.map((a) => [a.code, `${a.format}/${a.signing}/${a.level}`]),
    );
    expect(byCode).toEqual({
      prime_minister: 'state/head/government',
      minister: 'state/head/ministry_province',
      provincial_chair: 'state/head/ministry_province',
      unit_head: 'state/head/grassroots',
      commune_chair: 'state/head/grassroots',
      enterprise_director: 'state/head/grassroots',
      board_chair: 'state/head/grassroots',
      party_cell: 'party/collective/party_grassroots',
      grassroots_party_committee: 'party/collective/party_grassroots',
      superior_party_standing_committee: 'party/collective/party_superior',
      provincial_party_standing_committee: 'party/collective/party_provincial',
    });
  });

  test('Party commendation per HD 06-HD/TW point 19.2 and the badge, each granted by a Party body', () => {
    const party = V5.awards.filter((a) =>
      a.grantor.authorities.every(
        (code) => V5.authorities.find((x) => x.code === code)?.format === 'party',
      ),
    );
    expect(Object.fromEntries(party.map((a) => [a.code, a.grantor.authorities]))).toEqual({
      giay_khen_dang_vien_xuat_sac: ['grassroots_party_committee', 'party_cell'],
      giay_khen_dang_vien_5_nam: ['superior_party_standing_committee'],
      bang_khen_dang_vien_5_nam: ['provincial_party_standing_committee'],
      to_chuc_dang_tsvm_tieu_bieu: ['superior_party_standing_committee'],
      huy_hieu_dang: ['provincial_party_standing_committee'],
    });
    expect(award('giay_khen_dang_vien_5_nam').prerequisites).toEqual([
      expect.objectContaining({
        type: 'rating',
        atLeast: 'hoan_thanh_xuat_sac',
        consecutiveYears: 5,
      }),
    ]);
    // No State award names a Party body, and the State awards keep their grantors.
    expect(award('lao_dong_tien_tien').grantor.authorities).toEqual([
      'unit_head',
      'enterprise_director',
      'commune_chair',
    ]);
  });
});

describe('grantingUnitFor', () => {
  test('the nearest unit acting as a granting authority, judged against the nominating unit', () => {
    const ldtt = award('lao_dong_tien_tien');
    expect(grantingUnitFor(V5, ldtt, CHAIN, 'U-el')).toMatchObject({
      route: 'own',
      unitId: 'U-el',
      authority: { code: 'enterprise_director' },
    });
    // The committee above the enterprise may not grant (nor nominate for) the enterprise's workers.
    expect(grantingUnitFor(V5, ldtt, CHAIN, 'U-duk')).toMatchObject({
      route: 'below',
      unitId: 'U-el',
    });
    // The workshop proposes up to the enterprise.
    expect(grantingUnitFor(V5, ldtt, CHAIN, 'U-ws')).toMatchObject({
      route: 'upward',
      unitId: 'U-el',
    });
    // The five-year Party certificate: the committee's standing committee, above the enterprise.
    expect(grantingUnitFor(V5, award('giay_khen_dang_vien_5_nam'), CHAIN, 'U-el')).toMatchObject({
      route: 'upward',
      unitId: 'U-duk',
      authority: { code: 'superior_party_standing_committee', format: 'party' },
    });
    // The provincial chair's diploma: no unit here acts as the chair.
    const outside = grantingUnitFor(V5, award('bang_khen_bo_tinh'), CHAIN, 'U-duk');
    expect(outside).toMatchObject({ route: 'outside' });
    expect(outside.unitId).toBeUndefined();
    expect(authorityNames(outside.authorities).vi).toBe(
      'Bộ trưởng, Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ, cơ quan trung ương hoặc Chủ tịch Ủy ban nhân dân cấp tỉnh',
    );
  });
});

describe('the grantor line', () => {
  const facts = (partyJoinedOn?: string): EligibilityFacts => ({
    awardsHeld: [],
    disciplines: [],
    pendingMatters: [],
    trafficViolations: [],
    otherNominations: [],
    taskRatings: [2021, 2022, 2023, 2024, 2025].map((year) => ({
      year,
      rating: 'hoan_thanh_xuat_sac',
    })),
    ...(partyJoinedOn === undefined ? {} : { partyJoinedOn }),
  });
  const request = (
    awardCode: string,
    nominatingUnitId: string,
    chain?: AuthorityChainLink[],
  ): EligibilityRequest => ({
    awardCode,
    evaluationYear: 2025,
    nomineeKind: 'person',
    nominatorPersonId: 'p-head',
    nomineePersonId: 'p-nominee',
    nominatingUnit: { id: nominatingUnitId, kind: 'enterprise' },
    ...(chain === undefined ? {} : { authorityChain: chain }),
    documents: ['to_trinh', 'bao_cao_thanh_tich', 'bien_ban_binh_xet'],
    asOf: '2025-12-01',
  });
  const lineOf = (lines: EligibilityLine[], rule: string) => lines.find((l) => l.rule === rule);

  test('passes naming the authority the nominating unit acts as', () => {
    const { lines } = evaluateEligibility(
      V5,
      request('lao_dong_tien_tien', 'U-el', CHAIN),
      facts(),
    );
    expect(lineOf(lines, 'grantor.authority')).toMatchObject({
      outcome: 'pass',
      details: { route: 'own', authority: 'enterprise_director', format: 'state' },
      reason: {
        vi: 'Lao động tiên tiến do Giám đốc, Tổng giám đốc doanh nghiệp, hợp tác xã quyết định: đơn vị đề nghị (Công ty Điện lực) có thẩm quyền này',
      },
    });
    expect(lineOf(lines, 'grantor.level')).toBeUndefined();
  });

  test('fails, so the nomination cannot be submitted, when a unit below the nominating unit grants it', () => {
    const result = evaluateEligibility(V5, request('lao_dong_tien_tien', 'U-duk', CHAIN), facts());
    expect(lineOf(result.lines, 'grantor.authority')).toMatchObject({
      outcome: 'fail',
      details: { route: 'below', unitId: 'U-el' },
    });
    expect(lineOf(result.lines, 'grantor.authority')!.reason.en).toContain(
      'Công ty Điện lực nominates and decides it, not a unit above it',
    );
    expect(result.outcome).toBe('ineligible');
  });

  test('passes for a proposal up the tree or outside the organisation, saying where it goes', () => {
    const party = evaluateEligibility(
      V5,
      request('giay_khen_dang_vien_5_nam', 'U-el', CHAIN),
      facts(),
    );
    expect(lineOf(party.lines, 'grantor.authority')).toMatchObject({
      outcome: 'pass',
      details: { route: 'upward', unitId: 'U-duk', format: 'party' },
    });
    const state = evaluateEligibility(V5, request('bang_khen_bo_tinh', 'U-duk', CHAIN), facts());
    expect(lineOf(state.lines, 'grantor.authority')).toMatchObject({
      outcome: 'pass',
      details: { route: 'outside' },
    });
    expect(lineOf(state.lines, 'grantor.authority')!.reason.en).toContain(
      'outside this organisation: the unit proposes it to the competent level',
    );
  });

  test('without the units’ authorities recorded, a person judges it as before', () => {
    const { lines } = evaluateEligibility(V5, request('lao_dong_tien_tien', 'U-el'), facts());
    expect(lineOf(lines, 'grantor.level')).toMatchObject({ outcome: 'needs_review' });
    expect(lineOf(lines, 'grantor.authority')).toBeUndefined();
  });
});

describe('the Party badge by years of membership', () => {
  const badge = (joinedOn: string | undefined, year = 2025) =>
    evaluateEligibility(
      V5,
      {
        awardCode: 'huy_hieu_dang',
        evaluationYear: year,
        nomineeKind: 'person',
        nominatorPersonId: 'p-head',
        nomineePersonId: 'p-nominee',
        nominatingUnit: { id: 'U-el', kind: 'enterprise' },
        authorityChain: CHAIN,
        documents: ['to_trinh', 'bao_cao_thanh_tich'],
        asOf: '2025-12-01',
      },
      {
        awardsHeld: [],
        disciplines: [],
        pendingMatters: [],
        trafficViolations: [],
        otherNominations: [],
        ...(joinedOn === undefined ? {} : { partyJoinedOn: joinedOn }),
      },
    ).lines.find((l) => l.rule === 'prerequisite.party_membership_years')!;

  test.each([
    ['1995-05-19', 'pass', 30],
    ['1985-09-02', 'pass', 40],
    ['1980-01-01', 'pass', 45],
    ['1975-11-07', 'pass', 50],
    ['1996-05-19', 'fail', 29],
    ['1994-05-19', 'fail', 31],
  ] as const)('joined %s: %s (%i years in 2025)', (joinedOn, outcome, years) => {
    expect(badge(joinedOn)).toMatchObject({ outcome, details: { years } });
  });

  test('without a day of joining in the registry a person judges it', () => {
    expect(badge(undefined)).toMatchObject({ outcome: 'needs_review' });
  });
});
