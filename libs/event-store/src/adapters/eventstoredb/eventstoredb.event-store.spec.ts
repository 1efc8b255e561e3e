import { createServer, Server, Socket } from 'node:net';
import {
  AccessDeniedError,
  DeadlineExceededError,
  UnavailableError,
  type Position as EsdbPosition,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import type { EventMetadata } from '@placematch/kernel';
import {
  EventStoreUnavailableError,
  NewEvent,
  Position,
  START,
  WrongExpectedVersionError,
} from '../../event-store.port';
import { Upcasters } from '../../upcasting';
import {
  comparePositions,
  decodePosition,
  encodePosition,
  expectationHolds,
  fromStoredMetadata,
  isSystemEventType,
  toEventData,
  toExpectedRevision,
  toRecordedEvent,
  toStoreError,
  toStoredMetadata,
  toWrongExpectedVersion,
} from './eventstoredb.codec';
import { EventStoreDbEventStore } from './eventstoredb.event-store';

const metadata: EventMetadata = {
  actor: { id: 'user-1', role: 'placement-officer', scope: 'E09000001' },
  correlationId: 'corr-1',
  causationId: 'cause-1',
  occurredAt: '2026-11-22T10:00:00.000Z',
};

const newEvent = (overrides: Partial<NewEvent> = {}): NewEvent => ({
  type: 'VacancyOpened',
  schemaVersion: 1,
  data: { places: 2 },
  metadata,
  ...overrides,
});

/** An event as the client hands it over after reading `$all`. */
const recorded = (overrides: Partial<Record<string, unknown>> = {}): EsdbRecordedEvent =>
  ({
    streamId: 'setting-1',
    id: '6a0c2a3e-9a51-4f3c-9d43-0c6a8f0e1b27',
    isJson: true,
    revision: 3n,
    type: 'VacancyOpened',
    created: new Date('2026-11-22T10:00:01.234Z'),
    data: { places: 2 },
    metadata: { schemaVersion: 1, ...metadata },
    position: { commit: 1200n, prepare: 1200n },
    ...overrides,
  }) as EsdbRecordedEvent;

describe('EventStoreDB adapter: positions', () => {
  it('encodes a place in $all as commit:prepare and decodes it back, beyond the safe integer range', () => {
    const place: EsdbPosition = { commit: 18_446_744_073_709_551_000n, prepare: 18_446_744_073_709_550_000n };
    const position = encodePosition(place);
    expect(position).toBe('18446744073709551000:18446744073709550000');
    expect(decodePosition(position)).toEqual(place);
  });

  it('decodes START as before everything', () => {
    expect(decodePosition(START)).toBeNull();
  });

  it('refuses a position that another store wrote', () => {
    for (const foreign of ['42', '1:2:3', 'a:b', '-1:0', '']) {
      expect(() => decodePosition(foreign as Position)).toThrow(TypeError);
    }
  });

  it('orders places by commit position, then by prepare position', () => {
    const places: EsdbPosition[] = [
      { commit: 300n, prepare: 300n },
      { commit: 200n, prepare: 250n },
      { commit: 200n, prepare: 200n },
      { commit: 1000n, prepare: 900n },
      { commit: 99n, prepare: 99n },
    ];
    const sorted = [...places].sort(comparePositions).map(encodePosition);
    expect(sorted).toEqual(['99:99', '200:200', '200:250', '300:300', '1000:900']);
    expect(comparePositions({ commit: 5n, prepare: 5n }, { commit: 5n, prepare: 5n })).toBe(0);
  });
});

describe('EventStoreDB adapter: expected versions', () => {
  it("maps 'any', 'no_stream' and a revision to the client's expectations", () => {
    expect(toExpectedRevision('any')).toBe('any');
    expect(toExpectedRevision('no_stream')).toBe('no_stream');
    expect(toExpectedRevision(0)).toBe(0n);
    expect(toExpectedRevision(41)).toBe(41n);
  });

  it('refuses a revision that is negative or not whole', () => {
    expect(() => toExpectedRevision(-1)).toThrow(RangeError);
    expect(() => toExpectedRevision(1.5)).toThrow(RangeError);
  });

  it('says whether a stream at a revision meets an expectation', () => {
    expect(expectationHolds('any', null)).toBe(true);
    expect(expectationHolds('any', 4)).toBe(true);
    expect(expectationHolds('no_stream', null)).toBe(true);
    expect(expectationHolds('no_stream', 0)).toBe(false);
    expect(expectationHolds(2, 2)).toBe(true);
    expect(expectationHolds(2, 3)).toBe(false);
    expect(expectationHolds(0, null)).toBe(false);
  });

  it("turns the client's conflict into the port's, with no stream as null", () => {
    const stale = toWrongExpectedVersion('setting-1', 1, { actualVersion: 2n });
    expect(stale).toBeInstanceOf(WrongExpectedVersionError);
    expect([stale.streamId, stale.expected, stale.actual]).toEqual(['setting-1', 1, 2]);
    expect(toWrongExpectedVersion('setting-1', 0, { actualVersion: 'no_stream' }).actual).toBeNull();
    expect(toWrongExpectedVersion('setting-1', 0, { actualVersion: -1n }).actual).toBeNull();
  });
});

describe('EventStoreDB adapter: metadata', () => {
  it('keeps the schema version in the stored metadata and splits it back out exactly', () => {
    const stored = toStoredMetadata(3, metadata);
    expect(stored).toEqual({ schemaVersion: 3, ...metadata });
    expect(fromStoredMetadata(JSON.parse(JSON.stringify(stored)), 'event')).toEqual({
      schemaVersion: 3,
      metadata,
    });
  });

  it('refuses metadata that this store did not write', () => {
    expect(() => fromStoredMetadata(metadata, 'Event x')).toThrow(/no schemaVersion/);
    expect(() => fromStoredMetadata({ ...metadata, schemaVersion: '1' }, 'Event x')).toThrow(
      /no schemaVersion/,
    );
    expect(() => fromStoredMetadata(undefined, 'Event x')).toThrow(/no JSON metadata/);
    expect(() => fromStoredMetadata(new Uint8Array([1]), 'Event x')).toThrow(/no schemaVersion/);
  });
});

describe('EventStoreDB adapter: events written', () => {
  it('sends JSON data and metadata with the schema version, and an id', () => {
    const sent = toEventData(newEvent({ schemaVersion: 2, data: { name: 'Siân', list: [1, null] } }));
    expect(sent.contentType).toBe('application/json');
    expect(sent.type).toBe('VacancyOpened');
    expect(sent.data).toEqual({ name: 'Siân', list: [1, null] });
    expect(sent.metadata).toEqual({ schemaVersion: 2, ...metadata });
    expect(sent.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(toEventData(newEvent()).id).not.toBe(sent.id);
  });

  it('keeps a given id, in the lower case EventStoreDB reports it in', () => {
    expect(toEventData(newEvent({ id: '6A0C2A3E-9A51-4F3C-9D43-0C6A8F0E1B27' })).id).toBe(
      '6a0c2a3e-9a51-4f3c-9d43-0c6a8f0e1b27',
    );
  });

  it('refuses, before sending, data that JSON would change', () => {
    expect(() => toEventData(newEvent({ data: { amount: BigInt(1) } }))).toThrow(TypeError);
    expect(() => toEventData(newEvent({ data: { ratio: Number.NaN } }))).toThrow(TypeError);
    expect(() => toEventData(newEvent({ data: undefined }))).toThrow(TypeError);
  });

  it('refuses an id that is not a UUID and a type that EventStoreDB keeps for itself', () => {
    expect(() => toEventData(newEvent({ id: 'vacancy-1' }))).toThrow(/UUID/);
    expect(() => toEventData(newEvent({ type: '$metadata' }))).toThrow(/starts with \$/);
  });

  it("tells EventStoreDB's own events by their type", () => {
    expect(isSystemEventType('$>')).toBe(true);
    expect(isSystemEventType('$statsCollected')).toBe(true);
    expect(isSystemEventType('VacancyOpened')).toBe(false);
  });
});

describe('EventStoreDB adapter: events read', () => {
  it('gives revision, position, time, schema version and metadata in the port’s terms', () => {
    expect(toRecordedEvent(recorded(), new Upcasters())).toEqual({
      id: '6a0c2a3e-9a51-4f3c-9d43-0c6a8f0e1b27',
      streamId: 'setting-1',
      revision: 3,
      position: '1200:1200',
      type: 'VacancyOpened',
      schemaVersion: 1,
      data: { places: 2 },
      metadata,
      recordedAt: '2026-11-22T10:00:01.234Z',
    });
  });

  it('upcasts what it reads', () => {
    const upcasters = new Upcasters([
      { type: 'VacancyOpened', fromVersion: 1, up: (d) => ({ ...(d as object), confirmed: false }) },
    ]);
    expect(toRecordedEvent(recorded(), upcasters)).toMatchObject({
      schemaVersion: 2,
      data: { places: 2, confirmed: false },
    });
  });

  it('refuses an event that is not JSON or comes without its position', () => {
    expect(() =>
      toRecordedEvent(recorded({ isJson: false, data: new Uint8Array([1]) }), new Upcasters()),
    ).toThrow(/not JSON/);
    expect(() => toRecordedEvent(recorded({ position: undefined }), new Upcasters())).toThrow(/22\.6/);
  });
});

describe('EventStoreDB adapter: failures', () => {
  it('reports failures a retry may cure as EventStoreUnavailableError', () => {
    const refused = Object.assign(new Error('14 UNAVAILABLE: No connection established'), {
      code: 14,
      details: 'No connection established',
    });
    for (const failure of [refused, new UnavailableError(), new DeadlineExceededError()]) {
      const error = toStoreError(failure, 'reading $all');
      expect(error).toBeInstanceOf(EventStoreUnavailableError);
      expect((error as EventStoreUnavailableError).cause).toBe(failure);
    }
  });

  it('passes on failures a retry will not cure', () => {
    const denied = new AccessDeniedError();
    expect(toStoreError(denied, 'reading $all')).toBe(denied);
    const bad = new TypeError('Event data cannot hold a bigint: use a string');
    expect(toStoreError(bad, 'appending')).toBe(bad);
  });
});

describe('EventStoreDB adapter: an unreachable server', () => {
  // Nothing listens on port 1: the connection is refused at once.
  const refused = 'esdb://127.0.0.1:1?tls=false';

  it('fails ping, reads, appends and head with EventStoreUnavailableError', async () => {
    const store = new EventStoreDbEventStore(refused);
    try {
      await expect(store.ping()).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.readStream('setting-1')).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.readAll(START, 10)).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.head()).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.append('setting-1', [newEvent()], 'any')).rejects.toBeInstanceOf(
        EventStoreUnavailableError,
      );
    } finally {
      await store.close();
    }
  });

  it('refuses to connect', async () => {
    await expect(EventStoreDbEventStore.connect(refused)).rejects.toBeInstanceOf(EventStoreUnavailableError);
  });

  it('stops a subscription and reports why', async () => {
    const store = new EventStoreDbEventStore(refused);
    try {
      const reported = new Promise<unknown>((resolve) => {
        store.subscribeAll(START, async () => undefined, { onError: resolve });
      });
      expect(await reported).toBeInstanceOf(EventStoreUnavailableError);
    } finally {
      await store.close();
    }
  });

  describe('that accepts connections but never answers', () => {
    let server: Server;
    const sockets = new Set<Socket>();
    let port: number;
    beforeAll(async () => {
      server = createServer((socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as { port: number }).port;
    });
    afterAll(async () => {
      sockets.forEach((s) => s.destroy());
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it('gives up on a ping at its deadline', async () => {
      const store = new EventStoreDbEventStore(`esdb://127.0.0.1:${port}?tls=false`, undefined, {
        pingDeadlineMs: 300,
      });
      try {
        await expect(store.ping()).rejects.toThrow(
          new EventStoreUnavailableError('EventStoreDB did not answer within 300 ms'),
        );
        expect(sockets.size).toBeGreaterThan(0);
      } finally {
        await store.close();
      }
    });
  });
});
