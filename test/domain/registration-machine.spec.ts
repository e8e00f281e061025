import { PUBLIC_ROLE, ROLES } from '../../src/domain/roles';
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
 * workflows/emulation-registration.v1.json, written out by hand: every state × event × role, and
 * for each transition a valid payload, the facts the registration plug-in establishes and the
 * context it leaves (the shared harness sweeps it).
 */

type G =
  | 'senderLaunchedMovement'
  | 'senderIsRegistrant'
  | 'registrationStillOpen'
  | 'registeredByDeadline'
  | 'targetsOnOffer'
  | 'hasReason';

const REGISTERED_ON = '2026-03-02';
const RESUBMITTED_ON = '2026-03-10';
const TODAY = '2026-03-12';
const DEADLINE = '2026-03-31';
const TARGETS = {
  awardCodes: ['lao_dong_tien_tien'],
  pledges: [{ criterionCode: 'traffic_law_compliance', text: 'Không có vi phạm giao thông.' }],
};
const NEW_TARGETS = {
  awardCodes: ['lao_dong_tien_tien', 'chien_si_thi_dua_co_so'],
  pledges: [
    { criterionCode: 'traffic_law_compliance', text: '100% đoàn viên chấp hành luật giao thông.' },
    { text: 'Tổ chức 2 buổi tuyên truyền.' },
  ],
};
const DATA = {
  movementId: '0190a3c4-0000-7000-8000-000000000001',
  registeredOn: REGISTERED_ON,
  targets: TARGETS,
};

const LAUNCHER = { registrationSides: { launcher: true, registrant: false } };
const REGISTRANT = { registrationSides: { launcher: false, registrant: true } };
const TERMS = {
  registrationOpen: true,
  registrationDeadline: DEADLINE,
  awardsOnOffer: ['lao_dong_tien_tien', 'chien_si_thi_dua_co_so'],
  criterionCodes: ['traffic_law_compliance', 'propaganda'],
};
const RESUBMIT_FACTS = { ...REGISTRANT, registrationTerms: TERMS };

const REFUSE_REASON = 'Mục tiêu chưa phù hợp với kế hoạch.';
const RETURN_REASON = 'Bổ sung cam kết theo tiêu chí giao thông.';
const RETURNED = { lastReason: { event: 'RETURN', text: RETURN_REASON } };

/** Entered now, on TODAY, as the application enters every event. */
const entered: EnteredNow = { today: TODAY, data: DATA };
const enteredNow = (i: Input): Input => ({ ...i, entered });

const sidesWith = (patch: Record<string, boolean>) => (i: Input) =>
  withFacts({
    registrationSides: { ...(i.facts.registrationSides as object), ...patch },
  })(i);
const termsWith = (patch: Record<string, unknown>) => (i: Input) =>
  withFacts({
    registrationTerms: { ...(i.facts.registrationTerms as object), ...patch },
  })(i);

const GUARD_SPECS: GuardCatalogue<G> = {
  senderLaunchedMovement: {
    refusal: { vi: 'Chỉ đơn vị phát động phong trào', en: 'Only the unit that launched' },
    breaking: [
      { what: 'a sender of a unit in between', change: sidesWith({ launcher: false }) },
      { what: 'no sides established', change: withoutFact('registrationSides') },
    ],
    passing: [
      {
        what: 'a launcher who is also the registrant',
        change: sidesWith({ launcher: true, registrant: true }),
      },
    ],
  },
  senderIsRegistrant: {
    refusal: { vi: 'Chỉ đơn vị đã đăng ký', en: "Only the registrant's unit" },
    breaking: [
      { what: 'the launcher alone', change: sidesWith({ registrant: false, launcher: true }) },
      { what: 'no sides established', change: withoutFact('registrationSides') },
    ],
  },
  registrationStillOpen: {
    refusal: { vi: 'không còn nhận đăng ký', en: 'no longer takes registrations' },
    breaking: [
      { what: 'a movement past registration', change: termsWith({ registrationOpen: false }) },
    ],
  },
  registeredByDeadline: {
    refusal: { vi: 'sau hạn đăng ký', en: 'after the movement' },
    breaking: [
      {
        what: 'a deadline the day before',
        change: termsWith({ registrationDeadline: '2026-03-09' }),
      },
    ],
    passing: [
      {
        what: 'registered on the deadline',
        change: termsWith({ registrationDeadline: RESUBMITTED_ON }),
      },
    ],
  },
  targetsOnOffer: {
    refusal: { vi: 'không thuộc các danh hiệu', en: 'not among the movement' },
    breaking: [
      {
        what: 'an award not on offer',
        change: withPayload({
          targets: { ...NEW_TARGETS, awardCodes: ['huan_chuong_lao_dong_hang_ba'] },
        }),
      },
      {
        what: 'a pledge on a criterion of another movement',
        change: withPayload({
          targets: { awardCodes: [], pledges: [{ criterionCode: 'other', text: 'Cam kết.' }] },
        }),
      },
    ],
    passing: [
      {
        what: 'no award and no pledge',
        change: withPayload({ targets: { awardCodes: [], pledges: [] } }),
      },
    ],
  },
  hasReason: {
    refusal: { vi: 'Cần nêu lý do', en: 'A reason is required' },
    breaking: [
      { what: 'a 4-character reason', change: withPayload({ reason: 'abcd' }) },
      { what: 'a padded 4-character reason', change: withPayload({ reason: '   abcd    ' }) },
    ],
    passing: [{ what: 'a 5-character reason', change: withPayload({ reason: 'abcde' }) }],
  },
};

const refusal = (
  what: string,
  change: (i: Input) => Input,
  ...fields: string[]
): PayloadVariant => ({ what, change, fields });

const REASON_REFUSALS = [
  refusal('no reason', withoutPayload('reason'), 'payload.reason'),
  refusal('an empty reason', withPayload({ reason: '' }), 'payload.reason'),
  refusal('a 4001-character reason', withPayload({ reason: 'x'.repeat(4001) }), 'payload.reason'),
];

const RESUBMIT_INPUT = enteredNow(
  input(RETURNED, { targets: NEW_TARGETS, registeredOn: RESUBMITTED_ON }, RESUBMIT_FACTS),
);

const REGISTRATION_V1: MachineTable<G> = {
  file: 'emulation-registration.v1.json',
  id: 'emulation_registration',
  version: 1,
  roles: [...ROLES, PUBLIC_ROLE],
  initial: 'submitted',
  openRoles: ['secretariat', 'unit_leader'],
  states: ['submitted', 'returned', 'approved', 'refused', 'withdrawn'],
  finalStates: ['approved', 'refused', 'withdrawn'],
  events: {
    APPROVE: ['registrationSides'],
    REFUSE: ['registrationSides'],
    RETURN: ['registrationSides'],
    RESUBMIT: ['registrationSides', 'registrationTerms'],
    WITHDRAW: ['registrationSides'],
  },
  foreignEvents: ['SUBMIT', 'LAUNCH', 'DECIDE', 'NO_SUCH_EVENT', 'approve', 'toString'],
  transitions: [
    row(
      'submitted',
      'APPROVE',
      'approved',
      ['secretariat', 'unit_leader'],
      ['senderLaunchedMovement'],
      enteredNow(input({}, {}, LAUNCHER)),
      {},
    ),
    row(
      'submitted',
      'REFUSE',
      'refused',
      ['secretariat', 'unit_leader'],
      ['senderLaunchedMovement', 'hasReason'],
      enteredNow(input({}, { reason: REFUSE_REASON }, LAUNCHER)),
      { lastReason: { event: 'REFUSE', text: REFUSE_REASON } },
    ),
    row(
      'submitted',
      'RETURN',
      'returned',
      ['secretariat', 'unit_leader'],
      ['senderLaunchedMovement', 'hasReason'],
      enteredNow(input({}, { reason: RETURN_REASON }, LAUNCHER)),
      RETURNED,
    ),
    row(
      'submitted',
      'WITHDRAW',
      'withdrawn',
      ['secretariat', 'unit_leader'],
      ['senderIsRegistrant'],
      enteredNow(input({}, {}, REGISTRANT)),
      {},
    ),
    row(
      'returned',
      'RESUBMIT',
      'submitted',
      ['secretariat', 'unit_leader'],
      ['senderIsRegistrant', 'registrationStillOpen', 'registeredByDeadline', 'targetsOnOffer'],
      RESUBMIT_INPUT,
      { ...RETURNED, targets: NEW_TARGETS, registeredOn: RESUBMITTED_ON },
    ),
    row(
      'returned',
      'WITHDRAW',
      'withdrawn',
      ['secretariat', 'unit_leader'],
      ['senderIsRegistrant'],
      enteredNow(input(RETURNED, { reason: 'Đơn vị không đủ điều kiện.' }, REGISTRANT)),
      RETURNED,
    ),
  ],
  fullInput: input(
    {},
    { reason: REFUSE_REASON },
    { registrationSides: { launcher: true, registrant: true }, registrationTerms: TERMS },
  ),
  guards: GUARD_SPECS,
  everyGuardRefuses: (r) => ({
    ...r.input,
    payload: r.event === 'REFUSE' || r.event === 'RETURN' ? { reason: 'abcd' } : r.input.payload,
    facts: {},
  }),
  openPayload: { subject: 'Chi đoàn Văn phòng', data: DATA },
  refusesUnknownPayloadKeys: true,
  payloadRefusals: {
    APPROVE: [
      refusal(
        'a reason it does not take',
        withPayload({ reason: REFUSE_REASON }),
        'payload.reason',
      ),
    ],
    REFUSE: REASON_REFUSALS,
    RETURN: REASON_REFUSALS,
    WITHDRAW: [refusal('an empty reason', withPayload({ reason: '' }), 'payload.reason')],
    RESUBMIT: [
      refusal('no targets', withoutPayload('targets'), 'payload.targets'),
      refusal(
        'a registration tomorrow',
        withPayload({ registeredOn: '2026-03-13' }),
        'payload.registeredOn',
      ),
      refusal(
        'a registration before the first one',
        withPayload({ registeredOn: '2026-03-01' }),
        'payload.registeredOn',
      ),
      refusal(
        'a day that does not exist',
        withPayload({ registeredOn: '2026-02-30' }),
        'payload.registeredOn',
      ),
    ],
  },
  tags: { refused: ['rejected'], withdrawn: ['withdrawn'] },
};

describeMachineTable(REGISTRATION_V1);

describeMachinePaths(REGISTRATION_V1, [
  {
    name: 'approved at once',
    opener: 'unit_leader',
    steps: ['APPROVE'],
    states: ['submitted', 'approved'],
  },
  {
    name: 'returned, resubmitted, approved',
    opener: 'secretariat',
    steps: ['RETURN', 'RESUBMIT', 'APPROVE'],
    states: ['submitted', 'returned', 'submitted', 'approved'],
  },
  { name: 'refused', opener: 'unit_leader', steps: ['REFUSE'], states: ['submitted', 'refused'] },
  {
    name: 'withdrawn while submitted',
    opener: 'unit_leader',
    steps: ['WITHDRAW'],
    states: ['submitted', 'withdrawn'],
  },
  {
    name: 'withdrawn once returned',
    opener: 'secretariat',
    steps: ['RETURN', 'WITHDRAW'],
    states: ['submitted', 'returned', 'withdrawn'],
  },
]);
