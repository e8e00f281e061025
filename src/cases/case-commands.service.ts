import { Inject, Injectable } from '@nestjs/common';
import { validate as isUuid, v7 as uuidv7 } from 'uuid';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors';
import { GENESIS_HASH } from '../domain/audit/audit-record';
import type { CaseSubject, StoredCase } from '../domain/cases/stored-case';
import { actingAt, type Principal } from '../domain/org/principal';
import { rolesAt } from '../domain/org/scope';
import { RuleSetCatalogue } from '../domain/rules/rule-set-catalogue';
import type { EventFacts } from '../domain/workflow/case-event';
import type { CompiledWorkflow } from '../domain/workflow/compile-workflow';
import type { WorkflowDefinition } from '../domain/workflow/definition';
import { legalDateAt } from '../domain/workflow/legal-dates';
import { openCase, step } from '../domain/workflow/step';
import { WorkflowCatalogue } from '../domain/workflow/workflow-catalogue';
import {
  CASES_REPOSITORY,
  CaseChangedMeanwhile,
  type CasesRepository,
  type CaseTransaction,
  type StoredResponse,
} from '../persistence/repositories/cases.repository';
import {
  ORGANISATION_REPOSITORY,
  type OrganisationRepository,
} from '../persistence/repositories/organisation.repository';
import { memberAccess, SYSTEM_ACCESS, type EventAccess } from './case-access';
import {
  caseNotFound,
  invalidCaseData,
  payloadTooLarge,
  pinnedWorkflowChanged,
  selfAction,
  staleVersion,
  transitionRefused,
  unknownCaseType,
  unknownSubject,
} from './case-errors';
import { caseViewFor, readableViewFor } from './case-queries.service';
import { toExistenceView, type CaseExistenceView, type CaseView } from './case-view';
import type { CreateCaseDto, SendEventDto, SubjectDto } from './dto/case.dto';
import { Idempotency, type CommandResult, type IdempotentRequest } from './idempotency';
import { CaseEffects, type AcceptedTransition } from './plugins/case-effects';
import { FactProviders, type PreparedFacts } from './plugins/fact-providers';
import { OpeningChecks } from './plugins/opening-checks';

const MAX_JSON_BYTES = 64 * 1024;

/** Effects that send events that trigger effects…: a cycle in the plug-ins, stopped here. */
const MAX_EFFECT_DEPTH = 8;

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

/** The facts an event declares, read before its transaction, and the copy of the case they read. */
interface FactsReadBefore {
  stored: StoredCase;
  facts: PreparedFacts;
}

/** Facts shared by every case of one command (one decision number for many awards). */
export interface SharedFacts {
  names: readonly string[];
  establish(tx: CaseTransaction): Promise<EventFacts>;
}

/**
 * The engine's writes. Every command loads and locks the case, establishes the facts its event
 * declares (through the registered providers), runs one pure `step()`, writes the new snapshot with
 * its audit record, and runs the registered effects, all in one transaction. The engine knows no
 * workflow: what a fact is and what follows an event are the plug-ins'.
 */
@Injectable()
export class CaseCommands {
  constructor(
    @Inject(CASES_REPOSITORY) private readonly cases: CasesRepository,
    @Inject(ORGANISATION_REPOSITORY) private readonly organisation: OrganisationRepository,
    private readonly catalogue: WorkflowCatalogue,
    private readonly ruleSets: RuleSetCatalogue,
    private readonly clock: Clock,
    private readonly facts: FactProviders,
    private readonly effects: CaseEffects,
    private readonly openingChecks: OpeningChecks,
  ) {}

  /**
   * Opens a case on the latest version of its workflow. `onVersion` opens it on an earlier
   * published version instead: the demo shows cases opened before the latest was published; no
   * route passes it.
   */
  async open(
    principal: Principal,
    input: CreateCaseDto,
    request: IdempotentRequest,
    onVersion?: number,
  ): Promise<CommandResult<CaseView | CaseExistenceView>> {
    const { workflow, subject, data, unitId, unitPath, today } = await this.prepareOpening(
      principal,
      input,
      onVersion,
    );
    const actor = actingAt(principal, unitPath);
    const idempotency = new Idempotency(request, input);
    try {
      return await this.cases.transaction(async (tx) => {
        const replay = await idempotency.replayIn<CaseView | CaseExistenceView>(tx, actor.userId);
        if (replay) return replay;

        const at = this.clock.nowIso();
        const created = await this.insertOpened(
          tx,
          actor,
          { workflow, subject, data, unitId, unitPath, today },
          at,
        );
        // Whoever opened it knows it exists, even where the workflow lets them read no more.
        const view =
          readableViewFor(created, workflow, principal) ?? toExistenceView(created, workflow);
        return idempotency.answer(tx, actor.userId, 201, view, at);
      });
    } catch (error) {
      return idempotency.afterRace<CaseView | CaseExistenceView>(error, this.cases, actor.userId);
    }
  }

  /**
   * Several new cases in one transaction, all or nothing, each with its own opening record (a unit
   * leader registering a unit and its people at once). Every opening is checked first, as `open`
   * checks one; if any is refused, nothing is written and the refusals are reported by index.
   */
  async openTogether(
    principal: Principal,
    inputs: readonly CreateCaseDto[],
  ): Promise<(CaseView | CaseExistenceView)[]> {
    const openings: PreparedOpening[] = [];
    const refusals: OpeningRefusal[] = [];
    for (const [index, input] of inputs.entries()) {
      try {
        openings.push(await this.prepareOpening(principal, input));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        refusals.push(refusalAt(index, error));
      }
    }
    if (refusals.length > 0) throw openingsRefused(refusals);
    return this.cases.transaction(async (tx) => {
      const views: (CaseView | CaseExistenceView)[] = [];
      for (const [index, opening] of openings.entries()) {
        const actor = actingAt(principal, opening.unitPath);
        let created: StoredCase;
        try {
          created = await this.insertOpened(tx, actor, opening, this.clock.nowIso());
        } catch (error) {
          // Refused inside the transaction (a plug-in's effect repeating its opening check under
          // a lock): reported by index like the checks made before it.
          if (!(error instanceof AppError)) throw error;
          throw openingsRefused([refusalAt(index, error)]);
        }
        views.push(
          readableViewFor(created, opening.workflow, principal) ??
            toExistenceView(created, opening.workflow),
        );
      }
      return views;
    });
  }

  /** Everything checked before a case is opened: its type, data, subject and the plug-ins' checks. */
  private async prepareOpening(
    principal: Principal,
    input: CreateCaseDto,
    onVersion?: number,
  ): Promise<PreparedOpening> {
    const data = input.data ?? {};
    assertJsonSize('data', data);
    if (!this.catalogue.caseTypes().includes(input.type)) {
      throw unknownCaseType(input.type, this.catalogue.caseTypes());
    }
    const latest = this.catalogue.latestForCaseType(input.type);
    const workflow =
      onVersion === undefined ? latest : this.catalogue.get(latest.definition.id, onVersion);
    const problems = workflow.dataProblems(data);
    if (problems.length > 0) throw invalidCaseData(problems);
    const { subject, unitId, unitPath } = await this.resolveSubject(principal, input.subject);
    if (subject.kind === 'person' && subject.id === principal.personId) throw selfAction();
    const today = this.clock.todayInVietnam();
    await this.openingChecks.run({ workflow, subject, data, today });
    return { workflow, subject, data, unitId, unitPath, today };
  }

  /** Opens the prepared case in `tx`: its first record, its row, and the effects of opening. */
  private async insertOpened(
    tx: CaseTransaction,
    actor: Principal,
    opening: PreparedOpening,
    at: string,
  ): Promise<StoredCase> {
    const { workflow, subject, data, unitId, unitPath, today } = opening;
    const caseId = uuidv7();
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
    await this.runEffects(
      tx,
      { before: null, after: created, record: outcome.record, facts: {}, workflow },
      today,
      0,
    );
    return created;
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
   * An event the engine itself sends (a deadline firing), outside any other command: it runs like
   * any event, as the `system` actor, which no grant can give.
   */
  async sendSystemEvent(
    caseId: string,
    type: string,
    payload: Record<string, unknown> = {},
  ): Promise<CaseView> {
    const result = await this.applyEvent(
      { caseId, type, payload, access: SYSTEM_ACCESS },
      { method: 'SYSTEM', path: `/cases/${caseId}/events` },
      { type, payload },
    );
    return result.body;
  }

  /**
   * An event the engine sends as the `system` actor inside a transaction the caller holds (a
   * scheduler firing a timer claims it and sends its event in one commit). The event's facts are
   * not read (the transaction holds the write lock): it may declare only `today`. A refusal throws
   * and the caller's transaction rolls back.
   */
  async sendSystemEventIn(
    tx: CaseTransaction,
    caseId: string,
    type: string,
    payload: Record<string, unknown> = {},
  ): Promise<StoredCase> {
    assertJsonSize('payload', payload);
    return this.systemEventIn(tx, caseId, type, payload, {}, this.clock.todayInVietnam(), 0);
  }

  /**
   * One event on one case, in one transaction: lock the case, check who may act, establish the
   * facts the event declares, step the machine, and write the new snapshot with its audit record,
   * then run the effects (plus anything `beforeStep` and the facts wrote). A refusal anywhere rolls
   * all of it back. When the facts were read before the transaction, the copy of the case they
   * were read from is stepped on the condition that it is still the case (applyToCopy); otherwise,
   * or when that condition fails, the case is locked and read first (applyLocked).
   */
  async applyEvent(
    command: EventCommand,
    request: IdempotentRequest,
    requestBody: object,
  ): Promise<CommandResult> {
    const { caseId, payload, access } = command;
    assertJsonSize('payload', payload);
    if (!isUuid(caseId)) throw access.notFound(caseId);
    const idempotency = new Idempotency(request, requestBody);
    // One "today" per command: the facts, the legal dates and the record agree across midnight.
    const today = this.clock.todayInVietnam();
    // An event that may declare facts reads the case before its transaction; a keyed request's
    // stored answer is read beside it, so that the transaction need read neither.
    const readsFirst = this.catalogue.mayDeclareFacts(command.type);
    const answeredFor = access.principal?.userId;
    const [facts, stored] = await Promise.allSettled([
      this.prepareFacts(command, today),
      readsFirst ? idempotency.storedAnswer(this.cases, answeredFor) : null,
    ]);
    if (stored.status === 'rejected') throw stored.reason;
    const answered = stored.value;
    if (facts.status === 'rejected') {
      // A repeat is answered as the first request was, though its facts would now be refused
      // (the signer named in an announced decision has left office since).
      const replay =
        facts.reason instanceof AppError ? idempotency.replayOf<CaseView>(answered) : null;
      if (replay) return replay;
      throw facts.reason;
    }
    const prepared = facts.value;
    if (prepared !== null) {
      const earlier = { userId: answeredFor, answer: answered };
      const result = await this.applyToCopy(command, prepared, earlier, idempotency, today);
      if (result !== null) return result;
    }
    return this.applyLocked(command, prepared, idempotency, today);
  }

  /**
   * The event applied to the copy of the case its facts were read from, which is not read again:
   * the transaction only locks the case on the condition that it is unchanged (on PostgreSQL that
   * condition goes with the writes and COMMIT, one round trip for the whole transaction). Null
   * when the copy cannot decide: the case changed after it was read, or the event was refused on
   * a copy not yet known to be current (perhaps because it was out of date); applyLocked then
   * decides on the locked case.
   */
  private async applyToCopy(
    command: EventCommand,
    readBefore: FactsReadBefore,
    earlier: { userId: string | undefined; answer: StoredResponse | null },
    idempotency: Idempotency,
    today: string,
  ): Promise<CommandResult | null> {
    const copy = readBefore.stored;
    const { access } = command;
    const userId = access.actorFor(copy, this.definitionOf(copy)).userId;
    if (idempotency.keyed && earlier.userId !== userId) return null;
    const replay = idempotency.replayOf<CaseView>(earlier.answer);
    if (replay) return replay;
    let current = false;
    try {
      return await this.cases.transaction(async (tx) => {
        current = await tx.expectUnchanged(copy);
        return this.stepAndAnswer(tx, copy, command, readBefore.facts, idempotency, userId, today);
      });
    } catch (error) {
      if (error instanceof CaseChangedMeanwhile) return null;
      // A refusal of the case as it stands is final; of a copy that may be out of date, not.
      if (error instanceof AppError && !current) return null;
      return idempotency.afterRace(error, this.cases, userId);
    }
  }

  /**
   * The event applied to the case as it stands once locked: lock it, check who may act, replay a
   * repeated request, step, write and follow up, all in one transaction.
   */
  private async applyLocked(
    command: EventCommand,
    prepared: FactsReadBefore | null,
    idempotency: Idempotency,
    today: string,
  ): Promise<CommandResult> {
    const { caseId, access } = command;
    let userId = access.principal?.userId;
    try {
      return await this.cases.transaction(async (tx) => {
        // Locking the case first serialises repeats of the same key behind the first one.
        idempotency.readWithLock(tx, access.principal?.userId);
        const current = await this.lockCase(tx, caseId, prepared);
        if (!current || !access.canSee(current, this.definitionOf(current))) {
          throw access.notFound(caseId);
        }
        userId = access.actorFor(current, this.definitionOf(current)).userId;
        const replay = await idempotency.replayIn(tx, userId);
        if (replay) return replay;
        const facts = prepared?.facts ?? null;
        return this.stepAndAnswer(tx, current, command, facts, idempotency, userId, today);
      });
    } catch (error) {
      if (userId === undefined) throw error;
      return idempotency.afterRace(error, this.cases, userId);
    }
  }

  /** Steps the event on the case `tx` holds, and the answer (stored, for a keyed request). */
  private async stepAndAnswer(
    tx: CaseTransaction,
    current: StoredCase,
    command: EventCommand,
    facts: PreparedFacts | null,
    idempotency: Idempotency,
    userId: string,
    today: string,
  ): Promise<CommandResult> {
    const { updated, workflow, at } = await this.stepLocked(tx, current, command, facts, today, 0);
    const view = caseViewFor(updated, workflow, command.access.principal);
    return idempotency.answer(tx, userId, 200, view, at);
  }

  /**
   * The same event on several cases, all or nothing, in one transaction: `shared` runs once inside
   * it (one decision number for a decision listing many awards). The first refusal rolls every case
   * back and names the case it came from.
   */
  async applyEventsTogether(
    commands: readonly EventCommand[],
    shared: SharedFacts,
  ): Promise<CaseView[]> {
    const prepared: (FactsReadBefore | null)[] = [];
    const today = this.clock.todayInVietnam();
    for (const command of commands) {
      assertJsonSize('payload', command.payload);
      if (!isUuid(command.caseId)) throw command.access.notFound(command.caseId);
      prepared.push(await this.prepareFacts(command, today, shared.names));
    }
    return this.cases.transaction(async (tx) => {
      const sharedFacts = await shared.establish(tx);
      const views: CaseView[] = [];
      for (const [index, command] of commands.entries()) {
        const current = await this.lockCase(tx, command.caseId, prepared[index]);
        if (!current || !command.access.canSee(current, this.definitionOf(current))) {
          throw command.access.notFound(command.caseId);
        }
        const withShared = {
          ...command,
          suppliedFacts: { ...sharedFacts, ...command.suppliedFacts },
        };
        try {
          const { updated, workflow } = await this.stepLocked(
            tx,
            current,
            withShared,
            prepared[index]?.facts ?? null,
            today,
            0,
          );
          views.push(caseViewFor(updated, workflow, command.access.principal));
        } catch (error) {
          throw error instanceof AppError ? refusedFor(command.caseId, error) : error;
        }
      }
      return views;
    });
  }

  /** Checks, steps, writes and follows up one event on a case already locked in `tx`. */
  private async stepLocked(
    tx: CaseTransaction,
    current: StoredCase,
    command: EventCommand,
    prepared: PreparedFacts | null,
    today: string,
    depth: number,
  ): Promise<{ updated: StoredCase; workflow: CompiledWorkflow; at: string }> {
    const { caseId, type, payload, access } = command;
    access.assertMayAct(current, this.definitionOf(current), type);
    if (command.expectedVersion !== undefined && command.expectedVersion !== current.version) {
      throw staleVersion(command.expectedVersion, current.version);
    }
    const workflow = this.pinnedWorkflow(current);
    const actor = access.actorFor(current, workflow.definition);
    const at = this.clock.nowIso();
    const position = { caseId, seq: current.version + 1, prevHash: current.headHash, at };
    await command.beforeStep?.(tx, current);
    const facts = {
      ...(prepared ? await prepared.resolve(tx, current) : {}),
      ...command.suppliedFacts,
    };
    const outcome = step(workflow, current, type, payload, actor, position, facts, {
      today,
      maxDaysBack: this.backdatingLimit(workflow, type, today),
      data: current.data,
    });
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
    const updated: StoredCase = {
      ...current,
      state: outcome.snapshot.state,
      closed: outcome.final,
      context: outcome.snapshot.context,
      version: outcome.record.seq,
      headHash: outcome.record.hash,
      updatedAt: at,
    };
    // Effects see the facts the record keeps (those the event declares), nothing more.
    const recorded = outcome.record.facts ?? {};
    await this.runEffects(
      tx,
      { before: current, after: updated, record: outcome.record, facts: recorded, workflow },
      today,
      depth,
    );
    return { updated, workflow, at };
  }

  /** The rule set's limit on backdating, looked up only for events that carry legal dates. */
  private backdatingLimit(
    workflow: CompiledWorkflow,
    type: string,
    today: string,
  ): number | undefined {
    const spec = Object.hasOwn(workflow.definition.events, type)
      ? workflow.definition.events[type]
      : undefined;
    if (spec?.legalDates === undefined) return undefined;
    return this.ruleSets.latest(today).ruleSet.legalDates?.maxDaysBack;
  }

  /** The registered effects of an accepted event, in its transaction. */
  private async runEffects(
    tx: CaseTransaction,
    transition: AcceptedTransition,
    today: string,
    depth: number,
  ): Promise<void> {
    for (const effect of this.effects.for(transition)) {
      await effect.apply(transition, {
        tx,
        sendSystemEvent: async (caseId, type, payload = {}, facts = {}) => {
          if (caseId === transition.after.id) {
            throw new Error(`The effect ${effect.name} sent ${type} to the case that triggered it`);
          }
          try {
            return await this.systemEventIn(tx, caseId, type, payload, facts, today, depth + 1);
          } catch (error) {
            // The other case may be out of the caller's scope: say what failed, not its details.
            throw error instanceof AppError ? effectRefused(effect.name, type, error) : error;
          }
        },
      });
    }
  }

  /** An effect's event on another case, in the effect's transaction, as the system actor. */
  private async systemEventIn(
    tx: CaseTransaction,
    caseId: string,
    type: string,
    payload: Record<string, unknown>,
    facts: EventFacts,
    today: string,
    depth: number,
  ): Promise<StoredCase> {
    if (depth > MAX_EFFECT_DEPTH) {
      throw new Error(`Effects sent events ${MAX_EFFECT_DEPTH} levels deep (${type} on ${caseId})`);
    }
    const current = await tx.findForUpdate(caseId);
    if (!current) throw caseNotFound(caseId);
    const supplied: EventFacts = { today, ...facts };
    const spec = this.pinnedWorkflow(current).definition.events[type];
    const missing = (spec?.facts ?? []).filter((name) => !Object.hasOwn(supplied, name));
    if (missing.length > 0) {
      // Reading them would wait for the write lock this transaction holds.
      throw new Error(
        `An effect sent ${type} without the facts it declares: ${missing.join(', ')}`,
      );
    }
    const command = { caseId, type, payload, access: SYSTEM_ACCESS, suppliedFacts: supplied };
    return (await this.stepLocked(tx, current, command, null, today, depth)).updated;
  }

  /**
   * The case locked in `tx`. When its facts were read before the transaction and the case has not
   * changed since, the copy they were read from stands for it: the row (a 4 KB context on a
   * nomination) is neither read nor parsed again.
   */
  private async lockCase(
    tx: CaseTransaction,
    caseId: string,
    readBefore: FactsReadBefore | null,
  ): Promise<StoredCase | null> {
    if (readBefore !== null && (await tx.lockIfUnchanged(readBefore.stored))) {
      return readBefore.stored;
    }
    return tx.findForUpdate(caseId);
  }

  /**
   * Facts the event declares are read before the transaction (their reads go through the same
   * gate on SQLite); an event the workflow does not know, or a case out of reach, gets its answer
   * from the transaction instead.
   */
  private async prepareFacts(
    command: EventCommand,
    today: string,
    suppliedLater: readonly string[] = [],
  ): Promise<FactsReadBefore | null> {
    // Most events declare no facts: they skip this read.
    if (!this.catalogue.mayDeclareFacts(command.type)) return null;
    const stored = await this.cases.findById(command.caseId);
    if (!stored || !command.access.canSee(stored, this.definitionOf(stored))) return null;
    const { events } = this.workflowOf(stored).definition;
    if (!Object.hasOwn(events, command.type)) return null;
    const spec = events[command.type];
    // Supplied facts (an upload's document, a shared decision number) are not established again.
    const supplied = [...Object.keys(command.suppliedFacts ?? {}), ...suppliedLater];
    const declared = (spec.facts ?? []).filter((name) => !supplied.includes(name));
    if (declared.length === 0) return null;
    const facts = await this.facts.prepare(declared, {
      stored,
      eventType: command.type,
      payload: command.payload,
      principal: command.access.principal,
      eventRoles: spec.roles,
      today,
      legalDate: (path) => legalDateAt(spec, command.payload, path, today),
    });
    return { stored, facts };
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

  /** The pinned version's definition: who reads the case and who may act on it. */
  private definitionOf(stored: StoredCase): WorkflowDefinition {
    return this.workflowOf(stored).definition;
  }

  /** The definition the case was opened with, refusing to run a published version edited since. */
  private pinnedWorkflow(stored: StoredCase): CompiledWorkflow {
    const workflow = this.workflowOf(stored);
    if (workflow.hash !== stored.workflow.hash) {
      throw pinnedWorkflowChanged(stored.workflow.id, stored.workflow.version);
    }
    return workflow;
  }
}

/** A case checked and ready to be opened. */
interface PreparedOpening {
  workflow: CompiledWorkflow;
  subject: CaseSubject;
  data: Record<string, unknown>;
  unitId: string;
  unitPath: string;
  today: string;
}

/** Why one of several openings was refused: its index in the request and the problem. */
export interface OpeningRefusal {
  index: number;
  code: string;
  message: string;
  localized?: { vi: string; en: string };
  details: Record<string, unknown>;
}

function refusalAt(index: number, error: AppError): OpeningRefusal {
  return {
    index,
    code: error.code,
    message: error.message,
    ...(error.localized ? { localized: error.localized } : {}),
    details: error.details,
  };
}

/** Openings of several cases together were refused: nothing was opened. */
export function openingsRefused(refusals: readonly OpeningRefusal[]): AppError {
  return new AppError(
    'CASE.OPENINGS_REFUSED',
    'unprocessable',
    `${refusals.length} of the cases could not be opened; none was.`,
    { refusals },
    {
      vi: `${refusals.length} hồ sơ không thể mở; chưa hồ sơ nào được mở.`,
      en: `${refusals.length} of the cases could not be opened; none was.`,
    },
  );
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

/** An effect's event on another case was refused: the whole command is, without its details. */
function effectRefused(effect: string, type: string, error: AppError): AppError {
  return new AppError(
    'CASE.EFFECT_REFUSED',
    'conflict',
    `This change would also apply ${type} to a related case, which refuses it (${error.code}); nothing was changed.`,
    { effect, eventType: type, refusal: error.code },
    {
      vi: `Thao tác này kéo theo "${type}" trên một hồ sơ liên quan nhưng hồ sơ đó không chấp nhận (${error.code}); chưa có gì thay đổi.`,
      en: `This change would also apply ${type} to a related case, which refuses it (${error.code}); nothing was changed.`,
    },
  );
}

function pin(workflow: CompiledWorkflow): StoredCase['workflow'] {
  return { id: workflow.definition.id, version: workflow.definition.version, hash: workflow.hash };
}

function assertJsonSize(field: string, value: unknown): void {
  if (Buffer.byteLength(JSON.stringify(value), 'utf8') > MAX_JSON_BYTES) {
    throw payloadTooLarge(field, MAX_JSON_BYTES);
  }
}
