import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  START as ESDB_START,
  StreamNotFoundError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  excludeSystemEvents,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type AppendResult,
  type Position as EsdbPosition,
  type ReadAllOptions,
  type ReadStreamOptions,
  type ResolvedEvent,
} from '@eventstore/db-client';
import {
  EventStore,
  EventStoreUnavailableError,
  ExpectedVersion,
  LogPage,
  NewEvent,
  Position,
  RecordedEvent,
  START,
  StreamRead,
  WrongExpectedVersionError,
} from '../../event-store.port';
import { AppendSignal, LogSource, PollingSubscriptions } from '../../polling-subscription';
import { Upcasters } from '../../upcasting';
import {
  comparePositions,
  decodePosition,
  encodePosition,
  expectationHolds,
  isSystemEventType,
  toEventData,
  toExpectedRevision,
  toRecordedEvent,
  toStoreError,
  toWrongExpectedVersion,
} from './eventstoredb.codec';

/** Tuning of {@link EventStoreDbEventStore}; the defaults suit a readiness probe and a projector. */
export interface EventStoreDbOptions {
  /** How long `ping()` waits for an answer before reporting the server unavailable, in ms; default 2000. */
  pingDeadlineMs?: number;
  /** How often an idle subscription reads `$all` when no append signal has come, in ms; default 500. */
  idlePollMs?: number;
}

/** How many events of `$all` a backwards search for the head reads at a time. */
const HEAD_SCAN = 32;

const drain = async <T>(read: AsyncIterable<T>): Promise<T[]> => {
  const items: T[] = [];
  for await (const item of read) items.push(item);
  return items;
};

const positionOf = ({ event }: AllStreamResolvedEvent): EsdbPosition => {
  if (!event) throw new Error('EventStoreDB returned an entry of $all without its event');
  return event.position;
};

/**
 * The event store on EventStoreDB (or KurrentDB) over gRPC, for the distributed deployment.
 *
 * - Streams are EventStoreDB streams; revisions are theirs, from 0. The global log is `$all` without
 *   EventStoreDB's own events (types starting `$`), and a position is `<commit>:<prepare>`.
 * - Data and metadata are JSON; the schema version travels in the metadata.
 * - Subscriptions page through `$all` with the shared polling loop; a push subscription to `$all` only wakes
 *   them, so a dropped push costs latency, never an event.
 *
 * The server must be 22.6 or later (events read from a stream carry their position). The 6.x client reads
 * `$all` without a server-side filter, so system events are skipped here.
 */
export class EventStoreDbEventStore extends PollingSubscriptions implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly appended = new AppendSignal();
  private push: AllStreamSubscription | null = null;
  private closed = false;

  /**
   * @param connectionString for example `esdb://127.0.0.1:2113?tls=false`; an invalid one throws here.
   * @param upcasters applied to every event read.
   */
  constructor(
    connectionString: string,
    private readonly upcasters = new Upcasters(),
    private readonly options: EventStoreDbOptions = {},
  ) {
    super();
    this.client = EventStoreDBClient.connectionString(connectionString);
  }

  /**
   * Opens a store and checks that the server answers; rejects with {@link EventStoreUnavailableError}
   * (having released the client) when it does not.
   */
  static async connect(
    connectionString: string,
    upcasters?: Upcasters,
    options?: EventStoreDbOptions,
  ): Promise<EventStoreDbEventStore> {
    const store = new EventStoreDbEventStore(connectionString, upcasters, options);
    try {
      await store.ping();
      return store;
    } catch (error) {
      await store.close();
      throw error;
    }
  }

  async readStream(streamId: string, options: { fromRevision?: number } = {}): Promise<StreamRead> {
    const from = options.fromRevision ?? 0;
    const read = await this.readStreamEntries(
      streamId,
      { fromRevision: from === 0 ? ESDB_START : BigInt(from) },
      `reading ${streamId}`,
    );
    if (read === null) return { events: [], revision: null };
    const events = read.map(({ event }) => {
      if (!event) throw new Error(`EventStoreDB returned an entry of ${streamId} without its event`);
      return toRecordedEvent(event, this.upcasters);
    });
    if (events.length > 0) return { events, revision: events[events.length - 1].revision };
    // Reading from past the end finds no events, yet the stream exists and its revision must be reported.
    return { events, revision: await this.lastRevision(streamId) };
  }

  async append(
    streamId: string,
    events: NewEvent[],
    expected: ExpectedVersion,
  ): Promise<{ revision: number; position: Position }> {
    const expectedRevision = toExpectedRevision(expected);
    if (events.length === 0) return this.appendNothing(streamId, expected);
    // Everything is serialised before anything is sent, so a bad event leaves the stream untouched.
    const proposed = events.map(toEventData);
    await this.refuseStoredIds(
      streamId,
      proposed.map((e) => e.id),
      events.some((e) => e.id !== undefined),
      expected,
    );
    let result: AppendResult;
    try {
      // One append request is atomic in EventStoreDB, however many events it holds.
      result = await this.client.appendToStream(streamId, proposed, { expectedRevision });
    } catch (error) {
      if (error instanceof EsdbWrongExpectedVersionError)
        throw toWrongExpectedVersion(streamId, expected, error);
      throw toStoreError(error, `appending to ${streamId}`);
    }
    // With throwOnAppendFailure=false in the connection string the client answers a conflict, not throws.
    if (!result.success)
      throw new WrongExpectedVersionError(streamId, expected, await this.lastRevision(streamId));
    this.notifyAppended();
    return {
      revision: Number(result.nextExpectedRevision),
      // The server leaves the position out when it recognised the append as a retry of one already written;
      // the head is then at or after those events, which is all a caller waiting on the position needs.
      position: result.position ? encodePosition(result.position) : await this.head(),
    };
  }

  async readAll(from: Position, limit: number): Promise<LogPage> {
    let cursor = decodePosition(from);
    const events: RecordedEvent[] = [];
    if (limit < 1) return { events, next: from };
    // One more than the limit, because EventStoreDB reads from a position inclusively and the event at
    // `from` has been read already.
    const chunk = limit + 1;
    for (;;) {
      const read = await this.readAllEntries(
        { fromPosition: cursor ?? ESDB_START, maxCount: chunk },
        'reading $all',
      );
      for (const entry of read) {
        const { event } = entry;
        if (!event || (cursor && comparePositions(event.position, cursor) <= 0)) continue;
        if (isSystemEventType(event.type)) continue;
        events.push(toRecordedEvent(event, this.upcasters));
        if (events.length === limit) return { events, next: events[limit - 1].position };
      }
      if (read.length < chunk) break;
      // EventStoreDB's own events took up part of the chunk: read on after the last one read.
      cursor = positionOf(read[read.length - 1]);
    }
    return { events, next: events.length > 0 ? events[events.length - 1].position : from };
  }

  async head(): Promise<Position> {
    let from: EsdbPosition | typeof END = END;
    for (;;) {
      const read = await this.readAllEntries(
        { direction: BACKWARDS, fromPosition: from, maxCount: HEAD_SCAN },
        'finding the head of $all',
      );
      const last = read.find(({ event }) => event && !isSystemEventType(event.type));
      if (last) return encodePosition(positionOf(last));
      if (read.length < HEAD_SCAN) return START;
      from = positionOf(read[read.length - 1]);
    }
  }

  async ping(): Promise<void> {
    const deadlineMs = this.options.pingDeadlineMs ?? 2000;
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 });
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new EventStoreUnavailableError(`EventStoreDB did not answer within ${deadlineMs} ms`)),
        deadlineMs,
      );
    });
    try {
      await Promise.race([drain(read), deadline]);
    } catch (error) {
      if (!(error instanceof EventStoreUnavailableError)) throw toStoreError(error, 'answering a ping');
      // Reads carry no gRPC deadline in this client, so the call is cancelled here rather than left waiting.
      await read.cancel();
      read.destroy();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.appended.clear();
    this.stopListening();
    await this.client.dispose();
  }

  /** Reads stream entries; `null` when the stream does not exist. */
  private async readStreamEntries(
    streamId: string,
    options: ReadStreamOptions,
    doing: string,
  ): Promise<ResolvedEvent[] | null> {
    try {
      return await drain(this.client.readStream(streamId, options));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return null;
      throw toStoreError(error, doing);
    }
  }

  private async readAllEntries(options: ReadAllOptions, doing: string): Promise<AllStreamResolvedEvent[]> {
    try {
      return await drain(this.client.readAll(options));
    } catch (error) {
      throw toStoreError(error, doing);
    }
  }

  private async lastRevision(streamId: string): Promise<number | null> {
    const read = await this.readStreamEntries(
      streamId,
      { direction: BACKWARDS, fromRevision: END, maxCount: 1 },
      `reading the revision of ${streamId}`,
    );
    const event = read?.[0]?.event;
    return event ? Number(event.revision) : null;
  }

  /** An empty append writes nothing but still answers whether the expectation holds, as the port says. */
  private async appendNothing(
    streamId: string,
    expected: ExpectedVersion,
  ): Promise<{ revision: number; position: Position }> {
    const actual = await this.lastRevision(streamId);
    if (!expectationHolds(expected, actual)) throw new WrongExpectedVersionError(streamId, expected, actual);
    return { revision: actual ?? -1, position: await this.head() };
  }

  /**
   * EventStoreDB does not refuse an id it holds: at the current revision it writes the event again, and at an
   * older one (or with any) it may take the append for a retry and answer success without writing. The port
   * refuses it, so ids chosen by the caller are checked against the stream first; generated ids are new by
   * construction. Ids stored in other streams are not checked: EventStoreDB keeps no index of ids.
   */
  private async refuseStoredIds(
    streamId: string,
    ids: string[],
    chosenByCaller: boolean,
    expected: ExpectedVersion,
  ): Promise<void> {
    if (new Set(ids).size !== ids.length)
      throw new Error(`The append to ${streamId} holds one event id twice`);
    if (!chosenByCaller) return;
    const { events, revision } = await this.readStream(streamId);
    // Checked here too, because with an id it already holds EventStoreDB would answer a stale expectation
    // with success rather than with a conflict.
    if (!expectationHolds(expected, revision))
      throw new WrongExpectedVersionError(streamId, expected, revision);
    if (events.some((e) => ids.includes(e.id)))
      throw new Error(`Event id already stored in the append to ${streamId}`);
  }

  /** `$all` as the polling loop sees it: pages from {@link readAll}, woken by appends from any process. */
  protected logSource(): LogSource {
    return {
      readAll: (from, limit) => {
        this.listenForAppends();
        return this.readAll(from, limit);
      },
      onAppend: (listener) => {
        const stop = this.appended.listen(listener);
        return () => {
          stop();
          if (this.appended.size === 0) this.stopListening();
        };
      },
      idlePollMs: this.options.idlePollMs ?? 500,
    };
  }

  private notifyAppended(): void {
    this.appended.fire();
  }

  /** Starts the push subscription that wakes polling subscriptions when any process appends. */
  private listenForAppends(): void {
    if (this.push || this.closed || this.appended.size === 0) return;
    const push = this.client.subscribeToAll({ fromPosition: END, filter: excludeSystemEvents() });
    this.push = push;
    push.on('data', () => this.notifyAppended());
    // A dropped push subscription only delays delivery to the idle poll; the next read starts another.
    const dropped = () => {
      if (this.push === push) this.push = null;
    };
    push.on('error', dropped);
    push.on('close', dropped);
  }

  private stopListening(): void {
    const push = this.push;
    this.push = null;
    if (!push) return;
    push.unsubscribe().then(
      () => push.destroy(),
      () => push.destroy(),
    );
  }
}
