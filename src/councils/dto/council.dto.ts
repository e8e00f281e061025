import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsString, IsUUID, Length, Matches } from 'class-validator';
import { LocalizedDto } from '../../common/problem.dto';
import { COUNCIL_BODIES, type CouncilBody } from '../../domain/council/council-roster';
import { IsOmittable } from '../../common/omittable.decorator';
import { OutputLanguage } from '../../common/language-query.decorator';
import type { Language } from '../../domain/localized';
import { NormalisedName } from '../../common/text.decorators';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = 'must be a date YYYY-MM-DD';

export const COUNCIL_ROLES = ['chair', 'vice_chair', 'member', 'secretary'] as const;

const BODY_DESCRIPTION =
  'The collegial body: the Emulation-Commendation Council (sessions on nominations), or a body ' +
  'that votes on violations (Party cell, grassroots or superior Party committee, discipline ' +
  'council)';

export class CreateCouncilDto {
  @ApiProperty({ format: 'uuid', description: 'The unit whose council this is' })
  @IsUUID()
  unitId: string;

  @ApiProperty({ minLength: 1, maxLength: 300, example: 'Hội đồng Thi đua – Khen thưởng' })
  @NormalisedName()
  @IsString()
  @Length(1, 300)
  name: string;

  @ApiPropertyOptional({
    enum: COUNCIL_BODIES,
    default: 'emulation_council',
    description: `${BODY_DESCRIPTION}. One per unit for every body but the Emulation-Commendation Council; never changed.`,
  })
  @IsOmittable()
  @IsIn(COUNCIL_BODIES)
  body?: CouncilBody;
}

export class CouncilListQuery {
  @ApiPropertyOptional({ enum: COUNCIL_BODIES, description: 'Only the councils of this body' })
  @IsOmittable()
  @IsIn(COUNCIL_BODIES)
  body?: CouncilBody;
}

export class AddCouncilMemberDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  personId: string;

  @ApiProperty({ enum: COUNCIL_ROLES, description: 'The secretary keeps the minutes, not a vote' })
  @IsIn(COUNCIL_ROLES)
  role: (typeof COUNCIL_ROLES)[number];

  @ApiProperty({ format: 'date', description: 'First day of the term' })
  @Matches(DATE, { message: `from ${DATE_MESSAGE}` })
  @IsISO8601({ strict: true })
  from: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last day of the term; open when absent' })
  @IsOmittable()
  @Matches(DATE, { message: `to ${DATE_MESSAGE}` })
  @IsISO8601({ strict: true })
  to?: string;
}

export class EndTermDto {
  @ApiProperty({ format: 'date', description: 'Last day of the term (inclusive)' })
  @Matches(DATE, { message: `to ${DATE_MESSAGE}` })
  @IsISO8601({ strict: true })
  to: string;
}

export class RosterQuery {
  @ApiPropertyOptional({ format: 'date', description: 'Default: today in Việt Nam' })
  @IsOmittable()
  @Matches(DATE, { message: `on ${DATE_MESSAGE}` })
  @IsISO8601({ strict: true })
  on?: string;
}

export class MinutesQuery {
  @OutputLanguage(
    'vi: the minutes as filed with the session and every nomination (the official document); ' +
      'en: an English rendering of the same record, for reference, made when asked',
  )
  lang?: Language;
}

export class SessionListQuery {
  @ApiPropertyOptional({ enum: ['scheduled', 'open', 'counted', 'closed', 'cancelled'] })
  @IsOmittable()
  @IsIn(['scheduled', 'open', 'counted', 'closed', 'cancelled'])
  state?: string;
}

export class CastBallotDto {
  @ApiProperty({ format: 'uuid', description: 'The nomination on the agenda' })
  @IsUUID()
  caseId: string;

  @ApiProperty({ enum: ['approve', 'reject', 'abstain'] })
  @IsIn(['approve', 'reject', 'abstain'])
  choice: 'approve' | 'reject' | 'abstain';
}

export class ReceiptCheckDto {
  @ApiProperty({ example: 'K7Q2-M9XD-4TRB-Z81C', description: 'The code shown when voting' })
  @IsString()
  @Length(1, 40)
  receipt: string;
}

class UnitRefDto {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
}

class PersonRefDto {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() unitId: string;
}

export class CouncilMemberViewDto {
  @ApiProperty() id: string;
  @ApiProperty({ type: PersonRefDto }) person: PersonRefDto;
  @ApiProperty({ enum: COUNCIL_ROLES }) role: string;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) to: string | null;
  @ApiProperty({ description: 'Chair, vice-chairs and members vote; the secretary does not' })
  votes: boolean;
}

export class CouncilViewDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: COUNCIL_BODIES, description: BODY_DESCRIPTION }) body: string;
  @ApiProperty({ type: UnitRefDto }) unit: UnitRefDto;
  @ApiProperty({ type: [CouncilMemberViewDto] }) members: CouncilMemberViewDto[];
  @ApiProperty() createdAt: string;
}

export class CouncilListDto {
  @ApiProperty({ type: [CouncilViewDto] }) items: CouncilViewDto[];
}

export class RosterViewDto {
  @ApiProperty({ format: 'date' }) on: string;
  @ApiProperty({ type: [CouncilMemberViewDto] }) members: CouncilMemberViewDto[];
}

class CouncilRefDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class SessionSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty() state: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date' }) meetingDate: string;
  @ApiProperty({ type: CouncilRefDto, nullable: true }) council: CouncilRefDto | null;
  @ApiProperty({ type: UnitRefDto }) unit: UnitRefDto;
}

export class SessionListDto {
  @ApiProperty({ type: [SessionSummaryDto] }) items: SessionSummaryDto[];
}

class AllowedEventRefDto {
  @ApiProperty() type: string;
  @ApiProperty({ type: LocalizedDto }) label: LocalizedDto;
}

class RosterEntryDto {
  @ApiProperty() personId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: COUNCIL_ROLES }) role: string;
  @ApiProperty() votes: boolean;
}

class RuleSetRefDto {
  @ApiProperty() id: string;
  @ApiProperty() version: number;
}

class QuorumViewDto {
  @ApiProperty() required: number;
  @ApiProperty() present: number;
  @ApiProperty() members: number;
  @ApiProperty() met: boolean;
  @ApiProperty() numerator: number;
  @ApiProperty() denominator: number;
  @ApiProperty({ enum: ['gt', 'gte'] }) comparison: string;
  @ApiProperty({ type: RuleSetRefDto }) ruleSet: RuleSetRefDto;
}

class AttendanceDto {
  @ApiProperty({ type: [String] }) present: string[];
}

class NomineeRefDto {
  @ApiProperty({ enum: ['person', 'unit'] }) kind: string;
  @ApiProperty() name: string;
}

class AwardRefDto {
  @ApiProperty() code: string;
  @ApiProperty({ type: LocalizedDto }) name: LocalizedDto;
}

class RecusalViewDto {
  @ApiProperty() personId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: LocalizedDto }) reason: LocalizedDto;
  @ApiProperty() automatic: boolean;
}

class AgendaItemDto {
  @ApiProperty() caseId: string;
  @ApiProperty({ type: NomineeRefDto }) nominee: NomineeRefDto;
  @ApiProperty({ type: AwardRefDto }) award: AwardRefDto;
  @ApiProperty({ enum: ['to_vote', 'deferred'] }) status: string;
  @ApiProperty({ type: LocalizedDto, nullable: true }) deferredBecause: LocalizedDto | null;
  @ApiProperty({ type: [RecusalViewDto] }) recusals: RecusalViewDto[];
  @ApiProperty({ enum: ['secret', 'open'] }) ballot: string;
}

class MyBallotDto {
  @ApiProperty({ type: String, nullable: true }) personId: string | null;
  @ApiProperty({ description: 'On the roster as a voting member' }) votes: boolean;
  @ApiProperty({ type: [String] }) votedOn: string[];
  @ApiProperty({ type: [String], description: 'Items the caller may vote on now' })
  mayVoteOn: string[];
}

class PublishedBallotDto {
  @ApiProperty() receiptHash: string;
  @ApiProperty({ enum: ['approve', 'reject', 'abstain'] }) choice: string;
}

class OpenVoteDto {
  @ApiProperty() personId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['approve', 'reject', 'abstain'] }) choice: string;
}

class TallyRuleSetsDto {
  @ApiProperty({ type: RuleSetRefDto, description: 'The rule set the award’s vote follows' })
  award: RuleSetRefDto;
  @ApiProperty({ type: RuleSetRefDto, description: 'The rule set in force on the meeting day' })
  council: RuleSetRefDto;
}

class TallyItemDto {
  @ApiProperty() caseId: string;
  @ApiProperty() approve: number;
  @ApiProperty() reject: number;
  @ApiProperty() abstain: number;
  @ApiProperty() base: number;
  @ApiProperty({ enum: ['all_members', 'present_members'] }) baseKind: string;
  @ApiProperty() needed: number;
  @ApiProperty() ratio: number;
  @ApiProperty({ enum: ['gt', 'gte'] }) comparison: string;
  @ApiProperty() recommended: boolean;
  @ApiProperty({ enum: ['secret', 'open'] }) ballot: string;
  @ApiProperty({ type: [PublishedBallotDto], description: 'Secret ballots: contents, no voters' })
  receipts: PublishedBallotDto[];
  @ApiProperty({ type: [OpenVoteDto], nullable: true, description: 'Open ballots only' })
  openVotes: OpenVoteDto[] | null;
  @ApiProperty({ type: TallyRuleSetsDto }) ruleSets: TallyRuleSetsDto;
}

class MinutesRefDto {
  @ApiProperty() documentId: string;
  @ApiProperty() sha256: string;
}

export class SessionViewDto extends SessionSummaryDto {
  @ApiProperty({ type: String, nullable: true }) place: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ type: [AllowedEventRefDto] }) allowedEvents: AllowedEventRefDto[];
  @ApiProperty({ type: [RosterEntryDto] }) roster: RosterEntryDto[];
  @ApiProperty({ type: QuorumViewDto, nullable: true }) quorum: QuorumViewDto | null;
  @ApiProperty({ type: AttendanceDto, nullable: true }) attendance: AttendanceDto | null;
  @ApiProperty({ type: [AgendaItemDto], nullable: true }) agenda: AgendaItemDto[] | null;
  @ApiProperty({ type: MyBallotDto }) me: MyBallotDto;
  @ApiProperty({ type: [TallyItemDto], nullable: true }) tally: TallyItemDto[] | null;
  @ApiProperty({ type: MinutesRefDto, nullable: true }) minutes: MinutesRefDto | null;
}

export class BallotReceiptDto {
  @ApiProperty() caseId: string;
  @ApiProperty({ description: 'Shown once: note it to check the published count later' })
  receipt: string;
}

export class ReceiptCheckResultDto {
  @ApiProperty() counted: boolean;
  @ApiPropertyOptional() caseId?: string;
  @ApiPropertyOptional({ enum: ['approve', 'reject', 'abstain'] }) choice?: string;
}
