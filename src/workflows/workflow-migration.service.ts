import { readFileSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import type { ActorFacts } from '../domain/roles';
import type { CompiledWorkflow } from '../domain/workflow/compile-workflow';
import {
  InvalidMigrationPlanError,
  judgeMigration,
  migrationRecord,
  validateMigrationPlan,
  type MigrationCandidate,
  type MigrationPlan,
  type MigrationVerdict,
} from '../domain/workflow/migration-plan';
import { WorkflowCatalogue } from '../domain/workflow/workflow-catalogue';
import {
  CASES_REPOSITORY,
  type CasesRepository,
} from '../persistence/repositories/cases.repository';

export interface MigrationReport {
  plan: { id: string; from: string; to: string };
  applied: boolean;
  /** Cases the plan moves (or moved, when applied). */
  moves: { caseId: string; from: string; to: string }[];
  /** Cases that stay on the old version, and why. */
  stays: { caseId: string; state: string; reason: string }[];
}

const PAGE = 200;

/**
 * Moves running cases to a newer version of their workflow along a plan: the dry run lists who
 * would move and who cannot; applying writes one audited WORKFLOW_MIGRATED record per case, each in
 * its own transaction, re-checked against the case as it is then.
 */
@Injectable()
export class WorkflowMigrationService {
  constructor(
    @Inject(CASES_REPOSITORY) private readonly cases: CasesRepository,
    private readonly catalogue: WorkflowCatalogue,
    private readonly clock: Clock,
  ) {}

  loadPlan(file: string): MigrationPlan {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new InvalidMigrationPlanError(file, [(error as Error).message]);
    }
    return validateMigrationPlan(raw, file, (id, version) => this.find(id, version));
  }

  async run(
    plan: MigrationPlan,
    options: { apply: boolean; actor: ActorFacts },
  ): Promise<MigrationReport> {
    const from = this.catalogue.get(plan.from.id, plan.from.version);
    const to = this.catalogue.get(plan.to.id, plan.to.version);
    const verdicts = judgeMigration(plan, from, to, await this.candidates(from));
    const report: MigrationReport = {
      plan: {
        id: plan.id,
        from: `${plan.from.id} v${plan.from.version}`,
        to: `${plan.to.id} v${plan.to.version}`,
      },
      applied: options.apply,
      moves: [],
      stays: [],
    };
    for (const verdict of verdicts) {
      if (!verdict.moves) {
        report.stays.push({ caseId: verdict.caseId, state: verdict.state, reason: verdict.reason });
      } else if (!options.apply) {
        report.moves.push({ caseId: verdict.caseId, from: verdict.from, to: verdict.to });
      } else {
        const moved = await this.migrate(plan, from, to, verdict, options.actor);
        if (moved)
          report.moves.push({ caseId: verdict.caseId, from: verdict.from, to: verdict.to });
        else {
          report.stays.push({
            caseId: verdict.caseId,
            state: verdict.from,
            reason: 'the case changed since the dry run; run the migration again',
          });
        }
      }
    }
    return report;
  }

  private async migrate(
    plan: MigrationPlan,
    from: CompiledWorkflow,
    to: CompiledWorkflow,
    verdict: Extract<MigrationVerdict, { moves: true }>,
    actor: ActorFacts,
  ): Promise<boolean> {
    return this.cases.transaction(async (tx) => {
      const current = await tx.findForUpdate(verdict.caseId);
      const still =
        current !== null &&
        !current.closed &&
        current.state === verdict.from &&
        current.workflow.hash === from.hash &&
        current.workflow.version === from.definition.version;
      if (!still) return false;
      const record = migrationRecord(
        plan,
        from,
        to,
        verdict,
        { ...actor, role: actor.roles[0] ?? 'admin' },
        {
          caseId: current.id,
          seq: current.version + 1,
          prevHash: current.headHash,
          at: this.clock.nowIso(),
        },
      );
      return tx.applyMigration({
        caseId: current.id,
        expectedVersion: current.version,
        state: verdict.to,
        workflow: record.workflow,
        record,
      });
    });
  }

  private async candidates(from: CompiledWorkflow): Promise<MigrationCandidate[]> {
    const found: MigrationCandidate[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.cases.list({
        scopes: null,
        caseType: from.definition.caseType,
        cursor,
        limit: PAGE,
      });
      found.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    return found.reverse();
  }

  private find(id: string, version: number): CompiledWorkflow | undefined {
    try {
      return this.catalogue.get(id, version);
    } catch {
      return undefined;
    }
  }
}
