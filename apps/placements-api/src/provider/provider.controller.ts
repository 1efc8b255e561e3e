import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { actorOf, assertProvider, CurrentPrincipal, Principal, Roles } from '@placematch/auth';
import { NotFoundError } from '@placematch/kernel';
import { RecordProviderResponse, ReferralId } from '@placematch/placements';
import { API_KEY_AUTH, BEARER_AUTH } from '@placematch/platform';
import { CommandContext, ExecuteCommand } from '@placematch/runtime';
import { ChildSummary } from '../children/child.summary';
import { ChildrenReadModel } from '../children/children.read-model';
import { providerPlacementLine } from '../placements/provider-placement.view';
import { PlacementsReadModel } from '../placements/placements.read-model';
import { RequestRecords } from '../requests/request-records';
import { ReferralSummary, RequestSummary } from '../requests/request.summary';
import { RequestsReadModel } from '../requests/requests.read-model';
import { REFERRAL_NOT_FOUND } from '../shared/scope';
import { ReferralResponseDto } from './provider.dto';

/**
 * A referral as its provider sees it: the request's Placements Standard codes and each child's age and codes
 * (M-06: the carer is told about the child), never a name, a view or a full postcode.
 */
const referralView = (
  request: RequestSummary,
  referral: ReferralSummary,
  children: ReadonlyMap<string, ChildSummary>,
) => ({
  ...referral,
  requestId: request.requestId,
  request: {
    status: request.status,
    urgency: request.urgency,
    purpose: request.purpose,
    emergency: request.emergency,
    childrenCount: request.childrenCount,
    homeSector: request.homeSector,
    placedHere: request.decisions.some((d) => d.referralId === referral.referralId),
  },
  children: request.children.map((c) => {
    const child = children.get(c.childId);
    return {
      ...c,
      ageMonths: child?.coarse.ageMonths ?? null,
      ageAsOf: child?.coarse.asOf ?? null,
      yearGroup: child?.coarse.yearGroup ?? null,
      gender: child?.gender ?? null,
      disabilities: child?.disabilities ?? [],
      uasc: child?.uasc ?? null,
    };
  }),
});

/**
 * What a provider sees of the placements context: the referrals sent to it and its answers (an offer, or a
 * decline with its reason), and the placements at its settings. A provider sees only its own: another's
 * referral is 404 and changes nothing.
 */
@ApiTags('provider: referrals and placements')
@ApiBearerAuth(BEARER_AUTH)
@ApiSecurity(API_KEY_AUTH)
@Roles('provider')
@Controller('api/provider')
export class ProviderController {
  constructor(
    private readonly commands: CommandBus,
    private readonly context: CommandContext,
    private readonly requests: RequestRecords,
    private readonly requestsReadModel: RequestsReadModel,
    private readonly children: ChildrenReadModel,
    private readonly placements: PlacementsReadModel,
  ) {}

  @Get('referrals')
  @ApiOperation({ summary: 'The referrals sent to the calling provider, newest first, from the read model' })
  async referrals(@CurrentPrincipal() p: Principal) {
    const providerId = p.providerId as string;
    const requests = await this.requestsReadModel.referredTo(providerId);
    const children = await this.children.byIds(requests.flatMap((r) => r.children.map((c) => c.childId)));
    return requests.flatMap((request) =>
      request.referrals
        .filter((r) => r.providerId === providerId)
        .map((referral) => referralView(request, referral, children)),
    );
  }

  @Post('referrals/:referralId/response')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Answer a referral sent to the calling provider: offer, or decline with a reason',
  })
  async respond(
    @CurrentPrincipal() p: Principal,
    @Param('referralId', ParseUUIDPipe) referralId: string,
    @Body() dto: ReferralResponseDto,
  ) {
    const notFound = () => new NotFoundError(REFERRAL_NOT_FOUND.code, REFERRAL_NOT_FOUND.message);
    // The read model finds the request; the stream, read next, is what is checked and changed.
    const summary = await this.requestsReadModel.byReferral(referralId);
    if (!summary) throw notFound();
    const { state } = await this.requests.load(summary.requestId);
    const referral = state.status === 'NotRequested' ? undefined : state.referrals[referralId];
    if (!referral) throw notFound();
    assertProvider(p, referral.providerId, REFERRAL_NOT_FOUND);
    const command: RecordProviderResponse = {
      type: 'RecordProviderResponse',
      at: this.context.now().toISOString(),
      data:
        dto.response === 'offer'
          ? { referralId: referralId as ReferralId, response: 'offer' }
          : { referralId: referralId as ReferralId, response: 'decline', reason: dto.reason as string },
    };
    await this.commands.execute(new ExecuteCommand('request', summary.requestId, command, actorOf(p)));
    const { state: after } = await this.requests.load(summary.requestId);
    const answer = after.status === 'NotRequested' ? undefined : after.referrals[referralId]?.answer;
    return {
      referralId,
      requestId: summary.requestId,
      settingId: referral.settingId,
      response: answer?.response ?? null,
      declineReason: answer && 'reason' in answer ? answer.reason : null,
      respondedAt: answer?.respondedAt ?? null,
    };
  }

  @Get('placements')
  @ApiOperation({ summary: 'The placements at the calling provider’s settings, from the read model' })
  async placementsHere(@CurrentPrincipal() p: Principal) {
    const list = await this.placements.list({ providerId: p.providerId as string });
    return list.map(providerPlacementLine);
  }
}
