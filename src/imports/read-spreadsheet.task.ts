import { workerTask } from '../workers/worker-task';
import type { ReadSpreadsheetInput, ReadSpreadsheetOutcome } from './read-spreadsheet.worker';

/**
 * Reading a spreadsheet into rows, off the event loop: for an import checked and written within
 * its request (a year's ratings), where a file of thousands of rows would otherwise hold every
 * other request while it is unpacked and parsed.
 */
export const READ_SPREADSHEET = workerTask<
  ReadSpreadsheetInput<string>,
  ReadSpreadsheetOutcome<string>
>(require.resolve('./read-spreadsheet.worker'), 'readSpreadsheetFile');
