import { renderCouncilMinutes, type MinutesInput } from './council-minutes';

/**
 * Runs in a worker thread: pdfkit and the fonts cost up to a couple of seconds of CPU per set of
 * minutes, which on the request thread would stall every other user while a session closes. The
 * fonts load once per thread, when this module is first required.
 */
export async function renderMinutes(input: MinutesInput): Promise<Uint8Array> {
  return renderCouncilMinutes(input);
}
