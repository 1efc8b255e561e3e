import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { actorOf, assertProvider, CurrentPrincipal, Principal, Roles } from '@placematch/auth';
import { NotFoundError, ValidationError } from '@placematch/kernel';
import { API_KEY_AUTH, BEARER_AUTH } from '@placematch/platform';
import { CommandContext } from '@placematch/runtime';
import {
  Carer,
  CarerCommand,
  CarerId,
  ProviderId,
  SettingId,
  TrainingId,
  TransferRequestId,
} from '@placematch/supply';
import { ExecuteCommand, LoadAggregate, Loaded } from '@placematch/runtime';
import { AnswerTransferDto, CompleteTransferDto, RecordTrainingDto, RegisterCarerDto } from './carers.dto';

const NOT_FOUND = { code: 'CARER.NOT_FOUND', message: 'No such carer' };

const carerView = (state: Carer, revision: number | null) =>
  state.status === 'Unregistered'
    ? null
    : {
        carerId: state.carerId,
        providerId: state.providerId,
        settingId: state.settingId ?? null,
        training: Object.values(state.training),
        transfers: Object.values(state.transfers),
        previousProviderIds: state.previousProviderIds,
        revision,
      };

/**
 * Carers' skills and training records, which move with the carer to a new provider (M-44): the new
 * provider asks, the old one must answer, and the records go with the carer. A provider reads and changes
 * only its own carers' records; another provider may only ask for a transfer and complete its own request.
 */
@ApiTags('provider: carers')
@ApiBearerAuth(BEARER_AUTH)
@ApiSecurity(API_KEY_AUTH)
@Roles('provider', 'operator')
@Controller('api/carers')
export class CarersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly context: CommandContext,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Register a carer with the calling provider' })
  async register(@CurrentPrincipal() p: Principal, @Body() dto: RegisterCarerDto) {
    const providerId = this.providerOf(p, dto.providerId);
    const carerId = this.context.newId() as CarerId;
    await this.execute(p, carerId, {
      type: 'RegisterCarer',
      at: this.now(),
      data: {
        carerId,
        providerId: providerId as ProviderId,
        settingId: dto.settingId as SettingId | undefined,
      },
    });
    return this.view(carerId);
  }

  @Get(':carerId')
  @ApiOperation({ summary: 'A carer’s training and transfer records (the current provider only)' })
  async get(@CurrentPrincipal() p: Principal, @Param('carerId', ParseUUIDPipe) carerId: string) {
    await this.current(p, carerId);
    return this.view(carerId);
  }

  @Post(':carerId/training')
  @ApiOperation({ summary: 'Record a completed course' })
  async training(
    @CurrentPrincipal() p: Principal,
    @Param('carerId', ParseUUIDPipe) carerId: string,
    @Body() dto: RecordTrainingDto,
  ) {
    const carer = await this.current(p, carerId);
    await this.execute(p, carerId, {
      type: 'RecordTraining',
      at: this.now(),
      data: { trainingId: this.context.newId() as TrainingId, byProviderId: carer.providerId, ...dto },
    });
    return this.view(carerId);
  }

  @Post(':carerId/transfer-requests')
  @ApiOperation({
    summary: 'As the carer’s new provider, ask the current provider for the carer’s records (M-44)',
  })
  async requestTransfer(@CurrentPrincipal() p: Principal, @Param('carerId', ParseUUIDPipe) carerId: string) {
    const requester = this.providerOf(p, undefined);
    await this.existing(carerId);
    const requestId = this.context.newId() as TransferRequestId;
    await this.execute(p, carerId, {
      type: 'RequestRecordsTransfer',
      at: this.now(),
      data: { requestId, requestingProviderId: requester as ProviderId },
    });
    return { carerId, requestId, status: 'requested' };
  }

  @Post(':carerId/transfer-requests/:requestId/answer')
  @HttpCode(200)
  @ApiOperation({ summary: 'As the current provider, send the records or decline with a reason (M-44)' })
  async answer(
    @CurrentPrincipal() p: Principal,
    @Param('carerId', ParseUUIDPipe) carerId: string,
    @Param('requestId', ParseUUIDPipe) requestId: string,
    @Body() dto: AnswerTransferDto,
  ) {
    const carer = await this.current(p, carerId);
    const answer =
      dto.decision === 'send'
        ? { decision: 'send' as const }
        : { decision: 'decline' as const, reason: dto.reason ?? '' };
    await this.execute(p, carerId, {
      type: 'AnswerRecordsTransfer',
      at: this.now(),
      data: { requestId: requestId as TransferRequestId, answeringProviderId: carer.providerId, ...answer },
    });
    return this.view(carerId);
  }

  @Post(':carerId/transfer-requests/:requestId/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'As the new provider, complete the move: the carer and the records come with it' })
  async complete(
    @CurrentPrincipal() p: Principal,
    @Param('carerId', ParseUUIDPipe) carerId: string,
    @Param('requestId', ParseUUIDPipe) requestId: string,
    @Body() dto: CompleteTransferDto,
  ) {
    const carer = await this.existing(carerId);
    const request = carer.transfers[requestId];
    if (!request) throw new NotFoundError('TRANSFER.NOT_FOUND', 'No such transfer request');
    assertProvider(p, request.requestingProviderId, {
      code: 'TRANSFER.NOT_FOUND',
      message: 'No such transfer request',
    });
    await this.execute(p, carerId, {
      type: 'CompleteTransfer',
      at: this.now(),
      data: { requestId: requestId as TransferRequestId, settingId: dto.settingId as SettingId | undefined },
    });
    return this.view(carerId);
  }

  private now() {
    return this.context.now().toISOString();
  }

  private providerOf(p: Principal, given: string | undefined): string {
    if (p.role === 'provider') {
      if (given && given !== p.providerId) throw new NotFoundError('PROVIDER.NOT_FOUND', 'No such provider');
      return p.providerId as string;
    }
    if (!given)
      throw new ValidationError('CARER.PROVIDER_REQUIRED', 'providerId is required for an operator', {
        field: 'providerId',
      });
    return given;
  }

  private async existing(carerId: string) {
    const loaded: Loaded<Carer> = await this.queries.execute(new LoadAggregate('carer', carerId));
    if (loaded.state.status === 'Unregistered') throw new NotFoundError(NOT_FOUND.code, NOT_FOUND.message);
    return loaded.state;
  }

  private async current(p: Principal, carerId: string) {
    const carer = await this.existing(carerId);
    assertProvider(p, carer.providerId, NOT_FOUND);
    return carer;
  }

  private execute(p: Principal, carerId: string, command: CarerCommand) {
    return this.commands.execute(new ExecuteCommand('carer', carerId, command, actorOf(p)));
  }

  private async view(carerId: string) {
    const loaded: Loaded<Carer> = await this.queries.execute(new LoadAggregate('carer', carerId));
    return carerView(loaded.state, loaded.revision);
  }
}
