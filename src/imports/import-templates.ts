import { exceljs } from '../outputs/exceljs';
import { CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE } from '../common/body-parsing';
import { csvCell, UTF8_BOM } from '../outputs/csv';
import type { Language, Localized } from '../domain/localized';
import { RATING_COLUMNS, type RatingField } from './rating-import-vocabulary';
import { AWARD_COLUMNS, AWARD_STATUS_LABELS, type AwardField } from './award-import-vocabulary';
import { EMPLOYMENT_TYPES, UNIT_KINDS } from '../domain/org/registry';
import {
  EMPLOYMENT_TYPE_LABELS,
  PERSON_COLUMNS,
  UNIT_COLUMNS,
  UNIT_KIND_LABELS,
  type ColumnSpec,
  type PersonField,
  type UnitField,
} from './import-vocabulary';
import { fileNameIn } from '../outputs/file-names';

export const TEMPLATE_KINDS = ['units', 'people', 'awards', 'ratings'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export const TEMPLATE_FORMATS = ['xlsx', 'csv'] as const;
export type TemplateFormat = (typeof TEMPLATE_FORMATS)[number];

/**
 * One import file's template: the header row is the importer's own columns (their `labelVi`, the
 * header the importer names in its messages), in its order, so a filled-in template always passes
 * the header check. The example row is typed per field, so a column added to the vocabulary
 * without an example does not compile.
 */
interface Template<Field extends string> {
  columns: readonly ColumnSpec<Field>[];
  example: Readonly<Record<Field, string>>;
  /** What each column holds and the values it takes, for the guide. */
  holds: Readonly<Record<Field, Localized>>;
  sheetName: Localized;
  fileName: string;
  /** What the column list alone cannot say. */
  guide?: Localized;
}

/** Descriptions several templates share. */
const UNIT_CODE: Localized = {
  vi: 'Mã đơn vị, duy nhất; nhập lại cùng mã thì cập nhật.',
  en: 'The unit’s code, unique; importing the same code again updates it.',
};
const DATE: Localized = {
  vi: 'Ngày dạng dd/mm/yyyy (hoặc yyyy-mm-dd).',
  en: 'A date as dd/mm/yyyy, day first (or yyyy-mm-dd).',
};
const YES_NO: Localized = {
  vi: 'có hoặc không (x, 1/0, true/false cũng được); để trống là không.',
  en: 'có (yes) or không (no); x, 1/0 and true/false are accepted too; empty means no.',
};
const ACTIVE: Localized = {
  vi: 'có hoặc không (x, 1/0, true/false cũng được); để trống thì giữ nguyên (đơn vị, cán bộ mới: có).',
  en: 'có (yes) or không (no); x, 1/0 and true/false are accepted too; empty keeps what is recorded (a new one: yes).',
};

/**
 * Examples that import as they are, in order (the unit, then a person in it, then an award of
 * that person), written as offices write them: Vietnamese labels, day-first dates, "có" for yes.
 */
const TEMPLATES: { [K in TemplateKind]: Template<FieldOf<K>> } = {
  units: {
    columns: UNIT_COLUMNS,
    example: {
      code: 'DUK',
      name: 'Đảng ủy Khối Doanh nghiệp tỉnh',
      kind: 'Đảng ủy',
      parentCode: '',
      active: 'có',
    },
    holds: {
      code: UNIT_CODE,
      name: { vi: 'Tên đầy đủ của đơn vị.', en: 'The unit’s full name.' },
      kind: {
        vi: `Một trong: ${Object.keys(UNIT_KIND_LABELS).join(', ')}.`,
        en: `One of: ${Object.keys(UNIT_KIND_LABELS).join(', ')} (or ${UNIT_KINDS.join(', ')}).`,
      },
      parentCode: {
        vi: 'Mã của đơn vị cấp trên (đã có, hoặc ở một dòng khác của tệp); để trống với đơn vị cấp cao nhất.',
        en: 'The code of the unit above (already registered, or on another row of the file); empty for a top unit.',
      },
      active: ACTIVE,
    },
    sheetName: { vi: 'Đơn vị', en: 'Units' },
    fileName: 'mau-nhap-don-vi',
  },
  people: {
    columns: PERSON_COLUMNS,
    example: {
      code: 'CB-0001',
      fullName: 'Nguyễn Văn An',
      unitCode: 'DUK',
      position: 'Chuyên viên Văn phòng',
      dateOfBirth: '17/05/1985',
      partyMember: 'có',
      partyJoinedOn: '03/02/2010',
      employmentType: 'Công chức',
      active: 'có',
    },
    holds: {
      code: {
        vi: 'Mã cán bộ, duy nhất; nhập lại cùng mã thì cập nhật.',
        en: 'The person’s code, unique; importing the same code again updates them.',
      },
      fullName: { vi: 'Họ và tên, có dấu.', en: 'Full name, with its tone marks.' },
      unitCode: {
        vi: 'Mã đơn vị nơi cán bộ công tác (đã có).',
        en: 'The code of the unit they work in (already registered).',
      },
      position: { vi: 'Chức vụ; có thể để trống.', en: 'Position; may be left empty.' },
      dateOfBirth: DATE,
      partyMember: YES_NO,
      partyJoinedOn: {
        vi: `Ngày vào Đảng, nếu là đảng viên. ${DATE.vi}`,
        en: `The day they joined the Party, for a member. ${DATE.en}`,
      },
      employmentType: {
        vi: `Một trong: ${Object.keys(EMPLOYMENT_TYPE_LABELS).join(', ')} (quyết định các hình thức kỷ luật áp dụng).`,
        en: `One of: ${Object.keys(EMPLOYMENT_TYPE_LABELS).join(', ')} (or ${EMPLOYMENT_TYPES.join(', ')}); it decides which discipline forms apply.`,
      },
      active: ACTIVE,
    },
    sheetName: { vi: 'Cán bộ', en: 'People' },
    fileName: 'mau-nhap-can-bo',
  },
  awards: {
    columns: AWARD_COLUMNS,
    example: {
      personCode: 'CB-0001',
      unitCode: '',
      award: 'Lao động tiên tiến',
      year: '2024',
      status: 'Đã trao',
      decisionNumber: '15/QĐ-DUK',
      decidedOn: '20/12/2024',
      revokedOn: '',
      note: '',
    },
    holds: {
      personCode: {
        vi: 'Mã cán bộ được khen (khen thưởng cá nhân).',
        en: 'The code of the person awarded (an individual award).',
      },
      unitCode: {
        vi: 'Mã đơn vị được khen (khen thưởng tập thể).',
        en: 'The code of the unit awarded (a collective award).',
      },
      award: {
        vi: 'Tên hoặc mã danh hiệu, hình thức khen thưởng của bộ quy tắc đang áp dụng (có dấu hay không dấu đều được).',
        en: 'The name or code of an award of the rule set in force (with or without tone marks).',
      },
      year: { vi: 'Năm đạt danh hiệu, bốn chữ số.', en: 'The year of the award, four digits.' },
      status: {
        vi: `Một trong: ${Object.keys(AWARD_STATUS_LABELS).join(', ')}; để trống thì giữ nguyên (khen thưởng mới: đã trao).`,
        en: `One of: ${Object.keys(AWARD_STATUS_LABELS).join(', ')} (or granted, revoked); empty keeps what is recorded (a new award: granted).`,
      },
      decisionNumber: { vi: 'Số quyết định khen thưởng.', en: 'The number of the award decision.' },
      decidedOn: {
        vi: `Ngày ký quyết định. ${DATE.vi}`,
        en: `The day the decision was signed. ${DATE.en}`,
      },
      revokedOn: {
        vi: `Ngày thu hồi, nếu đã thu hồi. ${DATE.vi}`,
        en: `The day it was revoked, if it was. ${DATE.en}`,
      },
      note: { vi: 'Ghi chú; có thể để trống.', en: 'A note; may be left empty.' },
    },
    sheetName: { vi: 'Khen thưởng', en: 'Awards' },
    fileName: 'mau-nhap-khen-thuong',
    guide: {
      vi: 'Mỗi dòng ghi "Mã cán bộ" (khen thưởng cá nhân) hoặc "Mã đơn vị" (khen thưởng tập thể), không ghi cả hai.',
      en: 'Each row gives either "Mã cán bộ" (person code, an individual award) or "Mã đơn vị" (unit code, a collective award), not both.',
    },
  },
  ratings: {
    columns: RATING_COLUMNS,
    example: {
      personCode: 'CB-0001',
      unitCode: '',
      year: '2025',
      rating: 'Hoàn thành tốt nhiệm vụ',
      basis: 'Biên bản họp xét xếp loại ngày 20/12/2025',
    },
    holds: {
      personCode: { vi: 'Mã cán bộ được xếp loại.', en: 'The code of the person rated.' },
      unitCode: { vi: 'Mã đơn vị được xếp loại.', en: 'The code of the unit rated.' },
      year: { vi: 'Năm xếp loại, bốn chữ số.', en: 'The year rated, four digits.' },
      rating: {
        vi: 'Tên hoặc mã mức xếp loại của bộ quy tắc năm đó.',
        en: 'The name or code of a level of that year’s rule set.',
      },
      basis: {
        vi: 'Số quyết định hoặc biên bản làm căn cứ.',
        en: 'The number of the decision or minutes it rests on.',
      },
    },
    sheetName: { vi: 'Xếp loại', en: 'Ratings' },
    fileName: 'mau-nhap-xep-loai',
    guide: {
      vi:
        'Mỗi dòng xếp loại một cán bộ ("Mã cán bộ") hoặc một đơn vị ("Mã đơn vị"), không ghi cả hai. ' +
        '"Xếp loại" ghi tên mức hoặc mã mức của bộ quy tắc năm đó; "Căn cứ" ghi số quyết định hoặc biên bản. ' +
        'Chỉ cần một dòng sai là cả tệp không được nhập.',
      en:
        'Each row rates one person ("Mã cán bộ", person code) or one unit ("Mã đơn vị", unit code), not both. ' +
        '"Xếp loại" (rating) takes the name or code of a level of that year’s rule set; "Căn cứ" (basis) the number ' +
        'of the decision or minutes. A single wrong row and nothing in the file is imported.',
    },
  },
};

type FieldOf<K extends TemplateKind> = K extends 'units'
  ? UnitField
  : K extends 'people'
    ? PersonField
    : K extends 'awards'
      ? AwardField
      : RatingField;

export interface TemplateFile {
  fileName: string;
  mediaType: string;
  content: Buffer;
}

/** The header row and the example row, cell by cell. */
function rowsOf(kind: TemplateKind): [string[], string[]] {
  const template = TEMPLATES[kind] as Template<string>;
  return [
    template.columns.map((column) => column.labelVi),
    template.columns.map((column) => template.example[column.field]),
  ];
}

const RENDERERS: Record<
  TemplateFormat,
  { mediaType: string; render(kind: TemplateKind, language: Language): Promise<Buffer> }
> = {
  // The BOM makes Excel read the file as UTF-8; the importer accepts it with or without.
  csv: {
    mediaType: `${CSV_MEDIA_TYPE}; charset=utf-8`,
    render: (kind) => {
      const lines = rowsOf(kind).map((row) => row.map(csvCell).join(','));
      return Promise.resolve(Buffer.from(`${UTF8_BOM}${lines.join('\r\n')}\r\n`, 'utf8'));
    },
  },
  xlsx: {
    mediaType: XLSX_MEDIA_TYPE,
    render: (kind, language) => templateWorkbook(kind, language),
  },
};

/**
 * The template of an import, its guide in a language. The header row and the example stay the
 * importer's Vietnamese either way (its English aliases do not cover every column), so a template
 * downloaded in English imports as one in Vietnamese; a CSV has no guide, so it is the same file.
 */
export async function importTemplate(
  kind: TemplateKind,
  format: TemplateFormat,
  language: Language = 'vi',
): Promise<TemplateFile> {
  const renderer = RENDERERS[format];
  // A CSV has no guide: it is the same file in either language.
  return {
    fileName: fileNameIn(
      format === 'xlsx' ? language : 'vi',
      `${TEMPLATES[kind].fileName}.${format}`,
    ),
    mediaType: renderer.mediaType,
    content: await renderer.render(kind, language),
  };
}

/** The guide sheet's words, in each language. */
const GUIDE = {
  sheet: { vi: 'Hướng dẫn', en: 'Guide' },
  creator: { vi: 'Thi đua – Khen thưởng', en: 'Emulation and Commendation' },
  column: { vi: 'Cột', en: 'Column' },
  field: { vi: 'Trường', en: 'Field' },
  required: { vi: 'Bắt buộc', en: 'Required' },
  holds: { vi: 'Nội dung, giá trị được nhận', en: 'What it holds, values accepted' },
  aliases: { vi: 'Tiêu đề khác cũng được nhận', en: 'Other headers also accepted' },
  yes: { vi: 'Có', en: 'Yes' },
  no: { vi: 'Không', en: 'No' },
} as const satisfies Record<string, Localized>;

/** How to fill the list sheet, in each language. */
function howToFill(sheetName: string, language: Language): string {
  return language === 'vi'
    ? `Trang "${sheetName}": mỗi bản ghi một dòng; dòng 2 là ví dụ, hãy thay bằng dữ liệu thật. Giữ nguyên dòng tiêu đề.`
    : `Sheet "${sheetName}": one record per row; row 2 is an example, replace it with real data. ` +
        'Keep the header row as it is: the importer recognises these Vietnamese headers (the ' +
        '"Field" column below says what each one holds).';
}

/**
 * The importer reads the first sheet only: the list (bold, frozen header; every cell text, so a
 * code such as 0012 or a date keeps what was typed), then a guide naming each column, whether it
 * is required and the other headers accepted for it. In English the sheet names and the guide are
 * English; the header row and the example are the importer's own, as in Vietnamese.
 */
async function templateWorkbook(kind: TemplateKind, language: Language): Promise<Buffer> {
  const template = TEMPLATES[kind] as Template<string>;
  const [header, example] = rowsOf(kind);
  const sheetName = template.sheetName[language];
  const workbook = new (exceljs().Workbook)();
  workbook.creator = GUIDE.creator[language];
  // Fixed dates: the same template downloaded twice says the same thing.
  workbook.created = new Date(Date.UTC(2026, 0, 1));
  workbook.modified = workbook.created;

  const list = workbook.addWorksheet(sheetName, {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  list.columns = header.map((text) => ({
    width: Math.max(14, text.length + 6),
    style: { numFmt: '@' },
  }));
  list.addRow(header).font = { bold: true };
  list.addRow(example);

  const guide = workbook.addWorksheet(GUIDE.sheet[language]);
  guide.columns = [{ width: 26 }, { width: 16 }, { width: 12 }, { width: 70 }, { width: 40 }];
  guide.addRow([howToFill(sheetName, language)]);
  if (template.guide !== undefined) guide.addRow([template.guide[language]]);
  guide.addRow([]);
  guide.addRow([
    GUIDE.column[language],
    GUIDE.field[language],
    GUIDE.required[language],
    GUIDE.holds[language],
    GUIDE.aliases[language],
  ]).font = { bold: true };
  for (const column of template.columns) {
    const row = guide.addRow([
      column.labelVi,
      column.field,
      (column.required ? GUIDE.yes : GUIDE.no)[language],
      template.holds[column.field][language],
      column.aliases.join(', '),
    ]);
    row.getCell(4).alignment = { wrapText: true, vertical: 'top' };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
