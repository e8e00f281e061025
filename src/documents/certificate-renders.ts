import type { Clock } from '../common/clock';
import type { CertificateData } from './document-kinds';
import { documentRenderKey, RENDER_DOCUMENT } from './document-render';
import type { DocumentTemplates } from './document-templates';
import type { CertificateRendersRepository } from '../persistence/repositories/certificate-renders.repository';
import type { WorkerPool } from '../workers/worker-pool';
import { SharedRuns } from '../workers/shared-runs';

/**
 * How long a render is kept. Certificates are downloaded in the weeks after a decision; one asked
 * for later is rendered again (a second of CPU), which keeps the table at a few weeks' decisions
 * (about 22 KB each) instead of every certificate ever issued.
 */
const KEEP_RENDERS_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Certificates rendered once from the certificate template of the issuer's format
 * (data/templates/certificate.<format>.json, laid out by the documents renderer): in a worker
 * thread the first time, then read back from `certificate_renders` by the hash of (renderer,
 * template file, data) — the documents' own key — so a second download costs one indexed read and
 * no CPU. Certificates keep their own table, keyed by case too, so a case keeps only its latest
 * render; they do not go through `document_renders` as well: one cache for one PDF. Stored in the
 * database rather than under data/: every app instance sharing it serves what any one of them
 * rendered, and a content-addressed row can never be stale.
 */
export class CertificateRenders {
  /** Renders running in this process, by key: concurrent downloads share one. */
  private readonly running = new SharedRuns<Buffer>();

  constructor(
    private readonly renders: CertificateRendersRepository,
    private readonly templates: DocumentTemplates,
    private readonly pool: WorkerPool,
    private readonly clock: Clock,
  ) {}

  async pdf(caseId: string, data: CertificateData): Promise<Buffer> {
    const loaded = this.templates.get('certificate', data.issuer.format);
    const contentKey = documentRenderKey(loaded.sha256, 'certificate', data);
    const stored = await this.renders.find(contentKey);
    if (stored !== null) return stored;
    return this.running.run(contentKey, async () =>
      this.store(
        contentKey,
        caseId,
        await this.pool.run(RENDER_DOCUMENT, { template: loaded.template, data }),
      ),
    );
  }

  private async store(contentKey: string, caseId: string, bytes: Uint8Array): Promise<Buffer> {
    const pdf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const now = this.clock.now();
    await this.renders.store(
      { contentKey, caseId, pdf, renderedAt: now.toISOString() },
      new Date(now.getTime() - KEEP_RENDERS_MS).toISOString(),
    );
    return pdf;
  }
}
