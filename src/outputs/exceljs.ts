import type ExcelJSModule from 'exceljs';

/**
 * exceljs, loaded the first time a spreadsheet is written rather than when the app starts: with
 * the packages it brings (zip readers and writers, their polyfills) it was the largest thing the
 * server loaded at start-up, about 0.3 s of CPU, for what a few exports and templates need.
 */
export function exceljs(): typeof ExcelJSModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('exceljs') as typeof ExcelJSModule;
}
