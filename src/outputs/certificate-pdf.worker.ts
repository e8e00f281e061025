import { certificatePdf } from './certificate-pdf';
import type { CertificateRenderInput } from './certificate-render';

/**
 * Runs in a worker thread (see RENDER_CERTIFICATE): pdfkit, the fonts and the QR encoder cost
 * 0.7–1.8 s of CPU per certificate, which on the request thread would stall every other user.
 * The fonts load once per thread, when this module is first required.
 */
export async function renderCertificate(input: CertificateRenderInput): Promise<Uint8Array> {
  const decision = { ...input.decision, entries: [input.entry] };
  return certificatePdf(decision, input.entry, { verifyUrl: input.verifyUrl });
}
