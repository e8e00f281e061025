import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Clock } from '../common/clock';
import {
  DOCUMENT_RENDERS_REPOSITORY,
  type DocumentRendersRepository,
} from '../persistence/repositories/document-renders.repository';
import { WorkerPool } from '../workers/worker-pool';
import type { DocumentDataByKind, DocumentKind, RenderedDocument } from './document-kinds';
import { documentRenderKey, RENDER_DOCUMENT } from './document-render';
import { DocumentTemplates } from './document-templates';
import type { DocumentTemplate } from './template';
import { SharedRuns } from '../workers/shared-runs';

/**
 * How long a render is kept: documents are downloaded in the weeks around their date; one asked
 * for later is rendered again (a second of CPU), which keeps the table small.
 */
const KEEP_RENDERS_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Official documents (proposal letters, award decisions, certificates, council minutes) rendered
 * from the template of their kind and the issuer's format (Party or State): in a worker thread
 * the first time, never on the request thread, then read back from `document_renders` by the
 * hash of (renderer, template file, data), so a second request costs one indexed read. Stored
 * in the database rather than on disk: every app instance sharing it serves what any one of
 * them rendered, and a content-addressed row can never be stale.
 */
@Injectable()
export class DocumentRenderer {
  /** Renders running in this process, by key: concurrent requests share one. */
  private readonly running = new SharedRuns<RenderedDocument>();

  constructor(
    private readonly templates: DocumentTemplates,
    @Inject(DOCUMENT_RENDERS_REPOSITORY) private readonly renders: DocumentRendersRepository,
    private readonly pool: WorkerPool,
    private readonly clock: Clock,
  ) {}

  async render<K extends DocumentKind>(
    kind: K,
    data: DocumentDataByKind[K],
  ): Promise<RenderedDocument> {
    const loaded = this.templates.get(kind, data.issuer.format);
    const contentKey = documentRenderKey(loaded.sha256, kind, data);
    const stored = await this.renders.find(contentKey);
    if (stored !== null) return stored;
    return this.running.run(contentKey, () =>
      this.renderAndStore(contentKey, kind, loaded.template, data),
    );
  }

  private async renderAndStore<K extends DocumentKind>(
    contentKey: string,
    kind: K,
    template: DocumentTemplate,
    data: DocumentDataByKind[K],
  ): Promise<RenderedDocument> {
    const bytes = await this.pool.run(RENDER_DOCUMENT, { template, data });
    const pdf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const now = this.clock.now();
    await this.renders.store(
      { contentKey, kind, pdf, sha256, renderedAt: now.toISOString() },
      new Date(now.getTime() - KEEP_RENDERS_MS).toISOString(),
    );
    return { pdf, sha256 };
  }
}
