import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GENESIS_HASH, hashOf, type AuditRecord } from '../../src/domain/audit/audit-record';
import { verifyChain } from '../../src/domain/audit/verify-chain';
import { ROLES, type ActorFacts, type Role } from '../../src/domain/roles';
import type { CaseSnapshot } from '../../src/domain/workflow/case-event';
import type { CompiledWorkflow } from '../../src/domain/workflow/compile-workflow';
import {
  allowedEvents,
  openCase,
  step,
  type ChainPosition,
  type Refusal,
  type RefusalReason,
  type StepOutcome,
} from '../../src/domain/workflow/step';
import { WorkflowCatalogue } from '../../src/domain/workflow/workflow-catalogue';

/*
 * The shipped workflows, checked against transition tables written out by hand from
 * workflows/*.json. Nothing expected here is read from the definition at run time: a change to a
 * JSON file must show up as a failing row.
 */

// ---------------------------------------------------------------------------------------------
// The expected tables
// ---------------------------------------------------------------------------------------------

type GuardName = 'hasReason' | 'hasDecision';

interface Row {
  from: string;
  event: string;
  to: string;
  /** Roles that may send the event. */
  roles: Role[];
  /** Guards on the transition; each asks for its part of the payload (see validPayload). */
  guards: GuardName[];
}

interface MachineTable {
  file: string;
  id: string;
  initial: string;
  openRoles: Role[];
  states: string[];
  finalStates: string[];
  events: string[];
  /** Event types of the other workflow, or not declared anywhere: unknown to this one. */
  foreignEvents: string[];
  transitions: Row[];
}

const row = (
  from: string,
  event: string,
  to: string,
  roles: Role[],
  guards: GuardName[] = [],
): Row => ({ from, event, to, roles, guards });

const NOMINATION: MachineTable = {
  file: 'nomination.v1.json',
  id: 'nomination',
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
  events: [
    'SUBMIT',
    'WITHDRAW',
    'START_VERIFICATION',
    'RETURN_FOR_SUPPLEMENT',
    'RESUBMIT',
    'MARK_VERIFIED',
    'SEND_TO_COUNCIL',
    'APPROVE',
    'REJECT',
    'OPEN_PUBLIC_NOTICE',
    'ANNOUNCE',
    'REVOKE',
  ],
  foreignEvents: ['DECIDE', 'CLOSE', 'NO_SUCH_EVENT', 'submit'],
  transitions: [
    row('draft', 'SUBMIT', 'submitted', ['unit_leader']),
    row('draft', 'WITHDRAW', 'withdrawn', ['unit_leader']),
    row('submitted', 'START_VERIFICATION', 'verifying', ['secretariat']),
    row('submitted', 'WITHDRAW', 'withdrawn', ['unit_leader']),
    row(
      'verifying',
      'RETURN_FOR_SUPPLEMENT',
      'returned_for_supplement',
      ['secretariat'],
      ['hasReason'],
    ),
    row('verifying', 'MARK_VERIFIED', 'verified', ['secretariat']),
    row('returned_for_supplement', 'RESUBMIT', 'verifying', ['unit_leader']),
    row('returned_for_supplement', 'WITHDRAW', 'withdrawn', ['unit_leader']),
    row('verified', 'SEND_TO_COUNCIL', 'council_review', ['secretariat']),
    row('council_review', 'APPROVE', 'approved', ['council_chair']),
    row('council_review', 'REJECT', 'rejected', ['council_chair'], ['hasReason']),
    row('approved', 'OPEN_PUBLIC_NOTICE', 'public_notice', ['secretariat']),
    row('public_notice', 'ANNOUNCE', 'announced', ['secretariat'], ['hasDecision']),
    row('announced', 'REVOKE', 'revoked', ['council_chair'], ['hasDecision', 'hasReason']),
  ],
};

const VIOLATION: MachineTable = {
  file: 'violation.v1.json',
  id: 'violation',
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
  events: [
    'START_VERIFICATION',
    'DISMISS',
    'CONFIRM',
    'REFER_FOR_DECISION',
    'DECIDE',
    'ANNOUNCE',
    'CLOSE',
  ],
  foreignEvents: ['SUBMIT', 'REVOKE', 'NO_SUCH_EVENT', 'close'],
  transitions: [
    row('reported', 'START_VERIFICATION', 'verifying', ['secretariat']),
    row('verifying', 'DISMISS', 'dismissed', ['secretariat'], ['hasReason']),
    row('verifying', 'CONFIRM', 'confirmed', ['secretariat'], ['hasReason']),
    row('confirmed', 'REFER_FOR_DECISION', 'deciding', ['secretariat']),
    row('deciding', 'DECIDE', 'decided', ['council_chair'], ['hasDecision']),
    row('decided', 'ANNOUNCE', 'announced', ['secretariat']),
    row('announced', 'CLOSE', 'closed', ['secretariat'], ['hasReason']),
  ],
};

/** What each guard says when it refuses, in both languages (from named-implementations.ts). */
const GUARD_REFUSAL_TEXT: Record<GuardName, { vi: string; en: string }> = {
  hasReason: { vi: 'Cần nêu lý do', en: 'A reason is required' },
  hasDecision: { vi: 'Cần số quyết định', en: 'A decision number' },
};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const WORKFLOWS_DIR = path.join(__dirname, '..', '..', 'workflows');

function loadShipped(): WorkflowCatalogue {
  return WorkflowCatalogue.load(
    [NOMINATION.file, VIOLATION.file].map((name) => {
      const source = path.join(WORKFLOWS_DIR, name);
      return { source, text: readFileSync(source, 'utf8') };
    }),
  );
}

const catalogue = loadShipped();

/** An actor holding exactly these roles. */
function as(...roles: Role[]): ActorFacts {
  const name = roles.length === 0 ? 'nobody' : roles.join('+');
  return { userId: `user-${name}`, username: name, roles };
}

/** Someone who holds every role: only the state (or the payload) can stop them. */
const EVERYONE = as(...ROLES);

const CASE_ID = '7d4f1c2e-0000-4000-8000-000000000001';
const SOME_PREV_HASH = 'ab'.repeat(32);

/** Where record number `seq` of the test case goes. */
function position(seq: number, prevHash: string = SOME_PREV_HASH): ChainPosition {
  return {
    caseId: CASE_ID,
    seq,
    prevHash,
    at: new Date(Date.UTC(2026, 0, 5, 8, 0, seq)).toISOString(),
  };
}

const VALID_REASON = 'Hồ sơ thiếu bản thành tích có xác nhận của đơn vị.';
const VALID_DECISION = { number: '123/QĐ-UBND', date: '2026-01-15', signer: 'Trần Xuân Lâm' };

function validPayload(guards: readonly GuardName[]): Record<string, unknown> {
  return {
    ...(guards.includes('hasReason') ? { reason: VALID_REASON } : {}),
    ...(guards.includes('hasDecision') ? { decision: { ...VALID_DECISION } } : {}),
  };
}

/** Satisfies every guard of every transition. */
const FULL_PAYLOAD = validPayload(['hasReason', 'hasDecision']);

function at(state: string): CaseSnapshot {
  return { state, context: {} };
}

function accepted(outcome: StepOutcome) {
  if (!outcome.accepted) {
    throw new Error(`expected acceptance, got refusal ${JSON.stringify(outcome.refusal)}`);
  }
  return outcome;
}

function refused(outcome: StepOutcome): Refusal {
  if (outcome.accepted) {
    throw new Error(`expected a refusal, but it was accepted into "${outcome.snapshot.state}"`);
  }
  return outcome.refusal;
}

function findRow(table: MachineTable, from: string, event: string): Row {
  const found = table.transitions.find((r) => r.from === from && r.event === event);
  if (found === undefined) throw new Error(`no row ${from} × ${event} in the expected table`);
  return found;
}

const TABLES = [NOMINATION, VIOLATION];

// ---------------------------------------------------------------------------------------------
// The tables, workflow by workflow
// ---------------------------------------------------------------------------------------------

describe.each(TABLES)('workflow $id (workflows/$file)', (table) => {
  const workflow: CompiledWorkflow = catalogue.get(table.id, 1);
  const nonFinalStates = table.states.filter((s) => !table.finalStates.includes(s));

  const allowedCells = table.transitions.flatMap((r) => r.roles.map((role) => ({ ...r, role })));
  const refusedCells = table.states.flatMap((state) =>
    table.events
      .filter((event) => !table.transitions.some((r) => r.from === state && r.event === event))
      .map((event) => ({
        state,
        event,
        reason: (table.finalStates.includes(state)
          ? 'CASE_CLOSED'
          : 'EVENT_NOT_ALLOWED_IN_STATE') as RefusalReason,
      })),
  );
  const wrongRoleCells = table.transitions.flatMap((r) =>
    ROLES.filter((role) => !r.roles.includes(role)).map((role) => ({ ...r, role })),
  );

  test('the table names exactly the states, final states, events and initial state of the file', () => {
    const { machine, events, openRoles } = workflow.definition;
    expect(Object.keys(machine.states).sort()).toEqual([...table.states].sort());
    expect(
      Object.entries(machine.states)
        .filter(([, s]) => s.type === 'final')
        .map(([name]) => name)
        .sort(),
    ).toEqual([...table.finalStates].sort());
    expect(Object.keys(events).sort()).toEqual([...table.events].sort());
    expect(machine.initial).toBe(table.initial);
    expect([...openRoles].sort()).toEqual([...table.openRoles].sort());
  });

  test('the sweep covers every state × event cell once', () => {
    const transitionsCount = table.transitions.length;
    expect(transitionsCount + refusedCells.length).toBe(table.states.length * table.events.length);
  });

  describe('allowed transitions', () => {
    test.each(allowedCells)(
      '$from --$event--> $to as $role',
      ({ from, event, to, role, guards }) => {
        const payload = validPayload(guards);
        const actor = as(role);
        const pos = position(7);

        const outcome = accepted(step(workflow, at(from), event, payload, actor, pos));

        expect(outcome.snapshot.state).toBe(to);
        expect(outcome.final).toBe(table.finalStates.includes(to));
        expect(outcome.record).toEqual({
          caseId: CASE_ID,
          seq: 7,
          at: pos.at,
          actor: { userId: actor.userId, username: actor.username, role },
          eventType: event,
          payload,
          fromState: from,
          toState: to,
          workflow: { id: table.id, version: 1, hash: workflow.hash },
          prevHash: SOME_PREV_HASH,
          hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        });
        expect(outcome.record.hash).toBe(hashOf(outcome.record));
      },
    );

    test('the record names the role that allowed the event, not the actor’s other roles', () => {
      const [first] = table.transitions;
      const [allowedRole] = first.roles;
      const otherRoles = ROLES.filter((r) => !first.roles.includes(r));
      const actor = as(...otherRoles, allowedRole);

      const outcome = accepted(
        step(workflow, at(first.from), first.event, validPayload(first.guards), actor, position(2)),
      );

      expect(outcome.record.actor).toEqual({
        userId: actor.userId,
        username: actor.username,
        role: allowedRole,
      });
    });
  });

  describe('events not allowed in a state', () => {
    test.each(refusedCells)(
      '$state × $event is refused with $reason',
      ({ state, event, reason }) => {
        const refusal = refused(
          step(workflow, at(state), event, FULL_PAYLOAD, EVERYONE, position(3)),
        );

        expect(refusal).toEqual({
          reason,
          eventType: event,
          state,
          message: { vi: expect.any(String), en: expect.any(String) },
        });
        expect(refusal.message.vi).not.toBe('');
        expect(refusal.message.en).not.toBe('');
      },
    );
  });

  describe('roles', () => {
    test.each(wrongRoleCells)(
      '$from × $event is refused to $role',
      ({ from, event, roles, role, guards }) => {
        const refusal = refused(
          step(workflow, at(from), event, validPayload(guards), as(role), position(3)),
        );

        expect(refusal).toEqual({
          reason: 'ROLE_NOT_ALLOWED',
          eventType: event,
          state: from,
          allowedRoles: roles,
          message: {
            vi: expect.stringContaining(roles.join(', ')),
            en: expect.stringContaining(roles.join(', ')),
          },
        });
      },
    );

    test.each(table.transitions)('$from × $event is refused to an actor with no role', (r) => {
      const refusal = refused(
        step(workflow, at(r.from), r.event, validPayload(r.guards), as(), position(3)),
      );
      expect(refusal.reason).toBe('ROLE_NOT_ALLOWED');
    });
  });

  describe('guards', () => {
    const BAD_PAYLOADS: Record<GuardName, { what: string; payload: Record<string, unknown> }[]> = {
      hasReason: [
        { what: 'no reason', payload: {} },
        { what: 'a 4-character reason', payload: { reason: 'abcd' } },
        { what: 'a reason that is only padding', payload: { reason: '   abcd     ' } },
        { what: 'a reason that is not text', payload: { reason: 12345678 } },
        { what: 'a 4001-character reason', payload: { reason: 'x'.repeat(4001) } },
      ],
      hasDecision: [
        { what: 'no decision', payload: {} },
        { what: 'a null decision', payload: { decision: null } },
        { what: 'a decision that is text', payload: { decision: '123/QĐ-UBND' } },
        {
          what: 'an impossible date',
          payload: { decision: { ...VALID_DECISION, date: '2026-02-30' } },
        },
        {
          what: 'a non-ISO date',
          payload: { decision: { ...VALID_DECISION, date: '15/01/2026' } },
        },
        { what: 'an empty signer', payload: { decision: { ...VALID_DECISION, signer: '' } } },
        { what: 'a blank signer', payload: { decision: { ...VALID_DECISION, signer: '   ' } } },
        {
          what: 'no number',
          payload: { decision: { date: '2026-01-15', signer: 'Trần Xuân Lâm' } },
        },
      ],
    };

    const guardedRows = table.transitions.filter((r) => r.guards.length > 0);

    // One guard fails at a time: the others get a valid payload.
    const oneGuardCells = guardedRows.flatMap((r) =>
      r.guards.flatMap((guard) =>
        BAD_PAYLOADS[guard].map(({ what, payload }) => ({
          ...r,
          role: r.roles[0],
          guard,
          what,
          payload: { ...validPayload(r.guards.filter((g) => g !== guard)), ...payload },
        })),
      ),
    );

    test('the workflow has guarded transitions to check', () => {
      expect(guardedRows.length).toBeGreaterThan(0);
    });

    test.each(oneGuardCells)(
      '$from × $event with $what is refused by $guard',
      ({ from, event, role, guard, payload }) => {
        const refusal = refused(step(workflow, at(from), event, payload, as(role), position(3)));

        expect(refusal).toEqual({
          reason: 'GUARD_FAILED',
          eventType: event,
          state: from,
          failedGuards: [
            {
              name: guard,
              message: {
                vi: expect.stringContaining(GUARD_REFUSAL_TEXT[guard].vi),
                en: expect.stringContaining(GUARD_REFUSAL_TEXT[guard].en),
              },
            },
          ],
          message: {
            vi: expect.stringContaining(GUARD_REFUSAL_TEXT[guard].vi),
            en: expect.stringContaining(GUARD_REFUSAL_TEXT[guard].en),
          },
        });
      },
    );

    test.each(guardedRows)('$from × $event with an empty payload names every guard', (r) => {
      const refusal = refused(step(workflow, at(r.from), r.event, {}, as(r.roles[0]), position(3)));

      expect(refusal.reason).toBe('GUARD_FAILED');
      expect(refusal.failedGuards?.map((g) => g.name)).toEqual(r.guards);
      for (const guard of r.guards) {
        expect(refusal.message.vi).toContain(GUARD_REFUSAL_TEXT[guard].vi);
        expect(refusal.message.en).toContain(GUARD_REFUSAL_TEXT[guard].en);
      }
    });
  });

  describe('unknown events', () => {
    const cells = table.states.flatMap((state) =>
      table.foreignEvents.map((event) => ({ state, event })),
    );

    test.each(cells)('$state × $event is refused with EVENT_UNKNOWN', ({ state, event }) => {
      const refusal = refused(
        step(workflow, at(state), event, FULL_PAYLOAD, EVERYONE, position(3)),
      );

      expect(refusal).toEqual({
        reason: 'EVENT_UNKNOWN',
        eventType: event,
        state,
        message: {
          vi: expect.stringContaining(event),
          en: expect.stringContaining(event),
        },
      });
    });
  });

  describe('openCase', () => {
    test.each(table.openRoles)('%s may open a case', (role) => {
      const actor = as(role);
      const payload = { subject: { name: 'Trần Xuân Lâm', unit: 'Phòng Tổ chức' } };
      const pos = position(1, GENESIS_HASH);

      const outcome = accepted(openCase(workflow, actor, payload, pos));

      expect(outcome.snapshot).toEqual({ state: table.initial, context: {} });
      expect(outcome.final).toBe(false);
      expect(outcome.record).toEqual({
        caseId: CASE_ID,
        seq: 1,
        at: pos.at,
        actor: { userId: actor.userId, username: actor.username, role },
        eventType: 'CASE_OPENED',
        payload,
        fromState: null,
        toState: table.initial,
        workflow: { id: table.id, version: 1, hash: workflow.hash },
        prevHash: GENESIS_HASH,
        hash: hashOf(outcome.record),
      });
      expect(verifyChain(CASE_ID, [outcome.record]).ok).toBe(true);
    });

    test.each(ROLES.filter((role) => !table.openRoles.includes(role)))(
      '%s may not open a case',
      (role) => {
        const refusal = refused(openCase(workflow, as(role), {}, position(1, GENESIS_HASH)));

        expect(refusal).toEqual({
          reason: 'ROLE_NOT_ALLOWED',
          eventType: 'CASE_OPENED',
          state: null,
          allowedRoles: table.openRoles,
          message: {
            vi: expect.stringContaining(table.id),
            en: expect.stringContaining(table.id),
          },
        });
      },
    );

    test('an actor with no role may not open a case', () => {
      const refusal = refused(openCase(workflow, as(), {}, position(1, GENESIS_HASH)));
      expect(refusal.reason).toBe('ROLE_NOT_ALLOWED');
    });
  });

  describe('allowedEvents', () => {
    const cells = table.states.flatMap((state) =>
      ROLES.map((role) => ({
        state,
        role,
        expected: table.transitions
          .filter((r) => r.from === state && r.roles.includes(role))
          .map((r) => r.event),
      })),
    );

    test.each(cells)('$role in $state may send $expected', ({ state, role, expected }) => {
      const events = allowedEvents(workflow, state, as(role));
      expect(events.map((e) => e.type).sort()).toEqual([...expected].sort());
    });

    test.each(nonFinalStates)(
      'an actor with every role in %s may send every event of the state',
      (state) => {
        const expected = table.transitions.filter((r) => r.from === state).map((r) => r.event);
        const events = allowedEvents(workflow, state, EVERYONE);
        expect(events.map((e) => e.type).sort()).toEqual([...expected].sort());
      },
    );

    test('a stored state the definition lacks is corrupted data, not an empty list', () => {
      expect(() => allowedEvents(workflow, 'no_such_state', EVERYONE)).toThrow(/no_such_state/);
      expect(() => allowedEvents(workflow, 'toString', EVERYONE)).toThrow(/toString/);
    });

    test('event names inherited from Object.prototype are unknown events, not crashes', () => {
      for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf']) {
        const outcome = step(
          workflow,
          { state: workflow.definition.machine.initial, context: {} },
          name,
          {},
          EVERYONE,
          {
            caseId: 'c',
            seq: 2,
            prevHash: GENESIS_HASH,
            at: '2026-01-01T00:00:00.000Z',
          },
        );
        expect(outcome.accepted).toBe(false);
        expect(!outcome.accepted && outcome.refusal.reason).toBe('EVENT_UNKNOWN');
      }
    });
  });
});

describe('allowedEvents labels', () => {
  test('nomination draft, as unit_leader: SUBMIT and WITHDRAW with their labels', () => {
    const events = allowedEvents(catalogue.get('nomination', 1), 'draft', as('unit_leader'));
    expect(events).toEqual([
      { type: 'SUBMIT', label: { vi: 'Trình hồ sơ đề nghị', en: 'Submit' } },
      { type: 'WITHDRAW', label: { vi: 'Rút hồ sơ', en: 'Withdraw' } },
    ]);
  });

  test('nomination submitted, as unit_leader and secretariat: both roles’ events', () => {
    const events = allowedEvents(
      catalogue.get('nomination', 1),
      'submitted',
      as('unit_leader', 'secretariat'),
    );
    expect(events.map((e) => e.type).sort()).toEqual(['START_VERIFICATION', 'WITHDRAW']);
  });

  test('violation verifying, as council_chair: nothing', () => {
    expect(allowedEvents(catalogue.get('violation', 1), 'verifying', as('council_chair'))).toEqual(
      [],
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Whole paths, and the hash chain they leave behind
// ---------------------------------------------------------------------------------------------

interface Walked {
  records: AuditRecord[];
  snapshots: CaseSnapshot[];
  outcomes: Extract<StepOutcome, { accepted: true }>[];
}

interface PathStep {
  event: string;
  payload?: Record<string, unknown>;
}

/** Opens a case and sends each event as the first role the table allows, chaining positions. */
function walk(table: MachineTable, opener: Role, steps: readonly PathStep[]): Walked {
  const workflow = catalogue.get(table.id, 1);
  const opened = accepted(
    openCase(workflow, as(opener), { subject: 'Trần Xuân Lâm' }, position(1, GENESIS_HASH)),
  );
  const outcomes = [opened];
  for (const { event, payload } of steps) {
    const previous = outcomes[outcomes.length - 1];
    const r = findRow(table, previous.snapshot.state, event);
    outcomes.push(
      accepted(
        step(
          workflow,
          previous.snapshot,
          event,
          payload ?? validPayload(r.guards),
          as(r.roles[0]),
          position(outcomes.length + 1, previous.record.hash),
        ),
      ),
    );
  }
  return {
    outcomes,
    records: outcomes.map((o) => o.record),
    snapshots: outcomes.map((o) => o.snapshot),
  };
}

const PATHS: {
  name: string;
  table: MachineTable;
  opener: Role;
  events: string[];
  states: string[];
}[] = [
  {
    name: 'nomination: draft → … → announced → revoked, with one return for supplement',
    table: NOMINATION,
    opener: 'unit_leader',
    events: [
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
    name: 'nomination: rejected by the council',
    table: NOMINATION,
    opener: 'unit_leader',
    events: ['SUBMIT', 'START_VERIFICATION', 'MARK_VERIFIED', 'SEND_TO_COUNCIL', 'REJECT'],
    states: ['draft', 'submitted', 'verifying', 'verified', 'council_review', 'rejected'],
  },
  {
    name: 'nomination: withdrawn after a return for supplement',
    table: NOMINATION,
    opener: 'unit_leader',
    events: ['SUBMIT', 'START_VERIFICATION', 'RETURN_FOR_SUPPLEMENT', 'WITHDRAW'],
    states: ['draft', 'submitted', 'verifying', 'returned_for_supplement', 'withdrawn'],
  },
  {
    name: 'violation: reported → … → closed',
    table: VIOLATION,
    opener: 'secretariat',
    events: ['START_VERIFICATION', 'CONFIRM', 'REFER_FOR_DECISION', 'DECIDE', 'ANNOUNCE', 'CLOSE'],
    states: ['reported', 'verifying', 'confirmed', 'deciding', 'decided', 'announced', 'closed'],
  },
  {
    name: 'violation: dismissed, opened by a unit leader',
    table: VIOLATION,
    opener: 'unit_leader',
    events: ['START_VERIFICATION', 'DISMISS'],
    states: ['reported', 'verifying', 'dismissed'],
  },
];

describe.each(PATHS)('path $name', ({ table, opener, events, states }) => {
  let walked: Walked;
  beforeAll(() => {
    walked = walk(
      table,
      opener,
      events.map((event) => ({ event })),
    );
  });

  test('visits the expected states and ends in a final one', () => {
    expect(walked.snapshots.map((s) => s.state)).toEqual(states);
    expect(walked.outcomes.map((o) => o.final)).toEqual(
      states.map((_, i) => i === states.length - 1),
    );
    expect(table.finalStates).toContain(states[states.length - 1]);
  });

  test('leaves one linked record per step', () => {
    expect(walked.records.map((r) => r.eventType)).toEqual(['CASE_OPENED', ...events]);
    expect(walked.records.map((r) => r.seq)).toEqual(states.map((_, i) => i + 1));
    expect(walked.records.map((r) => r.fromState)).toEqual([null, ...states.slice(0, -1)]);
    expect(walked.records.map((r) => r.toState)).toEqual(states);
    expect(walked.records[0].prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < walked.records.length; i++) {
      expect(walked.records[i].prevHash).toBe(walked.records[i - 1].hash);
    }
  });

  test('the chain verifies', () => {
    expect(verifyChain(CASE_ID, walked.records)).toEqual({
      ok: true,
      checked: states.length,
      firstBadSeq: null,
      problem: null,
    });
  });

  test('the closed case refuses every further event with CASE_CLOSED', () => {
    const last = walked.snapshots[walked.snapshots.length - 1];
    const workflow = catalogue.get(table.id, 1);
    for (const event of table.events) {
      const refusal = refused(step(workflow, last, event, FULL_PAYLOAD, EVERYONE, position(99)));
      expect(refusal.reason).toBe('CASE_CLOSED');
    }
  });
});

// ---------------------------------------------------------------------------------------------
// What the actions record in the context
// ---------------------------------------------------------------------------------------------

describe('context recorded by actions', () => {
  const supplementReason = 'Thiếu bản tóm tắt thành tích năm 2025.';
  const rejectionReason = 'Chưa đủ tiêu chuẩn theo Điều 24 Luật Thi đua, khen thưởng.';
  const announceDecision = { number: '45/QĐ-UBND', date: '2026-03-02', signer: 'Nguyễn Văn An' };
  const revokeDecision = { number: '77/QĐ-UBND', date: '2026-06-30', signer: 'Lê Thị Bình' };
  const revokeReason = 'Phát hiện khai man thành tích (Điều 93 khoản 2).';

  let nomination: Walked;
  beforeAll(() => {
    nomination = walk(NOMINATION, 'unit_leader', [
      { event: 'SUBMIT' },
      { event: 'START_VERIFICATION' },
      { event: 'RETURN_FOR_SUPPLEMENT', payload: { reason: supplementReason } },
      { event: 'RESUBMIT' },
      { event: 'MARK_VERIFIED' },
      { event: 'SEND_TO_COUNCIL' },
      { event: 'APPROVE' },
      { event: 'OPEN_PUBLIC_NOTICE' },
      { event: 'ANNOUNCE', payload: { decision: announceDecision } },
      { event: 'REVOKE', payload: { decision: revokeDecision, reason: revokeReason } },
    ]);
  });
  const contextAfter = (state: string, occurrence = 0) =>
    nomination.snapshots.filter((s) => s.state === state)[occurrence].context;

  test('a new case starts with an empty context', () => {
    expect(contextAfter('draft')).toEqual({});
  });

  test('RETURN_FOR_SUPPLEMENT records the reason', () => {
    expect(contextAfter('returned_for_supplement')).toEqual({
      lastReason: { event: 'RETURN_FOR_SUPPLEMENT', text: supplementReason },
    });
  });

  test('the context survives later steps without actions', () => {
    expect(contextAfter('verifying', 1)).toEqual({
      lastReason: { event: 'RETURN_FOR_SUPPLEMENT', text: supplementReason },
    });
    expect(contextAfter('public_notice')).toEqual(contextAfter('verifying', 1));
  });

  test('ANNOUNCE records the decision number, date and signer', () => {
    expect(contextAfter('announced').decision).toEqual(announceDecision);
    expect(contextAfter('announced').lastReason).toEqual({
      event: 'RETURN_FOR_SUPPLEMENT',
      text: supplementReason,
    });
  });

  test('REVOKE records the revocation decision and its reason, keeping the award decision', () => {
    expect(contextAfter('revoked')).toEqual({
      lastReason: { event: 'RETURN_FOR_SUPPLEMENT', text: supplementReason },
      decision: announceDecision,
      revocation: { decision: revokeDecision, reason: revokeReason },
    });
  });

  test('REJECT records the rejection reason', () => {
    const rejected = walk(NOMINATION, 'unit_leader', [
      { event: 'SUBMIT' },
      { event: 'START_VERIFICATION' },
      { event: 'MARK_VERIFIED' },
      { event: 'SEND_TO_COUNCIL' },
      { event: 'REJECT', payload: { reason: rejectionReason } },
    ]);
    expect(rejected.snapshots[rejected.snapshots.length - 1].context).toEqual({
      lastReason: { event: 'REJECT', text: rejectionReason },
    });
  });

  test('reasons and decision fields are recorded trimmed', () => {
    const workflow = catalogue.get('nomination', 1);
    const returned = accepted(
      step(
        workflow,
        at('verifying'),
        'RETURN_FOR_SUPPLEMENT',
        { reason: `   ${supplementReason}\n` },
        as('secretariat'),
        position(4),
      ),
    );
    expect(returned.snapshot.context.lastReason).toEqual({
      event: 'RETURN_FOR_SUPPLEMENT',
      text: supplementReason,
    });

    const announced = accepted(
      step(
        workflow,
        at('public_notice'),
        'ANNOUNCE',
        { decision: { number: ' 45/QĐ-UBND ', date: '2026-03-02', signer: ' Nguyễn Văn An ' } },
        as('secretariat'),
        position(9),
      ),
    );
    expect(announced.snapshot.context.decision).toEqual(announceDecision);
  });

  test('violation: CONFIRM, DECIDE and CLOSE record what they carry', () => {
    const decision = { number: '12/QĐ-KL', date: '2024-02-29', signer: 'Phạm Văn Cường' };
    const violation = walk(VIOLATION, 'secretariat', [
      { event: 'START_VERIFICATION' },
      { event: 'CONFIRM', payload: { reason: 'Vi phạm tốc độ, có biên bản.' } },
      { event: 'REFER_FOR_DECISION' },
      { event: 'DECIDE', payload: { decision } },
      { event: 'ANNOUNCE' },
      { event: 'CLOSE', payload: { reason: 'Đã thi hành quyết định.' } },
    ]);
    const byState = Object.fromEntries(violation.snapshots.map((s) => [s.state, s.context]));

    expect(byState.confirmed).toEqual({
      lastReason: { event: 'CONFIRM', text: 'Vi phạm tốc độ, có biên bản.' },
    });
    expect(byState.decided).toEqual({ ...byState.confirmed, decision });
    expect(byState.closed).toEqual({
      decision,
      lastReason: { event: 'CLOSE', text: 'Đã thi hành quyết định.' },
    });
  });
});

describe('named guards at their edges', () => {
  const workflow = catalogue.get('nomination', 1);
  const returnWith = (reason: unknown) =>
    step(
      workflow,
      at('verifying'),
      'RETURN_FOR_SUPPLEMENT',
      { reason },
      as('secretariat'),
      position(4),
    );
  const announceWith = (decision: unknown) =>
    step(workflow, at('public_notice'), 'ANNOUNCE', { decision }, as('secretariat'), position(9));

  test.each([
    ['exactly 5 characters', 'abcde'],
    ['5 characters inside padding', '  abcde  '],
    ['exactly 4000 characters', 'x'.repeat(4000)],
  ])('hasReason accepts a reason of %s', (_what, reason) => {
    expect(returnWith(reason).accepted).toBe(true);
  });

  test.each([
    ['a leap day', { ...VALID_DECISION, date: '2024-02-29' }],
    ['a long signer name', { ...VALID_DECISION, signer: 'S'.repeat(200) }],
  ])('hasDecision accepts %s', (_what, decision) => {
    expect(announceWith(decision).accepted).toBe(true);
  });

  test.each([
    ['2026-02-30, a day that does not exist', { ...VALID_DECISION, date: '2026-02-30' }],
    ['2025-02-29, not a leap year', { ...VALID_DECISION, date: '2025-02-29' }],
    ['month 13', { ...VALID_DECISION, date: '2026-13-01' }],
    ['a date with a time', { ...VALID_DECISION, date: '2026-01-15T00:00:00Z' }],
    ['an empty signer', { ...VALID_DECISION, signer: '' }],
    ['a signer longer than 200 characters', { ...VALID_DECISION, signer: 'S'.repeat(201) }],
    ['an empty number', { ...VALID_DECISION, number: '' }],
    ['a numeric number', { ...VALID_DECISION, number: 123 }],
  ])('hasDecision rejects %s', (_what, decision) => {
    const refusal = refused(announceWith(decision));
    expect(refusal.reason).toBe('GUARD_FAILED');
    expect(refusal.failedGuards?.map((g) => g.name)).toEqual(['hasDecision']);
  });
});
