import qrcode from 'qrcode-generator';
import PDFDocument from 'pdfkit';

/**
 * The text primitives of the A4 documents printed in Vietnamese administrative style (Decree
 * 30/2020/NĐ-CP): the embedded font, the body text, the heading with the issuing body and the
 * national heading, blocks kept whole on a page, signature headings and page footers. Each
 * document gives its own margins when it opens; every primitive reads them back from the page,
 * so one layout serves documents whose margins differ. Everything here is deterministic: the
 * same calls give the same bytes (the minutes' SHA-256 enters a hash chain).
 */

/** Noto Serif (SIL OFL 1.1), the font the certificates embed: full Vietnamese coverage. */
const FONT_FILES = {
  regular: notoSerif('400Regular/NotoSerif_400Regular.ttf'),
  italic: notoSerif('400Regular_Italic/NotoSerif_400Regular_Italic.ttf'),
  bold: notoSerif('700Bold/NotoSerif_700Bold.ttf'),
} as const;
export type PdfFont = keyof typeof FONT_FILES;

function notoSerif(file: string): string {
  return require.resolve(`@expo-google-fonts/noto-serif/${file}`);
}

export const BODY_SIZE = 12;
export const INDENT = 18;
export const LINE_GAP = 1.5;
export const INK = '#1a1a1a';
export const MUTED = '#555555';

/** In PDF points; Decree 30/2020 (Annex I) asks 30 mm left for binding, 20 mm right and top. */
export interface PageMargins {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export interface DocumentSettings {
  margins: PageMargins;
  /** BCP 47, e.g. "vi-VN". */
  lang: string;
  /** Dated by the caller (never the clock), so that the same input gives the same bytes. */
  info: PDFKit.DocumentInfo;
  /** Portrait when absent; certificates are landscape. */
  layout?: 'portrait' | 'landscape';
}

/** An A4 portrait document with the fonts registered, and the bytes it will have once ended. */
export function openA4Document(settings: DocumentSettings): {
  doc: PDFKit.PDFDocument;
  rendered: Promise<Buffer>;
} {
  const doc = new PDFDocument({
    size: 'A4',
    layout: settings.layout ?? 'portrait',
    margins: settings.margins,
    font: FONT_FILES.regular, // never load a standard-14 font, which has no Vietnamese letters
    lang: settings.lang,
    displayTitle: true,
    bufferPages: true, // the footer says "page x of y", known only once the text has flowed
    info: settings.info,
  });
  for (const [name, file] of Object.entries(FONT_FILES)) {
    doc.registerFont(name, file);
  }
  return { doc, rendered: collect(doc) };
}

/** The width between the current page's margins. */
export function contentWidth(doc: PDFKit.PDFDocument): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

export interface WriteOptions {
  /** The left margin when not given. */
  x?: number;
  /** Where the block starts; the flow position (doc.y) when not given. */
  y?: number;
  /** The content width when not given. */
  width?: number;
  indent?: number;
  font?: PdfFont;
  size?: number;
  color?: string;
  align?: 'left' | 'center' | 'right' | 'justify';
  /** Bounds the block to this many lines (cut with "…"); unbounded blocks flow onto new pages. */
  lines?: number;
}

/** One block of text, NFC so every Vietnamese letter maps to one precomposed glyph. */
export function write(doc: PDFKit.PDFDocument, text: string, options: WriteOptions = {}): void {
  const indent = options.indent ?? 0;
  const x = (options.x ?? doc.page.margins.left) + indent;
  const width = (options.width ?? contentWidth(doc)) - indent;
  doc
    .font(options.font ?? 'regular')
    .fontSize(options.size ?? BODY_SIZE)
    .fillColor(options.color ?? INK);
  doc.text(nfc(text), x, options.y ?? doc.y, {
    width,
    align: options.align ?? 'left',
    lineGap: LINE_GAP,
    ...(options.lines === undefined
      ? {}
      : { height: doc.currentLineHeight(true) * options.lines, ellipsis: true }),
  });
}

/** A short rule centred under a heading line. */
export function underline(
  doc: PDFKit.PDFDocument,
  centreX: number,
  y: number,
  width: number,
): void {
  doc
    .lineWidth(0.7)
    .moveTo(centreX - width / 2, y)
    .lineTo(centreX + width / 2, y)
    .stroke(INK);
}

/** The height of one line of body text. */
export function lineHeight(doc: PDFKit.PDFDocument): number {
  return doc.font('regular').fontSize(BODY_SIZE).currentLineHeight(true);
}

/** Starts a new page unless this much room is left on the current one. */
export function keepSpace(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > doc.page.maxY()) {
    doc.addPage();
  }
}

/** A numbered section heading ("I. …"), never alone at the foot of a page. */
export function section(doc: PDFKit.PDFDocument, heading: string): void {
  keepSpace(doc, 4 * lineHeight(doc));
  doc.y += 8;
  write(doc, heading, { font: 'bold' });
}

/** The largest size, down to minSize by half points, at which the text fits the width. */
export function fittedSize(
  doc: PDFKit.PDFDocument,
  text: string,
  font: PdfFont,
  width: number,
  size: number,
  minSize: number,
): number {
  let fitted = size;
  doc.font(font);
  while (fitted > minSize && doc.fontSize(fitted).widthOfString(nfc(text)) > width) {
    fitted = Math.max(minSize, fitted - 0.5);
  }
  return fitted;
}

export interface BlockLine {
  text: string;
  font?: PdfFont;
  indent: number;
}

/**
 * Lines read as one record (a council item, a unit's results): the block starts a new page
 * rather than split, unless it is longer than a page, when it flows on.
 */
export function writeKeptTogether(doc: PDFKit.PDFDocument, lines: BlockLine[]): void {
  doc.y += 4;
  keepSpace(doc, Math.min(blockHeight(doc, lines), doc.page.maxY() - doc.page.margins.top));
  for (const line of lines) {
    write(doc, line.text, { font: line.font, indent: line.indent });
  }
}

function blockHeight(doc: PDFKit.PDFDocument, lines: BlockLine[]): number {
  const width = contentWidth(doc);
  return lines.reduce(
    (height, line) =>
      height +
      doc
        .font(line.font ?? 'regular')
        .fontSize(BODY_SIZE)
        .heightOfString(nfc(line.text), { width: width - line.indent, lineGap: LINE_GAP }),
    0,
  );
}

export interface OfficialHeading {
  /** The body the issuer belongs to, printed above it when there is one. */
  parentBody: string | undefined;
  issuer: string;
  nationalHeading: string;
  motto: string;
  /** "…, ngày … tháng … năm …", in italics under the motto. */
  placeAndDate: string;
}

const ISSUER_WIDTH = 200;

/**
 * The top of the first page (Decree 30/2020/NĐ-CP): the issuing body left, in capitals with a
 * short rule beneath; the national heading and motto right, the rule spanning the motto, and the
 * place and date under it. Returns where the taller of the two columns ends.
 */
export function drawOfficialHeading(doc: PDFKit.PDFDocument, heading: OfficialHeading): number {
  const { top, left, right } = doc.page.margins;
  const rightX = left + ISSUER_WIDTH + 10;
  const rightWidth = doc.page.width - right - rightX;

  const issuer = { x: left, width: ISSUER_WIDTH, size: 11, align: 'center' } as const;
  if (heading.parentBody !== undefined) {
    write(doc, heading.parentBody.toUpperCase(), { ...issuer, y: top });
  }
  write(doc, heading.issuer.toUpperCase(), {
    ...issuer,
    ...(heading.parentBody === undefined ? { y: top } : {}),
    font: 'bold',
  });
  underline(doc, left + ISSUER_WIDTH / 2, doc.y + 3, 60);
  const leftBottom = doc.y + 6;

  write(doc, heading.nationalHeading, {
    x: rightX,
    y: top,
    width: rightWidth,
    font: 'bold',
    size: fittedSize(doc, heading.nationalHeading, 'bold', rightWidth, 11.5, 9),
    align: 'center',
  });
  write(doc, heading.motto, { x: rightX, width: rightWidth, font: 'bold', align: 'center' });
  const mottoWidth = doc.font('bold').fontSize(BODY_SIZE).widthOfString(nfc(heading.motto));
  underline(doc, rightX + rightWidth / 2, doc.y + 2, mottoWidth);
  write(doc, heading.placeAndDate, {
    x: rightX,
    y: doc.y + 10,
    width: rightWidth,
    font: 'italic',
    size: 11.5,
    align: 'center',
  });
  return Math.max(leftBottom, doc.y);
}

export interface PartyHeading {
  /** The Party organisation above the issuer ("ĐẢNG BỘ TỈNH …"), when there is one. */
  parentBody: string | undefined;
  issuer: string;
  /** "Số 12-QĐ/ĐUK", under the star beneath the issuer. */
  number: string;
  /** "…, ngày … tháng … năm …", in italics on the right. */
  placeAndDate: string;
}

/** The Party's name at the head of every Party document (HD 36-HD/VPTW, 2018). */
export const PARTY_HEADING = 'ĐẢNG CỘNG SẢN VIỆT NAM';

/**
 * The top of a Party document's first page (HD 36-HD/VPTW, 2018): the issuing body left, under
 * its superior, with a star beneath and the number and symbol under it; "ĐẢNG CỘNG SẢN VIỆT NAM"
 * right, underlined, and the place and date in italics, right-aligned, under it. Returns where
 * the taller of the two columns ends.
 */
export function drawPartyHeading(doc: PDFKit.PDFDocument, heading: PartyHeading): number {
  return drawHeadingColumns(
    doc,
    ISSUER_WIDTH,
    [
      ...(heading.parentBody === undefined
        ? []
        : [{ text: heading.parentBody.toUpperCase(), size: 11 }]),
      { text: heading.issuer.toUpperCase(), font: 'bold', size: 11 },
      { text: '*', size: 11 },
      { text: heading.number, size: 11 },
    ],
    [
      { text: PARTY_HEADING, font: 'bold', size: 11.5, rule: true },
      { text: heading.placeAndDate, font: 'italic', size: 11.5, align: 'right', gap: 10 },
    ],
  );
}

export interface HeadingLine {
  text: string;
  font?: PdfFont;
  size?: number;
  align?: 'left' | 'center' | 'right';
  /** Shrinks the text, by half points down to this size, until it fits the column on one line. */
  minSize?: number;
  /** A short rule under the line: as wide as the text, or this many points. */
  rule?: boolean;
  ruleWidth?: number;
  /** Space above, in points. */
  gap?: number;
}

/**
 * Two columns of heading lines from the top margin, each centred in its column unless it says
 * otherwise: the left `leftWidth` wide, the right filling the rest. Returns where the taller ends.
 */
export function drawHeadingColumns(
  doc: PDFKit.PDFDocument,
  leftWidth: number,
  left: readonly HeadingLine[],
  right: readonly HeadingLine[],
): number {
  const { top, left: leftMargin, right: rightMargin } = doc.page.margins;
  const rightX = leftMargin + leftWidth + 10;
  const rightWidth = doc.page.width - rightMargin - rightX;
  const leftBottom = drawHeadingColumn(doc, left, top, leftMargin, leftWidth);
  const rightBottom = drawHeadingColumn(doc, right, top, rightX, rightWidth);
  return Math.max(leftBottom, rightBottom);
}

function drawHeadingColumn(
  doc: PDFKit.PDFDocument,
  lines: readonly HeadingLine[],
  top: number,
  x: number,
  width: number,
): number {
  let y = top;
  for (const line of lines) {
    const font = line.font ?? 'regular';
    const size = fittedSize(
      doc,
      line.text,
      font,
      width,
      line.size ?? BODY_SIZE,
      line.minSize ?? line.size ?? BODY_SIZE,
    );
    write(doc, line.text, {
      x,
      y: y + (line.gap ?? 0),
      width,
      font,
      size,
      align: line.align ?? 'center',
    });
    if (line.rule === true) {
      const textWidth = Math.min(
        width,
        doc.font(font).fontSize(size).widthOfString(nfc(line.text)),
      );
      underline(doc, x + width / 2, doc.y + 2, line.ruleWidth ?? textWidth);
      doc.y += 6;
    }
    y = doc.y;
  }
  return y;
}

/** A signer's title in bold and the hint under it, centred in their column from top. */
export function writeSignatureHeading(
  doc: PDFKit.PDFDocument,
  column: { x: number; y: number; width: number },
  title: string,
  hint: string,
): void {
  write(doc, title, { ...column, font: 'bold', align: 'center' });
  write(doc, hint, { x: column.x, width: column.width, font: 'italic', size: 10, align: 'center' });
}

/**
 * Small text on one line, for footers: a bounded height keeps pdfkit from breaking onto a new
 * page below the bottom margin.
 */
export const FOOTER_TEXT = { size: 7.5, color: MUTED, lines: 1 } as const;

/**
 * A rule under the text of every page, then whatever the document prints below it (with
 * FOOTER_TEXT), given where that starts and which page of how many it is.
 */
export function drawPageFooters(
  doc: PDFKit.PDFDocument,
  drawFooter: (y: number, page: number, pages: number) => void,
): void {
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index);
    const { left, right, bottom } = doc.page.margins;
    const y = doc.page.height - bottom + 22;
    doc
      .lineWidth(0.4)
      .moveTo(left, y - 6)
      .lineTo(doc.page.width - right, y - 6)
      .stroke(MUTED);
    drawFooter(y, index - start + 1, count);
  }
}

export function nfc(text: string): string {
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

/**
 * A QR code as vector squares (runs of dark modules merged per row): sharp at any print size,
 * medium error correction to survive a fold or a stain.
 */
export function drawQrCode(
  doc: PDFKit.PDFDocument,
  value: string,
  x: number,
  y: number,
  size: number,
): void {
  const code = qrcode(0, 'M');
  code.addData(value, 'Byte');
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
      while (column < count && code.isDark(row, column)) column++;
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

export interface RuledTableColumn {
  header: string;
  /** Relative: the columns share the page's content width in these proportions. */
  width: number;
  align: 'left' | 'center' | 'right';
}

/**
 * A ruled table at the current position, its header row (bold, centred) repeated on every page it
 * runs onto; `empty`, in italics, under the header when there are no rows. Cells are written as
 * given (callers put them in NFC).
 */
export function drawRuledTable(
  doc: PDFKit.PDFDocument,
  table: {
    columns: readonly RuledTableColumn[];
    rows: readonly string[][];
    size: number;
    empty?: string;
  },
): void {
  const { columns, size } = table;
  const padding = 3;
  const x0 = doc.page.margins.left;
  const total = columns.reduce((sum, column) => sum + column.width, 0);
  const widths = columns.map((column) => (column.width / total) * contentWidth(doc));
  const headers = columns.map((column) => column.header);
  const heightOf = (cells: string[], font: PdfFont) =>
    Math.max(
      ...cells.map(
        (cell, index) =>
          doc
            .font(font)
            .fontSize(size)
            .heightOfString(cell, { width: widths[index] - 2 * padding, lineGap: 1 }) +
          2 * padding,
      ),
    );
  const drawRow = (cells: string[], header: boolean) => {
    const font: PdfFont = header ? 'bold' : 'regular';
    const height = heightOf(cells, font);
    if (doc.y + height > doc.page.maxY()) {
      doc.addPage();
      doc.y = doc.page.margins.top;
      if (!header) drawRow(headers, true);
    }
    const top = doc.y;
    let x = x0;
    cells.forEach((cell, index) => {
      doc.lineWidth(0.6).rect(x, top, widths[index], height).stroke(INK);
      doc.font(font).fontSize(size).fillColor(INK);
      doc.text(cell, x + padding, top + padding, {
        width: widths[index] - 2 * padding,
        align: header ? 'center' : columns[index].align,
        lineGap: 1,
      });
      x += widths[index];
    });
    doc.x = x0;
    doc.y = top + height;
  };
  drawRow(headers, true);
  if (table.rows.length === 0 && table.empty !== undefined) {
    write(doc, table.empty, { font: 'italic', align: 'center' });
  }
  for (const row of table.rows) drawRow(row, false);
}
