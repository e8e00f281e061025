import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { StoredCase } from '../../domain/cases/stored-case';
import type { Principal } from '../../domain/org/principal';
import type { WorkflowRole } from '../../domain/roles';
import type { EventFacts } from '../../domain/workflow/case-event';
import { InvalidWorkflowDefinitionError } from '../../domain/workflow/validate-definition';
import { WorkflowCatalogue } from '../../domain/workflow/workflow-catalogue';
import type { CaseTransaction } from '../../persistence/repositories/cases.repository';

/** What a provider is asked about: one event about to be sent to one case. */
export interface FactRequest {
  /** The case as read before the transaction (`resolve` gets it again, locked). */
  stored: StoredCase;
  eventType: string;
  payload: Record<string, unknown>;
  /** The signed-in sender; null for a public door or the engine itself. */
  principal: Principal | null;
  /** The roles the workflow lets send this event. */
  eventRoles: readonly WorkflowRole[];
  /** The date in Vietnam when the event is entered (one per command). */
  today: string;
  /**
   * The legal date at this payload path as the step will settle it: the official's when the
   * event declares it as a legal date and it is a date; today otherwise.
   */
  legalDate(path: string): string;
}

/** A fact half-established: its reads are done; `resolve` finishes it against the locked case. */
export interface PreparedFact {
  /** Undefined: the fact is absent (the guards that need it refuse the event). */
  resolve(tx: CaseTransaction, current: StoredCase): Promise<unknown> | unknown;
}

/**
 * Establishes one fact that workflow events may declare (`events.X.facts`). `prepare` runs before
 * the transaction, so its reads do not hold the write lock (on SQLite they could not run inside it
 * at all); `resolve` runs inside it, for what must agree with the locked case or be written with it
 * (a decision number). Plug-ins register their providers at start-up.
 */
export interface FactProvider {
  readonly name: string;
  prepare(request: FactRequest): Promise<PreparedFact> | PreparedFact;
}

/** The date in Vietnam when the event is entered: the engine's own fact, for every workflow. */
const TODAY: FactProvider = {
  name: 'today',
  prepare: ({ today }) => ({ resolve: () => today }),
};

/** The facts of one event, prepared together and resolved together. */
export interface PreparedFacts {
  resolve(tx: CaseTransaction, current: StoredCase): Promise<EventFacts>;
}

/**
 * The engine's registry of fact providers. At start-up every fact every workflow declares must have
 * a provider, exactly as every guard and action must have an implementation: a workflow file that
 * names a fact nobody serves stops the server, naming the file and the fact.
 */
@Injectable()
export class FactProviders implements OnApplicationBootstrap {
  private readonly providers = new Map<string, FactProvider>();

  constructor(private readonly catalogue: WorkflowCatalogue) {
    this.register(TODAY);
  }

  register(...providers: FactProvider[]): void {
    for (const provider of providers) {
      if (this.providers.has(provider.name)) {
        throw new Error(`Two providers for the fact "${provider.name}"`);
      }
      this.providers.set(provider.name, provider);
    }
  }

  onApplicationBootstrap(): void {
    this.assertServes(this.catalogue);
  }

  /** Throws for the first workflow file that declares a fact no registered provider serves. */
  assertServes(catalogue: WorkflowCatalogue): void {
    for (const workflow of catalogue.all()) {
      const { id, version } = workflow.definition;
      const problems = Object.entries(workflow.definition.events).flatMap(([type, spec]) =>
        (spec.facts ?? [])
          .filter((name) => !this.providers.has(name))
          .map((name) => `events.${type}.facts: no provider serves the fact "${name}"`),
      );
      if (problems.length > 0) {
        throw new InvalidWorkflowDefinitionError(catalogue.sourceOf(id, version), problems);
      }
    }
  }

  /** Runs the reads of every named fact together (on SQLite they queue as one run, not one each). */
  async prepare(names: readonly string[], request: FactRequest): Promise<PreparedFacts> {
    const prepared = await Promise.all(
      names.map(async (name) => [name, await this.provider(name).prepare(request)] as const),
    );
    return {
      resolve: async (tx, current) => {
        const facts: EventFacts = {};
        for (const [name, fact] of prepared) {
          const value = await fact.resolve(tx, current);
          if (value !== undefined) facts[name] = value;
        }
        return facts;
      },
    };
  }

  private provider(name: string): FactProvider {
    const provider = this.providers.get(name);
    // Start-up checked every declared fact; reaching this is a bug, not a user error.
    if (provider === undefined) throw new Error(`No provider for the fact "${name}"`);
    return provider;
  }
}
