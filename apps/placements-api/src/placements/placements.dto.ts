import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
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
  ValidateNested,
} from 'class-validator';
import {
  CIN_CATEGORY_CODE_LIST,
  LEGAL_STATUS_CODE_LIST,
  MISSING_KIND_CODE_LIST,
  PLACEMENT_REVIEW_KINDS,
  PLACEMENT_START_RNE_CODES,
  REASON_EPISODE_CEASED_CODE_LIST,
  REASON_PLACE_CHANGE_CODE_LIST,
  RISK_ASSESSMENT_OUTCOMES,
  TEMPORARY_PLACEMENT_CODES,
} from '@placematch/placements';
import { IsCalendarDate } from '@placematch/platform';
import { PLACEMENT_TYPE_CODES } from '@placematch/supply';

/** Starts the placement a decision made: fills a vacancy on the setting, then opens the SSDA903 episode. */
export class StartPlacementDto {
  @ApiProperty({ description: 'A request with a decision for the child' })
  @IsUUID()
  requestId!: string;

  @ApiProperty()
  @IsUUID()
  childId!: string;

  @ApiProperty({ example: '2026-11-20', description: 'DECOM: not after today' })
  @IsCalendarDate()
  startedOn!: string;

  @ApiProperty({ enum: PLACEMENT_START_RNE_CODES, description: 'RNE: S for a child newly looked after' })
  @IsIn(PLACEMENT_START_RNE_CODES)
  reasonNewEpisode!: string;

  @ApiPropertyOptional({
    enum: PLACEMENT_TYPE_CODES,
    description: 'PLACE; by default chosen from the setting’s types and the request',
  })
  @IsOptional()
  @IsIn(PLACEMENT_TYPE_CODES)
  placementType?: string;

  @ApiPropertyOptional({ description: 'The vacancy to fill; by default the open one available earliest' })
  @IsOptional()
  @IsUUID()
  vacancyId?: string;

  @ApiPropertyOptional({
    description: 'The fee paid, pence per week excluding VAT; by default the setting’s',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_00)
  weeklyCostPence?: number;

  @ApiPropertyOptional({ enum: LEGAL_STATUS_CODE_LIST, description: 'LS on the day; by default the child’s' })
  @IsOptional()
  @IsIn(LEGAL_STATUS_CODE_LIST)
  legalStatus?: string;

  @ApiPropertyOptional({
    enum: CIN_CATEGORY_CODE_LIST,
    description: 'CIN on the day; by default the child’s',
  })
  @IsOptional()
  @IsIn(CIN_CATEGORY_CODE_LIST)
  cinCategory?: string;
}

export class ReviewPlacementDto {
  @ApiPropertyOptional({ description: 'A retry carries the same id' })
  @IsOptional()
  @IsUUID()
  reviewId?: string;

  @ApiProperty({ enum: PLACEMENT_REVIEW_KINDS })
  @IsIn(PLACEMENT_REVIEW_KINDS)
  kind!: string;

  @ApiProperty({ example: '2026-11-20' })
  @IsCalendarDate()
  reviewedOn!: string;

  @ApiProperty({ description: 'What the review found and decided; personal' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(8000)
  summary!: string;
}

export class ReportedBehaviourDto {
  @ApiProperty({ example: 'TANTRUM', description: 'A checklist item code' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  item!: string;

  @ApiProperty({ enum: ['happened', 'happened-and-stressful'] })
  @IsIn(['happened', 'happened-and-stressful'])
  outcome!: 'happened' | 'happened-and-stressful';
}

export class StressReportDayDto {
  @ApiProperty({ example: '2026-11-20', description: 'Not after today' })
  @IsCalendarDate()
  day!: string;

  @ApiProperty({ type: [ReportedBehaviourDto], description: 'The behaviours that happened; empty for none' })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ReportedBehaviourDto)
  behaviours!: ReportedBehaviourDto[];
}

/** A carer's KEEP-style daily stress report (M-39, M-40), usually a week of days. */
export class FileStressReportDto {
  @ApiPropertyOptional({ description: 'A retry carries the same id' })
  @IsOptional()
  @IsUUID()
  reportId?: string;

  @ApiPropertyOptional({
    example: 'placematch-daily-behaviours-v1',
    description: 'Default: supply’s checklist',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  checklistId?: string;

  @ApiProperty({ type: [StressReportDayDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(31)
  @ValidateNested({ each: true })
  @Type(() => StressReportDayDto)
  days!: StressReportDayDto[];
}

export class RecordSupportDto {
  @ApiPropertyOptional({ description: 'The support task this answers, which it closes' })
  @IsOptional()
  @IsUUID()
  taskId?: string;

  @ApiProperty({ example: 'Supervising social worker visit and a KEEP group place' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  support!: string;

  @ApiProperty({ example: '2026-11-20' })
  @IsCalendarDate()
  offeredOn!: string;
}

export class ReturnInterviewDto {
  @ApiProperty()
  @IsBoolean()
  offered!: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  accepted?: boolean;
}

export class RecordMissingEpisodeDto {
  @ApiPropertyOptional({ description: 'Give the same id again to record the end or the return' })
  @IsOptional()
  @IsUUID()
  episodeId?: string;

  @ApiProperty({ enum: MISSING_KIND_CODE_LIST, description: 'M missing, A away without authorisation' })
  @IsIn(MISSING_KIND_CODE_LIST)
  kind!: string;

  @ApiProperty()
  @IsCalendarDate()
  from!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsCalendarDate()
  returnedOn?: string;

  @ApiPropertyOptional({ type: ReturnInterviewDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReturnInterviewDto)
  returnInterview?: ReturnInterviewDto;
}

export class RecordTemporaryMoveDto {
  @ApiPropertyOptional({ description: 'Give the same id again to correct it or record its end' })
  @IsOptional()
  @IsUUID()
  moveId?: string;

  @ApiProperty({ enum: TEMPORARY_PLACEMENT_CODES })
  @IsIn(TEMPORARY_PLACEMENT_CODES)
  code!: string;

  @ApiProperty()
  @IsCalendarDate()
  from!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

/** The risk assessment an M-48 task asks for, with the child's wishes. */
export class RecordRiskAssessmentDto {
  @ApiProperty()
  @IsUUID()
  taskId!: string;

  @ApiProperty()
  @IsCalendarDate()
  assessedOn!: string;

  @ApiProperty({ description: 'M-48: the child’s wishes about staying; personal' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  childWishes!: string;

  @ApiProperty({ description: 'Personal' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(8000)
  assessment!: string;

  @ApiProperty({ enum: RISK_ASSESSMENT_OUTCOMES })
  @IsIn(RISK_ASSESSMENT_OUTCOMES)
  outcome!: string;
}

/** Ends the placement: SSDA903 DEC, REC and REASON_PLACE_CHANGE. */
export class EndPlacementDto {
  @ApiProperty({ example: '2026-11-21' })
  @IsCalendarDate()
  endedOn!: string;

  @ApiProperty({ enum: REASON_EPISODE_CEASED_CODE_LIST })
  @IsIn(REASON_EPISODE_CEASED_CODE_LIST)
  rec!: string;

  @ApiPropertyOptional({
    enum: REASON_PLACE_CHANGE_CODE_LIST,
    nullable: true,
    description: 'Required with X1 (validator rule 225)',
  })
  @IsOptional()
  @IsIn(REASON_PLACE_CHANGE_CODE_LIST)
  reasonPlaceChange?: string | null;

  @ApiProperty({ description: 'An unplanned ending (M-39); CREQB always is one, E17 never' })
  @IsBoolean()
  disrupted!: boolean;
}
