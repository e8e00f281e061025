import 'reflect-metadata';
import { availableParallelism } from 'node:os';
import { CommandFactory } from 'nest-commander';
import { CliModule } from './cli.module';

/**
 * Administrative commands without the HTTP server, on the same configuration and database:
 *   node dist/src/cli.js import units <file.csv|file.xlsx> [--skip-invalid]
 *   node dist/src/cli.js import people <file.csv|file.xlsx> [--skip-invalid]
 *   node dist/src/cli.js import awards <file.csv|file.xlsx> [--skip-invalid]
 *   node dist/src/cli.js verify [--checkpoints]
 *   node dist/src/cli.js checkpoint [--public-key]
 *   node dist/src/cli.js backup <file.sqlite>
 *   node dist/src/cli.js migrate-workflow <workflows/migrations/plan.json> [--apply]
 *   node dist/src/cli.js export --format jsonl|csv --out <file> [--case <id>] [--from <iso>] [--to <iso>]
 */
async function main(): Promise<void> {
  // No requests to keep a core free for (the server's default is one thread fewer than the
  // cores): a command's heavy work (verification, spreadsheet checks) may use every core.
  process.env.WORKER_THREADS ??= String(availableParallelism());
  await CommandFactory.run(CliModule.forRoot(), {
    cliName: 'thidua',
    logger: ['error', 'warn'],
    serviceErrorHandler: (error) => {
      console.error(error.message);
      process.exitCode = 1;
    },
  });
}

main().catch((error: unknown) => {
  // Start-up failures (bad configuration, database down) end here.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
