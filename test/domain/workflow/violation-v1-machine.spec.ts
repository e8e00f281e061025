import { PUBLIC_ROLE, ROLES } from '../../../src/domain/roles';
import { allowedEvents } from '../../../src/domain/workflow/step';
import { VALID_DECISION, VALID_REASON } from './fact-fixtures';
import { GUARDS, type GuardName } from './guard-catalogue';
import {
  as,
  describeMachinePaths,
  describeMachineTable,
  input,
  row,
  walk,
  workflowOf,
  type MachineTable,
} from './machine-harness';

/*
 * workflows/violation.v1.json, written out by hand: every state × event × role, and for each
 * transition a valid payload and the context it leaves (the harness sweeps it).
 */

const CONFIRM_REASON = 'Vi phạm tốc độ, có biên bản.';
const DISMISS_REASON = 'Xác minh không có vi phạm, biên bản ghi nhầm người.';
const CLOSE_REASON = 'Đã thi hành quyết định.';
const DECISION = { number: '12/QĐ-KL', date: '2024-02-29', signer: 'Phạm Văn Cường' };

const CONFIRMED = { lastReason: { event: 'CONFIRM', text: CONFIRM_REASON } };
const DECIDED = { ...CONFIRMED, decision: DECISION };

const VIOLATION_V1: MachineTable<GuardName> = {
  file: 'violation.v1.json',
  id: 'violation',
  version: 1,
  roles: [...ROLES, PUBLIC_ROLE],
  initial: 'reported',
  openRoles: ['secretariat', 'unit_leader'],
  states: [
    'reported',
    'verifying',
    'confirmed',
    'deciding',
    'decided',
    'announced',
    'dismissed',
    'closed',
  ],
  finalStates: ['dismissed', 'closed'],
  events: {
    START_VERIFICATION: [],
    DISMISS: [],
    CONFIRM: [],
    REFER_FOR_DECISION: [],
    DECIDE: [],
    ANNOUNCE: [],
    CLOSE: [],
  },
  foreignEvents: ['SUBMIT', 'REVOKE', 'FILE_OBJECTION', 'NO_SUCH_EVENT', 'close', 'toString'],
  transitions: [
    row('reported', 'START_VERIFICATION', 'verifying', ['secretariat'], [], input({}), {}),
    row(
      'verifying',
      'DISMISS',
      'dismissed',
      ['secretariat'],
      ['hasReason'],
      input({}, { reason: DISMISS_REASON }),
      { lastReason: { event: 'DISMISS', text: DISMISS_REASON } },
    ),
    row(
      'verifying',
      'CONFIRM',
      'confirmed',
      ['secretariat'],
      ['hasReason'],
      input({}, { reason: CONFIRM_REASON }),
      CONFIRMED,
    ),
    row(
      'confirmed',
      'REFER_FOR_DECISION',
      'deciding',
      ['secretariat'],
      [],
      input(CONFIRMED),
      CONFIRMED,
    ),
    row(
      'deciding',
      'DECIDE',
      'decided',
      ['council_chair'],
      ['hasDecision'],
      input(CONFIRMED, { decision: DECISION }),
      DECIDED,
    ),
    row('decided', 'ANNOUNCE', 'announced', ['secretariat'], [], input(DECIDED), DECIDED),
    row(
      'announced',
      'CLOSE',
      'closed',
      ['secretariat'],
      ['hasReason'],
      input(DECIDED, { reason: CLOSE_REASON }),
      { decision: DECISION, lastReason: { event: 'CLOSE', text: CLOSE_REASON } },
    ),
  ],
  fullInput: input({}, { reason: VALID_REASON, decision: VALID_DECISION }),
  guards: GUARDS,
};

describeMachineTable(VIOLATION_V1);

describeMachinePaths(VIOLATION_V1, [
  {
    name: 'reported → … → closed',
    opener: 'secretariat',
    steps: ['START_VERIFICATION', 'CONFIRM', 'REFER_FOR_DECISION', 'DECIDE', 'ANNOUNCE', 'CLOSE'],
    states: ['reported', 'verifying', 'confirmed', 'deciding', 'decided', 'announced', 'closed'],
  },
  {
    name: 'dismissed, opened by a unit leader',
    opener: 'unit_leader',
    steps: ['START_VERIFICATION', 'DISMISS'],
    states: ['reported', 'verifying', 'dismissed'],
  },
]);

// ---------------------------------------------------------------------------------------------
// Beyond the sweep
// ---------------------------------------------------------------------------------------------

describe('violation v1: allowedEvents labels', () => {
  test('verifying, as council_chair: nothing', () => {
    expect(allowedEvents(workflowOf(VIOLATION_V1), 'verifying', as('council_chair'))).toEqual([]);
  });
});

describe('violation v1: context recorded by actions along a whole path', () => {
  test('CONFIRM, DECIDE and CLOSE record what they carry', () => {
    const violation = walk(VIOLATION_V1, 'secretariat', [
      'START_VERIFICATION',
      { event: 'CONFIRM', payload: { reason: CONFIRM_REASON } },
      'REFER_FOR_DECISION',
      { event: 'DECIDE', payload: { decision: DECISION } },
      'ANNOUNCE',
      { event: 'CLOSE', payload: { reason: CLOSE_REASON } },
    ]);
    const byState = Object.fromEntries(violation.snapshots.map((s) => [s.state, s.context]));

    expect(byState.confirmed).toEqual(CONFIRMED);
    expect(byState.decided).toEqual({ ...byState.confirmed, decision: DECISION });
    expect(byState.closed).toEqual({
      decision: DECISION,
      lastReason: { event: 'CLOSE', text: CLOSE_REASON },
    });
  });
});
