import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { AppError } from '../common/errors';
import { CLI_AUTHOR } from '../domain/org/change-log';
import type {
  ImportJobKind,
  StoredImportJob,
} from '../persistence/repositories/import-jobs.repository';
import type { ImportReport } from './import-report';
import { ImportsService } from './imports.service';
import type { RowProblem } from './row-checks';
import type { SpreadsheetFormat } from './spreadsheet';

interface ImportCommandOptions {
  skipInvalid?: boolean;
}

/** Below this many rows an import is over before a progress line would be worth reading. */
const PROGRESS_FROM_ROWS = 1000;

const FORMAT_BY_EXTENSION: Record<string, SpreadsheetFormat> = { '.csv': 'csv', '.xlsx': 'xlsx' };

@SubCommand({
  name: 'units',
  arguments: '<file>',
  description: 'Import or update units from a .csv or .xlsx file (matched by code)',
})
export class ImportUnitsCommand extends CommandRunner {
  constructor(private readonly imports: ImportsService) {
    super();
  }

  run([path]: string[], options: ImportCommandOptions): Promise<void> {
    return runImport(this.imports, 'units', path, options);
  }

  @Option({ flags: '--skip-invalid', description: 'import the valid rows, report the others' })
  parseSkipInvalid(): boolean {
    return true;
  }
}

@SubCommand({
  name: 'people',
  arguments: '<file>',
  description: 'Import or update people from a .csv or .xlsx file (matched by code)',
})
export class ImportPeopleCommand extends CommandRunner {
  constructor(private readonly imports: ImportsService) {
    super();
  }

  run([path]: string[], options: ImportCommandOptions): Promise<void> {
    return runImport(this.imports, 'people', path, options);
  }

  @Option({ flags: '--skip-invalid', description: 'import the valid rows, report the others' })
  parseSkipInvalid(): boolean {
    return true;
  }
}

@SubCommand({
  name: 'awards',
  arguments: '<file>',
  description:
    'Import or update past awards of people and units from a .csv or .xlsx file ' +
    '(matched by person or unit code, award and year)',
})
export class ImportAwardsCommand extends CommandRunner {
  constructor(private readonly imports: ImportsService) {
    super();
  }

  run([path]: string[], options: ImportCommandOptions): Promise<void> {
    return runImport(this.imports, 'awards', path, options);
  }

  @Option({ flags: '--skip-invalid', description: 'import the valid rows, report the others' })
  parseSkipInvalid(): boolean {
    return true;
  }
}

@Command({
  name: 'import',
  description: 'Bulk import of the organisation registry and its past awards',
  subCommands: [ImportUnitsCommand, ImportPeopleCommand, ImportAwardsCommand],
})
export class ImportCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}

/**
 * Imports the file as a job of this process and prints the report on stdout, with the job's
 * progress on stderr meanwhile. A refused file, or rows skipped, are listed on stderr with their
 * line numbers; a refused file exits with status 1.
 */
async function runImport(
  imports: ImportsService,
  kind: ImportJobKind,
  path: string,
  options: ImportCommandOptions,
): Promise<void> {
  const format = FORMAT_BY_EXTENSION[extname(path).toLowerCase()];
  if (!format) {
    return fail(`${path}: the file name must end in .csv or .xlsx.`);
  }
  let content: Buffer;
  try {
    content = await readFile(path);
  } catch (error) {
    return fail(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const progress = new ProgressLine();
  let job: StoredImportJob;
  try {
    const started = await imports.start(
      CLI_AUTHOR,
      kind,
      { content, format },
      { skipInvalid: options.skipInvalid ?? false },
    );
    job = await imports.waitFor(started.id, (current) => progress.show(current));
  } catch (error) {
    progress.end();
    if (!(error instanceof AppError)) throw error;
    return fail(`${path}: ${error.message}`);
  } finally {
    progress.end();
  }
  if (job.status === 'failed') {
    const problem = job.problem as { detail?: string; errors?: RowProblem[] };
    return fail(
      `${path}: ${problem.detail ?? 'the import failed'}`,
      problem.errors ? listProblems(problem.errors) : '',
    );
  }
  const report = job.report as ImportReport;
  process.stdout.write(
    `${path}: created ${report.created}, updated ${report.updated}, ` +
      `unchanged ${report.unchanged}, skipped ${report.skipped}\n`,
  );
  if (report.errors.length > 0) {
    process.stderr.write(`Skipped rows:\n${listProblems(report.errors)}`);
  }
}

function fail(message: string, listing = ''): void {
  process.stderr.write(`${message}\n${listing}`);
  process.exitCode = 1;
}

function listProblems(problems: RowProblem[]): string {
  return problems
    .map((problem) => `  line ${problem.line}, ${problem.field}: ${problem.message}\n`)
    .join('');
}

/**
 * "checking n rows", then "writing written/total rows" on stderr: rewritten in place on a
 * terminal, one line per change in a log.
 */
class ProgressLine {
  private shown = false;
  private last = '';

  show(job: StoredImportJob): void {
    const text =
      job.status === 'checking' && job.rowsRead >= PROGRESS_FROM_ROWS
        ? `checking ${job.rowsRead} rows`
        : (job.status === 'applying' || job.status === 'done') &&
            (job.rowsToWrite ?? 0) >= PROGRESS_FROM_ROWS
          ? `writing ${job.rowsWritten}/${job.rowsToWrite} rows`
          : null;
    if (text === null || text === this.last) return;
    this.last = text;
    if (process.stderr.isTTY) process.stderr.write(`\r${text}`);
    else process.stderr.write(`${text}\n`);
    this.shown = true;
  }

  end(): void {
    if (this.shown && process.stderr.isTTY) process.stderr.write('\n');
    this.shown = false;
  }
}
