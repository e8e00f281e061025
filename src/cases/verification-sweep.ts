import type { CaseVerification } from '../domain/audit/verify-case';
import type { StoredCase } from '../domain/cases/stored-case';
import type { EventRow } from '../persistence/repositories/audit-record-rows';
import type { CasesRepository } from '../persistence/repositories/cases.repository';
import type { VerificationRowsRepository } from '../persistence/repositories/verification-rows.repository';
import type { WorkerPool } from '../workers/worker-pool';
import { VERIFY_CASES, type CaseVerificationOutput } from './case-verification.tasks';

export interface SweepOptions {
  /** Cases read (one query for their rows) and sent to a thread together. */
  casesPerBatch: number;
  /** Batches verifying at once: a few more than the pool's threads keeps every thread busy. */
  batchesInFlight: number;
}

export interface SweptCase {
  caseId: string;
  verification: CaseVerification;
}

/**
 * Verifies every case (verifyCase: chain, head, pins, opening, replay), a page of cases at a time:
 * the page's records are read in one query, as stored, and verified in a worker thread while the
 * next page is read, several pages at once across the pool's threads. A case found wrong here is
 * verified again one at a time (`recheck`, the per-case path the API uses), which re-reads row
 * and history until they agree on the version: a write between reading a page's cases and their
 * records is not reported as tampering, and what is reported is exactly what the API would say.
 */
export class VerificationSweep {
  constructor(
    private readonly cases: CasesRepository,
    private readonly rows: VerificationRowsRepository,
    private readonly pool: WorkerPool,
    private readonly workflowsDir: string,
    private readonly recheck: (caseId: string) => Promise<CaseVerification>,
    private readonly options: SweepOptions,
  ) {}

  /**
   * Calls `onCase` for every case, in the order the case list gives them (newest first), with
   * the verification the API would give.
   */
  async run(onCase: (swept: SweptCase) => void): Promise<void> {
    const inFlight: Promise<SweptCase[]>[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.cases.list({
        scopes: null,
        cursor,
        limit: this.options.casesPerBatch,
      });
      cursor = page.nextCursor ?? undefined;
      if (page.items.length === 0) break;
      const rows = await this.rows.rowsOfCases(page.items.map((stored) => stored.id));
      const batch = this.verifyBatch(page.items, rows);
      // Awaited below in order; until then a failure must not count as unhandled.
      batch.catch(() => undefined);
      inFlight.push(batch);
      // Results are taken in the order the batches went out, so the output order is the list's.
      while (inFlight.length >= this.options.batchesInFlight) {
        for (const swept of await inFlight.shift()!) onCase(swept);
      }
    } while (cursor);
    for (const batch of inFlight) for (const swept of await batch) onCase(swept);
  }

  private async verifyBatch(cases: StoredCase[], rows: EventRow[]): Promise<SweptCase[]> {
    const rowsByCase = new Map<string, EventRow[]>(cases.map((stored) => [stored.id, []]));
    for (const row of rows) rowsByCase.get(String(row.case_id))?.push(row);
    let outputs: (CaseVerificationOutput | null)[];
    try {
      outputs = await this.pool.run(VERIFY_CASES, {
        workflowsDir: this.workflowsDir,
        cases: cases.map((stored) => ({ stored, rows: rowsByCase.get(stored.id)! })),
      });
    } catch {
      // A row the thread could not read (unparseable JSON…): each case of the batch goes the
      // per-case way, which reports or throws exactly as the API does.
      outputs = cases.map(() => null);
    }
    const swept: SweptCase[] = [];
    for (const [index, stored] of cases.entries()) {
      const output = outputs[index];
      const verification =
        output !== null && 'verification' in output && output.verification.ok
          ? output.verification
          : await this.recheck(stored.id);
      swept.push({ caseId: stored.id, verification });
    }
    return swept;
  }
}
