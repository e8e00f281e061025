import { toVietnameseDate } from '../domain/calendar/iso-date';
import type { Language } from '../domain/localized';
import { englishLongDate } from '../outputs/award-decision';
import {
  FOOTER_TEXT,
  INDENT,
  contentWidth,
  drawOfficialHeading,
  drawPageFooters,
  keepSpace,
  nfc,
  openA4Document,
  section,
  write,
  writeKeptTogether,
  writeSignatureHeading,
  type BlockLine,
  type PdfFont,
} from '../outputs/pdf-layout';
import type { MovementResultsDto, ResultsRowDto } from './dto/movement-reports.dto';

/**
 * The consolidated results report of a movement's review as an A4 PDF in Vietnamese
 * administrative style (Decree 30/2020/NĐ-CP): the issuing unit and the national heading, the
 * title, the movement's particulars (legal basis, period, lead unit, criteria and weights), how
 * many units acknowledged and reported, each unit's results against each criterion with its
 * scores, then "Nơi nhận" and the signature block. The day of signing is left blank for the
 * signer (the server's clock is no legal date). Deterministic: the same report, the same bytes.
 * The report to sign is Vietnamese; the same layout in English is a rendering for readers who
 * need it (what units typed, and the legal bases' citations, stay as written).
 */

/** Decree 30/2020/NĐ-CP margins; the bottom leaves room for the one-line footer. */
const MARGIN = { top: 57, bottom: 70, left: 85, right: 57 };

/** What the server renders: the report, in a language. */
export interface ResultsReportInput {
  report: MovementResultsDto;
  language: Language;
}

interface Words {
  nationalHeading: string;
  motto: string;
  placeAndDate: string;
  title: (phase: string) => string;
  subtitle: (title: string) => string;
  code: (code: string) => string;
  sectionGeneral: string;
  bases: string;
  types: Record<string, string>;
  typeAndPeriod: (type: string, from: string, to: string) => string;
  launchingUnit: (name: string) => string;
  leadUnit: (name: string) => string;
  phaseStarted: (phase: string, on: string) => string;
  criteria: string;
  weight: (weight: number) => string;
  sectionProgress: string;
  progress: (units: number, acknowledged: number, phase: string, reported: number) => string;
  sectionUnits: string;
  notAcknowledged: string;
  acknowledgedOn: (on: string) => string;
  plan: (summary: string) => string;
  planFiles: (names: string) => string;
  notReported: (phase: string) => string;
  reportedOn: (on: string) => string;
  score: (score: string) => string;
  nothingReported: string;
  totals: (total: string, weighted: string) => string;
  recipients: string;
  archive: (name: string) => string;
  onBehalfOf: (unit: string) => string;
  signHint: string;
  footerMovement: (code: string, id: string) => string;
  page: (page: number, pages: number) => string;
  date: (iso: string) => string;
  decimal: (value: number) => string;
}

const VIETNAMESE: Words = {
  nationalHeading: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  motto: 'Độc lập - Tự do - Hạnh phúc',
  // Left for the signer: the report is dated when it is signed, not when it is printed.
  placeAndDate: '............, ngày ...... tháng ...... năm ......',
  title: (phase) => `BÁO CÁO ${phase.toUpperCase()}`,
  subtitle: (title) => `Kết quả thực hiện phong trào thi đua “${title}”`,
  code: (code) => `(Mã phong trào: ${code})`,
  sectionGeneral: 'I. THÔNG TIN CHUNG',
  bases: 'Căn cứ:',
  types: { regular: 'thường xuyên', thematic: 'theo chuyên đề', campaign: 'theo đợt' },
  typeAndPeriod: (type, from, to) =>
    `Loại phong trào: ${type}. Thời gian: từ ngày ${from} đến ngày ${to}.`,
  launchingUnit: (name) => `Đơn vị phát động: ${name}.`,
  leadUnit: (name) => `Đơn vị chủ trì: ${name}.`,
  phaseStarted: (phase, on) => `${phase} bắt đầu từ ngày ${on}.`,
  criteria: 'Tiêu chí đánh giá:',
  weight: (weight) => ` (trọng số ${weight})`,
  sectionProgress: 'II. TÌNH HÌNH TRIỂN KHAI',
  progress: (units, acknowledged, phase, reported) =>
    `Số đơn vị trong phạm vi phong trào: ${units}; đã tiếp nhận, xây dựng kế hoạch: ` +
    `${acknowledged}; đã báo cáo ${phase.toLowerCase()}: ${reported}.`,
  sectionUnits: 'III. KẾT QUẢ CỦA TỪNG ĐƠN VỊ',
  notAcknowledged: 'Chưa tiếp nhận phong trào.',
  acknowledgedOn: (on) => `Tiếp nhận ngày ${on}.`,
  plan: (summary) => `Kế hoạch thực hiện: ${summary}`,
  planFiles: (names) => `Văn bản kế hoạch: ${names}.`,
  notReported: (phase) => `Chưa báo cáo ${phase.toLowerCase()}.`,
  reportedOn: (on) => `Báo cáo ngày ${on}:`,
  score: (score) => ` – điểm ${score}`,
  nothingReported: 'không báo cáo',
  totals: (total, weighted) => `Tổng điểm: ${total}; điểm theo trọng số: ${weighted}.`,
  recipients: 'Nơi nhận:',
  archive: (name) => `Lưu: ${name}.`,
  onBehalfOf: (unit) => `T/M ${unit.toUpperCase()}`,
  signHint: '(Ký, ghi rõ họ tên, đóng dấu)',
  footerMovement: (code, id) => `Phong trào ${code} · ${id}`,
  page: (page, pages) => `Trang ${page}/${pages}`,
  date: toVietnameseDate,
  // "55", "55,13": Vietnamese decimal comma.
  decimal: (value) => String(value).replace('.', ','),
};

const ENGLISH: Words = {
  nationalHeading: 'SOCIALIST REPUBLIC OF VIETNAM',
  motto: 'Independence - Freedom - Happiness',
  placeAndDate: '............, ............ 20....',
  title: (phase) => `REPORT: ${phase.toUpperCase()}`,
  subtitle: (title) => `Results of the emulation movement “${title}”`,
  code: (code) => `(Movement code: ${code})`,
  sectionGeneral: 'I. GENERAL INFORMATION',
  bases: 'Legal basis:',
  types: { regular: 'regular', thematic: 'thematic', campaign: 'campaign' },
  typeAndPeriod: (type, from, to) => `Type of movement: ${type}. Period: from ${from} to ${to}.`,
  launchingUnit: (name) => `Launched by: ${name}.`,
  leadUnit: (name) => `Lead unit: ${name}.`,
  phaseStarted: (phase, on) => `${phase} began on ${on}.`,
  criteria: 'Criteria:',
  weight: (weight) => ` (weight ${weight})`,
  sectionProgress: 'II. PROGRESS',
  progress: (units, acknowledged, phase, reported) =>
    `Units in the movement's scope: ${units}; acknowledged with a plan: ${acknowledged}; ` +
    `reported (${phase.toLowerCase()}): ${reported}.`,
  sectionUnits: 'III. RESULTS OF EACH UNIT',
  notAcknowledged: 'Has not acknowledged the movement.',
  acknowledgedOn: (on) => `Acknowledged on ${on}.`,
  plan: (summary) => `Implementation plan: ${summary}`,
  planFiles: (names) => `Plan documents: ${names}.`,
  notReported: (phase) => `Has not reported (${phase.toLowerCase()}).`,
  reportedOn: (on) => `Reported on ${on}:`,
  score: (score) => ` – score ${score}`,
  nothingReported: 'nothing reported',
  totals: (total, weighted) => `Total score: ${total}; weighted score: ${weighted}.`,
  recipients: 'Recipients:',
  archive: (name) => `Archive: ${name}.`,
  onBehalfOf: (unit) => `ON BEHALF OF ${unit.toUpperCase()}`,
  signHint: '(Signature, full name and seal)',
  footerMovement: (code, id) => `Movement ${code} · ${id}`,
  page: (page, pages) => `Page ${page} of ${pages}`,
  date: englishLongDate,
  decimal: (value) => String(value),
};

const WORDS: Record<Language, Words> = { vi: VIETNAMESE, en: ENGLISH };

export async function renderResultsReportPdf(
  report: MovementResultsDto,
  language: Language = 'vi',
): Promise<Buffer> {
  const words = WORDS[language];
  const asOf = new Date(`${report.movement.period.from}T00:00:00Z`);
  const title = words.title(report.phaseLabel[language]);
  const { doc, rendered } = openA4Document({
    margins: MARGIN,
    lang: language === 'vi' ? 'vi-VN' : 'en',
    info: {
      Title: nfc(`${title} – ${report.movement.title}`),
      Author: nfc(report.movement.launchingUnit.name),
      Subject: nfc(report.movement.code),
      Keywords: report.movement.id,
      Creator: 'thidua-workflow',
      CreationDate: asOf,
      ModDate: asOf,
    },
  });

  drawHeading(doc, report, title, words);
  drawParticulars(doc, report, words, language);
  drawUnits(doc, report, words, language);
  drawClosing(doc, report, words);
  drawFooters(doc, report, words);

  doc.end();
  return rendered;
}

function drawHeading(
  doc: PDFKit.PDFDocument,
  report: MovementResultsDto,
  title: string,
  words: Words,
): void {
  const headingBottom = drawOfficialHeading(doc, {
    parentBody: report.recipients.find((r) => r.role === 'superior')?.name,
    issuer: report.movement.launchingUnit.name,
    nationalHeading: words.nationalHeading,
    motto: words.motto,
    placeAndDate: words.placeAndDate,
  });

  write(doc, title, {
    y: headingBottom + 24,
    font: 'bold',
    size: 14,
    align: 'center',
  });
  write(doc, words.subtitle(report.movement.title), { font: 'bold', align: 'center' });
  write(doc, words.code(report.movement.code), { font: 'italic', align: 'center' });
  doc.y += 10;
}

function drawParticulars(
  doc: PDFKit.PDFDocument,
  report: MovementResultsDto,
  words: Words,
  language: Language,
): void {
  const { movement } = report;
  const phase = report.phaseLabel[language];
  section(doc, words.sectionGeneral);
  write(doc, words.bases, { indent: INDENT });
  for (const basis of movement.legalBasis)
    write(doc, `– ${basis.citation};`, { indent: 2 * INDENT });
  write(
    doc,
    words.typeAndPeriod(
      words.types[movement.type] ?? movement.type,
      words.date(movement.period.from),
      words.date(movement.period.to),
    ),
    { indent: INDENT },
  );
  write(doc, words.launchingUnit(movement.launchingUnit.name), { indent: INDENT });
  if (movement.leadUnit !== null) {
    write(doc, words.leadUnit(movement.leadUnit.name), { indent: INDENT });
  }
  if (report.phaseStartedOn !== null) {
    write(doc, words.phaseStarted(phase, words.date(report.phaseStartedOn)), { indent: INDENT });
  }
  write(doc, words.criteria, { indent: INDENT });
  for (const criterion of report.criteria) {
    const weight = criterion.weight === null ? '' : words.weight(criterion.weight);
    write(doc, `– ${criterion.name[language]}${weight};`, { indent: 2 * INDENT });
  }
  section(doc, words.sectionProgress);
  write(doc, words.progress(report.units, report.acknowledged, phase, report.reported), {
    indent: INDENT,
  });
}

function drawUnits(
  doc: PDFKit.PDFDocument,
  report: MovementResultsDto,
  words: Words,
  language: Language,
): void {
  section(doc, words.sectionUnits);
  report.items.forEach((row, index) => {
    writeKeptTogether(doc, unitLines(report, row, index, words, language));
  });
}

function unitLines(
  report: MovementResultsDto,
  row: ResultsRowDto,
  index: number,
  words: Words,
  language: Language,
): BlockLine[] {
  const body = (text: string, font?: PdfFont): BlockLine => ({ text, font, indent: 2 * INDENT });
  const phase = report.phaseLabel[language];
  const lines: BlockLine[] = [
    { text: `${index + 1}. ${row.unit.name} (${row.unit.code})`, font: 'bold', indent: INDENT },
  ];
  const acknowledgement = row.acknowledgement;
  if (acknowledgement === null) {
    lines.push(body(words.notAcknowledged, 'italic'));
    return lines;
  }
  lines.push(body(words.acknowledgedOn(words.date(acknowledgement.acknowledgedOn))));
  if (acknowledgement.planSummary !== null) {
    lines.push(body(words.plan(acknowledgement.planSummary)));
  }
  if (acknowledgement.plans.length > 0) {
    lines.push(body(words.planFiles(acknowledgement.plans.map((p) => p.fileName).join('; '))));
  }
  if (row.report === null) {
    lines.push(body(words.notReported(phase), 'italic'));
    return lines;
  }
  lines.push(body(words.reportedOn(words.date(row.report.reportedOn))));
  const names = new Map(report.criteria.map((c) => [c.code, c.name[language]]));
  for (const result of row.report.results) {
    const score = result.score === null ? '' : words.score(words.decimal(result.score));
    const text = result.text === '' ? words.nothingReported : result.text;
    lines.push({
      text: `– ${names.get(result.criterionCode) ?? result.criterionCode}${score}: ${text}`,
      indent: 3 * INDENT,
    });
  }
  if (report.scored) {
    const total = row.report.totalScore === null ? '–' : words.decimal(row.report.totalScore);
    const weighted =
      row.report.weightedScore === null ? '–' : words.decimal(row.report.weightedScore);
    lines.push(body(words.totals(total, weighted), 'bold'));
  }
  return lines;
}

function drawClosing(doc: PDFKit.PDFDocument, report: MovementResultsDto, words: Words): void {
  keepSpace(doc, 150);
  const top = doc.y + 18;
  const columnWidth = contentWidth(doc) / 2;
  write(doc, words.recipients, {
    x: MARGIN.left,
    y: top,
    width: columnWidth,
    font: 'bold',
    size: 11,
  });
  for (const recipient of report.recipients) {
    const line =
      recipient.role === 'archive' ? words.archive(recipient.name) : `${recipient.name};`;
    write(doc, `– ${line}`, { x: MARGIN.left, width: columnWidth, size: 10 });
  }
  const signX = MARGIN.left + columnWidth;
  writeSignatureHeading(
    doc,
    { x: signX, y: top, width: columnWidth },
    words.onBehalfOf(report.movement.launchingUnit.name),
    words.signHint,
  );
}

function drawFooters(doc: PDFKit.PDFDocument, report: MovementResultsDto, words: Words): void {
  drawPageFooters(doc, (y, page, pages) => {
    write(doc, words.footerMovement(report.movement.code, report.movement.id), {
      ...FOOTER_TEXT,
      y,
    });
    write(doc, words.page(page, pages), { ...FOOTER_TEXT, y, align: 'right' });
  });
}
