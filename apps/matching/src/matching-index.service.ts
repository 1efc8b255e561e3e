import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import {
  EVENT_STORE,
  EventStore,
  Position,
  RecordedEvent,
  START,
  Subscription,
} from '@placematch/event-store';
import { CLOCK, Clock, parseStreamName } from '@placematch/kernel';
import {
  DEFAULT_POLICY,
  MatchingPolicy,
  NeedProfile,
  PolicySet,
  policyScopeKey,
  search,
  SearchResult,
  SpatialIndex,
  SupplyView,
  SupplyViewSnapshot,
} from '@placematch/matching';
import { LogDoorbell } from '@placematch/integration';
import { RUNTIME_OPTIONS, RuntimeOptions } from '@placematch/runtime';
import { SnapshotStore } from './snapshot.store';

const SNAPSHOT = 'matching-index';
/** Take a snapshot after this many events since the last one (and at shutdown). */
const SNAPSHOT_EVERY = 20_000;

interface IndexSnapshot {
  view: SupplyViewSnapshot;
  policies: MatchingPolicy[];
}

/** What the index reports about itself (for operators and the benchmark). */
export interface IndexStatus {
  settings: number;
  eventsApplied: number;
  startedFrom: 'snapshot' | 'log';
  buildMs: number;
}

/**
 * The matching index: every setting as matching needs it, in memory, in a spatial index, kept current from
 * the event store's global log. At start it restores the latest snapshot and applies the log after it (or
 * the whole log), and it saves a snapshot now and then and at shutdown. Policies are folded from the same
 * log, so a search always runs against the current version of its scope's policy.
 */
@Injectable()
export class MatchingIndex implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('MatchingIndex');
  private view = new SupplyView();
  private index = SpatialIndex.forView(this.view);
  private readonly policies = new Map<string, MatchingPolicy>();
  private subscription: Subscription | null = null;
  private position: Position = START;
  private sinceSnapshot = 0;
  private state: IndexStatus = { settings: 0, eventsApplied: 0, startedFrom: 'log', buildMs: 0 };

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly snapshots: SnapshotStore,
    private readonly doorbell: LogDoorbell,
    @Inject(RUNTIME_OPTIONS) private readonly options: RuntimeOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const started = Date.now();
    const snapshot = await this.snapshots.load<IndexSnapshot>(SNAPSHOT).catch((e) => {
      this.log.warn(`ignoring an unreadable snapshot: ${(e as Error).message}`);
      return null;
    });
    if (snapshot) {
      this.restore(snapshot.state);
      this.position = snapshot.position as Position;
      this.state.startedFrom = 'snapshot';
    }
    this.subscription = this.store.subscribePages(this.position, async (events) => this.apply(events), {
      batchSize: 2000,
      onError: (e) => this.log.error(`the matching index stopped following the log: ${(e as Error).message}`),
    });
    await this.subscription.caughtUp();
    // Another service's write reaches this index through the integration events' doorbell.
    this.doorbell.onRing(() => this.fresh());
    this.state.buildMs = Date.now() - started;
    this.state.settings = this.view.size;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
    if (this.sinceSnapshot > 0) await this.saveSnapshot();
  }

  /**
   * Resolves once the index has applied everything visible in the log now: a search after it sees every
   * change whose append has returned (read your writes).
   */
  async fresh(): Promise<void> {
    await this.subscription?.caughtUp();
  }

  /**
   * Makes the index current before a search where that is cheap and expected: in one process (an in-process
   * bus), every write is this process's own, so a search reads its writes. Between processes (Kafka) the
   * index follows the doorbell instead, a fraction of a second behind, and a search does not wait on a read
   * of the log.
   */
  async beforeSearch(): Promise<void> {
    if (this.options.bus?.kind !== 'kafka') await this.fresh();
  }

  /** The policy for a child's authority: its own, else the default scope's, else the built-in default. */
  policyFor(localAuthority: string): MatchingPolicy {
    return this.policies.get(`la:${localAuthority}`) ?? this.policies.get('default') ?? DEFAULT_POLICY;
  }

  /** Every policy set through the API, by scope. */
  allPolicies(): MatchingPolicy[] {
    return [...this.policies.values()];
  }

  /** Runs a search on the index as it is now. */
  search(need: NeedProfile, policy = this.policyFor(need.homeLocalAuthority), limit = 20): SearchResult {
    return search(this.view, this.index, need, policy, {
      limit,
      today: this.clock.now().toISOString().slice(0, 10),
    });
  }

  status(): IndexStatus {
    return { ...this.state, settings: this.view.size };
  }

  /** Saves a snapshot of the index and the position it reflects. */
  async saveSnapshot(): Promise<void> {
    const state: IndexSnapshot = { view: this.view.snapshot(), policies: [...this.policies.values()] };
    await this.snapshots.save(SNAPSHOT, {
      position: this.position,
      state,
      takenAt: this.clock.now().toISOString(),
    });
    this.sinceSnapshot = 0;
  }

  private restore(snapshot: IndexSnapshot): void {
    this.index.detach();
    this.view = SupplyView.fromSnapshot(snapshot.view);
    this.index = SpatialIndex.forView(this.view);
    this.policies.clear();
    for (const p of snapshot.policies) this.policies.set(policyScopeKey(p.scope), p);
  }

  private async apply(events: RecordedEvent[]): Promise<void> {
    for (const e of events) {
      if (e.type === 'PolicySet' && parseStreamName(e.streamId).aggregate === 'matchingpolicy') {
        const { policy } = (e as unknown as PolicySet).data;
        this.policies.set(parseStreamName(e.streamId).id, policy);
      } else {
        this.view.apply(e);
      }
    }
    this.position = events[events.length - 1].position;
    this.state.eventsApplied += events.length;
    this.sinceSnapshot += events.length;
    if (this.sinceSnapshot >= SNAPSHOT_EVERY) await this.saveSnapshot();
  }
}
