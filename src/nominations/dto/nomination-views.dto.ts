import { CaseViewDto } from '../../cases/dto/case-views.dto';
import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { LocalizedDto } from '../../common/problem.dto';

/** A legal source as a line names it in the rule set, before a report cites it in words. */
export class UncitedSourceDto {
  @ApiProperty({ example: 'law_06_2022', description: 'The id of a source of the rule set' })
  text: string;

  @ApiPropertyOptional({ example: 'Art 24' })
  provision?: string;

  @ApiPropertyOptional({ type: [Number] })
  refs?: number[];
}

export class CitedSourceDto extends UncitedSourceDto {
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Luật Thi đua, khen thưởng số 06/2022/QH15',
  })
  citation: string | null;

  @ApiProperty({ type: LocalizedDto, nullable: true })
  title: LocalizedDto | null;
}

export class EligibilityReportLineDto {
  @ApiProperty({ example: 'discipline.in_force', description: 'Stable code of the rule' })
  rule: string;

  @ApiProperty({ enum: ['pass', 'fail', 'needs_review', 'on_hold'] })
  outcome: 'pass' | 'fail' | 'needs_review' | 'on_hold';

  @ApiProperty({ type: LocalizedDto, description: 'Why, for this nominee' })
  reason: LocalizedDto;

  @ApiProperty({ type: [CitedSourceDto], description: 'The legal source of the rule' })
  source: CitedSourceDto[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  details?: Record<string, unknown>;
}

export class RuleSetPinDto {
  @ApiProperty({ example: 'vn-law-06-2022-decree-152-2025' })
  id: string;

  @ApiProperty({ example: 1 })
  version: number;

  @ApiProperty()
  hash: string;
}

export class EligibilityReportDto {
  @ApiProperty({ format: 'uuid' })
  caseId: string;

  @ApiProperty({ example: '2026-03-02', description: 'Judged as of this day (today in Vietnam)' })
  asOf: string;

  @ApiProperty({ enum: ['eligible', 'ineligible', 'on_hold', 'needs_review'] })
  outcome: 'eligible' | 'ineligible' | 'on_hold' | 'needs_review';

  @ApiProperty({ type: RuleSetPinDto })
  ruleSet: RuleSetPinDto;

  @ApiProperty({ type: [EligibilityReportLineDto] })
  lines: EligibilityReportLineDto[];
}

export class RecordedEligibilityReportDto extends OmitType(EligibilityReportDto, ['caseId']) {
  @ApiProperty({ example: 3, description: 'The audit record that keeps the report' })
  seq: number;

  @ApiProperty({ example: 'SUBMIT', description: 'The event that checked the eligibility' })
  eventType: string;

  @ApiProperty({
    example: '2026-03-02T02:14:07.512Z',
    description: 'When the record was written (the server clock)',
  })
  recordedAt: string;

  @ApiProperty({
    type: [EligibilityReportLineDto],
    description:
      'Every line as judged; a line about a case some readers may not read is its commitment ' +
      '(GET /cases/{id}/eligibility/sealed opens it to those who may)',
  })
  declare lines: EligibilityReportLineDto[];
}

export class RecordedEligibilityDto {
  @ApiProperty({ format: 'uuid' })
  caseId: string;

  @ApiProperty({
    type: RecordedEligibilityReportDto,
    nullable: true,
    description: 'Null until an accepted event has checked the eligibility',
  })
  recorded: RecordedEligibilityReportDto | null;
}

export class CertificateNomineeDto {
  @ApiProperty({ enum: ['person', 'unit'] })
  kind: 'person' | 'unit';

  @ApiProperty({ example: 'Nguyễn Thị Ngọc Ánh' })
  name: string;
}

export class CertificateAwardDto {
  @ApiProperty({ example: 'lao_dong_tien_tien' })
  code: string;

  @ApiProperty({ type: LocalizedDto, nullable: true })
  name: LocalizedDto | null;
}

export class PublishedDecisionDto {
  @ApiProperty({ type: String, nullable: true, example: '12/QĐ-DUK' })
  number: string | null;

  @ApiProperty({ type: String, nullable: true, example: '2026-01-15', description: 'Signed on' })
  date: string | null;

  @ApiProperty({ type: String, nullable: true })
  signer: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Đảng ủy Khối Doanh nghiệp' })
  issuingUnitName: string | null;
}

export class PublishedRevocationDto {
  @ApiProperty({ type: String, nullable: true })
  number: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Signed on, YYYY-MM-DD' })
  date: string | null;

  @ApiProperty({ type: String, nullable: true })
  issuingUnitName: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    enum: ['fraudulent_achievements', 'false_dossier', 'unlawful_procedure', 'violation_in_period'],
    description: 'Law 06/2022 Art 93(2)',
  })
  ground: string | null;

  @ApiProperty({ type: LocalizedDto, nullable: true })
  groundLabel: LocalizedDto | null;
}

export class CertificateAuditDto {
  @ApiProperty({ format: 'uuid' })
  caseId: string;

  @ApiProperty({ description: 'The audit record of the announcement' })
  seq: number;

  @ApiProperty()
  recordHash: string;

  @ApiProperty({ description: 'The case’s hash chain verifies and still holds that record' })
  chainIntact: boolean;
}

/** What a printed certificate's code resolves to, for the public verification page. */
export class CertificateCheckDto {
  @ApiProperty({ example: '7K2M-Q9XD-4TBW-H0RC' })
  verificationCode: string;

  @ApiProperty({ enum: ['granted', 'revoked'] })
  status: 'granted' | 'revoked';

  @ApiProperty({ type: LocalizedDto, example: { vi: 'Có hiệu lực', en: 'In force' } })
  statusLabel: LocalizedDto;

  @ApiProperty({ type: CertificateNomineeDto })
  nominee: CertificateNomineeDto;

  @ApiProperty({ type: String, nullable: true, description: 'The holder’s unit, as printed' })
  unitName: string | null;

  @ApiProperty({ type: CertificateAwardDto })
  award: CertificateAwardDto;

  @ApiProperty({ example: 2025 })
  evaluationYear: number;

  @ApiProperty({ type: PublishedDecisionDto })
  decision: PublishedDecisionDto;

  @ApiProperty({ type: PublishedRevocationDto, nullable: true, description: 'When revoked' })
  revocation: PublishedRevocationDto | null;

  @ApiProperty({ type: CertificateAuditDto })
  audit: CertificateAuditDto;
}

export class IssuingUnitDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'ĐUK' })
  code: string;

  @ApiProperty({ example: 'Đảng ủy Khối Doanh nghiệp tỉnh' })
  name: string;
}

export class DecisionAuthorityDto {
  @ApiProperty({ example: 'superior_party_standing_committee' })
  code: string;

  @ApiProperty({ enum: ['party', 'state'] })
  format: 'party' | 'state';

  @ApiProperty({ example: 'ĐUK', description: 'The number series' })
  series: string;
}

export class DecisionSignerDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Trần Xuân Lâm' })
  fullName: string;

  @ApiProperty({ type: LocalizedDto })
  position: LocalizedDto;

  @ApiProperty({ type: String, nullable: true, enum: ['T/M', 'KT.', 'TL.', 'Q.'] })
  capacity: 'T/M' | 'KT.' | 'TL.' | 'Q.' | null;

  @ApiProperty({ type: [String], example: ['T/M BAN THƯỜNG VỤ', 'BÍ THƯ'] })
  titleLines: string[];
}

/** The decision POST /decisions issued (event-facts.ts DecisionNumberFact, with its date and signer). */
export class IssuedDecisionDto {
  @ApiProperty({ example: '12-QĐ/ĐUK' })
  number: string;

  @ApiProperty({ example: 12, description: 'In the issuing unit’s series for the year' })
  sequence: number;

  @ApiProperty({ example: 2026 })
  year: number;

  @ApiProperty({ type: IssuingUnitDto })
  issuingUnit: IssuingUnitDto;

  @ApiPropertyOptional({
    type: DecisionAuthorityDto,
    description: 'Absent when the unit records no authority (State format, the unit’s code)',
  })
  authority?: DecisionAuthorityDto;

  @ApiPropertyOptional({ type: DecisionSignerDto, description: 'When signerId was given' })
  signedBy?: DecisionSignerDto;

  @ApiProperty({ format: 'date', description: 'Signed on' })
  date: string;

  @ApiProperty({ example: 'Trần Xuân Lâm, Bí thư Đảng ủy Khối' })
  signer: string;
}

export class AnnouncedDecisionDto {
  @ApiProperty({ type: IssuedDecisionDto })
  decision: IssuedDecisionDto;

  @ApiProperty({ type: [CaseViewDto], description: 'Every nomination the decision announced' })
  cases: CaseViewDto[];
}

export class PublicNomineeDto {
  @ApiProperty({ enum: ['person', 'unit'] })
  kind: 'person' | 'unit';

  @ApiProperty({ example: 'Nguyễn Thị Ngọc Ánh' })
  name: string;
}

export class PublicAwardDto {
  @ApiProperty({ example: 'lao_dong_tien_tien' })
  code: string;

  @ApiProperty({ type: LocalizedDto })
  name: LocalizedDto;
}

/** A nomination under public notice, as anyone may read it (public-notices.service.ts). */
export class PublicNoticeDto {
  @ApiProperty({ format: 'uuid' })
  caseId: string;

  @ApiProperty({ type: PublicNomineeDto })
  nominee: PublicNomineeDto;

  @ApiProperty({ type: String, nullable: true })
  unitName: string | null;

  @ApiProperty({ type: PublicAwardDto })
  award: PublicAwardDto;

  @ApiProperty({ example: 2025 })
  evaluationYear: number;

  @ApiProperty({ type: String, nullable: true, format: 'date' })
  opensOn: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date' })
  closesOn: string | null;

  @ApiProperty({ type: Number, nullable: true })
  workingDays: number | null;

  @ApiProperty({ description: 'An objection is being reviewed: the notice is on hold' })
  onHold: boolean;
}

export class PublicNoticePageDto {
  @ApiProperty({ type: [PublicNoticeDto] })
  items: PublicNoticeDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as cursor for the next page; null on the last page',
  })
  nextCursor: string | null;
}
