import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { CaseQueries } from '../cases/case-queries.service';
import { VerificationSweep } from '../cases/verification-sweep';
import { AppConfig } from '../config/app-config';
import type { Principal } from '../domain/org/principal';
import { Database } from '../persistence/database';
import {
  CASES_REPOSITORY,
  type CasesRepository,
} from '../persistence/repositories/cases.repository';
import { VerificationRowsRepository } from '../persistence/repositories/verification-rows.repository';
import { WorkerPool } from '../workers/worker-pool';
import { CheckpointsService } from './checkpoints.service';

/** The command line reads every case as an organisation-wide auditor would. */
const CLI_AUDITOR: Principal = {
  userId: 'cli',
  username: 'cli',
  roles: ['auditor'],
  personId: null,
  grants: [{ role: 'auditor', unitId: null, scope: null }],
};

/**
 * Cases per query and per message to a thread: large enough that neither costs more than the
 * hashing (≈50 records a case is ≈10,000 records a batch), small enough to keep memory flat.
 */
export const CASES_PER_BATCH = 200;

/**
 * `thidua verify`: checks every case's hash chain, replays it through its pinned workflow and
 * compares the result with the stored case, then lists every case that does not agree. Exit code
 * 1 if any does, so it can run from cron or CI. With `--checkpoints` it also walks the audit
 * checkpoints (hashes, links, signatures, roots) and checks that today's chains still hold every
 * head they signed: a case deleted, truncated or forked since is named, and exits 1 too.
 */
@Command({
  name: 'verify',
  description: 'Verify and replay every case; list the ones whose history or row disagree',
})
export class VerifyCasesCommand extends CommandRunner {
  private readonly sweep: VerificationSweep;

  constructor(
    @Inject(CASES_REPOSITORY) cases: CasesRepository,
    service: CaseQueries,
    private readonly checkpoints: CheckpointsService,
    database: Database,
    pool: WorkerPool,
    config: AppConfig,
  ) {
    super();
    // Every case's records are read a page at a time and verified in the worker threads, as
    // stored; a case that does not verify there is verified again as the API does (the report).
    this.sweep = new VerificationSweep(
      cases,
      new VerificationRowsRepository(database),
      pool,
      config.workflowsDir,
      (caseId) => service.verify(CLI_AUDITOR, caseId),
      { casesPerBatch: CASES_PER_BATCH, batchesInFlight: config.workers.threads + 1 },
    );
  }

  async run(_: string[], options: { checkpoints?: boolean } = {}): Promise<void> {
    let checked = 0;
    const problems: string[] = [];
    await this.sweep.run(({ caseId, verification: result }) => {
      checked += 1;
      if (!result.ok) {
        problems.push(`${caseId}\t${result.problem}\tfirst bad record: ${result.firstBadSeq}`);
      }
      if (checked % 1000 === 0) process.stderr.write(`\r${checked} cases checked`);
    });
    process.stderr.write('\n');
    process.stdout.write(
      `${checked} cases checked, ${problems.length} with problems` +
        (problems.length ? `:\n${problems.join('\n')}\n` : '\n'),
    );
    if (problems.length) process.exitCode = 1;
    if (options.checkpoints) await this.verifyCheckpoints();
  }

  @Option({
    flags: '--checkpoints',
    description: 'Also verify the audit checkpoints against the chains as they are today',
  })
  parseCheckpoints(): boolean {
    return true;
  }

  /**
   * Every case is always replayed through the workflow versions its records are pinned to (and
   * across WORKFLOW_MIGRATED records); the flag names that for those who ask for it explicitly.
   */
  @Option({
    flags: '--replay',
    description: 'Replay every case through its pinned workflow (always done; kept for clarity)',
  })
  parseReplay(): boolean {
    return true;
  }

  private async verifyCheckpoints(): Promise<void> {
    const result = await this.checkpoints.verifyCheckpoints();
    const lines = result.problems.map(
      (p) => `checkpoint ${p.checkpointSeq}\t${p.kind}\t${p.caseId ?? '-'}\t${p.detail}`,
    );
    process.stdout.write(
      `${result.checked} checkpoints checked, ${result.verified} signatures valid` +
        (result.unsigned.length ? `, ${result.unsigned.length} unsigned` : '') +
        (result.unverifiable.length
          ? `, ${result.unverifiable.length} signed but not checked (no key configured)`
          : '') +
        `, ${result.problems.length} problems` +
        (lines.length ? `:\n${lines.join('\n')}\n` : '\n'),
    );
    if (result.problems.length) process.exitCode = 1;
  }
}
