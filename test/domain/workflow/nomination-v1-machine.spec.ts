import { PUBLIC_ROLE, ROLES } from '../../../src/domain/roles';
import { allowedEvents } from '../../../src/domain/workflow/step';
import { VALID_DECISION, VALID_REASON } from './fact-fixtures';
import { GUARDS, type GuardName } from './guard-catalogue';
import {
  accepted,
  as,
  describeMachinePaths,
  describeMachineTable,
  input,
  row,
  send,
  walk,
  workflowOf,
  type MachineTable,
} from './machine-harness';

/*
 * workflows/nomination.v1.json, written out by hand: every state × event × role, and for each
 * transition a valid payload and the context it leaves (the harness sweeps it).
 */

const SUPPLEMENT_REASON = 'Thiếu bản tóm tắt thành tích năm 2025.';
const REJECTION_REASON = 'Chưa đủ tiêu chuẩn theo Điều 24 Luật Thi đua, khen thưởng.';
const ANNOUNCE_DECISION = { number: '45/QĐ-UBND', date: '2026-03-02', signer: 'Nguyễn Văn An' };
const REVOKE_DECISION = { number: '77/QĐ-UBND', date: '2026-06-30', signer: 'Lê Thị Bình' };
const REVOKE_REASON = 'Phát hiện khai man thành tích (Điều 93 khoản 2).';

/** What RETURN_FOR_SUPPLEMENT leaves, and later steps without actions keep. */
const RETURNED = { lastReason: { event: 'RETURN_FOR_SUPPLEMENT', text: SUPPLEMENT_REASON } };

const NOMINATION_V1: MachineTable<GuardName> = {
  file: 'nomination.v1.json',
  id: 'nomination',
  version: 1,
  roles: [...ROLES, PUBLIC_ROLE],
  initial: 'draft',
  openRoles: ['unit_leader'],
  states: [
    'draft',
    'submitted',
    'verifying',
    'returned_for_supplement',
    'verified',
    'council_review',
    'approved',
    'public_notice',
    'announced',
    'rejected',
    'withdrawn',
    'revoked',
  ],
  finalStates: ['rejected', 'withdrawn', 'revoked'],
  events: {
    SUBMIT: [],
    WITHDRAW: [],
    START_VERIFICATION: [],
    RETURN_FOR_SUPPLEMENT: [],
    RESUBMIT: [],
    MARK_VERIFIED: [],
    SEND_TO_COUNCIL: [],
    APPROVE: [],
    REJECT: [],
    OPEN_PUBLIC_NOTICE: [],
    ANNOUNCE: [],
    REVOKE: [],
  },
  foreignEvents: ['DECIDE', 'CLOSE', 'FILE_OBJECTION', 'NO_SUCH_EVENT', 'submit', 'toString'],
  transitions: [
    row('draft', 'SUBMIT', 'submitted', ['unit_leader'], [], input({}), {}),
    row('draft', 'WITHDRAW', 'withdrawn', ['unit_leader'], [], input({}), {}),
    row('submitted', 'START_VERIFICATION', 'verifying', ['secretariat'], [], input({}), {}),
    row('submitted', 'WITHDRAW', 'withdrawn', ['unit_leader'], [], input({}), {}),
    row(
      'verifying',
      'RETURN_FOR_SUPPLEMENT',
      'returned_for_supplement',
      ['secretariat'],
      ['hasReason'],
      input({}, { reason: SUPPLEMENT_REASON }),
      RETURNED,
    ),
    row('verifying', 'MARK_VERIFIED', 'verified', ['secretariat'], [], input(RETURNED), RETURNED),
    row(
      'returned_for_supplement',
      'RESUBMIT',
      'verifying',
      ['unit_leader'],
      [],
      input(RETURNED),
      RETURNED,
    ),
    row(
      'returned_for_supplement',
      'WITHDRAW',
      'withdrawn',
      ['unit_leader'],
      [],
      input(RETURNED),
      RETURNED,
    ),
    row('verified', 'SEND_TO_COUNCIL', 'council_review', ['secretariat'], [], input({}), {}),
    row('council_review', 'APPROVE', 'approved', ['council_chair'], [], input({}), {}),
    row(
      'council_review',
      'REJECT',
      'rejected',
      ['council_chair'],
      ['hasReason'],
      input(RETURNED, { reason: REJECTION_REASON }),
      { lastReason: { event: 'REJECT', text: REJECTION_REASON } },
    ),
    row('approved', 'OPEN_PUBLIC_NOTICE', 'public_notice', ['secretariat'], [], input({}), {}),
    row(
      'public_notice',
      'ANNOUNCE',
      'announced',
      ['secretariat'],
      ['hasDecision'],
      input(RETURNED, { decision: ANNOUNCE_DECISION }),
      { ...RETURNED, decision: ANNOUNCE_DECISION },
    ),
    row(
      'announced',
      'REVOKE',
      'revoked',
      ['council_chair'],
      ['hasDecision', 'hasReason'],
      input({ decision: ANNOUNCE_DECISION }, { decision: REVOKE_DECISION, reason: REVOKE_REASON }),
      {
        decision: ANNOUNCE_DECISION,
        revocation: { decision: REVOKE_DECISION, reason: REVOKE_REASON },
      },
    ),
  ],
  fullInput: input({}, { reason: VALID_REASON, decision: VALID_DECISION }),
  guards: GUARDS,
};

describeMachineTable(NOMINATION_V1);

describeMachinePaths(NOMINATION_V1, [
  {
    name: 'draft → … → announced → revoked, with one return for supplement',
    opener: 'unit_leader',
    steps: [
      'SUBMIT',
      'START_VERIFICATION',
      'RETURN_FOR_SUPPLEMENT',
      'RESUBMIT',
      'MARK_VERIFIED',
      'SEND_TO_COUNCIL',
      'APPROVE',
      'OPEN_PUBLIC_NOTICE',
      'ANNOUNCE',
      'REVOKE',
    ],
    states: [
      'draft',
      'submitted',
      'verifying',
      'returned_for_supplement',
      'verifying',
      'verified',
      'council_review',
      'approved',
      'public_notice',
      'announced',
      'revoked',
    ],
  },
  {
    name: 'rejected by the council',
    opener: 'unit_leader',
    steps: ['SUBMIT', 'START_VERIFICATION', 'MARK_VERIFIED', 'SEND_TO_COUNCIL', 'REJECT'],
    states: ['draft', 'submitted', 'verifying', 'verified', 'council_review', 'rejected'],
  },
  {
    name: 'withdrawn after a return for supplement',
    opener: 'unit_leader',
    steps: ['SUBMIT', 'START_VERIFICATION', 'RETURN_FOR_SUPPLEMENT', 'WITHDRAW'],
    states: ['draft', 'submitted', 'verifying', 'returned_for_supplement', 'withdrawn'],
  },
]);

// ---------------------------------------------------------------------------------------------
// Beyond the sweep
// ---------------------------------------------------------------------------------------------

const workflow = workflowOf(NOMINATION_V1);

describe('nomination v1: allowedEvents labels', () => {
  test('draft, as unit_leader: SUBMIT and WITHDRAW with their labels', () => {
    expect(allowedEvents(workflow, 'draft', as('unit_leader'))).toEqual([
      { type: 'SUBMIT', label: { vi: 'Trình hồ sơ đề nghị', en: 'Submit' } },
      { type: 'WITHDRAW', label: { vi: 'Rút hồ sơ', en: 'Withdraw' } },
    ]);
  });

  test('submitted, as unit_leader and secretariat: both roles’ events', () => {
    const events = allowedEvents(workflow, 'submitted', as('unit_leader', 'secretariat'));
    expect(events.map((e) => e.type).sort()).toEqual(['START_VERIFICATION', 'WITHDRAW']);
  });
});

describe('nomination v1: context recorded by actions along a whole path', () => {
  const walked = () =>
    walk(NOMINATION_V1, 'unit_leader', [
      'SUBMIT',
      'START_VERIFICATION',
      { event: 'RETURN_FOR_SUPPLEMENT', payload: { reason: SUPPLEMENT_REASON } },
      'RESUBMIT',
      'MARK_VERIFIED',
      'SEND_TO_COUNCIL',
      'APPROVE',
      'OPEN_PUBLIC_NOTICE',
      { event: 'ANNOUNCE', payload: { decision: ANNOUNCE_DECISION } },
      { event: 'REVOKE', payload: { decision: REVOKE_DECISION, reason: REVOKE_REASON } },
    ]);
  let nomination: ReturnType<typeof walked>;
  beforeAll(() => {
    nomination = walked();
  });
  const contextAfter = (state: string, occurrence = 0) =>
    nomination.snapshots.filter((s) => s.state === state)[occurrence].context;

  test('a new case starts with an empty context', () => {
    expect(contextAfter('draft')).toEqual({});
  });

  test('RETURN_FOR_SUPPLEMENT records the reason', () => {
    expect(contextAfter('returned_for_supplement')).toEqual(RETURNED);
  });

  test('the context survives later steps without actions', () => {
    expect(contextAfter('verifying', 1)).toEqual(RETURNED);
    expect(contextAfter('public_notice')).toEqual(contextAfter('verifying', 1));
  });

  test('ANNOUNCE records the decision number, date and signer', () => {
    expect(contextAfter('announced').decision).toEqual(ANNOUNCE_DECISION);
    expect(contextAfter('announced').lastReason).toEqual(RETURNED.lastReason);
  });

  test('REVOKE records the revocation decision and its reason, keeping the award decision', () => {
    expect(contextAfter('revoked')).toEqual({
      ...RETURNED,
      decision: ANNOUNCE_DECISION,
      revocation: { decision: REVOKE_DECISION, reason: REVOKE_REASON },
    });
  });

  test('REJECT records the rejection reason', () => {
    const rejected = walk(NOMINATION_V1, 'unit_leader', [
      'SUBMIT',
      'START_VERIFICATION',
      'MARK_VERIFIED',
      'SEND_TO_COUNCIL',
      { event: 'REJECT', payload: { reason: REJECTION_REASON } },
    ]);
    expect(rejected.snapshots[rejected.snapshots.length - 1].context).toEqual({
      lastReason: { event: 'REJECT', text: REJECTION_REASON },
    });
  });

  test('reasons and decision fields are recorded trimmed', () => {
    const returned = accepted(
      send(
        workflow,
        'verifying',
        'RETURN_FOR_SUPPLEMENT',
        input({}, { reason: `   ${SUPPLEMENT_REASON}\n` }),
        as('secretariat'),
      ),
    );
    expect(returned.snapshot.context.lastReason).toEqual(RETURNED.lastReason);

    const announced = accepted(
      send(
        workflow,
        'public_notice',
        'ANNOUNCE',
        input(
          {},
          { decision: { number: ' 45/QĐ-UBND ', date: '2026-03-02', signer: ' Nguyễn Văn An ' } },
        ),
        as('secretariat'),
      ),
    );
    expect(announced.snapshot.context.decision).toEqual(ANNOUNCE_DECISION);
  });
});
