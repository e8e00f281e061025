import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { canonicalJson, sha256Hex } from '../domain/audit/canonical-json';
import { workerTask } from '../workers/worker-task';
import type { AwardDecision, DecisionEntry } from './award-decision';

/**
 * Everything one certificate is rendered from, as plain data for a worker thread. The decision
 * comes without its other entries: a certificate prints only its own, so a sibling's change does
 * not change (or re-render) this one.
 */
export interface CertificateRenderInput {
  decision: Omit<AwardDecision, 'entries'>;
  entry: DecisionEntry;
  verifyUrl: string;
}

/** Renders the PDF in a worker thread (certificate-pdf.worker.ts). */
export const RENDER_CERTIFICATE = workerTask<CertificateRenderInput, Uint8Array>(
  require.resolve('./certificate-pdf.worker'),
  'renderCertificate',
);

/**
 * Bump when the layout in certificate-pdf.ts changes, so certificates rendered before are not
 * served as if they were the new layout's.
 */
const LAYOUT_VERSION = 1;

/**
 * The renderer's identity: the layout and the exact libraries and fonts that turn the input into
 * bytes. Upgrading any of them changes every key, so a cached PDF is always what this renderer
 * would produce now.
 */
export const CERTIFICATE_RENDERER = [
  `certificate-pdf/${LAYOUT_VERSION}`,
  `pdfkit@${packageVersion('pdfkit')}`,
  `qrcode-generator@${packageVersion('qrcode-generator')}`,
  `noto-serif@${packageVersion('@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf')}`,
].join(' ');

/** The cache key of a certificate: SHA-256 over the canonical JSON of its inputs and renderer. */
export function certificateRenderKey(input: CertificateRenderInput): string {
  return sha256Hex(canonicalJson({ renderer: CERTIFICATE_RENDERER, ...input }));
}

/** A package's version from its package.json (which some packages do not export). */
function packageVersion(resolvable: string): string {
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
