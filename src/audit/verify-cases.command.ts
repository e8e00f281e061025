import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { CaseQueries } from '../cases/case-queries.service';
import type { Principal } from '../domain/org/principal';
import {
  CASES_REPOSITORY,
  type CasesRepository,
} from '../persistence/repositories/cases.repository';
import { CheckpointsService } from './checkpoints.service';

/** The command line reads every case as an organisation-wide auditor would. */
const CLI_AUDITOR: Principal = {
  userId: 'cli',
  username: 'cli',
  roles: ['auditor'],
  personId: null,
  grants: [{ role: 'auditor', unitId: null, scope: null }],
};

const PAGE = 100;

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
  constructor(
    @Inject(CASES_REPOSITORY) private readonly cases: CasesRepository,
    private readonly service: CaseQueries,
    private readonly checkpoints: CheckpointsService,
  ) {
    super();
  }

  async run(_: string[], options: { checkpoints?: boolean } = {}): Promise<void> {
    let checked = 0;
    const problems: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.cases.list({ scopes: null, cursor, limit: PAGE });
      for (const stored of page.items) {
        const result = await this.service.verify(CLI_AUDITOR, stored.id);
        checked += 1;
        if (!result.ok) {
          problems.push(`${stored.id}\t${result.problem}\tfirst bad record: ${result.firstBadSeq}`);
        }
      }
      cursor = page.nextCursor ?? undefined;
      if (checked % 1000 < PAGE) process.stderr.write(`\r${checked} cases checked`);
    } while (cursor);
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
