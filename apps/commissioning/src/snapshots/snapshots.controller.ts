import { Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@placematch/auth';
import { sufficiencySeriesCsv } from '@placematch/commissioning';
import { BEARER_AUTH } from '@placematch/platform';
import { CommissioningService } from '../commissioning.service';
import { RegionParamDto, SnapshotSeriesQueryDto } from './snapshots.dto';
import { SufficiencySnapshot, SufficiencySnapshots } from './sufficiency-snapshots';

const FORBIDDEN = ApiForbiddenResponse({ description: 'SCOPE.REGION_FORBIDDEN: another region' });

/**
 * The nightly sufficiency snapshots: a region's statement as its commissioners saw it, day by day (suppressed
 * as it was then). A commissioner reads its own region's series; an operator any region's, and can take
 * today's snapshot at once.
 */
@ApiTags('commissioning')
@ApiBearerAuth(BEARER_AUTH)
@Roles('commissioner', 'operator')
@Controller('api/commissioning')
export class SnapshotsController {
  constructor(
    private readonly service: CommissioningService,
    private readonly snapshots: SufficiencySnapshots,
  ) {}

  @Get('regions/:region/snapshots')
  @ApiOperation({
    summary:
      'The region’s daily sufficiency snapshots from `from` to `to`: each the statement (every view and the forecast, suppressed) as a commissioner of the region saw it that day',
  })
  @ApiOkResponse({
    description: 'region, from, to, and snapshots: [{ date, takenAt, statement }], oldest first',
  })
  @FORBIDDEN
  async series(
    @CurrentPrincipal() p: Principal,
    @Param() { region }: RegionParamDto,
    @Query() q: SnapshotSeriesQueryDto,
  ): Promise<{ region: string; from: string; to: string; snapshots: SufficiencySnapshot[] }> {
    const { from, to } = await this.checked(p, region, q);
    return { region, from, to, snapshots: await this.snapshots.series(region, from, to) };
  }

  @Get('regions/:region/snapshots.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="sufficiency-snapshots.csv"')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary:
      'The same series as CSV, one figure a line: date, then the columns of exports/sufficiency.csv (c where suppressed)',
  })
  @ApiOkResponse({ description: 'CSV', schema: { type: 'string' } })
  @FORBIDDEN
  async seriesCsv(
    @CurrentPrincipal() p: Principal,
    @Param() { region }: RegionParamDto,
    @Query() q: SnapshotSeriesQueryDto,
  ): Promise<string> {
    const { from, to } = await this.checked(p, region, q);
    return sufficiencySeriesCsv(await this.snapshots.series(region, from, to));
  }

  @Post('snapshots')
  @HttpCode(202)
  @Roles('operator')
  @ApiOperation({
    summary:
      'Take today’s snapshot of every region now: enqueues the nightly job with id sufficiency-snapshot:<date> (a second request today returns the same job)',
  })
  @ApiAcceptedResponse({ description: '{ jobId, state }: read the job’s progress from the job queue' })
  async takeNow(): Promise<{ jobId: string; state: string }> {
    const job = await this.snapshots.enqueueToday();
    return { jobId: job.id, state: job.state };
  }

  /** The region's scope checks (403 for another region) and the dates, defaulted as the views default them. */
  private async checked(p: Principal, region: string, q: SnapshotSeriesQueryDto) {
    await this.service.scope(p, { region });
    return this.service.period({ from: q.from, to: q.to });
  }
}
