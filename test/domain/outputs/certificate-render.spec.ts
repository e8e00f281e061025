import { join } from 'node:path';
import type { CertificateData } from '../../../src/documents/document-kinds';
import { renderTemplate } from '../../../src/documents/document-layout';
import { DOCUMENT_RENDERER, documentRenderKey } from '../../../src/documents/document-render';
import { renderDocument } from '../../../src/documents/documents.worker';
import { loadTemplates } from '../../../src/documents/template-files';
import { certificateData } from '../../../src/nominations/certificate-document';
import { PERSON_ENTRY, SAMPLE_DECISION, UNIT_ENTRY, verifyUrlFor } from './sample-decision';

const [CERTIFICATE] = loadTemplates(join(__dirname, '../../../data/templates')).filter(
  ({ template }) => template.kind === 'certificate' && template.format === 'state',
);
const ISSUER = { parentBody: undefined, series: 'ĐUK' };
const DATA = certificateData(SAMPLE_DECISION, PERSON_ENTRY, ISSUER, verifyUrlFor(PERSON_ENTRY));
const key = (data: CertificateData, template = CERTIFICATE.sha256) =>
  documentRenderKey(template, 'certificate', data);

/**
 * What the worker thread renders and what a stored render is found by (CertificateRenders): the
 * worker's PDF is the very PDF the template renderer makes on the calling thread, and the key
 * changes with everything printed, the template file and the renderer, never with anything else.
 */
describe('a certificate rendered in a worker thread, and its cache key', () => {
  it('is byte for byte the certificate the template renderer makes', async () => {
    const input = { template: CERTIFICATE.template, data: DATA };
    const inWorker = Buffer.from(await renderDocument(input));
    const direct = await renderTemplate(CERTIFICATE.template, DATA);
    expect(Buffer.compare(inWorker, direct)).toBe(0);
  });

  it('is the same key for the same data, whatever order its fields come in', () => {
    const reordered = Object.fromEntries(Object.entries(DATA).reverse()) as CertificateData;
    expect(key(reordered)).toBe(key(DATA));
    expect(key(DATA)).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each<[string, CertificateData]>([
    ['the holder’s name', { ...DATA, nominee: 'Nguyễn Thị Ngọc Anh' }],
    ['the unit’s name', { ...DATA, unit: 'Văn phòng Tỉnh ủy' }],
    ['the award', { ...DATA, title: 'Lao động tiên tiến' }],
    ['the decision’s number', { ...DATA, number: '126/QĐ-ĐUK' }],
    ['the signer', { ...DATA, signer: { ...DATA.signer, name: 'Lê Văn Hòa' } }],
    ['the issuer’s format', { ...DATA, issuer: { ...DATA.issuer, format: 'party' } }],
    ['the verify URL', { ...DATA, verifyUrl: `https://thidua.gov.vn/c/${DATA.verificationCode}` }],
    [
      'the entry itself',
      certificateData(SAMPLE_DECISION, UNIT_ENTRY, ISSUER, verifyUrlFor(UNIT_ENTRY)),
    ],
  ])('changes with %s', (_what, changed) => {
    expect(key(changed)).not.toBe(key(DATA));
  });

  it('changes with any edit of the template file', () => {
    expect(key(DATA, '0'.repeat(64))).not.toBe(key(DATA));
  });

  it('names the renderer’s layout version and the exact libraries that draw it', () => {
    expect(DOCUMENT_RENDERER).toMatch(
      /^document-layout\/\d+ pdfkit@\d+\.\d+\.\d+ qrcode-generator@\d+\.\d+\.\d+ noto-serif@\d+\.\d+\.\d+$/,
    );
  });
});
