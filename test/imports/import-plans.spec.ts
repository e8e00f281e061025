import { childPath, MAX_UNIT_DEPTH } from '../../src/domain/org/scope';
import { PERSON_COLUMNS, UNIT_COLUMNS } from '../../src/imports/import-vocabulary';
import { planPersonImport } from '../../src/imports/person-import-plan';
import { readSpreadsheet } from '../../src/imports/spreadsheet';
import { planUnitImport, type UnitChange } from '../../src/imports/unit-import-plan';
import type {
  StoredPerson,
  StoredUnit,
} from '../../src/persistence/repositories/organisation.repository';
import { csv } from './import-files';

/**
 * What an import would do, decided before anything is written: the order units are created in,
 * where they end up in the tree (together with units already in the registry), and which rows are
 * refused and why.
 */

const NOW = '2025-06-01T08:00:00.000Z';
const UNIT_HEADER = ['Mã đơn vị', 'Tên đơn vị', 'Loại', 'Mã đơn vị cấp trên'];

let idCounter = 0;
const newId = () => `id-${String((idCounter += 1)).padStart(4, '0')}`;

async function planUnits(rows: string[][], knownUnits: StoredUnit[] = []) {
  const table = await readSpreadsheet(
    Buffer.from(csv([UNIT_HEADER, ...rows])),
    'csv',
    UNIT_COLUMNS,
  );
  return planUnitImport(table, { knownUnits, now: NOW, newId });
}

/** Registry units from `[code, parentCode]` pairs, parents listed first. */
function registry(...links: [string, string | null][]): StoredUnit[] {
  const units = new Map<string, StoredUnit>();
  for (const [code, parentCode] of links) {
    const parent = parentCode === null ? null : units.get(parentCode)!;
    const id = `db-${code}`;
    units.set(code, {
      id,
      code,
      name: `Đơn vị ${code}`,
      kind: 'agency',
      parentId: parent?.id ?? null,
      path: childPath(parent?.path ?? null, id),
      active: true,
      demo: false,
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
    });
  }
  return [...units.values()];
}

const codes = (changes: UnitChange[]) => changes.map((change) => change.unit.code);
const unitOf = (changes: UnitChange[], code: string) =>
  changes.find((change) => change.unit.code === code)!.unit;

describe('unit import plan', () => {
  test('parents defined further down the file are created first, with paths down the tree', async () => {
    const plan = await planUnits([
      ['CB-1', 'Chi bộ 1', 'chi bộ', 'DB-1'],
      ['DB-1', 'Đảng bộ cơ sở 1', 'đảng bộ cơ sở', 'DU'],
      ['CB-2', 'Chi bộ 2', 'chi bộ', 'DU'],
      ['DU', 'Đảng ủy Khối', 'Đảng ủy', ''],
    ]);
    expect(plan.problems).toEqual([]);
    expect(codes(plan.changes)).toEqual(['DU', 'DB-1', 'CB-2', 'CB-1']);
    const [du, db1, cb1] = ['DU', 'DB-1', 'CB-1'].map((code) => unitOf(plan.changes, code));
    expect(du).toMatchObject({ parentId: null, path: `/${du.id}/`, kind: 'party_committee' });
    expect(db1).toMatchObject({ parentId: du.id, path: `/${du.id}/${db1.id}/` });
    expect(cb1).toMatchObject({ parentId: db1.id, path: `${db1.path}${cb1.id}/` });
    expect(plan.changes.every((change) => change.outcome === 'create')).toBe(true);
  });

  test('a parent may already be in the registry', async () => {
    const known = registry(['DU', null]);
    const plan = await planUnits([['CB-1', 'Chi bộ 1', 'chi bộ', 'DU']], known);
    expect(unitOf(plan.changes, 'CB-1').path).toMatch(new RegExp(`^/db-DU/id-\\d+/$`));
  });

  test('rows that match the registry are unchanged', async () => {
    const first = await planUnits([
      ['DU', 'Đảng ủy Khối', 'Đảng ủy', ''],
      ['CB-1', 'Chi bộ 1', 'chi bộ', 'DU'],
    ]);
    const stored = first.changes.map((change) => change.unit);
    const again = await planUnits(
      [
        ['CB-1', 'Chi  bộ 1 ', 'party_cell', 'DU'],
        ['DU', 'Đảng ủy Khối', 'party_committee', ''],
      ],
      stored,
    );
    expect(again.changes.map((change) => change.outcome)).toEqual(['unchanged', 'unchanged']);
  });

  test('a new parent moves a registry unit and says where from', async () => {
    const known = registry(['R', null], ['A', 'R'], ['B', 'R']);
    const plan = await planUnits([['A', 'Đơn vị A', 'cơ quan', 'B']], known);
    expect(plan.changes).toEqual([
      expect.objectContaining({
        outcome: 'update',
        movedFrom: '/db-R/db-A/',
        unit: expect.objectContaining({ parentId: 'db-B', path: '/db-R/db-B/db-A/' }),
      }),
    ]);
  });

  test('a unit placed under one the same file moves sees that move', async () => {
    // X is in the registry under A; the file moves A under B and puts N under X.
    const known = registry(['R', null], ['A', 'R'], ['B', 'R'], ['X', 'A']);
    const plan = await planUnits(
      [
        ['N', 'Đơn vị mới', 'ban', 'X'],
        ['A', 'Đơn vị A', 'cơ quan', 'B'],
      ],
      known,
    );
    expect(codes(plan.changes)).toEqual(['A', 'N']);
    expect(unitOf(plan.changes, 'N').path).toMatch(/^\/db-R\/db-B\/db-A\/db-X\/id-\d+\/$/);
  });

  test('a cycle in the file is refused on every row in it, and rows below it too', async () => {
    const plan = await planUnits([
      ['A', 'A', 'ban', 'C'],
      ['B', 'B', 'ban', 'A'],
      ['C', 'C', 'ban', 'B'],
      ['D', 'D', 'ban', 'A'],
      ['E', 'E', 'ban', ''],
    ]);
    expect(codes(plan.changes)).toEqual(['E']);
    expect(plan.refusedRows).toBe(4);
    expect(plan.problems).toEqual([
      expect.objectContaining({
        line: 2,
        field: 'parentCode',
        message: expect.stringMatching(/cycle/),
      }),
      expect.objectContaining({ line: 3, message: expect.stringMatching(/cycle/) }),
      expect.objectContaining({ line: 4, message: expect.stringMatching(/cycle/) }),
      expect.objectContaining({
        line: 5,
        message: 'The parent unit "A" (line 2) is not imported because its row has errors.',
      }),
    ]);
    expect(plan.problems[0].message).toBe('The parent links form a cycle: "A" → "C" → "B" → "A".');
  });

  test('a cycle through the registry is refused: a unit cannot move below its own descendant', async () => {
    const known = registry(['R', null], ['S', 'R'], ['T', 'S']);
    const plan = await planUnits([['R', 'Đơn vị R', 'cơ quan', 'T']], known);
    expect(plan.changes).toEqual([]);
    expect(plan.problems).toEqual([
      expect.objectContaining({
        line: 2,
        message: 'The parent links form a cycle: "R" → "T" → … → "R".',
      }),
    ]);
  });

  test('a unit cannot be its own parent', async () => {
    const plan = await planUnits([['A', 'A', 'ban', 'A']]);
    expect(plan.problems).toEqual([
      expect.objectContaining({
        line: 2,
        field: 'parentCode',
        message: 'A unit cannot be its own parent.',
        messageVi: 'Đơn vị không thể là cấp trên của chính nó.',
      }),
    ]);
  });

  test('a parent found nowhere, duplicate codes and bad cells are all reported', async () => {
    const plan = await planUnits([
      ['A', 'Ban A', 'ban', 'KHONG-CO'],
      ['B', '', 'hội đồng', 'CUNG-KHONG-CO'],
      ['C', 'Ban C', 'ban', ''],
      ['C', 'Ban C lần hai', 'ban', ''],
      ['X'.repeat(65), 'Y'.repeat(301), 'ban', ''],
    ]);
    expect(plan.problems.map((problem) => [problem.line, problem.field])).toEqual([
      [2, 'parentCode'],
      [3, 'name'],
      [3, 'kind'],
      [3, 'parentCode'],
      [5, 'code'],
      [6, 'code'],
      [6, 'name'],
    ]);
    expect(plan.problems[4].message).toBe('The code "C" is already used on line 4.');
    expect(codes(plan.changes)).toEqual(['C']);
  });

  test(`a tree deeper than ${MAX_UNIT_DEPTH} levels is refused below that depth`, async () => {
    const chain = Array.from({ length: MAX_UNIT_DEPTH + 2 }, (_, level) => [
      `L${level}`,
      `Cấp ${level}`,
      'ban',
      level === 0 ? '' : `L${level - 1}`,
    ]);
    const plan = await planUnits(chain);
    expect(plan.changes).toHaveLength(MAX_UNIT_DEPTH);
    expect(plan.problems.map((problem) => problem.line)).toEqual([
      MAX_UNIT_DEPTH + 2,
      MAX_UNIT_DEPTH + 3,
    ]);
  });
});

describe('person import plan', () => {
  const unit = registry(['DV', null]);
  const member: StoredPerson = {
    id: 'db-P1',
    code: 'P1',
    fullName: 'Nguyễn Văn An',
    unitId: 'db-DV',
    position: 'Bí thư',
    dateOfBirth: '1980-05-17',
    partyMember: false,
    partyJoinedOn: null,
    employmentType: 'civil_servant',
    active: true,
    demo: false,
    createdAt: NOW,
    updatedAt: NOW,
  };

  async function planPeople(header: string[], rows: string[][], knownPeople: StoredPerson[]) {
    const table = await readSpreadsheet(Buffer.from(csv([header, ...rows])), 'csv', PERSON_COLUMNS);
    return planPersonImport(table, {
      knownUnits: unit,
      knownPeople,
      today: '2025-06-01',
      now: NOW,
      newId,
    });
  }

  test('columns the file lacks keep their stored values', async () => {
    const plan = await planPeople(
      ['Mã cán bộ', 'Họ và tên', 'Mã đơn vị', 'Đối tượng'],
      [['P1', 'Nguyễn Văn An', 'DV', 'công chức']],
      [member],
    );
    expect(plan.changes).toEqual([{ line: 2, outcome: 'unchanged', person: member }]);
  });

  test('a join date for someone the registry has as a non-member is refused', async () => {
    const plan = await planPeople(
      ['Mã cán bộ', 'Họ và tên', 'Mã đơn vị', 'Đối tượng', 'Ngày vào Đảng'],
      [['P1', 'Nguyễn Văn An', 'DV', 'công chức', '03/02/2010']],
      [member],
    );
    expect(plan.problems).toEqual([expect.objectContaining({ line: 2, field: 'partyJoinedOn' })]);
  });

  test('dates: not in the future, not before 1900, joined after birth', async () => {
    const plan = await planPeople(
      ['Mã', 'Họ tên', 'Đơn vị', 'Đối tượng', 'Ngày sinh', 'Đảng viên', 'Ngày vào Đảng'],
      [
        ['A', 'Lê Văn A', 'DV', 'khác', '02/06/2025', '', ''],
        ['B', 'Lê Văn B', 'DV', 'khác', '31/12/1899', '', ''],
        ['C', 'Lê Văn C', 'DV', 'khác', '01/01/1990', 'x', '01/01/1989'],
        ['D', 'Lê Văn D', 'DV', 'khác', '01/01/1990', 'x', '02/06/2025'],
        ['E', 'Lê Văn E', 'DV', 'khác', '01/06/2025', 'x', '01/06/2025'],
      ],
      [],
    );
    expect(plan.problems.map((problem) => [problem.line, problem.field])).toEqual([
      [2, 'dateOfBirth'],
      [3, 'dateOfBirth'],
      [4, 'partyJoinedOn'],
      [5, 'partyJoinedOn'],
      [6, 'partyJoinedOn'],
    ]);
  });
});
