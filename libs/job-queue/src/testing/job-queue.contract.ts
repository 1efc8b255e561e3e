import { InvalidJobError } from '../job-options';
import { JobInfo, JobQueue, PermanentJobError, RunningJob, Worker } from '../job-queue.port';

/** How the contract gets a queue, and how it crashes a worker in the adapter's own way. */
export interface JobQueueHarness {
  /** Opens a job queue on storage (a Redis key prefix, a process's memory) that no other test uses. */
  open(): Promise<JobQueue>;
  /**
   * Starts a worker on `queueName`, outside the test's control, with a handler for `jobName` that never
   * finishes; once it has started the next job the worker dies mid-job (a killed process for bull, a worker
   * closed with `abandonActive` in process). Resolves with that job's id when the worker is gone.
   */
  crashWorkerMidJob(queue: JobQueue, queueName: string, jobName: string): Promise<string>;
  /** Removes whatever the harness created. */
  dispose?(): Promise<void>;
}

/** Resolves once `check` gives a value other than undefined; fails the test after `ms`. */
const until = async <T>(check: () => Promise<T | undefined> | T | undefined, what: string, ms = 20_000) => {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

/** A promise and the function that resolves it, for a handler that waits until the test lets it go. */
const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
};

/**
 * The job queue contract: every adapter passes it. `name` appears in the describe block as
 * `job queue contract: <name>`.
 */
export const jobQueueContract = (name: string, harness: () => JobQueueHarness): void => {
  describe(`job queue contract: ${name}`, () => {
    let h: JobQueueHarness;
    let queue: JobQueue;
    let workers: Worker[];
    let n = 0;
    const queueName = (label: string) => `contract-${label}-${Date.now().toString(36)}-${(n += 1)}`;
    const work = (q: string, handlers: Record<string, (job: RunningJob) => Promise<unknown>>) => {
      const worker = queue.process(q, handlers);
      workers.push(worker);
      return worker;
    };
    const finished = (q: string, id: string) =>
      until(async () => {
        const job = await queue.getJob(q, id);
        return job && (job.state === 'completed' || job.state === 'failed') ? job : undefined;
      }, `job ${id} on ${q} to finish`);

    beforeEach(async () => {
      h = harness();
      queue = await h.open();
      workers = [];
    });
    afterEach(async () => {
      await Promise.all(workers.map((w) => w.close()));
      await queue.close();
      await h.dispose?.();
    });

    it('does not start a job before its runAt, and shows it as delayed until then', async () => {
      const q = queueName('not-before');
      const runAt = new Date(Date.now() + 700);
      const enqueued = await queue.enqueue(q, { name: 'remind', data: { vacancy: 'v-1' }, runAt });
      expect(enqueued).toMatchObject({ name: 'remind', state: 'delayed', runAt, data: { vacancy: 'v-1' } });
      const started: number[] = [];
      work(q, {
        remind: async (job) => {
          started.push(Date.now());
          return job.data;
        },
      });
      const done = await finished(q, enqueued.id);
      expect(done).toMatchObject({ state: 'completed', result: { vacancy: 'v-1' }, attemptsMade: 1 });
      expect(started).toHaveLength(1);
      expect(started[0]).toBeGreaterThanOrEqual(runAt.getTime());
    });

    it('retries a failing job after a fixed backoff, numbering the attempts', async () => {
      const q = queueName('retry-fixed');
      const backoffMs = 300;
      const runs: Array<{ attempt: number; at: number }> = [];
      work(q, {
        flaky: async (job) => {
          runs.push({ attempt: job.attempt, at: Date.now() });
          if (job.attempt < 3) throw new Error(`flaky ${job.attempt}`);
          return 'done';
        },
      });
      const { id } = await queue.enqueue(q, {
        name: 'flaky',
        data: {},
        attempts: 3,
        backoff: { type: 'fixed', delayMs: backoffMs },
      });
      const done = await finished(q, id);
      expect(done).toMatchObject({
        state: 'completed',
        result: 'done',
        attemptsMade: 3,
        failedReason: 'flaky 2',
      });
      expect(runs.map((r) => r.attempt)).toEqual([1, 2, 3]);
      expect(runs[1].at - runs[0].at).toBeGreaterThanOrEqual(backoffMs);
      expect(runs[2].at - runs[1].at).toBeGreaterThanOrEqual(backoffMs);
    });

    it('doubles an exponential backoff and fails the job once its attempts are spent', async () => {
      const q = queueName('retry-exponential');
      const delayMs = 150;
      const runs: number[] = [];
      work(q, {
        broken: async () => {
          runs.push(Date.now());
          throw new Error(`broken ${runs.length}`);
        },
      });
      const { id } = await queue.enqueue(q, {
        name: 'broken',
        data: {},
        attempts: 3,
        backoff: { type: 'exponential', delayMs },
      });
      const done = await finished(q, id);
      expect(done).toMatchObject({ state: 'failed', attemptsMade: 3, failedReason: 'broken 3' });
      expect(runs).toHaveLength(3);
      expect(runs[1] - runs[0]).toBeGreaterThanOrEqual(delayMs);
      expect(runs[2] - runs[1]).toBeGreaterThanOrEqual(3 * delayMs);
    });

    it('tries a job three times when no attempts are given', async () => {
      const q = queueName('default-attempts');
      let runs = 0;
      work(q, {
        broken: async () => {
          runs += 1;
          throw new Error('always');
        },
      });
      const { id } = await queue.enqueue(q, { name: 'broken', data: {} });
      expect(await finished(q, id)).toMatchObject({ state: 'failed', attemptsMade: 3 });
      expect(runs).toBe(3);
    });

    it('dedupes by job id: a second enqueue returns the job already held and adds nothing', async () => {
      const q = queueName('dedupe');
      const first = await queue.enqueue(q, { name: 'import', data: { file: 'a.csv' }, jobId: 'import-a' });
      const second = await queue.enqueue(q, { name: 'import', data: { file: 'b.csv' }, jobId: 'import-a' });
      expect(first).toMatchObject({ id: 'import-a', state: 'waiting', data: { file: 'a.csv' } });
      expect(second).toEqual(first);
      // Jobs are taken in order with concurrency 1: once the later job has run, any copy would have too.
      const later = await queue.enqueue(q, { name: 'later', data: {} });
      const runs: unknown[] = [];
      work(q, {
        import: async (job) => runs.push(job.data),
        later: async () => undefined,
      });
      await finished(q, later.id);
      expect(runs).toEqual([{ file: 'a.csv' }]);
      const again = await queue.enqueue(q, { name: 'import', data: { file: 'c.csv' }, jobId: 'import-a' });
      expect(again).toMatchObject({ id: 'import-a', state: 'completed', data: { file: 'a.csv' } });
      expect(await queue.getJob(q, 'import-missing')).toBeNull();
    });

    it('runs a job again on another worker after its worker dies mid-job', async () => {
      const q = queueName('crash');
      const { id } = await queue.enqueue(q, { name: 'snapshot', data: { night: '2026-11-22' } });
      expect(await h.crashWorkerMidJob(queue, q, 'snapshot')).toBe(id);
      const runs: Array<{ id: string; attempt: number; data: unknown }> = [];
      work(q, {
        snapshot: async (job) => {
          runs.push({ id: job.id, attempt: job.attempt, data: job.data });
          return 'taken over';
        },
      });
      const done = await finished(q, id);
      expect(done).toMatchObject({ state: 'completed', result: 'taken over', attemptsMade: 1 });
      // The crashed run is not an attempt that ended, so the new run is still the first.
      expect(runs).toEqual([{ id, attempt: 1, data: { night: '2026-11-22' } }]);
    });

    it('runs a job again on another worker after its worker is closed with abandonActive mid-job', async () => {
      const q = queueName('abandon');
      const { id } = await queue.enqueue(q, { name: 'alert', data: { request: 'r-7' } });
      let taken!: () => void;
      const started = new Promise<void>((r) => (taken = r));
      const first = queue.process(q, {
        alert: () => {
          taken();
          return new Promise(() => undefined);
        },
      });
      await started;
      await first.close({ abandonActive: true });
      const runs: number[] = [];
      work(q, {
        alert: async (job) => {
          runs.push(job.attempt);
          return 'sent';
        },
      });
      expect(await finished(q, id)).toMatchObject({ state: 'completed', result: 'sent', attemptsMade: 1 });
      expect(runs).toEqual([1]);
    });

    it('lets a closing worker finish the job it is running before close resolves', async () => {
      const q = queueName('graceful');
      const release = gate();
      const worker = work(q, {
        alert: async () => {
          await release.opened;
          return 'sent';
        },
      });
      const { id } = await queue.enqueue(q, { name: 'alert', data: {} });
      await until(
        async () => ((await queue.getJob(q, id))?.state === 'active' ? true : undefined),
        'job active',
      );
      const closing = worker.close();
      release.open();
      await closing;
      expect(await queue.getJob(q, id)).toMatchObject({ state: 'completed', result: 'sent' });
    });

    it('shows progress through getJob while the job runs and after it completes', async () => {
      const q = queueName('progress');
      const halfway = gate();
      work(q, {
        import: async (job) => {
          await job.progress(40);
          await halfway.opened;
          await job.progress({ rows: 10, rejected: 1 });
          return { imported: 9 };
        },
      });
      const { id } = await queue.enqueue(q, { name: 'import', data: {} });
      const running = await until(async () => {
        const job = await queue.getJob(q, id);
        return job?.progress === 40 ? job : undefined;
      }, 'progress 40');
      expect(running.state).toBe('active');
      halfway.open();
      expect(await finished(q, id)).toMatchObject({
        state: 'completed',
        progress: { rows: 10, rejected: 1 },
        result: { imported: 9 },
      });
    });

    it('fails a job at once, without retries, on a PermanentJobError or when no handler has its name', async () => {
      const q = queueName('permanent');
      let runs = 0;
      work(q, {
        parse: async () => {
          runs += 1;
          throw new PermanentJobError('IMPORT.BAD_HEADER');
        },
      });
      const bad = await queue.enqueue(q, { name: 'parse', data: {}, attempts: 5 });
      const unknown = await queue.enqueue(q, { name: 'nobody-handles-this', data: {}, attempts: 5 });
      expect(await finished(q, bad.id)).toMatchObject({
        state: 'failed',
        attemptsMade: 1,
        failedReason: 'IMPORT.BAD_HEADER',
      });
      expect(runs).toBe(1);
      const orphan: JobInfo = await finished(q, unknown.id);
      expect(orphan).toMatchObject({ state: 'failed', attemptsMade: 1 });
      expect(orphan.failedReason).toMatch(/No handler for job "nobody-handles-this"/);
    });

    it('runs a repeating job more than once, each run a job of its own, until cancelled', async () => {
      const q = queueName('repeat');
      const runs: Array<{ id: string; data: unknown }> = [];
      work(q, {
        tick: async (job) => {
          runs.push({ id: job.id, data: job.data });
        },
      });
      const repeating = await queue.repeat(q, 'tick', { everyMs: 150 }, { scope: 'E09000001' });
      await until(() => (runs.length >= 2 ? true : undefined), 'two runs of the repeating job');
      await repeating.cancel();
      expect(runs[0].data).toEqual({ scope: 'E09000001' });
      expect(runs[1].data).toEqual({ scope: 'E09000001' });
      expect(runs[1].id).not.toBe(runs[0].id);
    });

    it('refuses, before storing anything, a job or schedule it could never run', async () => {
      const q = queueName('invalid');
      await expect(queue.enqueue(q, { name: 'x', data: {}, jobId: '42' })).rejects.toBeInstanceOf(
        InvalidJobError,
      );
      await expect(queue.enqueue(q, { name: 'x', data: {}, attempts: 0 })).rejects.toBeInstanceOf(
        InvalidJobError,
      );
      await expect(queue.repeat(q, 'x', { cron: '0 25 * * *' })).rejects.toThrow(/hour "25"/);
      await expect(queue.repeat(q, 'x', { everyMs: 0 })).rejects.toBeInstanceOf(InvalidJobError);
    });
  });
};
