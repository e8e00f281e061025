import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleSetFile } from '../domain/rules/rule-set-catalogue';

/**
 * Reads every `*.json` rule set in the folder (the domain itself never touches the disk). A missing
 * or empty folder stops start-up: without a rule set no nomination can be judged.
 */
export function readRuleSetFiles(directory: string): RuleSetFile[] {
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch (error) {
    throw new Error(`${directory}: cannot read the rule-set folder (${(error as Error).message})`);
  }
  const files = names
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const source = join(directory, name);
      return { source, text: readFileSync(source, 'utf8') };
    });
  if (files.length === 0) {
    throw new Error(`${directory}: no rule set (*.json) found; at least one is needed`);
  }
  return files;
}
