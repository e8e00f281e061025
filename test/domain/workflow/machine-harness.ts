/* eslint-disable jest/no-export -- not a spec: the harness every machine spec imports; it registers
   their table-driven tests through describeMachineTable and describeMachinePaths. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GENESIS_HASH, hashOf, type AuditRecord } from '../../../src/domain/audit/audit-record';
import { verifyChain } from '../../../src/domain/audit/verify-chain';
import type { Localized } from '../../../src/domain/localized';
import type { ActorFacts, WorkflowRole } from '../../../src/domain/roles';
import type {
  CaseContext,
  CaseSnapshot,
  EventFacts,
} from '../../../src/domain/workflow/case-event';
import type { CompiledWorkflow } from '../../../src/domain/workflow/compile-workflow';
import {
  allowedEvents,
  openCase,
  step,
  type ChainPosition,
  type Refusal,
  type RefusalReason,
  type StepOutcome,
} from '../../../src/domain/workflow/step';
import { WorkflowCatalogue } from '../../../src/domain/workflow/workflow-catalogue';

/*
 * One harness for every shipped workflow version. Each spec writes its machine's table out by hand
 * (states, events and the facts they declare, the roles to sweep, every transition with its roles,
 * guards, a valid input and the context it leaves, and the catalogue saying how each guard refuses);
 * the harness only sweeps the table over every state × event × role. Nothing expected is read from
 * the workflow file at run time: a change to a file must show up as a failing row.
 *
 * A new version is one more table file: whatever differs between versions (the roles there are, the
 * facts an event declares, how a guard is made to refuse, payload schemas, state tags, legal dates)
 * is a field of the table, not code here.
 */

// ---------------------------------------------------------------------------------------------
// Shipped workflows
// ---------------------------------------------------------------------------------------------

const WORKFLOWS_DIR = path.join(__dirname, '..', '..', '..', 'workflows');
const catalogues = new Map<string, WorkflowCatalogue>();

/** The shipped files, loaded (once) as the server loads them. */
export function shipped(...files: string[]): WorkflowCatalogue {
  const key = files.join('|');
  let catalogue = catalogues.get(key);
  if (catalogue === undefined) {
    catalogue = WorkflowCatalogue.load(
      files.map((name) => {
        const source = path.join(WORKFLOWS_DIR, name);
        return { source, text: readFileSync(source, 'utf8') };
      }),
    );
    catalogues.set(key, catalogue);
  }
  return catalogue;
}

/** workflows/<id>.v<version>.json, compiled. */
export function shippedWorkflow(id: string, version: number): CompiledWorkflow {
  return shipped(`${id}.v${version}.json`).get(id, version);
}

/** The workflow a table describes, compiled from the file it names. */
export function workflowOf(table: Pick<MachineTable, 'file' | 'id' | 'version'>): CompiledWorkflow {
  return shipped(table.file).get(table.id, table.version);
}

// ---------------------------------------------------------------------------------------------
// Actors, positions, outcomes
// ---------------------------------------------------------------------------------------------

/** An actor holding exactly these roles. */
export function as(...roles: WorkflowRole[]): ActorFacts {
  const name = roles.length === 0 ? 'nobody' : roles.join('+');
  return { userId: `user-${name}`, username: name, roles };
}

/** Someone holding every role the table sweeps: only state or input can stop them. */
export function everyone(table: Pick<MachineTable, 'roles'>): ActorFacts {
  return as(...table.roles);
}

export const CASE_ID = '7d4f1c2e-0000-4000-8000-000000000002';
export const SOME_PREV_HASH = 'cd'.repeat(32);

/** Where record number `seq` of the test case goes. */
export function position(seq: number, prevHash: string = SOME_PREV_HASH): ChainPosition {
  return {
    caseId: CASE_ID,
    seq,
    prevHash,
    at: new Date(Date.UTC(2026, 2, 2, 8, 0, seq)).toISOString(),
  };
}

export function accepted(outcome: StepOutcome) {
  if (!outcome.accepted) {
    throw new Error(`expected acceptance, got refusal ${JSON.stringify(outcome.refusal)}`);
  }
  return outcome;
}

export function refused(outcome: StepOutcome): Refusal {
  if (outcome.accepted) {
    throw new Error(`expected a refusal, but it was accepted into "${outcome.snapshot.state}"`);
  }
  return outcome.refusal;
}

// ---------------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------------

/**
 * When an event is entered now, what its legal dates are settled against (step's last argument).
 * Absent: the step is a replay of a recorded payload, or the version has no legal dates.
 */
export type EnteredNow = NonNullable<Parameters<typeof step>[7]>;

/** What an event is sent with: the case context it meets, the user's payload, the app's facts. */
export interface Input {
  context: CaseContext;
  payload: Record<string, unknown>;
  facts: EventFacts;
  entered?: EnteredNow;
}

export interface Row<G extends string = string> {
  from: string;
  event: string;
  to: string;
  roles: WorkflowRole[];
  /** Guards of the transition, in the order the file lists them. */
  guards: G[];
  /** An input every guard accepts. */
  input: Input;
  /** The context after the step with `input`. */
  after: CaseContext;
  /** The payload the audit record keeps, when the engine settles it (legal dates); else input's. */
  recorded?: Record<string, unknown>;
}

/** A change to a valid input: one guard (or the payload schema) refuses it, or nothing does. */
export interface Variant {
  what: string;
  change: (input: Input) => Input;
  /**
   * Guards that cannot pass when this one refuses this way (no quorum is met without council
   * rules): on a row that names them too, they refuse beside it, in the row's order.
   */
  alsoRefusedBy?: string[];
}

/** How a named guard is told apart: what it says when it refuses, and how to make it. */
export interface GuardSpec {
  /** A fragment of the refusal message, in both languages. */
  refusal: Localized;
  /** Each way of being refused by this guard alone (touches only what the guard reads). */
  breaking: Variant[];
  /** Inputs that differ from a row's valid one and must still pass this guard. */
  passing?: Variant[];
  /**
   * A guard the payload schema has made unreachable (`breaking` empty): every input it would
   * refuse, the schema refuses first. Such inputs, each with the fields the schema names.
   */
  refusedFirstBySchema?: PayloadVariant[];
}

export type GuardCatalogue<G extends string = string> = Readonly<Record<G, GuardSpec>>;

/** A payload the event's schema refuses before any guard runs, with the fields it names. */
export interface PayloadVariant extends Variant {
  fields: string[];
}

export interface MachineTable<G extends string = string> {
  file: string;
  id: string;
  version: number;
  /**
   * Every role the sweep tries, alone and all together, including roles the file never names
   * (they must be refused everywhere) and roles no user can be granted.
   */
  roles: readonly WorkflowRole[];
  initial: string;
  openRoles: WorkflowRole[];
  states: string[];
  finalStates: string[];
  /** Every declared event, with the facts it declares. */
  events: Record<string, string[]>;
  /** Event types of other workflows, or declared nowhere: unknown to this one. */
  foreignEvents: string[];
  transitions: Row<G>[];
  /** Anything every transition could want; used where the state refuses before the guards. */
  fullInput: Input;
  /** How each guard the rows name refuses (and what it still lets through). */
  guards: GuardCatalogue<G>;
  /**
   * The input on which every guard of the row refuses at once. Default: the row's context with no
   * payload and no facts (a version with payload schemas may need a payload the schema accepts).
   */
  everyGuardRefuses?: (row: Row<G>) => Input;
  /** What the case is opened with. Default: a subject's name. */
  openPayload?: Record<string, unknown>;
  /** Versions with payload schemas: per event, payloads refused before any guard runs. */
  payloadRefusals?: Record<string, PayloadVariant[]>;
  /** Versions whose payload schemas refuse keys they do not name, on every event. */
  refusesUnknownPayloadKeys?: boolean;
  /** Versions whose states carry tags: each state's tags (a state left out has none). */
  tags?: Record<string, string[]>;
}

// ---------------------------------------------------------------------------------------------
// Input builders
// ---------------------------------------------------------------------------------------------

export const withPayload =
  (patch: Record<string, unknown>) =>
  (input: Input): Input => ({ ...input, payload: { ...input.payload, ...patch } });

export const withFacts =
  (patch: EventFacts) =>
  (input: Input): Input => ({ ...input, facts: { ...input.facts, ...patch } });

export const withContext =
  (patch: CaseContext) =>
  (input: Input): Input => ({ ...input, context: { ...input.context, ...patch } });

export const withoutPayload =
  (key: string) =>
  (input: Input): Input => {
    const payload = { ...input.payload };
    delete payload[key];
    return { ...input, payload };
  };

export const withoutFact =
  (key: string) =>
  (input: Input): Input => {
    const facts = { ...input.facts };
    delete facts[key];
    return { ...input, facts };
  };

export const withoutContext =
  (key: string) =>
  (input: Input): Input => {
    const context = { ...input.context };
    delete context[key];
    return { ...input, context };
  };

/** An input, the way tables write them: context, then payload and facts when there are any. */
export const input = (
  context: CaseContext,
  payload: Record<string, unknown> = {},
  facts: EventFacts = {},
): Input => ({ context, payload, facts });

/** A row, the way tables write them. */
export const row = <G extends string>(
  from: string,
  event: string,
  to: string,
  roles: WorkflowRole[],
  guards: G[],
  valid: Input,
  after: CaseContext,
): Row<G> => ({ from, event, to, roles, guards, input: valid, after });

export function findRow<G extends string>(table: MachineTable<G>, from: string, event: string) {
  const found = table.transitions.find((r) => r.from === from && r.event === event);
  if (found === undefined) throw new Error(`no row ${from} × ${event} in the expected table`);
  return found;
}

// ---------------------------------------------------------------------------------------------
// Sending events
// ---------------------------------------------------------------------------------------------

/**
 * A deep copy made in the test's own realm (structuredClone's objects come from Node's realm, and
 * toStrictEqual tells them apart).
 */
export function clone<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clone) as T;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)])) as T;
}

export function snapshotOf(state: string, context: CaseContext): CaseSnapshot {
  return { state, context: clone(context) };
}

/** Sends `event` in state `from` with copies of `input`, so nothing the test holds is touched. */
export function send(
  workflow: CompiledWorkflow,
  from: string,
  event: string,
  input: Input,
  actor: ActorFacts,
  seq = 3,
): StepOutcome {
  return step(
    workflow,
    snapshotOf(from, input.context),
    event,
    clone(input.payload),
    actor,
    position(seq),
    clone(input.facts),
    clone(input.entered),
  );
}

// ---------------------------------------------------------------------------------------------
// The sweep
// ---------------------------------------------------------------------------------------------

/** Registers the table-driven tests of one machine, in a describe block named after its file. */
export function describeMachineTable<G extends string>(table: MachineTable<G>): void {
  describe(`workflow ${table.id} v${table.version} (workflows/${table.file})`, () => {
    sweep(table);
  });
}

function sweep<G extends string>(table: MachineTable<G>): void {
  const workflow = workflowOf(table);
  const EVERYONE = everyone(table);
  const nonFinalStates = table.states.filter((s) => !table.finalStates.includes(s));
  const eventNames = Object.keys(table.events);
  const guardedRows = table.transitions.filter((r) => r.guards.length > 0);

  const allowedCells = table.transitions.flatMap((r) => r.roles.map((role) => ({ ...r, role })));
  const refusedCells = table.states.flatMap((state) =>
    eventNames
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
    table.roles.filter((role) => !r.roles.includes(role)).map((role) => ({ ...r, role })),
  );

  describe('the table', () => {
    test('names exactly the states, events, facts and opening roles of the file', () => {
      const { machine, events, openRoles } = workflow.definition;
      expect(workflow.definition.id).toBe(table.id);
      expect(workflow.definition.version).toBe(table.version);
      expect(Object.keys(machine.states).sort()).toEqual([...table.states].sort());
      expect(
        Object.entries(machine.states)
          .filter(([, s]) => s.type === 'final')
          .map(([name]) => name)
          .sort(),
      ).toEqual([...table.finalStates].sort());
      expect(machine.initial).toBe(table.initial);
      expect([...openRoles].sort()).toEqual([...table.openRoles].sort());
      expect(
        Object.fromEntries(Object.entries(events).map(([name, e]) => [name, e.facts ?? []])),
      ).toEqual(table.events);
    });

    test('covers every state × event cell once', () => {
      const keys = table.transitions.map((r) => `${r.from}×${r.event}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(table.transitions.length + refusedCells.length).toBe(
        table.states.length * eventNames.length,
      );
    });

    test('lists the target and guards of each transition, in order', () => {
      const { states } = workflow.definition.machine;
      for (const r of table.transitions) {
        const config = states[r.from].on?.[r.event];
        expect({ cell: `${r.from}×${r.event}`, config }).toEqual({
          cell: `${r.from}×${r.event}`,
          config: expect.objectContaining({
            target: r.to,
            ...(r.guards.length === 0
              ? {}
              : { guard: r.guards.length === 1 ? r.guards[0] : r.guards }),
          }),
        });
      }
    });

    test('sweeps every role the file names, and says how each of its guards refuses', () => {
      const named = new Set([
        ...workflow.definition.openRoles,
        ...Object.values(workflow.definition.events).flatMap((e) => e.roles),
      ]);
      expect([...named].filter((role) => !table.roles.includes(role))).toEqual([]);
      const guards = new Set(table.transitions.flatMap((r) => r.guards));
      expect(
        [...guards].filter(
          (g) =>
            (table.guards[g]?.breaking ?? []).length === 0 &&
            (table.guards[g]?.refusedFirstBySchema ?? []).length === 0,
        ),
      ).toEqual([]);
    });

    if (table.tags !== undefined) {
      const tags = table.tags;
      test.each(table.states)('%s carries the tags of the table', (state) => {
        expect([...workflow.tagsOf(state)].sort()).toEqual([...(tags[state] ?? [])].sort());
      });
    }
  });

  describe('allowed transitions', () => {
    test.each(allowedCells)('$from --$event--> $to as $role', (r) => {
      const actor = as(r.role);
      const pos = position(7);
      const outcome = accepted(
        step(
          workflow,
          snapshotOf(r.from, r.input.context),
          r.event,
          clone(r.input.payload),
          actor,
          pos,
          clone(r.input.facts),
          clone(r.input.entered),
        ),
      );

      // Compared as copies made in this realm: the engine may settle a payload with structuredClone.
      expect(clone(outcome.snapshot)).toStrictEqual({ state: r.to, context: r.after });
      expect(outcome.final).toBe(table.finalStates.includes(r.to));
      expect(clone(outcome.record)).toStrictEqual({
        caseId: CASE_ID,
        seq: 7,
        at: pos.at,
        actor: { userId: actor.userId, username: actor.username, role: r.role },
        eventType: r.event,
        payload: r.recorded ?? r.input.payload,
        ...(Object.keys(r.input.facts).length > 0 ? { facts: r.input.facts } : {}),
        fromState: r.from,
        toState: r.to,
        workflow: { id: table.id, version: table.version, hash: workflow.hash },
        prevHash: SOME_PREV_HASH,
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      expect(outcome.record.hash).toBe(hashOf(outcome.record));
    });

    test.each(table.transitions)('$from × $event does not modify its input', (r) => {
      const given = clone(r.input);
      const snapshot = snapshotOf(r.from, given.context);
      accepted(
        step(
          workflow,
          snapshot,
          r.event,
          given.payload,
          as(r.roles[0]),
          position(3),
          given.facts,
          given.entered,
        ),
      );
      expect(given).toEqual(r.input);
      expect(snapshot.context).toEqual(r.input.context);
    });

    test('the record names the role that allowed the event, not the actor’s other roles', () => {
      const [first] = table.transitions;
      const [allowedRole] = first.roles;
      const actor = as(...table.roles.filter((role) => !first.roles.includes(role)), allowedRole);

      const outcome = accepted(send(workflow, first.from, first.event, first.input, actor, 2));

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
        const refusal = refused(send(workflow, state, event, table.fullInput, EVERYONE));
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
    test.each(wrongRoleCells)('$from × $event is refused to $role', (r) => {
      const refusal = refused(send(workflow, r.from, r.event, r.input, as(r.role)));
      expect(refusal).toEqual({
        reason: 'ROLE_NOT_ALLOWED',
        eventType: r.event,
        state: r.from,
        allowedRoles: r.roles,
        message: {
          vi: expect.stringContaining(r.roles.join(', ')),
          en: expect.stringContaining(r.roles.join(', ')),
        },
      });
    });

    test.each(table.transitions)('$from × $event is refused to an actor with no role', (r) => {
      expect(refused(send(workflow, r.from, r.event, r.input, as())).reason).toBe(
        'ROLE_NOT_ALLOWED',
      );
    });
  });

  describe('guards', () => {
    const breakingCells = guardedRows.flatMap((r) =>
      r.guards.flatMap((guard) =>
        table.guards[guard].breaking.map(({ what, change, alsoRefusedBy = [] }) => ({
          ...r,
          guard,
          what,
          change,
          refusing: r.guards.filter((g) => g === guard || alsoRefusedBy.includes(g)),
        })),
      ),
    );
    const passingCells = guardedRows.flatMap((r) =>
      r.guards.flatMap((guard) =>
        (table.guards[guard].passing ?? []).map(({ what, change }) => ({
          ...r,
          guard,
          what,
          change,
        })),
      ),
    );
    const everyGuardRefuses =
      table.everyGuardRefuses ?? ((r: Row<G>): Input => ({ ...r.input, payload: {}, facts: {} }));

    test('the workflow has guarded transitions to check', () => {
      expect(guardedRows.length).toBeGreaterThan(0);
    });

    test.each(breakingCells)('$from × $event with $what is refused by $guard', (r) => {
      const refusal = refused(send(workflow, r.from, r.event, r.change(r.input), as(r.roles[0])));
      const text = table.guards[r.guard].refusal;
      expect(refusal).toEqual({
        reason: 'GUARD_FAILED',
        eventType: r.event,
        state: r.from,
        failedGuards: r.refusing.map((name) => ({
          name,
          message: {
            vi: expect.stringContaining(table.guards[name].refusal.vi),
            en: expect.stringContaining(table.guards[name].refusal.en),
          },
        })),
        message: { vi: expect.stringContaining(text.vi), en: expect.stringContaining(text.en) },
      });
    });

    test.each(passingCells)('$from × $event with $what passes $guard', (r) => {
      const outcome = accepted(send(workflow, r.from, r.event, r.change(r.input), as(r.roles[0])));
      expect(outcome.snapshot.state).toBe(r.to);
    });

    test.each(guardedRows)('$from × $event names every guard when all of them refuse', (r) => {
      // A guard the payload schema makes unreachable cannot be among them.
      const reachable = r.guards.filter((g) => table.guards[g].breaking.length > 0);
      const refusal = refused(
        send(workflow, r.from, r.event, everyGuardRefuses(r), as(r.roles[0])),
      );
      expect(refusal.reason).toBe('GUARD_FAILED');
      expect(refusal.failedGuards?.map((g) => g.name)).toEqual(reachable);
      for (const guard of reachable) {
        expect(refusal.message.vi).toContain(table.guards[guard].refusal.vi);
        expect(refusal.message.en).toContain(table.guards[guard].refusal.en);
      }
    });
  });

  const shadowedCells = guardedRows.flatMap((r) =>
    r.guards.flatMap((guard) =>
      (table.guards[guard].refusedFirstBySchema ?? []).map((variant) => ({
        ...r,
        ...variant,
        guard,
      })),
    ),
  );
  if (shadowedCells.length > 0) {
    describe('guards the payload schema makes unreachable', () => {
      test.each(shadowedCells)(
        '$from × $event with $what is refused by its schema before $guard',
        (r) => {
          const refusal = refused(
            send(workflow, r.from, r.event, r.change(r.input), as(r.roles[0])),
          );
          expect(refusal).toEqual({
            reason: 'PAYLOAD_INVALID',
            eventType: r.event,
            state: r.from,
            payloadProblems: r.fields.map((field) => ({
              field,
              message: { vi: expect.any(String), en: expect.any(String) },
            })),
            message: { vi: expect.any(String), en: expect.any(String) },
          });
        },
      );
    });
  }

  if (table.payloadRefusals !== undefined || table.refusesUnknownPayloadKeys === true) {
    describe('payloads', () => {
      const payloadRefusals = table.payloadRefusals ?? {};
      const invalidCells = table.transitions.flatMap((r) =>
        (payloadRefusals[r.event] ?? []).map((variant) => ({ ...r, ...variant })),
      );
      const unknownKeyRows = table.refusesUnknownPayloadKeys === true ? table.transitions : [];

      const expectPayloadInvalid = (refusal: Refusal, r: Row<G>, fields: string[]) =>
        expect(refusal).toEqual({
          reason: 'PAYLOAD_INVALID',
          eventType: r.event,
          state: r.from,
          payloadProblems: fields.map((field) => ({
            field,
            message: { vi: expect.any(String), en: expect.any(String) },
          })),
          message: { vi: expect.any(String), en: expect.any(String) },
        });

      test.each(invalidCells)('$from × $event with $what is refused by its schema', (r) => {
        const refusal = refused(send(workflow, r.from, r.event, r.change(r.input), as(r.roles[0])));
        expectPayloadInvalid(refusal, r, r.fields);
      });

      test.each(unknownKeyRows)('$from × $event refuses a payload key it does not name', (r) => {
        const refusal = refused(
          send(workflow, r.from, r.event, withPayload({ notAField: 'x' })(r.input), as(r.roles[0])),
        );
        expectPayloadInvalid(refusal, r, ['payload.notAField']);
      });
    });
  }

  describe('unknown events', () => {
    const cells = table.states.flatMap((state) =>
      table.foreignEvents.map((event) => ({ state, event })),
    );

    test.each(cells)('$state × $event is refused with EVENT_UNKNOWN', ({ state, event }) => {
      expect(refused(send(workflow, state, event, table.fullInput, EVERYONE))).toEqual({
        reason: 'EVENT_UNKNOWN',
        eventType: event,
        state,
        message: { vi: expect.stringContaining(event), en: expect.stringContaining(event) },
      });
    });

    test('event names inherited from Object.prototype are unknown events, not crashes', () => {
      for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf']) {
        const outcome = step(workflow, { state: table.initial, context: {} }, name, {}, EVERYONE, {
          caseId: 'c',
          seq: 2,
          prevHash: GENESIS_HASH,
          at: '2026-01-01T00:00:00.000Z',
        });
        expect(outcome.accepted).toBe(false);
        expect(!outcome.accepted && outcome.refusal.reason).toBe('EVENT_UNKNOWN');
      }
    });
  });

  describe('openCase', () => {
    const openPayload = table.openPayload ?? {
      subject: { name: 'Trần Xuân Lâm', unit: 'Phòng Tổ chức' },
    };

    test.each(table.openRoles)('%s may open a case, with no facts in the record', (role) => {
      const actor = as(role);
      const pos = position(1, GENESIS_HASH);
      const outcome = accepted(openCase(workflow, actor, clone(openPayload), pos));
      expect(outcome.snapshot).toEqual({ state: table.initial, context: {} });
      expect(outcome.final).toBe(false);
      expect(outcome.record).toStrictEqual({
        caseId: CASE_ID,
        seq: 1,
        at: pos.at,
        actor: { userId: actor.userId, username: actor.username, role },
        eventType: 'CASE_OPENED',
        payload: openPayload,
        fromState: null,
        toState: table.initial,
        workflow: { id: table.id, version: table.version, hash: workflow.hash },
        prevHash: GENESIS_HASH,
        hash: hashOf(outcome.record),
      });
      expect(verifyChain(CASE_ID, [outcome.record]).ok).toBe(true);
    });

    test.each(table.roles.filter((role) => !table.openRoles.includes(role)))(
      '%s may not open a case',
      (role) => {
        expect(refused(openCase(workflow, as(role), {}, position(1, GENESIS_HASH)))).toEqual({
          reason: 'ROLE_NOT_ALLOWED',
          eventType: 'CASE_OPENED',
          state: null,
          allowedRoles: table.openRoles,
          message: { vi: expect.stringContaining(table.id), en: expect.stringContaining(table.id) },
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
      table.roles.map((role) => ({
        state,
        role,
        expected: table.transitions
          .filter((r) => r.from === state && r.roles.includes(role))
          .map((r) => r.event)
          .sort(),
      })),
    );

    test.each(cells)('$role in $state may send $expected', ({ state, role, expected }) => {
      expect(
        allowedEvents(workflow, state, as(role))
          .map((e) => e.type)
          .sort(),
      ).toEqual(expected);
    });

    test.each(nonFinalStates)(
      'an actor with every role in %s may send every event of the state',
      (state) => {
        const expected = table.transitions.filter((r) => r.from === state).map((r) => r.event);
        expect(
          allowedEvents(workflow, state, EVERYONE)
            .map((e) => e.type)
            .sort(),
        ).toEqual([...expected].sort());
      },
    );

    test('a stored state the definition lacks is corrupted data, not an empty list', () => {
      expect(() => allowedEvents(workflow, 'no_such_state', EVERYONE)).toThrow(/no_such_state/);
      expect(() => allowedEvents(workflow, 'toString', EVERYONE)).toThrow(/toString/);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Whole paths, and the hash chain they leave behind
// ---------------------------------------------------------------------------------------------

/** One event of a path; what it leaves out is taken from the table's row for it. */
export interface PathStep {
  event: string;
  role?: WorkflowRole;
  payload?: Record<string, unknown>;
  facts?: EventFacts;
  entered?: EnteredNow;
}

export interface Walked {
  records: AuditRecord[];
  snapshots: CaseSnapshot[];
  outcomes: Extract<StepOutcome, { accepted: true }>[];
}

/**
 * Opens a case and sends each event in turn, chaining positions. A step sent as a bare event (or
 * without role, payload, facts) is sent as its row's first role with its row's valid input; the
 * context is the one the previous step left.
 */
export function walk<G extends string>(
  table: MachineTable<G>,
  opener: WorkflowRole,
  steps: readonly (string | PathStep)[],
): Walked {
  const workflow = workflowOf(table);
  const opened = accepted(
    openCase(workflow, as(opener), { subject: 'Trần Xuân Lâm' }, position(1, GENESIS_HASH)),
  );
  const outcomes = [opened];
  for (const given of steps) {
    const s: PathStep = typeof given === 'string' ? { event: given } : given;
    const previous = outcomes[outcomes.length - 1];
    const r = findRow(table, previous.snapshot.state, s.event);
    outcomes.push(
      accepted(
        step(
          workflow,
          previous.snapshot,
          s.event,
          clone(s.payload ?? r.input.payload),
          as(s.role ?? r.roles[0]),
          position(outcomes.length + 1, previous.record.hash),
          clone(s.facts ?? r.input.facts),
          clone(s.entered ?? r.input.entered),
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

export interface MachinePath {
  name: string;
  opener: WorkflowRole;
  steps: (string | PathStep)[];
  /** The states visited, the initial one first; the last is final. */
  states: string[];
}

/** Walks each path from opening to a final state and checks the chain it leaves. */
export function describeMachinePaths<G extends string>(
  table: MachineTable<G>,
  paths: readonly MachinePath[],
): void {
  describe.each(paths)(`${table.id} v${table.version} path: $name`, ({ opener, steps, states }) => {
    const events = steps.map((s) => (typeof s === 'string' ? s : s.event));
    let walked: Walked;
    beforeAll(() => {
      walked = walk(table, opener, steps);
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
      const workflow = workflowOf(table);
      for (const event of Object.keys(table.events)) {
        const refusal = refused(
          step(
            workflow,
            last,
            event,
            clone(table.fullInput.payload),
            everyone(table),
            position(99),
            clone(table.fullInput.facts),
          ),
        );
        expect(refusal.reason).toBe('CASE_CLOSED');
      }
    });
  });
}
