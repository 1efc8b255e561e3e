import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, Principal, Roles } from '@placematch/auth';
import { NotFoundError } from '@placematch/kernel';
import { BEARER_AUTH } from '@placematch/platform';
import { ImportJobs } from './import-jobs.service';
import { ImportViewDto } from './import-view.dto';
import { importLocation, ImportView } from './import.view';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A response that can take a header: Express's, or any Node `ServerResponse`. */
export interface HeaderSink {
  setHeader(name: string, value: string): unknown;
}

/** Answers a started import: 202 (set by the route) with `Location: /api/imports/{id}` and its view. */
export const accepted = (res: HeaderSink, view: ImportView): ImportView => {
  res.setHeader('Location', importLocation(view.id));
  return view;
};

/** The 202 an import route documents. */
export const ApiImportAccepted = () =>
  ApiAcceptedResponse({
    type: ImportViewDto,
    description: 'Enqueued: `Location` is `/api/imports/{id}`, where its progress and report are read',
    headers: { Location: { description: 'The import’s status', schema: { type: 'string' } } },
  });

/**
 * Imports started by operators (`POST /api/imports/ofsted`, `POST /api/imports/ssda903`, served by the modules
 * that own those imports): where each stands, and a retry of a failed one.
 */
@ApiTags('imports')
@ApiBearerAuth(BEARER_AUTH)
@Roles('operator')
@Controller('api/imports')
export class ImportsController {
  constructor(private readonly imports: ImportJobs) {}

  @Get(':importId')
  @ApiOperation({
    summary:
      'Where an import stands: state (waiting, active, completed, failed), progress (rows read, imported, rejected), the report (counts, each bad row with its line and reason) once completed, the reason once failed',
  })
  @ApiOkResponse({ type: ImportViewDto })
  @ApiNotFoundResponse({ description: 'IMPORT.NOT_FOUND: no import with that id (records are kept 30 days)' })
  async view(@Param('importId') importId: string): Promise<ImportView> {
    const view = UUID.test(importId) ? await this.imports.view(importId) : null;
    if (view === null) throw new NotFoundError('IMPORT.NOT_FOUND', 'No such import');
    return view;
  }

  @Post(':importId/retry')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Start a failed import again from the files it was given (kept 7 days after a failure), as a new import; retrying it again gives the same new import',
  })
  @ApiImportAccepted()
  @ApiNotFoundResponse({ description: 'IMPORT.NOT_FOUND' })
  @ApiConflictResponse({
    description: 'IMPORT.NOT_FAILED: not failed; IMPORT.UPLOAD_GONE: its files were deleted',
  })
  async retry(
    @CurrentPrincipal() p: Principal,
    @Param('importId') importId: string,
    @Res({ passthrough: true }) res: HeaderSink,
  ): Promise<ImportView> {
    if (!UUID.test(importId)) throw new NotFoundError('IMPORT.NOT_FOUND', 'No such import');
    return accepted(res, await this.imports.retry(importId, actorOf(p)));
  }
}
