import path from 'node:path';
import { PUBLIC_ROLE, ROLES, SYSTEM_ROLE } from '../../../src/domain/roles';
import { allowedEvents } from '../../../src/domain/workflow/step';
import { loadWorkflowCatalogue } from '../../../src/workflows/workflow-files';
import {
  AUTOMATIC_RECUSAL,
  CHAIR,
  COUNCIL_AGENDA,
  COUNCIL_ID,
  COUNCIL_ROSTER,
  COUNCIL_RULES,
  COUNCIL_TALLY,
  DEFERRED_CASE_ID,
  ITEM_CASE_ID,
  ITEM_DEFERRED,
  ITEM_TO_VOTE,
  MEETING_DATE,
  MINUTES,
  NOMINEE_MEMBER,
  OUTSIDER,
  PARTICIPATION,
  personId,
  PRESENT_AT_QUORUM,
  ROSTER_WITHOUT_RULES,
  SECRETARY,
  VALID_REASON,
  VOTERS,
} from './fact-fixtures';
import { COUNCIL_GUARDS, GUARDS, type CouncilGuardName } from './guard-catalogue';
import {
  accepted,
  as,
  clone,
  describeMachinePaths,
  describeMachineTable,
  findRow,
  input,
  refused,
  row,
  send,
  withContext,
  withFacts,
  withoutPayload,
  withPayload,
  workflowOf,
  type GuardCatalogue,
  type Input,
  type MachineTable,
  type PayloadVariant,
} from './machine-harness';

/*
 * workflows/council-session.v1.json, written out by hand: every state × event × role (council
 * members, the public and the system role included: none of them sends a session event, and a
 * ballot is no event at all), each guard's refusals, the payload schema of every event and the
 * tags. Nothing expected here is read from the file at run time.
 */

type G = CouncilGuardName | 'hasReason';

/** Long enough for the schema (5–4000), four characters once trimmed. */
const PADDED_REASON = '   abcd    ';
const RECUSAL_REASON = 'Là cấp trên trực tiếp của người được đề nghị.';

const SESSION_GUARDS: GuardCatalogue<G> = {
  ...COUNCIL_GUARDS,
  hasReason: {
    refusal: GUARDS.hasReason.refusal,
    breaking: [
      { what: 'a padded 4-character reason', change: withPayload({ reason: PADDED_REASON }) },
      { what: 'a reason of blanks only', change: withPayload({ reason: ' '.repeat(12) }) },
    ],
    passing: GUARDS.hasReason.passing,
  },
};

// ---------------------------------------------------------------------------------------------
// The session as it goes
// ---------------------------------------------------------------------------------------------

const AGENDA_DRAWN = {
  roster: COUNCIL_ROSTER,
  agenda: COUNCIL_AGENDA.items,
  recusals: [AUTOMATIC_RECUSAL],
};
const ATTENDED = { ...AGENDA_DRAWN, attendance: { present: PRESENT_AT_QUORUM } };
/** Six of nine present: exactly the 2/3 quorum. */
const QUORUM_CHECK = { members: 9, present: 6, required: 6, met: true, rule: COUNCIL_RULES };
const OPENED = { ...ATTENDED, quorumAtOpening: QUORUM_CHECK };
const COUNTED = { ...OPENED, quorumAtClose: QUORUM_CHECK, tally: COUNCIL_TALLY.items };
/** A member who arrives late, after the opening. */
const LATECOMER = personId(7);
const DECLARED_RECUSAL = {
  caseId: ITEM_CASE_ID,
  personId: personId(3),
  reason: RECUSAL_REASON,
  automatic: false,
};
/** Before the opening the ballot box is empty: nobody has voted on anything. */
const NO_BALLOTS = { ballots: [] };

// ---------------------------------------------------------------------------------------------
// Payloads the schema refuses before any guard runs
// ---------------------------------------------------------------------------------------------

const refusal = (
  what: string,
  change: (i: Input) => Input,
  ...fields: string[]
): PayloadVariant => ({ what, change, fields });

const TAKES_NOTHING = [
  refusal('a reason it does not take', withPayload({ reason: VALID_REASON }), 'payload.reason'),
  refusal('two keys it does not take', withPayload({ a: 1, b: 2 }), 'payload.a', 'payload.b'),
];

const REASON_REFUSALS = [
  refusal('no reason', withoutPayload('reason'), 'payload.reason'),
  refusal('a 4-character reason', withPayload({ reason: 'abcd' }), 'payload.reason'),
  refusal('a 4001-character reason', withPayload({ reason: 'x'.repeat(4001) }), 'payload.reason'),
  refusal('a reason that is a number', withPayload({ reason: 12345678 }), 'payload.reason'),
];

const COUNCIL_SESSION_V1: MachineTable<G> = {
  file: 'council-session.v1.json',
  id: 'council_session',
  version: 1,
  roles: [...ROLES, PUBLIC_ROLE, SYSTEM_ROLE],
  initial: 'scheduled',
  openRoles: ['secretariat'],
  states: ['scheduled', 'open', 'counted', 'closed', 'cancelled'],
  finalStates: ['closed', 'cancelled'],
  events: {
    SET_AGENDA: ['councilRoster', 'councilAgenda'],
    RECORD_ATTENDANCE: ['councilRoster'],
    OPEN: ['councilRoster'],
    DECLARE_RECUSAL: ['councilRoster', 'councilParticipation'],
    CLOSE_VOTING: ['councilRoster', 'councilTally'],
    RECORD_MINUTES: ['minutes'],
    CANCEL: [],
  },
  foreignEvents: [
    'CAST_BALLOT',
    'BALLOT',
    'VOTE',
    'COUNCIL_RECOMMENDS',
    'APPROVE',
    'SUBMIT',
    'open',
    'toString',
  ],
  transitions: [
    row(
      'scheduled',
      'SET_AGENDA',
      'scheduled',
      ['secretariat'],
      ['councilHasRules'],
      input({}, {}, { councilRoster: COUNCIL_ROSTER, councilAgenda: COUNCIL_AGENDA }),
      AGENDA_DRAWN,
    ),
    row(
      'scheduled',
      'RECORD_ATTENDANCE',
      'scheduled',
      ['secretariat'],
      ['attendanceOnRoster'],
      input(
        AGENDA_DRAWN,
        { present: [...PRESENT_AT_QUORUM, SECRETARY] },
        { councilRoster: COUNCIL_ROSTER },
      ),
      { ...AGENDA_DRAWN, attendance: { present: [...PRESENT_AT_QUORUM, SECRETARY] } },
    ),
    row(
      'scheduled',
      'DECLARE_RECUSAL',
      'scheduled',
      ['council_chair', 'secretariat'],
      ['recusalAllowed', 'hasReason'],
      input(
        AGENDA_DRAWN,
        { caseId: ITEM_CASE_ID, personId: personId(3), reason: `\t${RECUSAL_REASON}  ` },
        { councilRoster: COUNCIL_ROSTER, councilParticipation: NO_BALLOTS },
      ),
      { ...AGENDA_DRAWN, recusals: [AUTOMATIC_RECUSAL, DECLARED_RECUSAL] },
    ),
    row(
      'scheduled',
      'OPEN',
      'open',
      ['council_chair', 'secretariat'],
      ['councilHasRules', 'agendaDrawn', 'quorumPresent'],
      input(ATTENDED, {}, { councilRoster: COUNCIL_ROSTER }),
      OPENED,
    ),
    row(
      'scheduled',
      'CANCEL',
      'cancelled',
      ['secretariat', 'council_chair'],
      ['hasReason'],
      input(AGENDA_DRAWN, { reason: VALID_REASON }),
      { ...AGENDA_DRAWN, lastReason: { event: 'CANCEL', text: VALID_REASON } },
    ),
    row(
      'open',
      'RECORD_ATTENDANCE',
      'open',
      ['secretariat'],
      ['attendanceOnRoster'],
      input(
        OPENED,
        { present: [...PRESENT_AT_QUORUM, LATECOMER] },
        { councilRoster: COUNCIL_ROSTER },
      ),
      { ...OPENED, attendance: { present: [...PRESENT_AT_QUORUM, LATECOMER] } },
    ),
    row(
      'open',
      'DECLARE_RECUSAL',
      'open',
      ['council_chair', 'secretariat'],
      ['recusalAllowed', 'hasReason'],
      input(
        OPENED,
        { caseId: ITEM_CASE_ID, personId: personId(3), reason: `  ${RECUSAL_REASON}\n` },
        { councilRoster: COUNCIL_ROSTER, councilParticipation: PARTICIPATION },
      ),
      { ...OPENED, recusals: [AUTOMATIC_RECUSAL, DECLARED_RECUSAL] },
    ),
    row(
      'open',
      'CLOSE_VOTING',
      'counted',
      ['council_chair', 'secretariat'],
      ['councilHasRules', 'quorumPresent', 'ballotsCounted'],
      input(OPENED, {}, { councilRoster: COUNCIL_ROSTER, councilTally: COUNCIL_TALLY }),
      COUNTED,
    ),
    row(
      'open',
      'CANCEL',
      'cancelled',
      ['secretariat', 'council_chair'],
      ['hasReason'],
      input(OPENED, { reason: VALID_REASON }),
      { ...OPENED, lastReason: { event: 'CANCEL', text: VALID_REASON } },
    ),
    row(
      'counted',
      'RECORD_MINUTES',
      'closed',
      ['council_chair', 'secretariat'],
      ['hasMinutes'],
      input(COUNTED, {}, { minutes: MINUTES }),
      {
        ...COUNTED,
        minutes: { documentId: MINUTES.sessionDocumentId, sha256: MINUTES.sha256 },
      },
    ),
  ],
  fullInput: input(
    ATTENDED,
    { reason: VALID_REASON },
    {
      councilRoster: COUNCIL_ROSTER,
      councilAgenda: COUNCIL_AGENDA,
      councilParticipation: PARTICIPATION,
      councilTally: COUNCIL_TALLY,
      minutes: MINUTES,
    },
  ),
  guards: SESSION_GUARDS,
  // No facts (every roster, count and minutes guard refuses), no agenda where one is needed,
  // and a reason the schema accepts but hasReason does not.
  everyGuardRefuses: (r) => {
    const context = { ...r.input.context };
    if (r.guards.includes('agendaDrawn')) delete context.agenda;
    return {
      context,
      facts: {},
      payload: {
        ...r.input.payload,
        ...(r.guards.includes('hasReason') ? { reason: PADDED_REASON } : {}),
      },
    };
  },
  openPayload: {
    subject: { kind: 'unit', unitId: 'unit-ubnd' },
    data: {
      councilId: COUNCIL_ID,
      meetingDate: MEETING_DATE,
      title: 'Phiên họp xét khen thưởng năm 2025',
    },
  },
  refusesUnknownPayloadKeys: true,
  payloadRefusals: {
    SET_AGENDA: [
      ...TAKES_NOTHING,
      refusal(
        'an agenda typed by the user',
        withPayload({ items: COUNCIL_AGENDA.items }),
        'payload.items',
      ),
    ],
    OPEN: [
      ...TAKES_NOTHING,
      refusal('a quorum claimed in the payload', withPayload({ quorum: true }), 'payload.quorum'),
    ],
    CLOSE_VOTING: [
      ...TAKES_NOTHING,
      refusal(
        'a count typed by the user',
        withPayload({ tally: COUNCIL_TALLY.items }),
        'payload.tally',
      ),
    ],
    RECORD_MINUTES: [
      ...TAKES_NOTHING,
      refusal(
        'a hash typed by the user',
        withPayload({ sha256: MINUTES.sha256 }),
        'payload.sha256',
      ),
    ],
    RECORD_ATTENDANCE: [
      refusal('no list of those present', withoutPayload('present'), 'payload.present'),
      refusal('one id as text', withPayload({ present: CHAIR }), 'payload.present'),
      refusal('a name for an id', withPayload({ present: ['Nguyễn Văn An'] }), 'payload.present.0'),
      refusal(
        'an id in capitals',
        withPayload({ present: [CHAIR.toUpperCase()] }),
        'payload.present.0',
      ),
      refusal('the same member twice', withPayload({ present: [CHAIR, CHAIR] }), 'payload.present'),
      refusal(
        '201 people',
        withPayload({ present: Array.from({ length: 201 }, (_, n) => personId(n + 100)) }),
        'payload.present',
      ),
    ],
    DECLARE_RECUSAL: [
      refusal('no item', withoutPayload('caseId'), 'payload.caseId'),
      refusal('no member', withoutPayload('personId'), 'payload.personId'),
      refusal(
        'an item that is not an id',
        withPayload({ caseId: 'HS-2026-001' }),
        'payload.caseId',
      ),
      refusal('a member by name', withPayload({ personId: 'Thành viên 3' }), 'payload.personId'),
      ...REASON_REFUSALS,
      refusal(
        'nothing at all',
        (i) => ({ ...i, payload: {} }),
        'payload.caseId',
        'payload.personId',
        'payload.reason',
      ),
    ],
    CANCEL: REASON_REFUSALS,
  },
  tags: {
    open: ['ballot_open'],
    closed: ['closed'],
    cancelled: ['closed'],
  },
};

describeMachineTable(COUNCIL_SESSION_V1);

describeMachinePaths(COUNCIL_SESSION_V1, [
  {
    name: 'agenda, attendance, opening, a recusal, the count and the minutes',
    opener: 'secretariat',
    steps: [
      'SET_AGENDA',
      'RECORD_ATTENDANCE',
      'OPEN',
      'DECLARE_RECUSAL',
      { event: 'CLOSE_VOTING', role: 'council_chair' },
      'RECORD_MINUTES',
    ],
    states: ['scheduled', 'scheduled', 'scheduled', 'open', 'open', 'counted', 'closed'],
  },
  {
    name: 'a recusal declared before the meeting, then the opening, the count and the minutes',
    opener: 'secretariat',
    steps: [
      'SET_AGENDA',
      { event: 'DECLARE_RECUSAL', role: 'council_chair' },
      'RECORD_ATTENDANCE',
      'OPEN',
      'CLOSE_VOTING',
      'RECORD_MINUTES',
    ],
    states: ['scheduled', 'scheduled', 'scheduled', 'scheduled', 'open', 'counted', 'closed'],
  },
  {
    name: 'cancelled before it opened',
    opener: 'secretariat',
    steps: ['SET_AGENDA', 'CANCEL'],
    states: ['scheduled', 'scheduled', 'cancelled'],
  },
  {
    name: 'cancelled by the chair while in session',
    opener: 'secretariat',
    steps: ['SET_AGENDA', 'RECORD_ATTENDANCE', 'OPEN', { event: 'CANCEL', role: 'council_chair' }],
    states: ['scheduled', 'scheduled', 'scheduled', 'open', 'cancelled'],
  },
]);

// ---------------------------------------------------------------------------------------------
// What the table cannot say in a row
// ---------------------------------------------------------------------------------------------

const workflow = workflowOf(COUNCIL_SESSION_V1);
const find = (from: string, event: string) => findRow(COUNCIL_SESSION_V1, from, event);
const sendRow = (from: string, event: string, change: (i: Input) => Input = (i) => i) => {
  const r = find(from, event);
  return send(workflow, from, event, change(r.input), as(r.roles[0]));
};
const failedGuardsOf = (outcome: ReturnType<typeof sendRow>) =>
  refused(outcome).failedGuards?.map((g) => g.name);

describe('council session v1: the quorum', () => {
  test.each([
    ['opens', 'scheduled', 'OPEN'],
    ['closes the voting', 'open', 'CLOSE_VOTING'],
  ])('it %s with 6 of 9 present and not with 5', (_what, from, event) => {
    expect(sendRow(from, event).accepted).toBe(true);
    expect(
      failedGuardsOf(
        sendRow(from, event, withContext({ attendance: { present: VOTERS.slice(0, 5) } })),
      ),
    ).toEqual(['quorumPresent']);
  });

  test('the check is recorded at the opening and at the close, with the rule set it applied', () => {
    const opened = accepted(sendRow('scheduled', 'OPEN'));
    expect(opened.snapshot.context.quorumAtOpening).toEqual({
      members: 9,
      present: 6,
      required: 6,
      met: true,
      rule: {
        quorum: { numerator: 2, denominator: 3, comparison: 'gte' },
        writtenVotes: true,
        recusedLeaveBase: true,
        ruleSet: { id: 'vn-law-06-2022-decree-152-2025', version: 2 },
      },
    });
    const counted = accepted(
      sendRow('open', 'CLOSE_VOTING', withContext({ attendance: { present: VOTERS } })),
    );
    expect(counted.snapshot.context.quorumAtClose).toMatchObject({ present: 9, required: 6 });
    expect(counted.snapshot.context.quorumAtOpening).toEqual(OPENED.quorumAtOpening);
  });

  test('members who leave during the session can stop the close', () => {
    const left = accepted(
      sendRow('open', 'RECORD_ATTENDANCE', withPayload({ present: VOTERS.slice(0, 5) })),
    );
    const close = find('open', 'CLOSE_VOTING');
    const outcome = send(
      workflow,
      'open',
      'CLOSE_VOTING',
      { ...close.input, context: left.snapshot.context },
      as('council_chair'),
    );
    expect(failedGuardsOf(outcome)).toEqual(['quorumPresent']);
  });

  test('a council with 3 voting members needs 2 of them; 10 members need 7', () => {
    const three = {
      ...COUNCIL_ROSTER,
      members: COUNCIL_ROSTER.members.filter((m) => VOTERS.slice(0, 3).includes(m.personId)),
    };
    const withRoster = (roster: typeof COUNCIL_ROSTER, present: string[]) => (i: Input) =>
      withContext({ attendance: { present } })(withFacts({ councilRoster: roster })(i));
    expect(sendRow('scheduled', 'OPEN', withRoster(three, VOTERS.slice(0, 2))).accepted).toBe(true);
    expect(sendRow('scheduled', 'OPEN', withRoster(three, VOTERS.slice(0, 1))).accepted).toBe(
      false,
    );

    const ten = {
      ...COUNCIL_ROSTER,
      members: [
        ...COUNCIL_ROSTER.members,
        { personId: personId(11), name: 'Thành viên 11', role: 'member' as const, votes: true },
      ],
    };
    const tenVoters = [...VOTERS, personId(11)];
    expect(sendRow('scheduled', 'OPEN', withRoster(ten, tenVoters.slice(0, 7))).accepted).toBe(
      true,
    );
    expect(sendRow('scheduled', 'OPEN', withRoster(ten, tenVoters.slice(0, 6))).accepted).toBe(
      false,
    );
  });

  test('a rule set without council rules is named as such, before any count of those present', () => {
    const outcome = refused(
      sendRow('scheduled', 'OPEN', withFacts({ councilRoster: ROSTER_WITHOUT_RULES })),
    );
    expect(outcome.failedGuards?.[0].name).toBe('councilHasRules');
    expect(outcome.message.en).toContain('has no council rules');
  });
});

describe('council session v1: the agenda', () => {
  test('records deferred items with why, and the automatic recusals as automatic', () => {
    const { context } = accepted(sendRow('scheduled', 'SET_AGENDA')).snapshot;
    expect(context.agenda).toEqual([ITEM_TO_VOTE, ITEM_DEFERRED]);
    expect((context.agenda as (typeof ITEM_DEFERRED)[])[1]).toMatchObject({
      status: 'deferred',
      deferredBecause: { en: 'A member of the collective is under disciplinary review' },
    });
    expect(context.recusals).toEqual([
      { caseId: ITEM_CASE_ID, personId: NOMINEE_MEMBER, reason: 'nominee', automatic: true },
    ]);
  });

  test('drawn again, it replaces the list and the automatic recusals of items no longer on it', () => {
    const redrawn = accepted(
      sendRow('scheduled', 'SET_AGENDA', (i) =>
        withContext(AGENDA_DRAWN)(withFacts({ councilAgenda: { items: [ITEM_DEFERRED] } })(i)),
      ),
    );
    expect(redrawn.snapshot.context.agenda).toEqual([ITEM_DEFERRED]);
    expect(redrawn.snapshot.context.recusals).toEqual([]);
  });

  test('drawn again, it keeps a declared recusal on an item still listed, and drops others', () => {
    const elsewhere = { ...DECLARED_RECUSAL, caseId: DEFERRED_CASE_ID };
    const redrawn = accepted(
      sendRow('scheduled', 'SET_AGENDA', (i) =>
        withContext({
          ...AGENDA_DRAWN,
          recusals: [AUTOMATIC_RECUSAL, DECLARED_RECUSAL, elsewhere],
        })(withFacts({ councilAgenda: { items: [ITEM_TO_VOTE] } })(i)),
      ),
    );
    expect(redrawn.snapshot.context.recusals).toEqual([AUTOMATIC_RECUSAL, DECLARED_RECUSAL]);
  });

  test('the agenda cannot be drawn again once the session is open', () => {
    expect(
      refused(
        send(
          workflow,
          'open',
          'SET_AGENDA',
          find('scheduled', 'SET_AGENDA').input,
          as('secretariat'),
        ),
      ).reason,
    ).toBe('EVENT_NOT_ALLOWED_IN_STATE');
  });
});

describe('council session v1: recusal', () => {
  test.each(['scheduled', 'open'])(
    'in %s the reason is kept trimmed, beside the automatic recusals',
    (state) => {
      const { context } = accepted(sendRow(state, 'DECLARE_RECUSAL')).snapshot;
      expect(context.recusals).toEqual([AUTOMATIC_RECUSAL, DECLARED_RECUSAL]);
    },
  );

  test('declared before the meeting, it is still there once the session opens', () => {
    const declared = accepted(sendRow('scheduled', 'DECLARE_RECUSAL'));
    const open = find('scheduled', 'OPEN');
    const opened = accepted(
      send(
        workflow,
        'scheduled',
        'OPEN',
        {
          ...open.input,
          context: { ...declared.snapshot.context, attendance: ATTENDED.attendance },
        },
        as('council_chair'),
      ),
    );
    expect(opened.snapshot.context.recusals).toEqual([AUTOMATIC_RECUSAL, DECLARED_RECUSAL]);
  });

  test('declared before the meeting, it cannot be declared again once the session opens', () => {
    const declared = accepted(sendRow('scheduled', 'DECLARE_RECUSAL'));
    const again = find('open', 'DECLARE_RECUSAL');
    expect(
      failedGuardsOf(
        send(
          workflow,
          'open',
          'DECLARE_RECUSAL',
          { ...again.input, context: { ...OPENED, recusals: declared.snapshot.context.recusals } },
          as('secretariat'),
        ),
      ),
    ).toEqual(['recusalAllowed']);
  });

  test('no recusal is declared before the agenda is drawn', () => {
    expect(
      failedGuardsOf(sendRow('scheduled', 'DECLARE_RECUSAL', withContext({ agenda: undefined }))),
    ).toEqual(['recusalAllowed']);
  });

  test('the same member cannot be recused twice on one item', () => {
    const once = accepted(sendRow('open', 'DECLARE_RECUSAL'));
    const r = find('open', 'DECLARE_RECUSAL');
    const twice = send(
      workflow,
      'open',
      'DECLARE_RECUSAL',
      { ...r.input, context: once.snapshot.context },
      as('council_chair'),
    );
    expect(failedGuardsOf(twice)).toEqual(['recusalAllowed']);
  });

  test('a member recused on one item may still be recused on another', () => {
    const second = { ...ITEM_TO_VOTE, caseId: DEFERRED_CASE_ID };
    const outcome = sendRow('open', 'DECLARE_RECUSAL', (i) =>
      withContext({
        agenda: [ITEM_TO_VOTE, second],
        recusals: [AUTOMATIC_RECUSAL, DECLARED_RECUSAL],
      })(withPayload({ caseId: DEFERRED_CASE_ID })(i)),
    );
    expect(accepted(outcome).snapshot.context.recusals).toEqual([
      AUTOMATIC_RECUSAL,
      DECLARED_RECUSAL,
      { ...DECLARED_RECUSAL, caseId: DEFERRED_CASE_ID },
    ]);
  });
});

describe('council session v1: the count and the minutes', () => {
  test('the count is recorded as the close established it', () => {
    const { context } = accepted(sendRow('open', 'CLOSE_VOTING')).snapshot;
    expect(context.tally).toEqual(COUNCIL_TALLY.items);
  });

  test('the minutes are only their hash and the session’s copy; the record holds the fact', () => {
    const outcome = accepted(sendRow('counted', 'RECORD_MINUTES'));
    expect(outcome.snapshot.context.minutes).toEqual({
      documentId: 'doc-minutes-session',
      sha256: 'f'.repeat(64),
    });
    expect(clone(outcome.record.facts)).toEqual({ minutes: MINUTES });
    expect(clone(outcome.record.payload)).toEqual({});
  });

  test('no ballot and no attendance change is possible once counted', () => {
    for (const event of ['RECORD_ATTENDANCE', 'DECLARE_RECUSAL', 'CLOSE_VOTING', 'CANCEL']) {
      expect(
        refused(send(workflow, 'counted', event, COUNCIL_SESSION_V1.fullInput, as('secretariat')))
          .reason,
      ).toBe('EVENT_NOT_ALLOWED_IN_STATE');
    }
  });
});

describe('council session v1: roles', () => {
  test('a council member, the public and the system may send nothing: ballots are no events', () => {
    for (const state of COUNCIL_SESSION_V1.states) {
      expect(
        allowedEvents(workflow, state, as('council_member', PUBLIC_ROLE, SYSTEM_ROLE)),
      ).toEqual([]);
    }
  });

  test('someone not on the council cannot be recorded present, even by the secretariat', () => {
    expect(
      failedGuardsOf(
        sendRow('scheduled', 'RECORD_ATTENDANCE', withPayload({ present: [OUTSIDER] })),
      ),
    ).toEqual(['attendanceOnRoster']);
  });
});

describe('council session v1 in the catalogue the server loads', () => {
  const catalogue = loadWorkflowCatalogue(path.join(__dirname, '..', '..', '..', 'workflows'));

  test('is the same file, with the same hash', () => {
    expect(catalogue.get('council_session', 1).hash).toBe(workflow.hash);
  });

  test.each(COUNCIL_SESSION_V1.states)('%s carries the same tags there', (state) => {
    expect([...catalogue.tagsOf({ id: 'council_session', version: 1 }, state)].sort()).toEqual(
      [...(COUNCIL_SESSION_V1.tags![state] ?? [])].sort(),
    );
  });
});
