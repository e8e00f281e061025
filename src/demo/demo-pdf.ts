/**
 * A small, valid one-page PDF for a demo dossier document: the Vietnamese title in a comment line
 * (UTF-8) and in the document information (UTF-16), and an unaccented copy on the page, since the
 * standard PDF fonts cannot draw Vietnamese. The same title always gives the same bytes.
 */
export function demoPdf(title: string, lines: readonly string[] = []): Buffer {
  const text = [title, ...lines].map((line, index) =>
    index === 0
      ? `BT /F1 14 Tf 56 780 Td (${pdfText(line)}) Tj ET`
      : `BT /F1 11 Tf 56 ${760 - index * 16} Td (${pdfText(line)}) Tj ET`,
  );
  const content = text.join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] ' +
      '/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Title <${utf16Hex(title)}> /Producer (thidua-workflow demo) >>`,
  ];
  const parts: Buffer[] = [Buffer.from(`%PDF-1.4\n% ${title.replace(/[\r\n]/g, ' ')}\n`, 'utf8')];
  const offsets: number[] = [];
  let length = parts[0].length;
  objects.forEach((body, index) => {
    offsets.push(length);
    const object = Buffer.from(`${index + 1} 0 obj\n${body}\nendobj\n`, 'latin1');
    parts.push(object);
    length += object.length;
  });
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\n` +
    `startxref\n${length}\n%%EOF\n`;
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}

/** Vietnamese without its marks (đ → d), with the PDF string delimiters escaped. */
function pdfText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/[^\x20-\x7e]/g, '?')
    .replace(/([\\()])/g, '\\$1');
}

/** A PDF text string in UTF-16BE with its byte order mark, as hex. */
function utf16Hex(value: string): string {
  const bytes = Buffer.from(value, 'utf16le');
  for (let i = 0; i < bytes.length; i += 2) [bytes[i], bytes[i + 1]] = [bytes[i + 1], bytes[i]];
  return `FEFF${bytes.toString('hex').toUpperCase()}`;
}
