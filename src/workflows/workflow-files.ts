import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleSetCatalogue } from '../domain/rules/rule-set-catalogue';
import { unknownTimeLimits } from '../domain/workflow/timers';
import { InvalidWorkflowDefinitionError } from '../domain/workflow/validate-definition';
import { WorkflowCatalogue, type WorkflowFile } from '../domain/workflow/workflow-catalogue';

/** Reads every `*.json` definition in the folder (the domain itself never touches the disk). */
export function readWorkflowFiles(directory: string): WorkflowFile[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const source = join(directory, name);
      return { source, text: readFileSync(source, 'utf8') };
    });
}

/**
 * The catalogue as the server loads it: every definition in the folder, plus the state meanings of
 * versions published before tags existed (`state-tags/`) and the readers of versions published
 * before need-to-know (`access/`), each pinned to its file's hash.
 */
export function loadWorkflowCatalogue(directory: string): WorkflowCatalogue {
  const catalogue = WorkflowCatalogue.load(
    readWorkflowFiles(directory),
    undefined,
    readWorkflowFiles(join(directory, 'state-tags')),
    readWorkflowFiles(join(directory, 'access')),
  );
  // Without meanings, other cases would read this version's cases as holding nothing: a lost
  // overlay must stop the server, not quietly let a disciplined nominee through.
  for (const workflow of catalogue.all()) {
    const { id, version, machine } = workflow.definition;
    if (Object.keys(machine.states).every((state) => workflow.tagsOf(state).length === 0)) {
      throw new InvalidWorkflowDefinitionError(catalogue.sourceOf(id, version), [
        `no state says what it means: tag its states (meta.tags), or for a version published before tags, add state-tags/${id}.v${version}.json`,
      ]);
    }
  }
  return catalogue;
}

/**
 * Every time limit a workflow's timers name must be in the newest rule set: a timer counting a
 * period no rule defines would never be scheduled right. (A case under an older rule set that lacks
 * it keeps a failed timer and admins are alerted; see src/domain/workflow/timers.ts.)
 */
export function assertTimeLimitsKnown(
  workflows: WorkflowCatalogue,
  ruleSets: RuleSetCatalogue,
): WorkflowCatalogue {
  const newest = ruleSets.latest().ruleSet;
  for (const workflow of workflows.all()) {
    const { id, version } = workflow.definition;
    const problems = unknownTimeLimits([workflow.definition], newest);
    if (problems.length > 0) {
      throw new InvalidWorkflowDefinitionError(workflows.sourceOf(id, version), problems);
    }
  }
  return workflows;
}
