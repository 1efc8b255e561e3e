import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { GEOCODER, Geocoder } from '@placematch/geo';
import { Actor } from '@placematch/kernel';
import { CommandContext } from '@placematch/runtime';
import { PlacementTypeCode, Provider, ProviderId, ProviderLookup, SettingId } from '@placematch/supply';
import { ExecuteCommand, LoadAggregate, Loaded } from '@placematch/runtime';

/** Registers a setting: looks up the postcode's grid reference and the provider's status, then decides. */
export class RegisterSettingCommand {
  constructor(
    readonly input: {
      providerId: string;
      name: string;
      placementTypes: string[];
      postcode: string;
      hostLocalAuthority: string;
      ofstedUrn?: string;
    },
    readonly actor: Actor,
  ) {}
}

const lookup = (provider: Provider): ProviderLookup =>
  provider.status === 'Unregistered'
    ? 'not-found'
    : provider.status === 'Active'
      ? 'active'
      : provider.status === 'AdmissionsSuspended'
        ? 'admissions-suspended'
        : 'deregistered';

@CommandHandler(RegisterSettingCommand)
export class RegisterSettingHandler implements ICommandHandler<RegisterSettingCommand> {
  constructor(
    @Inject(GEOCODER) private readonly geocoder: Geocoder,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly context: CommandContext,
  ) {}

  async execute({ input, actor }: RegisterSettingCommand) {
    const location = await this.geocoder.locate(input.postcode);
    const provider: Loaded<Provider> = await this.queries.execute(
      new LoadAggregate('provider', input.providerId),
    );
    const settingId = this.context.newId() as SettingId;
    const result = await this.commands.execute(
      new ExecuteCommand(
        'setting',
        settingId,
        {
          type: 'RegisterSetting',
          at: this.context.now().toISOString(),
          data: {
            settingId,
            providerId: input.providerId as ProviderId,
            providerStatus: lookup(provider.state),
            name: input.name,
            placementTypes: input.placementTypes as PlacementTypeCode[],
            location: {
              postcode: location.postcode,
              gridReference: location.grid,
              postcodeSector: location.sector,
            },
            hostLocalAuthority: input.hostLocalAuthority,
            ofstedUrn: input.ofstedUrn,
          },
        },
        actor,
      ),
    );
    return { settingId, result };
  }
}
