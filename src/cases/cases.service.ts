import { Inject, Injectable } from '@nestjs/common';
import { validate as isUuid, v7 as uuidv7 } from 'uuid';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors';
import { canonicalJson, sha256Hex } from '../domain/audit/canonical-json';
import { GENESIS_HASH, type AuditRecord } from '../domain/audit/audit-record';
import { verifyChain, type ChainVerification } from '../domain/audit/verify-chain';
import { actingAt, scopesFor, type Principal } from '../domain/org/principal';
import { rolesAt } from '../domain/org/scope';
import { PUBLIC_ROLE, type ActorFacts, type Role } from '../domain/roles';
import type { EventFacts } from '../domain/workflow/case-event';
import type { EventFactName } from '../domain/workflow/event-facts';
import { CommendationFacts, type PreparedFacts } from '../nominations/commendation-facts.service';
import { invalidCaseData } from '../nominations/nomination-errors';
import type { CompiledWorkflow } from '../domain/workflow/compile-workflow';
import { WORKFLOW_MIGRATED } from '../domain/workflow/migration-plan';
import { replay } from '../domain/workflow/replay';
import { openCase, step } from '../domain/workflow/step';
import { WorkflowCatalogue } from '../domain/workflow/workflow-catalogue';
import {
  CASES_REPOSITORY,
  DuplicateIdempotencyKeyError,
  type CasesRepository,
  type CaseSubject,
  type CaseTransaction,
  type StoredCase,
  type StoredResponse,
} from '../persistence/repositories/cases.repository';
import {
  ORGANISATION_REPOSITORY,
  type OrganisationRepository,
} from '../persistence/repositories/organisation.repository';
import type { Page } from '../persistence/repositories/page';
import {
  caseNotFound,
  idempotencyKeyReused,
  payloadTooLarge,
  pinnedWorkflowChanged,
  staleVersion,
  selfAction,
  transitionRefused,
  unknownCaseType,
  unknownSubject,
} from './case-errors';
import { toCaseView, type CaseView, type HistoryView } from './case-view';
import type { CreateCaseDto, ListCasesQuery, SendEventDto, SubjectDto } from './dto/case.dto';

/** A command's answer: what to send, and whether it is the replay of an earlier identical request. */
export interface CommandResult {
  status: number;
  body: CaseView;
  replayed: boolean;
}

export interface IdempotentRequest {
  key?: string;
  method: string;
  path: string;
}

const MAX_JSON_BYTES = 64 * 1024;

export interface CaseVerification extends Omit<ChainVerification, 'problem'> {
  problem:
    | ChainVerification['problem']
    | 'MISSING_RECORDS'
    | 'HEAD_MISMATCH'
    | 'WORKFLOW_MISMATCH'
    | 'REPLAY_DRIFT'
    | 'CASE_ROW_MISMATCH';
}

/** The row's subject, unit and data must be what the opening record (covered by the hashes) says. */
function openingMatches(stored: StoredCase, opening: AuditRecord): boolean {
  const { subject, data } = opening.payload as { subject?: CaseSubject; data?: unknown };
  if (!subject) return false;
  const unitId = subject.kind === 'person' ? subject.unitId : subject.id;
  const subjectPersonId = subject.kind === 'person' ? subject.id : null;
  return (
    canonicalJson(subject) === canonicalJson(stored.subject) &&
    canonicalJson(data ?? {}) === canonicalJson(stored.data) &&
    stored.unitId === unitId &&
    stored.subjectPersonId === subjectPersonId
  );
}

/**
 * Every record must be pinned to the workflow version the case was on when it was written: the
 * opening one, then the one each WORKFLOW_MIGRATED record moved it to; the last is the row's.
 * Returns the first record that is not, or null.
 */
function firstPinProblem(
  records: readonly AuditRecord[],
  current: StoredCase['workflow'],
): number | null {
  let pin = canonicalJson(records[0]?.workflow ?? current);
  for (const record of records) {
    if (record.eventType === WORKFLOW_MIGRATED) {
      const { from, to } = record.payload as { from?: unknown; to?: unknown };
      if (
        canonicalJson(from ?? null) !== pin ||
        canonicalJson(to ?? null) !== canonicalJson(record.workflow)
      ) {
        return record.seq;
      }
      pin = canonicalJson(record.workflow);
    } else if (canonicalJson(record.workflow) !== pin) {
      return record.seq;
    }
  }
  return pin === canonicalJson(current) ? null : (records[records.length - 1]?.seq ?? 1);
}

/** Roles that read cases in their scope; admin manages accounts and the registry, not cases. */
export const CASE_READERS: Role[] = [
  'unit_leader',
  'secretariat',
  'council_member',
  'council_chair',
  'auditor',
];

function canRead(principal: Principal, stored: StoredCase): boolean {
  return rolesAt(principal.grants, stored.unitPath).some((role) => CASE_READERS.includes(role));
}

/** A person never acts on a case about themselves (no self-nomination, no verifying one's own). */
function isAbout(principal: Principal, stored: StoredCase): boolean {
  return principal.personId !== null && stored.subjectPersonId === principal.personId;
}

/** Who is sending an event, and what they may see and do. */
export interface EventAccess {
  /** null: anyone, through a public door. */
  principal: Principal | null;
  canSee(stored: StoredCase): boolean;
  /** Throws when the caller may see the case but not act on it. */
  assertMayAct(stored: StoredCase): void;
  actorFor(stored: StoredCase): ActorFacts;
  notFound(caseId: string): Error;
}

/** A refusal of one case among several, saying which. */
function refusedFor(caseId: string, error: AppError): AppError {
  return new AppError(
    error.code,
    error.kind,
    `Case ${caseId}: ${error.message}`,
    { ...error.details, caseId },
    error.localized && {
      vi: `Hồ sơ ${caseId}: ${error.localized.vi}`,
      en: `Case ${caseId}: ${error.localized.en}`,
    },
  );
}

export interface EventCommand {
  caseId: string;
  type: string;
  payload: Record<string, unknown>;
  expectedVersion?: number;
  access: EventAccess;
  /** Facts the caller established itself (the stored document of an upload). */
  suppliedFacts?: EventFacts;
  /** Work inside the transaction before the step (storing the uploaded file). */
  beforeStep?(tx: CaseTransaction, current: StoredCase): Promise<void>;
}

/** A signed-in user acting on a case in their scope, never on one about themselves. */
export function memberAccess(principal: Principal): EventAccess {
  return {
    principal,
    canSee: (stored) => canRead(principal, stored),
    assertMayAct: (stored) => {
      if (isAbout(principal, stored)) throw selfAction();
    },
    actorFor: (stored) => actingAt(principal, stored.unitPath),
    notFound: caseNotFound,
  };
}

/** The actor of the public doors (objections): anyone, recorded as such. */
export const PUBLIC_ACTOR: ActorFacts = {
  userId: '00000000-0000-0000-0000-000000000000',
  username: 'public',
  roles: [PUBLIC_ROLE],
};

const PUBLIC_PRINCIPAL: Principal = { ...PUBLIC_ACTOR, roles: [], personId: null, grants: [] };

@Injectable()
export class CasesService {
  constructor(
    @Inject(CASES_REPOSITORY) private readonly cases: CasesRepository,
    @Inject(ORGANISATION_REPOSITORY) private readonly organisation: OrganisationRepository,
    private readonly catalogue: WorkflowCatalogue,
    private readonly clock: Clock,
    private readonly facts: CommendationFacts,
  ) {}

  async open(
    principal: Principal,
    input: CreateCaseDto,
    request: IdempotentRequest,
  ): Promise<CommandResult> {
    const data = input.data ?? {};
    assertJsonSize('data', data);
    if (!this.catalogue.caseTypes().includes(input.type)) {
      throw unknownCaseType(input.type, this.catalogue.caseTypes());
    }
    const workflow = this.catalogue.latestForCaseType(input.type);
    const problems = workflow.dataProblems(data);
    if (problems.length > 0) throw invalidCaseData(problems);
    const { subject, unitId, unitPath } = await this.resolveSubject(principal, input.subject);
    if (subject.kind === 'person' && subject.id === principal.personId) throw selfAction();
    this.facts.checkOpening(workflow, subject, data);
    const actor = actingAt(principal, unitPath);
    const requestHash = hashRequest(request, input);
    try {
      return await this.cases.transaction(async (tx) => {
        const replay = await this.replayIfRepeated(tx, actor, request.key, requestHash);
        if (replay) return replay;

        const caseId = uuidv7();
        const at = this.clock.nowIso();
        const position = { caseId, seq: 1, prevHash: GENESIS_HASH, at };
        const outcome = openCase(workflow, actor, { subject, data }, position);
        if (!outcome.accepted) throw transitionRefused(outcome.refusal);
        const created: StoredCase = {
          id: caseId,
          caseType: workflow.definition.caseType,
          workflow: pin(workflow),
          state: outcome.snapshot.state,
          closed: outcome.final,
          context: outcome.snapshot.context,
          subject,
          unitId,
          unitPath,
          subjectPersonId: subject.kind === 'person' ? subject.id : null,
          data,
          version: 1,
          headHash: outcome.record.hash,
          createdBy: actor.userId,
          createdAt: at,
          updatedAt: at,
        };
        await tx.insert(created, outcome.record);
        const view = this.view(created, workflow, principal);
        return this.answer(tx, actor, request.key, requestHash, 201, view, at);
      });
    } catch (error) {
      return this.replayAfterRace(error, actor.userId, request.key, requestHash);
    }
  }

  async sendEvent(
    principal: Principal,
    caseId: string,
    input: SendEventDto,
    request: IdempotentRequest,
  ): Promise<CommandResult> {
    return this.applyEvent(
      {
        caseId,
        type: input.type,
        payload: input.payload ?? {},
        expectedVersion: input.expectedVersion,
        access: memberAccess(principal),
      },
      request,
      input,
    );
  }

  /**
   * One event on one case, in one transaction: lock the case, check who may act, establish the
   * facts the event declares, step the machine, and write the new snapshot with its audit record
   * (plus anything `beforeStep` and the facts wrote). A refusal anywhere rolls all of it back.
   */
  async applyEvent(
    command: EventCommand,
    request: IdempotentRequest,
    requestBody: object,
  ): Promise<CommandResult> {
    const { caseId, payload, access } = command;
    assertJsonSize('payload', payload);
    if (!isUuid(caseId)) throw access.notFound(caseId);
    const requestHash = hashRequest(request, requestBody);
    const prepared = await this.prepareFacts(command);
    const userId = access.principal?.userId ?? PUBLIC_ACTOR.userId;
    try {
      return await this.cases.transaction(async (tx) => {
        // Locking the case first serialises repeats of the same key behind the first one.
        const current = await tx.findForUpdate(caseId);
        if (!current || !access.canSee(current)) throw access.notFound(caseId);
        const actor = access.actorFor(current);
        const replay = await this.replayIfRepeated(tx, actor, request.key, requestHash);
        if (replay) return replay;
        const { view, at } = await this.stepLocked(tx, current, command, prepared);
        return this.answer(tx, actor, request.key, requestHash, 200, view, at);
      });
    } catch (error) {
      return this.replayAfterRace(error, userId, request.key, requestHash);
    }
  }

  /**
   * The same event on several cases, all or nothing, in one transaction: `sharedFacts` runs once
   * inside it (one decision number for a decision listing many awards). The first refusal rolls
   * every case back and names the case it came from.
   */
  async applyEventsTogether(
    commands: readonly EventCommand[],
    shared: {
      names: readonly EventFactName[];
      establish(tx: CaseTransaction): Promise<EventFacts>;
    },
  ): Promise<CaseView[]> {
    const prepared: (PreparedFacts | null)[] = [];
    for (const command of commands) {
      assertJsonSize('payload', command.payload);
      if (!isUuid(command.caseId)) throw command.access.notFound(command.caseId);
      prepared.push(await this.prepareFacts(command, shared.names));
    }
    return this.cases.transaction(async (tx) => {
      const sharedFacts = await shared.establish(tx);
      const views: CaseView[] = [];
      for (const [index, command] of commands.entries()) {
        const current = await tx.findForUpdate(command.caseId);
        if (!current || !command.access.canSee(current)) {
          throw command.access.notFound(command.caseId);
        }
        const withShared = {
          ...command,
          suppliedFacts: { ...sharedFacts, ...command.suppliedFacts },
        };
        try {
          views.push((await this.stepLocked(tx, current, withShared, prepared[index])).view);
        } catch (error) {
          throw error instanceof AppError ? refusedFor(command.caseId, error) : error;
        }
      }
      return views;
    });
  }

  /** Checks, steps and writes one event on a case already locked in `tx`. */
  private async stepLocked(
    tx: CaseTransaction,
    current: StoredCase,
    command: EventCommand,
    prepared: PreparedFacts | null,
  ): Promise<{ view: CaseView; at: string }> {
    const { caseId, type, payload, access } = command;
    access.assertMayAct(current);
    if (command.expectedVersion !== undefined && command.expectedVersion !== current.version) {
      throw staleVersion(command.expectedVersion, current.version);
    }
    const workflow = this.pinnedWorkflow(current);
    const actor = access.actorFor(current);
    const at = this.clock.nowIso();
    const position = { caseId, seq: current.version + 1, prevHash: current.headHash, at };
    await command.beforeStep?.(tx, current);
    const facts = {
      ...(prepared ? await prepared.resolve(tx, current) : {}),
      ...command.suppliedFacts,
    };
    const outcome = step(workflow, current, type, payload, actor, position, facts);
    if (!outcome.accepted) throw transitionRefused(outcome.refusal, facts);
    const applied = await tx.applyTransition({
      caseId,
      expectedVersion: current.version,
      state: outcome.snapshot.state,
      closed: outcome.final,
      context: outcome.snapshot.context,
      record: outcome.record,
    });
    if (!applied) throw staleVersion(current.version, current.version + 1);
    await this.facts.afterAccepted(tx, outcome.record, facts);
    const updated: StoredCase = {
      ...current,
      state: outcome.snapshot.state,
      closed: outcome.final,
      context: outcome.snapshot.context,
      version: outcome.record.seq,
      headHash: outcome.record.hash,
      updatedAt: at,
    };
    return { view: this.view(updated, workflow, access.principal), at };
  }

  /**
   * Facts the event declares are read before the transaction (their reads go through the same
   * gate on SQLite); an event the workflow does not know, or a case out of reach, gets its answer
   * from the transaction instead.
   */
  private async prepareFacts(
    command: EventCommand,
    suppliedLater: readonly string[] = [],
  ): Promise<PreparedFacts | null> {
    // Most events declare no facts: they skip this read.
    if (!this.catalogue.mayDeclareFacts(command.type)) return null;
    const stored = await this.cases.findById(command.caseId);
    if (!stored || !command.access.canSee(stored)) return null;
    const { events } = this.workflowOf(stored).definition;
    if (!Object.hasOwn(events, command.type)) return null;
    const spec = events[command.type];
    // Supplied facts (an upload's document, a shared decision number) are not established again.
    const supplied = [...Object.keys(command.suppliedFacts ?? {}), ...suppliedLater];
    const declared = (spec.facts ?? []).filter((name) => !supplied.includes(name));
    if (declared.length === 0) return null;
    const principal = command.access.principal ?? PUBLIC_PRINCIPAL;
    return this.facts.prepare(stored, declared, principal, spec.roles);
  }

  async get(principal: Principal, caseId: string): Promise<CaseView> {
    const stored = await this.load(principal, caseId);
    return this.view(stored, this.workflowOf(stored), principal);
  }

  async list(principal: Principal, query: ListCasesQuery): Promise<Page<CaseView>> {
    const page = await this.cases.list({
      scopes: scopesFor(principal, CASE_READERS),
      caseType: query.type,
      state: query.state,
      cursor: query.cursor,
      limit: query.limit ?? 20,
    });
    return {
      items: page.items.map((stored) => this.view(stored, this.workflowOf(stored), principal)),
      nextCursor: page.nextCursor,
    };
  }

  async history(
    principal: Principal,
    caseId: string,
    afterSeq: number,
    limit: number,
  ): Promise<HistoryView> {
    await this.load(principal, caseId);
    const items = await this.cases.history(caseId, afterSeq, limit);
    return { items, nextAfterSeq: items.length === limit ? items[items.length - 1].seq : null };
  }

  /**
   * Re-derives the case's hash chain, replays it through the pinned workflow, and checks that the
   * case row (state, context, subject, unit, data, pin) says what the chain says. The row and the
   * history are read until they agree on the version, so a concurrent write is not mistaken for
   * tampering.
   */
  async verify(principal: Principal, caseId: string): Promise<CaseVerification> {
    let stored = await this.load(principal, caseId);
    let records = await this.cases.fullHistory(caseId);
    for (let attempt = 0; attempt < 3; attempt++) {
      const again = await this.load(principal, caseId);
      if (again.version === stored.version) break;
      stored = again;
      records = await this.cases.fullHistory(caseId);
    }
    const chain = verifyChain(caseId, records);
    if (!chain.ok) return chain;
    const fail = (firstBadSeq: number, problem: CaseVerification['problem']): CaseVerification => ({
      ok: false,
      checked: records.length,
      firstBadSeq,
      problem,
    });
    if (records.length < stored.version) return fail(records.length + 1, 'MISSING_RECORDS');
    const head = records[records.length - 1];
    if (head.seq !== stored.version || head.hash !== stored.headHash) {
      return fail(head.seq, 'HEAD_MISMATCH');
    }
    const pinProblem = firstPinProblem(records, stored.workflow);
    if (pinProblem !== null) return fail(pinProblem, 'WORKFLOW_MISMATCH');
    if (!openingMatches(stored, records[0])) return fail(1, 'CASE_ROW_MISMATCH');
    const replayed = replay(
      (pin) => (pin === null ? this.workflowOf(stored) : this.catalogue.get(pin.id, pin.version)),
      records,
    );
    if (replayed.firstDriftSeq !== null) return fail(replayed.firstDriftSeq, 'REPLAY_DRIFT');
    if (
      replayed.state !== stored.state ||
      replayed.final !== stored.closed ||
      canonicalJson(replayed.context) !== canonicalJson(stored.context)
    ) {
      return fail(head.seq, 'CASE_ROW_MISMATCH');
    }
    return chain;
  }

  /** Out of the caller's scope answers exactly like a case that does not exist. */
  private async load(principal: Principal, caseId: string): Promise<StoredCase> {
    const stored = isUuid(caseId) ? await this.cases.findById(caseId) : null;
    if (!stored || !canRead(principal, stored)) throw caseNotFound(caseId);
    return stored;
  }

  /** The caller's roles over this case decide what they may send; never anything about themselves. */
  private view(
    stored: StoredCase,
    workflow: CompiledWorkflow,
    principal: Principal | null,
  ): CaseView {
    if (principal === null) return toCaseView(stored, workflow, PUBLIC_PRINCIPAL);
    const acting = isAbout(principal, stored)
      ? { ...principal, roles: [] }
      : actingAt(principal, stored.unitPath);
    return toCaseView(stored, workflow, acting);
  }

  /**
   * The person or unit a new case is about, from the registry. One the caller cannot see is
   * refused exactly like one that does not exist.
   */
  private async resolveSubject(
    principal: Principal,
    input: SubjectDto,
  ): Promise<{ subject: CaseSubject; unitId: string; unitPath: string }> {
    if (input.kind === 'person') {
      const person = input.personId ? await this.organisation.findPersonById(input.personId) : null;
      if (person && rolesAt(principal.grants, person.unitPath).length > 0) {
        return {
          subject: {
            kind: 'person',
            id: person.id,
            code: person.code,
            name: person.fullName,
            unitId: person.unitId,
          },
          unitId: person.unitId,
          unitPath: person.unitPath,
        };
      }
    } else {
      const unit = input.unitId ? await this.organisation.findUnitById(input.unitId) : null;
      if (unit && rolesAt(principal.grants, unit.path).length > 0) {
        return {
          subject: { kind: 'unit', id: unit.id, code: unit.code, name: unit.name },
          unitId: unit.id,
          unitPath: unit.path,
        };
      }
    }
    throw unknownSubject(input.kind === 'person' ? input.personId : input.unitId);
  }

  private workflowOf(stored: StoredCase): CompiledWorkflow {
    return this.catalogue.get(stored.workflow.id, stored.workflow.version);
  }

  /** The definition the case was opened with, refusing to run a published version edited since. */
  private pinnedWorkflow(stored: StoredCase): CompiledWorkflow {
    const workflow = this.workflowOf(stored);
    if (workflow.hash !== stored.workflow.hash) {
      throw pinnedWorkflowChanged(stored.workflow.id, stored.workflow.version);
    }
    return workflow;
  }

  private async replayIfRepeated(
    tx: CaseTransaction,
    actor: ActorFacts,
    key: string | undefined,
    requestHash: string,
  ): Promise<CommandResult | null> {
    if (key === undefined) return null;
    return replayOf(await tx.findResponse(actor.userId, key), requestHash);
  }

  private async answer(
    tx: CaseTransaction,
    actor: ActorFacts,
    key: string | undefined,
    requestHash: string,
    status: number,
    body: CaseView,
    at: string,
  ): Promise<CommandResult> {
    if (key !== undefined)
      await tx.rememberResponse(actor.userId, key, { requestHash, status, body }, at);
    return { status, body, replayed: false };
  }

  /** Two identical keyed requests raced and the other committed first: answer as it did. */
  private async replayAfterRace(
    error: unknown,
    userId: string,
    key: string | undefined,
    requestHash: string,
  ): Promise<CommandResult> {
    if (!(error instanceof DuplicateIdempotencyKeyError) || key === undefined) throw error;
    const replay = replayOf(await this.cases.findResponse(userId, key), requestHash);
    if (!replay) throw error;
    return replay;
  }
}

function replayOf(stored: StoredResponse | null, requestHash: string): CommandResult | null {
  if (!stored) return null;
  if (stored.requestHash !== requestHash) throw idempotencyKeyReused();
  return { status: stored.status, body: stored.body as CaseView, replayed: true };
}

function hashRequest(request: IdempotentRequest, body: object): string {
  return sha256Hex(canonicalJson({ method: request.method, path: request.path, body }));
}

function pin(workflow: CompiledWorkflow): StoredCase['workflow'] {
  return { id: workflow.definition.id, version: workflow.definition.version, hash: workflow.hash };
}

function assertJsonSize(field: string, value: unknown): void {
  if (Buffer.byteLength(JSON.stringify(value), 'utf8') > MAX_JSON_BYTES) {
    throw payloadTooLarge(field, MAX_JSON_BYTES);
  }
}
