import { parseDecisionDate } from '../outputs/award-decision';
import {
  BODY_SIZE,
  contentWidth,
  drawHeadingColumns,
  drawQrCode,
  drawRuledTable,
  fittedSize,
  INDENT,
  INK,
  keepSpace,
  LINE_GAP,
  openA4Document,
  underline,
  write,
  type HeadingLine,
} from '../outputs/pdf-layout';
import type { DocumentDataByKind, DocumentKind } from './document-kinds';
import { documentContext, signerTitleLines } from './document-context';
import { fill, lookup, type PlaceholderContext } from './placeholders';
import type {
  ArticlesBlock,
  ClosingBlock,
  DocumentTemplate,
  FrameBlock,
  HeadingBlock,
  ListBlock,
  QrBlock,
  TableBlock,
  TemplateLine,
  TextBlock,
} from './template';

/**
 * Lays a template out with pdfkit, in the embedded Noto Serif (pdf-layout.ts), filled from the
 * document's data. Runs in a worker thread (documents.worker.ts). Deterministic: the PDF is dated
 * from the document, so the same template and data give the same bytes.
 */
export async function renderTemplate<K extends DocumentKind>(
  template: DocumentTemplate,
  data: DocumentDataByKind[K],
): Promise<Buffer> {
  const context = documentContext(template, data);
  const { year, month, day } = parseDecisionDate(data.date);
  const dated = new Date(Date.UTC(year, month - 1, day));
  const { doc, rendered } = openA4Document({
    margins: template.page.margins,
    layout: template.page.orientation,
    lang: 'vi-VN',
    info: {
      Title: fill(template.title, context).text,
      Author: data.issuer.name.normalize('NFC'),
      Subject: `${String(context.documentNumber)} ${data.date}`,
      Creator: 'thidua-workflow',
      CreationDate: dated,
      ModDate: dated,
    },
  });
  doc.y = doc.page.margins.top;
  const layout = new Layout(doc, context, data);
  for (const block of template.blocks) layout.block(block);
  doc.end();
  return rendered;
}

class Layout {
  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly context: PlaceholderContext,
    private readonly data: DocumentDataByKind[DocumentKind],
  ) {}

  block(block: DocumentTemplate['blocks'][number]): void {
    switch (block.type) {
      case 'heading':
        return this.heading(block);
      case 'text':
        return this.text(block);
      case 'list':
        return this.list(block);
      case 'articles':
        return this.articles(block);
      case 'table':
        return this.table(block);
      case 'closing':
        return this.closing(block);
      case 'frame':
        return this.frame(block);
      case 'qr':
        return this.qr(block);
    }
  }

  private heading(block: HeadingBlock): void {
    const lines = (source: readonly TemplateLine[]): HeadingLine[] =>
      source.flatMap((line) => {
        const text = this.filled(line, this.context);
        if (text === null) return [];
        return [
          {
            text,
            font: line.font,
            size: line.size,
            minSize: line.minSize,
            align: line.align === 'justify' ? 'center' : line.align,
            rule: line.rule,
            ruleWidth: line.ruleWidth,
            gap: line.gap,
          },
        ];
      });
    const bottom = drawHeadingColumns(
      this.doc,
      block.leftWidth,
      lines(block.left),
      lines(block.right),
    );
    this.doc.y = bottom + (block.gap ?? 0);
  }

  private text(block: TextBlock): void {
    if (block.keepWithNext === true) keepSpace(this.doc, 6 * this.lineHeight());
    for (const line of block.lines) {
      this.line(line, this.context, { x: block.x, width: block.width });
    }
  }

  private list(block: ListBlock): void {
    this.items(block.source).forEach((item, index) =>
      this.line(block.line, { ...this.context, item, n: index + 1 }),
    );
    for (const line of block.after ?? []) this.line(line, this.context);
  }

  private articles(block: ArticlesBlock): void {
    const texts = [
      ...block.before.map((text) => fill(text, this.context).text),
      ...(block.source === undefined ? [] : this.items(block.source).map((item) => String(item))),
      ...block.after.map((text) => fill(text, this.context).text),
    ];
    const { doc } = this;
    texts.forEach((text, index) => {
      const label = fill(block.label, { ...this.context, n: index + 1 }).text;
      doc.y += block.gap ?? 4;
      keepSpace(doc, 2 * this.lineHeight());
      const x = doc.page.margins.left;
      doc.font('bold').fontSize(BODY_SIZE).fillColor(INK);
      doc.text(`${label} `, x, doc.y, {
        width: contentWidth(doc),
        indent: INDENT,
        lineGap: LINE_GAP,
        align: 'justify',
        continued: true,
      });
      doc.font('regular').text(text.normalize('NFC'), { lineGap: LINE_GAP, align: 'justify' });
    });
  }

  private table(block: TableBlock): void {
    const { doc } = this;
    if (block.newPage === true) {
      doc.addPage();
      doc.y = doc.page.margins.top;
    } else {
      doc.y += block.gap ?? 6;
    }
    for (const line of block.title ?? []) this.line(line, this.context);
    doc.y += 8;
    const rows = this.items(block.source).map((item, index) => {
      const scope = { ...this.context, item, n: index + 1 };
      return block.columns.map((column) => fill(column.value, scope).text);
    });
    drawRuledTable(doc, {
      columns: block.columns.map((column) => ({
        header: fill(column.header, this.context).text,
        width: column.width,
        align: column.align ?? 'left',
      })),
      rows,
      size: block.size ?? 10.5,
      empty: block.empty === undefined ? undefined : fill(block.empty, this.context).text,
    });
  }

  private closing(block: ClosingBlock): void {
    const { doc } = this;
    const { left: marginLeft } = doc.page.margins;
    const half = contentWidth(doc) / 2;
    const signer = block.signer;
    const signerX = signer.x ?? marginLeft + half;
    const signerWidth = signer.width ?? half;
    const size = signer.size ?? 12.5;
    const titles = signerTitleLines(this.data.signer);
    if (signer.y === undefined) {
      doc.y += block.gap ?? 12;
      keepSpace(doc, (titles.length + 2) * this.lineHeight() + signer.space + 20);
    }
    const top = signer.y ?? doc.y;

    // The left column: the recipients, in 11 and 12 points as Annex I of Decree 30/2020 prints them.
    if (block.left !== undefined) {
      const column = { x: marginLeft, width: half - 20 };
      doc.y = top;
      if ('source' in block.left) {
        const { label, line, after } = block.left;
        this.line(label, this.context, column);
        this.items(block.left.source).forEach((item, index) =>
          this.line(line, { ...this.context, item, n: index + 1 }, column),
        );
        for (const closingLine of after ?? []) this.line(closingLine, this.context, column);
      } else {
        for (const text of block.left.lines) this.line(text, this.context, column);
      }
    }
    const leftBottom = doc.y;

    // The right column: the title block, room for the signature and the seal, the name.
    doc.y = top;
    for (const title of titles) {
      write(doc, title, {
        x: signerX,
        width: signerWidth,
        font: 'bold',
        size: fittedSize(doc, title, 'bold', signerWidth, size, 8),
        align: 'center',
      });
    }
    if (signer.hint !== undefined) {
      write(doc, fill(signer.hint, this.context).text, {
        x: signerX,
        width: signerWidth,
        font: 'italic',
        size: 10,
        align: 'center',
      });
    }
    doc.y += signer.space;
    // The name, shrunk to fit and cut after two lines: a long one never pushes onto a new page.
    const name = this.data.signer.name.normalize('NFC');
    doc
      .font('bold')
      .fontSize(fittedSize(doc, name, 'bold', signerWidth, signer.nameSize ?? size, 9))
      .fillColor(INK);
    doc.text(name, signerX, doc.y, {
      width: signerWidth,
      align: 'center',
      lineGap: LINE_GAP,
      height: (doc.currentLineHeight(true) + LINE_GAP) * 2,
      ellipsis: true,
    });
    doc.x = marginLeft;
    doc.y = Math.max(doc.y, leftBottom);
  }

  private frame(block: FrameBlock): void {
    const { doc } = this;
    const { width, height } = doc.page;
    const outer = block.inset;
    const inner = block.inset + 7;
    doc
      .lineWidth(3)
      .rect(outer, outer, width - 2 * outer, height - 2 * outer)
      .stroke(block.color);
    doc
      .lineWidth(0.8)
      .rect(inner, inner, width - 2 * inner, height - 2 * inner)
      .stroke(block.innerColor);
  }

  /** The QR code (drawQrCode), with its lines beside it. */
  private qr(block: QrBlock): void {
    const { doc } = this;
    const value = fill(block.value, this.context).text;
    if (value !== '') {
      drawQrCode(doc, value, block.x, block.y, block.size);
    }
    const x = block.x + block.size + 12;
    const width = block.besideWidth ?? 300;
    doc.y = block.y;
    for (const line of block.beside ?? []) this.line(line, this.context, { x, width });
  }

  /** One line of the template, filled; null when optional and something in it is empty. */
  private filled(line: TemplateLine, scope: PlaceholderContext): string | null {
    const { text, someEmpty } = fill(line.text, scope);
    if (line.optional === true && someEmpty) return null;
    return line.upper === true ? text.toLocaleUpperCase('vi-VN') : text;
  }

  private line(
    line: TemplateLine,
    scope: PlaceholderContext,
    column: { x?: number; width?: number } = {},
  ): void {
    const text = this.filled(line, scope);
    if (text === null) return;
    const { doc } = this;
    const x = column.x ?? doc.page.margins.left;
    const width = column.width ?? contentWidth(doc);
    const font = line.font ?? 'regular';
    const size =
      line.minSize === undefined
        ? (line.size ?? BODY_SIZE)
        : fittedSize(
            doc,
            text,
            font,
            width - (line.indent ?? 0),
            line.size ?? BODY_SIZE,
            line.minSize,
          );
    const y = line.y ?? doc.y + (line.gap ?? 0);
    doc
      .font(font)
      .fontSize(size)
      .fillColor(line.color ?? INK);
    if (text === '') {
      // A line with no text is a rule or a space of its own (under a State document's title).
      doc.y = y;
      if (line.rule === true) underline(doc, x + width / 2, y + 5, line.ruleWidth ?? width / 4);
      doc.y += line.rule === true ? 10 : 0;
      doc.x = doc.page.margins.left;
      return;
    }
    doc.text(text, x, y, {
      width,
      indent: line.indent ?? 0,
      align: line.align ?? 'left',
      lineGap: LINE_GAP,
      ...(line.maxLines === undefined
        ? {}
        : // Each line takes its height and the gap after it: maxLines lines fit, no fewer.
          { height: (doc.currentLineHeight(true) + LINE_GAP) * line.maxLines, ellipsis: true }),
    });
    if (line.rule === true) {
      const textWidth = Math.min(width, doc.font(font).fontSize(size).widthOfString(text));
      underline(doc, x + width / 2, doc.y + 2, line.ruleWidth ?? textWidth);
      doc.y += 6;
    }
    doc.x = doc.page.margins.left;
  }

  private items(source: string): unknown[] {
    const list = lookup(this.context, source);
    return Array.isArray(list) ? list : [];
  }

  private lineHeight(): number {
    return this.doc.font('regular').fontSize(BODY_SIZE).currentLineHeight(true);
  }
}
