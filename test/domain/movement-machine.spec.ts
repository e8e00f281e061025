import { PUBLIC_ROLE, ROLES, SYSTEM_ROLE } from '../../src/domain/roles';
import {
  describeMachinePaths,
  describeMachineTable,
  input,
  row,
  withFacts,
  withoutFact,
  withoutPayload,
  withPayload,
  type EnteredNow,
  type GuardCatalogue,
  type Input,
  type MachineTable,
  type PayloadVariant,
} from './workflow/machine-harness';

/*
 * workflows/movement.v1.json and workflows/movement-participation.v1.json, written out by hand:
 * every state × event × role, each guard's refusals, the payload schemas, the legal dates and the
 * tags (the shared harness sweeps them). Nothing expected is read from the files at run time.
 */

const TODAY = '2026-06-30';
const LAUNCHED_ON = '2026-03-02';
const MIDTERM_ON = '2026-06-15';
const FINAL_ON = '2026-06-20';
const CLOSED_ON = '2026-06-29';
const CANCEL_REASON = 'Kế hoạch cấp trên thay đổi, dừng phong trào.';
/** Long enough for the schema (5–4000), four characters once trimmed. */
const PADDED_REASON = '   abcd    ';

const MOVEMENT_DATA = {
  code: 'PT-ATGT-2026',
  title: 'Thi đua bảo đảm trật tự, an toàn giao thông',
  type: 'thematic',
  legalBasis: [{ citation: 'Chỉ thị số 23-CT/TW ngày 25/5/2023', sourceId: 'directive_23_ct_tw' }],
  leadUnitId: '0190a3c4-0000-7000-8000-000000000010',
  coordinatingUnitIds: [],
  period: { from: '2026-03-01', to: '2026-12-31' },
  participatingUnitId: '0190a3c4-0000-7000-8000-000000000011',
  criteria: [{ code: 'traffic_law_compliance', weight: 40 }, { code: 'task_completion' }],
  awardsOnOffer: ['giay_khen'],
  registrationDeadline: '2026-03-31',
};

const movementEntered: EnteredNow = { today: TODAY, data: MOVEMENT_DATA };
const atToday = (i: Input): Input => ({ ...i, entered: movementEntered });

const NO_PARTICIPATIONS = { movementParticipations: { caseIds: [] } };
const AMENDMENT_OK = { movementAmendment: { problems: [] } };
const LAUNCHED = { launchedOn: LAUNCHED_ON };
const AT_MIDTERM = { ...LAUNCHED, midtermStartedOn: MIDTERM_ON };
const CANCELLED = { lastReason: { event: 'CANCEL', text: CANCEL_REASON } };

type MovementGuard = 'movementAmendmentAcceptable' | 'hasReason';

const MOVEMENT_GUARD_SPECS: GuardCatalogue<MovementGuard> = {
  movementAmendmentAcceptable: {
    refusal: { vi: 'Nội dung sửa đổi không hợp lệ', en: 'The amendment is not valid' },
    breaking: [
      {
        what: 'an amendment with a problem',
        change: withFacts({
          movementAmendment: {
            problems: ['payload/period/from may not be after payload/period/to'],
          },
        }),
      },
      { what: 'no amendment checked', change: withoutFact('movementAmendment') },
    ],
  },
  hasReason: {
    refusal: { vi: 'Cần nêu lý do', en: 'A reason is required' },
    breaking: [
      { what: 'a padded 4-character reason', change: withPayload({ reason: PADDED_REASON }) },
      { what: 'a reason of blanks only', change: withPayload({ reason: ' '.repeat(12) }) },
    ],
    passing: [{ what: 'a 5-character reason', change: withPayload({ reason: 'abcde' }) }],
  },
};

const refusal = (
  what: string,
  change: (i: Input) => Input,
  ...fields: string[]
): PayloadVariant => ({ what, change, fields });

const cancelRow = (from: string, context: Record<string, unknown>) =>
  row<MovementGuard>(
    from,
    'CANCEL',
    'cancelled',
    ['secretariat', 'unit_leader'],
    ['hasReason'],
    atToday(input(context, { reason: CANCEL_REASON }, NO_PARTICIPATIONS)),
    { ...context, ...CANCELLED },
  );

const MOVEMENT_V1: MachineTable<MovementGuard> = {
  file: 'movement.v1.json',
  id: 'movement',
  version: 1,
  roles: [...ROLES, PUBLIC_ROLE, SYSTEM_ROLE],
  initial: 'draft',
  openRoles: ['secretariat', 'unit_leader'],
  states: ['draft', 'launched', 'midterm_review', 'final_review', 'closed', 'cancelled'],
  finalStates: ['closed', 'cancelled'],
  events: {
    UPDATE_DRAFT: ['movementAmendment'],
    LAUNCH: [],
    START_MIDTERM_REVIEW: [],
    START_FINAL_REVIEW: [],
    CLOSE: ['movementParticipations'],
    CANCEL: ['movementParticipations'],
  },
  foreignEvents: [
    'SUBMIT',
    'APPROVE',
    'REPORT_RESULTS',
    'MOVEMENT_ENDED',
    'NO_SUCH_EVENT',
    'toString',
  ],
  transitions: [
    row(
      'draft',
      'UPDATE_DRAFT',
      'draft',
      ['secretariat', 'unit_leader'],
      ['movementAmendmentAcceptable'],
      atToday(input({}, { title: 'Tiêu đề mới', awardsOnOffer: [] }, AMENDMENT_OK)),
      { amended: { title: 'Tiêu đề mới', awardsOnOffer: [] } },
    ),
    row(
      'draft',
      'LAUNCH',
      'launched',
      ['secretariat', 'unit_leader'],
      [],
      atToday(input({}, { launchedOn: LAUNCHED_ON })),
      LAUNCHED,
    ),
    cancelRow('draft', {}),
    row(
      'launched',
      'START_MIDTERM_REVIEW',
      'midterm_review',
      ['secretariat', 'unit_leader'],
      [],
      atToday(input(LAUNCHED, { startedOn: MIDTERM_ON })),
      AT_MIDTERM,
    ),
    row(
      'launched',
      'START_FINAL_REVIEW',
      'final_review',
      ['secretariat', 'unit_leader'],
      [],
      atToday(input(LAUNCHED, { startedOn: FINAL_ON })),
      { ...LAUNCHED, finalStartedOn: FINAL_ON },
    ),
    cancelRow('launched', LAUNCHED),
    row(
      'midterm_review',
      'START_FINAL_REVIEW',
      'final_review',
      ['secretariat', 'unit_leader'],
      [],
      atToday(input(AT_MIDTERM, { startedOn: FINAL_ON })),
      { ...AT_MIDTERM, finalStartedOn: FINAL_ON },
    ),
    cancelRow('midterm_review', AT_MIDTERM),
    row(
      'final_review',
      'CLOSE',
      'closed',
      ['secretariat', 'unit_leader'],
      [],
      atToday(
        input(
          { ...AT_MIDTERM, finalStartedOn: FINAL_ON },
          { closedOn: CLOSED_ON, summary: 'Hoàn thành kế hoạch.' },
          NO_PARTICIPATIONS,
        ),
      ),
      {
        ...AT_MIDTERM,
        finalStartedOn: FINAL_ON,
        closedOn: CLOSED_ON,
        closingSummary: 'Hoàn thành kế hoạch.',
      },
    ),
  ],
  fullInput: atToday(
    input(
      { ...AT_MIDTERM, finalStartedOn: FINAL_ON },
      { reason: CANCEL_REASON },
      { ...NO_PARTICIPATIONS, ...AMENDMENT_OK },
    ),
  ),
  guards: MOVEMENT_GUARD_SPECS,
  everyGuardRefuses: (r) => ({
    ...r.input,
    payload: r.event === 'CANCEL' ? { reason: PADDED_REASON } : r.input.payload,
    facts: {},
  }),
  openPayload: { subject: 'Ban Thường vụ', data: MOVEMENT_DATA },
  refusesUnknownPayloadKeys: true,
  payloadRefusals: {
    UPDATE_DRAFT: [
      refusal('nothing to change', () => atToday(input({}, {}, AMENDMENT_OK)), 'payload'),
      refusal(
        'the units (not amendable)',
        withPayload({ leadUnitId: MOVEMENT_DATA.leadUnitId }),
        'payload.leadUnitId',
      ),
      refusal('an unknown type', withPayload({ type: 'annual' }), 'payload.type'),
      refusal('no criteria', withPayload({ criteria: [] }), 'payload.criteria'),
      refusal(
        'a weight over 100',
        withPayload({ criteria: [{ code: 'x', weight: 101 }] }),
        'payload.criteria.0.weight',
      ),
    ],
    LAUNCH: [
      refusal('a launch tomorrow', withPayload({ launchedOn: '2026-07-01' }), 'payload.launchedOn'),
      refusal(
        'a day that does not exist',
        withPayload({ launchedOn: '2026-02-30' }),
        'payload.launchedOn',
      ),
    ],
    START_MIDTERM_REVIEW: [
      refusal(
        'a review before the launch',
        withPayload({ startedOn: '2026-03-01' }),
        'payload.startedOn',
      ),
    ],
    START_FINAL_REVIEW: [
      refusal('a review tomorrow', withPayload({ startedOn: '2026-07-01' }), 'payload.startedOn'),
    ],
    CLOSE: [
      refusal(
        'a close before the final review',
        withPayload({ closedOn: '2026-06-19' }),
        'payload.closedOn',
      ),
      refusal('an empty summary', withPayload({ summary: '' }), 'payload.summary'),
    ],
    CANCEL: [
      refusal('no reason', withoutPayload('reason'), 'payload.reason'),
      refusal('a 4-character reason', withPayload({ reason: 'abcd' }), 'payload.reason'),
      refusal(
        'a 4001-character reason',
        withPayload({ reason: 'x'.repeat(4001) }),
        'payload.reason',
      ),
    ],
  },
  tags: {
    launched: ['movement_live', 'registration_open'],
    midterm_review: ['movement_live', 'results_midterm'],
    final_review: ['movement_live', 'results_final'],
    closed: ['closed'],
    cancelled: ['closed'],
  },
};

describeMachineTable(MOVEMENT_V1);

describeMachinePaths(MOVEMENT_V1, [
  {
    name: 'launched, reviewed twice, closed',
    opener: 'secretariat',
    steps: ['UPDATE_DRAFT', 'LAUNCH', 'START_MIDTERM_REVIEW', 'START_FINAL_REVIEW', 'CLOSE'],
    states: ['draft', 'draft', 'launched', 'midterm_review', 'final_review', 'closed'],
  },
  {
    name: 'a campaign without a mid-term review',
    opener: 'unit_leader',
    steps: ['LAUNCH', 'START_FINAL_REVIEW', 'CLOSE'],
    states: ['draft', 'launched', 'final_review', 'closed'],
  },
  {
    name: 'a draft cancelled',
    opener: 'unit_leader',
    steps: ['CANCEL'],
    states: ['draft', 'cancelled'],
  },
  {
    name: 'cancelled once launched',
    opener: 'secretariat',
    steps: ['LAUNCH', 'CANCEL'],
    states: ['draft', 'launched', 'cancelled'],
  },
  {
    name: 'cancelled at the mid-term review',
    opener: 'secretariat',
    steps: ['LAUNCH', 'START_MIDTERM_REVIEW', 'CANCEL'],
    states: ['draft', 'launched', 'midterm_review', 'cancelled'],
  },
]);

// ---------------------------------------------------------------------------------------------
// Participation
// ---------------------------------------------------------------------------------------------

type ParticipationGuard =
  'hasPlanDocument' | 'movementInResultsPhase' | 'resultsAgainstMovementCriteria';

const ACKNOWLEDGED_ON = '2026-03-05';
const REPORTED_ON = '2026-06-16';
const PARTICIPATION_DATA = {
  movementId: '0190a3c4-0000-7000-8000-000000000001',
  acknowledgedOn: ACKNOWLEDGED_ON,
  planSummary: 'Tuyên truyền Chỉ thị 23 đến toàn thể đảng viên.',
};
const participationEntered: EnteredNow = { today: TODAY, data: PARTICIPATION_DATA };
const nowInUnit = (i: Input): Input => ({ ...i, entered: participationEntered });

const PLAN = {
  id: '0190a3c4-0000-7000-8000-0000000000aa',
  code: 'implementation_plan',
  sha256: 'ab'.repeat(32),
  size: 1024,
  mediaType: 'application/pdf',
  fileName: 'ke-hoach.pdf',
};
const MIDTERM_PHASE = {
  movementId: PARTICIPATION_DATA.movementId,
  state: 'midterm_review',
  tags: ['movement_live', 'results_midterm'],
  criterionCodes: ['traffic_law_compliance', 'task_completion'],
};
const RESULTS = [
  { criterionCode: 'traffic_law_compliance', score: 40, text: 'Không có vi phạm.' },
  { criterionCode: 'task_completion', text: 'Hoàn thành 100% chỉ tiêu.' },
];
const phaseWith = (patch: Record<string, unknown>) =>
  withFacts({ movementPhase: { ...MIDTERM_PHASE, ...patch } });

const PARTICIPATION_GUARD_SPECS: GuardCatalogue<ParticipationGuard> = {
  hasPlanDocument: {
    refusal: { vi: 'chỉ được thêm bằng chức năng tải', en: 'is added only by uploading' },
    breaking: [
      { what: 'no stored document', change: withoutFact('document') },
      {
        what: 'a dossier document of another code',
        change: withFacts({ document: { ...PLAN, code: 'evidence' } }),
      },
    ],
  },
  movementInResultsPhase: {
    refusal: { vi: 'Phong trào chưa hoặc không còn ở giai đoạn', en: 'The movement is not in its' },
    breaking: [
      {
        what: 'a movement still only launched',
        change: phaseWith({ state: 'launched', tags: ['movement_live', 'registration_open'] }),
      },
      {
        what: 'a movement in its final review',
        change: phaseWith({ state: 'final_review', tags: ['movement_live', 'results_final'] }),
      },
      {
        what: 'a final report at the mid-term review',
        change: withPayload({ phase: 'final' }),
      },
      {
        what: 'a movement already closed',
        change: phaseWith({ state: 'closed', tags: ['closed'] }),
      },
      {
        what: 'no movement found',
        change: withoutFact('movementPhase'),
        alsoRefusedBy: ['resultsAgainstMovementCriteria'],
      },
    ],
    passing: [
      {
        what: 'a final report at the final review',
        change: (i) =>
          phaseWith({ state: 'final_review', tags: ['movement_live', 'results_final'] })(
            withPayload({ phase: 'final' })(i),
          ),
      },
    ],
  },
  resultsAgainstMovementCriteria: {
    refusal: { vi: 'Kết quả phải báo cáo theo các tiêu chí', en: 'Results are reported against' },
    breaking: [
      {
        what: 'a criterion the movement did not choose',
        change: withPayload({
          results: [{ criterionCode: 'initiatives', text: 'Hai sáng kiến.' }],
        }),
      },
      {
        what: 'one criterion twice',
        change: withPayload({ results: [RESULTS[0], RESULTS[0]] }),
      },
    ],
    passing: [{ what: 'one criterion of several', change: withPayload({ results: [RESULTS[1]] }) }],
  },
};

const PARTICIPATION_V1: MachineTable<ParticipationGuard> = {
  file: 'movement-participation.v1.json',
  id: 'movement_participation',
  version: 1,
  roles: [...ROLES, PUBLIC_ROLE, SYSTEM_ROLE],
  initial: 'acknowledged',
  openRoles: ['secretariat', 'unit_leader'],
  states: ['acknowledged', 'closed'],
  finalStates: ['closed'],
  events: {
    ATTACH_PLAN: ['document'],
    REPORT_RESULTS: ['movementPhase'],
    MOVEMENT_ENDED: [],
  },
  foreignEvents: [
    'LAUNCH',
    'CLOSE',
    'ATTACH_DOCUMENT',
    'ATTACH_EVIDENCE',
    'NO_SUCH_EVENT',
    'toString',
  ],
  transitions: [
    row(
      'acknowledged',
      'ATTACH_PLAN',
      'acknowledged',
      ['secretariat', 'unit_leader'],
      ['hasPlanDocument'],
      nowInUnit(input({}, {}, { document: PLAN })),
      { plans: [PLAN] },
    ),
    row(
      'acknowledged',
      'REPORT_RESULTS',
      'acknowledged',
      ['secretariat', 'unit_leader'],
      ['movementInResultsPhase', 'resultsAgainstMovementCriteria'],
      nowInUnit(
        input(
          { plans: [PLAN] },
          { phase: 'midterm', reportedOn: REPORTED_ON, results: RESULTS },
          { movementPhase: MIDTERM_PHASE },
        ),
      ),
      {
        plans: [PLAN],
        results: { midterm: { phase: 'midterm', reportedOn: REPORTED_ON, results: RESULTS } },
      },
    ),
    row(
      'acknowledged',
      'MOVEMENT_ENDED',
      'closed',
      [SYSTEM_ROLE],
      [],
      nowInUnit(input({}, { outcome: 'cancelled' })),
      { movementOutcome: 'cancelled' },
    ),
  ],
  fullInput: nowInUnit(
    input(
      {},
      { phase: 'midterm', reportedOn: REPORTED_ON, results: RESULTS, outcome: 'closed' },
      { document: PLAN, movementPhase: MIDTERM_PHASE },
    ),
  ),
  guards: PARTICIPATION_GUARD_SPECS,
  everyGuardRefuses: (r) => ({ ...r.input, facts: {} }),
  openPayload: { subject: 'Chi bộ Văn phòng', data: PARTICIPATION_DATA },
  refusesUnknownPayloadKeys: true,
  payloadRefusals: {
    ATTACH_PLAN: [
      refusal('a payload it does not take', withPayload({ fileName: 'x.pdf' }), 'payload.fileName'),
    ],
    REPORT_RESULTS: [
      refusal('an unknown phase', withPayload({ phase: 'annual' }), 'payload.phase'),
      refusal('no results', withPayload({ results: [] }), 'payload.results'),
      refusal(
        'a score over 100',
        withPayload({ results: [{ ...RESULTS[0], score: 101 }] }),
        'payload.results.0.score',
      ),
      refusal(
        'a report before the acknowledgement',
        withPayload({ reportedOn: '2026-03-04' }),
        'payload.reportedOn',
      ),
      refusal('a report tomorrow', withPayload({ reportedOn: '2026-07-01' }), 'payload.reportedOn'),
    ],
    MOVEMENT_ENDED: [refusal('no outcome', withoutPayload('outcome'), 'payload.outcome')],
  },
  tags: { closed: ['closed'] },
};

describeMachineTable(PARTICIPATION_V1);

describeMachinePaths(PARTICIPATION_V1, [
  {
    name: 'acknowledged, planned, reported, ended with its movement',
    opener: 'unit_leader',
    steps: ['ATTACH_PLAN', 'REPORT_RESULTS', 'MOVEMENT_ENDED'],
    states: ['acknowledged', 'acknowledged', 'acknowledged', 'closed'],
  },
  {
    name: 'ended without a report',
    opener: 'secretariat',
    steps: ['MOVEMENT_ENDED'],
    states: ['acknowledged', 'closed'],
  },
]);
