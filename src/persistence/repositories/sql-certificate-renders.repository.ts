import { Database } from '../database';
import { param } from '../sql';
import type {
  CertificateRender,
  CertificateRendersRepository,
} from './certificate-renders.repository';

export class SqlCertificateRendersRepository implements CertificateRendersRepository {
  constructor(private readonly database: Database) {}

  find(contentKey: string): Promise<Buffer | null> {
    const p = (index: number) => param(this.database.dialect, index);
    return this.database.read(async (manager) => {
      const rows: { pdf: Uint8Array }[] = await manager.query(
        `SELECT pdf FROM certificate_renders WHERE content_key = ${p(1)}`,
        [contentKey],
      );
      return rows.length ? Buffer.from(rows[0].pdf) : null;
    });
  }

  store(render: CertificateRender, forgetRenderedBefore: string): Promise<void> {
    const p = (index: number) => param(this.database.dialect, index);
    return this.database.write(async (manager) => {
      await manager.query(
        `DELETE FROM certificate_renders WHERE case_id = ${p(1)} AND content_key <> ${p(2)}`,
        [render.caseId, render.contentKey],
      );
      await manager.query(`DELETE FROM certificate_renders WHERE rendered_at < ${p(1)}`, [
        forgetRenderedBefore,
      ]);
      // Two instances rendering the same certificate at once wrote the same bytes: either stays.
      await manager.query(
        `INSERT INTO certificate_renders (content_key, case_id, pdf, rendered_at) ` +
          `VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}) ON CONFLICT (content_key) DO NOTHING`,
        [render.contentKey, render.caseId, render.pdf, render.renderedAt],
      );
    });
  }
}
