import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  ADAPTATIONS,
  COMMUNICATION_METHODS,
  DISABILITY_SPECIALISM_CODES,
  ETHNICITY_CODE_LIST,
  MAX_APPROVAL_AGE_YEARS,
  PET_KINDS,
  PLACEMENT_PURPOSES,
  PLACEMENT_TYPE_CODES,
  RELIGIONS,
  RISK_CODES,
  SMOKING_STATUSES,
  SPECIALISMS,
} from '@placematch/supply';
import { IsCalendarDate, IsCodeList, IsNotBelow, IsOfstedUrn, IsUkPostcode } from '@placematch/platform';

const LA_CODE = /^E(06|08|09|10)\d{6}$/;

export class RegisterSettingDto {
  @ApiPropertyOptional({
    description: 'Only for operators acting for a provider; a provider key acts for its own provider',
  })
  @IsOptional()
  @IsUUID()
  providerId?: string;

  @ApiProperty({ example: 'Household A' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: PLACEMENT_TYPE_CODES, isArray: true, example: ['U4', 'U5', 'U6'] })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(30)
  @IsIn(PLACEMENT_TYPE_CODES, { each: true })
  placementTypes!: string[];

  @ApiProperty({
    example: 'NE1 4XX',
    description: 'The setting’s postcode; stored with its grid reference and sector',
  })
  @IsUkPostcode()
  postcode!: string;

  @ApiProperty({ example: 'E08000021' })
  @Matches(LA_CODE, {
    message: 'hostLocalAuthority must be the ONS code of a children’s services authority, such as E08000021',
  })
  hostLocalAuthority!: string;

  @ApiPropertyOptional({ example: 'SC999001' })
  @IsOptional()
  @IsOfstedUrn()
  ofstedUrn?: string;
}

export class AgeRangeDto {
  @ApiProperty({ example: 0 })
  @IsInt()
  @Min(0)
  @Max(MAX_APPROVAL_AGE_YEARS)
  minYears!: number;

  @ApiProperty({ example: 17 })
  @IsInt()
  @Min(0)
  @Max(MAX_APPROVAL_AGE_YEARS)
  @IsNotBelow('minYears', {
    message: 'ageRange.maxYears must not be below ageRange.minYears (the range is reversed)',
  })
  maxYears!: number;
}

export class ApprovalTermsDto {
  @ApiProperty({ type: AgeRangeDto })
  @ValidateNested()
  @Type(() => AgeRangeDto)
  ageRange!: AgeRangeDto;

  @ApiProperty({ example: 3 })
  @IsInt()
  @Min(1)
  @Max(50)
  maxChildren!: number;

  @ApiProperty({ example: 3 })
  @IsInt()
  @Min(1)
  @Max(50)
  maxFromOneSiblingGroup!: number;

  @ApiProperty({ enum: PLACEMENT_PURPOSES, isArray: true })
  @IsCodeList(PLACEMENT_PURPOSES)
  purposes!: string[];

  @ApiProperty({ enum: DISABILITY_SPECIALISM_CODES, isArray: true })
  @IsCodeList(DISABILITY_SPECIALISM_CODES)
  disabilitySpecialisms!: string[];

  @ApiProperty({ enum: SPECIALISMS, isArray: true })
  @IsCodeList(SPECIALISMS)
  specialisms!: string[];

  @ApiProperty({ enum: ADAPTATIONS, isArray: true })
  @IsCodeList(ADAPTATIONS)
  adaptations!: string[];

  @ApiProperty({
    enum: RISK_CODES,
    isArray: true,
    description: 'Placements Standard risks the setting can manage',
  })
  @IsCodeList(RISK_CODES)
  manageableRisks!: string[];
}

export class OtherChildDto {
  @ApiProperty({ example: 9 })
  @IsInt()
  @Min(0)
  @Max(25)
  ageYears!: number;
}

export class HouseholdProfileDto {
  @ApiProperty({ example: ['en', 'pl'], description: 'BCP 47 language tags' })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(20)
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, {
    each: true,
    message: 'each of languages must be a BCP 47 tag such as en or pl',
  })
  languages!: string[];

  @ApiProperty({ enum: COMMUNICATION_METHODS, isArray: true })
  @IsCodeList(COMMUNICATION_METHODS)
  communicationMethods!: string[];

  @ApiProperty({ enum: RELIGIONS, isArray: true })
  @IsCodeList(RELIGIONS)
  religionsPractised!: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  religionNotes?: string;

  @ApiProperty({
    enum: ETHNICITY_CODE_LIST,
    isArray: true,
    description: 'SSDA903 codes; never used to filter or score matches (M-28)',
  })
  @IsCodeList(ETHNICITY_CODE_LIST)
  carerEthnicities!: string[];

  @ApiProperty({ type: [OtherChildDto], description: 'Other children in the home: ages only, never names' })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => OtherChildDto)
  otherChildren!: OtherChildDto[];

  @ApiProperty({ enum: PET_KINDS, isArray: true })
  @IsArray()
  @IsIn(PET_KINDS, { each: true })
  pets!: string[];

  @ApiProperty({ enum: SMOKING_STATUSES })
  @IsIn(SMOKING_STATUSES)
  smoking!: string;
}

export class SkillLevelDto {
  @ApiProperty({
    enum: [1, 2, 3],
    description: 'M-38: kept for commissioning and training only, never a matching filter',
  })
  @IsIn([1, 2, 3])
  tier!: number;

  @ApiProperty({ example: '2026-10-01' })
  @IsCalendarDate()
  assessedOn!: string;
}

export class WeeklyCostDto {
  @ApiProperty({ example: 95000, description: 'Pence per week, excluding VAT' })
  @IsInt()
  @Min(0)
  @Max(100_000_00)
  amountPence!: number;

  @ApiProperty({ example: '2026-11-01' })
  @IsCalendarDate()
  effectiveFrom!: string;
}

export class CloseSettingDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class OpenVacancyDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  @Max(50)
  places!: number;

  @ApiProperty({ example: '2026-11-23' })
  @IsCalendarDate()
  availableFrom!: string;
}

export class ChangeVacancyDto {
  @ApiPropertyOptional({ example: 2 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  places?: number;

  @ApiPropertyOptional({ example: '2026-12-01' })
  @IsOptional()
  @IsCalendarDate()
  availableFrom?: string;
}

export class CloseVacancyDto {
  @ApiProperty({ example: 'carer unavailable over the holidays' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}
