import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { LIVES_ALONGSIDE, MAX_AGE_MONTHS, MAX_CHILDREN_PER_SEARCH, URGENCIES } from '@placematch/matching';
import {
  ADAPTATIONS,
  COMMUNICATION_METHODS,
  DISABILITY_CODE_LIST,
  PLACEMENT_PURPOSES,
  RELIGIONS,
  RISK_CODES,
} from '@placematch/supply';
import { IsCodeList, IsUkPostcode } from '@placematch/platform';

/** One child's needs as matching sees them: coarse, derived values only (no name, no date of birth). */
export class ChildNeedDto {
  @ApiProperty({ example: 'child-1', description: 'An opaque reference, never a name' })
  @Matches(/^[A-Za-z0-9._:-]{1,64}$/)
  ref!: string;

  @ApiProperty({ example: 122 })
  @IsInt()
  @Min(0)
  @Max(MAX_AGE_MONTHS)
  ageMonths!: number;

  @ApiPropertyOptional({
    example: 10,
    nullable: true,
    description: 'National curriculum year; 10 and 11 matter (M-18)',
  })
  @IsOptional()
  @IsInt()
  @Min(-1)
  @Max(14)
  yearGroup?: number | null;

  @ApiProperty({ enum: DISABILITY_CODE_LIST, isArray: true })
  @IsCodeList(DISABILITY_CODE_LIST)
  disabilities!: string[];

  @ApiProperty({ enum: ADAPTATIONS, isArray: true })
  @IsCodeList(ADAPTATIONS)
  adaptations!: string[];

  @ApiProperty({ example: ['en'] })
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, {
    each: true,
    message: 'each of languages must be a BCP 47 tag such as en or pl',
  })
  languages!: string[];

  @ApiProperty({ enum: COMMUNICATION_METHODS, isArray: true })
  @IsArray()
  @IsIn(COMMUNICATION_METHODS, { each: true })
  communication!: string[];

  @ApiPropertyOptional({ enum: RELIGIONS })
  @IsOptional()
  @IsIn(RELIGIONS)
  religion?: string;

  @ApiProperty({ example: [] })
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  culturalNeeds!: string[];

  @ApiProperty()
  @IsBoolean()
  uasc!: boolean;

  @ApiProperty({ enum: RISK_CODES, isArray: true })
  @IsCodeList(RISK_CODES)
  risks!: string[];

  @ApiProperty({ enum: LIVES_ALONGSIDE })
  @IsIn(LIVES_ALONGSIDE)
  livesAlongside!: string;

  @ApiProperty()
  @IsBoolean()
  cannotLiveWithPets!: boolean;

  @ApiProperty({ example: [] })
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  healthNeeds!: string[];
}

export class SuitabilityDto {
  @ApiProperty() @IsBoolean() foster!: boolean;
  @ApiProperty() @IsBoolean() residential!: boolean;
  @ApiProperty() @IsBoolean() supported!: boolean;
}

/** A search: one child or a sibling group, where they live and go to school, and what the placement is for. */
export class SearchDto {
  @ApiProperty({ type: [ChildNeedDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CHILDREN_PER_SEARCH)
  @ValidateNested({ each: true })
  @Type(() => ChildNeedDto)
  children!: ChildNeedDto[];

  @ApiProperty({
    example: 'NE4 5XX',
    description: 'The child’s home postcode; matching uses only its coarse location',
  })
  @IsUkPostcode()
  homePostcode!: string;

  @ApiProperty({ example: 'E08000021' })
  @Matches(/^E(06|08|09|10)\d{6}$/, {
    message: 'homeLocalAuthority must be the ONS code of a children’s services authority',
  })
  homeLocalAuthority!: string;

  @ApiPropertyOptional({ example: 'NE6 5XX' })
  @IsOptional()
  @IsUkPostcode()
  schoolPostcode?: string;

  @ApiProperty({ enum: PLACEMENT_PURPOSES })
  @IsIn(PLACEMENT_PURPOSES)
  purpose!: string;

  @ApiProperty({ enum: URGENCIES })
  @IsIn(URGENCIES)
  urgency!: string;

  @ApiProperty()
  @IsBoolean()
  emergency!: boolean;

  @ApiProperty({ type: SuitabilityDto })
  @ValidateNested()
  @Type(() => SuitabilityDto)
  suitability!: SuitabilityDto;

  @ApiProperty()
  @IsBoolean()
  secureCriteriaMet!: boolean;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  keepSiblingsTogether?: boolean;

  @ApiPropertyOptional({ default: 20 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
