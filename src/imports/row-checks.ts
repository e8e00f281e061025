import type { CellProblem, CellResult } from './cell-values';
import type { ColumnSpec } from './import-vocabulary';
import type { SpreadsheetRow } from './spreadsheet';

/** One thing wrong with one row of an import file; `field` is 'row' when no single cell is. */
export interface RowProblem {
  line: number;
  field: string;
  message: string;
  messageVi: string;
}

export const CODE_MAX_LENGTH = 64;
export const NAME_MAX_LENGTH = 300;

/**
 * Collects the problems of one row while its cells are read, so a row reports everything wrong
 * with it at once rather than the first thing.
 */
export class RowChecker<Field extends string> {
  readonly problems: RowProblem[] = [];

  constructor(
    private readonly row: SpreadsheetRow<Field>,
    private readonly columns: readonly ColumnSpec<Field>[],
  ) {
    if (row.hasStrayCells) {
      this.report(
        'row',
        'The row has values in a column without a header.',
        'Dòng có dữ liệu ở cột không có tiêu đề.',
      );
    }
  }

  get ok(): boolean {
    return this.problems.length === 0;
  }

  /** Whether the file has a column for `field`. */
  has(field: Field): boolean {
    return this.row.values[field] !== undefined;
  }

  report(field: string, message: string, messageVi: string): void {
    this.problems.push({ line: this.row.line, field, message, messageVi });
  }

  /**
   * The cell's text, tidied by `tidy` when given; reports it when required and empty or when
   * longer than `maxLength`. An absent column reads as empty.
   */
  text(
    field: Field,
    options: { required: boolean; maxLength: number; tidy?: (text: string) => string },
  ): string {
    const raw = this.row.values[field] ?? '';
    const value = options.tidy ? options.tidy(raw) : raw;
    if (options.required && value === '') {
      this.reportMissing(field);
    } else if (value.length > options.maxLength) {
      this.report(
        field,
        `${field} is longer than ${options.maxLength} characters.`,
        `"${this.labelVi(field)}" dài quá ${options.maxLength} ký tự.`,
      );
    }
    return value;
  }

  /** A cell that must be filled in and is read by `parse`; undefined when missing or refused. */
  required<T>(field: Field, parse: (text: string) => CellResult<T>): T | undefined {
    const text = this.row.values[field] ?? '';
    if (text === '') {
      this.reportMissing(field);
      return undefined;
    }
    return this.read(field, text, parse);
  }

  /**
   * A cell read by `parse` (which decides what an empty cell means); undefined when the file has
   * no such column or the value is refused.
   */
  optional<T>(field: Field, parse: (text: string) => CellResult<T>): T | undefined {
    const text = this.row.values[field];
    return text === undefined ? undefined : this.read(field, text, parse);
  }

  private read<T>(field: Field, text: string, parse: (text: string) => CellResult<T>) {
    const result = parse(text);
    if (result.ok) return result.value;
    this.reportCell(field, result);
    return undefined;
  }

  private reportMissing(field: Field): void {
    this.report(field, `${field} is required.`, `"${this.labelVi(field)}" không được để trống.`);
  }

  private labelVi(field: Field): string {
    return this.columns.find((column) => column.field === field)?.labelVi ?? field;
  }

  private reportCell(field: string, problem: CellProblem): void {
    this.report(field, problem.message, problem.messageVi);
  }
}

/**
 * Later rows that repeat an earlier row's code are refused: which of them the author meant is
 * unknowable. Returns the line of the first row of each code.
 */
export function findDuplicateCodes(rows: readonly { line: number; code: string }[]): {
  firstLineByCode: Map<string, number>;
  problems: RowProblem[];
} {
  const firstLineByCode = new Map<string, number>();
  const problems: RowProblem[] = [];
  for (const { line, code } of rows) {
    if (code === '') continue;
    const first = firstLineByCode.get(code);
    if (first === undefined) {
      firstLineByCode.set(code, line);
    } else {
      problems.push({
        line,
        field: 'code',
        message: `The code "${code}" is already used on line ${first}.`,
        messageVi: `Mã "${code}" đã dùng ở dòng ${first}.`,
      });
    }
  }
  return { firstLineByCode, problems };
}

/** Problems in file order, so a person fixing the file can work down it. */
export function sortProblems(problems: RowProblem[]): RowProblem[] {
  return [...problems].sort((a, b) => a.line - b.line);
}
