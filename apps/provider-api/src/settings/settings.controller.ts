import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { actorOf, assertProvider, CurrentPrincipal, Principal, Roles } from '@placematch/auth';
import { NotFoundError, ValidationError } from '@placematch/kernel';
import { API_KEY_AUTH, BEARER_AUTH } from '@placematch/platform';
import { CommandContext } from '@placematch/runtime';
import {
  Adaptation,
  ApprovalTerms,
  CommunicationMethod,
  DisabilitySpecialism,
  EthnicityCode,
  HouseholdProfile,
  PetKind,
  PlacementPurpose,
  Religion,
  RiskCode,
  Setting,
  SettingCommand,
  SkillTier,
  SmokingStatus,
  Specialism,
  VacancyId,
} from '@placematch/supply';
import { ExecuteCommand, LoadAggregate, Loaded } from '@placematch/runtime';
import { IdempotencyStore } from '../shared/idempotency.store';
import { RegisterSettingCommand } from './register-setting.handler';
import { SettingsReadModel } from './settings.read-model';
import {
  ApprovalTermsDto,
  ChangeVacancyDto,
  CloseSettingDto,
  CloseVacancyDto,
  HouseholdProfileDto,
  OpenVacancyDto,
  RegisterSettingDto,
  SkillLevelDto,
  WeeklyCostDto,
} from './settings.dto';
import { settingView } from './setting.view';

const NOT_FOUND = { code: 'SETTING.NOT_FOUND', message: 'No such setting' };
const idempotencyHeader = ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description:
    'Chosen by the client per intended change; a repeat returns the first result and writes nothing',
});

/**
 * What a provider keeps current about its settings: registration, approval terms, household profile,
 * the tiered skill level (commissioning only, M-38), weekly cost, and vacancies. A provider sees and
 * changes only its own settings; anything else is 404 and changes nothing.
 */
@ApiTags('provider: settings and vacancies')
@ApiBearerAuth(BEARER_AUTH)
@ApiSecurity(API_KEY_AUTH)
@Roles('provider', 'operator')
@Controller('api/settings')
export class SettingsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly context: CommandContext,
    private readonly idempotency: IdempotencyStore,
    private readonly readModel: SettingsReadModel,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Register a setting (a carer household or a home); the postcode is geocoded' })
  async register(@CurrentPrincipal() principal: Principal, @Body() dto: RegisterSettingDto) {
    const providerId = principal.role === 'provider' ? principal.providerId : dto.providerId;
    if (!providerId)
      throw new ValidationError('SETTING.PROVIDER_REQUIRED', 'providerId is required for an operator', {
        field: 'providerId',
      });
    if (principal.role === 'provider' && dto.providerId && dto.providerId !== principal.providerId) {
      throw new NotFoundError('PROVIDER.NOT_FOUND', 'No such provider');
    }
    const { settingId } = await this.commands.execute(
      new RegisterSettingCommand({ ...dto, providerId }, actorOf(principal)),
    );
    return this.view(settingId);
  }

  @Get()
  @ApiOperation({ summary: 'The caller’s settings (an operator sees all), from the settings read model' })
  list(@CurrentPrincipal() principal: Principal) {
    return this.readModel.list(principal.role === 'provider' ? principal.providerId : undefined);
  }

  @Get(':settingId')
  @ApiOperation({ summary: 'One setting with its terms, household and vacancies' })
  async get(@CurrentPrincipal() principal: Principal, @Param('settingId', ParseUUIDPipe) settingId: string) {
    await this.owned(principal, settingId);
    return this.view(settingId);
  }

  @Put(':settingId/approval-terms')
  @ApiOperation({
    summary: 'Set the approval terms (ages, numbers, purposes, specialisms, adaptations, risks)',
  })
  approvalTerms(
    @CurrentPrincipal() p: Principal,
    @Param('settingId', ParseUUIDPipe) id: string,
    @Body() dto: ApprovalTermsDto,
  ) {
    const terms: ApprovalTerms = {
      ageRange: { minYears: dto.ageRange.minYears, maxYears: dto.ageRange.maxYears },
      maxChildren: dto.maxChildren,
      maxFromOneSiblingGroup: dto.maxFromOneSiblingGroup,
      purposes: dto.purposes as PlacementPurpose[],
      disabilitySpecialisms: dto.disabilitySpecialisms as DisabilitySpecialism[],
      specialisms: dto.specialisms as Specialism[],
      adaptations: dto.adaptations as Adaptation[],
      manageableRisks: dto.manageableRisks as RiskCode[],
    };
    return this.run(p, id, { type: 'SetApprovalTerms', data: terms, at: this.now() });
  }

  @Put(':settingId/household-profile')
  @ApiOperation({
    summary: 'Replace the household profile (languages, religion, other children’s ages, pets, smoking)',
  })
  household(
    @CurrentPrincipal() p: Principal,
    @Param('settingId', ParseUUIDPipe) id: string,
    @Body() dto: HouseholdProfileDto,
  ) {
    const profile: HouseholdProfile = {
      languages: dto.languages,
      communicationMethods: dto.communicationMethods as CommunicationMethod[],
      religionsPractised: dto.religionsPractised as Religion[],
      religionNotes: dto.religionNotes,
      carerEthnicities: dto.carerEthnicities as EthnicityCode[],
      otherChildren: dto.otherChildren.map((c) => ({ ageYears: c.ageYears })),
      pets: dto.pets as PetKind[],
      smoking: dto.smoking as SmokingStatus,
    };
    return this.run(p, id, { type: 'UpdateHouseholdProfile', data: profile, at: this.now() });
  }

  @Put(':settingId/skill-level')
  @ApiOperation({
    summary: 'Record the tiered skill level: for commissioning and training only, never matching (M-38)',
  })
  skillLevel(
    @CurrentPrincipal() p: Principal,
    @Param('settingId', ParseUUIDPipe) id: string,
    @Body() dto: SkillLevelDto,
  ) {
    return this.run(p, id, {
      type: 'RecordSkillLevel',
      data: { tier: dto.tier as SkillTier, assessedOn: dto.assessedOn },
      at: this.now(),
    });
  }

  @Put(':settingId/weekly-cost')
  @ApiOperation({ summary: 'Set the usual weekly fee, in pence excluding VAT' })
  weeklyCost(
    @CurrentPrincipal() p: Principal,
    @Param('settingId', ParseUUIDPipe) id: string,
    @Body() dto: WeeklyCostDto,
  ) {
    return this.run(p, id, {
      type: 'SetWeeklyCost',
      data: { amountPence: dto.amountPence, effectiveFrom: dto.effectiveFrom },
      at: this.now(),
    });
  }

  @Post(':settingId/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the setting for good; open vacancies close with it' })
  close(
    @CurrentPrincipal() p: Principal,
    @Param('settingId', ParseUUIDPipe) id: string,
    @Body() dto: CloseSettingDto,
  ) {
    return this.run(p, id, { type: 'CloseSetting', data: { reason: dto.reason }, at: this.now() });
  }

  @Post(':settingId/vacancies')
  @idempotencyHeader
  @ApiOperation({ summary: 'Open a vacancy; never more places than the approval allows' })
  openVacancy(
    @CurrentPrincipal() p: Principal,
    @Param('settingId', ParseUUIDPipe) id: string,
    @Body() dto: OpenVacancyDto,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.idempotent(p, id, key, { op: 'open', dto }, () =>
      this.run(p, id, {
        type: 'OpenVacancy',
        data: {
          vacancyId: this.context.newId() as VacancyId,
          places: dto.places,
          availableFrom: dto.availableFrom,
        },
        at: this.now(),
        idempotencyKey: key,
      }),
    );
  }

  @Patch(':settingId/vacancies/:vacancyId')
  @idempotencyHeader
  @ApiOperation({ summary: 'Change a vacancy’s places or date' })
  changeVacancy(
    @CurrentPrincipal() p: Principal,
    @Param('settingId', ParseUUIDPipe) id: string,
    @Param('vacancyId', ParseUUIDPipe) vacancyId: string,
    @Body() dto: ChangeVacancyDto,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.idempotent(p, id, key, { op: 'change', vacancyId, dto }, () =>
      this.run(p, id, {
        type: 'ChangeVacancy',
        data: { vacancyId: vacancyId as VacancyId, places: dto.places, availableFrom: dto.availableFrom },
        at: this.now(),
        idempotencyKey: key,
      }),
    );
  }

  @Post(':settingId/vacancies/:vacancyId/close')
  @HttpCode(200)
  @idempotencyHeader
  @ApiOperation({ summary: 'Close a vacancy' })
  closeVacancy(
    @CurrentPrincipal() p: Principal,
    @Param('settingId', ParseUUIDPipe) id: string,
    @Param('vacancyId', ParseUUIDPipe) vacancyId: string,
    @Body() dto: CloseVacancyDto,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.idempotent(p, id, key, { op: 'close', vacancyId, dto }, () =>
      this.run(p, id, {
        type: 'CloseVacancy',
        data: { vacancyId: vacancyId as VacancyId, reason: dto.reason },
        at: this.now(),
        idempotencyKey: key,
      }),
    );
  }

  @Post(':settingId/vacancies/:vacancyId/confirm')
  @HttpCode(200)
  @idempotencyHeader
  @ApiOperation({ summary: 'Confirm a vacancy is still current (unconfirmed for 7 days, it reads as stale)' })
  confirmVacancy(
    @CurrentPrincipal() p: Principal,
    @Param('settingId', ParseUUIDPipe) id: string,
    @Param('vacancyId', ParseUUIDPipe) vacancyId: string,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.idempotent(p, id, key, { op: 'confirm', vacancyId }, () =>
      this.run(p, id, {
        type: 'ConfirmVacancy',
        data: { vacancyId: vacancyId as VacancyId },
        at: this.now(),
        idempotencyKey: key,
      }),
    );
  }

  private now() {
    return this.context.now().toISOString();
  }

  private async owned(principal: Principal, settingId: string): Promise<Loaded<Setting>> {
    const loaded: Loaded<Setting> = await this.queries.execute(new LoadAggregate('setting', settingId));
    if (loaded.state.status === 'Unregistered') throw new NotFoundError(NOT_FOUND.code, NOT_FOUND.message);
    assertProvider(principal, loaded.state.details.providerId, NOT_FOUND);
    return loaded;
  }

  private async run(principal: Principal, settingId: string, command: SettingCommand) {
    await this.owned(principal, settingId);
    await this.commands.execute(new ExecuteCommand('setting', settingId, command, actorOf(principal)));
    return this.view(settingId);
  }

  private async idempotent<T>(
    principal: Principal,
    settingId: string,
    key: string | undefined,
    request: unknown,
    work: () => Promise<T>,
  ) {
    // Checked first so a key never replays another provider's answer.
    await this.owned(principal, settingId);
    return this.idempotency.once(`setting:${settingId}`, key, request, work);
  }

  private async view(settingId: string) {
    const loaded: Loaded<Setting> = await this.queries.execute(new LoadAggregate('setting', settingId));
    return settingView(loaded.state, loaded.revision, this.context.now());
  }
}
