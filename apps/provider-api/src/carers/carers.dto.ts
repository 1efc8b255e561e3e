import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { IsCalendarDate } from '@placematch/platform';

export class RegisterCarerDto {
  @ApiPropertyOptional({ description: 'Only for operators acting for a provider' })
  @IsOptional()
  @IsUUID()
  providerId?: string;

  @ApiPropertyOptional({ description: 'The household (setting) the carer belongs to' })
  @IsOptional()
  @IsUUID()
  settingId?: string;
}

export class RecordTrainingDto {
  @ApiProperty({ example: 'Therapeutic parenting, level 2' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  course!: string;

  @ApiProperty({ example: '2026-06-30' })
  @IsCalendarDate()
  completedOn!: string;

  @ApiProperty({ example: ['therapeutic-parenting'], description: 'Lower-case words joined by -' })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(20)
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
    each: true,
    message: 'each of skillTags must be lower-case words joined by -',
  })
  skillTags!: string[];
}

export class AnswerTransferDto {
  @ApiProperty({ enum: ['send', 'decline'], description: 'M-44: the old provider must answer' })
  @IsIn(['send', 'decline'])
  decision!: 'send' | 'decline';

  @ApiPropertyOptional({ description: 'Required when declining' })
  @ValidateIf((o: AnswerTransferDto) => o.decision === 'decline')
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason?: string;
}

export class CompleteTransferDto {
  @ApiPropertyOptional({ description: 'The carer’s household under the new provider' })
  @IsOptional()
  @IsUUID()
  settingId?: string;
}
