import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowFile } from '../domain/workflow/workflow-catalogue';

/** Reads every `*.json` definition in the folder (the domain itself never touches the disk). */
export function readWorkflowFiles(directory: string): WorkflowFile[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const source = join(directory, name);
      return { source, text: readFileSync(source, 'utf8') };
    });
}
