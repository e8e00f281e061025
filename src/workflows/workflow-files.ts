import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
 * versions published before tags existed (`state-tags/`, pinned to those files' hashes).
 */
export function loadWorkflowCatalogue(directory: string): WorkflowCatalogue {
  return WorkflowCatalogue.load(
    readWorkflowFiles(directory),
    undefined,
    readWorkflowFiles(join(directory, 'state-tags')),
  );
}
