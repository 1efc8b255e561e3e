import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore, handleCommand, HandleResult } from '@placematch/event-store';
import { Actor, Decider, DomainEvent, fold } from '@placematch/kernel';
import { CommandContext } from '@placematch/runtime';
import {
  Carer,
  CarerCommand,
  carerDecider,
  CarerEvent,
  CarerId,
  carerStream,
  Provider,
  ProviderCommand,
  providerDecider,
  ProviderEvent,
  ProviderId,
  providerStream,
  Setting,
  SettingCommand,
  settingDecider,
  SettingEvent,
  SettingId,
  settingStream,
} from '@placematch/supply';

/** One supply aggregate: how to name its stream and its decider. */
interface Aggregate<C, S, E extends DomainEvent> {
  stream: (id: string) => string;
  decider: Decider<C, S, E>;
}

const provider: Aggregate<ProviderCommand, Provider, ProviderEvent> = {
  stream: (id) => providerStream(id as ProviderId),
  decider: providerDecider,
};
const setting: Aggregate<SettingCommand, Setting, SettingEvent> = {
  stream: (id) => settingStream(id as SettingId),
  decider: settingDecider,
};
const carer: Aggregate<CarerCommand, Carer, CarerEvent> = {
  stream: (id) => carerStream(id as CarerId),
  decider: carerDecider,
};

/** Runs a provider command: the envelope the CommandBus carries to the handler. */
export class ExecuteProviderCommand {
  constructor(
    readonly providerId: string,
    readonly command: ProviderCommand,
    readonly actor: Actor,
  ) {}
}
/** Runs a setting command. */
export class ExecuteSettingCommand {
  constructor(
    readonly settingId: string,
    readonly command: SettingCommand,
    readonly actor: Actor,
  ) {}
}
/** Runs a carer command. */
export class ExecuteCarerCommand {
  constructor(
    readonly carerId: string,
    readonly command: CarerCommand,
    readonly actor: Actor,
  ) {}
}

/** Reads an aggregate's current state and revision (strongly consistent: straight from its stream). */
export class LoadAggregate {
  constructor(
    readonly aggregate: 'provider' | 'setting' | 'carer',
    readonly id: string,
  ) {}
}

/** The state of an aggregate as read, with the revision of its last event (null: no stream yet). */
export interface Loaded<S> {
  state: S;
  revision: number | null;
}

const execute = <C, S, E extends DomainEvent>(
  store: EventStore,
  context: CommandContext,
  aggregate: Aggregate<C, S, E>,
  id: string,
  command: C,
  actor: Actor,
): Promise<HandleResult<S, E>> =>
  handleCommand(store, aggregate.stream(id), aggregate.decider, command, {
    metadata: context.metadata(actor),
  });

@CommandHandler(ExecuteProviderCommand)
export class ExecuteProviderCommandHandler implements ICommandHandler<ExecuteProviderCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly context: CommandContext,
  ) {}
  execute(c: ExecuteProviderCommand) {
    return execute(this.store, this.context, provider, c.providerId, c.command, c.actor);
  }
}

@CommandHandler(ExecuteSettingCommand)
export class ExecuteSettingCommandHandler implements ICommandHandler<ExecuteSettingCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly context: CommandContext,
  ) {}
  execute(c: ExecuteSettingCommand) {
    return execute(this.store, this.context, setting, c.settingId, c.command, c.actor);
  }
}

@CommandHandler(ExecuteCarerCommand)
export class ExecuteCarerCommandHandler implements ICommandHandler<ExecuteCarerCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly context: CommandContext,
  ) {}
  execute(c: ExecuteCarerCommand) {
    return execute(this.store, this.context, carer, c.carerId, c.command, c.actor);
  }
}

@QueryHandler(LoadAggregate)
export class LoadAggregateHandler implements IQueryHandler<LoadAggregate> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  async execute(q: LoadAggregate): Promise<Loaded<unknown>> {
    const aggregate = { provider, setting, carer }[q.aggregate] as Aggregate<unknown, unknown, DomainEvent>;
    const { events, revision } = await this.store.readStream(aggregate.stream(q.id));
    return { state: fold(aggregate.decider, events as unknown as DomainEvent[]), revision };
  }
}

/** Every handler of this file, for a module's providers. */
export const AGGREGATE_HANDLERS = [
  ExecuteProviderCommandHandler,
  ExecuteSettingCommandHandler,
  ExecuteCarerCommandHandler,
  LoadAggregateHandler,
];
