import { ApiProperty } from '@nestjs/swagger';
import {
  EMPLOYMENT_TYPES,
  UNIT_KINDS,
  type EmploymentType,
  type UnitKind,
} from '../../domain/org/registry';

/** A unit as stored (StoredUnit). */
export class UnitDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'DUK-BTG', description: 'Stable code, used by imports' })
  code: string;

  @ApiProperty({ example: 'Ban Tuyên giáo Đảng ủy Khối' })
  name: string;

  @ApiProperty({ enum: UNIT_KINDS })
  kind: UnitKind;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: a root unit' })
  parentId: string | null;

  @ApiProperty({
    example: '/0190a1b2-0000-7000-8000-000000000001/0190a1b2-0000-7000-8000-000000000002/',
    description:
      'The ids from the root down to this unit, each followed by "/": a unit lies in another’s ' +
      'subtree when its path starts with the other’s',
  })
  path: string;

  @ApiProperty({ description: 'false: closed (its history stays)' })
  active: boolean;

  @ApiProperty({ description: 'Loaded with the demonstration data' })
  demo: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time', description: 'Also when a move of an ancestor changed path' })
  updatedAt: string;
}

export class UnitPageDto {
  @ApiProperty({ type: [UnitDto], description: 'In path order (a parent before its sub-units)' })
  items: UnitDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass back as cursor for the next page; null on the last page',
  })
  nextCursor: string | null;
}

/** A person as stored (StoredPerson): what a change answers. */
export class PersonDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'CB-000123' })
  code: string;

  @ApiProperty({ example: 'Trần Xuân Lâm' })
  fullName: string;

  @ApiProperty({ format: 'uuid' })
  unitId: string;

  @ApiProperty({ type: String, nullable: true, example: 'Bí thư Chi bộ' })
  position: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '1980-05-17' })
  dateOfBirth: string | null;

  @ApiProperty()
  partyMember: boolean;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2005-03-26' })
  partyJoinedOn: string | null;

  @ApiProperty({ enum: EMPLOYMENT_TYPES })
  employmentType: EmploymentType;

  @ApiProperty()
  active: boolean;

  @ApiProperty({ description: 'Loaded with the demonstration data' })
  demo: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

/** A person with their unit's path (PersonInUnit): what a read answers. */
export class PersonInUnitDto extends PersonDto {
  @ApiProperty({ description: 'The path of the person’s unit (see UnitDto.path)' })
  unitPath: string;
}

export class PersonPageDto {
  @ApiProperty({
    type: [PersonInUnitDto],
    description: 'By name, ignoring case and diacritics, then id',
  })
  items: PersonInUnitDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass back as cursor for the next page; null on the last page',
  })
  nextCursor: string | null;
}
