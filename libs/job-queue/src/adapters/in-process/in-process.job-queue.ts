import { parseCron } from '../../cron';
import { backoffDelay, checkJob, checkSchedule } from '../../job-options';
import {
  Backoff,
  isPermanentJobError,
  JobHandler,
  JobInfo,
  JobProgress,
  JobQueue,
  JobState,
  NewJob,
  PermanentJobError,
  ProcessOptions,
  Repeating,
  Schedule,
  Worker,
} from '../../job-queue.port';

/** How the in-process queue behaves; the defaults match the bull adapter's. */
export interface InProcessJobQueueOptions {
  /** Finished jobs kept for `getJob` and dedupe, newest first; older ones are pruned. Default 1000 / 5000. */
  retain?: { completed?: number; failed?: number };
  /** Times a job may be abandoned by a closing worker and run again before it fails; default 1 (as bull). */
  maxStalledCount?: number;
}

interface StoredJob {
  id: string;
  name: string;
  data: unknown;
  attempts: number;
  backoff?: Backoff;
  runAt?: Date;
  state: JobState;
  progress: JobProgress;
  failures: number;
  result?: unknown;
  failedReason?: string;
  stalled: number;
  /** Pending promotion from delayed to waiting. */
  timer?: NodeJS.Timeout;
  /** Identifies the current run, so the outcome of an abandoned run is dropped. */
  run?: object;
  repeatKey?: string;
  /** For a repeating job: the slot it was scheduled for. */
  slot?: number;
}

interface RepeatSpec {
  name: string;
  data: unknown;
  attempts: number;
  next: (after: number) => number;
}

interface QueueState {
  jobs: Map<string, StoredJob>;
  waiting: string[];
  completed: string[];
  failed: string[];
  workers: Set<InProcessWorker>;
  repeats: Map<string, RepeatSpec>;
  pumping: boolean;
}

const json = <T>(value: T): T => JSON.parse(JSON.stringify(value ?? null));

/** A worker of the in-process queue. */
class InProcessWorker implements Worker {
  readonly active = new Map<StoredJob, Promise<void>>();
  closed = false;

  constructor(
    private readonly owner: { abandon(w: InProcessWorker): void; detach(w: InProcessWorker): void },
    readonly queue: string,
    readonly handlers: Record<string, JobHandler>,
    readonly concurrency: number,
  ) {}

  async close(options: { abandonActive?: boolean } = {}): Promise<void> {
    this.closed = true;
    if (options.abandonActive) {
      this.owner.abandon(this);
    } else {
      await Promise.all(this.active.values());
    }
    this.owner.detach(this);
  }
}

/**
 * The job queue in process memory, on timers: for the embedded mode and unit tests. It keeps the bull
 * adapter's semantics (the same contract suite runs against both), including the order jobs are taken in,
 * how retries are spaced, and what happens to a job whose worker goes away mid-job. Jobs live as long as
 * the process.
 */
export class InProcessJobQueue implements JobQueue {
  private readonly queues = new Map<string, QueueState>();
  private readonly workers = new Set<InProcessWorker>();
  private readonly keepCompleted: number;
  private readonly keepFailed: number;
  private readonly maxStalledCount: number;
  private nextId = 1;
  private closed = false;

  constructor(options: InProcessJobQueueOptions = {}) {
    this.keepCompleted = options.retain?.completed ?? 1000;
    this.keepFailed = options.retain?.failed ?? 5000;
    this.maxStalledCount = options.maxStalledCount ?? 1;
  }

  async enqueue(queue: string, job: NewJob): Promise<JobInfo> {
    this.assertOpen();
    const checked = checkJob(job);
    const q = this.queue(queue);
    const existing = checked.jobId !== undefined ? q.jobs.get(checked.jobId) : undefined;
    if (existing) return this.info(existing);
    const now = Date.now();
    const stored: StoredJob = {
      id: checked.jobId ?? String(this.nextId++),
      name: checked.name,
      data: checked.data,
      attempts: checked.attempts,
      backoff: checked.backoff,
      runAt: checked.runAt && checked.runAt.getTime() > now ? new Date(checked.runAt) : undefined,
      state: 'waiting',
      progress: 0,
      failures: 0,
      stalled: 0,
    };
    q.jobs.set(stored.id, stored);
    if (stored.runAt) this.delay(q, stored, stored.runAt.getTime());
    else this.wait(q, stored, 'back');
    return this.info(stored);
  }

  process(queue: string, handlers: Record<string, JobHandler>, options: ProcessOptions = {}): Worker {
    this.assertOpen();
    const concurrency = options.concurrency ?? 1;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new Error(`concurrency must be a whole number of 1 or more, not ${concurrency}.`);
    }
    const owner = {
      abandon: (w: InProcessWorker) => this.abandon(w),
      detach: (w: InProcessWorker) => this.detach(w),
    };
    const worker = new InProcessWorker(owner, queue, { ...handlers }, concurrency);
    this.workers.add(worker);
    const q = this.queue(queue);
    q.workers.add(worker);
    this.pump(q);
    return worker;
  }

  async getJob(queue: string, id: string): Promise<JobInfo | null> {
    const stored = this.queues.get(queue)?.jobs.get(id);
    return stored ? this.info(stored) : null;
  }

  async repeat(queue: string, name: string, schedule: Schedule, data?: unknown): Promise<Repeating> {
    this.assertOpen();
    checkSchedule(schedule);
    const checked = checkJob({ name, data });
    const q = this.queue(queue);
    const key =
      'everyMs' in schedule
        ? `${name}::${schedule.everyMs}`
        : `${name}:${schedule.tz ?? ''}:${schedule.cron}`;
    if (!q.repeats.has(key)) {
      let next: (after: number) => number;
      if ('everyMs' in schedule) {
        const every = schedule.everyMs;
        next = (after) => Math.floor(after / every) * every + every;
      } else {
        const cron = parseCron(schedule.cron, schedule.tz);
        next = (after) => cron.next(new Date(after)).getTime();
      }
      q.repeats.set(key, { name, data: checked.data, attempts: checked.attempts, next });
      this.scheduleRepeat(q, key, Date.now());
    }
    return {
      cancel: async () => {
        q.repeats.delete(key);
        for (const stored of q.jobs.values()) {
          if (stored.repeatKey === key && stored.state === 'delayed') {
            clearTimeout(stored.timer);
            q.jobs.delete(stored.id);
          }
        }
      },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.workers].map((w) => w.close()));
    for (const q of this.queues.values()) {
      for (const stored of q.jobs.values()) clearTimeout(stored.timer);
    }
  }

  /** Hands a crashed (abandoning) worker's jobs back, as bull's stalled check does. */
  private abandon(worker: InProcessWorker): void {
    const q = this.queue(worker.queue);
    for (const stored of worker.active.keys()) {
      stored.run = undefined;
      stored.stalled += 1;
      if (stored.stalled > this.maxStalledCount) {
        this.finish(q, stored, 'failed', { failedReason: 'job stalled more than allowable limit' });
      } else {
        // bull puts a stalled job at the head of the wait list: it runs next.
        this.wait(q, stored, 'front');
      }
    }
    worker.active.clear();
  }

  private detach(worker: InProcessWorker): void {
    this.workers.delete(worker);
    this.queues.get(worker.queue)?.workers.delete(worker);
  }

  private assertOpen() {
    if (this.closed) throw new Error('The job queue is closed.');
  }

  private queue(name: string): QueueState {
    let q = this.queues.get(name);
    if (!q) {
      q = {
        jobs: new Map(),
        waiting: [],
        completed: [],
        failed: [],
        workers: new Set(),
        repeats: new Map(),
        pumping: false,
      };
      this.queues.set(name, q);
    }
    return q;
  }

  private info(stored: StoredJob): JobInfo {
    const info: JobInfo = {
      id: stored.id,
      name: stored.name,
      data: json(stored.data),
      state: stored.state,
      progress: json(stored.progress),
      attemptsMade: stored.failures + (stored.state === 'completed' ? 1 : 0),
    };
    if (stored.state === 'completed') info.result = json(stored.result);
    if (stored.failedReason !== undefined) info.failedReason = stored.failedReason;
    if (stored.runAt) info.runAt = new Date(stored.runAt);
    return info;
  }

  private wait(q: QueueState, stored: StoredJob, end: 'front' | 'back') {
    stored.state = 'waiting';
    if (end === 'front') q.waiting.unshift(stored.id);
    else q.waiting.push(stored.id);
    this.pump(q);
  }

  private delay(q: QueueState, stored: StoredJob, due: number) {
    stored.state = 'delayed';
    const arm = () => {
      // A timer may fire a millisecond early by the wall clock; the job must not start before `due`.
      const left = due - Date.now();
      if (left > 0) {
        stored.timer = setTimeout(arm, left);
        stored.timer.unref();
        return;
      }
      stored.timer = undefined;
      if (!this.closed) this.wait(q, stored, 'back');
    };
    arm();
  }

  /** Starts waiting jobs on workers with room, after the current call returns (as a real queue would). */
  private pump(q: QueueState) {
    if (q.pumping || this.closed) return;
    q.pumping = true;
    setImmediate(() => {
      q.pumping = false;
      for (const worker of q.workers) {
        while (!worker.closed && worker.active.size < worker.concurrency && q.waiting.length > 0) {
          const stored = q.jobs.get(q.waiting.shift() as string);
          if (stored) this.start(q, worker, stored);
        }
      }
    });
  }

  private start(q: QueueState, worker: InProcessWorker, stored: StoredJob) {
    const run = {};
    stored.run = run;
    stored.state = 'active';
    // As bull does: the next run of a repeating job is scheduled when this one is taken.
    if (stored.repeatKey !== undefined) this.scheduleRepeat(q, stored.repeatKey, stored.slot ?? Date.now());
    const handler = worker.handlers[stored.name];
    const job = {
      id: stored.id,
      name: stored.name,
      data: json(stored.data),
      attempt: stored.failures + 1,
      progress: async (progress: JobProgress) => {
        if (stored.run === run) stored.progress = json(progress);
      },
    };
    const settled = Promise.resolve()
      .then(() => {
        if (!handler)
          throw new PermanentJobError(`No handler for job "${stored.name}" on queue "${worker.queue}".`);
        return handler(job);
      })
      .then(
        (result) => {
          if (stored.run !== run) return;
          this.finish(q, stored, 'completed', { result: json(result) });
        },
        (error: unknown) => {
          if (stored.run !== run) return;
          stored.failures += 1;
          const failedReason = error instanceof Error ? error.message : String(error);
          if (isPermanentJobError(error) || stored.failures >= stored.attempts) {
            this.finish(q, stored, 'failed', { failedReason });
            return;
          }
          stored.failedReason = failedReason;
          stored.run = undefined;
          const wait = backoffDelay(stored.backoff, stored.failures);
          if (wait > 0) this.delay(q, stored, Date.now() + wait);
          else this.wait(q, stored, 'back');
        },
      )
      .finally(() => {
        if (worker.active.get(stored) === settled) worker.active.delete(stored);
        this.pump(q);
      });
    worker.active.set(stored, settled);
  }

  private finish(
    q: QueueState,
    stored: StoredJob,
    state: 'completed' | 'failed',
    outcome: { result?: unknown; failedReason?: string },
  ) {
    stored.run = undefined;
    stored.state = state;
    if (state === 'completed') stored.result = outcome.result;
    else stored.failedReason = outcome.failedReason;
    const list = state === 'completed' ? q.completed : q.failed;
    list.push(stored.id);
    const keep = state === 'completed' ? this.keepCompleted : this.keepFailed;
    for (const id of list.splice(0, Math.max(0, list.length - keep))) q.jobs.delete(id);
  }

  private scheduleRepeat(q: QueueState, key: string, after: number) {
    const spec = q.repeats.get(key);
    if (!spec) return;
    const slot = spec.next(Math.max(after, Date.now()));
    const id = `repeat:${key}:${slot}`;
    if (q.jobs.has(id)) return;
    const stored: StoredJob = {
      id,
      name: spec.name,
      data: spec.data,
      attempts: spec.attempts,
      runAt: slot > Date.now() ? new Date(slot) : undefined,
      state: 'delayed',
      progress: 0,
      failures: 0,
      stalled: 0,
      repeatKey: key,
      slot,
    };
    q.jobs.set(id, stored);
    this.delay(q, stored, slot);
  }
}
