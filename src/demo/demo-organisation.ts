import type { EmploymentType, UnitKind } from '../domain/org/registry';
import { FAMILY_NAMES, GIVEN_NAMES, MIDDLE_NAMES } from './vietnamese-names';

/**
 * The organisation named in the source plan (shared/design/source-plan-directive-23.txt): the
 * provincial enterprises' Party committee (Đảng ủy Khối), its propaganda board and office, the
 * youth union, and grassroots Party organisations with their enterprises and cells. The people are
 * generated from common Vietnamese names with a fixed seed, so every run produces the same codes
 * and names (the loader is idempotent). None of them are real people, except the signer of the
 * plan, who is named in it.
 */
export interface DemoUnit {
  code: string;
  name: string;
  kind: UnitKind;
  parentCode: string | null;
}

export interface DemoPerson {
  code: string;
  fullName: string;
  unitCode: string;
  position: string | null;
  dateOfBirth: string;
  partyMember: boolean;
  partyJoinedOn: string | null;
  employmentType: EmploymentType;
}

export const COMMITTEE = 'DUK';

const GRASSROOTS: [code: string, organisation: string, enterprise: string][] = [
  ['DUK-DL', 'Đảng bộ Công ty Điện lực tỉnh', 'Công ty Điện lực tỉnh'],
  ['DUK-CN', 'Đảng bộ Công ty Cổ phần Cấp nước tỉnh', 'Công ty Cổ phần Cấp nước tỉnh'],
  ['DUK-VT', 'Đảng bộ Công ty Cổ phần Vận tải ô tô', 'Công ty Cổ phần Vận tải ô tô'],
  ['DUK-NH', 'Đảng bộ Ngân hàng Thương mại chi nhánh tỉnh', 'Ngân hàng Thương mại chi nhánh tỉnh'],
  ['DUK-XD', 'Chi bộ Công ty Cổ phần Xây dựng Giao thông', 'Công ty Cổ phần Xây dựng Giao thông'],
  ['DUK-BD', 'Đảng bộ Bưu điện tỉnh', 'Bưu điện tỉnh'],
];

export function demoUnits(): DemoUnit[] {
  const units: DemoUnit[] = [
    {
      code: COMMITTEE,
      name: 'Đảng ủy Khối Doanh nghiệp tỉnh',
      kind: 'party_committee',
      parentCode: null,
    },
    { code: 'DUK-BTG', name: 'Ban Tuyên giáo Đảng ủy Khối', kind: 'board', parentCode: COMMITTEE },
    { code: 'DUK-VP', name: 'Văn phòng Đảng ủy Khối', kind: 'office', parentCode: COMMITTEE },
    {
      code: 'DUK-DK',
      name: 'Đoàn Thanh niên Khối',
      kind: 'mass_organisation',
      parentCode: COMMITTEE,
    },
  ];
  for (const [code, organisation, enterprise] of GRASSROOTS) {
    units.push({ code, name: organisation, kind: 'grassroots_party_org', parentCode: COMMITTEE });
    units.push({ code: `${code}-DN`, name: enterprise, kind: 'enterprise', parentCode: code });
    for (const cell of [1, 2]) {
      units.push({
        code: `${code}-CB${cell}`,
        name: `Chi bộ ${cell === 1 ? 'Văn phòng' : 'Sản xuất'} – ${enterprise}`,
        kind: 'party_cell',
        parentCode: code,
      });
    }
  }
  return units;
}

const POSITIONS = [
  'Chuyên viên',
  'Kỹ sư',
  'Nhân viên',
  'Kế toán',
  'Trưởng phòng',
  'Phó Trưởng phòng',
  'Công nhân',
];
const EMPLOYMENT: EmploymentType[] = [
  'worker',
  'worker',
  'worker',
  'public_employee',
  'civil_servant',
];

/** A small deterministic generator (mulberry32), so the demo is the same on every machine. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function demoPeople(): DemoPerson[] {
  const random = seeded(23_2023);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const date = (fromYear: number, toYear: number) => {
    const year = fromYear + Math.floor(random() * (toYear - fromYear + 1));
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  };
  const people: DemoPerson[] = [
    {
      code: 'DUK-0001',
      fullName: 'Trần Xuân Lâm',
      unitCode: COMMITTEE,
      position: 'Bí thư Đảng ủy Khối',
      dateOfBirth: '1970-04-12',
      partyMember: true,
      partyJoinedOn: '1994-03-26',
      employmentType: 'cadre',
    },
  ];
  const staffed = demoUnits().filter((unit) => unit.kind !== 'party_committee');
  let number = 1;
  for (const unit of staffed) {
    const headcount = unit.kind === 'enterprise' ? 30 : unit.kind === 'party_cell' ? 12 : 8;
    for (let i = 0; i < headcount; i++) {
      number += 1;
      const partyMember = unit.kind === 'party_cell' || random() < 0.4;
      const birth = date(1965, 2002);
      const birthYear = Number(birth.slice(0, 4));
      people.push({
        code: `DUK-${String(number).padStart(4, '0')}`,
        fullName: `${pick(FAMILY_NAMES)} ${pick(MIDDLE_NAMES)} ${pick(GIVEN_NAMES)}`,
        unitCode: unit.code,
        position: i === 0 ? 'Trưởng đơn vị' : pick(POSITIONS),
        dateOfBirth: birth,
        partyMember,
        partyJoinedOn: partyMember ? date(Math.min(birthYear + 20, 2024), 2024) : null,
        employmentType:
          unit.kind === 'board' || unit.kind === 'office' ? 'civil_servant' : pick(EMPLOYMENT),
      });
    }
  }
  return people;
}
