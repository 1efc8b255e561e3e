import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, ICommandHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore, handleCommand, HandleResult } from '@placematch/event-store';
import { Actor, Decider, DomainEvent, fold } from '@placematch/kernel';
import { CommandContext } from './command-context';

/** An aggregate the command pipeline can run: how to name its stream, and its decider. */
export interface AggregateType<Command = unknown, State = unknown, Event extends DomainEvent = DomainEvent> {
  /** The stream prefix, such as `setting` for `setting-<id>`. */
  name: string;
  stream: (id: string) => string;
  decider: Decider<Command, State, Event>;
}

/** The aggregates feature modules have registered, by name. */
@Injectable()
export class AggregateRegistry {
  private readonly types = new Map<string, AggregateType>();

  /** Registers an aggregate; call from a module's constructor or `onModuleInit`. */
  register<C, S, E extends DomainEvent>(type: AggregateType<C, S, E>): void {
    if (this.types.has(type.name) && this.types.get(type.name) !== (type as unknown)) {
      throw new Error(`Two aggregates named ${type.name}`);
    }
    this.types.set(type.name, type as unknown as AggregateType);
  }

  get(name: string): AggregateType {
    const type = this.types.get(name);
    if (!type) throw new Error(`No aggregate named ${name} is registered`);
    return type;
  }
}

/**
 * Runs a command on one aggregate: the envelope the CommandBus carries. The handler reads the stream, folds,
 * decides and appends (see `handleCommand`), stamping the actor, correlation and causation on the events.
 */
export class ExecuteCommand<Command = unknown> {
  constructor(
    readonly aggregate: string,
    readonly id: string,
    readonly command: Command,
    readonly actor: Actor,
    /** The revision the client saw (If-Match); a mismatch is a 409 at once. */
    readonly expectedRevision?: number,
  ) {}
}

/** Reads an aggregate's state and revision straight from its stream (strongly consistent). */
export class LoadAggregate {
  constructor(
    readonly aggregate: string,
    readonly id: string,
  ) {}
}

/** An aggregate's state as read, with the revision of its last event (null: no stream yet). */
export interface Loaded<State> {
  state: State;
  revision: number | null;
}

@CommandHandler(ExecuteCommand)
export class ExecuteCommandHandler implements ICommandHandler<ExecuteCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly context: CommandContext,
    private readonly registry: AggregateRegistry,
  ) {}

  execute(c: ExecuteCommand): Promise<HandleResult<unknown, DomainEvent>> {
    const type = this.registry.get(c.aggregate);
    return handleCommand(this.store, type.stream(c.id), type.decider, c.command, {
      metadata: this.context.metadata(c.actor),
      expectedRevision: c.expectedRevision,
    });
  }
}

@QueryHandler(LoadAggregate)
export class LoadAggregateHandler implements IQueryHandler<LoadAggregate> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly registry: AggregateRegistry,
  ) {}

  async execute(q: LoadAggregate): Promise<Loaded<unknown>> {
    const type = this.registry.get(q.aggregate);
    const { events, revision } = await this.store.readStream(type.stream(q.id));
    return { state: fold(type.decider, events as unknown as DomainEvent[]), revision };
  }
}
