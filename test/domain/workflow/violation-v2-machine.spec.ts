import { PUBLIC_ROLE, ROLES } from '../../../src/domain/roles';
import { DISCIPLINE_FORMS } from './fact-fixtures';
import { GUARDS, type GuardName } from './guard-catalogue';
import {
  accepted,
  as,
  describeMachinePaths,
  describeMachineTable,
  findRow,
  input,
  refused,
  row,
  send,
  workflowOf,
  type MachineTable,
} from './machine-harness';

/*
 * workflows/violation.v2.json, written out by hand: every state × event × role, and for each
 * guarded transition a valid payload and facts plus each way of being refused (the harness).
 */

const TODAY = '2026-02-10';
const ANNOUNCED_ON = '2026-02-25';
const CONFIRM_REASON = 'Vi phạm tốc độ, có biên bản của Cảnh sát giao thông.';
const DISMISS_REASON = 'Xác minh không có vi phạm, biên bản ghi nhầm người.';
const CLOSE_REASON = 'Đã thi hành xong quyết định kỷ luật.';
const DECISION = { number: '12/QĐ-KL', date: '2026-02-20', signer: 'Phạm Văn Cường' };
const DISCIPLINE = { subjectType: 'party_member', form: 'khien_trach' };
const CONFIRMED = {
  lastReason: { event: 'CONFIRM', text: CONFIRM_REASON },
  confirmedOn: TODAY,
};

const VIOLATION_V2: MachineTable<GuardName> = {
  file: 'violation.v2.json',
  id: 'violation',
  version: 2,
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
    CONFIRM: ['today'],
    REFER_FOR_DECISION: [],
    DECIDE: ['disciplineForms'],
    ANNOUNCE: ['today'],
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
      input({}, { reason: CONFIRM_REASON }, { today: TODAY }),
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
      ['hasDecision', 'hasDisciplineOutcome'],
      input(
        CONFIRMED,
        { decision: DECISION, discipline: DISCIPLINE },
        { disciplineForms: DISCIPLINE_FORMS },
      ),
      { ...CONFIRMED, decision: DECISION, discipline: DISCIPLINE },
    ),
    row(
      'decided',
      'ANNOUNCE',
      'announced',
      ['secretariat'],
      [],
      input({ decision: DECISION }, {}, { today: ANNOUNCED_ON }),
      { decision: DECISION, announcedOn: ANNOUNCED_ON },
    ),
    row(
      'announced',
      'CLOSE',
      'closed',
      ['secretariat'],
      ['hasReason'],
      input(
        { ...CONFIRMED, decision: DECISION, announcedOn: ANNOUNCED_ON },
        { reason: CLOSE_REASON },
      ),
      {
        confirmedOn: TODAY,
        decision: DECISION,
        announcedOn: ANNOUNCED_ON,
        lastReason: { event: 'CLOSE', text: CLOSE_REASON },
      },
    ),
  ],
  fullInput: input(
    {},
    { reason: CONFIRM_REASON, decision: DECISION, discipline: DISCIPLINE },
    { today: TODAY, disciplineForms: DISCIPLINE_FORMS },
  ),
  guards: GUARDS,
};

describeMachineTable(VIOLATION_V2);

describeMachinePaths(VIOLATION_V2, [
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

const workflow = workflowOf(VIOLATION_V2);
const find = (from: string, event: string) => findRow(VIOLATION_V2, from, event);

describe('violation v2: what CONFIRM and DECIDE record', () => {
  test('CONFIRM records the day from facts.today, not from the payload', () => {
    const r = find('verifying', 'CONFIRM');
    const outcome = accepted(
      send(
        workflow,
        'verifying',
        'CONFIRM',
        { ...r.input, payload: { ...r.input.payload, today: '1999-01-01' } },
        as('secretariat'),
      ),
    );
    expect(outcome.snapshot.context.confirmedOn).toBe(TODAY);
    expect(outcome.record.facts).toEqual({ today: TODAY });
  });

  test('CONFIRM without the today fact is still accepted (no guard) and records confirmedOn null', () => {
    // today is declared but not guarded: the application must always establish it.
    const r = find('verifying', 'CONFIRM');
    const outcome = accepted(
      send(workflow, 'verifying', 'CONFIRM', { ...r.input, facts: {} }, as('secretariat')),
    );
    expect(outcome.snapshot.context.confirmedOn).toBeNull();
    expect(outcome.record).not.toHaveProperty('facts');
  });

  test('ANNOUNCE records the day from facts.today (a Party discipline runs from it)', () => {
    const r = find('decided', 'ANNOUNCE');
    const outcome = accepted(send(workflow, 'decided', 'ANNOUNCE', r.input, as('secretariat')));
    expect(outcome.snapshot.context.announcedOn).toBe(ANNOUNCED_ON);
    expect(outcome.record.facts).toEqual({ today: ANNOUNCED_ON });
    const withoutToday = accepted(
      send(workflow, 'decided', 'ANNOUNCE', { ...r.input, facts: {} }, as('secretariat')),
    );
    expect(withoutToday.snapshot.context.announcedOn).toBeNull();
  });

  test('DECIDE with discipline null records that no discipline was imposed', () => {
    const r = find('deciding', 'DECIDE');
    const outcome = accepted(
      send(
        workflow,
        'deciding',
        'DECIDE',
        { ...r.input, payload: { decision: DECISION, discipline: null } },
        as('council_chair'),
      ),
    );
    expect(outcome.snapshot.context).toEqual({
      ...CONFIRMED,
      decision: DECISION,
      discipline: null,
    });
  });

  test('DECIDE records the decision and discipline trimmed to their fields', () => {
    const r = find('deciding', 'DECIDE');
    const outcome = accepted(
      send(
        workflow,
        'deciding',
        'DECIDE',
        {
          ...r.input,
          payload: {
            decision: {
              number: ' 12/QĐ-KL ',
              date: DECISION.date,
              signer: ' Phạm Văn Cường ',
              extra: 1,
            },
            discipline: { ...DISCIPLINE, note: 'ignored' },
          },
        },
        as('council_chair'),
      ),
    );
    expect(outcome.snapshot.context.decision).toEqual(DECISION);
    expect(outcome.snapshot.context.discipline).toEqual(DISCIPLINE);
  });

  test('DECIDE with nothing names both guards', () => {
    const refusal = refused(
      send(workflow, 'deciding', 'DECIDE', input(CONFIRMED), as('council_chair')),
    );
    expect(refusal.failedGuards?.map((g) => g.name)).toEqual([
      'hasDecision',
      'hasDisciplineOutcome',
    ]);
  });
});
