import { jobQueueContract } from '@placematch/job-queue/testing';
import { InProcessJobQueue } from './in-process.job-queue';

jobQueueContract('in-process', () => ({
  open: async () => new InProcessJobQueue(),
  crashWorkerMidJob: async (queue, queueName, jobName) => {
    let started!: (id: string) => void;
    const taken = new Promise<string>((r) => (started = r));
    const worker = queue.process(queueName, {
      [jobName]: (job) => {
        started(job.id);
        return new Promise(() => undefined);
      },
    });
    const id = await taken;
    await worker.close({ abandonActive: true });
    return id;
  },
}));
