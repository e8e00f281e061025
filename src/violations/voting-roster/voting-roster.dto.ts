import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, Matches } from 'class-validator';
import { COUNCIL_BODIES, type CouncilBody } from '../../domain/council/council-roster';
import { IsOmittable } from '../../common/omittable.decorator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class VotingRosterQuery {
  @ApiProperty({
    enum: COUNCIL_BODIES,
    description: "The voting body's council (a rule-set body's `council`), e.g. party_cell",
  })
  @IsIn(COUNCIL_BODIES)
  body: CouncilBody;

  @ApiPropertyOptional({
    format: 'date',
    description: 'The meeting day; default: today in Việt Nam',
  })
  @IsOmittable()
  @Matches(DATE, { message: 'on must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  on?: string;
}

class VotingCouncilDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ enum: COUNCIL_BODIES }) body: string;
}

class VotingMemberDto {
  @ApiProperty() personId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ enum: ['chair', 'vice_chair', 'member', 'secretary'] }) role: string;
  @ApiProperty({ description: 'Chair, vice-chairs and members vote; the secretary does not' })
  votes: boolean;
}

export class VotingRosterDto {
  @ApiProperty({ format: 'date' }) on: string;
  @ApiProperty({ type: VotingCouncilDto }) council: VotingCouncilDto;
  @ApiProperty({ type: [VotingMemberDto] }) members: VotingMemberDto[];
}
