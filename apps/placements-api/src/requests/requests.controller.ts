import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, Principal, Roles } from '@placematch/auth';
import { GEOCODER, Geocoder } from '@placematch/geo';
import { NotFoundError, ValidationError } from '@placematch/kernel';
import {
  AdditionalSupport,
  ApprovalCase,
  ApprovalId,
  ChildId,
  CommunicationNeed,
  CommunicationRequirement,
  coarseLocation,
  CulturalNeed,
  GuardKind,
  LivesAlongside,
  PetsAnswer,
  ReferralId,
  RequestCommand,
  RequestedChild,
  RequestId,
  RequestPurpose,
  RiskLevel,
  SearchId,
  Suitability,
  Urgency,
} from '@placematch/placements';
import { BEARER_AUTH } from '@placematch/platform';
import { CommandContext, ExecuteCommand, LoadAggregate, Loaded } from '@placematch/runtime';
import { Adaptation, ProviderId, RiskCode, Setting, SettingId } from '@placematch/supply';
import { ChildRecords } from '../children/child-records';
import { locateField } from '../shared/geocode';
import { PlacementIds } from '../shared/ids';
import { idempotencyHeader } from '../shared/openapi';
import { CASEWORK, TEAM } from '../shared/scope';
import { guardsForDecision } from './need-profile';
import { RequestRecords } from './request-records';
import { DEFAULT_SEARCH_CHOICES } from './request-search';
import { requestView } from './request.view';
import { RequestsReadModel } from './requests.read-model';
import {
  DecideMatchDto,
  GiveApprovalDto,
  ReasonDto,
  ReleaseHoldDto,
  RequestApprovalDto,
  RequestPlacementDto,
  RunSearchDto,
  SendReferralDto,
  ShortlistDto,
} from './requests.dto';
import { RunSearchCommand } from './run-search.handler';

/**
 * Placement requests for a child or a sibling group, from the request to the decision: searches kept as
 * evidence, shortlist, referrals, approvals (the decider says who may give which: a senior manager alone for
 * out-of-authority sign-off, M-11, M-12), the IRO's hold, the decision and withdrawal. An authority's team
 * sees and changes only its own requests: anything else is 404 and changes nothing.
 */
@ApiTags('placements: requests')
@ApiBearerAuth(BEARER_AUTH)
@Controller('api/requests')
export class RequestsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly context: CommandContext,
    private readonly children: ChildRecords,
    private readonly requests: RequestRecords,
    private readonly readModel: RequestsReadModel,
    @Inject(GEOCODER) private readonly geocoder: Geocoder,
    private readonly ids: PlacementIds,
  ) {}

  @Post()
  @Roles(...CASEWORK)
  @idempotencyHeader
  @ApiOperation({
    summary: 'Request a placement for one child or a sibling group (Placements Standard v2, purpose, wishes)',
  })
  async request(
    @CurrentPrincipal() p: Principal,
    @Body() dto: RequestPlacementDto,
    @Headers('idempotency-key') key?: string,
  ) {
    const la = p.localAuthority as string;
    const ids = dto.children.map((c) => c.childId);
    const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
    if (repeated) {
      throw new ValidationError('REQUEST.DUPLICATE_CHILD', 'A child is listed twice', { field: 'children' });
    }
    const children: RequestedChild[] = [];
    let home: RequestedChild['school'];
    for (const [i, c] of dto.children.entries()) {
      const child = await this.children.current(p, c.childId);
      // Coarse locations only: the sector and the 1 km square. The full postcodes stay in the child's
      // encrypted record. The family home is the first child's: a sibling group comes from one home.
      if (i === 0) {
        const located = await locateField(this.geocoder, child.details.homePostcode, `children.${i}.childId`);
        home = coarseLocation(located.postcode, located.grid);
      }
      const school = child.details.school
        ? await locateField(this.geocoder, child.details.school.postcode, `children.${i}.childId`)
        : undefined;
      children.push({
        childId: c.childId as ChildId,
        communication: {
          needs: c.communication.needs as CommunicationNeed,
          requirements: c.communication.requirements as CommunicationRequirement[],
        },
        adaptations: c.adaptations as Adaptation[],
        culturalNeeds: { need: c.culturalNeeds.need as CulturalNeed, details: c.culturalNeeds.details },
        livesAlongside: c.livesAlongside as LivesAlongside,
        pets: c.pets as PetsAnswer,
        additionalSupport: c.additionalSupport as AdditionalSupport[],
        deprivationOfLiberty: c.deprivationOfLiberty,
        suitability: {
          foster: c.suitability.foster as Suitability,
          residential: c.suitability.residential as Suitability,
          supportedAccommodation: c.suitability.supportedAccommodation as Suitability,
        },
        risks: c.risks as Record<RiskCode, RiskLevel>,
        wishesAndFeelings: {
          summary: c.wishesAndFeelings.summary,
          recordedBy: c.wishesAndFeelings.recordedBy ?? p.subject,
          recordedOn: c.wishesAndFeelings.recordedOn,
        },
        ...(school && { school: coarseLocation(school.postcode, school.grid) }),
      });
    }
    const requestId = this.ids.forKey(`request:${la}`, key) as RequestId;
    await this.execute(p, requestId, {
      type: 'RequestPlacement',
      at: this.now(),
      data: {
        requestId,
        localAuthority: la,
        urgency: dto.urgency as Urgency,
        purpose: dto.purpose as RequestPurpose,
        children,
        home: home as NonNullable<typeof home>,
      },
    });
    return this.view(requestId);
  }

  @Get()
  @Roles(...TEAM)
  @ApiQuery({ name: 'status', required: false, enum: ['Open', 'OnHold', 'Decided', 'Withdrawn'] })
  @ApiOperation({
    summary:
      'The authority’s requests from the read model: state, children, urgency, purpose, approvals waiting',
  })
  list(@CurrentPrincipal() p: Principal, @Query('status') status?: string) {
    if (status !== undefined && !['Open', 'OnHold', 'Decided', 'Withdrawn'].includes(status)) {
      throw new ValidationError('REQUEST.UNKNOWN_STATUS', 'status is Open, OnHold, Decided or Withdrawn', {
        field: 'status',
      });
    }
    return this.readModel.list(p.localAuthority as string, status);
  }

  @Get(':requestId')
  @Roles(...TEAM)
  @ApiOperation({ summary: 'One request, read from its stream' })
  async get(@CurrentPrincipal() p: Principal, @Param('requestId', ParseUUIDPipe) requestId: string) {
    const { state, revision } = await this.requests.owned(p, requestId);
    return requestView(state, revision);
  }

  @Post(':requestId/searches')
  @Roles(...CASEWORK)
  @ApiOperation({
    summary:
      'Search for the request (coarse values only) and record the ranked, explained result with the policy version',
  })
  async search(
    @CurrentPrincipal() p: Principal,
    @Param('requestId', ParseUUIDPipe) requestId: string,
    @Body() dto: RunSearchDto,
  ) {
    const { state } = await this.requests.owned(p, requestId);
    return this.commands.execute(
      new RunSearchCommand(
        requestId,
        state,
        {
          secureCriteriaMet: dto.secureCriteriaMet ?? DEFAULT_SEARCH_CHOICES.secureCriteriaMet,
          keepSiblingsTogether: dto.keepSiblingsTogether ?? DEFAULT_SEARCH_CHOICES.keepSiblingsTogether,
          limit: dto.limit ?? DEFAULT_SEARCH_CHOICES.limit,
        },
        actorOf(p),
      ),
    );
  }

  @Get(':requestId/searches/:searchId')
  @Roles(...TEAM)
  @ApiOperation({ summary: 'A recorded search with its whole evidence: the result as matching gave it' })
  async searchEvidence(
    @CurrentPrincipal() p: Principal,
    @Param('requestId', ParseUUIDPipe) requestId: string,
    @Param('searchId', ParseUUIDPipe) searchId: string,
  ) {
    const { state } = await this.requests.owned(p, requestId);
    const search = state.searches[searchId];
    if (!search) throw new NotFoundError('SEARCH.NOT_FOUND', 'No such search on this request');
    return search;
  }

  @Post(':requestId/shortlist')
  @HttpCode(200)
  @Roles(...CASEWORK)
  @ApiOperation({ summary: 'Shortlist settings from a recorded search (M-04: people choose from the menu)' })
  shortlist(
    @CurrentPrincipal() p: Principal,
    @Param('requestId', ParseUUIDPipe) requestId: string,
    @Body() dto: ShortlistDto,
  ) {
    return this.run(p, requestId, {
      type: 'Shortlist',
      at: this.now(),
      data: { searchId: dto.searchId as SearchId, settingIds: dto.settingIds as SettingId[] },
    });
  }

  @Post(':requestId/referrals')
  @Roles(...CASEWORK)
  @idempotencyHeader
  @ApiOperation({ summary: 'Refer the request to the provider of a shortlisted setting' })
  async refer(
    @CurrentPrincipal() p: Principal,
    @Param('requestId', ParseUUIDPipe) requestId: string,
    @Body() dto: SendReferralDto,
    @Headers('idempotency-key') key?: string,
  ) {
    await this.requests.owned(p, requestId);
    const referralId = this.ids.forKey(`referral:${requestId}`, key) as ReferralId;
    return this.run(p, requestId, {
      type: 'SendReferral',
      at: this.now(),
      data: { referralId, settingId: dto.settingId as SettingId },
    });
  }

  @Post(':requestId/approvals')
  @Roles(...CASEWORK)
  @idempotencyHeader
  @ApiOperation({
    summary:
      'Ask for an approval: out-of-authority (M-11, M-12), sibling separation (M-09), Year 10/11 school move (M-18), emergency (M-35)',
  })
  async askApproval(
    @CurrentPrincipal() p: Principal,
    @Param('requestId', ParseUUIDPipe) requestId: string,
    @Body() dto: RequestApprovalDto,
    @Headers('idempotency-key') key?: string,
  ) {
    await this.requests.owned(p, requestId);
    const approvalId = this.ids.forKey(`approval:${requestId}`, key) as ApprovalId;
    return this.run(p, requestId, {
      type: 'RequestApproval',
      at: this.now(),
      data: { approvalId, ...this.approvalCase(dto) },
    });
  }

  @Post(':requestId/approvals/:approvalId/give')
  @HttpCode(200)
  @Roles('senior-manager', 'iro')
  @ApiOperation({
    summary: 'Give an approval; the guard decides who may (out-of-authority: a senior manager only, M-12)',
  })
  give(
    @CurrentPrincipal() p: Principal,
    @Param('requestId', ParseUUIDPipe) requestId: string,
    @Param('approvalId', ParseUUIDPipe) approvalId: string,
    @Body() dto: GiveApprovalDto,
  ) {
    return this.run(p, requestId, {
      type: 'GiveApproval',
      at: this.now(),
      data: { approvalId: approvalId as ApprovalId, role: p.role, note: dto.note },
    });
  }

  @Post(':requestId/approvals/:approvalId/refuse')
  @HttpCode(200)
  @Roles('senior-manager', 'iro')
  @ApiOperation({ summary: 'Refuse an approval, with the reason; the same roles as giving it' })
  refuse(
    @CurrentPrincipal() p: Principal,
    @Param('requestId', ParseUUIDPipe) requestId: string,
    @Param('approvalId', ParseUUIDPipe) approvalId: string,
    @Body() dto: ReasonDto,
  ) {
    return this.run(p, requestId, {
      type: 'RefuseApproval',
      at: this.now(),
      data: { approvalId: approvalId as ApprovalId, role: p.role, reason: dto.reason },
    });
  }

  @Post(':requestId/hold')
  @HttpCode(200)
  @Roles('iro')
  @ApiOperation({
    summary: 'The IRO puts the decision on hold (M-36): no decision or withdrawal while it holds',
  })
  hold(
    @CurrentPrincipal() p: Principal,
    @Param('requestId', ParseUUIDPipe) requestId: string,
    @Body() dto: ReasonDto,
  ) {
    return this.run(p, requestId, {
      type: 'PlaceHold',
      at: this.now(),
      data: { role: p.role, reason: dto.reason },
    });
  }

  @Post(':requestId/hold/release')
  @HttpCode(200)
  @Roles('iro')
  @ApiOperation({ summary: 'The IRO lifts the hold' })
  release(
    @CurrentPrincipal() p: Principal,
    @Param('requestId', ParseUUIDPipe) requestId: string,
    @Body() dto: ReleaseHoldDto,
  ) {
    return this.run(p, requestId, {
      type: 'ReleaseHold',
      at: this.now(),
      data: { role: p.role, note: dto.note },
    });
  }

  @Post(':requestId/decision')
  @HttpCode(200)
  @Roles(...CASEWORK)
  @ApiOperation({
    summary:
      'Decide the match: an offered setting, the reasons and how each child’s views were weighed (M-01); 409 REQUEST.APPROVAL_MISSING names any approval still needed',
  })
  async decide(
    @CurrentPrincipal() p: Principal,
    @Param('requestId', ParseUUIDPipe) requestId: string,
    @Body() dto: DecideMatchDto,
  ) {
    const { state } = await this.requests.owned(p, requestId);
    const settingId = dto.settingId as SettingId;
    const setting: Loaded<Setting> = await this.queries.execute(new LoadAggregate('setting', settingId));
    const host =
      setting.state.status === 'Unregistered' ? undefined : setting.state.details.hostLocalAuthority;
    const offered = Object.values(state.referrals).find(
      (r) => r.settingId === settingId && r.answer?.response === 'offer',
    );
    const providerId = offered?.providerId ?? state.shortlist[settingId]?.providerId ?? '';
    return this.run(p, requestId, {
      type: 'DecideMatch',
      at: this.now(),
      data: {
        settingId,
        providerId: providerId as ProviderId,
        ...(dto.childIds && { childIds: dto.childIds as ChildId[] }),
        reasons: dto.reasons,
        howChildViewsWereWeighed: dto.howChildViewsWereWeighed.map((w) => ({
          childId: w.childId as ChildId,
          how: w.how,
        })),
        guards: guardsForDecision(state, settingId, host) as GuardKind[],
      },
    });
  }

  @Post(':requestId/withdraw')
  @HttpCode(200)
  @Roles(...CASEWORK)
  @ApiOperation({ summary: 'Withdraw the request before any decision' })
  withdraw(
    @CurrentPrincipal() p: Principal,
    @Param('requestId', ParseUUIDPipe) requestId: string,
    @Body() dto: ReasonDto,
  ) {
    return this.run(p, requestId, { type: 'WithdrawRequest', at: this.now(), data: { reason: dto.reason } });
  }

  private approvalCase(dto: RequestApprovalDto): ApprovalCase {
    switch (dto.guard as GuardKind) {
      case 'out-of-authority':
        return {
          guard: 'out-of-authority',
          settingId: dto.settingId as SettingId,
          bestInterestsReason: dto.bestInterestsReason as string,
        };
      case 'sibling-separation':
        return {
          guard: 'sibling-separation',
          childViews: (dto.childViews ?? []).map((v) => ({ childId: v.childId as ChildId, views: v.views })),
          implications: dto.implications as string,
          contactPlan: dto.contactPlan as string,
        };
      case 'school-move-year-10-11':
        return {
          guard: 'school-move-year-10-11',
          settingId: dto.settingId as SettingId,
          reviewedOn: dto.reviewedOn as string,
          exceptionalCircumstances: dto.exceptionalCircumstances as string,
        };
      case 'emergency':
        return { guard: 'emergency', reason: dto.reason as string };
    }
  }

  private now() {
    return this.context.now().toISOString();
  }

  private execute(p: Principal, requestId: string, command: RequestCommand) {
    return this.commands.execute(new ExecuteCommand('request', requestId, command, actorOf(p)));
  }

  private async run(p: Principal, requestId: string, command: RequestCommand) {
    await this.requests.owned(p, requestId);
    await this.execute(p, requestId, command);
    return this.view(requestId);
  }

  private async view(requestId: string) {
    const { state, revision } = await this.requests.load(requestId);
    return requestView(state, revision);
  }
}
