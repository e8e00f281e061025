import {
  renderAwardCertificateReference,
  renderAwardDecisionReference,
  type CertificateReferenceInput,
  type DecisionReferenceInput,
} from './award-reference';

/**
 * Runs in a worker thread: pdfkit and the fonts cost up to a couple of seconds of CPU per
 * document, which on the request thread would stall every other user. The English renderings,
 * for reference, of an award decision and of a certificate (award-reference.ts).
 */
export async function renderDecisionReference(input: DecisionReferenceInput): Promise<Uint8Array> {
  return renderAwardDecisionReference(input);
}

export async function renderCertificateReference(
  input: CertificateReferenceInput,
): Promise<Uint8Array> {
  return renderAwardCertificateReference(input);
}
