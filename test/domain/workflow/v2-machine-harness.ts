/* eslint-disable jest/no-export -- not a spec: a harness the v2 machine specs import; it registers
   their table-driven tests through describeMachineTable. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GENESIS_HASH, hashOf } from '../../../src/domain/audit/audit-record';
import { verifyChain } from '../../../src/domain/audit/verify-chain';
import type {
  EligibilityOutcome,
  EligibilityResult,
} from '../../../src/domain/rules/eligibility-types';
import {
  PUBLIC_ROLE,
  ROLES,
  type ActorFacts,
  type Role,
  type WorkflowRole,
} from '../../../src/domain/roles';
import type {
  CaseContext,
  CaseSnapshot,
  EventFacts,
} from '../../../src/domain/workflow/case-event';
import type { CompiledWorkflow } from '../../../src/domain/workflow/compile-workflow';
import type {
  DecisionNumberFact,
  DocumentFact,
  EventFactName,
  PublicNoticeFact,
} from '../../../src/domain/workflow/event-facts';
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
 * A harness for the version 2 workflows, which read facts as well as payloads. Each spec writes its
 * machine's table out by hand (states, events, roles, guards, a valid input and the context it
 * leaves); the harness only sweeps the table over every state × event × role. Nothing expected is
 * read from the workflow file at run time.
 */

// ---------------------------------------------------------------------------------------------
// Shipped workflows, actors, positions
// ---------------------------------------------------------------------------------------------

const WORKFLOWS_DIR = path.join(__dirname, '..', '..', '..', 'workflows');

/** Every shipped file, loaded as the server loads them (v1 and v2 side by side). */
export const SHIPPED = WorkflowCatalogue.load(
  ['nomination.v1.json', 'nomination.v2.json', 'violation.v1.json', 'violation.v2.json'].map(
    (name) => {
      const source = path.join(WORKFLOWS_DIR, name);
      return { source, text: readFileSync(source, 'utf8') };
    },
  ),
);

/** The grantable roles and the workflow-only role of the public notice page. */
export const ALL_ROLES: readonly WorkflowRole[] = [...ROLES, PUBLIC_ROLE];

/** An actor holding exactly these roles. */
export function as(...roles: WorkflowRole[]): ActorFacts {
  const name = roles.length === 0 ? 'nobody' : roles.join('+');
  return { userId: `user-${name}`, username: name, roles };
}

/** Someone holding every role there is, `public` included: only state or input can stop them. */
export const EVERYONE = as(...ALL_ROLES);

export const CASE_ID = '7d4f1c2e-0000-4000-8000-000000000002';
export const SOME_PREV_HASH = 'cd'.repeat(32);

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
// Facts as the application would establish them
// ---------------------------------------------------------------------------------------------

export const RULE_SET = { id: 'vn-tdkt', version: 3, hash: 'e'.repeat(64) };

export function eligibility(outcome: EligibilityOutcome): EligibilityResult {
  return {
    outcome,
    lines: [
      {
        rule: 'discipline.in_force',
        outcome: outcome === 'eligible' ? 'pass' : outcome === 'ineligible' ? 'fail' : outcome,
        reason: { vi: `Kết quả: ${outcome}`, en: `Outcome: ${outcome}` },
        source: [],
      },
    ],
    ruleSet: RULE_SET,
  };
}

export const ELIGIBLE = eligibility('eligible');
export const NEEDS_REVIEW = eligibility('needs_review');
export const ON_HOLD = eligibility('on_hold');
export const INELIGIBLE = eligibility('ineligible');

/** A public notice of 10 working days, 2026-04-01 to 2026-04-14 inclusive. */
export const NOTICE_REQUIRED: PublicNoticeFact = {
  required: true,
  workingDays: 10,
  opensOn: '2026-04-01',
  closesOn: '2026-04-14',
};
export const NOTICE_NOT_REQUIRED: PublicNoticeFact = {
  required: false,
  workingDays: null,
  opensOn: null,
  closesOn: null,
};
/** Days around NOTICE_REQUIRED.closesOn. */
export const LAST_NOTICE_DAY = '2026-04-14';
export const DAY_AFTER_NOTICE = '2026-04-15';
export const DAY_IN_NOTICE = '2026-04-03';

export const ISSUING_UNIT = { id: 'unit-ubnd', code: 'UBND', name: 'Ủy ban nhân dân tỉnh' };
export const AWARD_NUMBER: DecisionNumberFact = {
  number: '15/QĐ-UBND',
  sequence: 15,
  year: 2026,
  issuingUnit: ISSUING_UNIT,
};
export const REVOCATION_NUMBER: DecisionNumberFact = {
  number: '88/QĐ-UBND',
  sequence: 88,
  year: 2026,
  issuingUnit: ISSUING_UNIT,
};

export function documentFact(code: string, sha: string): DocumentFact {
  return {
    id: `doc-${code}-${sha}`,
    code,
    sha256: sha.repeat(64),
    size: 2048,
    mediaType: 'application/pdf',
    fileName: `${code}.pdf`,
  };
}

// ---------------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------------

export type GuardName =
  | 'hasReason'
  | 'hasDecision'
  | 'eligibilityAllowsSubmission'
  | 'eligibilityAllowsProgress'
  | 'publicNoticeRequired'
  | 'publicNoticeNotRequired'
  | 'publicNoticeOpen'
  | 'publicNoticeEnded'
  | 'hasSignedDecision'
  | 'hasRevocationGround'
  | 'hasStoredDocument'
  | 'hasObjection'
  | 'hasDisciplineOutcome';

/** What an event is sent with: the case context it meets, the user's payload, the app's facts. */
export interface Input {
  context: CaseContext;
  payload: Record<string, unknown>;
  facts: EventFacts;
}

export interface Row {
  from: string;
  event: string;
  to: string;
  roles: WorkflowRole[];
  /** Guards of the transition, in the order the file lists them. */
  guards: GuardName[];
  /** An input every guard accepts. */
  input: Input;
  /** The context after the step with `input`. */
  after: CaseContext;
}

export interface MachineTable {
  file: string;
  id: string;
  version: number;
  initial: string;
  openRoles: Role[];
  states: string[];
  finalStates: string[];
  /** Every declared event, with the facts it declares. */
  events: Record<string, EventFactName[]>;
  foreignEvents: string[];
  transitions: Row[];
  /** Anything every transition could want; used where the state refuses before the guards. */
  fullInput: Input;
}

/** A change to a valid input that makes exactly one guard refuse (or, for PASSING, none). */
export interface Variant {
  what: string;
  change: (input: Input) => Input;
}

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

/** A fragment of what each guard tells the user when it refuses (named-implementations.ts and commendation-steps.ts). */
export const GUARD_REFUSAL_TEXT: Record<GuardName, { vi: string; en: string }> = {
  hasReason: { vi: 'Cần nêu lý do', en: 'A reason is required' },
  hasDecision: { vi: 'Cần số quyết định', en: 'A decision number, signing date' },
  eligibilityAllowsSubmission: {
    vi: 'không đủ điều kiện; xem từng dòng',
    en: 'The nominee is not eligible',
  },
  eligibilityAllowsProgress: {
    vi: 'đang bị tạm dừng xét',
    en: 'on hold or not eligible',
  },
  publicNoticeRequired: {
    vi: 'không phải công khai lấy ý kiến; công bố quyết định trực tiếp',
    en: 'needs no public notice',
  },
  publicNoticeNotRequired: {
    vi: 'phải công khai lấy ý kiến trước khi công bố',
    en: 'requires a public notice before the decision is announced',
  },
  publicNoticeOpen: {
    vi: 'Thời hạn công khai lấy ý kiến đã kết thúc',
    en: 'The public notice period is over',
  },
  publicNoticeEnded: {
    vi: 'Chưa hết thời hạn công khai',
    en: 'The public notice period is not over yet',
  },
  hasSignedDecision: {
    vi: 'Cần ngày ký (YYYY-MM-DD) và người ký quyết định',
    en: 'signing date (YYYY-MM-DD) and signer of the decision are required',
  },
  hasRevocationGround: {
    vi: 'Cần căn cứ thu hồi theo Điều 93 khoản 2',
    en: 'A revocation ground of Law 06/2022 Art 93(2) is required',
  },
  hasStoredDocument: {
    vi: 'chỉ được thêm bằng chức năng tải tài liệu lên',
    en: 'Dossier documents are added only by uploading them',
  },
  hasObjection: {
    vi: 'Cần nội dung ý kiến (payload.objection, từ 10 đến 4000 ký tự)',
    en: 'The objection text is required (payload.objection, 10 to 4000 characters)',
  },
  hasDisciplineOutcome: {
    vi: 'Cần hình thức kỷ luật theo bộ quy tắc',
    en: 'A discipline form of the rule set is required',
  },
};

export const SIGNED = { date: '2026-04-20', signer: 'Trần Xuân Lâm' };
export const VALID_REASON = 'Hồ sơ thiếu bản thành tích có xác nhận của đơn vị.';
export const VALID_OBJECTION = 'Thành tích kê khai năm 2025 không đúng với thực tế của đơn vị.';

/**
 * Each way of being refused by one guard. Every change touches only what its guard reads, so on a
 * valid input the other guards of the transition still pass.
 */
export const BREAKING: Record<GuardName, Variant[]> = {
  hasReason: [
    { what: 'no reason', change: withoutPayload('reason') },
    { what: 'a 4-character reason', change: withPayload({ reason: 'abcd' }) },
    { what: 'a padded 4-character reason', change: withPayload({ reason: '   abcd    ' }) },
    { what: 'a reason that is not text', change: withPayload({ reason: 12345678 }) },
    { what: 'a 4001-character reason', change: withPayload({ reason: 'x'.repeat(4001) }) },
  ],
  hasDecision: [
    { what: 'no decision', change: withoutPayload('decision') },
    { what: 'a null decision', change: withPayload({ decision: null }) },
    {
      what: 'a decision without number',
      change: withPayload({ decision: { date: '2026-02-20', signer: 'Phạm Văn Cường' } }),
    },
    {
      what: 'an impossible decision date',
      change: withPayload({
        decision: { number: '12/QĐ-KL', date: '2026-02-30', signer: 'Phạm Văn Cường' },
      }),
    },
    {
      what: 'a blank signer',
      change: withPayload({ decision: { number: '12/QĐ-KL', date: '2026-02-20', signer: '  ' } }),
    },
  ],
  eligibilityAllowsSubmission: [
    { what: 'an ineligible nominee', change: withFacts({ eligibility: INELIGIBLE }) },
    { what: 'no eligibility fact', change: withoutFact('eligibility') },
    {
      what: 'an outcome that does not exist',
      change: withFacts({ eligibility: { ...ELIGIBLE, outcome: 'maybe' } }),
    },
    { what: 'the outcome as bare text', change: withFacts({ eligibility: 'eligible' }) },
    {
      what: 'eligibility in the payload only',
      change: (i) => withPayload({ eligibility: ELIGIBLE })(withoutFact('eligibility')(i)),
    },
  ],
  eligibilityAllowsProgress: [
    { what: 'a nominee on hold', change: withFacts({ eligibility: ON_HOLD }) },
    { what: 'an ineligible nominee', change: withFacts({ eligibility: INELIGIBLE }) },
    { what: 'no eligibility fact', change: withoutFact('eligibility') },
  ],
  publicNoticeRequired: [
    {
      what: 'an award needing no notice',
      change: withFacts({ publicNotice: NOTICE_NOT_REQUIRED }),
    },
    { what: 'no publicNotice fact', change: withoutFact('publicNotice') },
    {
      what: '"required" as text',
      change: withFacts({ publicNotice: { ...NOTICE_REQUIRED, required: 'true' } }),
    },
  ],
  publicNoticeNotRequired: [
    { what: 'an award needing a notice', change: withFacts({ publicNotice: NOTICE_REQUIRED }) },
    { what: 'no publicNotice fact', change: withoutFact('publicNotice') },
  ],
  publicNoticeOpen: [
    { what: 'today the day after the notice', change: withFacts({ today: DAY_AFTER_NOTICE }) },
    { what: 'no today fact', change: withoutFact('today') },
    { what: 'today not an ISO date', change: withFacts({ today: '14/04/2026' }) },
    { what: 'no notice in the context', change: withoutContext('publicNotice') },
    {
      what: 'a notice without closing day',
      change: withContext({ publicNotice: { ...NOTICE_REQUIRED, closesOn: null } }),
    },
  ],
  publicNoticeEnded: [
    { what: 'today the last day of the notice', change: withFacts({ today: LAST_NOTICE_DAY }) },
    { what: 'today within the notice', change: withFacts({ today: DAY_IN_NOTICE }) },
    { what: 'no today fact', change: withoutFact('today') },
    { what: 'no notice in the context', change: withoutContext('publicNotice') },
    {
      what: 'today given in the payload only',
      change: (i) => withPayload({ today: DAY_AFTER_NOTICE })(withoutFact('today')(i)),
    },
  ],
  hasSignedDecision: [
    { what: 'no decision', change: withoutPayload('decision') },
    { what: 'a null decision', change: withPayload({ decision: null }) },
    {
      what: 'an impossible date',
      change: withPayload({ decision: { ...SIGNED, date: '2026-02-30' } }),
    },
    {
      what: 'a non-ISO date',
      change: withPayload({ decision: { ...SIGNED, date: '20/04/2026' } }),
    },
    { what: 'a blank signer', change: withPayload({ decision: { ...SIGNED, signer: '   ' } }) },
    {
      what: 'a signer longer than 200 characters',
      change: withPayload({ decision: { ...SIGNED, signer: 'S'.repeat(201) } }),
    },
    { what: 'no decisionNumber fact', change: withoutFact('decisionNumber') },
    {
      what: 'a number typed in the payload instead of the fact',
      change: (i) =>
        withPayload({ decision: { ...SIGNED, number: '15/QĐ-UBND' } })(
          withoutFact('decisionNumber')(i),
        ),
    },
  ],
  hasRevocationGround: [
    { what: 'no ground', change: withoutPayload('ground') },
    { what: 'a ground outside Art 93(2)', change: withPayload({ ground: 'no_longer_liked' }) },
    { what: 'an inherited property name', change: withPayload({ ground: 'toString' }) },
    { what: 'a ground in capitals', change: withPayload({ ground: 'FALSE_DOSSIER' }) },
    { what: 'a ground that is not text', change: withPayload({ ground: ['false_dossier'] }) },
  ],
  hasStoredDocument: [
    { what: 'no document fact', change: withoutFact('document') },
    {
      what: 'a document in the payload only',
      change: (i) => withPayload({ document: i.facts.document })(withoutFact('document')(i)),
    },
  ],
  hasObjection: [
    { what: 'no objection', change: withoutPayload('objection') },
    { what: 'a 9-character objection', change: withPayload({ objection: '123456789' }) },
    {
      what: 'a 9-character objection inside padding',
      change: withPayload({ objection: '   123456789   ' }),
    },
    { what: 'a 4001-character objection', change: withPayload({ objection: 'x'.repeat(4001) }) },
    { what: 'an objection that is not text', change: withPayload({ objection: 1234567890123 }) },
  ],
  hasDisciplineOutcome: [
    { what: 'no discipline', change: withoutPayload('discipline') },
    { what: 'an empty discipline', change: withPayload({ discipline: {} }) },
    {
      what: 'a discipline without form',
      change: withPayload({ discipline: { subjectType: 'party_member' } }),
    },
    {
      what: 'a form that is not a code',
      change: withPayload({ discipline: { subjectType: 'party_member', form: 'Khiển trách' } }),
    },
    { what: 'the form as bare text', change: withPayload({ discipline: 'khien_trach' }) },
    {
      what: 'a subject type the rule set lacks',
      change: withPayload({ discipline: { subjectType: 'robot', form: 'khien_trach' } }),
    },
    {
      what: 'a form the rule set lacks for the subject',
      change: withPayload({ discipline: { subjectType: 'party_member', form: 'made_up_form' } }),
    },
    { what: 'no disciplineForms fact', change: withoutFact('disciplineForms') },
  ],
};

/** Inputs that differ from the table's valid one and must still be accepted. */
export const PASSING: Partial<Record<GuardName, Variant[]>> = {
  hasReason: [
    { what: 'a 5-character reason', change: withPayload({ reason: 'abcde' }) },
    { what: 'a 4000-character reason', change: withPayload({ reason: 'x'.repeat(4000) }) },
  ],
  eligibilityAllowsSubmission: [
    { what: 'an eligible nominee', change: withFacts({ eligibility: ELIGIBLE }) },
    { what: 'a nominee needing review', change: withFacts({ eligibility: NEEDS_REVIEW }) },
    { what: 'a nominee on hold', change: withFacts({ eligibility: ON_HOLD }) },
  ],
  eligibilityAllowsProgress: [
    { what: 'an eligible nominee', change: withFacts({ eligibility: ELIGIBLE }) },
    { what: 'a nominee needing review', change: withFacts({ eligibility: NEEDS_REVIEW }) },
  ],
  publicNoticeOpen: [
    { what: 'today the last day of the notice', change: withFacts({ today: LAST_NOTICE_DAY }) },
    { what: 'today the first day of the notice', change: withFacts({ today: '2026-04-01' }) },
  ],
  publicNoticeEnded: [
    { what: 'today the day after the notice', change: withFacts({ today: DAY_AFTER_NOTICE }) },
    { what: 'today a year later', change: withFacts({ today: '2027-04-14' }) },
  ],
  hasSignedDecision: [
    {
      what: 'a leap-day date',
      change: withPayload({ decision: { ...SIGNED, date: '2028-02-29' } }),
    },
    {
      what: 'a 200-character signer',
      change: withPayload({ decision: { ...SIGNED, signer: 'S'.repeat(200) } }),
    },
  ],
  hasRevocationGround: [
    {
      what: 'ground fraudulent_achievements',
      change: withPayload({ ground: 'fraudulent_achievements' }),
    },
    { what: 'ground false_dossier', change: withPayload({ ground: 'false_dossier' }) },
    { what: 'ground unlawful_procedure', change: withPayload({ ground: 'unlawful_procedure' }) },
    { what: 'ground violation_in_period', change: withPayload({ ground: 'violation_in_period' }) },
  ],
  hasObjection: [
    { what: 'a 10-character objection', change: withPayload({ objection: '1234567890' }) },
    {
      what: 'a 10-character objection inside padding',
      change: withPayload({ objection: '  1234567890  ' }),
    },
    { what: 'a 4000-character objection', change: withPayload({ objection: 'x'.repeat(4000) }) },
  ],
  hasDisciplineOutcome: [
    { what: 'no discipline (null)', change: withPayload({ discipline: null }) },
    {
      what: 'a civil-servant reprimand',
      change: withPayload({ discipline: { subjectType: 'civil_servant', form: 'canh_cao' } }),
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// The sweep
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
  );
}

/** Registers the table-driven tests of one machine. */
export function describeMachineTable(table: MachineTable): void {
  const workflow = SHIPPED.get(table.id, table.version);
  const nonFinalStates = table.states.filter((s) => !table.finalStates.includes(s));
  const eventNames = Object.keys(table.events);

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
    ALL_ROLES.filter((role) => !r.roles.includes(role)).map((role) => ({ ...r, role })),
  );
  const guardedRows = table.transitions.filter((r) => r.guards.length > 0);

  test('the table names exactly the states, events, facts and roles of the file', () => {
    const { machine, events, openRoles } = workflow.definition;
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

  test('the sweep covers every state × event cell once', () => {
    const keys = table.transitions.map((r) => `${r.from}×${r.event}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(table.transitions.length + refusedCells.length).toBe(
      table.states.length * eventNames.length,
    );
  });

  test('each row lists the guards of its transition, in order', () => {
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
        ),
      );

      expect(outcome.snapshot).toStrictEqual({ state: r.to, context: r.after });
      expect(outcome.final).toBe(table.finalStates.includes(r.to));
      expect(outcome.record).toStrictEqual({
        caseId: CASE_ID,
        seq: 7,
        at: pos.at,
        actor: { userId: actor.userId, username: actor.username, role: r.role },
        eventType: r.event,
        payload: r.input.payload,
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
      const input = clone(r.input);
      const snapshot = snapshotOf(r.from, input.context);
      accepted(
        step(workflow, snapshot, r.event, input.payload, as(r.roles[0]), position(3), input.facts),
      );
      expect(input).toEqual(r.input);
      expect(snapshot.context).toEqual(r.input.context);
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
        BREAKING[guard].map(({ what, change }) => ({ ...r, guard, what, change })),
      ),
    );
    const passingCells = guardedRows.flatMap((r) =>
      r.guards.flatMap((guard) =>
        (PASSING[guard] ?? []).map(({ what, change }) => ({ ...r, guard, what, change })),
      ),
    );

    test.each(breakingCells)('$from × $event with $what is refused by $guard', (r) => {
      const refusal = refused(send(workflow, r.from, r.event, r.change(r.input), as(r.roles[0])));
      const text = GUARD_REFUSAL_TEXT[r.guard];
      expect(refusal).toEqual({
        reason: 'GUARD_FAILED',
        eventType: r.event,
        state: r.from,
        failedGuards: [
          {
            name: r.guard,
            message: { vi: expect.stringContaining(text.vi), en: expect.stringContaining(text.en) },
          },
        ],
        message: { vi: expect.stringContaining(text.vi), en: expect.stringContaining(text.en) },
      });
    });

    test.each(passingCells)('$from × $event with $what passes $guard', (r) => {
      const outcome = accepted(send(workflow, r.from, r.event, r.change(r.input), as(r.roles[0])));
      expect(outcome.snapshot.state).toBe(r.to);
    });

    test.each(guardedRows)('$from × $event with no payload and no facts names every guard', (r) => {
      const refusal = refused(
        send(workflow, r.from, r.event, { ...r.input, payload: {}, facts: {} }, as(r.roles[0])),
      );
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
      expect(refused(send(workflow, state, event, table.fullInput, EVERYONE))).toEqual({
        reason: 'EVENT_UNKNOWN',
        eventType: event,
        state,
        message: { vi: expect.stringContaining(event), en: expect.stringContaining(event) },
      });
    });
  });

  describe('openCase', () => {
    test.each(table.openRoles)('%s may open a case, with no facts in the record', (role) => {
      const actor = as(role);
      const payload = { subject: { name: 'Trần Xuân Lâm' } };
      const pos = position(1, GENESIS_HASH);
      const outcome = accepted(openCase(workflow, actor, payload, pos));
      expect(outcome.snapshot).toEqual({ state: table.initial, context: {} });
      expect(outcome.record).toStrictEqual({
        caseId: CASE_ID,
        seq: 1,
        at: pos.at,
        actor: { userId: actor.userId, username: actor.username, role },
        eventType: 'CASE_OPENED',
        payload,
        fromState: null,
        toState: table.initial,
        workflow: { id: table.id, version: table.version, hash: workflow.hash },
        prevHash: GENESIS_HASH,
        hash: hashOf(outcome.record),
      });
      expect(verifyChain(CASE_ID, [outcome.record]).ok).toBe(true);
    });

    test.each(ALL_ROLES.filter((role) => !(table.openRoles as WorkflowRole[]).includes(role)))(
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
  });

  describe('allowedEvents', () => {
    const cells = table.states.flatMap((state) =>
      ALL_ROLES.map((role) => ({
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
  });
}
