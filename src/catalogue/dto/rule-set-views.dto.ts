import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LocalizedDto } from '../../common/problem.dto';
import { RuleSetSummaryDto } from './award-catalogue.dto';

/**
 * The sections are passed through as the published file has them; their shape is the rule-set
 * file format (src/domain/rules/rule-set.schema.json, data/rulesets/README.md), which grows with
 * each version of the law, so it is not restated here.
 */
const SECTION = { type: 'object', additionalProperties: true } as const;
const SECTIONS = { type: 'array', items: SECTION } as const;

export class RuleSetListDto {
  @ApiProperty({ type: [RuleSetSummaryDto], description: 'By id, then version' })
  items: RuleSetSummaryDto[];
}

/**
 * A rule set version as ruleSetDetail gives it: its summary, then every section of the file
 * (without its $schema). Each value carries its sources and a confirmed flag.
 */
export class RuleSetDetailDto extends RuleSetSummaryDto {
  @ApiPropertyOptional({ type: LocalizedDto })
  description?: LocalizedDto;

  @ApiProperty({ ...SECTIONS, description: 'The legal sources the values cite, by id' })
  sources: Record<string, unknown>[];

  @ApiProperty({ ...SECTIONS, description: 'The authorities that grant awards' })
  authorities: Record<string, unknown>[];

  @ApiProperty({ ...SECTIONS, description: 'The levels of the annual task rating' })
  ratings: Record<string, unknown>[];

  @ApiProperty({ ...SECTIONS, description: 'The documents a dossier may require' })
  documents: Record<string, unknown>[];

  @ApiPropertyOptional({
    ...SECTIONS,
    description: 'Rule set v4 on: the types of commendation a nomination may name',
  })
  commendationTypes?: Record<string, unknown>[];

  @ApiProperty({
    ...SECTIONS,
    description:
      'The awards: grantor, criteria, prerequisites, routes, quota, dossier, public notice, council vote',
  })
  awards: Record<string, unknown>[];

  @ApiProperty({
    ...SECTION,
    description: 'Discipline forms, what bars commendation and for how long, holds, appeals',
  })
  discipline: Record<string, unknown>;

  @ApiProperty({ ...SECTIONS, description: 'Recorded facts that count as a breach' })
  complianceCriteria: Record<string, unknown>[];

  @ApiPropertyOptional({
    ...SECTION,
    description: 'How the Emulation-Commendation Council meets and votes',
  })
  council?: Record<string, unknown>;

  @ApiPropertyOptional({
    ...SECTION,
    description: 'How far back a legal date may be entered after the fact',
  })
  legalDates?: Record<string, unknown>;

  @ApiPropertyOptional({
    ...SECTIONS,
    description: 'Rule set v5 on: how long a step may take, by code (workflow timers name them)',
  })
  timeLimits?: Record<string, unknown>[];
}
