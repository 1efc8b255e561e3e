import type { EventMetadata } from '@placematch/kernel';
import {
  EventStore,
  NewEvent,
  Position,
  RecordedEvent,
  START,
  WrongExpectedVersionError,
} from '../event-store.port';
import { Upcasters } from '../upcasting';

/** How the contract gets a store: a fresh, empty one, and the same data opened anew (a restart). */
export interface StoreHarness {
  /** Opens a store on empty storage that no other test uses. */
  open(options: { upcasters?: Upcasters }): Promise<EventStore>;
  /** Opens a second store on the same storage as the last `open` (a process restart); omit if impossible. */
  reopen?(options: { upcasters?: Upcasters }): Promise<EventStore>;
  /** Removes whatever the harness created. */
  dispose?(): Promise<void>;
  /**
   * Every store the harness opens shares one global log with other tests and earlier runs (an EventStoreDB
   * server has one `$all`), so no store starts empty: the tests that read the log from START read it from
   * the head at their start instead. Such a harness must offer `reopen`.
   */
  sharedLog?: boolean;
}

const meta = (n = 0): EventMetadata => ({
  actor: { id: 'user-contract', role: 'placement-officer', scope: 'E09000001' },
  correlationId: `corr-${n}`,
  causationId: `cause-${n}`,
  occurredAt: '2026-11-22T10:00:00.000Z',
});

const ev = (type: string, data: unknown = {}, n = 0): NewEvent => ({
  type,
  schemaVersion: 1,
  data,
  metadata: meta(n),
});

/** Reads the whole log after `from` (by default all of it), page by page. */
const readEverything = async (
  store: EventStore,
  pageSize = 1000,
  from: Position = START,
): Promise<RecordedEvent[]> => {
  const all: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readAll(from, pageSize);
    if (page.events.length === 0) return all;
    all.push(...page.events);
    from = page.next;
  }
};

/** Resolves once `predicate` holds, checking after each event; fails the test after `ms`. */
const until = (predicate: () => boolean, what: string, ms = 10_000) =>
  new Promise<void>((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (predicate()) return resolve();
      if (Date.now() - started > ms) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 5);
    };
    tick();
  });

/**
 * Waits until the log shows everything up to `position`. Stores whose readers see a write only once every
 * older concurrent transaction has ended (PostgreSQL) may show it a moment after the append returns.
 */
const visible = async (store: EventStore, position: Position, ms = 10_000) => {
  const started = Date.now();
  while ((await store.head()) !== position) {
    if (Date.now() - started > ms) throw new Error(`position ${position} never became visible`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

/**
 * The event store contract: every adapter passes it. `name` appears in the describe block as
 * `event store contract: <name>`.
 */
export const eventStoreContract = (name: string, harness: () => StoreHarness): void => {
  describe(`event store contract: ${name}`, () => {
    let h: StoreHarness;
    let store: EventStore;
    const extra: EventStore[] = [];
    let n = 0;
    const stream = (label: string) => `contract-${label}-${Date.now().toString(36)}-${(n += 1)}`;

    beforeEach(async () => {
      h = harness();
      store = await h.open({});
    });
    afterEach(async () => {
      await Promise.all(extra.splice(0).map((s) => s.close()));
      await store.close();
      await h.dispose?.();
    });

    it('reads a stream that does not exist as no events and no revision', async () => {
      expect(await store.readStream(stream('missing'))).toEqual({ events: [], revision: null });
    });

    it('appends to a new stream with no_stream and reads the events back in order from revision 0', async () => {
      const s = stream('new');
      const result = await store.append(
        s,
        [ev('A', { i: 0 }), ev('B', { i: 1 }), ev('C', { i: 2 })],
        'no_stream',
      );
      expect(result.revision).toBe(2);
      const read = await store.readStream(s);
      expect(read.revision).toBe(2);
      expect(read.events.map((e) => [e.type, e.revision, e.streamId, e.data])).toEqual([
        ['A', 0, s, { i: 0 }],
        ['B', 1, s, { i: 1 }],
        ['C', 2, s, { i: 2 }],
      ]);
      expect((await store.readStream(s, { fromRevision: 1 })).events.map((e) => e.type)).toEqual(['B', 'C']);
    });

    it('refuses no_stream when the stream exists, and writes nothing', async () => {
      const s = stream('exists');
      await store.append(s, [ev('A')], 'no_stream');
      const error = await store.append(s, [ev('B'), ev('C')], 'no_stream').catch((e) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error.actual).toBe(0);
      expect((await store.readStream(s)).events.map((e) => e.type)).toEqual(['A']);
    });

    it('appends at an exact expected revision and refuses a stale one, writing nothing', async () => {
      const s = stream('exact');
      await store.append(s, [ev('A'), ev('B')], 'no_stream');
      expect((await store.append(s, [ev('C')], 1)).revision).toBe(2);
      const error = await store.append(s, [ev('D'), ev('E')], 1).catch((e) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error.expected).toBe(1);
      expect(error.actual).toBe(2);
      expect((await store.readStream(s)).events.map((e) => e.type)).toEqual(['A', 'B', 'C']);
    });

    it('refuses an exact expected revision on a stream that does not exist', async () => {
      const s = stream('exact-missing');
      const error = await store.append(s, [ev('A')], 0).catch((e) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error.actual).toBeNull();
      expect(await store.readStream(s)).toEqual({ events: [], revision: null });
    });

    it('appends with any to a new and to an existing stream, and never conflicts under concurrency', async () => {
      const s = stream('any');
      await store.append(s, [ev('A')], 'any');
      await Promise.all(Array.from({ length: 10 }, (_, i) => store.append(s, [ev('B', { i })], 'any')));
      const read = await store.readStream(s);
      expect(read.revision).toBe(10);
      expect(read.events.map((e) => e.revision)).toEqual(Array.from({ length: 11 }, (_, i) => i));
    });

    it('lets exactly one of 20 concurrent appends at the same revision win', async () => {
      const s = stream('race');
      await store.append(s, [ev('Opened')], 'no_stream');
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          store.append(s, [ev('Raced', { writer: i }), ev('Raced2', { writer: i })], 0),
        ),
      );
      const winners = results.filter((r) => r.status === 'fulfilled');
      const losers = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(19);
      losers.forEach((l) => expect(l.reason).toBeInstanceOf(WrongExpectedVersionError));
      const read = await store.readStream(s);
      expect(read.revision).toBe(2);
      const writer = (read.events[1].data as { writer: number }).writer;
      expect((read.events[2].data as { writer: number }).writer).toBe(writer);
    });

    it('lets exactly one of 20 concurrent no_stream appends create the stream', async () => {
      const s = stream('create-race');
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => store.append(s, [ev('Created', { i })], 'no_stream')),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect((await store.readStream(s)).revision).toBe(0);
    });

    it('writes nothing of a multi-event append when one event cannot be stored', async () => {
      const s = stream('atomic');
      await store.append(s, [ev('A')], 'no_stream');
      const bad = ev('Bad', { amount: BigInt(1) });
      await expect(store.append(s, [ev('B'), bad], 0)).rejects.toThrow();
      expect((await store.readStream(s)).events.map((e) => e.type)).toEqual(['A']);
      expect((await store.append(s, [ev('B')], 0)).revision).toBe(1);
    });

    it('refuses an event id that is already stored, writing none of the append', async () => {
      const s = stream('dup-id');
      const id = globalThis.crypto.randomUUID();
      await store.append(s, [{ ...ev('A'), id }], 'no_stream');
      await expect(store.append(s, [ev('B'), { ...ev('C'), id }], 0)).rejects.toThrow();
      expect((await store.readStream(s)).events.map((e) => e.type)).toEqual(['A']);
    });

    it('keeps one global order across streams, and pages through it with no gap and no repeat', async () => {
      const a = stream('order-a');
      const b = stream('order-b');
      const from = await store.head();
      await store.append(a, [ev('A1')], 'no_stream');
      await store.append(b, [ev('B1'), ev('B2')], 'no_stream');
      await store.append(a, [ev('A2')], 0);
      const last = await store.append(b, [ev('B3')], 1);
      await visible(store, last.position);
      const seen: string[] = [];
      let cursor = from;
      for (;;) {
        const page = await store.readAll(cursor, 2);
        if (!page.events.length) break;
        seen.push(...page.events.map((e) => e.type));
        cursor = page.next;
      }
      expect(seen).toEqual(['A1', 'B1', 'B2', 'A2', 'B3']);
      expect((await store.readAll(cursor, 10)).next).toBe(cursor);
      expect(await store.head()).toBe(cursor);
    });

    it('round-trips metadata, event ids and non-ASCII text exactly', async () => {
      const s = stream('text');
      const id = '6a0c2a3e-9a51-4f3c-9d43-0c6a8f0e1b27';
      const data = {
        name: 'Siân Ó Dónaill-Łukasz',
        note: 'Ffôn: 07… “quoted” — 日本語 — مرحبا — 👪🏠',
        empty: '',
        nested: { list: [1, 'two', null, true] },
      };
      await store.append(s, [{ id, type: 'Noted', schemaVersion: 1, data, metadata: meta(7) }], 'no_stream');
      const [e] = (await store.readStream(s)).events;
      expect(e.id).toBe(id);
      expect(e.data).toEqual(data);
      expect(e.metadata).toEqual(meta(7));
      expect(new Date(e.recordedAt).toString()).not.toBe('Invalid Date');
    });

    it('stores and reads back a 1 MB event', async () => {
      const s = stream('big');
      const blob = 'x'.repeat(1024 * 1024);
      await store.append(s, [ev('Big', { blob })], 'no_stream');
      const [e] = (await store.readStream(s)).events;
      expect((e.data as { blob: string }).blob).toHaveLength(1024 * 1024);
    });

    it('delivers from a checkpoint only what came after it, then new events live', async () => {
      const s = stream('sub');
      await store.append(s, [ev('Before1'), ev('Before2')], 'no_stream');
      const checkpoint = await store.head();
      await store.append(s, [ev('After1')], 1);
      const seen: string[] = [];
      const sub = store.subscribeAll(checkpoint, async (e) => {
        seen.push(e.type);
      });
      await until(() => seen.length === 1, 'the event after the checkpoint');
      await store.append(s, [ev('Live1'), ev('Live2')], 2);
      await until(() => seen.length === 3, 'live events');
      await sub.caughtUp();
      await sub.stop();
      expect(seen).toEqual(['After1', 'Live1', 'Live2']);
    });

    it('delivers every event exactly once in log order while 8 writers append concurrently', async () => {
      const from = await store.head();
      const seen: RecordedEvent[] = [];
      const sub = store.subscribeAll(
        from,
        async (e) => {
          seen.push(e);
        },
        { batchSize: 7 },
      );
      await Promise.all(
        Array.from({ length: 8 }, async (_, w) => {
          const s = stream(`writer-${w}`);
          for (let i = 0; i < 25; i++)
            await store.append(s, [ev('Written', { w, i })], i === 0 ? 'no_stream' : i - 1);
        }),
      );
      await until(() => seen.length >= 200, '200 events');
      await sub.caughtUp();
      await sub.stop();
      const log: RecordedEvent[] = [];
      let cursor = from;
      for (;;) {
        const page = await store.readAll(cursor, 1000);
        if (!page.events.length) break;
        log.push(...page.events);
        cursor = page.next;
      }
      expect(seen.map((e) => e.id)).toEqual(log.map((e) => e.id));
      expect(new Set(seen.map((e) => e.id)).size).toBe(200);
    });

    it('hands the log over in pages of at most the batch size, in order, with no gap and no repeat', async () => {
      const s = stream('pages');
      const from = await store.head();
      let last: Position = START;
      for (let i = 0; i < 23; i++)
        last = (await store.append(s, [ev('P', { i })], i === 0 ? 'no_stream' : i - 1)).position;
      await visible(store, last);
      const pages: number[][] = [];
      const sub = store.subscribePages(
        from,
        async (events) => {
          pages.push(events.map((e) => (e.data as { i: number }).i));
        },
        { batchSize: 10 },
      );
      await until(() => pages.flat().length === 23, 'all pages');
      await sub.caughtUp();
      await sub.stop();
      expect(pages.every((p) => p.length >= 1 && p.length <= 10)).toBe(true);
      expect(pages.flat()).toEqual(Array.from({ length: 23 }, (_, i) => i));
    });

    it('resumes after a restart from the saved checkpoint with no gap and no repeat', async () => {
      const s = stream('resume');
      const from = await store.head();
      for (let i = 0; i < 10; i++) await store.append(s, [ev('E', { i })], i === 0 ? 'no_stream' : i - 1);
      const seen: number[] = [];
      let checkpoint: Position = from;
      const first = store.subscribeAll(
        from,
        async (e) => {
          if (seen.length === 4) throw new Error('simulated crash');
          seen.push((e.data as { i: number }).i);
          checkpoint = e.position;
        },
        { onError: () => undefined },
      );
      await until(() => seen.length === 4, 'four events');
      await first.stop();
      for (let i = 10; i < 15; i++) await store.append(s, [ev('E', { i })], i - 1);
      const restarted = h.reopen ? await h.reopen({}) : store;
      if (restarted !== store) extra.push(restarted);
      const second = restarted.subscribeAll(checkpoint, async (e) => {
        seen.push((e.data as { i: number }).i);
      });
      await until(() => seen.length === 15, 'the rest');
      await second.caughtUp();
      await second.stop();
      expect(seen).toEqual(Array.from({ length: 15 }, (_, i) => i));
    });

    it('upcasts an old schemaVersion on every read path', async () => {
      const s = stream('upcast');
      const from = await store.head();
      await store.append(
        s,
        [{ type: 'ChildNamed', schemaVersion: 1, data: { name: 'Test Child' }, metadata: meta() }],
        'no_stream',
      );
      const upcasters = new Upcasters([
        { type: 'ChildNamed', fromVersion: 1, up: (d) => ({ ...(d as object), preferredName: null }) },
        { type: 'ChildNamed', fromVersion: 2, up: (d) => ({ ...(d as object), pronouns: 'not recorded' }) },
      ]);
      const upcasting = h.reopen ? await h.reopen({ upcasters }) : await h.open({ upcasters });
      extra.push(upcasting);
      if (!h.reopen)
        await upcasting.append(
          s,
          [{ type: 'ChildNamed', schemaVersion: 1, data: { name: 'Test Child' }, metadata: meta() }],
          'no_stream',
        );
      const expected = {
        type: 'ChildNamed',
        schemaVersion: 3,
        data: { name: 'Test Child', preferredName: null, pronouns: 'not recorded' },
      };
      const [viaStream] = (await upcasting.readStream(s)).events;
      expect(viaStream).toMatchObject(expected);
      const viaLog = (await upcasting.readAll(h.reopen ? from : START, 1000)).events.filter(
        (e) => e.streamId === s,
      );
      expect(viaLog[0]).toMatchObject(expected);
      const delivered: RecordedEvent[] = [];
      const sub = upcasting.subscribeAll(h.reopen ? from : START, async (e) => {
        if (e.streamId === s) delivered.push(e);
      });
      await until(() => delivered.length === 1, 'the upcast event');
      await sub.stop();
      expect(delivered[0]).toMatchObject(expected);
    });

    it('reports head as START on an empty store and moves it with each append', async () => {
      const fresh = harness();
      const empty = await fresh.open({});
      try {
        const origin = fresh.sharedLog ? await empty.head() : START;
        expect(await empty.head()).toBe(origin);
        expect((await empty.readAll(origin, 10)).events).toEqual([]);
        const appended = await empty.append(stream('head'), [ev('A')], 'no_stream');
        await visible(empty, appended.position);
        const head = await empty.head();
        expect(head).not.toBe(origin);
        expect((await empty.readAll(origin, 10)).next).toBe(head);
        await expect(empty.ping()).resolves.toBeUndefined();
      } finally {
        await empty.close();
        await fresh.dispose?.();
      }
    });

    it('reads all events in order with readEverything after many small appends', async () => {
      const fresh = harness();
      const s2 = await fresh.open({});
      try {
        const origin = fresh.sharedLog ? await s2.head() : START;
        let last: Position = START;
        for (let i = 0; i < 30; i++)
          last = (await s2.append(stream('many'), [ev('M', { i })], 'no_stream')).position;
        await visible(s2, last);
        const all = await readEverything(s2, 7, origin);
        expect(all.map((e) => (e.data as { i: number }).i)).toEqual(Array.from({ length: 30 }, (_, i) => i));
      } finally {
        await s2.close();
        await fresh.dispose?.();
      }
    });
  });
};
