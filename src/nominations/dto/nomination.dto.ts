import { OutputLanguage } from '../../common/language-query.decorator';
import type { Language } from '../../domain/localized';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsDefined,
  IsIn,
  IsObject,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { CursorPageQuery } from '../../common/page-query.dto';
import { NormalisedName } from '../../common/text.decorators';
import { IsOmittable } from '../../common/omittable.decorator';

export class UploadDocumentQuery {
  @ApiProperty({
    example: 'to_trinh',
    description:
      'A dossier document code of the rule set (a nomination), "evidence" (a violation case) or "implementation_plan" (a unit’s plan on its movement participation)',
  })
  @Matches(/^[a-z][a-z0-9_]{0,62}$/, { message: 'code must be a document code such as "to_trinh"' })
  code: string;

  @ApiProperty({ example: 'Tờ trình đề nghị.pdf' })
  @NormalisedName()
  @IsString()
  @Length(1, 255)
  fileName: string;
}

export class DecisionListQuery {
  @ApiProperty({ enum: ['csv', 'xlsx'] })
  @IsIn(['csv', 'xlsx'])
  format: 'csv' | 'xlsx';

  @OutputLanguage('The words of the list (headers, award names, statuses); names stay as given')
  lang?: Language;
}

export class DecisionPdfQuery {
  @OutputLanguage(
    'vi: the award decision as issued (the authentic document); en: an English rendering of the ' +
      'same record, for reference, made when asked (names, units and the number as given)',
  )
  lang?: Language;
}

export class CertificateQuery {
  @OutputLanguage(
    'vi: the certificate (the authentic document); en: an English rendering of the same ' +
      'certificate, for reference, made when asked (names, units and the number as given)',
  )
  lang?: Language;
}

export class PublicNoticesQuery extends CursorPageQuery {}

export class ObjectionDto {
  @ApiProperty({
    minLength: 10,
    maxLength: 4000,
    description: 'What is objected to, and why (at least 10 characters besides spaces)',
  })
  @IsString()
  @Length(10, 4000)
  @ValidateBy({
    name: 'saysSomething',
    validator: {
      // Ten spaces are no objection: the text must hold ten characters once spaces are set aside.
      validate: (value) => typeof value === 'string' && value.replace(/\s/gu, '').length >= 10,
      defaultMessage: () => 'objection must say something: at least 10 characters besides spaces',
    },
  })
  objection: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOmittable()
  @NormalisedName()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'How the secretariat may reach you' })
  @IsOmittable()
  @IsString()
  @MaxLength(200)
  contact?: string;
}

export class SignedDecisionDto {
  @ApiProperty({ example: '2026-12-01', description: 'Signing date, YYYY-MM-DD' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be written YYYY-MM-DD' })
  date: string;

  @ApiProperty({ example: 'Nguyễn Văn Bình, Bí thư Đảng ủy Khối' })
  @NormalisedName()
  @IsString()
  @Length(1, 200)
  signer: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'A registered signer of the issuing unit (GET /units/{id}/signers): checked against the ' +
      'authority that grants the award, and printed with its title block',
  })
  @IsOmittable()
  @IsUUID()
  signerId?: string;
}

export class AnnounceDecisionDto {
  @ApiProperty({ type: [String], description: 'The nominations the decision grants (1–200)' })
  // Rules run bottom up and each field stops at its first failure: the size is checked before
  // the elements, and uniqueness (quadratic in the length) only on an array of at most 200 ids.
  @ArrayUnique()
  @IsUUID('all', { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  caseIds: string[];

  @ApiProperty({ type: SignedDecisionDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SignedDecisionDto)
  decision: SignedDecisionDto;
}
