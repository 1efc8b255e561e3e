import { EventStore, Position, RecordedEvent, START, Subscription } from '@placematch/event-store';
import { ident, SqlClient, SqlExecutor } from '@placematch/sql';
import type { Projection } from './projection';

/** Options for {@link ProjectionRunner}. */
export interface ProjectionRunnerOptions {
  /** Schema of the checkpoints table; default `placematch_projections`. */
  schema?: string;
  /** Events per transaction; default 500. */
  batchSize?: number;
  /**
   * Told when a projection fails; it is then stopped (never retried in a loop), unless it asks to be
   * restarted ({@link Projection.restartAfterFailure}). Default: stderr.
   */
  onError?: (projection: string, error: unknown) => void;
}

/** Where a projection stands. */
export interface ProjectionStatus {
  name: string;
  version: number;
  position: Position;
  eventsApplied: number;
  running: boolean;
}

/** Another runner (in another process) moved the checkpoint first: resume from where it got. */
class CheckpointMoved extends Error {}

/**
 * Runs named SQL projections from the event store's global log. Each page of events and the projection's
 * checkpoint are written in one transaction. Before writing, the runner locks the checkpoint row and checks
 * it is where this runner left it, so two processes running the same projection never apply a page twice.
 */
export class ProjectionRunner {
  private readonly s: string;
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly byName: Map<string, Projection>;
  private readonly failures = new Map<string, number>();
  private readonly restarts = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly store: EventStore,
    private readonly sql: SqlClient,
    projections: readonly Projection[],
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.s = ident(options.schema ?? 'placematch_projections');
    this.byName = new Map(projections.map((p) => [p.name, p]));
    if (this.byName.size !== projections.length) throw new Error('Two projections share a name');
  }

  /** Creates tables, rebuilds projections whose version changed, and starts every projection. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.sql.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`migrate:${this.s}`]);
      await tx.exec(`
        CREATE SCHEMA IF NOT EXISTS ${this.s};
        CREATE TABLE IF NOT EXISTS ${this.s}.checkpoints (
          name text PRIMARY KEY,
          version integer NOT NULL,
          position text NOT NULL,
          events_applied bigint NOT NULL DEFAULT 0,
          updated_at timestamptz NOT NULL DEFAULT now()
        );`);
      for (const p of this.byName.values()) {
        await p.setup(tx);
        const stored = await this.checkpoint(tx, p.name);
        if (!stored || stored.version !== p.version) await this.resetTo(tx, p);
      }
    });
    for (const name of this.byName.keys()) await this.run(name);
  }

  /** Resolves when every running projection has applied everything visible in the log now. */
  async caughtUp(): Promise<void> {
    await Promise.all([...this.subscriptions.values()].map((s) => s.caughtUp()));
  }

  /** Empties a projection and replays the whole log into it; resolves when it has caught up. */
  async rebuild(name: string): Promise<void> {
    const p = this.projection(name);
    await this.subscriptions.get(name)?.stop();
    this.subscriptions.delete(name);
    await this.sql.transaction(async (tx) => {
      await p.setup(tx);
      await this.resetTo(tx, p);
    });
    await this.run(name);
    await this.subscriptions.get(name)?.caughtUp();
  }

  /** Where each projection stands. */
  async status(): Promise<ProjectionStatus[]> {
    const { rows } = await this.sql.query<{
      name: string;
      version: number;
      position: string;
      events_applied: string;
    }>(`SELECT name, version, position, events_applied FROM ${this.s}.checkpoints ORDER BY name`);
    return rows
      .filter((r) => this.byName.has(r.name))
      .map((r) => ({
        name: r.name,
        version: r.version,
        position: r.position as Position,
        eventsApplied: Number(r.events_applied),
        running: this.subscriptions.has(r.name),
      }));
  }

  /** Stops every projection after the page in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.restarts.forEach(clearTimeout);
    this.restarts.clear();
    await Promise.all([...this.subscriptions.values()].map((s) => s.stop()));
    this.subscriptions.clear();
  }

  private projection(name: string): Projection {
    const p = this.byName.get(name);
    if (!p) throw new Error(`No projection named ${name}; known: ${[...this.byName.keys()].join(', ')}`);
    return p;
  }

  private async run(name: string): Promise<void> {
    const p = this.projection(name);
    const stored = await this.checkpoint(this.sql, name);
    let expected = (stored?.position ?? START) as Position;
    const subscription = this.store.subscribePages(
      expected,
      async (events: RecordedEvent[]) => {
        const next = events[events.length - 1].position;
        await this.sql.transaction(async (tx) => {
          const { rows } = await tx.query<{ position: string }>(
            `SELECT position FROM ${this.s}.checkpoints WHERE name = $1 FOR UPDATE`,
            [name],
          );
          if (rows[0]?.position !== expected) throw new CheckpointMoved(rows[0]?.position);
          await p.apply(events, tx);
          await tx.query(
            `UPDATE ${this.s}.checkpoints
                SET position = $2, events_applied = events_applied + $3, updated_at = now()
              WHERE name = $1`,
            [name, next, events.length],
          );
        });
        expected = next;
        this.failures.delete(name);
      },
      {
        batchSize: this.options.batchSize ?? 500,
        onError: (error) => {
          this.subscriptions.delete(name);
          if (error instanceof CheckpointMoved) {
            void this.run(name);
            return;
          }
          (this.options.onError ?? ((n, e) => console.error(`projection ${n} stopped`, e)))(name, error);
          if (p.restartAfterFailure && !this.stopped) this.restartLater(name);
        },
      },
    );
    this.subscriptions.set(name, subscription);
  }

  /** Runs a failed projection again from its checkpoint after a backoff that doubles with each failure. */
  private restartLater(name: string): void {
    const failures = (this.failures.get(name) ?? 0) + 1;
    this.failures.set(name, failures);
    const timer = setTimeout(
      () => {
        this.restarts.delete(timer);
        if (!this.stopped && !this.subscriptions.has(name)) void this.run(name);
      },
      Math.min(30_000, 1000 * 2 ** (failures - 1)),
    );
    this.restarts.add(timer);
  }

  private async checkpoint(db: SqlExecutor, name: string) {
    const { rows } = await db.query<{ version: number; position: string }>(
      `SELECT version, position FROM ${this.s}.checkpoints WHERE name = $1`,
      [name],
    );
    return rows[0];
  }

  private async resetTo(tx: SqlExecutor, p: Projection): Promise<void> {
    await p.reset(tx);
    await tx.query(
      `INSERT INTO ${this.s}.checkpoints (name, version, position, events_applied) VALUES ($1, $2, $3, 0)
       ON CONFLICT (name) DO UPDATE SET version = $2, position = $3, events_applied = 0, updated_at = now()`,
      [p.name, p.version, START],
    );
  }
}
