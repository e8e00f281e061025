import { ApiProperty } from '@nestjs/swagger';
import { LocalizedDto } from '../../common/problem.dto';

export class RuleSetSummaryDto {
  @ApiProperty({ example: 'vn-law-06-2022-decree-152-2025' })
  id: string;

  @ApiProperty({ example: 1 })
  version: number;

  @ApiProperty()
  hash: string;

  @ApiProperty({ example: '2025-07-01' })
  validFrom: string;

  @ApiProperty({ type: LocalizedDto })
  title: LocalizedDto;
}

export class DossierDocumentDto {
  @ApiProperty({ example: 'to_trinh', description: 'The code to upload it with' })
  code: string;

  @ApiProperty({ type: LocalizedDto, example: { vi: 'Tờ trình', en: 'Proposal letter' } })
  name: LocalizedDto;
}

export class ConditionalDocumentDto extends DossierDocumentDto {
  @ApiProperty({ type: LocalizedDto, description: 'When the dossier needs it' })
  when: LocalizedDto;
}

export class AwardDossierDto {
  @ApiProperty({ type: [DossierDocumentDto], description: 'Required for every nomination' })
  documents: DossierDocumentDto[];

  @ApiProperty({ type: [ConditionalDocumentDto], description: 'Required only in some cases' })
  conditional: ConditionalDocumentDto[];
}

export class AwardPublicNoticeDto {
  @ApiProperty()
  required: boolean;

  @ApiProperty({ type: Number, nullable: true, description: 'How long, in working days' })
  workingDays: number | null;
}

export class AuthorityDto {
  @ApiProperty({ example: 'unit_head' })
  code: string;

  @ApiProperty({ type: LocalizedDto })
  name: LocalizedDto;
}

export class AwardGrantorDto {
  @ApiProperty({
    enum: [
      'state',
      'government',
      'ministry_province',
      'grassroots',
      'party_grassroots',
      'party_superior',
      'party_provincial',
    ],
  })
  level: string;

  @ApiProperty({ type: [AuthorityDto] })
  authorities: AuthorityDto[];

  @ApiProperty()
  confirmed: boolean;
}

export class AwardItemDto {
  @ApiProperty({ example: 'lao_dong_tien_tien' })
  code: string;

  @ApiProperty({ type: LocalizedDto })
  name: LocalizedDto;

  @ApiProperty({ type: [LocalizedDto] })
  alsoCalled: LocalizedDto[];

  @ApiProperty({ enum: ['title', 'form'], description: 'Danh hiệu (title) or hình thức (form)' })
  kind: 'title' | 'form';

  @ApiProperty({ enum: ['individual', 'collective'], isArray: true })
  subjects: ('individual' | 'collective')[];

  @ApiProperty({
    enum: ['person', 'unit'],
    isArray: true,
    description: 'The subject kinds (POST /cases subject.kind) it may be nominated for',
  })
  nomineeKinds: ('person' | 'unit')[];

  @ApiProperty({ type: AwardDossierDto, description: 'The documents SUBMIT requires' })
  dossier: AwardDossierDto;

  @ApiProperty({ type: AwardPublicNoticeDto })
  publicNotice: AwardPublicNoticeDto;

  @ApiProperty({ type: AwardGrantorDto })
  grantor: AwardGrantorDto;
}

export class AwardCatalogueDto {
  @ApiProperty({ type: RuleSetSummaryDto, description: 'The rule set in force on asOf' })
  ruleSet: RuleSetSummaryDto;

  @ApiProperty({ type: [AwardItemDto] })
  items: AwardItemDto[];
}
