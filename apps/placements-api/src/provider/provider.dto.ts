import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength, ValidateIf } from 'class-validator';

/** A provider's answer to a referral: an offer, or a decline with its reason. */
export class ReferralResponseDto {
  @ApiProperty({ enum: ['offer', 'decline'] })
  @IsIn(['offer', 'decline'])
  response!: 'offer' | 'decline';

  @ApiPropertyOptional({ description: 'Required when declining' })
  @ValidateIf((o: ReferralResponseDto) => o.response === 'decline')
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason?: string;
}
