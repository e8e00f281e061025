import {
  CERTIFICATE_RENDERER,
  certificateRenderKey,
  type CertificateRenderInput,
} from '../../../src/outputs/certificate-render';
import { certificatePdf } from '../../../src/outputs/certificate-pdf';
import { renderCertificate } from '../../../src/outputs/certificate-pdf.worker';
import { PERSON_ENTRY, SAMPLE_DECISION, UNIT_ENTRY, verifyUrlFor } from './sample-decision';

/** The decision as a certificate prints it: without the other entries. */
const printedDecision: CertificateRenderInput['decision'] = {
  number: SAMPLE_DECISION.number,
  date: SAMPLE_DECISION.date,
  signer: SAMPLE_DECISION.signer,
  issuingUnitName: SAMPLE_DECISION.issuingUnitName,
  ruleSet: SAMPLE_DECISION.ruleSet,
};

const INPUT: CertificateRenderInput = {
  decision: printedDecision,
  entry: PERSON_ENTRY,
  verifyUrl: verifyUrlFor(PERSON_ENTRY),
};

/**
 * What the worker thread renders and what a stored render is found by: the worker's PDF is the
 * very PDF the renderer makes on the request thread, and the key changes with everything printed
 * (and with the renderer itself), never with anything else.
 */
describe('a certificate rendered in a worker thread, and its cache key', () => {
  it('is byte for byte the certificate the renderer makes from the whole decision', async () => {
    const inWorker = Buffer.from(await renderCertificate(INPUT));
    const direct = await certificatePdf(SAMPLE_DECISION, PERSON_ENTRY, {
      verifyUrl: INPUT.verifyUrl,
    });
    expect(Buffer.compare(inWorker, direct)).toBe(0);
  });

  it('is the same key for the same inputs, whatever order their fields come in', () => {
    const reordered: CertificateRenderInput = {
      verifyUrl: INPUT.verifyUrl,
      entry: { ...PERSON_ENTRY },
      decision: { ...printedDecision },
    };
    expect(certificateRenderKey(reordered)).toBe(certificateRenderKey(INPUT));
    expect(certificateRenderKey(INPUT)).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each<[string, CertificateRenderInput]>([
    [
      'the holder’s name',
      { ...INPUT, entry: { ...PERSON_ENTRY, nomineeName: 'Nguyễn Thị Ngọc Anh' } },
    ],
    ['the unit’s name', { ...INPUT, entry: { ...PERSON_ENTRY, unitName: 'Văn phòng Tỉnh ủy' } }],
    [
      'the award',
      {
        ...INPUT,
        entry: { ...PERSON_ENTRY, awardName: { vi: 'Lao động tiên tiến', en: 'Advanced worker' } },
      },
    ],
    ['the decision’s number', { ...INPUT, decision: { ...printedDecision, number: '126/QĐ-ĐUK' } }],
    ['the signer', { ...INPUT, decision: { ...printedDecision, signer: 'Lê Văn Hòa' } }],
    [
      'the verify URL',
      { ...INPUT, verifyUrl: `https://thidua.gov.vn/c/${PERSON_ENTRY.verificationCode}` },
    ],
    ['the entry itself', { ...INPUT, entry: UNIT_ENTRY, verifyUrl: verifyUrlFor(UNIT_ENTRY) }],
  ])('changes with %s', (_what, changed) => {
    expect(certificateRenderKey(changed)).not.toBe(certificateRenderKey(INPUT));
  });

  it('names the renderer’s layout version and the exact libraries that draw it', () => {
    expect(CERTIFICATE_RENDERER).toMatch(
      /^certificate-pdf\/\d+ pdfkit@\d+\.\d+\.\d+ qrcode-generator@\d+\.\d+\.\d+ noto-serif@\d+\.\d+\.\d+$/,
    );
  });
});
