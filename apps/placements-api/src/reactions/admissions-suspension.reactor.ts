import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleInit,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { RecordedEvent } from '@placematch/event-store';
import { isDomainError, parseStreamName, systemActor } from '@placematch/kernel';
import type {
  PlacementStarted,
  RaiseAdmissionsSuspensionRisk,
  SuspensionRiskTrigger,
  TaskId,
} from '@placematch/placements';
import type { Projection } from '@placematch/projections';
import { CommandContext, ExecuteCommand, PROJECTION_RUNNER, ProjectionHost } from '@placematch/runtime';
import { SQL_CLIENT, SqlClient, SqlExecutor } from '@placematch/sql';
import type { AdmissionsSuspended, ProviderId } from '@placematch/supply';
import { derivedId } from '../shared/ids';

/** The name the reactor's projection is registered (and rebuilt) under. */
export const ADMISSIONS_SUSPENSION_REACTOR = 'placements-admissions-suspension';

const ACTOR = systemActor('m48-admissions-suspension');
const BATCH = 100;

/** The risk-assessment task id for one provider event and one placement: the same on every replay. */
export const suspensionTaskId = (eventId: string, placementId: string): TaskId =>
  derivedId('m48-task', eventId, placementId) as TaskId;

const triggerOf = (event: RecordedEvent): { trigger: SuspensionRiskTrigger; reason: string } | null => {
  if (parseStreamName(event.streamId).aggregate !== 'provider') return null;
  if (event.type === 'AdmissionsSuspended') {
    return { trigger: 'admissions-suspended', reason: (event.data as AdmissionsSuspended['data']).reason };
  }
  if (event.type === 'ComplianceNoticeNotComplied') {
    return {
      trigger: 'compliance-notice-not-complied',
      reason: 'The provider did not comply with an Ofsted compliance notice by its deadline',
    };
  }
  return null;
};

/**
 * The reactor's projection. Its own tables: the active placements of each provider (from PlacementStarted and
 * PlacementEnded), and the risk-assessment tasks owed (an outbox). When a provider's admissions are suspended,
 * or it fails to comply with a notice (M-48), a task row is written for each placement active there at that
 * point of the log, under an id derived from the provider event and the placement; `onTasks` is told so they
 * can be dispatched after the transaction commits. Commands go through the event store, never inside this
 * transaction.
 */
const reactorProjection = (onTasks: () => void): Projection => ({
  name: ADMISSIONS_SUSPENSION_REACTOR,
  version: 1,
  setup: (tx) => tx.exec(SCHEMA),
  reset: (tx) => tx.exec('TRUNCATE placements.suspension_watch, placements.suspension_tasks'),
  apply: async (events, tx) => {
    let owed = false;
    for (const event of events) {
      const { aggregate, id } = parseStreamName(event.streamId);
      if (aggregate === 'placement' && event.type === 'PlacementStarted') {
        const { providerId, settingId } = event.data as PlacementStarted['data'];
        await tx.query(
          `INSERT INTO placements.suspension_watch (placement_id, provider_id, setting_id, active)
           VALUES ($1, $2, $3, true) ON CONFLICT (placement_id) DO NOTHING`,
          [id, providerId, settingId],
        );
      } else if (aggregate === 'placement' && event.type === 'PlacementEnded') {
        await tx.query(`UPDATE placements.suspension_watch SET active = false WHERE placement_id = $1`, [id]);
      } else {
        const found = triggerOf(event);
        if (found) owed = (await owe(tx, event, id, found)) || owed;
      }
    }
    if (owed) onTasks();
  },
});

const owe = async (
  tx: SqlExecutor,
  event: RecordedEvent,
  providerId: string,
  { trigger, reason }: { trigger: SuspensionRiskTrigger; reason: string },
): Promise<boolean> => {
  const { rows } = await tx.query<{ placement_id: string }>(
    `SELECT placement_id FROM placements.suspension_watch WHERE provider_id = $1 AND active ORDER BY placement_id`,
    [providerId],
  );
  for (const { placement_id } of rows) {
    await tx.query(
      `INSERT INTO placements.suspension_tasks
         (task_id, placement_id, provider_id, trigger, reason, source_event_id, status)
       VALUES ($1, $2, $3, $4, $5, $6, 'pending') ON CONFLICT (task_id) DO NOTHING`,
      [suspensionTaskId(event.id, placement_id), placement_id, providerId, trigger, reason, event.id],
    );
  }
  return rows.length > 0;
};

const SCHEMA = `
  CREATE SCHEMA IF NOT EXISTS placements;
  CREATE TABLE IF NOT EXISTS placements.suspension_watch (
    placement_id text PRIMARY KEY,
    provider_id text NOT NULL,
    setting_id text NOT NULL,
    active boolean NOT NULL
  );
  CREATE INDEX IF NOT EXISTS suspension_watch_provider ON placements.suspension_watch (provider_id) WHERE active;
  CREATE TABLE IF NOT EXISTS placements.suspension_tasks (
    task_id text PRIMARY KEY,
    placement_id text NOT NULL,
    provider_id text NOT NULL,
    trigger text NOT NULL,
    reason text NOT NULL,
    source_event_id text NOT NULL,
    status text NOT NULL,
    outcome text,
    created_at timestamptz NOT NULL DEFAULT now(),
    dispatched_at timestamptz
  );
  CREATE INDEX IF NOT EXISTS suspension_tasks_pending ON placements.suspension_tasks (created_at) WHERE status = 'pending';`;

interface OwedTask {
  task_id: string;
  placement_id: string;
  provider_id: string;
  trigger: SuspensionRiskTrigger;
  reason: string;
}

/**
 * M-48: when a provider's admissions are suspended (or it fails to comply with an Ofsted notice), each child
 * placed at its settings gets a risk-assessment task on their placement, whose outcome records the child's
 * wishes; nothing moves by itself. A projection registered with the ProjectionHost finds the affected
 * placements in its own tables and writes the tasks owed; once its transaction has committed, this dispatches
 * them as RaiseAdmissionsSuspensionRisk commands.
 *
 * Idempotent: a task's id is derived from the provider event and the placement, so a replay (a restart, a
 * rebuild through the operator API) owes the same ids again, and the decider does nothing while a risk task is
 * open and refuses an id it has seen. A business refusal (the placement ended since, the task was closed) is
 * recorded on the task row as its outcome, never retried; anything else leaves the task owed, for the next
 * batch or the next start.
 */
@Injectable()
export class AdmissionsSuspensionReactor
  implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly log = new Logger('AdmissionsSuspensionReactor');
  private readonly projection = reactorProjection(() => this.kick());
  private draining: Promise<void> | null = null;
  private again = false;
  private stopping = false;

  constructor(
    @Inject(PROJECTION_RUNNER) private readonly projections: ProjectionHost,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly commands: CommandBus,
    private readonly context: CommandContext,
  ) {}

  onModuleInit(): void {
    this.projections.register(this.projection);
  }

  onApplicationBootstrap(): void {
    // Tasks left owed by a crash between the commit and the dispatch go out now.
    this.kick();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.draining;
  }

  /** Resolves when everything in the log now has been reacted to: the projection caught up, the tasks sent. */
  async settled(): Promise<void> {
    await this.projections.caughtUp();
    await this.drain();
  }

  private kick(): void {
    if (this.stopping) return;
    // After the projection's page has committed: caught-up waiters resolve only once the page is applied.
    void this.projections
      .caughtUp()
      .then(() => this.drain())
      .catch((e: unknown) => this.log.error({ msg: 'M-48 dispatch failed', err: e as Error }));
  }

  private drain(): Promise<void> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = this.dispatchAll().finally(() => {
      this.draining = null;
    });
    return this.draining;
  }

  private async dispatchAll(): Promise<void> {
    if (this.stopping) return;
    const { rows: ready } = await this.sql.query<{ present: string | null }>(
      `SELECT to_regclass('placements.suspension_tasks')::text AS present`,
    );
    if (ready[0]?.present === null || ready[0]?.present === undefined) return;
    do {
      this.again = false;
      const { rows } = await this.sql.query<OwedTask>(
        `SELECT task_id, placement_id, provider_id, trigger, reason FROM placements.suspension_tasks
          WHERE status = 'pending' ORDER BY created_at, task_id LIMIT ${BATCH}`,
      );
      let sent = 0;
      for (const task of rows) {
        if (this.stopping) return;
        const outcome = await this.dispatch(task);
        if (outcome === null) continue;
        sent += 1;
        await this.sql.query(
          `UPDATE placements.suspension_tasks SET status = $2, outcome = $3, dispatched_at = now()
            WHERE task_id = $1 AND status = 'pending'`,
          [task.task_id, outcome.status, outcome.code],
        );
      }
      // A full batch may have more behind it; one that made no progress waits for the next kick.
      if (rows.length === BATCH && sent > 0) this.again = true;
    } while (this.again && !this.stopping);
  }

  /** Sends one task; `null` when it failed for a reason worth trying again. */
  private async dispatch(
    task: OwedTask,
  ): Promise<{ status: 'raised' | 'skipped'; code: string | null } | null> {
    const command: RaiseAdmissionsSuspensionRisk = {
      type: 'RaiseAdmissionsSuspensionRisk',
      at: this.context.now().toISOString(),
      data: {
        taskId: task.task_id as TaskId,
        providerId: task.provider_id as ProviderId,
        trigger: task.trigger,
        reason: task.reason,
      },
    };
    try {
      const result = await this.commands.execute(
        new ExecuteCommand('placement', task.placement_id, command, ACTOR),
      );
      // No events: a risk task is already open on the placement, so one assessment covers both notices.
      return result.events.length > 0
        ? { status: 'raised', code: null }
        : { status: 'skipped', code: 'RISK.TASK_ALREADY_OPEN' };
    } catch (e) {
      // A business refusal is final (style.md section 7: a background consumer never retries one forever).
      if (isDomainError(e)) return { status: 'skipped', code: e.code };
      this.log.error({
        msg: 'M-48 risk task not sent; it stays owed',
        taskId: task.task_id,
        err: e as Error,
      });
      return null;
    }
  }
}
