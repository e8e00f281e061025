import { DomainError } from '../errors';
import {
  compileWorkflow,
  DEFAULT_IMPLEMENTATIONS,
  type CompiledWorkflow,
} from './compile-workflow';
import {
  InvalidWorkflowDefinitionError,
  validateDefinition,
  type Implementations,
} from './validate-definition';

export class WorkflowNotFoundError extends DomainError {
  readonly code = 'WORKFLOW.NOT_FOUND';
  readonly kind = 'not_found';
}

export interface WorkflowFile {
  /** Where the text came from, for messages; its base name must be `<id>.v<version>.json`. */
  source: string;
  text: string;
}

/** Every workflow version the server knows, validated and compiled once at start-up. */
export class WorkflowCatalogue {
  private readonly byKey = new Map<string, CompiledWorkflow>();
  private readonly eventsWithFacts = new Set<string>();

  private constructor(workflows: CompiledWorkflow[]) {
    for (const workflow of workflows) {
      this.byKey.set(key(workflow.definition.id, workflow.definition.version), workflow);
      for (const [type, spec] of Object.entries(workflow.definition.events)) {
        if ((spec.facts ?? []).length > 0) this.eventsWithFacts.add(type);
      }
    }
  }

  /** Whether any workflow version declares facts for an event of this type (cheap pre-check). */
  mayDeclareFacts(eventType: string): boolean {
    return this.eventsWithFacts.has(eventType);
  }

  /** Refuses the whole set if any file is invalid, misnamed or repeats an id and version. */
  static load(
    files: readonly WorkflowFile[],
    implementations: Implementations = DEFAULT_IMPLEMENTATIONS,
  ): WorkflowCatalogue {
    const seen = new Map<string, string>();
    const workflows = files.map((file) => {
      const definition = validateDefinition(parse(file), file.source, implementations);
      const expectedName = `${definition.id}.v${definition.version}.json`;
      const baseName = file.source.split(/[\\/]/).pop();
      if (baseName !== expectedName) {
        throw new InvalidWorkflowDefinitionError(file.source, [
          `file name must be "${expectedName}" for id "${definition.id}" version ${definition.version}`,
        ]);
      }
      const k = key(definition.id, definition.version);
      const earlier = seen.get(k);
      if (earlier !== undefined) {
        throw new InvalidWorkflowDefinitionError(file.source, [
          `duplicate id "${definition.id}" version ${definition.version} (also in ${earlier})`,
        ]);
      }
      seen.set(k, file.source);
      return compileWorkflow(definition, implementations);
    });
    return new WorkflowCatalogue(workflows);
  }

  all(): CompiledWorkflow[] {
    return [...this.byKey.values()].sort(
      (a, b) =>
        a.definition.id.localeCompare(b.definition.id) ||
        a.definition.version - b.definition.version,
    );
  }

  get(id: string, version: number): CompiledWorkflow {
    const workflow = this.byKey.get(key(id, version));
    if (workflow === undefined) {
      throw new WorkflowNotFoundError(`No workflow "${id}" version ${version}`, { id, version });
    }
    return workflow;
  }

  /** New cases of a type start on the highest version; running cases keep theirs. */
  latestForCaseType(caseType: string): CompiledWorkflow {
    const candidates = this.all()
      .filter((w) => w.definition.caseType === caseType)
      .sort((a, b) => a.definition.version - b.definition.version);
    const latest = candidates.at(-1);
    if (latest === undefined) {
      throw new WorkflowNotFoundError(`No workflow for case type "${caseType}"`, { caseType });
    }
    return latest;
  }

  caseTypes(): string[] {
    return [...new Set(this.all().map((w) => w.definition.caseType))].sort();
  }
}

function key(id: string, version: number): string {
  return `${id}@${version}`;
}

function parse(file: WorkflowFile): unknown {
  try {
    return JSON.parse(file.text);
  } catch (error) {
    throw new InvalidWorkflowDefinitionError(file.source, [
      `not valid JSON: ${(error as Error).message}`,
    ]);
  }
}
