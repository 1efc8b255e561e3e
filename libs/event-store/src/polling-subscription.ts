import type { LogPage, Position, RecordedEvent, SubscribeOptions, Subscription } from './event-store.port';

/** "The log may have grown": the listeners a store tells after each append. */
export class AppendSignal {
  private readonly listeners = new Set<() => void>();

  /** How many listen now. */
  get size(): number {
    return this.listeners.size;
  }

  /** Adds a listener; returns the function that removes it. */
  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells every listener. */
  fire(): void {
    this.listeners.forEach((listener) => listener());
  }

  clear(): void {
    this.listeners.clear();
  }
}

/** What a store gives a polling subscription: reads of the log, and a signal that something may be new. */
export interface LogSource {
  readAll(from: Position, limit: number): Promise<LogPage>;
  /** Registers a callback for "new events may be there"; returns the unregister function. */
  onAppend(listener: () => void): () => void;
  /** How long to wait between reads when no signal comes (a safety net for missed signals), in ms. */
  idlePollMs: number;
  /**
   * Whether events already committed are still held back from readers (PostgreSQL shows a write only once
   * every older transaction has ended). While they are, an empty page does not mean caught up.
   */
  heldBack?(): Promise<boolean>;
  /**
   * Whether every append to this log signals {@link onAppend} before it returns (one process owns the log:
   * PGlite, in memory). Then a subscription that is idle after an empty read, with no signal since, has
   * everything: {@link Subscription.caughtUp} answers at once instead of reading the log again.
   */
  exclusive?: boolean;
}

/**
 * The subscriptions of a store whose global log is read by paging: both kinds, from one {@link LogSource}.
 * Adapters without a push subscription of their own extend it.
 */
export abstract class PollingSubscriptions {
  /** The log as the polling loop reads it. */
  protected abstract logSource(): LogSource;

  subscribeAll(
    from: Position,
    handler: (event: RecordedEvent) => Promise<void>,
    options?: SubscribeOptions,
  ): Subscription {
    return pollingSubscription(this.logSource(), from, handler, options);
  }

  subscribePages(
    from: Position,
    handler: (events: RecordedEvent[]) => Promise<void>,
    options?: SubscribeOptions,
  ): Subscription {
    return pollingPageSubscription(this.logSource(), from, handler, options);
  }
}

/**
 * A subscription built on paging through the global log: read a page, hand each event to the handler in
 * order, move the checkpoint, and when a page comes back empty wait for an append signal or the idle poll.
 * Shared by the adapters whose store has no push subscription of its own.
 */
export const pollingSubscription = (
  source: LogSource,
  from: Position,
  handler: (event: RecordedEvent) => Promise<void>,
  options: SubscribeOptions = {},
): Subscription => {
  let stopping = false;
  const sub = pollingPageSubscription(
    source,
    from,
    async (events) => {
      for (const event of events) {
        if (stopping) return;
        await handler(event);
      }
    },
    options,
  );
  return {
    stop: () => {
      stopping = true;
      return sub.stop();
    },
    caughtUp: () => sub.caughtUp(),
  };
};

/** The page-at-a-time form of {@link pollingSubscription}, behind `EventStore.subscribePages`. */
export const pollingPageSubscription = (
  source: LogSource,
  from: Position,
  handler: (events: RecordedEvent[]) => Promise<void>,
  options: SubscribeOptions = {},
): Subscription => {
  const batchSize = options.batchSize ?? 500;
  const onError = options.onError ?? ((e: unknown) => console.error('subscription stopped', e));
  let checkpoint = from;
  let stopped = false;
  let wake: (() => void) | null = null;
  let signalled = false;
  let caughtUpWaiters: Array<() => void> = [];

  const unregister = source.onAppend(() => {
    signalled = true;
    wake?.();
  });

  const sleep = () =>
    new Promise<void>((resolve) => {
      if (signalled || stopped) return resolve();
      const timer = setTimeout(done, source.idlePollMs);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  let verified = false;
  const loop = async () => {
    while (!stopped) {
      signalled = false;
      // Waiters registered before this read are satisfied if it comes back empty.
      const waiting = caughtUpWaiters;
      const page = await source.readAll(checkpoint, batchSize);
      if (stopped) return;
      if (page.events.length > 0) {
        await handler(page.events);
        checkpoint = page.next;
        verified = false;
      } else if (waiting.length > 0 && source.heldBack && !verified) {
        // An empty page proves nothing while committed events are held back: wait until none are, then read
        // once more (anything committed before that check is visible to the next read).
        if (await source.heldBack()) await new Promise((r) => setTimeout(r, 2));
        else verified = true;
        continue;
      } else {
        verified = false;
        caughtUpWaiters = caughtUpWaiters.filter((w) => !waiting.includes(w));
        // Asleep first (unless a signal came during the read), then tell the waiters: one that asks again at
        // once finds the loop asleep with nothing signalled.
        const sleeping = sleep();
        waiting.forEach((w) => w());
        await sleeping;
      }
    }
  };

  const running = loop()
    .catch((e) => {
      stopped = true;
      onError(e);
    })
    .finally(() => {
      unregister();
      caughtUpWaiters.forEach((w) => w());
    });

  return {
    async stop() {
      stopped = true;
      wake?.();
      await running;
    },
    caughtUp() {
      if (stopped) return Promise.resolve();
      // Asleep after an empty read, and no append has signalled since (a signal ends the sleep): on a log
      // whose every append signals, nothing can be missing.
      if (source.exclusive && wake !== null) return Promise.resolve();
      return new Promise<void>((resolve) => {
        caughtUpWaiters.push(resolve);
        signalled = true;
        wake?.();
      });
    },
  };
};
