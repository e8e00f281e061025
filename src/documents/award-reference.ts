import type {
  AwardDecisionData,
  CertificateData,
  DocumentSigner,
  SignerCapacity,
} from './document-kinds';
import { englishLongDate, parseDecisionDate } from '../outputs/award-decision';
import {
  drawQrCode,
  drawRuledTable,
  BODY_SIZE,
  FOOTER_TEXT,
  INDENT,
  INK,
  LINE_GAP,
  MUTED,
  contentWidth,
  drawHeadingColumns,
  drawPageFooters,
  fittedSize,
  keepSpace,
  lineHeight,
  nfc,
  openA4Document,
  underline,
  write,
  type HeadingLine,
  type PdfFont,
} from '../outputs/pdf-layout';

/**
 * The English renderings, for reference, of an award decision and of a certificate: what
 * `?lang=en` answers for readers who need English. The Vietnamese documents are the authentic ones
 * (rendered from the deployment's templates, cached, their hashes recorded); these are laid out
 * here from the same record, in the same shape — heading, bases, articles, recipients, signer,
 * attached list; the certificate's captions, QR code and verification code — with the fixed words
 * in English and names, units, the issuer, the decision's number and the signer's recorded title
 * as given. Each says on it, on every page, that it is a reference translation and that the
 * Vietnamese document is the authentic one. Not from the templates: a deployment's template
 * holds Vietnamese wording only, and an English template kept beside it would be a second legal
 * form to keep in step, silently out of date the day one is edited and not the other. These print
 * the record in the standard wording (lines a deployment adds to its Vietnamese template are not
 * translated here), and say so: the Vietnamese wording prevails. Deterministic (dated from the
 * decision), rendered when asked, never cached or filed.
 */

/** What the decision's rendering is made from: the template's data, its words in English. */
export interface DecisionReferenceInput {
  /** As awardDecisionData makes it in English: subject, bases, articles, awards, recipients. */
  data: AwardDecisionData;
  /** The number exactly as the Vietnamese decision prints it ("125/QĐ-ĐUK"). */
  documentNumber: string;
}

/** What the certificate's rendering is made from: the template's data, the award in English. */
export interface CertificateReferenceInput {
  data: CertificateData;
  /** The decision's number exactly as the Vietnamese certificate prints it. */
  documentNumber: string;
}

/** Every fixed word of both renderings. */
const WORDS = {
  nationalHeading: 'SOCIALIST REPUBLIC OF VIETNAM',
  motto: 'Independence - Freedom - Happiness',
  partyHeading: 'COMMUNIST PARTY OF VIETNAM',
  number: (number: string) => `No. ${number}`,
  placeAndDate: (place: string, date: string) =>
    place.trim() === '' ? englishLongDate(date) : `${place.trim()}, ${englishLongDate(date)}`,
  // Decree 30/2020/NĐ-CP Art 13; HD 36-HD/VPTW.
  capacities: {
    'T/M': 'ON BEHALF OF',
    'KT.': 'FOR',
    'TL.': 'BY ORDER OF',
    'Q.': 'ACTING',
  } satisfies Record<SignerCapacity, string>,
  unsigned: '(signed and sealed on the Vietnamese original)',

  decision: {
    title: 'DECISION',
    note: (number: string) =>
      `Reference translation: an English rendering of Decision No. ${number}, drawn from the ` +
      'recorded decision for readers who need it. It is not an official document and bears no ' +
      'signature or seal. The Vietnamese decision is the authentic document, and its wording prevails.',
    basis: (basis: string) => `Pursuant to ${basis};`,
    decides: 'DECIDES:',
    article: (n: number) => `Article ${n}.`,
    // The articles every award_decision template opens with; the data brings those after them.
    articles: [
      'To commend the collectives and individuals named in the list attached to this Decision.',
      'This Decision takes effect from the date of signing.',
    ],
    recipients: 'Recipients:',
    recipient: (recipient: string) => `- ${recipient};`,
    archive: { party: '- Archived: the Office.', state: '- Archived: Records office.' },
    listTitle: 'LIST',
    listAttached: (number: string, date: string) =>
      `of awards attached to Decision No. ${number} of ${englishLongDate(date)}`,
    listBy: (issuedBy: string) => `by ${issuedBy}`,
    columns: ['No.', 'Name / Collective', 'Unit', 'Award', 'Year', 'Verification code'],
    empty: '(No collective or individual)',
    footer: (number: string) =>
      `Reference translation of Decision No. ${number}. The Vietnamese decision is the authentic document.`,
    page: (page: number, pages: number) => `Page ${page} of ${pages}`,
    pdfTitle: (number: string, subject: string) =>
      `Decision No. ${number} ${subject} (English rendering for reference)`,
  },

  certificate: {
    banner: 'REFERENCE TRANSLATION – NOT THE AUTHENTIC DOCUMENT',
    awards: 'AWARDS',
    unit: (unit: string) => `Unit: ${unit}`,
    achievement: (achievement: string) => `For: ${achievement}`,
    year: (year: number) => `For the year ${year}`,
    decision: (number: string, date: string) =>
      `Decision No. ${number} of ${englishLongDate(date)}`,
    verificationCode: 'Verification code',
    checkAt: 'Check at',
    auditHash: (hash: string) => `Audit log hash: ${hash}`,
    note: (number: string) =>
      `English rendering, for reference, of the certificate awarded by Decision No. ${number}; ` +
      'not an official document. The Vietnamese certificate is the authentic one.',
    pdfTitle: (title: string, nominee: string) =>
      `${title} – ${nominee} (English rendering for reference)`,
  },
} as const;

const ACCENT = '#a3191e';
const GOLD = '#b8860b';
/** Decree 30/2020/NĐ-CP margins; the bottom leaves room for the reference footer. */
const DECISION_MARGINS = { top: 57, bottom: 78, left: 85, right: 57 };
const CERTIFICATE_MARGINS = { top: 40, bottom: 20, left: 70, right: 70 };

/**
 * The award decision in English, for reference: the heading in the issuer's format, the title and
 * subject, the note that it is a reference translation, the bases, "DECIDES:", the articles,
 * recipients and signer, then on a new page the attached list of every award; on every page a
 * footer naming the Vietnamese decision as the authentic one.
 */
export async function renderAwardDecisionReference(input: DecisionReferenceInput): Promise<Buffer> {
  const { data, documentNumber } = input;
  const dated = documentDate(data.date);
  const { doc, rendered } = openA4Document({
    margins: DECISION_MARGINS,
    lang: 'en',
    info: {
      Title: nfc(WORDS.decision.pdfTitle(documentNumber, data.subject)),
      Author: nfc(data.issuer.name),
      Subject: `${documentNumber} ${data.date}`,
      Creator: 'thidua-workflow',
      CreationDate: dated,
      ModDate: dated,
    },
  });
  const words = WORDS.decision;
  const issuedBy = `${authorityOf(data.signer)} ${data.issuer.name}`.trim();

  doc.y = drawDecisionHeading(doc, data, documentNumber) + 22;
  write(doc, words.title, { font: 'bold', size: 14, align: 'center' });
  write(doc, data.subject, { y: doc.y + 2, font: 'bold', align: 'center' });
  underline(doc, doc.page.margins.left + contentWidth(doc) / 2, doc.y + 5, 90);
  doc.y += 10;
  write(doc, upper(issuedBy), { y: doc.y + 10, font: 'bold', align: 'center' });
  write(doc, words.note(documentNumber), {
    y: doc.y + 10,
    font: 'italic',
    size: 10,
    color: ACCENT,
    align: 'center',
  });
  doc.y += 4;

  const party = data.issuer.format === 'party';
  for (const basis of data.basis) {
    write(doc, party ? `- ${words.basis(basis)}` : words.basis(basis), {
      font: party ? 'regular' : 'italic',
      indent: INDENT,
      align: 'justify',
    });
  }
  write(doc, words.decides, { y: doc.y + 8, font: 'bold', size: 13, align: 'center' });
  [...words.articles, ...data.articles].forEach((text, index) =>
    writeArticle(doc, words.article(index + 1), text),
  );
  drawClosing(doc, data, party ? words.archive.party : words.archive.state);

  doc.addPage();
  doc.y = doc.page.margins.top;
  write(doc, words.listTitle, { font: 'bold', size: 13, align: 'center' });
  write(doc, words.listAttached(documentNumber, data.date), { font: 'bold', align: 'center' });
  write(doc, words.listBy(issuedBy), { font: 'italic', align: 'center' });
  doc.y += 8;
  drawRuledTable(doc, {
    columns: words.columns.map((header, index) => ({
      header: nfc(header),
      ...COLUMN_SHAPES[index],
    })),
    rows: data.items.map((item, index) =>
      [
        String(index + 1),
        item.nominee,
        item.unit,
        item.award,
        item.year === undefined ? '' : String(item.year),
        item.verificationCode ?? '',
      ].map(nfc),
    ),
    size: 10,
    empty: words.empty,
  });

  drawPageFooters(doc, (y, page, pages) => {
    const width = contentWidth(doc) - 70;
    write(doc, words.footer(documentNumber), { ...FOOTER_TEXT, y, width, lines: 2 });
    write(doc, words.page(page, pages), { ...FOOTER_TEXT, y, align: 'right' });
  });
  doc.end();
  return rendered;
}

/** The attached list's columns, as shares of the width (English award names are longer). */
const COLUMN_SHAPES: { width: number; align: 'left' | 'center' }[] = [
  { width: 6, align: 'center' },
  { width: 21, align: 'left' },
  { width: 21, align: 'left' },
  { width: 18, align: 'left' },
  { width: 7, align: 'center' },
  { width: 27, align: 'left' },
];

/**
 * One awardee's certificate in English, for reference: landscape in the certificate's frame, a
 * banner and a closing note saying it is a reference translation, the heading of the issuer's
 * format, the grantor, the award, the holder, the decision, the QR code and verification code of
 * the Vietnamese certificate (the same public page checks both), and the signer.
 */
export async function renderAwardCertificateReference(
  input: CertificateReferenceInput,
): Promise<Buffer> {
  const { data, documentNumber } = input;
  const words = WORDS.certificate;
  const dated = documentDate(data.date);
  const { doc, rendered } = openA4Document({
    margins: CERTIFICATE_MARGINS,
    layout: 'landscape',
    lang: 'en',
    info: {
      Title: nfc(words.pdfTitle(data.title, data.nominee)),
      Author: nfc(data.issuer.name),
      Subject: `${documentNumber} ${data.date}`,
      Creator: 'thidua-workflow',
      CreationDate: dated,
      ModDate: dated,
    },
  });
  doc.y = doc.page.margins.top;
  drawFrame(doc, 22);

  const centred = { x: doc.page.margins.left, width: contentWidth(doc), align: 'center' } as const;
  place(doc, words.banner, { ...centred, y: 36, font: 'bold', size: 8, color: ACCENT });
  if (data.issuer.format === 'party') {
    place(doc, WORDS.partyHeading, { ...centred, y: 58, font: 'bold', size: 15, rule: true });
  } else {
    place(doc, WORDS.nationalHeading, { ...centred, y: 52, font: 'bold', size: 14 });
    place(doc, WORDS.motto, { ...centred, y: 71, font: 'bold', size: 13, rule: true });
  }
  const lines: [string, number, PlaceOptions][] = [
    [upper(data.grantor), 108, { font: 'bold', size: 15, minSize: 11, maxLines: 2 }],
    [words.awards, 134, { font: 'bold', size: 14 }],
    [upper(data.title), 152, { font: 'bold', size: 34, minSize: 18, maxLines: 2, color: ACCENT }],
    [data.nominee, 218, { font: 'bold', size: 26, minSize: 16, maxLines: 2 }],
  ];
  if (data.unit.trim() !== '') {
    lines.push([words.unit(data.unit), 262, { size: 15, minSize: 11, maxLines: 2 }]);
  }
  if (data.achievement !== undefined && data.achievement.trim() !== '') {
    const achievement = words.achievement(data.achievement);
    lines.push([achievement, 294, { font: 'italic', size: 14, minSize: 10, maxLines: 2 }]);
  }
  if (data.year !== undefined) lines.push([words.year(data.year), 340, { size: 14 }]);
  lines.push([
    words.decision(documentNumber, data.date),
    366,
    { font: 'italic', size: 12, minSize: 9 },
  ]);
  for (const [text, y, options] of lines) place(doc, text, { ...centred, ...options, y });

  const signer = { x: 500, width: 260 };
  place(doc, WORDS.placeAndDate(data.issuer.place, data.date), {
    ...signer,
    y: 396,
    font: 'italic',
    size: 12,
    minSize: 9,
    align: 'center',
  });
  if (data.verifyUrl !== undefined && data.verifyUrl !== '') {
    drawQrCode(doc, data.verifyUrl, 58, 420, 104);
  }
  const beside = { x: 58 + 104 + 12, width: 310 };
  doc.y = 420;
  const muted = { ...beside, size: 9, color: MUTED } as const;
  place(doc, words.verificationCode, { ...muted, y: doc.y + 8 });
  if (data.verificationCode)
    place(doc, data.verificationCode, { ...beside, font: 'bold', size: 15 });
  place(doc, words.checkAt, { ...muted, y: doc.y + 6 });
  if (data.verifyUrl) place(doc, data.verifyUrl, { ...beside, size: 9, minSize: 6 });
  if (data.auditHash) {
    place(doc, words.auditHash(data.auditHash), {
      ...beside,
      y: doc.y + 6,
      size: 6.5,
      minSize: 5,
      maxLines: 2,
      color: MUTED,
    });
  }

  doc.y = 418;
  drawSigner(doc, data.signer, { ...signer, size: 12, nameSize: 15, space: 30 });
  place(doc, words.note(documentNumber), {
    ...centred,
    y: 540,
    font: 'italic',
    size: 8.5,
    minSize: 7,
    maxLines: 2,
    color: ACCENT,
  });
  doc.end();
  return rendered;
}

/** The heading columns of the issuer's format, as the award_decision templates lay them out. */
function drawDecisionHeading(
  doc: PDFKit.PDFDocument,
  data: AwardDecisionData,
  documentNumber: string,
): number {
  const { issuer } = data;
  const parent: HeadingLine[] =
    issuer.parentBody === undefined || issuer.parentBody.trim() === ''
      ? []
      : [{ text: upper(issuer.parentBody), size: 12, minSize: 9 }];
  const dated = WORDS.placeAndDate(issuer.place, data.date);
  if (issuer.format === 'party') {
    return drawHeadingColumns(
      doc,
      230,
      [
        ...parent,
        { text: upper(issuer.name), font: 'bold', size: 12, minSize: 9 },
        { text: '*', size: 12 },
        { text: WORDS.number(documentNumber), size: 12 },
      ],
      [
        { text: WORDS.partyHeading, font: 'bold', size: 13, minSize: 10, rule: true },
        { text: dated, font: 'italic', size: 12, align: 'right', gap: 12 },
      ],
    );
  }
  return drawHeadingColumns(
    doc,
    200,
    [
      ...parent,
      { text: upper(issuer.name), font: 'bold', size: 12, minSize: 9, rule: true, ruleWidth: 60 },
      { text: WORDS.number(documentNumber), size: 12, gap: 4 },
    ],
    [
      { text: WORDS.nationalHeading, font: 'bold', size: 12, minSize: 9 },
      { text: WORDS.motto, font: 'bold', size: 13, rule: true },
      { text: dated, font: 'italic', size: 12, gap: 10 },
    ],
  );
}

/** "Article n." in bold, then its text, justified, never alone at the foot of a page. */
function writeArticle(doc: PDFKit.PDFDocument, label: string, text: string): void {
  doc.y += 4;
  keepSpace(doc, 2 * lineHeight(doc));
  doc.font('bold').fontSize(BODY_SIZE).fillColor(INK);
  doc.text(`${label} `, doc.page.margins.left, doc.y, {
    width: contentWidth(doc),
    indent: INDENT,
    lineGap: LINE_GAP,
    align: 'justify',
    continued: true,
  });
  doc.font('regular').text(nfc(text), { lineGap: LINE_GAP, align: 'justify' });
}

/** Recipients on the left, the signer's title block and name on the right. */
function drawClosing(doc: PDFKit.PDFDocument, data: AwardDecisionData, archive: string): void {
  const words = WORDS.decision;
  const titles = signerLines(data.signer);
  const half = contentWidth(doc) / 2;
  const left = doc.page.margins.left;
  doc.y += 14;
  keepSpace(doc, (titles.length + 3) * lineHeight(doc) + 60);
  const top = doc.y;
  const column = { x: left, width: half - 20 };
  write(doc, words.recipients, { ...column, font: 'bold', size: 12 });
  for (const recipient of data.recipients)
    write(doc, words.recipient(recipient), { ...column, size: 11 });
  write(doc, archive, { ...column, size: 11 });
  const leftBottom = doc.y;
  doc.y = top;
  drawSigner(doc, data.signer, { x: left + half, width: half, size: 13, nameSize: 13, space: 48 });
  doc.x = left;
  doc.y = Math.max(doc.y, leftBottom);
}

/** The title block in English capacity words, the note that it is unsigned, room, the name. */
function drawSigner(
  doc: PDFKit.PDFDocument,
  signer: DocumentSigner,
  column: { x: number; width: number; size: number; nameSize: number; space: number },
): void {
  const { x, width } = column;
  for (const title of signerLines(signer)) {
    write(doc, title, {
      x,
      width,
      font: 'bold',
      size: fittedSize(doc, title, 'bold', width, column.size, 8),
      align: 'center',
    });
  }
  write(doc, WORDS.unsigned, { x, width, font: 'italic', size: 9, color: MUTED, align: 'center' });
  doc.y += column.space;
  const name = nfc(signer.name);
  write(doc, name, {
    x,
    width,
    font: 'bold',
    size: fittedSize(doc, name, 'bold', width, column.nameSize, 9),
    align: 'center',
  });
}

/**
 * The lines above the signature (document-context.ts signerTitleLines), the capacity in English:
 * "ON BEHALF OF BAN THƯỜNG VỤ" then "BÍ THƯ"; the recorded body and position as given.
 */
export function signerLines(signer: DocumentSigner): string[] {
  if (signer.position.trim() === '' && signer.capacity === null) return [];
  if (signer.capacity === null) return [upper(signer.position)];
  const capacity = WORDS.capacities[signer.capacity];
  if (signer.body === undefined || signer.body.trim() === '') {
    return [upper(`${capacity} ${signer.position}`)];
  }
  return [upper(`${capacity} ${signer.body}`), upper(signer.position)];
}

/** "Ban Thường vụ" (a body signed for) or the signer's own position, as recorded. */
function authorityOf(signer: DocumentSigner): string {
  return signer.body ?? signer.position;
}

interface PlaceOptions {
  x?: number;
  y?: number;
  width?: number;
  font?: PdfFont;
  size?: number;
  /** Shrinks the text, by half points down to this size, until it fits one line. */
  minSize?: number;
  /** At most this many lines, cut with "…". */
  maxLines?: number;
  color?: string;
  align?: 'left' | 'center' | 'right';
  /** A rule under the line, as wide as the text. */
  rule?: boolean;
}

/** One line of the certificate, at its place, as the certificate templates place theirs. */
function place(doc: PDFKit.PDFDocument, text: string, options: PlaceOptions): void {
  const x = options.x ?? doc.page.margins.left;
  const width = options.width ?? contentWidth(doc);
  const font = options.font ?? 'regular';
  const size =
    options.minSize === undefined
      ? (options.size ?? BODY_SIZE)
      : fittedSize(doc, text, font, width, options.size ?? BODY_SIZE, options.minSize);
  doc
    .font(font)
    .fontSize(size)
    .fillColor(options.color ?? INK);
  doc.text(nfc(text), x, options.y ?? doc.y, {
    width,
    align: options.align ?? 'left',
    lineGap: LINE_GAP,
    ...(options.maxLines === undefined
      ? {}
      : { height: (doc.currentLineHeight(true) + LINE_GAP) * options.maxLines, ellipsis: true }),
  });
  if (options.rule === true) {
    const textWidth = Math.min(width, doc.font(font).fontSize(size).widthOfString(nfc(text)));
    underline(doc, x + width / 2, doc.y + 2, textWidth);
    doc.y += 6;
  }
  doc.x = doc.page.margins.left;
}

/** The certificate's double border. */
function drawFrame(doc: PDFKit.PDFDocument, inset: number): void {
  const { width, height } = doc.page;
  const inner = inset + 7;
  doc
    .lineWidth(3)
    .rect(inset, inset, width - 2 * inset, height - 2 * inset)
    .stroke(ACCENT);
  doc
    .lineWidth(0.8)
    .rect(inner, inner, width - 2 * inner, height - 2 * inner)
    .stroke(GOLD);
}

/** The PDF's date: the decision's, so the same record gives the same bytes. */
function documentDate(date: string): Date {
  const { year, month, day } = parseDecisionDate(date);
  return new Date(Date.UTC(year, month - 1, day));
}

function upper(text: string): string {
  return nfc(text).toLocaleUpperCase('vi-VN');
}
