import type { DocumentFormat, DocumentKind } from './document-kinds';

/**
 * An official document's template (data/templates/<kind>.<format>.json): the blocks of the page in
 * order, their text with `{{placeholders}}` filled from the document's data. Data only: no code,
 * no expressions, nothing a template can call. The shape is checked by template.schema.json and
 * the placeholders against the kind's fields (template-files.ts) before the server starts.
 */
export interface DocumentTemplate {
  kind: DocumentKind;
  format: DocumentFormat;
  /** Raised by whoever edits the file; printed in GET /templates. */
  version: number;
  description: { vi: string; en: string };
  /** The rule the layout follows (HD 36-HD/VPTW 2018, Decree 30/2020/NĐ-CP Annex I). */
  source: string;
  page: TemplatePage;
  /**
   * How a bare sequence number ("12") is written in this format, e.g. "{{sequence}}-QĐ/{{issuer.series}}"
   * (Party) or "{{sequence}}/QĐ-{{issuer.series}}" (State); a number given whole is printed as given.
   */
  numberPattern: string;
  /** The PDF's title (document properties). */
  title: string;
  blocks: TemplateBlock[];
}

export interface TemplatePage {
  orientation: 'portrait' | 'landscape';
  /** In points (1 mm ≈ 2.835 pt). */
  margins: { top: number; bottom: number; left: number; right: number };
}

export type TemplateFont = 'regular' | 'bold' | 'italic';

/** One line (or paragraph) of text. */
export interface TemplateLine {
  text: string;
  font?: TemplateFont;
  size?: number;
  /** Shrinks the text, by half points down to this size, until it fits one line. */
  minSize?: number;
  /** At most this many lines, cut with "…". */
  maxLines?: number;
  align?: 'left' | 'center' | 'right' | 'justify';
  upper?: boolean;
  /** "#rrggbb". */
  color?: string;
  /** A short rule under the line, as wide as the text (under a motto) or `ruleWidth` points. */
  rule?: boolean;
  ruleWidth?: number;
  /** Space above, in points. */
  gap?: number;
  /** Left out when one of its placeholders is empty (an issuer without a parent body). */
  optional?: boolean;
  /** First-line indent, in points. */
  indent?: number;
  /** Placed at this height from the top of the page instead of in the flow (certificates). */
  y?: number;
}

export type TemplateBlock =
  | HeadingBlock
  | TextBlock
  | ListBlock
  | ArticlesBlock
  | TableBlock
  | ClosingBlock
  | FrameBlock
  | QrBlock;

/** The two columns at the top of the first page: issuing body left, national or Party heading right. */
export interface HeadingBlock {
  type: 'heading';
  /** Width of the left column, in points. */
  leftWidth: number;
  left: TemplateLine[];
  right: TemplateLine[];
  gap?: number;
}

export interface TextBlock {
  type: 'text';
  lines: TemplateLine[];
  /** From the left page edge; the left margin when absent. */
  x?: number;
  width?: number;
  /** Kept on one page with the next block (a heading before its text). */
  keepWithNext?: boolean;
}

/** One line per element of a list of strings in the data (`{{item}}`, `{{n}}` its number). */
export interface ListBlock {
  type: 'list';
  source: string;
  line: TemplateLine;
  /** Printed after the last element's line ("- Lưu VT."). */
  after?: TemplateLine[];
}

/** "Điều 1. …": the template's articles before and after those the data brings. */
export interface ArticlesBlock {
  type: 'articles';
  /** "Điều {{n}}.", in bold before each article. */
  label: string;
  before: string[];
  source?: string;
  after: string[];
  gap?: number;
}

export interface TableColumn {
  header: string;
  /** Filled per row: `{{n}}`, `{{item.nominee}}`. */
  value: string;
  /** A share of the table's width; shares are scaled to add up to the whole. */
  width: number;
  align?: 'left' | 'center' | 'right';
}

/** A ruled table of a list of records in the data: the attached list (danh sách kèm theo). */
export interface TableBlock {
  type: 'table';
  source: string;
  /** Starts on a new page (an attached list). */
  newPage?: boolean;
  /** Lines above the table (its title, "Kèm theo Quyết định số …"). */
  title?: TemplateLine[];
  columns: TableColumn[];
  size?: number;
  /** Printed when the list is empty. */
  empty?: string;
  gap?: number;
}

/**
 * The foot of the document: on the left the recipients ("Nơi nhận:") or other lines, on the right
 * the signer's title block (T/M, KT., TL., Q.), room for the signature and seal, and the name.
 */
export interface ClosingBlock {
  type: 'closing';
  left?:
    | { label: TemplateLine; source: string; line: TemplateLine; after?: TemplateLine[] }
    | {
        lines: TemplateLine[];
      };
  /** The signer's column: from this x (points from the page edge) this wide; right half when absent. */
  signer: {
    x?: number;
    width?: number;
    /** Placed at this height instead of in the flow. */
    y?: number;
    size?: number;
    /** Under the title block, in italics ("(Ký, ghi rõ họ tên, đóng dấu)"); official copies have none. */
    hint?: string;
    /** Room left for the signature and the seal, in points. */
    space: number;
    nameSize?: number;
  };
  gap?: number;
}

/** A double border round the page (certificates). */
export interface FrameBlock {
  type: 'frame';
  inset: number;
  color: string;
  innerColor: string;
}

/** A QR code of a URL in the data, as vector squares, at a fixed place. */
export interface QrBlock {
  type: 'qr';
  value: string;
  x: number;
  y: number;
  size: number;
  /** Lines to the right of the code (the verification code and link). */
  beside?: TemplateLine[];
  besideWidth?: number;
}
