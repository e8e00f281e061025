import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export interface PdfReading {
  pageCount: number;
  /** Of page 1, in points. */
  width: number;
  height: number;
  /** The text of page 1 as PDF.js extracts it (through each font's ToUnicode map), by line. */
  lines: string[];
  fonts: Array<{ name: string; type: string; embedded: boolean }>;
  /** The text of every page, by line (pages[0] is `lines`). */
  pages: string[][];
}

/**
 * What an independent PDF reader (PDF.js) sees in a PDF. It runs in a child Node process: PDF.js
 * ships only as an ES module, which Jest's CommonJS runtime cannot load.
 */
export function readPdf(pdf: Buffer): PdfReading {
  const output = execFileSync(process.execPath, [join(__dirname, 'pdf-text.mjs')], {
    input: pdf,
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(output.toString('utf8')) as PdfReading;
}
