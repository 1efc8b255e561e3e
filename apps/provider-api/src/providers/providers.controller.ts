import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { actorOf, assertProvider, CurrentPrincipal, Principal, Roles } from '@placematch/auth';
import { NotFoundError } from '@placematch/kernel';
import { API_KEY_AUTH, BEARER_AUTH } from '@placematch/platform';
import { CommandContext } from '@placematch/runtime';
import {
  latestJudgement,
  NoticeId,
  OfstedJudgement,
  PlaceProviderCode,
  Provider,
  ProviderCommand,
  ProviderId,
  ProviderType,
} from '@placematch/supply';
import { ApiKeyStore } from '../api-keys/api-key.store';
import { ExecuteCommand, LoadAggregate, Loaded } from '@placematch/runtime';
import {
  CreateApiKeyDto,
  IssueComplianceNoticeDto,
  ReasonDto,
  RecordOfstedJudgementDto,
  RegisterProviderDto,
  SuspendAdmissionsDto,
} from './providers.dto';

const NOT_FOUND = { code: 'PROVIDER.NOT_FOUND', message: 'No such provider' };

/** A provider as the API shows it. */
const providerView = (state: Provider, revision: number | null) => {
  if (state.status === 'Unregistered') return null;
  return {
    ...state.details,
    status: state.status,
    latestJudgement: latestJudgement(state) ?? null,
    inspections: state.inspections,
    complianceNotices: Object.values(state.notices),
    suspension: state.status === 'AdmissionsSuspended' ? state.suspension : null,
    deregistration: state.status === 'Deregistered' ? state.deregistration : null,
    revision,
  };
};

/**
 * Providers and their regulatory status. Operators register providers and record what Ofsted decides
 * (judgements, compliance notices, suspension of admissions, M-48) and issue API keys; a provider reads
 * its own record.
 */
@ApiTags('providers')
@ApiBearerAuth(BEARER_AUTH)
@ApiSecurity(API_KEY_AUTH)
@Controller('api/providers')
export class ProvidersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly context: CommandContext,
    private readonly keys: ApiKeyStore,
  ) {}

  @Post()
  @Roles('operator')
  @ApiOperation({ summary: 'Register a provider' })
  async register(@CurrentPrincipal() p: Principal, @Body() dto: RegisterProviderDto) {
    const providerId = this.context.newId() as ProviderId;
    return this.run(p, providerId, {
      type: 'RegisterProvider',
      at: this.now(),
      data: {
        providerId,
        name: dto.name,
        ofstedUrn: dto.ofstedUrn,
        providerCode: dto.providerCode as PlaceProviderCode,
        hostLocalAuthority: dto.hostLocalAuthority,
        providerType: dto.providerType as ProviderType,
      },
    });
  }

  @Get(':providerId')
  @Roles('provider', 'operator')
  @ApiOperation({ summary: 'A provider’s record; a provider sees only its own' })
  async get(@CurrentPrincipal() p: Principal, @Param('providerId', ParseUUIDPipe) id: string) {
    return providerView(...(await this.owned(p, id)));
  }

  @Post(':providerId/ofsted-judgements')
  @Roles('operator')
  @ApiOperation({ summary: 'Record an Ofsted inspection judgement' })
  judgement(
    @CurrentPrincipal() p: Principal,
    @Param('providerId', ParseUUIDPipe) id: string,
    @Body() dto: RecordOfstedJudgementDto,
  ) {
    return this.run(p, id, {
      type: 'RecordOfstedJudgement',
      at: this.now(),
      data: { judgement: dto.judgement as OfstedJudgement, inspectionDate: dto.inspectionDate },
    });
  }

  @Post(':providerId/compliance-notices')
  @Roles('operator')
  @ApiOperation({ summary: 'Record an Ofsted compliance notice and its deadline (M-48)' })
  notice(
    @CurrentPrincipal() p: Principal,
    @Param('providerId', ParseUUIDPipe) id: string,
    @Body() dto: IssueComplianceNoticeDto,
  ) {
    return this.run(p, id, {
      type: 'IssueComplianceNotice',
      at: this.now(),
      data: { noticeId: this.context.newId() as NoticeId, ...dto },
    });
  }

  @Post(':providerId/compliance-notices/:noticeId/complied')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'Record that the provider complied with a notice' })
  complied(
    @CurrentPrincipal() p: Principal,
    @Param('providerId', ParseUUIDPipe) id: string,
    @Param('noticeId', ParseUUIDPipe) noticeId: string,
  ) {
    return this.run(p, id, {
      type: 'RecordNoticeComplied',
      at: this.now(),
      data: { noticeId: noticeId as NoticeId },
    });
  }

  @Post(':providerId/compliance-notices/:noticeId/not-complied')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'Record that the provider did not comply by the deadline' })
  notComplied(
    @CurrentPrincipal() p: Principal,
    @Param('providerId', ParseUUIDPipe) id: string,
    @Param('noticeId', ParseUUIDPipe) noticeId: string,
  ) {
    return this.run(p, id, {
      type: 'RecordNoticeNotComplied',
      at: this.now(),
      data: { noticeId: noticeId as NoticeId },
    });
  }

  @Post(':providerId/admissions/suspend')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'Stop new admissions (M-48): the provider leaves search; placed children stay' })
  suspend(
    @CurrentPrincipal() p: Principal,
    @Param('providerId', ParseUUIDPipe) id: string,
    @Body() dto: SuspendAdmissionsDto,
  ) {
    return this.run(p, id, {
      type: 'SuspendAdmissions',
      at: this.now(),
      data: { reason: dto.reason, noticeId: dto.noticeId as NoticeId | undefined },
    });
  }

  @Post(':providerId/admissions/restore')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'Lift a suspension of admissions' })
  restore(@CurrentPrincipal() p: Principal, @Param('providerId', ParseUUIDPipe) id: string) {
    return this.run(p, id, { type: 'RestoreAdmissions', at: this.now(), data: {} });
  }

  @Post(':providerId/deregister')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'Deregister the provider (final)' })
  deregister(
    @CurrentPrincipal() p: Principal,
    @Param('providerId', ParseUUIDPipe) id: string,
    @Body() dto: ReasonDto,
  ) {
    return this.run(p, id, { type: 'DeregisterProvider', at: this.now(), data: { reason: dto.reason } });
  }

  @Post(':providerId/api-keys')
  @Roles('operator')
  @ApiOperation({ summary: 'Issue an API key for the provider; the key is shown once and stored hashed' })
  async createKey(
    @CurrentPrincipal() p: Principal,
    @Param('providerId', ParseUUIDPipe) id: string,
    @Body() dto: CreateApiKeyDto,
  ) {
    await this.owned(p, id);
    return this.keys.create(id, dto.label, this.context.now());
  }

  @Get(':providerId/api-keys')
  @Roles('operator')
  @ApiOperation({ summary: 'The provider’s API keys (never the secrets)' })
  async listKeys(@CurrentPrincipal() p: Principal, @Param('providerId', ParseUUIDPipe) id: string) {
    await this.owned(p, id);
    return this.keys.list(id);
  }

  @Delete(':providerId/api-keys/:keyId')
  @Roles('operator')
  @ApiOperation({ summary: 'Revoke an API key' })
  async revokeKey(
    @CurrentPrincipal() p: Principal,
    @Param('providerId', ParseUUIDPipe) id: string,
    @Param('keyId', ParseUUIDPipe) keyId: string,
  ) {
    await this.owned(p, id);
    const listed = (await this.keys.list(id)).some((k) => k.keyId === keyId);
    if (!listed || !(await this.keys.revoke(keyId, this.context.now()))) {
      throw new NotFoundError('API_KEY.NOT_FOUND', 'No live API key with that id for this provider');
    }
    return { keyId, revoked: true };
  }

  private now() {
    return this.context.now().toISOString();
  }

  private async owned(p: Principal, providerId: string): Promise<[Provider, number | null]> {
    const loaded: Loaded<Provider> = await this.queries.execute(new LoadAggregate('provider', providerId));
    if (loaded.state.status === 'Unregistered') throw new NotFoundError(NOT_FOUND.code, NOT_FOUND.message);
    assertProvider(p, providerId, NOT_FOUND);
    return [loaded.state, loaded.revision];
  }

  private async run(p: Principal, providerId: string, command: ProviderCommand) {
    if (command.type !== 'RegisterProvider') await this.owned(p, providerId);
    await this.commands.execute(new ExecuteCommand('provider', providerId, command, actorOf(p)));
    const loaded: Loaded<Provider> = await this.queries.execute(new LoadAggregate('provider', providerId));
    return providerView(loaded.state, loaded.revision);
  }
}
