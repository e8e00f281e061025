import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { LocalizedDto } from '../../common/problem.dto';
import {
  DOCUMENT_FORMATS,
  DOCUMENT_KINDS,
  type DocumentFormat,
  type DocumentKind,
} from '../document-kinds';

export class TemplateParams {
  @ApiProperty({ enum: DOCUMENT_KINDS })
  @IsIn(DOCUMENT_KINDS)
  kind: DocumentKind;

  @ApiProperty({ enum: DOCUMENT_FORMATS, description: 'Party or State document format' })
  @IsIn(DOCUMENT_FORMATS)
  format: DocumentFormat;
}

export class TemplateDto {
  @ApiProperty({ enum: DOCUMENT_KINDS, example: 'award_decision' })
  kind: DocumentKind;

  @ApiProperty({ enum: DOCUMENT_FORMATS, example: 'party' })
  format: DocumentFormat;

  @ApiProperty({ example: 1, description: "The file's own version number" })
  version: number;

  @ApiProperty({ type: LocalizedDto })
  description: LocalizedDto;

  @ApiProperty({
    example: 'HD 36-HD/VPTW (2018) of the Party Central Office: Party document format',
  })
  source: string;

  @ApiProperty({
    example: 'award_decision.party.json',
    description: 'The file under TEMPLATES_DIR',
  })
  file: string;

  @ApiProperty({
    example: '9f2c…',
    description: "SHA-256 of the file's bytes: part of every render's cache key",
  })
  sha256: string;

  @ApiProperty({
    example: '/api/v1/templates/award_decision/party/preview.pdf',
    description: 'The template rendered with sample data',
  })
  previewUrl: string;
}

export class TemplateListDto {
  @ApiProperty({ type: [TemplateDto] })
  items: TemplateDto[];
}
