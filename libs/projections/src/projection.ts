import type { RecordedEvent } from '@placematch/event-store';
import type { SqlExecutor } from '@placematch/sql';

/**
 * A read model kept in SQL tables, fed from the global log a page at a time. The runner calls `apply`
 * and saves the checkpoint in the same transaction, so a page is applied completely or not at all and
 * a replay after a crash neither loses nor repeats an event.
 */
export interface Projection {
  /** Unique, stable name; the checkpoint is stored under it. */
  readonly name: string;
  /** Bump when the projection's logic or tables change: the runner then rebuilds it from the start. */
  readonly version: number;
  /** Creates the projection's tables if they do not exist. Runs at every start. */
  setup(tx: SqlExecutor): Promise<void>;
  /** Empties the projection's tables (before a rebuild). */
  reset(tx: SqlExecutor): Promise<void>;
  /**
   * Whether a failure is worth trying again (a broker that was down): the runner then restarts the projection
   * from its checkpoint after a backoff (1 s, doubling to 30 s) instead of stopping it. Leave it unset for
   * projections whose failures are bugs, which should stop and be seen.
   */
  readonly restartAfterFailure?: boolean;
  /** Applies a page of events, in log order. Events the projection does not care about are skipped. */
  apply(events: readonly RecordedEvent[], tx: SqlExecutor): Promise<void>;
}
