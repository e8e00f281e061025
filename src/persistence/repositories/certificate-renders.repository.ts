export const CERTIFICATE_RENDERS_REPOSITORY = Symbol('CertificateRendersRepository');

/** A rendered certificate, under the hash of everything it was rendered from. */
export interface CertificateRender {
  contentKey: string;
  caseId: string;
  pdf: Buffer;
  renderedAt: string;
}

/**
 * Rendered certificates (a cache: the audit log and the case prove the award, the PDF only prints
 * it). Keys are content hashes, so a row is right for every app instance that reads it.
 */
export interface CertificateRendersRepository {
  /** The PDF stored under this key, or null. One indexed read. */
  find(contentKey: string): Promise<Buffer | null>;
  /**
   * Stores the render as its case's only one: an older render of the case (from inputs that have
   * since changed) is removed in the same transaction, and so is every render made before
   * `forgetRenderedBefore`. A key already stored is kept as it is.
   */
  store(render: CertificateRender, forgetRenderedBefore: string): Promise<void>;
}
