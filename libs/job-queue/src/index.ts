export * from './job-queue.port';
export * from './job-options';
export * from './cron';
export * from './adapters/in-process/in-process.job-queue';
// The vendor rule's pattern `bull` also matches this adapter folder's name; this is the adapter, not bull.
export * from './adapters/bull/bull.job-queue';
