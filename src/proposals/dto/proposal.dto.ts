import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsUUID, Matches } from 'class-validator';
import { CursorPageQuery } from '../../common/page-query.dto';
import { LocalizedDto } from '../../common/problem.dto';
import { IsOmittable } from '../../common/omittable.decorator';

export const PROPOSAL_DIRECTIONS = ['in', 'out'] as const;

export class ProposalListQuery extends CursorPageQuery {
  @ApiProperty({
    enum: PROPOSAL_DIRECTIONS,
    description:
      '`out`: proposals sent by the units you read; `in`: proposals sent to the units you read (a competent level that uses this system)',
  })
  @IsIn(PROPOSAL_DIRECTIONS)
  direction: (typeof PROPOSAL_DIRECTIONS)[number];

  @ApiPropertyOptional({
    description:
      'Only proposals in this state of their workflow (award_proposal v1: sent, decided)',
    example: 'sent',
  })
  @IsOmittable()
  @Matches(/^[a-z][a-z0-9_]{0,63}$/, { message: 'state must be a state name' })
  state?: string;
}

export class ProposalUnitDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;
}

export class ProposalRecipientDto {
  @ApiProperty({ description: "An authority code of the rule set's authorities" })
  authority: string;

  @ApiProperty({ type: LocalizedDto, nullable: true, description: 'Null: unknown to the rule set' })
  authorityName: LocalizedDto | null;

  @ApiProperty({
    type: ProposalUnitDto,
    nullable: true,
    description: 'The unit acting as the authority in this system; null: outside the system',
  })
  unit: ProposalUnitDto | null;
}

export class ProposalSummaryDto {
  @ApiProperty({ format: 'uuid', description: 'The award_proposal case (GET /cases/{id})' })
  id: string;

  @ApiProperty({ example: '3-TTr/ĐUK', description: 'The letter number as printed' })
  number: string;

  @ApiProperty({ enum: ['party', 'state'] })
  format: 'party' | 'state';

  @ApiProperty()
  state: string;

  @ApiProperty({ type: LocalizedDto })
  stateLabel: LocalizedDto;

  @ApiProperty({ type: ProposalUnitDto })
  proposingUnit: ProposalUnitDto;

  @ApiProperty({ type: ProposalRecipientDto })
  to: ProposalRecipientDto;

  @ApiProperty()
  nominationCount: number;

  @ApiProperty({ format: 'date' })
  proposedOn: string;

  @ApiProperty({ format: 'date', nullable: true, type: String })
  decidedOn: string | null;
}

export class ProposalListDto {
  @ApiProperty({ type: [ProposalSummaryDto] })
  items: ProposalSummaryDto[];

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  nextCursor: string | null;
}

export class ProposedNominationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'The nominee (a person or a collective)' })
  nominee: string;

  @ApiProperty({ type: ProposalUnitDto, nullable: true })
  unit: ProposalUnitDto | null;

  @ApiProperty()
  awardCode: string;

  @ApiProperty({ type: LocalizedDto, nullable: true })
  awardName: LocalizedDto | null;

  @ApiProperty()
  state: string;

  @ApiProperty({ type: LocalizedDto })
  stateLabel: LocalizedDto;

  @ApiProperty({
    enum: ['granted', 'declined'],
    nullable: true,
    type: String,
    description: 'What the competent level decided (null: not yet)',
  })
  outcome: 'granted' | 'declined' | null;

  @ApiPropertyOptional({ description: 'The decision recorded for a grant (number, date, grantor)' })
  decision?: Record<string, unknown>;

  @ApiPropertyOptional()
  reason?: string;
}

export class ProposalDetailDto extends ProposalSummaryDto {
  @ApiProperty({ type: [String], description: 'The grounds the letter cites' })
  basis: string[];

  @ApiProperty({ type: [ProposedNominationDto] })
  nominations: ProposedNominationDto[];

  @ApiProperty({ description: 'GET this for the letter (PDF)' })
  letterUrl: string;
}

export class RecipientQuery {
  @ApiProperty({ format: 'uuid', description: 'The proposing unit' })
  @IsUUID()
  unitId: string;

  @ApiProperty({ description: "An authority code of the rule set's authorities" })
  @Matches(/^[a-z][a-z0-9_]{0,62}$/, { message: 'authority must be an authority code' })
  authority: string;
}

export class RecipientListDto {
  @ApiProperty({
    type: [ProposalUnitDto],
    description:
      'The units above the proposing unit that act as the authority, nearest first (empty: the competent level is outside the system)',
  })
  items: ProposalUnitDto[];
}
