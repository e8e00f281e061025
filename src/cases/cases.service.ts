import { Inject, Injectable } from '@nestjs/common';
import { validate as isUuid, v7 as uuidv7 } from 'uuid';
import { Clock } from '../common/clock';
import { canonicalJson, sha256Hex } from '../domain/audit/canonical-json';
import { GENESIS_HASH, type AuditRecord } from '../domain/audit/audit-record';
import { verifyChain, type ChainVerification } from '../domain/audit/verify-chain';
import { actingAt, scopesFor, type Principal } from '../domain/org/principal';
import { rolesAt } from '../domain/org/scope';
import type { ActorFacts, Role } from '../domain/roles';
import type { CompiledWorkflow } from '../domain/workflow/compile-workflow';
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

@Injectable()
export class CasesService {
  constructor(
    @Inject(CASES_REPOSITORY) private readonly cases: CasesRepository,
    @Inject(ORGANISATION_REPOSITORY) private readonly organisation: OrganisationRepository,
    private readonly catalogue: WorkflowCatalogue,
    private readonly clock: Clock,
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
    const { subject, unitId, unitPath } = await this.resolveSubject(principal, input.subject);
    if (subject.kind === 'person' && subject.id === principal.personId) throw selfAction();
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
      return this.replayAfterRace(error, actor, request.key, requestHash);
    }
  }

  async sendEvent(
    principal: Principal,
    caseId: string,
    input: SendEventDto,
    request: IdempotentRequest,
  ): Promise<CommandResult> {
    const payload = input.payload ?? {};
    assertJsonSize('payload', payload);
    if (!isUuid(caseId)) throw caseNotFound(caseId);
    const requestHash = hashRequest(request, input);
    try {
      return await this.cases.transaction(async (tx) => {
        // Locking the case first serialises repeats of the same key behind the first one.
        const current = await tx.findForUpdate(caseId);
        if (!current || !canRead(principal, current)) throw caseNotFound(caseId);
        const actor = actingAt(principal, current.unitPath);
        const replay = await this.replayIfRepeated(tx, actor, request.key, requestHash);
        if (replay) return replay;
        if (isAbout(principal, current)) throw selfAction();
        if (input.expectedVersion !== undefined && input.expectedVersion !== current.version) {
          throw staleVersion(input.expectedVersion, current.version);
        }

        const workflow = this.pinnedWorkflow(current);
        const at = this.clock.nowIso();
        const position = { caseId, seq: current.version + 1, prevHash: current.headHash, at };
        const outcome = step(workflow, current, input.type, payload, actor, position);
        if (!outcome.accepted) throw transitionRefused(outcome.refusal);
        const applied = await tx.applyTransition({
          caseId,
          expectedVersion: current.version,
          state: outcome.snapshot.state,
          closed: outcome.final,
          context: outcome.snapshot.context,
          record: outcome.record,
        });
        if (!applied) throw staleVersion(current.version, current.version + 1);
        const updated: StoredCase = {
          ...current,
          state: outcome.snapshot.state,
          closed: outcome.final,
          context: outcome.snapshot.context,
          version: outcome.record.seq,
          headHash: outcome.record.hash,
          updatedAt: at,
        };
        const view = this.view(updated, workflow, principal);
        return this.answer(tx, actor, request.key, requestHash, 200, view, at);
      });
    } catch (error) {
      return this.replayAfterRace(error, principal, request.key, requestHash);
    }
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
    const pinned = records.findIndex(
      (r) => canonicalJson(r.workflow) !== canonicalJson(stored.workflow),
    );
    if (pinned >= 0) return fail(records[pinned].seq, 'WORKFLOW_MISMATCH');
    if (!openingMatches(stored, records[0])) return fail(1, 'CASE_ROW_MISMATCH');
    const replayed = replay(this.workflowOf(stored), records);
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
  private view(stored: StoredCase, workflow: CompiledWorkflow, principal: Principal): CaseView {
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
    actor: ActorFacts,
    key: string | undefined,
    requestHash: string,
  ): Promise<CommandResult> {
    if (!(error instanceof DuplicateIdempotencyKeyError) || key === undefined) throw error;
    const replay = replayOf(await this.cases.findResponse(actor.userId, key), requestHash);
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
