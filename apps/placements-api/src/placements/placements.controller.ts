import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, Principal, Roles } from '@placematch/auth';
import { MatchingIndex } from '@app/matching';
import { ValidationError } from '@placematch/kernel';
import {
  MissingEpisodeId,
  MissingKindCode,
  PlacementCommand,
  PlacementReviewKind,
  ReasonEpisodeCeasedCode,
  ReasonPlaceChangeCode,
  ReviewId,
  RiskAssessmentOutcome,
  StressReportId,
  TaskId,
  TemporaryMoveId,
  TemporaryPlacementCode,
} from '@placematch/placements';
import { API_KEY_AUTH, BEARER_AUTH } from '@placematch/platform';
import { CommandContext, ExecuteCommand } from '@placematch/runtime';
import { DEFAULT_BEHAVIOUR_CHECKLIST } from '@placematch/supply';
import { RequestRecords } from '../requests/request-records';
import { CASEWORK, TEAM } from '../shared/scope';
import { EndPlacementCommand } from './end-placement.handler';
import { PlacementRecords } from './placement-records';
import { placementView } from './placement.view';
import { providerPlacementView } from './provider-placement.view';
import { PlacementsReadModel } from './placements.read-model';
import {
  EndPlacementDto,
  FileStressReportDto,
  RecordMissingEpisodeDto,
  RecordRiskAssessmentDto,
  RecordSupportDto,
  RecordTemporaryMoveDto,
  ReviewPlacementDto,
  StartPlacementDto,
} from './placements.dto';
import { StartPlacementCommand } from './start-placement.handler';

/**
 * Placements from start to end, as SSDA903 episodes: started from a decision (filling a vacancy), reviewed,
 * with KEEP stress reports (a day above the authority's threshold raises a disruption risk and a support task,
 * never a move, M-40), support, missing episodes, temporary moves (T0-T4, not new placements), M-48 risk
 * assessments, and the ending (which gives the place back). Only the placing authority's team sees a
 * placement; the provider whose setting it is may file stress reports.
 */
@ApiTags('placements: placements')
@ApiBearerAuth(BEARER_AUTH)
@ApiSecurity(API_KEY_AUTH)
@Controller('api/placements')
export class PlacementsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly context: CommandContext,
    private readonly requests: RequestRecords,
    private readonly placements: PlacementRecords,
    private readonly readModel: PlacementsReadModel,
    private readonly index: MatchingIndex,
  ) {}

  @Post()
  @Roles(...CASEWORK)
  @ApiOperation({
    summary:
      'Start the placement a decision made: fill an open vacancy on the setting, then open the SSDA903 episode',
  })
  async start(@CurrentPrincipal() p: Principal, @Body() dto: StartPlacementDto) {
    const { state } = await this.requests.owned(p, dto.requestId);
    const placementId = await this.commands.execute(new StartPlacementCommand(dto, state, actorOf(p)));
    return this.view(placementId);
  }

  @Get()
  @Roles(...TEAM)
  @ApiQuery({ name: 'childId', required: false })
  @ApiQuery({ name: 'status', required: false, enum: ['Active', 'Ended'] })
  @ApiOperation({ summary: 'The authority’s placements from the read model, for one child or all' })
  list(
    @CurrentPrincipal() p: Principal,
    @Query('childId') childId?: string,
    @Query('status') status?: string,
  ) {
    if (status !== undefined && status !== 'Active' && status !== 'Ended') {
      throw new ValidationError('PLACEMENT.UNKNOWN_STATUS', 'status is Active or Ended', { field: 'status' });
    }
    return this.readModel.list({ localAuthority: p.localAuthority, childId, status });
  }

  @Get(':placementId')
  @Roles(...TEAM)
  @ApiOperation({ summary: 'One placement, read from its stream' })
  async get(@CurrentPrincipal() p: Principal, @Param('placementId', ParseUUIDPipe) placementId: string) {
    return placementView(await this.placements.owned(p, placementId));
  }

  @Post(':placementId/reviews')
  @Roles(...TEAM)
  @ApiOperation({ summary: 'Record a review of the placement (statutory, M-36; placement agreement, M-07)' })
  async review(
    @CurrentPrincipal() p: Principal,
    @Param('placementId', ParseUUIDPipe) placementId: string,
    @Body() dto: ReviewPlacementDto,
  ) {
    await this.placements.owned(p, placementId);
    return this.run(p, placementId, {
      type: 'ReviewPlacement',
      at: this.now(),
      data: {
        reviewId: (dto.reviewId ?? this.context.newId()) as ReviewId,
        kind: dto.kind as PlacementReviewKind,
        reviewedOn: dto.reviewedOn,
        summary: dto.summary,
      },
    });
  }

  @Post(':placementId/stress-reports')
  @Roles(...TEAM, 'provider')
  @ApiOperation({
    summary:
      'File a KEEP daily stress report (the provider whose setting it is, or the team); a day above the authority’s threshold raises a disruption risk and a support task, never a move (M-40)',
  })
  async stressReport(
    @CurrentPrincipal() p: Principal,
    @Param('placementId', ParseUUIDPipe) placementId: string,
    @Body() dto: FileStressReportDto,
  ) {
    const { state } = await this.placements.ownedOrAt(p, placementId);
    // M-40: the threshold is policy, per authority (more than 5 by default; 6 for ages 5-12 is an option).
    const threshold = this.index.policyFor(state.details.localAuthority).keep.stressThreshold;
    await this.execute(p, placementId, {
      type: 'FileStressReport',
      at: this.now(),
      data: {
        reportId: (dto.reportId ?? this.context.newId()) as StressReportId,
        report: {
          checklistId: dto.checklistId ?? DEFAULT_BEHAVIOUR_CHECKLIST.id,
          days: dto.days.map((d) => ({
            day: d.day,
            behaviours: d.behaviours.map((b) => ({ item: b.item, outcome: b.outcome })),
          })),
        },
        threshold,
        checklist: DEFAULT_BEHAVIOUR_CHECKLIST,
        supportTaskId: this.context.newId() as TaskId,
      },
    });
    const after = await this.placements.load(placementId);
    return p.role === 'provider' ? providerPlacementView(after) : placementView(after);
  }

  @Post(':placementId/support')
  @Roles(...CASEWORK)
  @ApiOperation({ summary: 'Record support offered to the carer; closes the support task it answers (M-40)' })
  async support(
    @CurrentPrincipal() p: Principal,
    @Param('placementId', ParseUUIDPipe) placementId: string,
    @Body() dto: RecordSupportDto,
  ) {
    await this.placements.owned(p, placementId);
    return this.run(p, placementId, {
      type: 'RecordSupportOffered',
      at: this.now(),
      data: {
        ...(dto.taskId !== undefined && { taskId: dto.taskId as TaskId }),
        support: dto.support,
        offeredOn: dto.offeredOn,
      },
    });
  }

  @Post(':placementId/missing-episodes')
  @Roles(...TEAM)
  @ApiOperation({ summary: 'Record an episode of the child missing or away (SSDA903 MISSING, M-49)' })
  async missing(
    @CurrentPrincipal() p: Principal,
    @Param('placementId', ParseUUIDPipe) placementId: string,
    @Body() dto: RecordMissingEpisodeDto,
  ) {
    await this.placements.owned(p, placementId);
    return this.run(p, placementId, {
      type: 'RecordMissingEpisode',
      at: this.now(),
      data: {
        episodeId: (dto.episodeId ?? this.context.newId()) as MissingEpisodeId,
        kind: dto.kind as MissingKindCode,
        from: dto.from,
        ...(dto.to !== undefined && { to: dto.to }),
        ...(dto.returnedOn !== undefined && { returnedOn: dto.returnedOn }),
        ...(dto.returnInterview !== undefined && {
          returnInterview: {
            offered: dto.returnInterview.offered,
            ...(dto.returnInterview.accepted !== undefined && { accepted: dto.returnInterview.accepted }),
          },
        }),
      },
    });
  }

  @Post(':placementId/temporary-moves')
  @Roles(...CASEWORK)
  @ApiOperation({ summary: 'Record a temporary move (T0-T4): not a new placement, and this one goes on' })
  async temporaryMove(
    @CurrentPrincipal() p: Principal,
    @Param('placementId', ParseUUIDPipe) placementId: string,
    @Body() dto: RecordTemporaryMoveDto,
  ) {
    await this.placements.owned(p, placementId);
    return this.run(p, placementId, {
      type: 'RecordTemporaryMove',
      at: this.now(),
      data: {
        moveId: (dto.moveId ?? this.context.newId()) as TemporaryMoveId,
        code: dto.code as TemporaryPlacementCode,
        from: dto.from,
        ...(dto.to !== undefined && { to: dto.to }),
      },
    });
  }

  @Post(':placementId/risk-assessments')
  @Roles(...CASEWORK)
  @ApiOperation({
    summary:
      'Record the risk assessment an M-48 task asks for, with the child’s wishes; closes the task, moves no one',
  })
  async riskAssessment(
    @CurrentPrincipal() p: Principal,
    @Param('placementId', ParseUUIDPipe) placementId: string,
    @Body() dto: RecordRiskAssessmentDto,
  ) {
    await this.placements.owned(p, placementId);
    return this.run(p, placementId, {
      type: 'RecordRiskAssessment',
      at: this.now(),
      data: {
        taskId: dto.taskId as TaskId,
        assessedOn: dto.assessedOn,
        childWishes: dto.childWishes,
        assessment: dto.assessment,
        outcome: dto.outcome as RiskAssessmentOutcome,
      },
    });
  }

  @Post(':placementId/end')
  @HttpCode(200)
  @Roles(...CASEWORK)
  @ApiOperation({
    summary:
      'End the placement (SSDA903 DEC, REC, REASON_PLACE_CHANGE) and give the place on the setting back',
  })
  async end(
    @CurrentPrincipal() p: Principal,
    @Param('placementId', ParseUUIDPipe) placementId: string,
    @Body() dto: EndPlacementDto,
  ) {
    const { state } = await this.placements.owned(p, placementId);
    await this.commands.execute(
      new EndPlacementCommand(
        placementId,
        state.details.settingId,
        {
          endedOn: dto.endedOn,
          rec: dto.rec as ReasonEpisodeCeasedCode,
          reasonPlaceChange: (dto.reasonPlaceChange ?? null) as ReasonPlaceChangeCode | null,
          disrupted: dto.disrupted,
        },
        actorOf(p),
      ),
    );
    return this.view(placementId);
  }

  private now() {
    return this.context.now().toISOString();
  }

  private execute(p: Principal, placementId: string, command: PlacementCommand) {
    return this.commands.execute(new ExecuteCommand('placement', placementId, command, actorOf(p)));
  }

  private async run(p: Principal, placementId: string, command: PlacementCommand) {
    await this.execute(p, placementId, command);
    return this.view(placementId);
  }

  private async view(placementId: string) {
    return placementView(await this.placements.load(placementId));
  }
}
