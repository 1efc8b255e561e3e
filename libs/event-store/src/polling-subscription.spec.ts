import type { LogPage, Position, RecordedEvent } from './event-store.port';
import { AppendSignal, LogSource, pollingPageSubscription } from './polling-subscription';

/** A log in an array, counting its reads; `append` signals as a store does before it returns. */
const arrayLog = (exclusive: boolean) => {
  const events: RecordedEvent[] = [];
  const appended = new AppendSignal();
  let reads = 0;
  const source: LogSource = {
    readAll: async (from: Position, limit: number): Promise<LogPage> => {
      reads += 1;
      const start = Number(from);
      const page = events.slice(start, start + limit);
      return { events: page, next: page.length ? page[page.length - 1].position : from };
    },
    onAppend: (l) => appended.listen(l),
    idlePollMs: 60_000,
    exclusive,
  };
  return {
    source,
    reads: () => reads,
    append: () => {
      const n = events.length + 1;
      events.push({ id: `e${n}`, position: String(n) as Position } as RecordedEvent);
      appended.fire();
    },
  };
};

describe('polling subscription: caught up', () => {
  const running: Array<{ stop(): Promise<void> }> = [];
  // Stopped even when a test fails, so no idle timer outlives it.
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.stop()));
  });
  const subscribe = (...args: Parameters<typeof pollingPageSubscription>) => {
    const sub = pollingPageSubscription(...args);
    running.push(sub);
    return sub;
  };

  it.each([true, false])(
    'delivers every append before caughtUp resolves (exclusive log: %s)',
    async (exclusive) => {
      const log = arrayLog(exclusive);
      const seen: string[] = [];
      const sub = subscribe(log.source, '0' as Position, async (page) => {
        seen.push(...page.map((e) => e.id));
      });
      await sub.caughtUp();
      for (let i = 0; i < 5; i++) {
        log.append();
        await sub.caughtUp();
        expect(seen).toHaveLength(i + 1);
      }
    },
  );

  it('answers at once, without reading, when an exclusive log has had no append since its last empty read', async () => {
    const log = arrayLog(true);
    const sub = subscribe(log.source, '0' as Position, async () => undefined);
    // Settled: the first call's own wake-up may cost one more read.
    await sub.caughtUp();
    await sub.caughtUp();
    await new Promise((r) => setImmediate(r));
    const before = log.reads();
    for (let i = 0; i < 10; i++) await sub.caughtUp();
    expect(log.reads()).toBe(before);
    log.append();
    await sub.caughtUp();
    expect(log.reads()).toBeGreaterThan(before);
  });

  it('reads again for every caughtUp when other processes may append (not exclusive)', async () => {
    const log = arrayLog(false);
    const sub = subscribe(log.source, '0' as Position, async () => undefined);
    await sub.caughtUp();
    const before = log.reads();
    for (let i = 0; i < 3; i++) await sub.caughtUp();
    expect(log.reads()).toBeGreaterThanOrEqual(before + 3);
  });
});
