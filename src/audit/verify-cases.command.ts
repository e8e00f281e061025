import { Inject } from '@nestjs/common';
import { Command, CommandRunner } from 'nest-commander';
import { CasesService } from '../cases/cases.service';
import type { Principal } from '../domain/org/principal';
import {
  CASES_REPOSITORY,
  type CasesRepository,
} from '../persistence/repositories/cases.repository';

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
 * 1 if any does, so it can run from cron or CI.
 */
@Command({
  name: 'verify',
  description: 'Verify and replay every case; list the ones whose history or row disagree',
})
export class VerifyCasesCommand extends CommandRunner {
  constructor(
    @Inject(CASES_REPOSITORY) private readonly cases: CasesRepository,
    private readonly service: CasesService,
  ) {
    super();
  }

  async run(): Promise<void> {
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
  }
}
