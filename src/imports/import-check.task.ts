import { workerTask } from '../workers/worker-task';
import type { ImportCheckOutcome } from './import-check';
import type { ImportCheckInput } from './import-check.worker';

/** Reading and checking an import file, off the event loop. */
export const CHECK_IMPORT_FILE = workerTask<ImportCheckInput, ImportCheckOutcome>(
  require.resolve('./import-check.worker'),
  'checkImportFile',
);
