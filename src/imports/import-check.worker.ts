import type { MessagePort } from 'node:worker_threads';
import { checkImport, type ImportCheckOutcome, type ImportCheckRequest } from './import-check';
import { registryOverPort, reportRowsRead } from './registry-port';

export interface ImportCheckInput extends ImportCheckRequest {
  /** Where the registry is asked for and progress is reported; closed when the check ends. */
  port: MessagePort;
}

/** Runs in a worker thread (see import-check.task.ts). */
export async function checkImportFile(input: ImportCheckInput): Promise<ImportCheckOutcome> {
  const { port, ...request } = input;
  try {
    return await checkImport(request, registryOverPort(port), (rows) => reportRowsRead(port, rows));
  } finally {
    port.close();
  }
}
