import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { AppError } from '../common/errors';
import { CLI_AUTHOR } from '../domain/org/change-log';
import { ImportsService, type ImportOptions, type ImportReport } from './imports.service';
import type { RowProblem } from './row-checks';
import type { SpreadsheetFormat } from './spreadsheet';

interface ImportCommandOptions {
  skipInvalid?: boolean;
}

type ImportFile = (
  file: Buffer,
  format: SpreadsheetFormat,
  options: ImportOptions,
) => Promise<ImportReport>;

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
    return runImport(path, options, (file, format, importOptions) =>
      this.imports.importUnits(CLI_AUTHOR, file, format, importOptions),
    );
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
    return runImport(path, options, (file, format, importOptions) =>
      this.imports.importPeople(CLI_AUTHOR, file, format, importOptions),
    );
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
    return runImport(path, options, (file, format, importOptions) =>
      this.imports.importAwards(CLI_AUTHOR, file, format, importOptions),
    );
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
 * Imports the file and prints the report on stdout. A refused file, or rows skipped, are listed on
 * stderr with their line numbers; a refused file exits with status 1.
 */
async function runImport(
  path: string,
  options: ImportCommandOptions,
  importFile: ImportFile,
): Promise<void> {
  const format = FORMAT_BY_EXTENSION[extname(path).toLowerCase()];
  if (!format) {
    return fail(`${path}: the file name must end in .csv or .xlsx.`);
  }
  let file: Buffer;
  try {
    file = await readFile(path);
  } catch (error) {
    return fail(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const progress = new ProgressLine();
  try {
    const report = await importFile(file, format, {
      skipInvalid: options.skipInvalid ?? false,
      onProgress: (written, total) => progress.show(written, total),
    });
    progress.end();
    process.stdout.write(
      `${path}: created ${report.created}, updated ${report.updated}, ` +
        `unchanged ${report.unchanged}, skipped ${report.skipped}\n`,
    );
    if (report.errors.length > 0) {
      process.stderr.write(`Skipped rows:\n${listProblems(report.errors)}`);
    }
  } catch (error) {
    progress.end();
    if (!(error instanceof AppError)) throw error;
    const problems = error.details.errors as RowProblem[] | undefined;
    fail(`${path}: ${error.message}`, problems ? listProblems(problems) : '');
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

/** "written/total" on stderr: rewritten in place on a terminal, one line per step in a log. */
class ProgressLine {
  private shown = false;

  show(written: number, total: number): void {
    if (total < PROGRESS_FROM_ROWS) return;
    const text = `writing ${written}/${total} rows`;
    if (process.stderr.isTTY) process.stderr.write(`\r${text}`);
    else process.stderr.write(`${text}\n`);
    this.shown = true;
  }

  end(): void {
    if (this.shown && process.stderr.isTTY) process.stderr.write('\n');
    this.shown = false;
  }
}
