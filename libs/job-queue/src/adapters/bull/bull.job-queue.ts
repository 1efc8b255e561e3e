import Bull from 'bull';
import Redis, { RedisOptions } from 'ioredis';
import { checkJob, checkSchedule } from '../../job-options';
import {
  isPermanentJobError,
  JobHandler,
  JobInfo,
  JobQueue,
  JobState,
  NewJob,
  PermanentJobError,
  ProcessOptions,
  Repeating,
  RunningJob,
  Schedule,
  Worker,
} from '../../job-queue.port';

/** How the bull adapter connects and behaves. */
export interface BullJobQueueOptions {
  /** Redis to use, such as `redis://127.0.0.1:6379/0`. */
  url: string;
  /** Start of every Redis key this queue writes; default `placematch`. Tests give each run its own. */
  prefix?: string;
  /**
   * How long a worker's hold on a job lasts unless renewed (it is renewed at half this while the job runs);
   * default 30 000. A job whose worker died is run again only after its hold has lapsed.
   */
  lockDurationMs?: number;
  /** How often a worker looks for jobs whose worker died; default 30 000. */
  stalledIntervalMs?: number;
  /** Times a job may be found stalled and run again before it fails instead; default 1. */
  maxStalledCount?: number;
  /** Finished jobs kept for `getJob` and dedupe, newest first; older ones are pruned. Default 1000 / 5000. */
  retain?: { completed?: number; failed?: number };
  /** Receives Redis and bull errors that belong to no call (a dropped connection); default: stderr. */
  onError?: (error: Error) => void;
}

const STATE_LISTS: Array<[JobState, 'zscore' | 'lpos', string]> = [
  ['completed', 'zscore', 'completed'],
  ['failed', 'zscore', 'failed'],
  ['delayed', 'zscore', 'delayed'],
  ['active', 'lpos', 'active'],
  ['waiting', 'lpos', 'wait'],
  // A queue paused across all its workers holds its waiting jobs here.
  ['waiting', 'lpos', 'paused'],
];

const parseJson = (text: string | undefined, fallback: unknown): unknown => {
  if (text === undefined || text === '') return fallback;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** A worker: its own bull Queue object, so closing it stops only its processing loops. */
class BullWorker implements Worker {
  abandoned = false;
  private closing?: Promise<void>;

  constructor(
    readonly bull: Bull.Queue,
    private readonly release: (worker: BullWorker) => Promise<void>,
  ) {}

  close(options: { abandonActive?: boolean } = {}): Promise<void> {
    if (options.abandonActive) this.abandoned = true;
    this.closing ??= this.bull.close(this.abandoned).then(() => this.release(this));
    return this.closing;
  }
}

/**
 * The job queue on bull and Redis. One bull Queue object per queue name for adding and reading jobs, and one
 * more per worker. Connections are shared as bull allows: every Queue object uses one command connection
 * and one subscriber connection; each needs a blocking connection of its own, because it waits for jobs with
 * a blocking Redis command that would stall any other user of the connection.
 *
 * Stalled-job recovery is on: a worker renews its lock on each job it runs; when a worker dies, its lock
 * lapses after `lockDurationMs` and a live worker's stalled check (every `stalledIntervalMs`) moves the job
 * back to waiting.
 */
export class BullJobQueue implements JobQueue {
  private readonly prefix: string;
  private readonly client: Redis;
  private readonly subscriber: Redis;
  private readonly blocking = new Map<Bull.Queue, Redis>();
  private readonly producers = new Map<string, Bull.Queue>();
  private readonly workers = new Set<BullWorker>();
  private readonly settings: Bull.AdvancedSettings;
  private readonly keepCompleted: number;
  private readonly keepFailed: number;
  private readonly onError: (error: Error) => void;
  private closed = false;

  constructor(private readonly options: BullJobQueueOptions) {
    if (!options.url)
      throw new Error('BullJobQueue needs a Redis url, such as REDIS_URL=redis://127.0.0.1:6379.');
    this.prefix = options.prefix ?? 'placematch';
    this.keepCompleted = options.retain?.completed ?? 1000;
    this.keepFailed = options.retain?.failed ?? 5000;
    this.onError = options.onError ?? ((error) => console.error(`[job-queue] ${error.message}`));
    this.settings = {
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.stalledIntervalMs ?? 30_000,
      maxStalledCount: options.maxStalledCount ?? 1,
    };
    this.client = this.connect({});
    // bull refuses a subscriber or blocking connection that retries commands or checks readiness.
    this.subscriber = this.connect({ maxRetriesPerRequest: null, enableReadyCheck: false });
    // Every Queue object adds its own listeners to the shared connections.
    this.client.setMaxListeners(0);
    this.subscriber.setMaxListeners(0);
  }

  async enqueue(queue: string, job: NewJob): Promise<JobInfo> {
    this.assertOpen();
    const checked = checkJob(job);
    const now = Date.now();
    const delay = checked.runAt ? Math.max(0, checked.runAt.getTime() - now) : 0;
    // bull honours `timestamp` though its types omit it: with it the job is due at exactly now + delay.
    const options: Bull.JobOptions & { timestamp: number } = {
      jobId: checked.jobId,
      delay,
      timestamp: now,
      attempts: checked.attempts,
      backoff: checked.backoff && { type: checked.backoff.type, delay: checked.backoff.delayMs },
      ...this.retention(),
    };
    const added = await this.producer(queue).add(checked.name, checked.data, options);
    const held = await this.getJob(queue, String(added.id));
    if (held) return held;
    // Already finished and pruned (`retain` newer jobs finished in between): it is reported as it was sent.
    return {
      id: String(added.id),
      name: checked.name,
      data: checked.data,
      state: delay > 0 ? 'delayed' : 'waiting',
      progress: 0,
      attemptsMade: 0,
      ...(delay > 0 ? { runAt: new Date(now + delay) } : {}),
    };
  }

  process(queue: string, handlers: Record<string, JobHandler>, options: ProcessOptions = {}): Worker {
    this.assertOpen();
    const concurrency = options.concurrency ?? 1;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new Error(`concurrency must be a whole number of 1 or more, not ${concurrency}.`);
    }
    const bull = this.bullQueue(queue);
    const worker = new BullWorker(bull, async (w) => {
      this.workers.delete(w);
      await this.releaseBlocking(w.bull);
    });
    this.workers.add(worker);
    const table = { ...handlers };
    // A crashed process records nothing; an abandoned run must not either, so its promise never settles.
    const never = () => new Promise<never>(() => undefined);
    bull
      .process('*', concurrency, async (job: Bull.Job) => {
        const handler = table[job.name];
        const running: RunningJob = {
          id: String(job.id),
          name: job.name,
          data: job.data,
          attempt: job.attemptsMade + 1,
          progress: async (progress) => {
            if (!worker.abandoned) await job.progress(progress);
          },
        };
        try {
          if (!handler) throw new PermanentJobError(`No handler for job "${job.name}" on queue "${queue}".`);
          const result = await handler(running);
          if (worker.abandoned) return never();
          return result ?? null;
        } catch (error) {
          if (worker.abandoned) return never();
          // bull retries unless the job is discarded; a permanent error must fail it now.
          if (isPermanentJobError(error)) job.discard();
          throw error instanceof Error ? error : new Error(String(error));
        }
      })
      .catch((error: unknown) => this.onError(error instanceof Error ? error : new Error(String(error))));
    return worker;
  }

  async getJob(queue: string, id: string): Promise<JobInfo | null> {
    this.assertOpen();
    const key = (part: string) => `${this.prefix}:${queue}:${part}`;
    // One MULTI, so the job's fields and its state are read at one instant (bull's own getState reads the
    // lists one after another and can report a job moving between them as in none).
    const multi = this.client.multi().hgetall(key(id));
    for (const [, command, list] of STATE_LISTS) {
      if (command === 'zscore') multi.zscore(key(list), id);
      else multi.lpos(key(list), id);
    }
    const replies = (await multi.exec()) ?? [];
    const failure = replies.find(([error]) => error);
    if (failure) throw failure[0];
    const hash = replies[0][1] as Record<string, string>;
    const at = replies.slice(1).findIndex(([, found]) => found !== null);
    // No fields: never held, or pruned. Fields in no list: being removed right now.
    if (!hash.name || at < 0) return null;
    const state = STATE_LISTS[at][0];
    const delay = Number(hash.delay ?? 0);
    const info: JobInfo = {
      id,
      name: hash.name,
      data: parseJson(hash.data, null),
      state,
      progress: parseJson(hash.progress, 0) as JobInfo['progress'],
      // bull counts failed attempts only; the port counts the completing one too.
      attemptsMade: Number(hash.attemptsMade ?? 0) + (state === 'completed' ? 1 : 0),
    };
    if (state === 'completed') info.result = parseJson(hash.returnvalue, null);
    if (hash.failedReason) info.failedReason = hash.failedReason;
    if (delay > 0) info.runAt = new Date(Number(hash.timestamp) + delay);
    return info;
  }

  async repeat(queue: string, name: string, schedule: Schedule, data?: unknown): Promise<Repeating> {
    this.assertOpen();
    checkSchedule(schedule);
    const checked = checkJob({ name, data });
    const repeat: Bull.CronRepeatOptions | Bull.EveryRepeatOptions =
      'everyMs' in schedule
        ? { every: schedule.everyMs }
        : { cron: schedule.cron, ...(schedule.tz ? { tz: schedule.tz } : {}) };
    const producer = this.producer(queue);
    await producer.add(name, checked.data, { repeat, attempts: checked.attempts, ...this.retention() });
    return { cancel: () => producer.removeRepeatable(name, repeat) };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.workers].map((w) => w.close()));
    await Promise.all([...this.producers.values()].map((q) => q.close()));
    await Promise.all([...this.blocking.keys()].map((q) => this.releaseBlocking(q)));
    await Promise.all([this.client, this.subscriber].map((c) => c.quit().catch(() => c.disconnect())));
  }

  private assertOpen() {
    if (this.closed) throw new Error('The job queue is closed.');
  }

  private retention() {
    return { removeOnComplete: this.keepCompleted, removeOnFail: this.keepFailed };
  }

  private connect(extra: RedisOptions): Redis {
    const client = new Redis(this.options.url, extra);
    client.on('error', (error: Error) => this.onError(error));
    return client;
  }

  private producer(queue: string): Bull.Queue {
    let bull = this.producers.get(queue);
    if (!bull) {
      bull = this.bullQueue(queue);
      this.producers.set(queue, bull);
    }
    return bull;
  }

  private bullQueue(queue: string): Bull.Queue {
    const bull: Bull.Queue = new Bull(queue, {
      prefix: this.prefix,
      settings: this.settings,
      createClient: (type) => {
        if (type === 'client') return this.client;
        if (type === 'subscriber') return this.subscriber;
        const blocking = this.connect({ maxRetriesPerRequest: null, enableReadyCheck: false });
        this.blocking.set(bull, blocking);
        return blocking;
      },
    });
    bull.on('error', (error: Error) => this.onError(error));
    return bull;
  }

  /** bull leaves connections it did not create open: the blocking one is closed here once its Queue is. */
  private async releaseBlocking(bull: Bull.Queue) {
    const blocking = this.blocking.get(bull);
    this.blocking.delete(bull);
    if (blocking) await blocking.quit().catch(() => blocking.disconnect());
  }
}
