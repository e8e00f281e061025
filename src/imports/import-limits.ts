/**
 * How much of a file an import reads before refusing it. Each bound stops a hostile or broken file
 * early (a cell in column XFD, a zip bomb, a row of millions of commas) with a 422 that names the
 * bound and where it was hit, instead of a server that runs out of memory.
 */
export interface ImportLimits {
  /** Data rows (the header and blank lines not counted). */
  maxRows: number;
  /** Characters in one cell, after trimming: far above any field's own maximum. */
  maxCellLength: number;
  /** Bytes an XLSX file may unpack to, all the parts that are read together. */
  maxUnpackedBytes: number;
  /** Bad rows listed in a report or a refusal; the rest are counted. */
  maxListedErrors: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxRows: 1_000_000,
  maxCellLength: 4_000,
  maxUnpackedBytes: 1024 * 1024 * 1024,
  maxListedErrors: 1_000,
};

/**
 * Columns a file may have beyond its vocabulary's: room for a row-number column and blank or
 * notes columns, still far below Excel's 16,384 (XFD).
 */
export const COLUMN_SLACK = 16;

export function maxColumnsFor(vocabularySize: number): number {
  return vocabularySize + COLUMN_SLACK;
}

/** "A", "Z", "AA", …, "XFD" for 1, 26, 27, …, 16384: how a spreadsheet user names a column. */
export function columnName(column: number): string {
  let name = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    name = String.fromCharCode(65 + ((rest - 1) % 26)) + name;
  }
  return name;
}

/** The injection token of the limits in force (see imports.module.ts). */
export const IMPORT_LIMITS = Symbol('ImportLimits');

/**
 * The limits from the validated configuration (`config.imports`, IMPORT_MAX_ROWS and the like),
 * each falling back to its default.
 */
export function importLimitsFrom(config: object): ImportLimits {
  const configured = (config as { imports?: Partial<ImportLimits> }).imports ?? {};
  return { ...DEFAULT_IMPORT_LIMITS, ...configured };
}
