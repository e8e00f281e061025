import type { ViolationCategory } from '../../../src/domain/discipline/violation-categories';
import type { ViolationCaseRecord } from '../../../src/domain/discipline/violation-statistics';
import {
  evaluationSheet,
  type EvaluationSheetRequest,
  type SheetMovement,
  type SheetNomination,
  type SheetRegistration,
} from '../../../src/domain/evaluation/evaluation-sheet';

/**
 * The sheet of 2025 for unit A (/a/) with its cells B (/a/b/) and C (/a/c/), counted by hand.
 * Hà (A), Lan and Minh (B); C has nobody.
 */
const CATEGORIES: ViolationCategory[] = [
  {
    code: 'traffic_alcohol',
    name: { vi: 'Nồng độ cồn', en: 'Alcohol' },
    group: 'traffic',
    countsAgainstTraffic: true,
  },
  { code: 'other', name: { vi: 'Khác', en: 'Other' }, group: 'other', countsAgainstTraffic: false },
];
const FORMS = [{ code: 'canh_cao', name: { vi: 'Cảnh cáo', en: 'Warning' }, severity: 2 }];

const MOVEMENT_2025: SheetMovement = {
  id: 'm1',
  code: 'PT-1',
  title: 'An toàn giao thông',
  period: { from: '2025-03-01', to: '2026-02-28' },
};
const MOVEMENT_2023: SheetMovement = {
  id: 'm0',
  code: 'PT-0',
  title: 'Cũ',
  period: { from: '2023-01-01', to: '2023-12-31' },
};

const registration = (
  caseId: string,
  personId: string,
  overrides: Partial<SheetRegistration> = {},
): SheetRegistration => ({
  caseId,
  subject: { kind: 'person', id: personId },
  movement: MOVEMENT_2025,
  state: 'approved',
  stateLabel: { vi: 'Đã duyệt', en: 'Approved' },
  approved: true,
  awardCodes: ['lao_dong_tien_tien'],
  ...overrides,
});

const nomination = (
  caseId: string,
  personId: string,
  overrides: Partial<SheetNomination> = {},
): SheetNomination => ({
  caseId,
  subject: { kind: 'person', id: personId },
  awardCode: 'lao_dong_tien_tien',
  evaluationYear: 2025,
  granted: true,
  decidedOn: '2025-12-20',
  decisionNumber: '5/QĐ-A',
  movementId: null,
  registrationId: null,
  ...overrides,
});

const violation = (
  id: string,
  personId: string,
  category: string,
  occurredOn: string,
  context: Record<string, unknown>,
): ViolationCaseRecord => ({
  id,
  subject: { kind: 'person', personId },
  data: { category, source: 'police_notice', occurredOn },
  context,
  tags: [],
  reportedOn: occurredOn,
});

function request(overrides: Partial<EvaluationSheetRequest> = {}): EvaluationSheetRequest {
  return {
    year: 2025,
    units: [
      { id: 'c', code: 'C', name: 'Chi bộ C', path: '/a/c/' },
      { id: 'a', code: 'A', name: 'Đảng ủy A', path: '/a/' },
      { id: 'b', code: 'B', name: 'Chi bộ B', path: '/a/b/' },
    ],
    people: [
      { id: 'minh', code: 'P3', name: 'Minh', unitId: 'b' },
      { id: 'lan', code: 'P2', name: 'Lan', unitId: 'b' },
      { id: 'ha', code: 'P1', name: 'Hà', unitId: 'a' },
    ],
    ratings: [
      {
        subject: { kind: 'person', id: 'lan' },
        code: 'hoan_thanh_tot',
        name: { vi: 'Hoàn thành tốt nhiệm vụ', en: 'Good' },
      },
    ],
    registrations: [],
    nominations: [],
    importedAwards: [],
    violations: [],
    categories: CATEGORIES,
    forms: FORMS,
    awardName: (code) => ({ vi: `(vi) ${code}`, en: code }),
    detail: 'full',
    readsInFull: () => true,
    ...overrides,
  };
}

const row = (sheet: ReturnType<typeof evaluationSheet>, id: string) => {
  const found = sheet.rows.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no row ${id}`);
  return found;
};

describe('the annual evaluation sheet', () => {
  test('each unit, then its own people by code, then the units below it', () => {
    const sheet = evaluationSheet(request());
    expect(sheet.rows.map((r) => [r.kind, r.id, r.depth])).toEqual([
      ['unit', 'a', 0],
      ['person', 'ha', 0],
      ['unit', 'b', 1],
      ['person', 'lan', 1],
      ['person', 'minh', 1],
      ['unit', 'c', 1],
    ]);
    expect(row(sheet, 'lan').rating).toEqual({
      code: 'hoan_thanh_tot',
      label: { vi: 'Hoàn thành tốt nhiệm vụ', en: 'Good' },
    });
    expect(row(sheet, 'minh').rating).toBeNull();
    expect(row(sheet, 'c').traffic).toEqual({
      met: null,
      share: { numerator: 0, denominator: 0, percent: null },
    });
  });

  test('a registration is met by a granted award that follows it, or of its movement and targets', () => {
    const sheet = evaluationSheet(
      request({
        registrations: [
          registration('r-lan', 'lan'),
          registration('r-minh', 'minh'),
          registration('r-ha', 'ha', { state: 'submitted', approved: false }),
          registration('r-old', 'lan', { movement: MOVEMENT_2023 }),
        ],
        nominations: [
          nomination('n-lan', 'lan', { registrationId: 'r-lan', movementId: 'm1' }),
          // Of the movement and a target, but not granted: revoked.
          nomination('n-minh-revoked', 'minh', { movementId: 'm1', granted: false }),
          // Granted, of the movement, but an award Minh did not aim at.
          nomination('n-minh-other', 'minh', {
            movementId: 'm1',
            awardCode: 'chien_si_thi_dua_co_so',
          }),
          nomination('n-ha', 'ha', { movementId: 'm1' }),
        ],
      }),
    );
    expect(row(sheet, 'lan').registrations).toEqual([
      expect.objectContaining({ caseId: 'r-lan', met: true, metBy: 'n-lan' }),
    ]);
    expect(row(sheet, 'minh').registrations).toEqual([
      expect.objectContaining({ caseId: 'r-minh', met: false, metBy: null }),
    ]);
    // Not approved: not met, whatever was granted.
    expect(row(sheet, 'ha').registrations).toEqual([
      expect.objectContaining({ caseId: 'r-ha', met: false }),
    ]);
    // A nomination of the same movement and target meets it without naming it.
    const byMovement = evaluationSheet(
      request({
        registrations: [registration('r-minh', 'minh')],
        nominations: [nomination('n-minh', 'minh', { movementId: 'm1' })],
      }),
    );
    expect(row(byMovement, 'minh').registrations[0]).toMatchObject({ met: true, metBy: 'n-minh' });
  });

  test('awards decided in the year: by the decision day, an old import by its year', () => {
    const sheet = evaluationSheet(
      request({
        nominations: [
          nomination('n-2025', 'lan', { evaluationYear: 2024, decidedOn: '2025-01-15' }),
          nomination('n-2026', 'lan', { decidedOn: '2026-01-10' }),
          nomination('n-revoked', 'lan', { granted: false }),
        ],
        importedAwards: [
          {
            id: 'i-dated',
            subject: { kind: 'person', id: 'lan' },
            awardCode: 'bang_khen',
            year: 2024,
            granted: true,
            decidedOn: '2025-06-01',
            decisionNumber: null,
          },
          {
            id: 'i-undated',
            subject: { kind: 'person', id: 'lan' },
            awardCode: 'giay_khen',
            year: 2025,
            granted: true,
            decidedOn: null,
            decisionNumber: null,
          },
          {
            id: 'i-revoked',
            subject: { kind: 'person', id: 'lan' },
            awardCode: 'giay_khen',
            year: 2025,
            granted: false,
            decidedOn: '2025-02-01',
            decisionNumber: null,
          },
        ],
      }),
    );
    expect(row(sheet, 'lan').awards.map((award) => [award.source, award.reference])).toEqual([
      ['imported', 'i-undated'],
      ['case', 'n-2025'],
      ['imported', 'i-dated'],
    ]);
  });

  test('violations as the statistics count them; the traffic criterion per person and unit', () => {
    const violations = [
      // Lan: confirmed drink-driving in 2025, a standing warning.
      violation('v1', 'lan', 'traffic_alcohol', '2025-05-01', {
        confirmedOn: '2025-05-10',
        decisions: [{ outcome: 'discipline', form: 'canh_cao', status: 'in_force' }],
      }),
      // Minh: a confirmed violation of another kind, and a traffic report still being verified.
      violation('v2', 'minh', 'other', '2025-07-01', { confirmedOn: '2025-07-05' }),
      violation('v3', 'minh', 'traffic_alcohol', '2025-08-01', {}),
      // Hà: drink-driving confirmed, but in 2024.
      violation('v4', 'ha', 'traffic_alcohol', '2024-12-31', { confirmedOn: '2025-01-05' }),
    ];
    const sheet = evaluationSheet(request({ violations }));
    expect(row(sheet, 'lan').violations).toEqual({
      confirmed: 1,
      disciplines: 1,
      details: [
        {
          caseId: 'v1',
          occurredOn: '2025-05-01',
          category: { code: 'traffic_alcohol', label: { vi: 'Nồng độ cồn', en: 'Alcohol' } },
          outcome: { code: 'discipline', label: expect.any(Object) },
          disciplineForms: [{ code: 'canh_cao', label: { vi: 'Cảnh cáo', en: 'Warning' } }],
          countsAgainstTraffic: true,
        },
      ],
    });
    expect(row(sheet, 'lan').traffic.met).toBe(false);
    expect(row(sheet, 'minh').violations.confirmed).toBe(1);
    expect(row(sheet, 'minh').traffic.met).toBe(true);
    expect(row(sheet, 'ha').violations).toEqual({ confirmed: 0, disciplines: 0, details: [] });
    expect(row(sheet, 'ha').traffic.met).toBe(true);
    expect(row(sheet, 'b').traffic.share).toEqual({ numerator: 1, denominator: 2, percent: 50 });
    expect(row(sheet, 'a').traffic.share).toEqual({ numerator: 2, denominator: 3, percent: 66.7 });

    // A case the reader may not read in full (another unit's, brought along by a person who
    // moved in) counts, without its details.
    const elsewhere = evaluationSheet(request({ violations, readsInFull: (id) => id !== 'v1' }));
    expect(row(elsewhere, 'lan').violations).toEqual({ confirmed: 1, disciplines: 1, details: [] });
    expect(row(elsewhere, 'lan').traffic.met).toBe(false);

    // A reader who may see counts only gets no details at all.
    const counts = evaluationSheet(request({ violations, detail: 'counts' }));
    expect(counts.violationDetail).toBe('counts');
    expect(row(counts, 'lan').violations).toEqual({ confirmed: 1, disciplines: 1 });
    expect(row(counts, 'lan').traffic.met).toBe(false);
  });
});
