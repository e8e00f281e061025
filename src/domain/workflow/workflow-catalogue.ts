import { DomainError } from '../errors';
import type { Localized } from '../localized';
import {
  compileWorkflow,
  DEFAULT_IMPLEMENTATIONS,
  withStateTags,
  type CompiledWorkflow,
} from './compile-workflow';
import { isStateTag, type StateTag } from './state-tags';
import type { CaseAccessSpec } from './definition';
import {
  checkAccess,
  InvalidWorkflowDefinitionError,
  validateDefinition,
  type Implementations,
} from './validate-definition';

export class WorkflowNotFoundError extends DomainError {
  readonly code = 'WORKFLOW.NOT_FOUND';
  readonly kind = 'not_found';

  get localized(): Localized {
    return { vi: `Không tìm thấy quy trình: ${this.message}`, en: this.message };
  }
}

export interface WorkflowFile {
  /** Where the text came from, for messages; its base name must be `<id>.v<version>.json`. */
  source: string;
  text: string;
}

/**
 * The meanings of the states of a version published before state tags existed. Published files are
 * never edited (cases pin their hash), so their tags are declared beside them, pinned to the hash of
 * the exact file they describe.
 */
interface StateTagOverlay {
  workflow: { id: string; version: number; hash: string };
  description?: string;
  tags: Record<string, StateTag[]>;
}

/**
 * Who may read the cases of a version published before need-to-know (violation v1–v3): declared
 * beside the file, pinned to its hash, as state tags are. The rule that protects a matter's secrecy
 * is today's, not the one in force when a case was opened: without it, every reader in scope would
 * read an old violation case in full, its history and its files.
 */
interface AccessOverlay {
  workflow: { id: string; version: number; hash: string };
  description?: string;
  access: CaseAccessSpec;
}

/** Every workflow version the server knows, validated and compiled once at start-up. */
export class WorkflowCatalogue {
  private readonly byKey = new Map<string, CompiledWorkflow>();
  private readonly sources = new Map<string, string>();
  private readonly eventsWithFacts = new Set<string>();

  private constructor(workflows: { workflow: CompiledWorkflow; source: string }[]) {
    for (const { workflow, source } of workflows) {
      this.byKey.set(key(workflow.definition.id, workflow.definition.version), workflow);
      this.sources.set(key(workflow.definition.id, workflow.definition.version), source);
      for (const [type, spec] of Object.entries(workflow.definition.events)) {
        if ((spec.facts ?? []).length > 0) this.eventsWithFacts.add(type);
      }
    }
  }

  /** Whether any workflow version declares facts for an event of this type (cheap pre-check). */
  mayDeclareFacts(eventType: string): boolean {
    return this.eventsWithFacts.has(eventType);
  }

  /**
   * Refuses the whole set if any file is invalid, misnamed or repeats an id and version, or if a
   * state-tag overlay does not fit the exact version it names.
   */
  static load(
    files: readonly WorkflowFile[],
    implementations: Implementations = DEFAULT_IMPLEMENTATIONS,
    tagOverlays: readonly WorkflowFile[] = [],
    accessOverlays: readonly WorkflowFile[] = [],
  ): WorkflowCatalogue {
    const seen = new Map<string, string>();
    const workflows = files.map((file) => {
      const definition = validateDefinition(parse(file), file.source, implementations);
      // Words in a file name may be joined with hyphens (council-session.v1.json for the id
      // council_session), as URLs and the issue tracker spell them.
      const expectedName = `${definition.id}.v${definition.version}.json`;
      const baseName = file.source.split(/[\\/]/).pop();
      if (baseName !== expectedName && baseName !== expectedName.replaceAll('_', '-')) {
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
      return { workflow: compileWorkflow(definition, implementations), source: file.source };
    });
    applyOverlays<StateTagOverlay>(workflows, tagOverlays, 'overlay', overlayProblems, (o, w) =>
      withStateTags(w, new Map(Object.entries(o.tags))),
    );
    applyOverlays<AccessOverlay>(
      workflows,
      accessOverlays,
      'access overlay',
      accessOverlayProblems,
      (o, w) => ({ ...w, definition: { ...w.definition, access: o.access } }),
    );
    return new WorkflowCatalogue(workflows);
  }

  /** The file a version was loaded from, for messages that must name it. */
  sourceOf(id: string, version: number): string {
    return this.sources.get(key(id, version)) ?? `${id}.v${version}.json`;
  }

  /** What a case's state means, in the workflow version the case is pinned to. */
  tagsOf(pin: { id: string; version: number }, state: string): readonly StateTag[] {
    return this.get(pin.id, pin.version).tagsOf(state);
  }

  /** Every state of any version of this case type that carries the tag (for queries by meaning). */
  statesTagged(caseType: string, tag: StateTag): string[] {
    const states = this.all()
      .filter((w) => w.definition.caseType === caseType)
      .flatMap((w) =>
        Object.keys(w.definition.machine.states).filter((state) => w.tagsOf(state).includes(tag)),
      );
    return [...new Set(states)].sort();
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

/**
 * Applies the overlays of one kind to the versions they name, in place: at most one a version,
 * each checked against the exact file it names before it changes anything.
 */
function applyOverlays<Overlay extends { workflow: { id: string; version: number } }>(
  workflows: { workflow: CompiledWorkflow; source: string }[],
  files: readonly WorkflowFile[],
  kind: string,
  problemsOf: (overlay: Overlay, target: CompiledWorkflow | undefined) => string[],
  apply: (overlay: Overlay, target: CompiledWorkflow) => CompiledWorkflow,
): void {
  const seen = new Map<string, string>();
  for (const file of files) {
    const overlay = parse(file) as Overlay;
    const k = key(String(overlay?.workflow?.id), Number(overlay?.workflow?.version));
    const earlier = seen.get(k);
    if (earlier !== undefined) {
      throw new InvalidWorkflowDefinitionError(file.source, [
        `a second ${kind} for the same version (also ${earlier})`,
      ]);
    }
    seen.set(k, file.source);
    const index = workflows.findIndex(
      ({ workflow }) =>
        workflow.definition.id === overlay?.workflow?.id &&
        workflow.definition.version === overlay?.workflow?.version,
    );
    const target = workflows[index]?.workflow;
    const problems = problemsOf(overlay, target);
    if (problems.length > 0) throw new InvalidWorkflowDefinitionError(file.source, problems);
    workflows[index] = { ...workflows[index], workflow: apply(overlay, target!) };
  }
}

function accessOverlayProblems(
  overlay: AccessOverlay,
  target: CompiledWorkflow | undefined,
): string[] {
  const access = overlay?.access as Partial<CaseAccessSpec> | undefined;
  const roleList = (value: unknown) =>
    value === undefined || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
  if (
    typeof overlay !== 'object' ||
    overlay === null ||
    typeof access !== 'object' ||
    access === null ||
    !Array.isArray(access.readers) ||
    !roleList(access.readers) ||
    !roleList(access.existenceReaders) ||
    !['boolean', 'undefined'].includes(typeof access.subjectReads) ||
    Object.keys(access).some(
      (name) => !['readers', 'subjectReads', 'existenceReaders'].includes(name),
    )
  ) {
    return [
      'an access overlay is { workflow: { id, version, hash }, access: { readers, subjectReads?, existenceReaders? } }',
    ];
  }
  if (target === undefined) {
    return [`no workflow "${overlay.workflow?.id}" version ${overlay.workflow?.version} to rule`];
  }
  if (overlay.workflow.hash !== target.hash) {
    return [`workflow.hash does not match the loaded file (${target.hash})`];
  }
  if (target.definition.access !== undefined) {
    return ['the workflow file declares its own access: an overlay is only for older versions'];
  }
  return checkAccess({ ...target.definition, access: overlay.access });
}

function overlayProblems(overlay: StateTagOverlay, target: CompiledWorkflow | undefined): string[] {
  if (
    typeof overlay !== 'object' ||
    overlay === null ||
    typeof overlay.tags !== 'object' ||
    overlay.tags === null ||
    Array.isArray(overlay.tags)
  ) {
    return ['a state-tag overlay is { workflow: { id, version, hash }, tags: { state: [tag] } }'];
  }
  if (target === undefined) {
    return [
      `no workflow "${overlay.workflow?.id}" version ${overlay.workflow?.version} to describe`,
    ];
  }
  if (overlay.workflow.hash !== target.hash) {
    return [`workflow.hash does not match the loaded file (${target.hash})`];
  }
  const states = target.definition.machine.states;
  const problems: string[] = [];
  if (Object.values(states).some((state) => state.meta.tags !== undefined)) {
    problems.push('the workflow file declares its own tags: an overlay is only for older versions');
  }
  for (const [state, tags] of Object.entries(overlay.tags)) {
    if (!Object.hasOwn(states, state)) problems.push(`tags.${state}: no such state`);
    if (!Array.isArray(tags)) {
      problems.push(`tags.${state}: must be a list of tags`);
      continue;
    }
    for (const tag of tags) {
      if (!isStateTag(tag)) problems.push(`tags.${state}: unknown tag "${String(tag)}"`);
    }
  }
  return problems;
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
