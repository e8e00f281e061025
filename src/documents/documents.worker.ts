import type { DocumentRenderInput } from './document-render';
import { renderTemplate } from './document-layout';

/**
 * Runs in a worker thread (see RENDER_DOCUMENT): pdfkit and the fonts cost up to a couple of
 * seconds of CPU per document, which on the request thread would stall every other user. The
 * template comes parsed and checked from the main thread: a thread reads no file but the font.
 */
export async function renderDocument(input: DocumentRenderInput): Promise<Uint8Array> {
  return renderTemplate(input.template, input.data);
}
