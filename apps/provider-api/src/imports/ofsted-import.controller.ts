import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { IncomingMessage } from 'node:http';
import { actorOf, CurrentPrincipal, Principal, Roles } from '@placematch/auth';
import {
  accepted,
  ApiImportAccepted,
  HeaderSink,
  ImportJobs,
  ImportView,
  readCsvBody,
} from '@placematch/imports';
import { BEARER_AUTH } from '@placematch/platform';
import { OFSTED_IMPORT } from './ofsted-import.job';

/** Starting an import of an Ofsted provider list; its progress is at `GET /api/imports/{id}`. */
@ApiTags('imports')
@ApiBearerAuth(BEARER_AUTH)
@Roles('operator')
@Controller('api/imports')
export class OfstedImportController {
  constructor(private readonly imports: ImportJobs) {}

  @Post('ofsted')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Import an Ofsted provider list: registers each good row’s provider and setting (ids from the URN, so a second import writes nothing) and reports each bad row with its line and reason',
  })
  @ApiConsumes('text/csv')
  @ApiBody({
    description: 'The list saved as CSV UTF-8, as the request body (Content-Type: text/csv), at most 20 MB',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiImportAccepted()
  @ApiBadRequestResponse({
    description:
      'Nothing enqueued. IMPORT.NOT_CSV (Content-Type not text/csv, not UTF-8, binary), IMPORT.FILE_EMPTY, IMPORT.FILE_TOO_LARGE (over 20 MB); details.field names the body or Content-Type',
  })
  async start(
    @CurrentPrincipal() p: Principal,
    @Req() req: IncomingMessage,
    @Res({ passthrough: true }) res: HeaderSink,
  ): Promise<ImportView> {
    const csv = await readCsvBody(req, 'body');
    return accepted(res, await this.imports.start(OFSTED_IMPORT, { files: { csv } }, actorOf(p)));
  }
}
