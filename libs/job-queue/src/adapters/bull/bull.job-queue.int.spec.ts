import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import Redis from 'ioredis';
import { JobQueueHarness, jobQueueContract } from '@placematch/job-queue/testing';
import { BullJobQueue } from './bull.job-queue';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const root = join(__dirname, '..', '..', '..', '..', '..');
const run = Date.now().toString(36);
// Short, so a killed worker's job is recovered in seconds rather than bull's default minute; long enough
// that a busy test machine's event loop does not miss a lock renewal (at half the lock time).
const LOCK_MS = 2000;
const STALLED_MS = 500;
let harnesses = 0;

/** Kills the worker process once it reports the job it started; resolves with that job's id. */
const crashChild = (prefix: string, queueName: string, jobName: string, children: ChildProcess[]) =>
  new Promise<string>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '-r',
        join(root, 'scripts', 'register.js'),
        join(__dirname, 'testing', 'crash-child.ts'),
        REDIS_URL,
        prefix,
        queueName,
        jobName,
        String(LOCK_MS),
        String(STALLED_MS),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    children.push(child);
    let out = '';
    const early = (code: number | null) => reject(new Error(`crash child exited early with ${code}`));
    child.on('exit', early);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const started = /STARTED (\S+)\n/.exec(out);
      if (!started) return;
      child.off('exit', early);
      child.once('exit', () => resolve(started[1]));
      child.kill('SIGKILL');
    });
  });

describe('bull on Redis', () => {
  let admin: Redis;
  beforeAll(() => {
    admin = new Redis(REDIS_URL);
  });
  afterAll(() => admin.quit());

  jobQueueContract('bull', (): JobQueueHarness => {
    // A key prefix per test: nothing one test writes is seen by another, and dispose removes it all.
    const prefix = `pm-jq-contract-${run}-${(harnesses += 1)}`;
    const children: ChildProcess[] = [];
    return {
      open: async () =>
        new BullJobQueue({ url: REDIS_URL, prefix, lockDurationMs: LOCK_MS, stalledIntervalMs: STALLED_MS }),
      crashWorkerMidJob: (_queue, queueName, jobName) => crashChild(prefix, queueName, jobName, children),
      dispose: async () => {
        for (const child of children)
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        const keys: string[] = [];
        for await (const batch of admin.scanStream({ match: `${prefix}:*`, count: 500 })) keys.push(...batch);
        if (keys.length > 0) await admin.del(...keys);
      },
    };
  });
});
