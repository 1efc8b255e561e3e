import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsCalendarDate } from '@placematch/platform';

const REGION = /^[a-z]+(?:-[a-z]+)*$/;
const LOCAL_AUTHORITY = /^E(?:06|08|09|10)\d{6}$/;

/** The scope and period of a commissioning view. */
export class CommissioningQueryDto {
  @ApiPropertyOptional({
    example: 'north-east',
    description:
      "Region slug. A commissioner's own region by default, and the only one it may name (403 otherwise); an operator may name any, or none for every authority.",
  })
  @IsOptional()
  @Matches(REGION, { message: 'region must be a slug such as north-east' })
  region?: string;

  @ApiPropertyOptional({
    example: 'E08000021',
    description:
      'ONS code of one authority of the region: its row of the region table (403 if not in the region)',
  })
  @IsOptional()
  @Matches(LOCAL_AUTHORITY, { message: "la must be the ONS code of a children's services authority" })
  la?: string;

  @ApiPropertyOptional({
    example: '2025-04-01',
    description: 'First day of the period; default the start of the collection year of `to`',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({
    example: '2026-03-31',
    description:
      'Last day of the period; default today. Outcomes give the stability measures for the collection year ending on the last 31 March on or before it.',
  })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

/** The scope of a forecast, and its window. */
export class ForecastQueryDto extends CommissioningQueryDto {
  @ApiPropertyOptional({
    example: 3,
    minimum: 1,
    maximum: 5,
    description: 'Collection years observed, the current one included; default 3',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5)
  years?: number;
}

/** Why an authority belongs to a region. */
export class AssignAuthorityDto {
  @ApiProperty({ example: 'Joins the regional care co-operative from April 2026' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason!: string;
}

const SHOWN = {
  oneOf: [{ type: 'integer' }, { type: 'string', enum: ['c'] }],
  description: 'A count, or c where it is suppressed',
};
const SHOWN_OR_NULL = { ...SHOWN, nullable: true };

/** A suppressed breakdown (OpenAPI description). */
export class BreakdownDto {
  @ApiProperty({ example: 'urgency' }) id!: string;
  @ApiProperty({ example: 'When the placement is needed' }) dimension!: string;
  @ApiProperty({ example: 'requests' }) unit!: string;
  @ApiProperty({ description: 'The categories add up to the total' }) additive!: boolean;
  @ApiProperty({ type: [String], example: ['today', 'under-5-days', 'over-5-days'] }) categories!: string[];
  @ApiProperty({
    type: 'object',
    additionalProperties: SHOWN,
    description: 'Each category and `total`, for the scope (or the one authority asked for)',
    example: { today: 12, 'under-5-days': 'c', 'over-5-days': 'c', total: 20 },
  })
  figures!: Record<string, number | 'c'>;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: SHOWN },
    description: 'The same per authority (ONS code), when the scope is a region',
  })
  byLocalAuthority?: Record<string, Record<string, number | 'c'>>;
}

/** A share of two figures (OpenAPI description). */
export class ShareDto {
  @ApiProperty() id!: string;
  @ApiProperty() description!: string;
  @ApiProperty({
    ...SHOWN_OR_NULL,
    description: 'Percentage to one decimal place; c when either figure is hidden',
  })
  percentage!: number | 'c' | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: SHOWN_OR_NULL }) byLocalAuthority?: Record<
    string,
    number | 'c' | null
  >;
}

/** A statistic over enough values (OpenAPI description). */
export class StatisticDto {
  @ApiProperty() id!: string;
  @ApiProperty() description!: string;
  @ApiProperty() unit!: string;
  @ApiProperty({
    ...SHOWN_OR_NULL,
    description: 'c when over fewer values than the threshold; null when none',
  })
  value!: number | 'c' | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: SHOWN_OR_NULL }) byLocalAuthority?: Record<
    string,
    number | 'c' | null
  >;
}

/** The scope of a view (OpenAPI description). */
export class ScopeDto {
  @ApiProperty({ nullable: true, example: 'north-east' }) region!: string | null;
  @ApiProperty({ nullable: true, example: null }) localAuthority!: string | null;
  @ApiProperty({ type: [String], example: ['E06000002', 'E08000021'] }) localAuthorities!: string[];
}

/** How figures were suppressed (OpenAPI description). */
export class SuppressionDto {
  @ApiProperty({ example: 5 }) threshold!: number;
  @ApiProperty({ example: 'c' }) marker!: string;
  @ApiProperty() method!: string;
}

/** A commissioning view: suppressed aggregates only, never a child-level row (OpenAPI description). */
export class ViewResponseDto {
  @ApiProperty({ enum: ['demand', 'supply', 'gaps', 'outcomes'] }) view!: string;
  @ApiProperty({ type: ScopeDto }) scope!: ScopeDto;
  @ApiProperty({
    example: {
      from: '2025-04-01',
      to: '2026-03-31',
      stabilityYear: { start: '2025-04-01', end: '2026-03-31' },
    },
  })
  period!: object;
  @ApiProperty({ type: SuppressionDto }) suppression!: SuppressionDto;
  @ApiProperty({ type: [BreakdownDto] }) breakdowns!: BreakdownDto[];
  @ApiProperty({ type: [ShareDto] }) shares!: ShareDto[];
  @ApiProperty({ type: [StatisticDto] }) statistics!: StatisticDto[];
}

/** A forecast line (OpenAPI description). */
export class ForecastCellDto {
  @ApiPropertyOptional({ example: 'fostering' }) placementGroup?: string;
  @ApiPropertyOptional({ example: '10-15' }) ageBand?: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: SHOWN,
    description: 'Raw counts of new placements per collection year (by the year it ends)',
  })
  observed!: Record<string, number | 'c'>;
  @ApiProperty(SHOWN) forecast!: number | 'c';
  @ApiProperty(SHOWN) low!: number | 'c';
  @ApiProperty(SHOWN) high!: number | 'c';
}

/** The forecast of next year's demand (OpenAPI description). */
export class ForecastResponseDto {
  @ApiProperty({ type: ScopeDto }) scope!: ScopeDto;
  @ApiProperty({ type: SuppressionDto }) suppression!: SuppressionDto;
  @ApiProperty({ description: 'How the forecast is made' }) method!: string;
  @ApiProperty({ example: { endYear: 2028, start: '2027-04-01', end: '2028-03-31' } }) targetYear!: object;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) observedYears!: object[];
  @ApiProperty({ type: [ForecastCellDto] }) cells!: ForecastCellDto[];
  @ApiProperty({ type: [ForecastCellDto] }) byPlacementGroup!: ForecastCellDto[];
  @ApiProperty({ type: [ForecastCellDto] }) byAgeBand!: ForecastCellDto[];
  @ApiProperty({ type: ForecastCellDto }) total!: ForecastCellDto;
  @ApiPropertyOptional({ type: 'object', additionalProperties: SHOWN }) byLocalAuthority?: Record<
    string,
    number | 'c'
  >;
}
