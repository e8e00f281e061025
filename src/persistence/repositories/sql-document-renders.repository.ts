import { Database } from '../database';
import { param } from '../sql';
import type { DocumentRender, DocumentRendersRepository } from './document-renders.repository';

export class SqlDocumentRendersRepository implements DocumentRendersRepository {
  constructor(private readonly database: Database) {}

  find(contentKey: string): Promise<{ pdf: Buffer; sha256: string } | null> {
    const p = (index: number) => param(this.database.dialect, index);
    return this.database.read(async (manager) => {
      const rows: { pdf: Uint8Array; sha256: string }[] = await manager.query(
        `SELECT pdf, sha256 FROM document_renders WHERE content_key = ${p(1)}`,
        [contentKey],
      );
      return rows.length ? { pdf: Buffer.from(rows[0].pdf), sha256: rows[0].sha256 } : null;
    });
  }

  store(render: DocumentRender, forgetRenderedBefore: string): Promise<void> {
    const p = (index: number) => param(this.database.dialect, index);
    return this.database.write(async (manager) => {
      await manager.query(`DELETE FROM document_renders WHERE rendered_at < ${p(1)}`, [
        forgetRenderedBefore,
      ]);
      // Two instances rendering the same document at once wrote the same bytes: either stays.
      await manager.query(
        `INSERT INTO document_renders (content_key, kind, pdf, sha256, rendered_at) ` +
          `VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}) ON CONFLICT (content_key) DO NOTHING`,
        [render.contentKey, render.kind, render.pdf, render.sha256, render.renderedAt],
      );
    });
  }

  count(): Promise<number> {
    return this.database.read(async (manager) => {
      const rows: { count: number | string }[] = await manager.query(
        `SELECT COUNT(*) AS count FROM document_renders`,
      );
      return Number(rows[0].count);
    });
  }
}
