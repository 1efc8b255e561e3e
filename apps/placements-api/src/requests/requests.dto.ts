import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  ValidateIf,
  ValidateNested,
  ValidationOptions,
} from 'class-validator';
import {
  ADDITIONAL_SUPPORT,
  COMMUNICATION_NEEDS,
  COMMUNICATION_REQUIREMENTS,
  CULTURAL_NEEDS,
  GUARDS,
  LIVES_ALONGSIDE,
  MAX_CHILDREN_PER_REQUEST,
  PETS_ANSWERS,
  REQUEST_PURPOSES,
  RISK_LEVELS,
  SUITABILITIES,
  URGENCIES,
} from '@placematch/placements';
import { IsCalendarDate, IsCodeList } from '@placematch/platform';
import { ADAPTATIONS, RISK_CODES } from '@placematch/supply';
import { WishesAndFeelingsDto } from '../children/children.dto';

/** An object giving a level (none, low, high) for every Placements Standard v2 risk, and nothing else. */
const IsRiskLevels = (options?: ValidationOptions) => (object: object, propertyName: string) =>
  registerDecorator({
    name: 'isRiskLevels',
    target: object.constructor,
    propertyName,
    options: {
      message: `${propertyName} must give a level (${RISK_LEVELS.join(', ')}) for every risk: ${RISK_CODES.join(', ')}`,
      ...options,
    },
    validator: {
      validate: (value: unknown) => {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
        const given = value as Record<string, unknown>;
        return (
          Object.keys(given).every((k) => (RISK_CODES as readonly string[]).includes(k)) &&
          RISK_CODES.every((code) => (RISK_LEVELS as readonly unknown[]).includes(given[code]))
        );
      },
    },
  });

export class CommunicationDto {
  @ApiProperty({ enum: COMMUNICATION_NEEDS })
  @IsIn(COMMUNICATION_NEEDS)
  needs!: string;

  @ApiProperty({ enum: COMMUNICATION_REQUIREMENTS, isArray: true, description: 'Empty for none' })
  @IsCodeList(COMMUNICATION_REQUIREMENTS)
  requirements!: string[];
}

export class CulturalNeedsDto {
  @ApiProperty({ enum: CULTURAL_NEEDS })
  @IsIn(CULTURAL_NEEDS)
  need!: string;

  @ApiProperty({ example: ['Attends church on Sundays'], description: 'In the worker’s words; personal' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(500, { each: true })
  details!: string[];
}

export class SuitabilityDto {
  @ApiProperty({ enum: SUITABILITIES })
  @IsIn(SUITABILITIES)
  foster!: string;

  @ApiProperty({ enum: SUITABILITIES })
  @IsIn(SUITABILITIES)
  residential!: string;

  @ApiProperty({ enum: SUITABILITIES })
  @IsIn(SUITABILITIES)
  supportedAccommodation!: string;
}

/** One child of a request: the Placements Standard v2 fields of a referral, and the child's wishes (M-01). */
export class RequestedChildDto {
  @ApiProperty({ description: 'A child of the caller’s authority' })
  @IsUUID()
  childId!: string;

  @ApiProperty({ type: CommunicationDto })
  @ValidateNested()
  @Type(() => CommunicationDto)
  communication!: CommunicationDto;

  @ApiProperty({ enum: ADAPTATIONS, isArray: true })
  @IsCodeList(ADAPTATIONS)
  adaptations!: string[];

  @ApiProperty({ type: CulturalNeedsDto })
  @ValidateNested()
  @Type(() => CulturalNeedsDto)
  culturalNeeds!: CulturalNeedsDto;

  @ApiProperty({ enum: LIVES_ALONGSIDE })
  @IsIn(LIVES_ALONGSIDE)
  livesAlongside!: string;

  @ApiProperty({ enum: PETS_ANSWERS })
  @IsIn(PETS_ANSWERS)
  pets!: string;

  @ApiProperty({ enum: ADDITIONAL_SUPPORT, isArray: true })
  @IsCodeList(ADDITIONAL_SUPPORT)
  additionalSupport!: string[];

  @ApiProperty()
  @IsBoolean()
  deprivationOfLiberty!: boolean;

  @ApiProperty({ type: SuitabilityDto })
  @ValidateNested()
  @Type(() => SuitabilityDto)
  suitability!: SuitabilityDto;

  @ApiProperty({
    example: { 'child.going-missing': 'low' },
    description: `A level (${RISK_LEVELS.join(', ')}) for every risk: ${RISK_CODES.join(', ')}`,
  })
  @IsRiskLevels()
  risks!: Record<string, string>;

  @ApiProperty({ type: WishesAndFeelingsDto })
  @ValidateNested()
  @Type(() => WishesAndFeelingsDto)
  wishesAndFeelings!: WishesAndFeelingsDto;
}

/** A placement request for one child or a sibling group to be placed together. */
export class RequestPlacementDto {
  @ApiProperty({ enum: URGENCIES })
  @IsIn(URGENCIES)
  urgency!: string;

  @ApiProperty({ enum: REQUEST_PURPOSES })
  @IsIn(REQUEST_PURPOSES)
  purpose!: string;

  @ApiProperty({ type: [RequestedChildDto], description: 'More than one child is a sibling group (M-09)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CHILDREN_PER_REQUEST)
  @ValidateNested({ each: true })
  @Type(() => RequestedChildDto)
  children!: RequestedChildDto[];
}

export class RunSearchDto {
  @ApiPropertyOptional({ default: 20 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({
    default: false,
    description: 'M-31: only then are secure children’s homes searched',
  })
  @IsOptional()
  @IsBoolean()
  secureCriteriaMet?: boolean;

  @ApiPropertyOptional({ default: true, description: 'M-09: one setting for the whole group first' })
  @IsOptional()
  @IsBoolean()
  keepSiblingsTogether?: boolean;
}

export class ShortlistDto {
  @ApiProperty({ description: 'The recorded search the settings come from' })
  @IsUUID()
  searchId!: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsUUID(undefined, { each: true })
  settingIds!: string[];
}

export class SendReferralDto {
  @ApiProperty({ description: 'A shortlisted setting' })
  @IsUUID()
  settingId!: string;
}

export class ChildViewsDto {
  @ApiProperty()
  @IsUUID()
  childId!: string;

  @ApiProperty({ description: 'The child’s views on living apart (M-09); personal' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  views!: string;
}

const guardIs =
  (...guards: string[]) =>
  (o: RequestApprovalDto) =>
    guards.includes(o.guard);

/** Asks for the approval a guard needs, with the fields that guard requires (see GUARD_RULES). */
export class RequestApprovalDto {
  @ApiProperty({ enum: GUARDS })
  @IsIn(GUARDS)
  guard!: string;

  @ApiPropertyOptional({ description: 'out-of-authority, school-move-year-10-11: the shortlisted setting' })
  @ValidateIf(guardIs('out-of-authority', 'school-move-year-10-11'))
  @IsUUID()
  settingId?: string;

  @ApiPropertyOptional({ description: 'out-of-authority (M-11): why it is in the child’s best interests' })
  @ValidateIf(guardIs('out-of-authority'))
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  bestInterestsReason?: string;

  @ApiPropertyOptional({
    type: [ChildViewsDto],
    description: 'sibling-separation (M-09): each child’s views',
  })
  @ValidateIf(guardIs('sibling-separation'))
  @IsArray()
  @ArrayMinSize(2)
  @ValidateNested({ each: true })
  @Type(() => ChildViewsDto)
  childViews?: ChildViewsDto[];

  @ApiPropertyOptional({ description: 'sibling-separation (M-09): the assessment of the implications' })
  @ValidateIf(guardIs('sibling-separation'))
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  implications?: string;

  @ApiPropertyOptional({ description: 'sibling-separation: how the brothers and sisters keep in touch' })
  @ValidateIf(guardIs('sibling-separation'))
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  contactPlan?: string;

  @ApiPropertyOptional({ description: 'school-move-year-10-11 (M-18, M-36): the date of the review' })
  @ValidateIf(guardIs('school-move-year-10-11'))
  @IsCalendarDate()
  reviewedOn?: string;

  @ApiPropertyOptional({ description: 'school-move-year-10-11 (M-18): the exceptional circumstances' })
  @ValidateIf(guardIs('school-move-year-10-11'))
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  exceptionalCircumstances?: string;

  @ApiPropertyOptional({ description: 'emergency (M-35): why an emergency placement is needed' })
  @ValidateIf(guardIs('emergency'))
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  reason?: string;
}

export class GiveApprovalDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;
}

export class ReasonDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  reason!: string;
}

export class ReleaseHoldDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;
}

export class ChildViewsWeighedDto {
  @ApiProperty()
  @IsUUID()
  childId!: string;

  @ApiProperty({ description: 'M-01: how the child’s wishes and feelings were weighed; personal' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  how!: string;
}

/** The decision: the setting chosen, why, and how each child's views were weighed (M-01). */
export class DecideMatchDto {
  @ApiProperty({ description: 'A setting whose provider has offered' })
  @IsUUID()
  settingId!: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'Some of a sibling group placed apart (M-09); every child not yet decided when left out',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  childIds?: string[];

  @ApiProperty({ example: ['Near school; the carers speak the child’s language'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(2000, { each: true })
  reasons!: string[];

  @ApiProperty({ type: [ChildViewsWeighedDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => ChildViewsWeighedDto)
  howChildViewsWereWeighed!: ChildViewsWeighedDto[];
}
