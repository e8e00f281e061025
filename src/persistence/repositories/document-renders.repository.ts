export const DOCUMENT_RENDERS_REPOSITORY = Symbol('DocumentRendersRepository');

/** A rendered official document, under the hash of everything it was rendered from. */
export interface DocumentRender {
  contentKey: string;
  kind: string;
  pdf: Buffer;
  /** SHA-256 (hex) of the PDF. */
  sha256: string;
  renderedAt: string;
}

/** Rendered documents (a cache keyed by content: a row is right for every app instance). */
export interface DocumentRendersRepository {
  /** The render stored under this key, or null. One indexed read. */
  find(contentKey: string): Promise<{ pdf: Buffer; sha256: string } | null>;
  /**
   * Stores the render, and removes every render made before `forgetRenderedBefore` in the same
   * transaction. A key already stored is kept as it is.
   */
  store(render: DocumentRender, forgetRenderedBefore: string): Promise<void>;
  /** How many renders are stored (tests and the benchmark). */
  count(): Promise<number>;
}
