import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CIN_CATEGORY_CODE_LIST, GENDER_CODE_LIST, LEGAL_STATUS_CODE_LIST } from '@placematch/placements';
import { IsCalendarDate, IsCodeList, IsUkPostcode } from '@placematch/platform';
import {
  COMMUNICATION_METHODS,
  DISABILITY_CODE_LIST,
  ETHNICITY_CODE_LIST,
  RELIGIONS,
} from '@placematch/supply';

const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

export class ChildNameDto {
  @ApiProperty({ example: 'Test Child' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  given!: string;

  @ApiProperty({ example: 'Zed' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  family!: string;
}

export class SchoolDto {
  @ApiProperty({ example: 'Test Primary School' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'NE6 5XX', description: 'Geocoded to its sector; kept in full only encrypted' })
  @IsUkPostcode()
  postcode!: string;
}

/** What a local authority records about a child; personal fields are encrypted with the child's own key. */
export class RecordChildDto {
  @ApiProperty({ type: ChildNameDto })
  @ValidateNested()
  @Type(() => ChildNameDto)
  name!: ChildNameDto;

  @ApiProperty({ example: '2015-06-15' })
  @IsCalendarDate()
  dateOfBirth!: string;

  @ApiProperty({ example: 'NE4 5XX', description: 'The home the child came from (SSDA903 HOME_POST)' })
  @IsUkPostcode()
  homePostcode!: string;

  @ApiPropertyOptional({ type: SchoolDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SchoolDto)
  school?: SchoolDto;

  @ApiProperty({ enum: GENDER_CODE_LIST, description: 'SSDA903 SEX: 1 male, 2 female' })
  @IsIn(GENDER_CODE_LIST)
  gender!: string;

  @ApiProperty({ enum: ETHNICITY_CODE_LIST, description: 'SSDA903 ETHNIC; mixed heritage kept (M-28)' })
  @IsIn(ETHNICITY_CODE_LIST)
  ethnicity!: string;

  @ApiPropertyOptional({ enum: RELIGIONS })
  @IsOptional()
  @IsIn(RELIGIONS)
  religion?: string;

  @ApiProperty({ example: ['en'], description: 'BCP 47 tags, first language first' })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(10)
  @Matches(LANGUAGE_TAG, { each: true, message: 'each of languages must be a BCP 47 tag such as en or pl' })
  languages!: string[];

  @ApiProperty({ enum: COMMUNICATION_METHODS, isArray: true })
  @IsCodeList(COMMUNICATION_METHODS)
  communication!: string[];

  @ApiProperty({ enum: DISABILITY_CODE_LIST, isArray: true, description: 'CIN census codes; NONE alone' })
  @IsCodeList(DISABILITY_CODE_LIST)
  disabilities!: string[];

  @ApiProperty({ example: ['Asthma: inhaler at school'], description: 'One need per entry' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(500, { each: true })
  healthNeeds!: string[];

  @ApiProperty({ enum: LEGAL_STATUS_CODE_LIST, description: 'SSDA903 LS' })
  @IsIn(LEGAL_STATUS_CODE_LIST)
  legalStatus!: string;

  @ApiProperty({ enum: CIN_CATEGORY_CODE_LIST, description: 'SSDA903 CIN' })
  @IsIn(CIN_CATEGORY_CODE_LIST)
  cinCategory!: string;

  @ApiProperty({ description: 'An unaccompanied asylum-seeking child (M-30)' })
  @IsBoolean()
  uasc!: boolean;
}

/** Changes to a child's details: only the fields given change; `school: null` and `religion: null` remove them. */
export class UpdateChildDto {
  @ApiPropertyOptional({ type: ChildNameDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChildNameDto)
  name?: ChildNameDto;

  @ApiPropertyOptional()
  @IsOptional()
  @IsCalendarDate()
  dateOfBirth?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUkPostcode()
  homePostcode?: string;

  @ApiPropertyOptional({ type: SchoolDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => SchoolDto)
  school?: SchoolDto | null;

  @ApiPropertyOptional({ enum: GENDER_CODE_LIST })
  @IsOptional()
  @IsIn(GENDER_CODE_LIST)
  gender?: string;

  @ApiPropertyOptional({ enum: ETHNICITY_CODE_LIST })
  @IsOptional()
  @IsIn(ETHNICITY_CODE_LIST)
  ethnicity?: string;

  @ApiPropertyOptional({ enum: RELIGIONS, nullable: true })
  @IsOptional()
  @IsIn(RELIGIONS)
  religion?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(10)
  @Matches(LANGUAGE_TAG, { each: true, message: 'each of languages must be a BCP 47 tag such as en or pl' })
  languages?: string[];

  @ApiPropertyOptional({ enum: COMMUNICATION_METHODS, isArray: true })
  @IsOptional()
  @IsCodeList(COMMUNICATION_METHODS)
  communication?: string[];

  @ApiPropertyOptional({ enum: DISABILITY_CODE_LIST, isArray: true })
  @IsOptional()
  @IsCodeList(DISABILITY_CODE_LIST)
  disabilities?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(500, { each: true })
  healthNeeds?: string[];

  @ApiPropertyOptional({ enum: LEGAL_STATUS_CODE_LIST })
  @IsOptional()
  @IsIn(LEGAL_STATUS_CODE_LIST)
  legalStatus?: string;

  @ApiPropertyOptional({ enum: CIN_CATEGORY_CODE_LIST })
  @IsOptional()
  @IsIn(CIN_CATEGORY_CODE_LIST)
  cinCategory?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  uasc?: boolean;
}

/** A child's wishes and feelings (M-01), as a worker recorded them. */
export class WishesAndFeelingsDto {
  @ApiProperty({ example: 'Wants to stay near school and friends' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  summary!: string;

  @ApiPropertyOptional({ description: 'The worker who recorded them; the caller when left out' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  recordedBy?: string;

  @ApiProperty({ example: '2026-11-20', description: 'Not after today' })
  @IsCalendarDate()
  recordedOn!: string;
}

export class EraseChildDto {
  @ApiProperty({ example: 'Retention period ended' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}
