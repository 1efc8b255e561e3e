import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/**
 * A new version of a scope's matching policy. The policy body is checked in full by the domain
 * (`validatePolicy`): weights for each factor, the distance step, KEEP thresholds, school distances, cost
 * bands, split limits; a weight on ethnicity or the skill tier is refused (M-28, M-38).
 */
export class SetPolicyDto {
  @ApiProperty({ example: 'north-east-2026', description: 'A name for this policy' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/)
  id!: string;

  @ApiPropertyOptional({
    example: 'E08000021',
    description: 'Omit for the default policy of every authority without one',
  })
  @IsOptional()
  @Matches(/^E(06|08|09|10)\d{6}$/)
  localAuthority?: string;

  @ApiProperty({
    description: 'The policy fields (weights, distanceStepMiles, keep, school, cost, splits, …)',
  })
  @IsObject()
  policy!: Record<string, unknown>;

  @ApiProperty({ example: 'Regional agreement of November 2026' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}
