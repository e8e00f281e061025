import type { EmploymentType, UnitKind } from '../domain/org/registry';

/**
 * Every word an import file may use, in one place: column headers and cell labels, in English and
 * in the Vietnamese that personnel offices actually write in their spreadsheets. Keys are compared
 * after `foldForSearch` with punctuation removed (see `lookupKey`), so "Mã đơn vị", "MA DON VI"
 * and "ma-don-vi" are the same header and "Công chức" equals "cong chuc".
 */

export interface ColumnSpec<Field extends string> {
  field: Field;
  required: boolean;
  /** The header written in templates and named in messages, then every other accepted spelling. */
  labelVi: string;
  aliases: readonly string[];
}

export const UNIT_FIELDS = ['code', 'name', 'kind', 'parentCode', 'active'] as const;
export type UnitField = (typeof UNIT_FIELDS)[number];

export const UNIT_COLUMNS: readonly ColumnSpec<UnitField>[] = [
  { field: 'code', required: true, labelVi: 'Mã đơn vị', aliases: ['Mã', 'unit code'] },
  { field: 'name', required: true, labelVi: 'Tên đơn vị', aliases: ['Tên', 'unit name'] },
  { field: 'kind', required: true, labelVi: 'Loại đơn vị', aliases: ['Loại', 'type'] },
  {
    field: 'parentCode',
    required: false,
    labelVi: 'Mã đơn vị cấp trên',
    aliases: ['Đơn vị cấp trên', 'Mã cấp trên', 'parent', 'parent unit code'],
  },
  { field: 'active', required: false, labelVi: 'Hoạt động', aliases: ['Đang hoạt động'] },
];

export const PERSON_FIELDS = [
  'code',
  'fullName',
  'unitCode',
  'position',
  'dateOfBirth',
  'partyMember',
  'partyJoinedOn',
  'employmentType',
  'active',
] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];

export const PERSON_COLUMNS: readonly ColumnSpec<PersonField>[] = [
  { field: 'code', required: true, labelVi: 'Mã cán bộ', aliases: ['Mã', 'person code'] },
  { field: 'fullName', required: true, labelVi: 'Họ và tên', aliases: ['Họ tên', 'name'] },
  { field: 'unitCode', required: true, labelVi: 'Mã đơn vị', aliases: ['Đơn vị', 'unit'] },
  { field: 'position', required: false, labelVi: 'Chức vụ', aliases: ['title'] },
  {
    field: 'dateOfBirth',
    required: false,
    labelVi: 'Ngày sinh',
    aliases: ['Ngày tháng năm sinh', 'birth date', 'dob'],
  },
  { field: 'partyMember', required: false, labelVi: 'Đảng viên', aliases: [] },
  {
    field: 'partyJoinedOn',
    required: false,
    labelVi: 'Ngày vào Đảng',
    aliases: ['party join date'],
  },
  {
    field: 'employmentType',
    required: true,
    labelVi: 'Đối tượng',
    aliases: ['Loại cán bộ'],
  },
  { field: 'active', required: false, labelVi: 'Hoạt động', aliases: ['Đang công tác'] },
];

/**
 * A row-number column ("STT", số thứ tự) opens almost every Vietnamese table; it carries nothing
 * to import, so it is accepted and ignored rather than refused as unknown.
 */
export const IGNORED_HEADERS = ['STT', 'TT', 'Số thứ tự'] as const;

/**
 * Unit kinds as Vietnamese Party and state bodies name themselves. "Tổ chức cơ sở đảng" is the
 * Party Charter's term for a grassroots organisation, "Đảng bộ cơ sở" its common form.
 */
export const UNIT_KIND_LABELS: Readonly<Record<string, UnitKind>> = {
  'Đảng ủy': 'party_committee',
  'Chi bộ': 'party_cell',
  'Đảng bộ cơ sở': 'grassroots_party_org',
  'Tổ chức cơ sở đảng': 'grassroots_party_org',
  'Doanh nghiệp': 'enterprise',
  'Cơ quan': 'agency',
  Ban: 'board',
  'Văn phòng': 'office',
  'Đoàn thể': 'mass_organisation',
  'Đoàn thanh niên': 'mass_organisation',
};

/**
 * The categories of the Law on Cadres, Civil Servants and Public Employees (and the Labour Code
 * for workers): they decide which discipline forms apply to a person.
 */
export const EMPLOYMENT_TYPE_LABELS: Readonly<Record<string, EmploymentType>> = {
  'Cán bộ': 'cadre',
  'Công chức': 'civil_servant',
  'Viên chức': 'public_employee',
  'Người lao động': 'worker',
  'Công nhân': 'worker',
  Khác: 'other',
};

/** "x" is how a ticked box is typed in Vietnamese spreadsheets. */
export const TRUE_WORDS = ['true', '1', 'x', 'có', 'yes', 'đúng'] as const;
export const FALSE_WORDS = ['false', '0', 'không', 'no', 'sai'] as const;
