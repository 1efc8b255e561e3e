/** Injection token for the {@link JobQueue} port. */
export const JOB_QUEUE = Symbol('JOB_QUEUE');

/** How long to wait between attempts: `delayMs` each time, or `delayMs × (2^failures − 1)`. */
export interface Backoff {
  type: 'fixed' | 'exponential';
  delayMs: number;
}

/** A job to put on a queue. */
export interface NewJob {
  /** Picks the handler: a worker runs `handlers[name]`. */
  name: string;
  /** JSON only: the handler receives `JSON.parse(JSON.stringify(data))` (a `Date` arrives as a string). */
  data: unknown;
  /**
   * The job's identity, for dedupe: enqueueing a second job with an id that the queue still holds (waiting,
   * delayed, active, or finished and not yet pruned) does nothing and returns the job already held. Must not
   * be a plain integer: those are the ids the queue gives itself.
   */
  jobId?: string;
  /** Not before: the job is not started before this time. */
  runAt?: Date;
  /** How many times the handler may be tried in all; default {@link DEFAULT_ATTEMPTS}. */
  attempts?: number;
  /** The wait before each retry; without it a failed attempt is retried at once. */
  backoff?: Backoff;
}

/** Attempts per job unless {@link NewJob.attempts} says otherwise. */
export const DEFAULT_ATTEMPTS = 3;

/** What a job is doing now. */
export type JobState = 'waiting' | 'delayed' | 'active' | 'completed' | 'failed';

/** A handler's report of how far it has got: a percentage or any JSON object (rows read, rows in error). */
export type JobProgress = number | object;

/** A job as the queue holds it now, for an API that shows an import's progress. */
export interface JobInfo {
  id: string;
  name: string;
  data: unknown;
  state: JobState;
  /** The last progress the handler reported; 0 before it reports any. */
  progress: JobProgress;
  /**
   * Attempts that have ended: each failed one, and the one that completed. An attempt cut short by a worker
   * crash is not counted.
   */
  attemptsMade: number;
  /** What the handler resolved with (as JSON), once completed. */
  result?: unknown;
  /** The last failed attempt's message, once an attempt has failed (kept if a retry then completes). */
  failedReason?: string;
  /** The time the job was due not before, when it was enqueued with one (repeating jobs have theirs). */
  runAt?: Date;
}

/** The job as a handler sees it. */
export interface RunningJob {
  id: string;
  name: string;
  data: unknown;
  /** This attempt's number, from 1. */
  attempt: number;
  /** Records progress, visible through {@link JobQueue.getJob} while the job runs and after. */
  progress(progress: JobProgress): Promise<void>;
}

/**
 * Runs one job. Resolving completes it (the value, as JSON, becomes {@link JobInfo.result}); throwing fails
 * the attempt, which is retried while attempts remain, unless the error is a {@link PermanentJobError}.
 */
export type JobHandler = (job: RunningJob) => Promise<unknown>;

/** How a worker runs. */
export interface ProcessOptions {
  /** Jobs run at the same time by this worker; default 1. */
  concurrency?: number;
}

/** A running worker. */
export interface Worker {
  /**
   * Stops taking jobs. By default resolves once the jobs it is running have settled. With `abandonActive`
   * it stops at once and leaves them as a crashed process would: their outcome is never recorded, and
   * another worker runs them again (bull: once their lock has expired and the stalled check has seen them),
   * unless the job has been abandoned more often than the adapter's `maxStalledCount`, when it fails.
   */
  close(options?: { abandonActive?: boolean }): Promise<void>;
}

/**
 * When a repeating job runs: a five-field cron expression (minute hour day-of-month month day-of-week) read
 * in `tz` (an IANA zone such as `Europe/London`; the process's zone when absent), or every `everyMs`, at
 * multiples of `everyMs` since the epoch.
 */
export type Schedule = { cron: string; tz?: string } | { everyMs: number };

/** A repeating job registration. */
export interface Repeating {
  /** Stops the schedule and removes its next, not yet started, run. */
  cancel(): Promise<void>;
}

/**
 * The job queue port: background work (match alerts, reminders, nightly snapshots, imports with progress).
 * Every adapter (bull on Redis, in-process) passes the one contract suite in `@placematch/job-queue/testing`.
 *
 * Guarantees: a job is not started before its `runAt`; a failed attempt is retried after its backoff until
 * its attempts are spent, except after a {@link PermanentJobError}; a job whose worker dies mid-job is run
 * again by another worker (so a handler must tolerate running twice: at least once, not exactly once).
 */
export interface JobQueue {
  /**
   * Puts a job on `queue` and returns it as held (the existing job when `jobId` dedupes). A job that has
   * already finished and been pruned by the time it is read back is returned as it was sent.
   */
  enqueue(queue: string, job: NewJob): Promise<JobInfo>;
  /**
   * Starts a worker on `queue`. It should have a handler for every job name enqueued there: a job whose name
   * has none fails at once, without retries.
   */
  process(queue: string, handlers: Record<string, JobHandler>, options?: ProcessOptions): Worker;
  /** The job as held now, or `null` if the queue holds no job with that id (never held, or pruned). */
  getJob(queue: string, id: string): Promise<JobInfo | null>;
  /**
   * Schedules `name` to be enqueued with `data` on `schedule`; the next run is added when a worker takes the
   * current one, so runs do not pile up while no worker is running. Registering the same name and schedule
   * again (a restart) does not add a second schedule. Each run gets {@link DEFAULT_ATTEMPTS} attempts.
   */
  repeat(queue: string, name: string, schedule: Schedule, data?: unknown): Promise<Repeating>;
  /** Closes every worker this instance started (as {@link Worker.close}) and releases connections. */
  close(): Promise<void>;
}

/**
 * Thrown by a handler for a failure that retrying cannot fix (a malformed import file, a record that no
 * longer exists): the job fails at once, whatever attempts remain.
 */
export class PermanentJobError extends Error {
  readonly code = 'JOB_QUEUE.PERMANENT';
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

/**
 * Whether `error` is a {@link PermanentJobError}. Checks the code too, so an error from another copy of this
 * module (a second bundle, a child process's realm) still counts.
 */
export const isPermanentJobError = (error: unknown): error is PermanentJobError =>
  error instanceof PermanentJobError ||
  (error instanceof Error && (error as { code?: unknown }).code === 'JOB_QUEUE.PERMANENT');
