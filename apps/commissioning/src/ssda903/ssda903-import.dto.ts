import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** The text field of an SSDA903 upload (the files are `header` and `episodes`). */
export class Ssda903UploadDto {
  @ApiProperty({ example: 'E08000021', description: 'ONS code of the authority whose return it is' })
  @Matches(/^E(06|08|09|10)\d{6}$/, {
    message: 'localAuthority must be the ONS code of a children’s services authority, such as E08000021',
  })
  localAuthority!: string;
}
