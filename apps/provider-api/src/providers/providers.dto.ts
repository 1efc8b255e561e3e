import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { OFSTED_JUDGEMENTS, PLACE_PROVIDER_CODE_LIST, PROVIDER_TYPE_LIST } from '@placematch/supply';
import { IsCalendarDate, IsOfstedUrn } from '@placematch/platform';

const LA_CODE = /^E(06|08|09|10)\d{6}$/;

export class RegisterProviderDto {
  @ApiProperty({ example: 'Test Fostering Ltd' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({
    example: 'SC999001',
    description: 'SC and 6 digits, 7 digits, or XXXXXXX where none applies',
  })
  @IsOfstedUrn()
  ofstedUrn!: string;

  @ApiProperty({ enum: PLACE_PROVIDER_CODE_LIST, example: 'PR4' })
  @IsIn(PLACE_PROVIDER_CODE_LIST)
  providerCode!: string;

  @ApiProperty({ example: 'E08000021', description: 'ONS code of the host children’s services authority' })
  @Matches(LA_CODE, {
    message: 'hostLocalAuthority must be the ONS code of a children’s services authority, such as E08000021',
  })
  hostLocalAuthority!: string;

  @ApiProperty({ enum: PROVIDER_TYPE_LIST })
  @IsIn(PROVIDER_TYPE_LIST)
  providerType!: string;
}

export class RecordOfstedJudgementDto {
  @ApiProperty({ enum: OFSTED_JUDGEMENTS })
  @IsIn(OFSTED_JUDGEMENTS)
  judgement!: string;

  @ApiProperty({ example: '2026-09-01' })
  @IsCalendarDate()
  inspectionDate!: string;
}

export class IssueComplianceNoticeDto {
  @ApiProperty({ example: '2026-10-01' })
  @IsCalendarDate()
  issuedOn!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  failure!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  actionRequired!: string;

  @ApiProperty({ example: '2026-12-01' })
  @IsCalendarDate()
  deadline!: string;
}

export class ReasonDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class SuspendAdmissionsDto extends ReasonDto {
  @ApiPropertyOptional({ description: 'The compliance notice the suspension follows from, if any' })
  @IsOptional()
  @IsString()
  noticeId?: string;
}

export class CreateApiKeyDto {
  @ApiProperty({ example: 'vacancy feed', description: 'What the key is for, shown when listing keys' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  label!: string;
}
