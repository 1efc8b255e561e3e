import {
  ANY,
  CancelledError,
  DeadlineExceededError,
  NO_STREAM,
  NotLeaderError,
  TimeoutError,
  UnavailableError,
  UnknownError,
  convertToCommandError,
  type AppendExpectedRevision,
  type JSONEventData,
  type JSONType,
  type Position as EsdbPosition,
  type RecordedEvent as EsdbRecordedEvent,
  type WrongExpectedVersionError as EsdbWrongExpectedVersionError,
} from '@eventstore/db-client';
import type { EventMetadata } from '@placematch/kernel';
import {
  EventStoreUnavailableError,
  ExpectedVersion,
  NewEvent,
  Position,
  RecordedEvent,
  START,
  WrongExpectedVersionError,
} from '../../event-store.port';
import { serialiseData, Upcasters } from '../../upcasting';

// Translation between the port and the client's types, kept apart from the store so that every rule here is
// unit tested without a server.

const POSITION = /^(\d+):(\d+)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Encodes a place in `$all` as the port's opaque position: `<commit>:<prepare>`. */
export const encodePosition = (position: EsdbPosition): Position =>
  `${position.commit}:${position.prepare}` as Position;

/** Decodes a port position; `null` stands for {@link START}, before everything in `$all`. */
export const decodePosition = (position: Position): EsdbPosition | null => {
  if (position === START) return null;
  const parts = POSITION.exec(position);
  if (!parts) throw new TypeError(`Not an EventStoreDB position: ${String(position)}`);
  return { commit: BigInt(parts[1]), prepare: BigInt(parts[2]) };
};

/** Orders two places in `$all` as EventStoreDB does: by commit position, then by prepare position. */
export const comparePositions = (a: EsdbPosition, b: EsdbPosition): number => {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
};

/** Maps the port's expected version to the client's expected revision. */
export const toExpectedRevision = (expected: ExpectedVersion): AppendExpectedRevision => {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream') return NO_STREAM;
  if (!Number.isSafeInteger(expected) || expected < 0) {
    throw new RangeError(`An expected revision is a whole number from 0, not ${String(expected)}`);
  }
  return BigInt(expected);
};

/** Whether a stream at `actual` (`null`: no stream) satisfies `expected`. */
export const expectationHolds = (expected: ExpectedVersion, actual: number | null): boolean =>
  expected === 'any' || (expected === 'no_stream' ? actual === null : actual === expected);

/** EventStoreDB's own events (`$metadata`, `$>` links, statistics, projections) all have types starting `$`. */
export const isSystemEventType = (type: string): boolean => type.startsWith('$');

/** What EventStoreDB holds as an event's metadata: the port's metadata plus the schema version of the data. */
export type StoredMetadata = EventMetadata & { schemaVersion: number };

/** Joins the schema version and the port's metadata into what EventStoreDB stores as metadata. */
export const toStoredMetadata = (schemaVersion: number, metadata: EventMetadata): StoredMetadata => ({
  schemaVersion,
  ...metadata,
});

/** Splits stored metadata back into the schema version and the port's metadata. */
export const fromStoredMetadata = (
  stored: unknown,
  what: string,
): { schemaVersion: number; metadata: EventMetadata } => {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) {
    throw new Error(`${what} has no JSON metadata: it was not written through this store`);
  }
  const { schemaVersion, ...metadata } = stored as Record<string, unknown>;
  if (typeof schemaVersion !== 'number' || !Number.isSafeInteger(schemaVersion)) {
    throw new Error(`${what} has no schemaVersion in its metadata: it was not written through this store`);
  }
  return { schemaVersion, metadata: metadata as unknown as EventMetadata };
};

/** The JSON value that `serialiseData` accepts, so that what is sent is exactly what will be read. */
const jsonValue = (value: unknown, what: string): JSONType => {
  const text = serialiseData(value);
  if (text === undefined) throw new TypeError(`${what} is not JSON`);
  return JSON.parse(text) as JSONType;
};

/**
 * Turns a port event into the client's JSON event. Throws before anything is sent when the data or metadata
 * cannot be stored exactly (a bigint, NaN, undefined), so a multi-event append fails whole.
 */
export const toEventData = (event: NewEvent): JSONEventData => {
  if (isSystemEventType(event.type)) {
    throw new TypeError(
      `Event type ${event.type} starts with $, which EventStoreDB keeps for its own events`,
    );
  }
  const id = event.id ?? globalThis.crypto.randomUUID();
  if (!UUID.test(id)) throw new TypeError(`EventStoreDB event ids are UUIDs, not ${id}`);
  return {
    // EventStoreDB reports ids in lower case; storing them so keeps an id equal to itself on the way back.
    id: id.toLowerCase(),
    contentType: 'application/json',
    type: event.type,
    data: jsonValue(event.data, `The data of ${event.type}`),
    metadata: jsonValue(
      toStoredMetadata(event.schemaVersion, event.metadata),
      `The metadata of ${event.type}`,
    ),
  };
};

/** Turns an event read from EventStoreDB into the port's recorded event, upcast to its newest schema. */
export const toRecordedEvent = (event: EsdbRecordedEvent, upcasters: Upcasters): RecordedEvent => {
  const what = `Event ${event.id} (${event.type}) in ${event.streamId}`;
  if (!event.isJson) throw new Error(`${what} is not JSON: it was not written through this store`);
  if (!event.position) {
    throw new Error(`${what} came without its position in $all: this store needs EventStoreDB 22.6 or later`);
  }
  const { schemaVersion, metadata } = fromStoredMetadata(event.metadata, what);
  return upcasters.upcast({
    id: event.id,
    streamId: event.streamId,
    revision: Number(event.revision),
    position: encodePosition(event.position),
    type: event.type,
    schemaVersion,
    data: event.data,
    metadata,
    recordedAt: event.created.toISOString(),
  });
};

/** Translates the client's wrong-expected-version failure into the port's error. */
export const toWrongExpectedVersion = (
  streamId: string,
  expected: ExpectedVersion,
  error: Pick<EsdbWrongExpectedVersionError, 'actualVersion'>,
): WrongExpectedVersionError => {
  const actual =
    typeof error.actualVersion === 'bigint' && error.actualVersion >= 0n ? Number(error.actualVersion) : null;
  return new WrongExpectedVersionError(streamId, expected, actual);
};

/**
 * Translates a client failure: one that a retry may cure (no connection, a deadline, a leader change, a
 * server fault) becomes {@link EventStoreUnavailableError}; anything else (access denied, an append over the
 * server's size limit, a bad argument) is returned as it is.
 */
export const toStoreError = (error: unknown, doing: string): unknown => {
  const converted = error instanceof Error ? convertToCommandError(error) : error;
  const retriable =
    converted instanceof UnavailableError ||
    converted instanceof DeadlineExceededError ||
    converted instanceof TimeoutError ||
    converted instanceof CancelledError ||
    converted instanceof NotLeaderError ||
    converted instanceof UnknownError;
  if (!retriable) return converted;
  return new EventStoreUnavailableError(`EventStoreDB failed while ${doing}: ${converted.message}`, error);
};
