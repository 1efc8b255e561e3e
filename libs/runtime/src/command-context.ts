import { Inject, Injectable } from '@nestjs/common';
import { Actor, CLOCK, Clock, EventMetadata, ID_GENERATOR, IdGenerator } from '@placematch/kernel';
import { correlationId } from '@placematch/platform';

/**
 * Builds the metadata every command stamps on its events: the actor, the request's correlation id (or a
 * new one for background work), what caused it, and the time from the clock port.
 */
@Injectable()
export class CommandContext {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /** The time now, as the clock port tells it. */
  now(): Date {
    return this.clock.now();
  }

  /** A new id from the id port. */
  newId(): string {
    return this.ids.next();
  }

  /** Metadata for events decided now on behalf of `actor`. */
  metadata(actor: Actor, causationId?: string): EventMetadata {
    const correlation = correlationId() ?? this.ids.next();
    return {
      actor,
      correlationId: correlation,
      causationId: causationId ?? correlation,
      occurredAt: this.clock.now().toISOString(),
    };
  }
}
