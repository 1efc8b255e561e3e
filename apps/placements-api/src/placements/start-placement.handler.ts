import { Inject, Logger } from '@nestjs/common';
import { CommandBus, CommandHandler, ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { distanceMiles, GEOCODER, Geocoder } from '@placematch/geo';
import { Actor, IllegalStateError, ValidationError } from '@placematch/kernel';
import {
  ageInMonths,
  ChildId,
  CinCategoryCode,
  LegalStatusCode,
  placementDecider,
  ReasonNewEpisodeCode,
  RequestId,
  RequestRecord,
  StartPlacement,
} from '@placematch/placements';
import { CommandContext, ExecuteCommand, LoadAggregate, Loaded } from '@placematch/runtime';
import {
  FillVacancy,
  londonDate,
  PLACEMENT_TYPES,
  PlacementId,
  placementProviderCode,
  Provider,
  ReleasePlace,
  Setting,
  VacancyId,
} from '@placematch/supply';
import { ChildRecords } from '../children/child-records';
import { locateField } from '../shared/geocode';
import { PlacementIds } from '../shared/ids';
import { StartPlacementDto } from './placements.dto';
import { choosePlacementType } from './placement-type';

/** Starts the placement a request's decision made for one child. */
export class StartPlacementCommand {
  constructor(
    readonly input: StartPlacementDto,
    readonly request: RequestRecord,
    readonly actor: Actor,
  ) {}
}

/**
 * Fills a vacancy on the decided setting, then starts the placement (the SSDA903 episode). The placement's id is
 * derived from the request and the child, so a retried start finds the same streams and writes nothing again.
 * The two appends are on two aggregates; if the start fails after the fill, the place is released again (a
 * compensating ReleasePlace) and the error is reported.
 */
@CommandHandler(StartPlacementCommand)
export class StartPlacementHandler implements ICommandHandler<StartPlacementCommand> {
  private readonly log = new Logger('StartPlacement');

  constructor(
    @Inject(GEOCODER) private readonly geocoder: Geocoder,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly context: CommandContext,
    private readonly children: ChildRecords,
    private readonly ids: PlacementIds,
  ) {}

  async execute({ input, request, actor }: StartPlacementCommand): Promise<PlacementId> {
    const { details } = request;
    const requested = details.children.find((c) => c.childId === input.childId);
    if (!requested) {
      throw new ValidationError('PLACEMENT.CHILD_NOT_IN_REQUEST', 'The child is not one of this request', {
        field: 'childId',
      });
    }
    const decision = request.decisions.find((d) => d.childIds.includes(requested.childId));
    if (!decision) {
      throw new IllegalStateError('REQUEST.NOT_DECIDED', 'No match has been decided for this child yet', {
        childId: requested.childId,
      });
    }
    const placementId = this.ids.aboutChild('placement', details.requestId, requested.childId) as PlacementId;
    const at = this.context.now().toISOString();

    const { state: child } = await this.children.load(requested.childId);
    if (child.status !== 'Recorded') {
      throw new IllegalStateError('CHILD.ERASED', 'This child was erased', { childId: requested.childId });
    }
    const setting: Loaded<Setting> = await this.queries.execute(
      new LoadAggregate('setting', decision.settingId),
    );
    if (setting.state.status !== 'Approved') {
      throw new IllegalStateError('SETTING.NOT_TAKING_PLACEMENTS', 'The setting is not approved and open', {
        settingId: decision.settingId,
        status: setting.state.status,
      });
    }
    const provider: Loaded<Provider> = await this.queries.execute(
      new LoadAggregate('provider', decision.providerId),
    );
    if (provider.state.status !== 'Active') {
      // M-48: a provider whose admissions are suspended takes no one new, whatever was decided before.
      throw new IllegalStateError('PROVIDER.NOT_ADMITTING', 'The provider is not taking admissions', {
        providerId: decision.providerId,
        status: provider.state.status,
      });
    }
    const place = setting.state.details;
    const placementType = choosePlacementType(
      place.placementTypes,
      requested,
      details.purpose,
      input.placementType,
    );
    // HOME_POST to PL_POST by the DfE formula, on the full postcodes' grid references (as precise as the
    // geocoder is); only the sectors and the distance are kept.
    const home = await locateField(this.geocoder, child.details.homePostcode, 'childId');
    const cost = setting.state.weeklyCost;
    const command: StartPlacement = {
      type: 'StartPlacement',
      at,
      data: {
        placementId,
        requestId: details.requestId as RequestId,
        childId: requested.childId as ChildId,
        settingId: decision.settingId,
        providerId: decision.providerId,
        localAuthority: details.localAuthority,
        startedOn: input.startedOn,
        reasonNewEpisode: input.reasonNewEpisode as Exclude<ReasonNewEpisodeCode, 'L'>,
        legalStatus: (input.legalStatus ?? child.details.legalStatus) as LegalStatusCode,
        cinCategory: (input.cinCategory ?? child.details.cinCategory) as CinCategoryCode,
        placementType,
        placeProvider: placementProviderCode(provider.state.details, details.localAuthority),
        ...(PLACEMENT_TYPES[placementType].urnRequired && {
          urn: place.ofstedUrn ?? provider.state.details.ofstedUrn,
        }),
        homeSector: home.sector,
        placementSector: place.location.postcodeSector,
        distanceMiles: distanceMiles(home.grid, place.location.gridReference),
        inAuthority: place.hostLocalAuthority === details.localAuthority,
        childAgeMonths: ageInMonths(child.details.dateOfBirth, input.startedOn),
        ...(input.weeklyCostPence !== undefined
          ? { weeklyCostPence: input.weeklyCostPence }
          : cost && cost.effectiveFrom <= input.startedOn && { weeklyCostPence: cost.amountPence }),
      },
    };

    const existing = await this.queries.execute(new LoadAggregate('placement', placementId));
    if ((existing as Loaded<{ status: string }>).state.status !== 'NotStarted') {
      // A retry: the decider does nothing for the same start and refuses another (409); nothing to fill.
      await this.commands.execute(new ExecuteCommand('placement', placementId, command, actor));
      return placementId;
    }
    // Refuse a start the decider would refuse before any place is taken, so compensation is for faults only.
    placementDecider.decide(command, placementDecider.initialState());

    const vacancyId = input.vacancyId ?? this.vacancyFor(setting.state, input.startedOn);
    const fill: FillVacancy = {
      type: 'FillVacancy',
      at,
      data: { vacancyId: vacancyId as VacancyId, placementId },
    };
    const filled = await this.commands.execute(
      new ExecuteCommand('setting', decision.settingId, fill, actor),
    );
    try {
      await this.commands.execute(new ExecuteCommand('placement', placementId, command, actor));
    } catch (e) {
      if (filled.events.length > 0) {
        // Compensation: the place was taken for a placement that did not start, so give it back. The vacancy
        // it came from stays as the fill left it (closed when it was the last place): reopening one is the
        // provider's decision (ReleasePlace's rule), and the provider API shows the released place.
        const release: ReleasePlace = { type: 'ReleasePlace', at, data: { placementId } };
        await this.commands
          .execute(new ExecuteCommand('setting', decision.settingId, release, actor))
          .catch((r: unknown) =>
            this.log.error({ msg: 'compensating ReleasePlace failed', placementId, err: r as Error }),
          );
      }
      throw e;
    }
    return placementId;
  }

  /** The open vacancy available on the start day that opened first (earliest availability, then oldest). */
  private vacancyFor(setting: Extract<Setting, { status: 'Approved' }>, startedOn: string): string {
    const open = Object.values(setting.vacancies)
      .filter((v) => v.status === 'open' && v.places > 0 && v.availableFrom <= startedOn)
      .sort((a, b) =>
        a.availableFrom === b.availableFrom
          ? a.openedAt.localeCompare(b.openedAt)
          : a.availableFrom.localeCompare(b.availableFrom),
      );
    if (open.length === 0) {
      throw new IllegalStateError('SETTING.NO_VACANCY', 'The setting has no open vacancy on the start day', {
        settingId: setting.details.settingId,
        startedOn,
        today: londonDate(this.context.now()),
      });
    }
    return open[0].vacancyId;
  }
}
