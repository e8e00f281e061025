import { toVietnameseDate } from '../domain/calendar/iso-date';
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
 */

/** Decree 30/2020/NĐ-CP margins; the bottom leaves room for the one-line footer. */
const MARGIN = { top: 57, bottom: 70, left: 85, right: 57 };

const TYPES: Record<string, string> = {
  regular: 'thường xuyên',
  thematic: 'theo chuyên đề',
  campaign: 'theo đợt',
};

export async function renderResultsReportPdf(report: MovementResultsDto): Promise<Buffer> {
  const asOf = new Date(`${report.movement.period.from}T00:00:00Z`);
  const title = `BÁO CÁO ${report.phaseLabel.vi.toUpperCase()}`;
  const { doc, rendered } = openA4Document({
    margins: MARGIN,
    lang: 'vi-VN',
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

  drawHeading(doc, report, title);
  drawParticulars(doc, report);
  drawUnits(doc, report);
  drawClosing(doc, report);
  drawFooters(doc, report);

  doc.end();
  return rendered;
}

function drawHeading(doc: PDFKit.PDFDocument, report: MovementResultsDto, title: string): void {
  const headingBottom = drawOfficialHeading(doc, {
    parentBody: report.recipients.find((r) => r.role === 'superior')?.name,
    issuer: report.movement.launchingUnit.name,
    nationalHeading: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    motto: 'Độc lập - Tự do - Hạnh phúc',
    // Left for the signer: the report is dated when it is signed, not when it is printed.
    placeAndDate: '............, ngày ...... tháng ...... năm ......',
  });

  write(doc, title, {
    y: headingBottom + 24,
    font: 'bold',
    size: 14,
    align: 'center',
  });
  write(doc, `Kết quả thực hiện phong trào thi đua “${report.movement.title}”`, {
    font: 'bold',
    align: 'center',
  });
  write(doc, `(Mã phong trào: ${report.movement.code})`, { font: 'italic', align: 'center' });
  doc.y += 10;
}

function drawParticulars(doc: PDFKit.PDFDocument, report: MovementResultsDto): void {
  const { movement } = report;
  section(doc, 'I. THÔNG TIN CHUNG');
  write(doc, 'Căn cứ:', { indent: INDENT });
  for (const basis of movement.legalBasis)
    write(doc, `– ${basis.citation};`, { indent: 2 * INDENT });
  write(
    doc,
    `Loại phong trào: ${TYPES[movement.type] ?? movement.type}. Thời gian: từ ngày ` +
      `${toVietnameseDate(movement.period.from)} đến ngày ${toVietnameseDate(movement.period.to)}.`,
    { indent: INDENT },
  );
  write(doc, `Đơn vị phát động: ${movement.launchingUnit.name}.`, { indent: INDENT });
  if (movement.leadUnit !== null) {
    write(doc, `Đơn vị chủ trì: ${movement.leadUnit.name}.`, { indent: INDENT });
  }
  if (report.phaseStartedOn !== null) {
    write(
      doc,
      `${report.phaseLabel.vi} bắt đầu từ ngày ${toVietnameseDate(report.phaseStartedOn)}.`,
      { indent: INDENT },
    );
  }
  write(doc, 'Tiêu chí đánh giá:', { indent: INDENT });
  for (const criterion of report.criteria) {
    const weight = criterion.weight === null ? '' : ` (trọng số ${criterion.weight})`;
    write(doc, `– ${criterion.name.vi}${weight};`, { indent: 2 * INDENT });
  }
  section(doc, 'II. TÌNH HÌNH TRIỂN KHAI');
  write(
    doc,
    `Số đơn vị trong phạm vi phong trào: ${report.units}; đã tiếp nhận, xây dựng kế hoạch: ` +
      `${report.acknowledged}; đã báo cáo ${report.phaseLabel.vi.toLowerCase()}: ${report.reported}.`,
    { indent: INDENT },
  );
}

function drawUnits(doc: PDFKit.PDFDocument, report: MovementResultsDto): void {
  section(doc, 'III. KẾT QUẢ CỦA TỪNG ĐƠN VỊ');
  report.items.forEach((row, index) => {
    writeKeptTogether(doc, unitLines(report, row, index));
  });
}

function unitLines(report: MovementResultsDto, row: ResultsRowDto, index: number): BlockLine[] {
  const body = (text: string, font?: PdfFont): BlockLine => ({ text, font, indent: 2 * INDENT });
  const lines: BlockLine[] = [
    { text: `${index + 1}. ${row.unit.name} (${row.unit.code})`, font: 'bold', indent: INDENT },
  ];
  const acknowledgement = row.acknowledgement;
  if (acknowledgement === null) {
    lines.push(body('Chưa tiếp nhận phong trào.', 'italic'));
    return lines;
  }
  lines.push(body(`Tiếp nhận ngày ${toVietnameseDate(acknowledgement.acknowledgedOn)}.`));
  if (acknowledgement.planSummary !== null) {
    lines.push(body(`Kế hoạch thực hiện: ${acknowledgement.planSummary}`));
  }
  if (acknowledgement.plans.length > 0) {
    lines.push(
      body(`Văn bản kế hoạch: ${acknowledgement.plans.map((p) => p.fileName).join('; ')}.`),
    );
  }
  if (row.report === null) {
    lines.push(body(`Chưa báo cáo ${report.phaseLabel.vi.toLowerCase()}.`, 'italic'));
    return lines;
  }
  lines.push(body(`Báo cáo ngày ${toVietnameseDate(row.report.reportedOn)}:`));
  const names = new Map(report.criteria.map((c) => [c.code, c.name.vi]));
  for (const result of row.report.results) {
    const score = result.score === null ? '' : ` – điểm ${decimal(result.score)}`;
    const text = result.text === '' ? 'không báo cáo' : result.text;
    lines.push({
      text: `– ${names.get(result.criterionCode) ?? result.criterionCode}${score}: ${text}`,
      indent: 3 * INDENT,
    });
  }
  if (report.scored) {
    const total = row.report.totalScore === null ? '–' : decimal(row.report.totalScore);
    const weighted = row.report.weightedScore === null ? '–' : decimal(row.report.weightedScore);
    lines.push(body(`Tổng điểm: ${total}; điểm theo trọng số: ${weighted}.`, 'bold'));
  }
  return lines;
}

function drawClosing(doc: PDFKit.PDFDocument, report: MovementResultsDto): void {
  keepSpace(doc, 150);
  const top = doc.y + 18;
  const columnWidth = contentWidth(doc) / 2;
  write(doc, 'Nơi nhận:', { x: MARGIN.left, y: top, width: columnWidth, font: 'bold', size: 11 });
  for (const recipient of report.recipients) {
    const line = recipient.role === 'archive' ? `Lưu: ${recipient.name}.` : `${recipient.name};`;
    write(doc, `– ${line}`, { x: MARGIN.left, width: columnWidth, size: 10 });
  }
  const signX = MARGIN.left + columnWidth;
  writeSignatureHeading(
    doc,
    { x: signX, y: top, width: columnWidth },
    `T/M ${report.movement.launchingUnit.name.toUpperCase()}`,
    '(Ký, ghi rõ họ tên, đóng dấu)',
  );
}

function drawFooters(doc: PDFKit.PDFDocument, report: MovementResultsDto): void {
  drawPageFooters(doc, (y, page, pages) => {
    write(doc, `Phong trào ${report.movement.code} · ${report.movement.id}`, { ...FOOTER_TEXT, y });
    write(doc, `Trang ${page}/${pages}`, { ...FOOTER_TEXT, y, align: 'right' });
  });
}

/** "55", "55,13": Vietnamese decimal comma. */
function decimal(value: number): string {
  return String(value).replace('.', ',');
}
