import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { IsCalendarDate } from '@placematch/platform';

/** The region in the path of a snapshot endpoint. */
export class RegionParamDto {
  @ApiProperty({ example: 'north-east' })
  @Matches(/^[a-z]+(?:-[a-z]+)*$/, { message: 'region must be a slug such as north-east' })
  region!: string;
}

/** The dates of a snapshot series. */
export class SnapshotSeriesQueryDto {
  @ApiPropertyOptional({
    example: '2026-04-01',
    description: 'First date of the series; default the start of the collection year of `to`',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-22', description: 'Last date of the series; default today' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}
