// The worker the contract's crash test kills: run as `node -r scripts/register.js crash-child.ts <url>
// <prefix> <queue> <job name> <lock ms> <stalled ms>`. It takes the next job, prints `STARTED <id>` and
// never finishes it, so the parent can SIGKILL it with the job active and its lock held.
import { BullJobQueue } from '../bull.job-queue';

const [url, prefix, queueName, jobName, lockMs, stalledMs] = process.argv.slice(2);
const queue = new BullJobQueue({
  url,
  prefix,
  lockDurationMs: Number(lockMs),
  stalledIntervalMs: Number(stalledMs),
});
queue.process(queueName, {
  [jobName]: (job) => {
    process.stdout.write(`STARTED ${job.id}\n`);
    return new Promise(() => undefined);
  },
});
