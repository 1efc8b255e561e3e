import { Body, Controller, Get, Header, HttpCode, Param, Put, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, Principal, Roles } from '@placematch/auth';
import { AssignAuthorityToRegion, sufficiencyCsv, SufficiencyStatement } from '@placematch/commissioning';
import { BEARER_AUTH } from '@placematch/platform';
import { CommandContext, ExecuteCommand } from '@placematch/runtime';
import {
  AssignAuthorityDto,
  CommissioningQueryDto,
  ForecastQueryDto,
  ForecastResponseDto,
  ViewResponseDto,
} from './commissioning.dto';
import { CommissioningService, ForecastResponse, ViewResponse } from './commissioning.service';

const FORBIDDEN = ApiForbiddenResponse({
  description:
    'SCOPE.REGION_FORBIDDEN: another region; COMMISSIONING.AUTHORITY_OUTSIDE_REGION: an authority outside it',
});

/**
 * Sufficiency views for regional commissioners: demand, supply, gaps and outcomes per authority and region by
 * period, a forecast, and exports for the sufficiency statement. Every figure is an aggregate, suppressed
 * (counts 1 to 4 shown as `c`, with secondary suppression); no response holds a child-level row or a child's
 * id. A commissioner sees its own region; an operator any region, or all.
 */
@ApiTags('commissioning')
@ApiBearerAuth(BEARER_AUTH)
@Roles('commissioner', 'operator')
@Controller('api/commissioning')
export class CommissioningController {
  constructor(
    private readonly service: CommissioningService,
    private readonly commands: CommandBus,
    private readonly context: CommandContext,
  ) {}

  @Get('demand')
  @ApiOperation({
    summary:
      'Demand: requests by urgency, purpose and sibling-group size; children requested by need (CIN, disability, each Placements Standard risk), age band, gender, ethnicity (mixed heritage apart) and UASC',
  })
  @ApiOkResponse({ type: ViewResponseDto })
  @FORBIDDEN
  demand(@CurrentPrincipal() p: Principal, @Query() q: CommissioningQueryDto): Promise<ViewResponse> {
    return this.service.demand(p, q);
  }

  @Get('supply')
  @ApiOperation({
    summary:
      'Supply: settings and approved places by placement type group, provider type (PR code), host authority, specialism and Ofsted judgement; vacancies open, stale and filled; usual weekly fee by group',
  })
  @ApiOkResponse({ type: ViewResponseDto })
  @FORBIDDEN
  supply(@CurrentPrincipal() p: Principal, @Query() q: CommissioningQueryDto): Promise<ViewResponse> {
    return this.service.supply(p, q);
  }

  @Get('gaps')
  @ApiOperation({
    summary:
      'Gaps: requests whose search found no eligible setting in the authority; placements out of authority or over 20 miles and whether the search listed a closer eligible setting; days to placement; requests still open by waiting time, age and need',
  })
  @ApiOkResponse({ type: ViewResponseDto })
  @FORBIDDEN
  gaps(@CurrentPrincipal() p: Principal, @Query() q: CommissioningQueryDto): Promise<ViewResponse> {
    return this.service.gaps(p, q);
  }

  @Get('outcomes')
  @ApiOperation({
    summary:
      'Outcomes: the DfE stability measures (3 or more placements in the year; under-16s looked after 2.5 years in the same placement 2 years or placed for adoption), disruptions by SSDA903 reason, emergency placements, distance and out-of-authority shares, weekly cost paid, stress alerts and what followed',
  })
  @ApiOkResponse({ type: ViewResponseDto })
  @FORBIDDEN
  outcomes(@CurrentPrincipal() p: Principal, @Query() q: CommissioningQueryDto): Promise<ViewResponse> {
    return this.service.outcomes(p, q);
  }

  @Get('forecast')
  @ApiOperation({
    summary:
      "Forecast of next collection year's new placements by placement type group and age band, from the rates observed in the log (the method is in the response)",
  })
  @ApiOkResponse({ type: ForecastResponseDto })
  @FORBIDDEN
  forecast(@CurrentPrincipal() p: Principal, @Query() q: ForecastQueryDto): Promise<ForecastResponse> {
    return this.service.forecast(p, q);
  }

  @Get('exports/sufficiency.json')
  @ApiOperation({ summary: 'Sufficiency statement figures as JSON: every view and the forecast, suppressed' })
  @ApiOkResponse({
    description: 'The statement: scope, period, suppression, demand, supply, gaps, outcomes, forecast',
  })
  @FORBIDDEN
  statement(
    @CurrentPrincipal() p: Principal,
    @Query() q: CommissioningQueryDto,
  ): Promise<SufficiencyStatement> {
    return this.service.statement(p, q);
  }

  @Get('exports/sufficiency.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="sufficiency.csv"')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary:
      'Sufficiency statement figures as CSV, one figure a line: section, kind, id, dimension, unit, area, category, value (c where suppressed)',
  })
  @ApiOkResponse({ description: 'CSV', schema: { type: 'string' } })
  @FORBIDDEN
  async statementCsv(@CurrentPrincipal() p: Principal, @Query() q: CommissioningQueryDto): Promise<string> {
    return sufficiencyCsv(await this.service.statement(p, q));
  }

  @Get('regions')
  @ApiOperation({
    summary:
      'Regions and their authorities: the shipped table with operators’ assignments over it; for an operator, authorities in the data with no region',
  })
  regions(@CurrentPrincipal() p: Principal) {
    return this.service.regions(p);
  }

  @Put('regions/:region/authorities/:la')
  @HttpCode(200)
  @Roles('operator')
  @ApiParam({ name: 'region', example: 'north-east' })
  @ApiParam({ name: 'la', example: 'E08000021', description: 'ONS code of the authority' })
  @ApiOperation({
    summary:
      'Assign an authority to a region (an event on the region-<slug> stream); it overrides the shipped table, the latest assignment wins',
  })
  async assign(
    @CurrentPrincipal() p: Principal,
    @Param('region') region: string,
    @Param('la') la: string,
    @Body() dto: AssignAuthorityDto,
  ) {
    const currentRegion = await this.service.currentRegion(la);
    const command: AssignAuthorityToRegion = {
      type: 'AssignAuthorityToRegion',
      data: { region, localAuthority: la, currentRegion, reason: dto.reason },
      at: this.context.now().toISOString(),
    };
    const result = await this.commands.execute(new ExecuteCommand('region', region, command, actorOf(p)));
    return { region, localAuthority: la, previousRegion: currentRegion, changed: result.events.length > 0 };
  }
}
