import type { EventStore } from '@placematch/event-store';
import { Projection, ProjectionRunner, ProjectionStatus } from '@placematch/projections';
import type { SqlClient } from '@placematch/sql';

/**
 * Collects the SQL projections that feature modules register while the application initialises, and
 * runs them together once it has started. Registering after start is a programming error.
 */
export class ProjectionHost {
  private readonly projections: Projection[] = [];
  private runner: ProjectionRunner | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly sql: SqlClient,
    private readonly enabled: boolean,
  ) {}

  /** Adds a projection; call from a module's `onModuleInit`. */
  register(projection: Projection): void {
    if (this.runner) throw new Error(`Projection ${projection.name} registered after the runner started`);
    this.projections.push(projection);
  }

  /** The names of the registered projections. */
  names(): string[] {
    return this.projections.map((p) => p.name);
  }

  /** Creates the tables and starts every projection (when this process runs projections). */
  async start(): Promise<void> {
    this.runner = new ProjectionRunner(this.store, this.sql, this.projections);
    if (this.enabled) await this.runner.start();
  }

  /** Resolves when every projection has applied what is in the log now. */
  async caughtUp(): Promise<void> {
    await this.runner?.caughtUp();
  }

  /** Empties one projection and replays the log into it. */
  async rebuild(name: string): Promise<void> {
    if (!this.runner) throw new Error('Projections have not started');
    await this.runner.rebuild(name);
  }

  /** Where each projection stands. */
  async status(): Promise<ProjectionStatus[]> {
    return this.runner ? this.runner.status() : [];
  }

  async stop(): Promise<void> {
    await this.runner?.stop();
  }
}
