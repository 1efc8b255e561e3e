import type { EventMetadata } from '@placematch/kernel';

/** Injection token for the {@link EventStore} port. */
export const EVENT_STORE = Symbol('EVENT_STORE');

/**
 * What the writer believes the stream's revision to be. Revisions count from 0 (the first event).
 * - `'any'`: append whatever the stream holds;
 * - `'no_stream'`: the stream must not exist yet;
 * - a number: the revision of the stream's last event must be exactly this.
 */
export type ExpectedVersion = 'any' | 'no_stream' | number;

/**
 * A place in the global log. Opaque: each adapter encodes its own order in it (PostgreSQL the writing
 * transaction and a sequence, EventStoreDB its commit and prepare positions), so compare positions only
 * through the store. {@link START} is before everything.
 */
export type Position = string & { readonly __position: unique symbol };

/** Before the first event of the global log. */
export const START = 'start' as Position;

/** An event to append. The id is the event's identity for idempotent consumers; it is generated if absent. */
export interface NewEvent {
  id?: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
}

/** An event as the store holds it, after any upcasting to the current schema version. */
export interface RecordedEvent<Data = unknown> {
  id: string;
  streamId: string;
  /** The event's revision in its stream, from 0. */
  revision: number;
  /** The event's place in the global log; resume a subscription from it. */
  position: Position;
  type: string;
  schemaVersion: number;
  data: Data;
  metadata: EventMetadata;
  /** ISO-8601 time at which the store recorded the event. */
  recordedAt: string;
}

/** A stream as read: its events in order and the revision of the last one (`null` when it does not exist). */
export interface StreamRead {
  events: RecordedEvent[];
  revision: number | null;
}

/** One page of the global log and where to continue from. */
export interface LogPage {
  events: RecordedEvent[];
  /** Pass this to the next read; equals the `from` that was given when the page is empty. */
  next: Position;
}

/** A running subscription to the global log. */
export interface Subscription {
  /** Stops delivering; resolves once the handler in progress (if any) has finished. */
  stop(): Promise<void>;
  /** Resolves when the subscription has delivered everything appended before this call. */
  caughtUp(): Promise<void>;
}

/** How a subscription behaves. */
export interface SubscribeOptions {
  /** Events per read of the log; default 500. */
  batchSize?: number;
  /** Called when the handler throws; the subscription stops after it. Default: log to stderr. */
  onError?: (error: unknown) => void;
}

/**
 * The event store port. Every adapter (PostgreSQL, PGlite, in-memory, EventStoreDB) passes the one contract
 * suite in `@placematch/event-store/testing`.
 *
 * Guarantees: appends of several events are atomic; a stream's revisions are gapless and unique; the global
 * log has one order that every reader sees, and a reader never skips an event that becomes visible later
 * with an earlier place in that order.
 */
export interface EventStore {
  /** Reads a whole stream (or from a revision on). A stream that does not exist reads as no events. */
  readStream(streamId: string, options?: { fromRevision?: number }): Promise<StreamRead>;
  /**
   * Appends events atomically if the stream's revision matches `expected`; otherwise rejects with
   * {@link WrongExpectedVersionError} and writes nothing. Resolves with the revision of the last event written.
   */
  append(
    streamId: string,
    events: NewEvent[],
    expected: ExpectedVersion,
  ): Promise<{ revision: number; position: Position }>;
  /** Reads up to `limit` events of the global log after `from`. */
  readAll(from: Position, limit: number): Promise<LogPage>;
  /**
   * Delivers every event after `from`, in global order, one at a time, to `handler`, then keeps delivering
   * new ones. The handler's promise is awaited before the next event.
   */
  subscribeAll(
    from: Position,
    handler: (event: RecordedEvent) => Promise<void>,
    options?: SubscribeOptions,
  ): Subscription;
  /**
   * Like {@link subscribeAll}, but hands over the log a page at a time (at most `batchSize` events), so a
   * projector can write a whole page and its checkpoint in one transaction.
   */
  subscribePages(
    from: Position,
    handler: (events: RecordedEvent[]) => Promise<void>,
    options?: SubscribeOptions,
  ): Subscription;
  /** The position of the last event in the global log visible now ({@link START} when empty). */
  head(): Promise<Position>;
  /** Whether the store can be reached now (for readiness probes). */
  ping(): Promise<void>;
  /** Releases connections. */
  close(): Promise<void>;
}

/** The stream was not at the expected revision: nothing was written. */
export class WrongExpectedVersionError extends Error {
  readonly code = 'EVENT_STORE.WRONG_EXPECTED_VERSION';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number | null,
  ) {
    super(
      `Stream ${streamId} expected at ${String(expected)} but is at ${actual === null ? 'no stream' : actual}`,
    );
    this.name = 'WrongExpectedVersionError';
  }
}

/** The store could not be reached or failed; the caller may retry. */
export class EventStoreUnavailableError extends Error {
  readonly code = 'EVENT_STORE.UNAVAILABLE';
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'EventStoreUnavailableError';
  }
}
