import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Principal } from '@placematch/auth';
import { resolveRegions, SufficiencyStatement } from '@placematch/commissioning';
import { JOB_QUEUE, JobInfo, JobQueue, RunningJob, Schedule, Worker } from '@placematch/job-queue';
import { CLOCK, Clock } from '@placematch/kernel';
import { ident, SQL_CLIENT, SqlClient } from '@placematch/sql';
import { londonDate } from '@placematch/supply';
import { COMMISSIONING_OPTIONS, CommissioningOptions } from '../commissioning.options';
import { CommissioningReadModel } from '../commissioning.read-model';
import { CommissioningService } from '../commissioning.service';

/** The commissioning context's job queue. */
export const COMMISSIONING_QUEUE = 'commissioning';

/** The job that stores each region's sufficiency statement of the day. */
export const SUFFICIENCY_SNAPSHOT = 'sufficiency-snapshot';

/** Every night at 02:30 in England, after the day's events and before commissioners start. */
export const SUFFICIENCY_SNAPSHOT_SCHEDULE: Schedule = { cron: '30 2 * * *', tz: 'Europe/London' };

/** The job id of the snapshot of `date` asked for by an operator: one such job a day. */
export const snapshotJobId = (date: string): string => `${SUFFICIENCY_SNAPSHOT}:${date}`;

/** One dated snapshot: the region's statement as a commissioner of the region saw it that day. */
export interface SufficiencySnapshot {
  region: string;
  /** The date in England the statement was taken on (its period ends on it). */
  date: string;
  /** ISO instant. */
  takenAt: string;
  statement: SufficiencyStatement;
}

/** What one run of the snapshot job did: the result of the job. */
export interface SnapshotRun {
  date: string;
  regions: string[];
}

/**
 * The nightly sufficiency snapshot (queue `commissioning`, job `sufficiency-snapshot`, 02:30 in England): for
 * every region, the sufficiency statement exactly as a commissioner of that region gets it from
 * `GET /api/commissioning/exports/sufficiency.json` with no query (the collection year to date, suppressed),
 * kept as one row per region per date. A second run on the same date replaces that date's row, so a retried
 * or repeated job leaves one row. Authorities are not stored apart: an authority's view is its row of the
 * region table (`byLocalAuthority`), already in the region's snapshot.
 */
@Injectable()
export class SufficiencySnapshots implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly table: string;
  private worker?: Worker;

  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(COMMISSIONING_OPTIONS) private readonly options: CommissioningOptions,
    private readonly service: CommissioningService,
    private readonly readModel: CommissioningReadModel,
  ) {
    this.table = `${ident(options.schema)}.sufficiency_snapshots`;
  }

  async onModuleInit(): Promise<void> {
    const migrate = () =>
      this.sql.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`migrate:${this.table}`]);
        await tx.exec(`
          CREATE SCHEMA IF NOT EXISTS ${ident(this.options.schema)};
          CREATE TABLE IF NOT EXISTS ${this.table} (
            region text NOT NULL,
            snapshot_date date NOT NULL,
            taken_at timestamptz NOT NULL,
            statement jsonb NOT NULL,
            PRIMARY KEY (region, snapshot_date)
          );`);
      });
    // The projections create the same schema under another lock; a race between two processes creating it
    // at once fails one of them, and a second try then finds it.
    await migrate().catch(() => migrate());
  }

  async onApplicationBootstrap(): Promise<void> {
    this.worker = this.jobs.process(COMMISSIONING_QUEUE, {
      [SUFFICIENCY_SNAPSHOT]: (job) => this.take(job),
    });
    await this.jobs.repeat(COMMISSIONING_QUEUE, SUFFICIENCY_SNAPSHOT, SUFFICIENCY_SNAPSHOT_SCHEDULE);
  }

  /** Stops taking jobs before the stores close (they close on application shutdown). */
  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
  }

  /** Puts today's snapshot on the queue now (an operator's request); a second request today gets the same job. */
  enqueueToday(): Promise<JobInfo> {
    const date = londonDate(this.clock.now());
    return this.jobs.enqueue(COMMISSIONING_QUEUE, {
      name: SUFFICIENCY_SNAPSHOT,
      data: { date },
      jobId: snapshotJobId(date),
    });
  }

  /** One run: every region's statement of today, stored under today's date (replacing an earlier one). */
  async take(job?: Pick<RunningJob, 'progress'>): Promise<SnapshotRun> {
    const regions = [
      ...new Set(resolveRegions(await this.readModel.assignments()).map((a) => a.region)),
    ].sort();
    let date = londonDate(this.clock.now());
    for (const [i, region] of regions.entries()) {
      // What a commissioner of the region would see: the same scope checks, period defaults and suppression.
      const commissioner: Principal = {
        subject: `system:${SUFFICIENCY_SNAPSHOT}`,
        role: 'commissioner',
        region,
        via: 'jwt',
      };
      const statement = await this.service.statement(commissioner, {});
      // The statement's own date (its period ends today), so the row and the figures agree at midnight too.
      date = statement.period.to;
      await this.sql.query(
        `INSERT INTO ${this.table} (region, snapshot_date, taken_at, statement) VALUES ($1, $2, $3, $4)
         ON CONFLICT (region, snapshot_date)
         DO UPDATE SET taken_at = excluded.taken_at, statement = excluded.statement`,
        [region, date, statement.generatedAt, JSON.stringify(statement)],
      );
      await job?.progress({ regions: regions.length, done: i + 1 });
    }
    return { date, regions };
  }

  /** A region's snapshots dated from `from` to `to` (inclusive), oldest first. */
  async series(region: string, from: string, to: string): Promise<SufficiencySnapshot[]> {
    const { rows } = await this.sql.query<{
      date: string;
      taken_at: Date | string;
      statement: SufficiencyStatement;
    }>(
      `SELECT to_char(snapshot_date, 'YYYY-MM-DD') AS date, taken_at, statement FROM ${this.table}
        WHERE region = $1 AND snapshot_date BETWEEN $2::date AND $3::date
        ORDER BY snapshot_date`,
      [region, from, to],
    );
    return rows.map((r) => ({
      region,
      date: r.date,
      takenAt: new Date(r.taken_at).toISOString(),
      statement: typeof r.statement === 'string' ? JSON.parse(r.statement) : r.statement,
    }));
  }
}
