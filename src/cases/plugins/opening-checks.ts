import { Injectable } from '@nestjs/common';
import type { CaseSubject } from '../../domain/cases/stored-case';
import type { CompiledWorkflow } from '../../domain/workflow/compile-workflow';

/** A case about to be opened: its workflow, subject and data (already valid for the dataSchema). */
export interface CaseOpening {
  workflow: CompiledWorkflow;
  subject: CaseSubject;
  data: Record<string, unknown>;
  /** The date in Vietnam when the case is opened. */
  today: string;
}

/**
 * What a plug-in checks before a case of its kind is opened, beyond what a JSON Schema can say (an
 * award the rule set does not know, a period outside its year). Throws the problem to answer.
 */
export interface OpeningCheck {
  readonly name: string;
  appliesTo(workflow: CompiledWorkflow): boolean;
  /** May read (the council a session names must exist in its unit); runs before the transaction. */
  check(opening: CaseOpening): void | Promise<void>;
}

@Injectable()
export class OpeningChecks {
  private readonly checks: OpeningCheck[] = [];

  register(...checks: OpeningCheck[]): void {
    this.checks.push(...checks);
  }

  async run(opening: CaseOpening): Promise<void> {
    for (const check of this.checks) {
      if (check.appliesTo(opening.workflow)) await check.check(opening);
    }
  }
}
