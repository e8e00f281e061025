/**
 * Reads a PDF from standard input with Mozilla's PDF.js, as a viewer would, and prints what a
 * test needs as JSON: the page count and sizes, the text of page 1 line by line, and its fonts.
 * A separate Node process because PDF.js is an ES module, which Jest's CommonJS runtime cannot
 * load (see read-pdf.ts).
 */
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

const pdf = await getDocument({
  data: new Uint8Array(readFileSync(0)),
  fontExtraProperties: true, // keeps each font's PDF type on the objects read below
  verbosity: 0,
}).promise;
const page = await pdf.getPage(1);

const lines = [];
let line = '';
for (const item of (await page.getTextContent()).items) {
  line += item.str;
  if (item.hasEOL) {
    lines.push(line);
    line = '';
  }
}
if (line !== '') {
  lines.push(line);
}

// Fonts are resolved while the page's operators are read: collect those it actually selects.
const operators = await page.getOperatorList();
const fontIds = new Set(
  operators.fnArray.flatMap((op, index) =>
    op === OPS.setFont ? [operators.argsArray[index][0]] : [],
  ),
);
const fonts = [...fontIds].map((id) => {
  const font = page.commonObjs.get(id);
  return { name: font.name, type: font.type, embedded: !font.missingFile };
});

// Every page's text, for documents whose later pages matter (an attached list).
const pages = [lines];
for (let number = 2; number <= pdf.numPages; number++) {
  const text = await (await pdf.getPage(number)).getTextContent();
  const pageLines = [];
  let current = '';
  for (const item of text.items) {
    current += item.str;
    if (item.hasEOL) {
      pageLines.push(current);
      current = '';
    }
  }
  if (current !== '') pageLines.push(current);
  pages.push(pageLines);
}

const [, , width, height] = page.view;
process.stdout.write(
  JSON.stringify({ pageCount: pdf.numPages, width, height, lines, fonts, pages }),
);
