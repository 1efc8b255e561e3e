import { parseCron } from './cron';
import { Backoff, DEFAULT_ATTEMPTS, NewJob, Schedule } from './job-queue.port';

/** A {@link NewJob} checked and with its defaults filled in; what every adapter stores. */
export interface CheckedJob {
  name: string;
  /** The data after a JSON round trip: exactly what a handler will receive. */
  data: unknown;
  jobId?: string;
  runAt?: Date;
  attempts: number;
  backoff?: Backoff;
}

/** A job that can never be run as given; thrown by `enqueue` and `repeat`, before anything is stored. */
export class InvalidJobError extends Error {
  readonly code = 'JOB_QUEUE.INVALID_JOB';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidJobError';
  }
}

const check = (ok: boolean, message: string) => {
  if (!ok) throw new InvalidJobError(message);
};

/** Checks the parts of a job every adapter must refuse alike, and fills in the defaults. */
export const checkJob = (job: NewJob): CheckedJob => {
  check(typeof job.name === 'string' && job.name.length > 0, 'A job needs a non-empty name.');
  // Both adapters hand the handler a JSON copy, so a job means the same whichever adapter runs it.
  const data: unknown = JSON.parse(JSON.stringify(job.data ?? null));
  if (job.jobId !== undefined) {
    check(typeof job.jobId === 'string' && job.jobId.length > 0, 'A jobId must be a non-empty string.');
    // bull numbers its own jobs 1, 2, 3...: an integer id could collide with one of them.
    check(
      !/^\d+$/.test(job.jobId),
      `jobId "${job.jobId}" is a plain integer; add a prefix such as "import-".`,
    );
  }
  if (job.runAt !== undefined) {
    check(job.runAt instanceof Date && !Number.isNaN(job.runAt.getTime()), 'runAt must be a valid Date.');
  }
  const attempts = job.attempts ?? DEFAULT_ATTEMPTS;
  check(Number.isInteger(attempts) && attempts >= 1, `attempts must be a whole number of 1 or more.`);
  if (job.backoff !== undefined) {
    check(
      job.backoff.type === 'fixed' || job.backoff.type === 'exponential',
      `backoff.type must be 'fixed' or 'exponential'.`,
    );
    check(
      Number.isInteger(job.backoff.delayMs) && job.backoff.delayMs >= 0,
      'backoff.delayMs must be a whole number of 0 or more.',
    );
  }
  return {
    name: job.name,
    data,
    jobId: job.jobId,
    runAt: job.runAt,
    attempts,
    backoff: job.backoff && { type: job.backoff.type, delayMs: job.backoff.delayMs },
  };
};

/**
 * The wait before the retry that follows the `failures`-th failure. The same formula as bull's built-in
 * strategies, so both adapters space retries alike.
 */
export const backoffDelay = (backoff: Backoff | undefined, failures: number): number => {
  if (!backoff) return 0;
  return backoff.type === 'fixed' ? backoff.delayMs : Math.round((2 ** failures - 1) * backoff.delayMs);
};

/** Checks a schedule: a cron expression that parses and a zone the runtime knows, or a positive interval. */
export const checkSchedule = (schedule: Schedule): void => {
  if ('everyMs' in schedule) {
    check(
      Number.isInteger(schedule.everyMs) && schedule.everyMs > 0,
      'everyMs must be a whole number above 0.',
    );
    return;
  }
  try {
    parseCron(schedule.cron, schedule.tz);
  } catch (error) {
    throw new InvalidJobError((error as Error).message);
  }
};
