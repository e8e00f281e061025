import {
  lookupKey,
  parseBoolean,
  parseDate,
  parseEmploymentType,
  parseUnitKind,
} from '../../src/imports/cell-values';
import { PERSON_COLUMNS, UNIT_COLUMNS, type ColumnSpec } from '../../src/imports/import-vocabulary';
import { DEFAULT_IMPORT_LIMITS } from '../../src/imports/import-limits';
import { matchHeaders, readSpreadsheet } from '../../src/imports/spreadsheet';
import { csv, xlsx } from './import-files';

/**
 * How a file becomes rows: headers in English or Vietnamese however they are typed, cells in the
 * conventions of Vietnamese spreadsheets, line numbers as the author sees them, and unreadable
 * files refused with a stable code.
 */

/** The field `header` maps to, placed after the other required columns (named in English). */
function lastField<Field extends string>(
  header: string,
  field: Field,
  required: Field[],
  columns: readonly ColumnSpec<Field>[],
): Field | null {
  const fields = matchHeaders([...required.filter((other) => other !== field), header], columns);
  return fields[fields.length - 1];
}

const errorOf = async (work: () => unknown): Promise<{ code: string; details: object }> => {
  try {
    await work();
  } catch (error) {
    return error as { code: string; details: object };
  }
  throw new Error('expected an error');
};

describe('header matching', () => {
  test.each([
    ['Mã đơn vị', 'code'],
    ['MÃ ĐƠN VỊ', 'code'],
    ['ma don vi', 'code'],
    ['Mã', 'code'],
    ['code', 'code'],
    ['Tên đơn vị', 'name'],
    ['Tên', 'name'],
    ['Loại', 'kind'],
    ['Loại đơn vị', 'kind'],
    ['Mã đơn vị cấp trên', 'parentCode'],
    ['Đơn vị cấp trên', 'parentCode'],
    ['parentCode', 'parentCode'],
    ['parent_code', 'parentCode'],
    ['Hoạt động', 'active'],
  ])('unit header %p is %p', (header, field) => {
    expect(lastField(header, field, ['code', 'name', 'kind'], UNIT_COLUMNS)).toBe(field);
  });

  test.each([
    ['Mã cán bộ', 'code'],
    ['Mã', 'code'],
    ['Họ và tên', 'fullName'],
    ['HỌ TÊN', 'fullName'],
    ['Mã đơn vị', 'unitCode'],
    ['Đơn vị', 'unitCode'],
    ['Chức vụ', 'position'],
    ['Ngày sinh', 'dateOfBirth'],
    ['date of birth', 'dateOfBirth'],
    ['Đảng viên', 'partyMember'],
    ['Ngày vào Đảng', 'partyJoinedOn'],
    ['Đối tượng', 'employmentType'],
    ['Loại cán bộ', 'employmentType'],
  ])('person header %p is %p', (header, field) => {
    const required = ['code', 'fullName', 'unitCode', 'employmentType'];
    expect(lastField(header, field, required, PERSON_COLUMNS)).toBe(field);
  });

  test('every accepted spelling names one field only', () => {
    for (const columns of [UNIT_COLUMNS, PERSON_COLUMNS]) {
      const owners = new Map<string, string>();
      for (const column of columns) {
        for (const name of [column.field, column.labelVi, ...column.aliases]) {
          const owner = owners.get(lookupKey(name));
          expect({ name, owner: owner ?? column.field }).toEqual({ name, owner: column.field });
          owners.set(lookupKey(name), column.field);
        }
      }
    }
  });

  test('unknown, repeated and missing headers are reported together', async () => {
    const error = await errorOf(() =>
      matchHeaders(['Mã đơn vị', 'Tên', 'Tên đơn vị', 'Ghi chú', 'Số điện thoại'], UNIT_COLUMNS),
    );
    expect(error).toMatchObject({
      code: 'IMPORT.INVALID_HEADERS',
      details: {
        unknownHeaders: ['Ghi chú', 'Số điện thoại'],
        duplicateHeaders: ['Tên đơn vị'],
        missingHeaders: ['Loại đơn vị'],
      },
    });
  });

  test('a row-number column (STT) and blank headers are ignored', () => {
    expect(matchHeaders(['STT', 'Mã', 'Tên', '', 'Loại'], UNIT_COLUMNS)).toEqual([
      null,
      'code',
      'name',
      null,
      'kind',
    ]);
  });
});

const PERSON_HEADER = ['Mã cán bộ', 'Họ và tên', 'Mã đơn vị', 'Đối tượng'];

describe('cell values', () => {
  test.each([
    ['1980-05-17', '1980-05-17'],
    ['17/05/1980', '1980-05-17'],
    ['7/5/1980', '1980-05-07'],
    ['17-05-1980', '1980-05-17'],
    ['17.05.1980', '1980-05-17'],
    ['29/02/2000', '2000-02-29'],
    ['', null],
  ])('date %p reads as %p', (text, value) => {
    expect(parseDate(text)).toEqual({ ok: true, value });
  });

  test.each(['31/02/1980', '29/02/1900', '2023-02-29', '1980-13-01', '00/01/1980', '05/17/1980'])(
    '%p is not a calendar date',
    (text) => {
      expect(parseDate(text)).toMatchObject({ ok: false, message: expect.stringContaining(text) });
    },
  );

  test.each(['17 tháng 5 năm 1980', '1980/05/17', 'hôm qua', '17051980'])(
    '%p is not a date at all',
    (text) => {
      expect(parseDate(text)).toMatchObject({
        ok: false,
        messageVi: expect.stringMatching(/ngày/),
      });
    },
  );

  test.each([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['x', true],
    ['X', true],
    ['có', true],
    ['Có', true],
    ['co', true],
    ['false', false],
    ['0', false],
    ['không', false],
    ['Không', false],
    ['', null],
  ])('boolean %p reads as %p', (text, value) => {
    expect(parseBoolean(text)).toEqual({ ok: true, value });
  });

  test.each(['maybe', '2', 'đúng rồi'])('%p is not yes or no', (text) => {
    expect(parseBoolean(text)).toMatchObject({ ok: false });
  });

  test.each([
    ['cán bộ', 'cadre'],
    ['Cán bộ', 'cadre'],
    ['CÔNG CHỨC', 'civil_servant'],
    ['cong chuc', 'civil_servant'],
    ['Viên chức', 'public_employee'],
    ['Người lao động', 'worker'],
    ['công nhân', 'worker'],
    ['Khác', 'other'],
    ['civil_servant', 'civil_servant'],
    ['public_employee', 'public_employee'],
  ])('employment type %p is %p', (text, value) => {
    expect(parseEmploymentType(text)).toEqual({ ok: true, value });
  });

  test.each([
    ['Đảng ủy', 'party_committee'],
    ['Đảng uỷ', 'party_committee'],
    ['chi bộ', 'party_cell'],
    ['Đảng bộ cơ sở', 'grassroots_party_org'],
    ['Tổ chức cơ sở đảng', 'grassroots_party_org'],
    ['Doanh nghiệp', 'enterprise'],
    ['Cơ quan', 'agency'],
    ['Ban', 'board'],
    ['Văn phòng', 'office'],
    ['Đoàn thể', 'mass_organisation'],
    ['Đoàn thanh niên', 'mass_organisation'],
    ['party_cell', 'party_cell'],
  ])('unit kind %p is %p', (text, value) => {
    expect(parseUnitKind(text)).toEqual({ ok: true, value });
  });

  test('an unknown label is refused with the accepted ones listed', () => {
    expect(parseUnitKind('Hội đồng')).toMatchObject({
      ok: false,
      message: expect.stringContaining('party_committee'),
      messageVi: expect.stringContaining('Chi bộ'),
    });
    expect(parseEmploymentType('chuyên gia')).toMatchObject({
      ok: false,
      messageVi: expect.stringContaining('Công chức'),
    });
  });
});

describe('reading CSV', () => {
  test('UTF-8 with a BOM, semicolons, CRLF and a quoted multi-line cell keep their line numbers', async () => {
    const text = csv(
      [
        PERSON_HEADER,
        ['CB-1', 'Nguyễn Văn An', 'DV-1', 'công chức'],
        ['CB-2', 'Trần Thị\nBình', 'DV-1', 'viên chức'],
        ['CB-3', 'Lê Văn Cường', 'DV-1', 'cán bộ'],
      ],
      ';',
      '\r\n',
    );
    const file = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    const table = await readSpreadsheet(file, 'csv', PERSON_COLUMNS);
    expect(table.rows.map((row) => [row.line, row.values.code, row.values.fullName])).toEqual([
      [2, 'CB-1', 'Nguyễn Văn An'],
      [3, 'CB-2', 'Trần Thị\nBình'],
      [5, 'CB-3', 'Lê Văn Cường'],
    ]);
    expect(Object.keys(table.rows[0].values).sort()).toEqual([
      'code',
      'employmentType',
      'fullName',
      'unitCode',
    ]);
  });

  test('commas without a BOM; blank lines are skipped but still counted', async () => {
    const text = `${PERSON_HEADER.join(',')}\n\nCB-1,"Phạm, Thị Hà",DV-1,khác\n   \nCB-2,Hồ Văn Mười,DV-1,khác\n`;
    const table = await readSpreadsheet(Buffer.from(text), 'csv', PERSON_COLUMNS);
    expect(table.rows.map((row) => [row.line, row.values.fullName])).toEqual([
      [3, 'Phạm, Thị Hà'],
      [5, 'Hồ Văn Mười'],
    ]);
  });

  test('decomposed (NFD) text is read as NFC', async () => {
    const text = csv([PERSON_HEADER, ['CB-1', 'Nguyễn Thị Hòa'.normalize('NFD'), 'DV-1', 'khác']]);
    const table = await readSpreadsheet(Buffer.from(text), 'csv', PERSON_COLUMNS);
    expect(table.rows[0].values.fullName).toBe('Nguyễn Thị Hòa'.normalize('NFC'));
  });

  test('cells beyond the header are flagged on their row', async () => {
    const text = csv([PERSON_HEADER, ['CB-1', 'An', 'DV-1', 'khác', 'thừa']]);
    const table = await readSpreadsheet(Buffer.from(text), 'csv', PERSON_COLUMNS);
    expect(table.rows[0].hasStrayCells).toBe(true);
  });

  test('a file that is not UTF-8 is unreadable', async () => {
    const windows1258 = Buffer.from([0x4d, 0xe3, 0x2c, 0x54, 0xea, 0x6e, 0x0a]);
    await expect(readSpreadsheet(windows1258, 'csv', UNIT_COLUMNS)).rejects.toMatchObject({
      code: 'IMPORT.UNREADABLE_FILE',
      kind: 'invalid',
    });
  });

  test('an unclosed quote is unreadable, with its line', async () => {
    const text = 'Mã,Tên,Loại\nA,"Chi bộ,chi bộ\nB,Ban,ban\n';
    await expect(readSpreadsheet(Buffer.from(text), 'csv', UNIT_COLUMNS)).rejects.toMatchObject({
      code: 'IMPORT.UNREADABLE_FILE',
    });
  });

  test('an empty file says so', async () => {
    await expect(readSpreadsheet(Buffer.from('\n\n'), 'csv', UNIT_COLUMNS)).rejects.toMatchObject({
      code: 'IMPORT.EMPTY_FILE',
    });
  });
});

describe('reading XLSX', () => {
  test('the first sheet, with date cells as YYYY-MM-DD and numbers, booleans and rich text as text', async () => {
    const file = await xlsx([
      ['STT', ...PERSON_HEADER, 'Ngày sinh', 'Đảng viên'],
      [
        1,
        1001,
        { richText: [{ text: 'Đặng ' }, { text: 'Văn Ơn' }] },
        'DV-1',
        'cán bộ',
        new Date(Date.UTC(1975, 3, 30)),
        true,
      ],
      [],
      [2, 'CB-2', 'Bùi Thị Yến', 'DV-1', 'khác', '02/09/1990', 'x'],
    ]);
    const table = await readSpreadsheet(file, 'xlsx', PERSON_COLUMNS);
    expect(table.rows).toEqual([
      {
        line: 2,
        values: {
          code: '1001',
          fullName: 'Đặng Văn Ơn',
          unitCode: 'DV-1',
          employmentType: 'cán bộ',
          dateOfBirth: '1975-04-30',
          partyMember: 'true',
        },
        hasStrayCells: false,
      },
      {
        line: 4,
        values: {
          code: 'CB-2',
          fullName: 'Bùi Thị Yến',
          unitCode: 'DV-1',
          employmentType: 'khác',
          dateOfBirth: '02/09/1990',
          partyMember: 'x',
        },
        hasStrayCells: false,
      },
    ]);
  });

  test.each([
    ['garbage', Buffer.from('this is not a workbook')],
    ['an empty body', Buffer.alloc(0)],
  ])('%s is unreadable', async (_, file) => {
    await expect(readSpreadsheet(file, 'xlsx', UNIT_COLUMNS)).rejects.toMatchObject({
      code: 'IMPORT.UNREADABLE_FILE',
    });
  });

  test('a cut-off workbook is unreadable', async () => {
    const whole = await xlsx([
      ['Mã', 'Tên', 'Loại'],
      ['A', 'Ban A', 'ban'],
    ]);
    await expect(
      readSpreadsheet(whole.subarray(0, whole.length / 2), 'xlsx', UNIT_COLUMNS),
    ).rejects.toMatchObject({ code: 'IMPORT.UNREADABLE_FILE' });
  });
});

describe('bounds while reading', () => {
  const small = { ...DEFAULT_IMPORT_LIMITS, maxRows: 3, maxCellLength: 20 };
  const header = ['Mã', 'Tên', 'Loại'];

  test.each(['csv', 'xlsx'] as const)(
    '%s: one data row more than the limit is refused, naming its line',
    async (format) => {
      const rows = [header, ...Array.from({ length: 4 }, (_, i) => [`U${i}`, `Ban ${i}`, 'ban'])];
      const file = format === 'csv' ? Buffer.from(csv(rows)) : await xlsx(rows);
      await expect(readSpreadsheet(file, format, UNIT_COLUMNS, small)).rejects.toMatchObject({
        code: 'IMPORT.TOO_MANY_ROWS',
        details: { line: 5, limit: 3 },
      });
      const allowed =
        format === 'csv' ? Buffer.from(csv(rows.slice(0, 4))) : await xlsx(rows.slice(0, 4));
      await expect(readSpreadsheet(allowed, format, UNIT_COLUMNS, small)).resolves.toMatchObject({
        rows: [{ line: 2 }, { line: 3 }, { line: 4 }],
      });
    },
  );

  test.each(['csv', 'xlsx'] as const)(
    '%s: a cell longer than the limit is refused with its place; spaces around it do not count',
    async (format) => {
      const rows = [header, ['A', `  ${'x'.repeat(20)}  `, 'ban'], ['B', 'y'.repeat(21), 'ban']];
      const file = format === 'csv' ? Buffer.from(csv(rows)) : await xlsx(rows);
      await expect(readSpreadsheet(file, format, UNIT_COLUMNS, small)).rejects.toMatchObject({
        code: 'IMPORT.CELL_TOO_LONG',
        details: { line: 3, column: 'B', limit: 20 },
      });
    },
  );

  test('xlsx: a zip bomb is refused from its directory, before it is unpacked', async () => {
    // 4 MiB of one letter (each cell its own shared string) packs to some KiB: a small honest bomb.
    const bomb = await xlsx([
      header,
      ...Array.from({ length: 1400 }, (_, i) => [`A${i}`, `${'a'.repeat(3000)}${i}`, 'ban']),
    ]);
    expect(bomb.length).toBeLessThan(200 * 1024);
    await expect(
      readSpreadsheet(bomb, 'xlsx', UNIT_COLUMNS, {
        ...DEFAULT_IMPORT_LIMITS,
        maxUnpackedBytes: 2 ** 20,
      }),
    ).rejects.toMatchObject({ code: 'IMPORT.UNPACKS_TOO_LARGE', details: { limit: 2 ** 20 } });
  });
});
