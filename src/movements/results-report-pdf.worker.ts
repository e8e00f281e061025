import { renderResultsReportPdf, type ResultsReportInput } from './results-report-pdf';

/**
 * Runs in a worker thread (the pool's): pdfkit and the fonts cost CPU that would stall every other
 * request on the event loop. The fonts load once per thread, when this module is first required.
 */
export async function renderResultsReport(input: ResultsReportInput): Promise<Uint8Array> {
  return renderResultsReportPdf(input.report, input.language);
}
