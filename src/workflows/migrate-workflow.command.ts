import { Command, CommandRunner, Option } from 'nest-commander';
import type { ActorFacts } from '../domain/roles';
import { WorkflowMigrationService } from './workflow-migration.service';

/** The migration is the operator's act; the audit records name the command line as the actor. */
const CLI_OPERATOR: ActorFacts = { userId: 'cli', username: 'cli', roles: ['admin'] };

/**
 * `thidua migrate-workflow <plan.json> [--apply]`: without --apply, a dry run listing the running
 * cases the plan would move and those it cannot (with the reason); with it, one audited
 * WORKFLOW_MIGRATED record per moved case.
 */
@Command({
  name: 'migrate-workflow',
  arguments: '<plan>',
  description: 'Move running cases to a newer workflow version (dry run unless --apply)',
})
export class MigrateWorkflowCommand extends CommandRunner {
  constructor(private readonly migrations: WorkflowMigrationService) {
    super();
  }

  @Option({ flags: '--apply', description: 'write the migration (default: dry run)' })
  parseApply(): boolean {
    return true;
  }

  async run([file]: string[], options: { apply?: boolean }): Promise<void> {
    const plan = this.migrations.loadPlan(file);
    const report = await this.migrations.run(plan, {
      apply: options.apply === true,
      actor: CLI_OPERATOR,
    });
    const verb = report.applied ? 'moved' : 'would move';
    const lines = [
      `${report.plan.id}: ${report.plan.from} → ${report.plan.to}${report.applied ? '' : ' (dry run)'}`,
      `${report.moves.length} cases ${verb}, ${report.stays.length} stay on ${report.plan.from}`,
      ...report.moves.map((m) => `move\t${m.caseId}\t${m.from} → ${m.to}`),
      ...report.stays.map((s) => `stay\t${s.caseId}\t${s.state}\t${s.reason}`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}
