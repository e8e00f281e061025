import type { Clock } from '../common/clock';
import type { CertificateRendersRepository } from '../persistence/repositories/certificate-renders.repository';
import type { WorkerPool } from '../workers/worker-pool';
import {
  certificateRenderKey,
  RENDER_CERTIFICATE,
  type CertificateRenderInput,
} from './certificate-render';

/**
 * How long a render is kept. Certificates are downloaded in the weeks after a decision; one asked
 * for later is rendered again (a second of CPU), which keeps the table at a few weeks' decisions
 * (about 22 KB each) instead of every certificate ever issued.
 */
const KEEP_RENDERS_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Certificates rendered once: in a worker thread the first time, then read back by the hash of
 * their inputs (certificate-render.ts), so a second download costs one indexed read and no CPU.
 * Stored in the database rather than under data/: every app instance sharing it serves what any
 * one of them rendered, and a content-addressed row can never be stale.
 */
export class CertificateRenders {
  /** Renders running in this process, by key: concurrent downloads share one. */
  private readonly running = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly renders: CertificateRendersRepository,
    private readonly pool: WorkerPool,
    private readonly clock: Clock,
  ) {}

  async pdf(input: CertificateRenderInput): Promise<Buffer> {
    const contentKey = certificateRenderKey(input);
    const stored = await this.renders.find(contentKey);
    if (stored !== null) return stored;
    let render = this.running.get(contentKey);
    if (render === undefined) {
      render = this.renderAndStore(contentKey, input).finally(() =>
        this.running.delete(contentKey),
      );
      this.running.set(contentKey, render);
    }
    return render;
  }

  private async renderAndStore(contentKey: string, input: CertificateRenderInput): Promise<Buffer> {
    const bytes = await this.pool.run(RENDER_CERTIFICATE, input);
    const pdf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const now = this.clock.now();
    await this.renders.store(
      { contentKey, caseId: input.entry.caseId, pdf, renderedAt: now.toISOString() },
      new Date(now.getTime() - KEEP_RENDERS_MS).toISOString(),
    );
    return pdf;
  }
}
