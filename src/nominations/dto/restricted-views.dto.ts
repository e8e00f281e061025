import { ApiProperty, OmitType } from '@nestjs/swagger';
import { EligibilityReportLineDto, UncitedSourceDto } from './nomination-views.dto';

/** An eligibility line exactly as the evaluation wrote it (its sources not yet cited). */
export class JudgedEligibilityLineDto extends OmitType(EligibilityReportLineDto, ['source']) {
  @ApiProperty({ type: [UncitedSourceDto], description: 'The legal source of the rule' })
  source: UncitedSourceDto[];
}

/** Who filed an objection, as far as they said. */
export class ObjectorDto {
  @ApiProperty({ type: String, nullable: true, example: 'Trần Văn Dân' })
  name: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'dan.tran@example.vn' })
  contact: string | null;
}

export class ObjectionViewDto {
  @ApiProperty({ description: 'The FILE_OBJECTION audit record' })
  seq: number;

  @ApiProperty({ example: '2026-03-02T08:15:00.000Z' })
  at: string;

  @ApiProperty({ description: 'The objection as filed (part of the case, read by its readers)' })
  objection: string;

  @ApiProperty({ type: ObjectorDto, nullable: true, description: 'Null: given anonymously' })
  objector: ObjectorDto | null;

  @ApiProperty({
    enum: ['stored_apart', 'in_record', 'none'],
    description:
      'stored_apart: kept outside the case, the record holds a commitment (if inRecord); ' +
      'in_record: written into the record by a workflow version before 4 (cannot be rewritten)',
  })
  identity: 'stored_apart' | 'in_record' | 'none';

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'SHA-256 of the canonical JSON of { value: { name, contact }, nonce }',
  })
  commitment: string | null;

  @ApiProperty({ type: String, nullable: true, description: '256 random bits, hex' })
  nonce: string | null;

  @ApiProperty({ description: 'The audit record carries the identity or its commitment' })
  inRecord: boolean;

  @ApiProperty({
    type: Boolean,
    nullable: true,
    description: 'The identity and nonce give the commitment the record carries',
  })
  verified: boolean | null;
}

export class ObjectionListDto {
  @ApiProperty({ type: [ObjectionViewDto] })
  items: ObjectionViewDto[];
}

export class SealedLineDto {
  @ApiProperty({ description: 'The record whose eligibility fact carries the commitment' })
  seq: number;

  @ApiProperty({ description: 'The line’s position in that fact’s lines' })
  lineIndex: number;

  @ApiProperty({ example: 'discipline.in_force' })
  rule: string;

  @ApiProperty({ type: JudgedEligibilityLineDto, description: 'The line as it was judged' })
  line: JudgedEligibilityLineDto;

  @ApiProperty({ description: 'SHA-256 of the canonical JSON of { value: line, nonce }' })
  commitment: string;

  @ApiProperty({ description: '256 random bits, hex' })
  nonce: string;

  @ApiProperty({ description: 'The line and nonce give the commitment the record carries' })
  verified: boolean;
}

export class SealedLineListDto {
  @ApiProperty({ type: [SealedLineDto], description: 'The lines the caller may read' })
  items: SealedLineDto[];

  @ApiProperty({ description: 'Sealed lines describing cases the caller may not read' })
  withheld: number;
}

export class ObjectionReceivedDto {
  @ApiProperty({ format: 'uuid' })
  caseId: string;

  @ApiProperty({ enum: [true] })
  received: true;

  @ApiProperty({ enum: [true] })
  onHold: true;
}

export class HoldReferenceDto {
  @ApiProperty({
    format: 'uuid',
    description:
      'What the HOLD and RELEASE records and context.holds carry in place of the violation case',
  })
  reference: string;

  @ApiProperty({ format: 'uuid', description: 'The violation case that holds (or held) it' })
  violationCaseId: string;

  @ApiProperty({ description: '256 random bits, hex' })
  nonce: string;

  @ApiProperty({ format: 'date-time', description: 'When the hold was placed' })
  placedAt: string;

  @ApiProperty({ description: 'The hold is still on the nomination' })
  current: boolean;

  @ApiProperty({
    description:
      'The pair (violation case, this nomination) and the nonce give the reference (the first ' +
      '128 bits of SHA-256 of the canonical JSON of { value: pair, nonce }, as a UUID of version 8)',
  })
  verified: boolean;
}

export class HoldReferenceListDto {
  @ApiProperty({
    type: [HoldReferenceDto],
    description: 'The holds whose case the caller may read',
  })
  items: HoldReferenceDto[];

  @ApiProperty({ description: 'Holds by cases the caller may not read' })
  withheld: number;
}
