import { createWriteStream, existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Inject } from '@nestjs/common';
import { SingleBar, Presets } from 'cli-progress';
import { isUUID } from 'class-validator';
import { Command, CommandRunner, Option } from 'nest-commander';
import { Clock } from '../common/clock';
import { Database } from '../persistence/database';
import type { EventRow } from '../persistence/repositories/audit-record-rows';
import {
  AUDIT_TRAIL_REPOSITORY,
  type AuditTrailRepository,
} from '../persistence/repositories/audit-trail.repository';
import {
  ORGANISATION_REPOSITORY,
  type OrganisationRepository,
} from '../persistence/repositories/organisation.repository';
import { auditCsvChunksOfRows } from './audit-csv';
import { auditExportText, exportPlanOf } from './audit-export-lines';
import { SqlExportCoverageRepository } from './export-coverage.repository';
import { normaliseInstant, toEventFilter } from './audit-history.service';
import { EXPORT_FORMATS, ISO_INSTANT, type ExportFormat } from './dto/audit-history.dto';

interface ExportOptions {
  format?: string;
  out?: string;
  case?: string;
  unit?: string;
  from?: string;
  to?: string;
}

/** Lines are written in chunks of about this size. */
const CHUNK_BYTES = 256 * 1024;
/** The bar is redrawn every this many events (drawing on each would cost more than exporting). */
const PROGRESS_STEP = 1000;

/**
 * `thidua export --format jsonl|csv --out <file> [--unit <id>] [--case <id>] [--from <iso>]
 * [--to <iso>]`: the audit trail straight from the database into a new file, in constant memory
 * whatever its size, with a progress bar on stderr when it is a terminal. Unfiltered, the JSON
 * Lines export is complete (every case: a case a checkpoint signed must be there) and verifiable
 * offline. Narrowed to a unit's subtree or a case, it is meant for someone who may see only those:
 * the checkpoints then prove those cases' heads and name no other case.
 */
@Command({
  name: 'export',
  description: 'Export the audit trail (JSON Lines or CSV) to a new file',
})
export class ExportCommand extends CommandRunner {
  private readonly coverage: SqlExportCoverageRepository;

  constructor(
    @Inject(AUDIT_TRAIL_REPOSITORY) private readonly trail: AuditTrailRepository,
    @Inject(ORGANISATION_REPOSITORY) private readonly organisation: OrganisationRepository,
    database: Database,
    private readonly clock: Clock,
  ) {
    super();
    // Built here rather than injected: the CLI module lists its providers one by one, and this
    // one is private to the export.
    this.coverage = new SqlExportCoverageRepository(database);
  }

  @Option({ flags: '--format <format>', description: 'jsonl (default) or csv' })
  parseFormat(value: string): string {
    return value;
  }

  @Option({ flags: '--out <file>', description: 'the file to write (must not exist)' })
  parseOut(value: string): string {
    return value;
  }

  @Option({ flags: '--case <id>', description: 'only this case' })
  parseCase(value: string): string {
    return value;
  }

  @Option({ flags: '--unit <id>', description: 'only cases of this unit and the units under it' })
  parseUnit(value: string): string {
    return value;
  }

  @Option({ flags: '--from <iso>', description: 'records at or after this instant' })
  parseFrom(value: string): string {
    return value;
  }

  @Option({ flags: '--to <iso>', description: 'records before this instant' })
  parseTo(value: string): string {
    return value;
  }

  async run(_: string[], options: ExportOptions): Promise<void> {
    const problem = checkOptions(options);
    if (problem !== null) {
      process.stderr.write(`${problem}\n`);
      process.exitCode = 1;
      return;
    }
    const format = (options.format ?? 'jsonl') as ExportFormat;
    const filter: Record<string, string> = {};
    if (options.case !== undefined) filter.caseId = options.case;
    const from = normaliseInstant('from', options.from);
    const to = normaliseInstant('to', options.to);
    if (from !== undefined) filter.from = from;
    if (to !== undefined) filter.to = to;
    let scopes: string[] | null = null;
    if (options.unit !== undefined) {
      const unit = await this.organisation.findUnitById(options.unit);
      if (unit === null) {
        process.stderr.write(`--unit ${options.unit}: no such unit\n`);
        process.exitCode = 1;
        return;
      }
      scopes = [unit.path];
    }
    const eventFilter = toEventFilter(scopes, filter);
    const plan = exportPlanOf(eventFilter);
    const publicFilter =
      options.unit === undefined ? filter : { ...filter, unitId: options.unit, scoped: true };
    const target = resolve(options.out as string);
    if (existsSync(target)) {
      process.stderr.write(`${target} exists; choose a new file name\n`);
      process.exitCode = 1;
      return;
    }

    const total = await this.trail.countEvents();
    const bar = process.stderr.isTTY
      ? new SingleBar(
          {
            stream: process.stderr,
            format: 'export [{bar}] {percentage}% | {value}/{total} events | {eta_formatted} left',
            etaBuffer: 50,
          },
          Presets.shades_classic,
        )
      : null;
    bar?.start(total, 0);
    let events = 0;
    let cases = 0;
    let lastCase: string | null = null;
    const counted = () => {
      events += 1;
      if (events % PROGRESS_STEP === 0) bar?.update(events);
    };

    const parts: AsyncIterable<string> =
      format === 'csv'
        ? auditCsvChunksOfRows(countCases(this.trail.streamEventRows(eventFilter)), counted)
        : auditExportText(this.trail, this.coverage, eventFilter, {
            exportedAt: this.clock.nowIso(),
            publicFilter,
            onEvent: (caseId) => {
              counted();
              countCase(caseId);
            },
          });
    function countCase(caseId: string) {
      if (caseId !== lastCase) {
        cases += 1;
        lastCase = caseId;
      }
    }
    async function* countCases(pages: AsyncIterable<EventRow[]>) {
      for await (const rows of pages) {
        for (const row of rows) countCase(String(row.case_id));
        yield rows;
      }
    }

    try {
      await pipeline(
        Readable.from(chunked(parts), { objectMode: false }),
        createWriteStream(target, { flags: 'wx' }),
      );
    } catch (error) {
      bar?.stop();
      // A file cut short would fail verification anyway (no footer); do not leave it about.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') rmSync(target, { force: true });
      process.stderr.write(
        `export failed: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exitCode = 1;
      return;
    }
    if (bar !== null) {
      // The total counted every record; a filtered export ends at what it wrote.
      bar.setTotal(events);
      bar.update(events);
      bar.stop();
    }
    const extent = !plan.complete
      ? 'filtered'
      : plan.organisationWide
        ? 'complete'
        : 'every record of the cases selected';
    process.stdout.write(
      `exported ${events} events of ${cases} cases (${format}, ${extent}) to ${target}\n`,
    );
  }
}

function checkOptions(options: ExportOptions): string | null {
  if (options.out === undefined) return '--out <file> is required';
  if (
    options.format !== undefined &&
    !(EXPORT_FORMATS as readonly string[]).includes(options.format)
  ) {
    return `--format must be one of ${EXPORT_FORMATS.join(', ')}`;
  }
  if (options.case !== undefined && !isUUID(options.case)) return '--case must be a case id (uuid)';
  if (options.unit !== undefined && !isUUID(options.unit)) return '--unit must be a unit id (uuid)';
  for (const field of ['from', 'to'] as const) {
    const value = options[field];
    if (value === undefined) continue;
    if (!ISO_INSTANT.test(value)) {
      return `--${field} must be an ISO 8601 date or date-time with a zone`;
    }
    try {
      normaliseInstant(field, value);
    } catch {
      return `--${field} is not a real date`;
    }
  }
  return null;
}

async function* chunked(parts: AsyncIterable<string>): AsyncGenerator<string> {
  let buffer = '';
  for await (const part of parts) {
    buffer += part;
    if (buffer.length >= CHUNK_BYTES) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer.length > 0) yield buffer;
}
