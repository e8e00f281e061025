import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { canonicalJson, sha256Hex } from '../domain/audit/canonical-json';
import { workerTask } from '../workers/worker-task';
import type { DocumentDataByKind, DocumentKind } from './document-kinds';
import type { DocumentTemplate } from './template';

/** Everything one document is rendered from, as plain data for a worker thread. */
export interface DocumentRenderInput {
  template: DocumentTemplate;
  data: DocumentDataByKind[DocumentKind];
}

/** Renders the PDF in a worker thread (documents.worker.ts). */
export const RENDER_DOCUMENT = workerTask<DocumentRenderInput, Uint8Array>(
  require.resolve('./documents.worker'),
  'renderDocument',
);

/**
 * Bump when document-layout.ts draws a template differently, so documents rendered before are
 * not served as if they were the new layout's.
 */
const LAYOUT_VERSION = 2;

/**
 * The renderer's identity: the layout code and the exact libraries and font that turn a template
 * and data into bytes. Upgrading any of them changes every key.
 */
export const DOCUMENT_RENDERER = [
  `document-layout/${LAYOUT_VERSION}`,
  `pdfkit@${packageVersion('pdfkit')}`,
  `qrcode-generator@${packageVersion('qrcode-generator')}`,
  `noto-serif@${packageVersion('@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf')}`,
].join(' ');

/**
 * A document's cache key: SHA-256 over the canonical JSON of the renderer, the template file's
 * hash (any edit to the file, even of a space, renders anew) and the data.
 */
export function documentRenderKey(
  templateSha256: string,
  kind: DocumentKind,
  data: DocumentDataByKind[DocumentKind],
): string {
  return sha256Hex(
    canonicalJson({ renderer: DOCUMENT_RENDERER, template: templateSha256, kind, data }),
  );
}

/** A package's version from its package.json (which some packages do not export). */
export function packageVersion(resolvable: string): string {
  const packageName = resolvable.startsWith('@')
    ? resolvable.split('/').slice(0, 2).join('/')
    : resolvable.split('/')[0];
  let directory = dirname(require.resolve(resolvable));
  for (;;) {
    const manifest = join(directory, 'package.json');
    if (existsSync(manifest)) {
      const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (name === packageName && version !== undefined) return version;
    }
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`no package.json of ${packageName}`);
    directory = parent;
  }
}
