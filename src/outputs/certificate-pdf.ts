import PDFDocument from 'pdfkit';
import qrcode from 'qrcode-generator';
import {
  parseDecisionDate,
  vietnameseLongDate,
  type AwardDecision,
  type DecisionEntry,
} from './award-decision';

export interface CertificateOptions {
  /**
   * The public page that resolves this certificate; it must contain the entry's verification
   * code, so the printed link, the QR code and the printed code can never disagree. Printed as
   * given and encoded in the QR code.
   */
  verifyUrl: string;
}

/**
 * Noto Serif (SIL Open Font License 1.1), from an npm package so a clean `npm ci` has it: full
 * Vietnamese coverage, with precomposed glyphs for letters that carry two marks (ệ, ộ, ở, ữ, ặ, ẫ).
 * pdfkit embeds only the glyphs used (a subset), so the certificate looks the same in any viewer,
 * on any machine, whatever fonts it has. Resolved at load time: a missing font stops start-up
 * rather than the first certificate.
 */
const FONT_FILES = {
  regular: notoSerif('400Regular/NotoSerif_400Regular.ttf'),
  italic: notoSerif('400Regular_Italic/NotoSerif_400Regular_Italic.ttf'),
  bold: notoSerif('700Bold/NotoSerif_700Bold.ttf'),
} as const;
type FontName = keyof typeof FONT_FILES;

function notoSerif(file: string): string {
  return require.resolve(`@expo-google-fonts/noto-serif/${file}`);
}

// A4 landscape, in PDF points.
const PAGE_WIDTH = 841.89;
const PAGE_HEIGHT = 595.28;
const FRAME_INSET = 22;
const CONTENT_X = 70;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * CONTENT_X;

const INK = '#1a1a1a';
const CERTIFICATE_RED = '#a3191e';
const FRAME_GOLD = '#b8860b';
const MUTED = '#555555';

/**
 * A printable certificate for one entry of an award decision, in Vietnamese: national heading,
 * issuing unit, award, nominee, unit and year, the decision it was granted by, the signer, and
 * how to verify it (code, URL, QR code, audit hash). Deterministic: the same input gives the same
 * bytes, dated from the decision rather than the clock.
 */
export async function certificatePdf(
  decision: AwardDecision,
  entry: DecisionEntry,
  options: CertificateOptions,
): Promise<Buffer> {
  if (!decision.entries.some((listed) => listed.caseId === entry.caseId)) {
    throw new Error(`certificatePdf: case ${entry.caseId} is not in decision ${decision.number}`);
  }
  if (entry.status === 'revoked') {
    // An annulled award keeps its row in the list, marked so; it gets no fresh certificate.
    throw new Error(`certificatePdf: the award of case ${entry.caseId} has been annulled`);
  }
  const verifyUrl = checkedVerifyUrl(options.verifyUrl, entry.verificationCode);
  const signedOn = parseDecisionDate(decision.date);
  const issuedAt = new Date(Date.UTC(signedOn.year, signedOn.month - 1, signedOn.day));

  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0, // everything is placed explicitly; no automatic page breaks
    font: FONT_FILES.regular, // never load a standard-14 font, which has no Vietnamese letters
    lang: 'vi-VN',
    displayTitle: true,
    info: {
      Title: nfc(`${entry.awardName.vi} – ${entry.nomineeName}`),
      Author: nfc(decision.issuingUnitName),
      Subject: nfc(`Quyết định số ${decision.number} ${vietnameseLongDate(decision.date)}`),
      Keywords: entry.verificationCode,
      Creator: 'thidua-workflow',
      CreationDate: issuedAt,
      ModDate: issuedAt,
    },
  });
  for (const [name, file] of Object.entries(FONT_FILES)) {
    doc.registerFont(name, file);
  }
  const rendered = collect(doc);

  drawFrame(doc);
  drawHeading(doc, decision, entry);
  drawSignature(doc, decision);
  drawVerification(doc, entry, verifyUrl);

  doc.end();
  return rendered;
}

function drawFrame(doc: PDFKit.PDFDocument): void {
  const outer = FRAME_INSET;
  const inner = FRAME_INSET + 7;
  doc
    .lineWidth(3)
    .rect(outer, outer, PAGE_WIDTH - 2 * outer, PAGE_HEIGHT - 2 * outer)
    .stroke(CERTIFICATE_RED);
  doc
    .lineWidth(0.8)
    .rect(inner, inner, PAGE_WIDTH - 2 * inner, PAGE_HEIGHT - 2 * inner)
    .stroke(FRAME_GOLD);
}

function drawHeading(doc: PDFKit.PDFDocument, decision: AwardDecision, entry: DecisionEntry): void {
  centred(doc, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 52, { font: 'bold', size: 14 });
  const motto = 'Độc lập - Tự do - Hạnh phúc';
  centred(doc, motto, 71, { font: 'bold', size: 13 });
  // The rule under the motto spans it exactly, as on official documents (Decree 30/2020/NĐ-CP).
  const mottoWidth = doc.font('bold').fontSize(13).widthOfString(motto);
  const ruleY = 93;
  doc
    .lineWidth(0.7)
    .moveTo((PAGE_WIDTH - mottoWidth) / 2, ruleY)
    .lineTo((PAGE_WIDTH + mottoWidth) / 2, ruleY)
    .stroke(INK);

  centred(doc, decision.issuingUnitName.toUpperCase(), 112, {
    font: 'bold',
    size: 15,
    minSize: 11,
  });
  centred(doc, entry.awardName.vi.toUpperCase(), 150, {
    font: 'bold',
    size: 34,
    minSize: 18,
    color: CERTIFICATE_RED,
    lines: 2,
  });
  centred(doc, entry.nomineeKind === 'person' ? 'Tặng cá nhân' : 'Tặng tập thể', 232, {
    font: 'italic',
    size: 14,
  });
  centred(doc, entry.nomineeName, 254, { font: 'bold', size: 28, minSize: 16, lines: 2 });
  centred(doc, `Đơn vị: ${entry.unitName}`, 310, { size: 15, minSize: 11, lines: 2 });
  centred(doc, `Năm đánh giá: ${entry.evaluationYear}`, 348, { size: 15 });
  centred(doc, `Quyết định số ${decision.number} ${vietnameseLongDate(decision.date)}`, 376, {
    font: 'italic',
    size: 13,
    minSize: 10,
  });
}

const SIGNATURE_X = 500;
const SIGNATURE_WIDTH = 260;

function drawSignature(doc: PDFKit.PDFDocument, decision: AwardDecision): void {
  // The space above the name is left for the handwritten signature and the seal.
  placed(doc, decision.signer, SIGNATURE_X, 500, SIGNATURE_WIDTH, {
    font: 'bold',
    size: 15,
    minSize: 10,
    align: 'center',
  });
}

const QR_X = 58;
const QR_Y = 420;
const QR_SIZE = 104;

function drawVerification(doc: PDFKit.PDFDocument, entry: DecisionEntry, verifyUrl: string): void {
  drawQrCode(doc, verifyUrl, QR_X, QR_Y, QR_SIZE);
  const textX = QR_X + QR_SIZE + 12;
  const textWidth = SIGNATURE_X - textX - 10;
  placed(doc, 'Mã xác thực', textX, QR_Y + 8, textWidth, { size: 9, color: MUTED });
  placed(doc, entry.verificationCode, textX, QR_Y + 21, textWidth, { font: 'bold', size: 15 });
  placed(doc, 'Tra cứu tại', textX, QR_Y + 46, textWidth, { size: 9, color: MUTED });
  placed(doc, verifyUrl, textX, QR_Y + 58, textWidth, { size: 9, minSize: 6 });
  // The hash is for an auditor checking the chain, not for the holder: small print.
  placed(doc, 'Mã băm nhật ký kiểm toán', textX, QR_Y + 78, textWidth, { size: 7, color: MUTED });
  placed(doc, entry.auditHash, textX, QR_Y + 88, textWidth, { size: 6.5, minSize: 5 });
}

/**
 * The QR code as vector squares (runs of dark modules merged per row): sharp at any print size,
 * and no raster image to make the output depend on an encoder. Medium error correction survives
 * a fold or a stain; the white quiet zone around it is the page itself.
 */
function drawQrCode(
  doc: PDFKit.PDFDocument,
  text: string,
  x: number,
  y: number,
  size: number,
): void {
  const code = qrcode(0, 'M');
  code.addData(text, 'Byte');
  code.make();
  const count = code.getModuleCount();
  const moduleSize = size / count;
  for (let row = 0; row < count; row++) {
    let column = 0;
    while (column < count) {
      if (!code.isDark(row, column)) {
        column++;
        continue;
      }
      const runStart = column;
      while (column < count && code.isDark(row, column)) {
        column++;
      }
      doc.rect(
        x + runStart * moduleSize,
        y + row * moduleSize,
        (column - runStart) * moduleSize,
        moduleSize,
      );
    }
  }
  doc.fill('#000000');
}

interface TextStyle {
  font?: FontName;
  /** Preferred size; shrunk towards minSize until the text fits on one line. */
  size: number;
  minSize?: number;
  color?: string;
  /** Lines allowed when even minSize does not fit on one; beyond them the text is cut with "…". */
  lines?: number;
  align?: 'left' | 'center';
}

function centred(doc: PDFKit.PDFDocument, text: string, y: number, style: TextStyle): void {
  placed(doc, text, CONTENT_X, y, CONTENT_WIDTH, { align: 'center', ...style });
}

/**
 * One text block at a fixed place. The height is bounded so a very long name can never push the
 * layout onto a second page; text is NFC so every Vietnamese letter maps to one precomposed glyph.
 */
function placed(
  doc: PDFKit.PDFDocument,
  text: string,
  x: number,
  y: number,
  width: number,
  style: TextStyle,
): void {
  const content = nfc(text);
  const font = style.font ?? 'regular';
  const size = fittedSize(doc, content, font, width, style.size, style.minSize ?? style.size);
  doc
    .font(font)
    .fontSize(size)
    .fillColor(style.color ?? INK);
  const lines = style.lines ?? 1;
  doc.text(content, x, y, {
    width,
    align: style.align ?? 'left',
    height: doc.currentLineHeight(true) * lines,
    ellipsis: true,
    lineGap: 0,
  });
}

function fittedSize(
  doc: PDFKit.PDFDocument,
  text: string,
  font: FontName,
  width: number,
  size: number,
  minSize: number,
): number {
  let fitted = size;
  doc.font(font);
  while (fitted > minSize && doc.fontSize(fitted).widthOfString(text) > width) {
    fitted = Math.max(minSize, fitted - 0.5);
  }
  return fitted;
}

function checkedVerifyUrl(url: string, verificationCode: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`certificatePdf: verifyUrl "${url}" is not a URL`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error(`certificatePdf: verifyUrl "${url}" is not an http(s) URL`);
  }
  if (!url.includes(verificationCode)) {
    throw new Error(`certificatePdf: verifyUrl "${url}" does not contain ${verificationCode}`);
  }
  return url;
}

function nfc(text: string): string {
  return text.normalize('NFC');
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
