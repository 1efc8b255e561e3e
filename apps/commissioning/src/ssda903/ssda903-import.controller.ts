import { Body, Controller, HttpCode, Post, Res, UploadedFiles, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, Principal, Roles } from '@placematch/auth';
import {
  accepted,
  ApiImportAccepted,
  checkCsvFile,
  csvFilesInterceptor,
  HeaderSink,
  ImportJobs,
  ImportView,
  UploadedCsvFiles,
} from '@placematch/imports';
import { BEARER_AUTH } from '@placematch/platform';
import { SSDA903_IMPORT } from './ssda903-import.job';
import { Ssda903UploadDto } from './ssda903-import.dto';

const FILES = ['header', 'episodes'] as const;

/** Starting an import of an SSDA903 return; its progress is at `GET /api/imports/{id}`. */
@ApiTags('imports')
@ApiBearerAuth(BEARER_AUTH)
@Roles('operator')
@Controller('api/imports')
export class Ssda903ImportController {
  constructor(private readonly imports: ImportJobs) {}

  @Post('ssda903')
  @HttpCode(202)
  @UseInterceptors(csvFilesInterceptor(FILES))
  @ApiOperation({
    summary:
      'Import an SSDA903 return (Header and Episodes files) as history: each child and placement under ids keyed by the privacy master key from the authority, CHILD and the first DECOM (a second import writes nothing); each bad row reported with its file, line and reason',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['header', 'episodes', 'localAuthority'],
      properties: {
        header: {
          type: 'string',
          format: 'binary',
          description: 'The Header file, CSV UTF-8, at most 20 MB',
        },
        episodes: {
          type: 'string',
          format: 'binary',
          description: 'The Episodes file, CSV UTF-8, at most 20 MB',
        },
        localAuthority: {
          type: 'string',
          example: 'E08000021',
          description: 'ONS code of the return’s authority',
        },
      },
    },
  })
  @ApiImportAccepted()
  @ApiBadRequestResponse({
    description:
      'Nothing enqueued. IMPORT.FILE_MISSING, IMPORT.NOT_CSV (not UTF-8, binary), IMPORT.FILE_EMPTY, IMPORT.FILE_TOO_LARGE (over 20 MB), VALIDATION.FAILED (localAuthority); details name the field',
  })
  async start(
    @CurrentPrincipal() p: Principal,
    @UploadedFiles() files: UploadedCsvFiles | undefined,
    @Body() dto: Ssda903UploadDto,
    @Res({ passthrough: true }) res: HeaderSink,
  ): Promise<ImportView> {
    const [header, episodes] = FILES.map((name) => checkCsvFile(name, files?.[name]?.[0]?.buffer));
    return accepted(
      res,
      await this.imports.start(
        SSDA903_IMPORT,
        { files: { header, episodes }, params: { localAuthority: dto.localAuthority } },
        actorOf(p),
      ),
    );
  }
}
