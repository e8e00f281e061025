import path from 'node:path';
import { PUBLIC_ROLE, ROLES, SYSTEM_ROLE } from '../../../src/domain/roles';
import { step } from '../../../src/domain/workflow/step';
import { loadWorkflowCatalogue } from '../../../src/workflows/workflow-files';
import { DISCIPLINE_FORMS } from './fact-fixtures';
import { GUARDS } from './guard-catalogue';
import {
  accepted,
  as,
  clone,
  describeMachinePaths,
  describeMachineTable,
  findRow,
  input,
  position,
  refused,
  row,
  send,
  snapshotOf,
  withContext,
  withFacts,
  withoutPayload,
  withPayload,
  workflowOf,
  type EnteredNow,
  type GuardCatalogue,
  type Input,
  type MachineTable,
  type PayloadVariant,
} from './machine-harness';

/*
 * workflows/violation.v3.json, written out by hand: every state × event × role (the system role
 * included, which no event accepts), each guard's refusals, the payload schema of every event, the
 * legal dates (confirmedOn, decision.date, announcedOn) with their defaults and limits, and the
 * tags of every state. Nothing expected here is read from the file at run time.
 */

// ---------------------------------------------------------------------------------------------
// The case and its dates
// ---------------------------------------------------------------------------------------------

const OCCURRED_ON = '2026-01-20';
/** What the case was opened with (the dataSchema's fields). */
const DATA = {
  category: 'traffic',
  occurredOn: OCCURRED_ON,
  summary: 'Điều khiển xe mô tô vượt quá tốc độ cho phép.',
};
/** The rule set's limit on backdating a legal date. */
const MAX_DAYS_BACK = 60;

/** Entered now, on `today`, as the application enters every event. */
const on = (today: string): EnteredNow => ({ today, maxDaysBack: MAX_DAYS_BACK, data: DATA });
const enteredOn =
  (today: string) =>
  (i: Input): Input => ({ ...i, entered: on(today) });
/** The same input with the limits it is entered under changed. */
const withEntered =
  (patch: Partial<EnteredNow>) =>
  (i: Input): Input => ({ ...i, entered: { ...i.entered!, ...patch } });
/** The same input replayed from the record: no limits, nothing settled. */
const replayed = (i: Input): Input => {
  const copy = { ...i };
  delete copy.entered;
  return copy;
};

/** CONFIRM is entered on this day, its confirmedOn left for the engine to fill in. */
const CONFIRM_DAY = '2026-02-10';
/** DECIDE is entered on this day, for a decision signed two days earlier. */
const DECIDE_DAY = '2026-02-20';
const SIGNED_ON = '2026-02-18';
/** ANNOUNCE is entered on this day, its announcedOn left for the engine to fill in. */
const ANNOUNCE_DAY = '2026-02-25';

const DISMISS_REASON = 'Xác minh không có vi phạm, biên bản ghi nhầm người.';
const CONFIRM_REASON = 'Vi phạm tốc độ, có biên bản của Cảnh sát giao thông.';
const CLOSE_REASON = 'Đã thi hành xong quyết định kỷ luật.';
const DECISION = { number: '12/QĐ-KL', date: SIGNED_ON, signer: 'Phạm Văn Cường' };
const UNDATED = { number: DECISION.number, signer: DECISION.signer };
const DISCIPLINE = { subjectType: 'party_member', form: 'khien_trach' };

const CONFIRMED = {
  lastReason: { event: 'CONFIRM', text: CONFIRM_REASON },
  confirmedOn: CONFIRM_DAY,
};
const DECIDED = { ...CONFIRMED, decision: DECISION, discipline: DISCIPLINE };
const ANNOUNCED = { ...DECIDED, announcedOn: ANNOUNCE_DAY };

// ---------------------------------------------------------------------------------------------
// Guards: what still reaches them once the payload schema has passed
// ---------------------------------------------------------------------------------------------

/** Long enough for the schema (5–4000), four characters once trimmed. */
const PADDED_REASON = '   abcd    ';

type G = 'hasReason' | 'hasDecision' | 'hasDisciplineOutcome';

const V3_GUARDS: GuardCatalogue<G> = {
  hasReason: {
    refusal: GUARDS.hasReason.refusal,
    breaking: [
      { what: 'a padded 4-character reason', change: withPayload({ reason: PADDED_REASON }) },
      { what: 'a reason of blanks only', change: withPayload({ reason: ' '.repeat(12) }) },
      {
        what: 'a 4-character reason among line breaks',
        change: withPayload({ reason: '\n\nabcd\t\n' }),
      },
    ],
    passing: [
      { what: 'a 5-character reason', change: withPayload({ reason: 'abcde' }) },
      { what: 'a 5-character reason inside padding', change: withPayload({ reason: '  abcde  ' }) },
      { what: 'a 4000-character reason', change: withPayload({ reason: 'x'.repeat(4000) }) },
    ],
  },
  hasDecision: {
    refusal: GUARDS.hasDecision.refusal,
    breaking: [
      {
        what: 'a blank signer',
        change: withPayload({ decision: { ...DECISION, signer: '   ' } }),
      },
      {
        what: 'a blank number',
        change: withPayload({ decision: { ...DECISION, number: '  ' } }),
      },
      {
        what: 'no signing date, replayed (nothing fills it in)',
        change: (i) => replayed(withPayload({ decision: UNDATED })(i)),
      },
    ],
    passing: [
      {
        what: 'no signing date (today is filled in)',
        change: withPayload({ decision: UNDATED }),
      },
      {
        what: 'number and signer inside padding',
        change: withPayload({ decision: { ...DECISION, number: ' 12/QĐ-KL ', signer: ' Cường ' } }),
      },
      {
        what: 'a 100-character number',
        change: withPayload({ decision: { ...DECISION, number: 'N'.repeat(100) } }),
      },
      {
        what: 'a 200-character signer',
        change: withPayload({ decision: { ...DECISION, signer: 'S'.repeat(200) } }),
      },
    ],
  },
  hasDisciplineOutcome: {
    refusal: GUARDS.hasDisciplineOutcome.refusal,
    breaking: [
      {
        what: 'a subject type the rule set lacks',
        change: withPayload({ discipline: { subjectType: 'robot', form: 'khien_trach' } }),
      },
      {
        what: 'a form the rule set lacks for the subject',
        change: withPayload({ discipline: { subjectType: 'party_member', form: 'made_up_form' } }),
      },
      {
        what: 'a form of another subject type',
        change: withPayload({ discipline: { subjectType: 'civil_servant', form: 'khai_tru' } }),
      },
      {
        what: 'an inherited property name as subject type',
        change: withPayload({ discipline: { subjectType: 'constructor', form: 'khien_trach' } }),
      },
      {
        what: 'no disciplineForms fact',
        change: (i) => ({ ...i, facts: {} }),
      },
    ],
    passing: [
      { what: 'no discipline (null)', change: withPayload({ discipline: null }) },
      {
        what: 'a civil-servant warning',
        change: withPayload({ discipline: { subjectType: 'civil_servant', form: 'canh_cao' } }),
      },
    ],
  },
};

// ---------------------------------------------------------------------------------------------
// Payloads the schema (or a legal date) refuses before any guard runs
// ---------------------------------------------------------------------------------------------

const refusal = (
  what: string,
  change: (i: Input) => Input,
  ...fields: string[]
): PayloadVariant => ({ what, change, fields });

const TAKES_NOTHING = [
  refusal('a reason it does not take', withPayload({ reason: CONFIRM_REASON }), 'payload.reason'),
  refusal('two keys it does not take', withPayload({ a: 1, b: 2 }), 'payload.a', 'payload.b'),
];

const REASON_REFUSALS = [
  refusal('no reason', withoutPayload('reason'), 'payload.reason'),
  refusal('a 4-character reason', withPayload({ reason: 'abcd' }), 'payload.reason'),
  refusal('a 4001-character reason', withPayload({ reason: 'x'.repeat(4001) }), 'payload.reason'),
  refusal('a reason that is a number', withPayload({ reason: 12345678 }), 'payload.reason'),
  refusal('a null reason', withPayload({ reason: null }), 'payload.reason'),
];

const decisionWith = (patch: Record<string, unknown>) =>
  withPayload({ decision: { ...DECISION, ...patch } });
/** oneOf [null, object]: both branches fail, then oneOf itself (each at its own path). */
const DISCIPLINE_ONE_OF = 'payload.discipline';

const VIOLATION_V3: MachineTable<G> = {
  file: 'violation.v3.json',
  id: 'violation',
  version: 3,
  roles: [...ROLES, PUBLIC_ROLE, SYSTEM_ROLE],
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
    DECIDE: ['disciplineForms'],
    ANNOUNCE: [],
    CLOSE: [],
  },
  foreignEvents: [
    'SUBMIT',
    'REVOKE',
    'FILE_OBJECTION',
    'OPEN_PUBLIC_NOTICE',
    'NO_SUCH_EVENT',
    'confirm',
    'toString',
  ],
  transitions: [
    row(
      'reported',
      'START_VERIFICATION',
      'verifying',
      ['secretariat'],
      [],
      enteredOn('2026-01-22')(input({})),
      {},
    ),
    row(
      'verifying',
      'DISMISS',
      'dismissed',
      ['secretariat'],
      ['hasReason'],
      enteredOn('2026-02-05')(input({}, { reason: DISMISS_REASON })),
      { lastReason: { event: 'DISMISS', text: DISMISS_REASON } },
    ),
    {
      ...row(
        'verifying',
        'CONFIRM',
        'confirmed',
        ['secretariat'],
        ['hasReason'],
        enteredOn(CONFIRM_DAY)(input({}, { reason: CONFIRM_REASON })),
        CONFIRMED,
      ),
      recorded: { reason: CONFIRM_REASON, confirmedOn: CONFIRM_DAY },
    },
    row(
      'confirmed',
      'REFER_FOR_DECISION',
      'deciding',
      ['secretariat'],
      [],
      enteredOn('2026-02-12')(input(CONFIRMED)),
      CONFIRMED,
    ),
    row(
      'deciding',
      'DECIDE',
      'decided',
      ['council_chair'],
      ['hasDecision', 'hasDisciplineOutcome'],
      enteredOn(DECIDE_DAY)(
        input(
          CONFIRMED,
          { decision: DECISION, discipline: DISCIPLINE },
          { disciplineForms: DISCIPLINE_FORMS },
        ),
      ),
      DECIDED,
    ),
    {
      ...row(
        'decided',
        'ANNOUNCE',
        'announced',
        ['secretariat'],
        [],
        enteredOn(ANNOUNCE_DAY)(input(DECIDED)),
        ANNOUNCED,
      ),
      recorded: { announcedOn: ANNOUNCE_DAY },
    },
    row(
      'announced',
      'CLOSE',
      'closed',
      ['secretariat'],
      ['hasReason'],
      enteredOn('2026-06-30')(input(ANNOUNCED, { reason: CLOSE_REASON })),
      { ...ANNOUNCED, lastReason: { event: 'CLOSE', text: CLOSE_REASON } },
    ),
  ],
  fullInput: input(
    {},
    { reason: CONFIRM_REASON, decision: DECISION, discipline: DISCIPLINE },
    { disciplineForms: DISCIPLINE_FORMS },
  ),
  guards: V3_GUARDS,
  everyGuardRefuses: (r) => ({
    ...r.input,
    facts: {},
    payload:
      r.event === 'DECIDE'
        ? {
            decision: { ...DECISION, signer: '   ' },
            discipline: { subjectType: 'robot', form: 'khien_trach' },
          }
        : { reason: PADDED_REASON },
  }),
  openPayload: { subject: { name: 'Lê Văn Dũng', unit: 'Phòng Hành chính' }, data: DATA },
  refusesUnknownPayloadKeys: true,
  payloadRefusals: {
    START_VERIFICATION: TAKES_NOTHING,
    REFER_FOR_DECISION: TAKES_NOTHING,
    DISMISS: REASON_REFUSALS,
    CLOSE: REASON_REFUSALS,
    CONFIRM: [
      ...REASON_REFUSALS,
      refusal(
        'an impossible confirmedOn (2026-02-30)',
        withPayload({ confirmedOn: '2026-02-30' }),
        'payload.confirmedOn',
      ),
      refusal(
        'a non-ISO confirmedOn',
        withPayload({ confirmedOn: '09/02/2026' }),
        'payload.confirmedOn',
      ),
      refusal(
        'a confirmedOn with a time',
        withPayload({ confirmedOn: '2026-02-09T00:00:00Z' }),
        'payload.confirmedOn',
      ),
      refusal(
        'a confirmedOn that is a number',
        withPayload({ confirmedOn: 20260209 }),
        'payload.confirmedOn',
      ),
      refusal('a null confirmedOn', withPayload({ confirmedOn: null }), 'payload.confirmedOn'),
      refusal(
        'a confirmedOn tomorrow',
        withPayload({ confirmedOn: '2026-02-11' }),
        'payload.confirmedOn',
      ),
      refusal(
        'a confirmedOn the day before the violation',
        withPayload({ confirmedOn: '2026-01-19' }),
        'payload.confirmedOn',
      ),
      refusal(
        'a confirmedOn beyond maxDaysBack (7)',
        (i) => withEntered({ maxDaysBack: 7 })(withPayload({ confirmedOn: '2026-02-02' })(i)),
        'payload.confirmedOn',
      ),
      refusal(
        'a confirmedOn both beyond maxDaysBack and before the violation',
        withPayload({ confirmedOn: '2025-12-11' }),
        'payload.confirmedOn',
        'payload.confirmedOn',
      ),
      refusal(
        'a confirmedOn beyond maxDaysBack, on a case with no occurredOn',
        (i) => withEntered({ data: {} })(withPayload({ confirmedOn: '2025-12-11' })(i)),
        'payload.confirmedOn',
      ),
    ],
    DECIDE: [
      refusal('no decision', withoutPayload('decision'), 'payload.decision'),
      refusal('no discipline', withoutPayload('discipline'), 'payload.discipline'),
      refusal(
        'neither decision nor discipline',
        (i) => ({ ...i, payload: {} }),
        'payload.decision',
        'payload.discipline',
      ),
      refusal('a null decision', withPayload({ decision: null }), 'payload.decision'),
      refusal('a decision that is text', withPayload({ decision: '12/QĐ-KL' }), 'payload.decision'),
      refusal(
        'a decision without number',
        withPayload({ decision: { date: SIGNED_ON, signer: DECISION.signer } }),
        'payload.decision.number',
      ),
      refusal(
        'a decision without signer',
        withPayload({ decision: { number: DECISION.number, date: SIGNED_ON } }),
        'payload.decision.signer',
      ),
      refusal(
        'an empty decision (its date filled in)',
        withPayload({ decision: {} }),
        'payload.decision.number',
        'payload.decision.signer',
      ),
      refusal('a numeric number', decisionWith({ number: 12 }), 'payload.decision.number'),
      refusal('an empty number', decisionWith({ number: '' }), 'payload.decision.number'),
      refusal(
        'a 101-character number',
        decisionWith({ number: 'N'.repeat(101) }),
        'payload.decision.number',
      ),
      refusal('an empty signer', decisionWith({ signer: '' }), 'payload.decision.signer'),
      refusal(
        'a 201-character signer',
        decisionWith({ signer: 'S'.repeat(201) }),
        'payload.decision.signer',
      ),
      refusal(
        'an impossible date (2026-02-29)',
        decisionWith({ date: '2026-02-29' }),
        'payload.decision.date',
      ),
      refusal(
        'a date with a time',
        decisionWith({ date: '2026-02-18T08:00:00+07:00' }),
        'payload.decision.date',
      ),
      refusal(
        'a key the decision does not take',
        decisionWith({ issuedBy: 'UBND' }),
        'payload.decision.issuedBy',
      ),
      refusal(
        'a discipline that is text',
        withPayload({ discipline: 'khien_trach' }),
        DISCIPLINE_ONE_OF,
        DISCIPLINE_ONE_OF,
        DISCIPLINE_ONE_OF,
      ),
      refusal(
        'a key the discipline does not take',
        withPayload({ discipline: { ...DISCIPLINE, note: 'x' } }),
        DISCIPLINE_ONE_OF,
        'payload.discipline.note',
        DISCIPLINE_ONE_OF,
      ),
      refusal(
        'a discipline without form',
        withPayload({ discipline: { subjectType: 'party_member' } }),
        DISCIPLINE_ONE_OF,
        'payload.discipline.form',
        DISCIPLINE_ONE_OF,
      ),
      refusal(
        'a form that is not a code',
        withPayload({ discipline: { subjectType: 'party_member', form: 'Khiển trách' } }),
        DISCIPLINE_ONE_OF,
        'payload.discipline.form',
        DISCIPLINE_ONE_OF,
      ),
      refusal('a date tomorrow', decisionWith({ date: '2026-02-21' }), 'payload.decision.date'),
      refusal(
        'a date before the confirmation',
        decisionWith({ date: '2026-02-09' }),
        'payload.decision.date',
      ),
      refusal(
        'a date before the confirmation and before the violation',
        decisionWith({ date: '2026-01-19' }),
        'payload.decision.date',
        'payload.decision.date',
      ),
      refusal(
        'a date before the violation, with no confirmation in the context',
        (i) => withContext({ confirmedOn: null })(decisionWith({ date: '2026-01-19' })(i)),
        'payload.decision.date',
      ),
      refusal(
        'a date beyond maxDaysBack (7)',
        (i) => withEntered({ maxDaysBack: 7 })(decisionWith({ date: '2026-02-12' })(i)),
        'payload.decision.date',
      ),
    ],
    ANNOUNCE: [
      refusal(
        'an impossible announcedOn',
        withPayload({ announcedOn: '2026-02-30' }),
        'payload.announcedOn',
      ),
      refusal(
        'an announcedOn that is a number',
        withPayload({ announcedOn: 20260224 }),
        'payload.announcedOn',
      ),
      refusal(
        'an announcedOn tomorrow',
        withPayload({ announcedOn: '2026-02-26' }),
        'payload.announcedOn',
      ),
      refusal(
        'an announcedOn before the decision was signed',
        withPayload({ announcedOn: '2026-02-17' }),
        'payload.announcedOn',
      ),
      refusal(
        'an announcedOn beyond maxDaysBack (3)',
        (i) => withEntered({ maxDaysBack: 3 })(withPayload({ announcedOn: '2026-02-21' })(i)),
        'payload.announcedOn',
      ),
    ],
  },
  tags: {
    reported: ['pending_matter'],
    verifying: ['pending_matter'],
    confirmed: ['pending_matter'],
    deciding: ['pending_matter'],
    decided: ['discipline_in_force'],
    announced: ['discipline_in_force'],
    dismissed: ['dismissed', 'closed'],
    closed: ['discipline_in_force', 'closed'],
  },
};

describeMachineTable(VIOLATION_V3);

describeMachinePaths(VIOLATION_V3, [
  {
    name: 'reported → … → closed, the dates filled in or entered as they happened',
    opener: 'secretariat',
    steps: ['START_VERIFICATION', 'CONFIRM', 'REFER_FOR_DECISION', 'DECIDE', 'ANNOUNCE', 'CLOSE'],
    states: ['reported', 'verifying', 'confirmed', 'deciding', 'decided', 'announced', 'closed'],
  },
  {
    name: 'every legal date entered weeks after the fact',
    opener: 'unit_leader',
    steps: [
      'START_VERIFICATION',
      {
        event: 'CONFIRM',
        payload: { reason: CONFIRM_REASON, confirmedOn: '2026-01-21' },
        entered: on('2026-03-01'),
      },
      { event: 'REFER_FOR_DECISION', entered: on('2026-03-01') },
      {
        event: 'DECIDE',
        payload: { decision: { ...DECISION, date: '2026-01-21' }, discipline: null },
        entered: on('2026-03-01'),
      },
      { event: 'ANNOUNCE', payload: { announcedOn: '2026-01-21' }, entered: on('2026-03-01') },
      'CLOSE',
    ],
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
// What the table cannot say in a row
// ---------------------------------------------------------------------------------------------

const workflow = workflowOf(VIOLATION_V3);
const find = (from: string, event: string) => findRow(VIOLATION_V3, from, event);
/** Sends a row's event with its input changed, as the row's first role. */
const sendRow = (from: string, event: string, change: (i: Input) => Input = (i) => i) => {
  const r = find(from, event);
  return send(workflow, from, event, change(r.input), as(r.roles[0]));
};

describe('violation v3: legal dates filled in when absent', () => {
  test('CONFIRM without confirmedOn records today in the payload and the context', () => {
    const outcome = accepted(sendRow('verifying', 'CONFIRM'));
    expect(clone(outcome.record.payload)).toStrictEqual({
      reason: CONFIRM_REASON,
      confirmedOn: CONFIRM_DAY,
    });
    expect(outcome.snapshot.context.confirmedOn).toBe(CONFIRM_DAY);
  });

  test('DECIDE without decision.date records today as the signing date', () => {
    const outcome = accepted(sendRow('deciding', 'DECIDE', withPayload({ decision: UNDATED })));
    const decision = { ...UNDATED, date: DECIDE_DAY };
    expect(clone(outcome.record.payload)).toStrictEqual({ decision, discipline: DISCIPLINE });
    expect(outcome.snapshot.context.decision).toEqual(decision);
  });

  test('ANNOUNCE without announcedOn records today', () => {
    const outcome = accepted(sendRow('decided', 'ANNOUNCE'));
    expect(clone(outcome.record.payload)).toStrictEqual({ announcedOn: ANNOUNCE_DAY });
    expect(outcome.snapshot.context.announcedOn).toBe(ANNOUNCE_DAY);
  });

  test('no decision is invented to carry a default date: the schema names payload.decision', () => {
    const outcome = refused(sendRow('deciding', 'DECIDE', withoutPayload('decision')));
    expect(outcome.payloadProblems?.map((p) => p.field)).toEqual(['payload.decision']);
  });

  test('an event without legal dates keeps its payload as sent', () => {
    const outcome = accepted(sendRow('announced', 'CLOSE'));
    expect(clone(outcome.record.payload)).toStrictEqual({ reason: CLOSE_REASON });
  });
});

describe('violation v3: legal dates as the official entered them', () => {
  test('CONFIRM keeps an earlier confirmedOn, in the record and the context', () => {
    const outcome = accepted(
      sendRow('verifying', 'CONFIRM', withPayload({ confirmedOn: '2026-01-30' })),
    );
    expect(clone(outcome.record.payload)).toStrictEqual({
      reason: CONFIRM_REASON,
      confirmedOn: '2026-01-30',
    });
    expect(outcome.snapshot.context.confirmedOn).toBe('2026-01-30');
  });

  test('ANNOUNCE keeps an earlier announcedOn', () => {
    const outcome = accepted(
      sendRow('decided', 'ANNOUNCE', withPayload({ announcedOn: '2026-02-19' })),
    );
    expect(outcome.snapshot.context.announcedOn).toBe('2026-02-19');
  });

  test('CONFIRM and ANNOUNCE read no today fact: one sent is neither recorded nor used', () => {
    const confirm = accepted(sendRow('verifying', 'CONFIRM', withFacts({ today: '1999-01-01' })));
    expect(confirm.record).not.toHaveProperty('facts');
    expect(confirm.snapshot.context.confirmedOn).toBe(CONFIRM_DAY);
    const announce = accepted(sendRow('decided', 'ANNOUNCE', withFacts({ today: '1999-01-01' })));
    expect(announce.record).not.toHaveProperty('facts');
    expect(announce.snapshot.context.announcedOn).toBe(ANNOUNCE_DAY);
  });

  // Each limit is inclusive: the day itself is accepted, the day beyond it is not.
  test.each([
    ['CONFIRM on today', 'verifying', 'CONFIRM', { confirmedOn: CONFIRM_DAY }, true],
    [
      'CONFIRM on the day of the violation',
      'verifying',
      'CONFIRM',
      { confirmedOn: OCCURRED_ON },
      true,
    ],
    [
      'CONFIRM the day before the violation',
      'verifying',
      'CONFIRM',
      { confirmedOn: '2026-01-19' },
      false,
    ],
    [
      'DECIDE on today',
      'deciding',
      'DECIDE',
      { decision: { ...DECISION, date: DECIDE_DAY } },
      true,
    ],
    [
      'DECIDE on the day of the confirmation',
      'deciding',
      'DECIDE',
      { decision: { ...DECISION, date: CONFIRM_DAY } },
      true,
    ],
    [
      'DECIDE the day before the confirmation',
      'deciding',
      'DECIDE',
      { decision: { ...DECISION, date: '2026-02-09' } },
      false,
    ],
    ['ANNOUNCE on today', 'decided', 'ANNOUNCE', { announcedOn: ANNOUNCE_DAY }, true],
    ['ANNOUNCE on the signing day', 'decided', 'ANNOUNCE', { announcedOn: SIGNED_ON }, true],
    [
      'ANNOUNCE the day before the signing day',
      'decided',
      'ANNOUNCE',
      { announcedOn: '2026-02-17' },
      false,
    ],
  ])('%s: accepted %p', (_what, from, event, patch, ok) => {
    expect(sendRow(from, event, withPayload(patch)).accepted).toBe(ok);
  });

  test.each([
    // today 2026-02-10, 60 days back: 2025-12-12.
    ['2025-12-12', true],
    ['2025-12-11', false],
  ])('with no occurredOn, CONFIRM on %s (maxDaysBack 60): accepted %p', (confirmedOn, ok) => {
    const outcome = sendRow('verifying', 'CONFIRM', (i) =>
      withEntered({ data: {} })(withPayload({ confirmedOn })(i)),
    );
    expect(outcome.accepted).toBe(ok);
  });

  test('without a maxDaysBack any past date after the earlier ones is accepted', () => {
    const outcome = sendRow('verifying', 'CONFIRM', (i) =>
      withEntered({ maxDaysBack: undefined, data: {} })(
        withPayload({ confirmedOn: '2001-01-01' })(i),
      ),
    );
    expect(accepted(outcome).snapshot.context.confirmedOn).toBe('2001-01-01');
  });

  test('a future date is refused whatever maxDaysBack says', () => {
    const outcome = sendRow('decided', 'ANNOUNCE', (i) =>
      withEntered({ maxDaysBack: 100000 })(withPayload({ announcedOn: '2030-01-01' })(i)),
    );
    expect(refused(outcome).payloadProblems?.map((p) => p.field)).toEqual(['payload.announcedOn']);
  });

  test('a refused date is named with its label and value, in both languages', () => {
    const problem = refused(
      sendRow('verifying', 'CONFIRM', withPayload({ confirmedOn: '2026-02-11' })),
    ).payloadProblems![0];
    expect(problem.field).toBe('payload.confirmedOn');
    expect(problem.message.vi).toContain('Ngày kết luận có vi phạm');
    expect(problem.message.vi).toContain('11/02/2026');
    expect(problem.message.en).toContain('The day the violation was concluded');
    expect(problem.message.en).toContain('2026-02-11');
  });

  test('a date before an earlier one names the earlier date', () => {
    const problem = refused(
      sendRow('decided', 'ANNOUNCE', withPayload({ announcedOn: '2026-02-17' })),
    ).payloadProblems![0];
    expect(problem.message.en).toContain(SIGNED_ON);
    expect(problem.message.vi).toContain('18/02/2026');
  });
});

describe('violation v3: replay (no limits given) settles nothing', () => {
  test.each([
    ['verifying', 'CONFIRM'],
    ['deciding', 'DECIDE'],
    ['decided', 'ANNOUNCE'],
  ])(
    '%s × %s: replaying the recorded payload gives the same snapshot and record',
    (from, event) => {
      const r = find(from, event);
      const entered = accepted(send(workflow, from, event, r.input, as(r.roles[0])));
      const replay = accepted(
        step(
          workflow,
          snapshotOf(from, r.input.context),
          event,
          clone(entered.record.payload),
          as(r.roles[0]),
          position(3),
          clone(r.input.facts),
        ),
      );
      expect(clone(replay.snapshot)).toStrictEqual(clone(entered.snapshot));
      expect(replay.record.hash).toBe(entered.record.hash);
    },
  );

  test('CONFIRM without confirmedOn, replayed: nothing is filled in, confirmedOn is null', () => {
    const outcome = accepted(sendRow('verifying', 'CONFIRM', replayed));
    expect(clone(outcome.record.payload)).toStrictEqual({ reason: CONFIRM_REASON });
    expect(outcome.snapshot.context.confirmedOn).toBeNull();
  });

  test('ANNOUNCE without announcedOn, replayed: announcedOn is null', () => {
    const outcome = accepted(sendRow('decided', 'ANNOUNCE', replayed));
    expect(clone(outcome.record.payload)).toStrictEqual({});
    expect(outcome.snapshot.context.announcedOn).toBeNull();
  });

  test('a recorded date is not checked again: a future one replays', () => {
    const outcome = sendRow('verifying', 'CONFIRM', (i) =>
      replayed(withPayload({ confirmedOn: '2030-01-01' })(i)),
    );
    expect(accepted(outcome).snapshot.context.confirmedOn).toBe('2030-01-01');
  });

  test('the schema still applies on replay', () => {
    const outcome = sendRow('decided', 'ANNOUNCE', (i) =>
      replayed(withPayload({ announcedOn: '2026-02-30' })(i)),
    );
    expect(refused(outcome).payloadProblems?.map((p) => p.field)).toEqual(['payload.announcedOn']);
  });
});

describe('violation v3: the order of the checks', () => {
  const BAD = { reason: 12, extra: true };

  test('state before payload: a bad payload in the wrong state is EVENT_NOT_ALLOWED_IN_STATE', () => {
    const outcome = send(workflow, 'reported', 'CONFIRM', input({}, BAD), as('secretariat'));
    expect(refused(outcome).reason).toBe('EVENT_NOT_ALLOWED_IN_STATE');
  });

  test('role before payload: a bad payload from the wrong role is ROLE_NOT_ALLOWED', () => {
    const wrongRole = send(
      workflow,
      'verifying',
      'CONFIRM',
      { ...find('verifying', 'CONFIRM').input, payload: BAD },
      as('council_chair'),
    );
    expect(refused(wrongRole).reason).toBe('ROLE_NOT_ALLOWED');
  });

  test('payload before guards: a bad payload that every guard would also refuse is PAYLOAD_INVALID', () => {
    const outcome = refused(
      sendRow('deciding', 'DECIDE', (i) => ({
        ...i,
        payload: { decision: { ...DECISION, signer: '   ', extra: 1 }, discipline: null },
        facts: {},
      })),
    );
    expect(outcome.reason).toBe('PAYLOAD_INVALID');
    expect(outcome.payloadProblems?.map((p) => p.field)).toEqual(['payload.decision.extra']);
    expect(outcome).not.toHaveProperty('failedGuards');
  });

  test('a legal date that is refused is refused before the guards', () => {
    const outcome = refused(
      sendRow('deciding', 'DECIDE', (i) => ({
        ...decisionWith({ date: '2026-03-01', signer: '   ' })(i),
        facts: {},
      })),
    );
    expect(outcome.reason).toBe('PAYLOAD_INVALID');
    expect(outcome.payloadProblems?.map((p) => p.field)).toEqual(['payload.decision.date']);
  });

  test('the schema names every problem at once, each field with its message in both languages', () => {
    const outcome = refused(
      sendRow('deciding', 'DECIDE', () =>
        enteredOn(DECIDE_DAY)(
          input(CONFIRMED, { decision: { number: 7, date: 'x' }, discipline: null, extra: 1 }),
        ),
      ),
    );
    expect(outcome.payloadProblems?.map((p) => p.field).sort()).toEqual(
      [
        'payload.decision.date',
        'payload.decision.number',
        'payload.decision.signer',
        'payload.extra',
      ].sort(),
    );
    for (const problem of outcome.payloadProblems!) {
      expect(problem.message.vi).toContain(problem.field);
      expect(problem.message.en).toContain(problem.field);
      expect(outcome.message.vi).toContain(problem.field);
      expect(outcome.message.en).toContain(problem.field);
    }
  });
});

describe('violation v3: roles', () => {
  test('no event names the system role, and a system actor may send nothing anywhere', () => {
    for (const r of VIOLATION_V3.transitions) {
      expect(refused(send(workflow, r.from, r.event, r.input, as(SYSTEM_ROLE)))).toMatchObject({
        reason: 'ROLE_NOT_ALLOWED',
        allowedRoles: r.roles,
      });
    }
  });

  test('the public may send nothing either', () => {
    for (const r of VIOLATION_V3.transitions) {
      expect(refused(send(workflow, r.from, r.event, r.input, as(PUBLIC_ROLE))).reason).toBe(
        'ROLE_NOT_ALLOWED',
      );
    }
  });
});

describe('violation v3 in the catalogue the server loads', () => {
  const catalogue = loadWorkflowCatalogue(path.join(__dirname, '..', '..', '..', 'workflows'));

  test('is the same file, with the same hash', () => {
    expect(catalogue.get('violation', 3).hash).toBe(workflow.hash);
  });

  test.each(Object.entries(VIOLATION_V3.tags!))('%s carries %p there too', (state, tags) => {
    expect([...catalogue.tagsOf({ id: 'violation', version: 3 }, state)].sort()).toEqual(
      [...tags].sort(),
    );
  });
});
