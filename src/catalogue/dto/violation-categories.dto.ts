import { ApiProperty } from '@nestjs/swagger';
import { LocalizedDto } from '../../common/problem.dto';

export class ViolationCategoryDto {
  @ApiProperty({ example: 'traffic_alcohol' })
  code: string;

  @ApiProperty({ type: LocalizedDto })
  name: LocalizedDto;

  @ApiProperty({ enum: ['traffic', 'other'] })
  group: 'traffic' | 'other';

  @ApiProperty({
    description:
      'A confirmed violation of this category counts against the traffic-law compliance criterion',
  })
  countsAgainstTraffic: boolean;
}

export class ViolationCategoryListDto {
  @ApiProperty({ example: 'violation-categories' })
  id: string;

  @ApiProperty({ example: 1 })
  version: number;

  @ApiProperty({ type: LocalizedDto })
  title: LocalizedDto;

  @ApiProperty({ type: LocalizedDto })
  description: LocalizedDto;

  @ApiProperty({ type: [ViolationCategoryDto] })
  items: ViolationCategoryDto[];
}
