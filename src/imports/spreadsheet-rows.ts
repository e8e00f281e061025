/** One row of a file as its reader hands it over, before the header gives its cells a meaning. */
export interface RawRow {
  /** The line the row starts on, as the author sees it (the first line is 1). */
  line: number;
  /** Cell text (NFC, trimmed) from column A on; '' for an empty cell. */
  cells: string[];
}

/** What a reader may let in; beyond any of these it refuses the file where it stands. */
export interface ReadBounds {
  /** A value in a column beyond this refuses the file; empty cells there are skipped. */
  maxColumns: number;
  maxCellLength: number;
  /** XLSX only: bytes the parts read may unpack to, together. */
  maxUnpackedBytes: number;
}

/** Excel's own last column (XFD): no spreadsheet a person made has a cell beyond it. */
export const EXCEL_MAX_COLUMNS = 16_384;

/** One Unicode form, so text typed decomposed (as some keyboards do) matches what is stored. */
export function tidyCell(text: string): string {
  return text.normalize('NFC').trim();
}
