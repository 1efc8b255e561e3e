import { ConflictError, Decider, DomainEvent, EventMetadata, fold } from '@placematch/kernel';
import { EventStore, ExpectedVersion, WrongExpectedVersionError } from './event-store.port';

/** Options for {@link handleCommand}. */
export interface HandleOptions {
  /** Stamped on every new event: actor, correlation and causation ids, time. */
  metadata: EventMetadata;
  /**
   * The revision the client saw (from an ETag, say). When given, a conflict is reported at once (409)
   * rather than retried, because the client decided on a state that is no longer current.
   */
  expectedRevision?: number;
  /** How many times to re-read and re-decide after a concurrent write; default 3. */
  retries?: number;
}

/** What a handled command did. */
export interface HandleResult<State, Event> {
  /** The events appended (empty when the decider found nothing to do). */
  events: Event[];
  /** The state after them. */
  state: State;
  /** The stream's revision after them (`null` when the stream still does not exist). */
  revision: number | null;
}

/**
 * The one command pipeline: read the stream, fold it with the decider, decide, append with the revision
 * that was read. On a concurrent write it re-reads and decides again, a bounded number of times, then
 * throws `ConflictError('STREAM.CONCURRENT_UPDATE')` (409). Handlers call this and hold no business logic.
 */
export const handleCommand = async <Command, State, Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: Decider<Command, State, Event>,
  command: Command,
  options: HandleOptions,
): Promise<HandleResult<State, Event>> => {
  const attempts = options.expectedRevision === undefined ? (options.retries ?? 3) + 1 : 1;
  for (let attempt = 1; ; attempt++) {
    const { events: history, revision } = await store.readStream(streamId);
    if (options.expectedRevision !== undefined && options.expectedRevision !== revision) {
      throw conflict(streamId, options.expectedRevision, revision);
    }
    const state = fold(decider, history as unknown as Event[]);
    const events = decider.decide(command, state);
    if (events.length === 0) return { events, state, revision };
    const expected: ExpectedVersion = revision === null ? 'no_stream' : revision;
    try {
      const appended = await store.append(
        streamId,
        events.map((e) => ({
          type: e.type,
          schemaVersion: e.schemaVersion,
          data: e.data,
          metadata: options.metadata,
        })),
        expected,
      );
      return { events, state: fold(decider, events, state), revision: appended.revision };
    } catch (e) {
      if (!(e instanceof WrongExpectedVersionError)) throw e;
      if (attempt >= attempts) throw conflict(streamId, expected, e.actual);
    }
  }
};

const conflict = (streamId: string, expected: ExpectedVersion | number, actual: number | null) =>
  new ConflictError(
    'STREAM.CONCURRENT_UPDATE',
    `Someone else changed ${streamId} first; read it again and retry`,
    {
      streamId,
      expectedRevision: expected,
      actualRevision: actual,
    },
  );
