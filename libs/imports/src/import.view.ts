import type { JobInfo } from '@placematch/job-queue';
import type { ImportCounts, ImportProblem } from './import-kind';
import type { ImportRecord } from './import.store';

/** Where an import stands, as the API shows it. */
export type ImportState = 'waiting' | 'active' | 'completed' | 'failed';

/** The report of a completed import: its counts, the file's notices, and each bad row with its line and reason. */
export interface ImportResult {
  counts: ImportCounts;
  notices: string[];
  problems: ImportProblem[];
}

/** An import as `GET /api/imports/{id}` shows it. */
export interface ImportView {
  id: string;
  kind: string;
  state: ImportState;
  /** The latest counts the import reported (all 0 until it starts). */
  progress: ImportCounts;
  /** Once completed. */
  result?: ImportResult;
  /** Once failed. */
  failedReason?: string;
  /** Attempts that have ended, while the queue still holds the job. */
  attemptsMade?: number;
  createdAt: string;
  finishedAt?: string;
  /** The failed import this one retries. */
  retryOf?: string;
  /** Whether the uploaded files are still held: until an import of them completes, or the cleanup. */
  uploadKept: boolean;
}

/** The counts before an import has reported any. */
export const NO_COUNTS: ImportCounts = { rowsRead: 0, imported: 0, rejected: 0 };

/** Said of an unfinished import whose job the queue no longer holds (a pruned job whose worker died). */
export const JOB_LOST = 'IMPORT.JOB_LOST: the job queue no longer holds this import; retry it';

const isCounts = (progress: unknown): progress is ImportCounts =>
  typeof progress === 'object' &&
  progress !== null &&
  typeof (progress as ImportCounts).rowsRead === 'number';

/**
 * Where an import stands. Its record's outcome, once set, is the answer (the job writes it before it
 * finishes); until then the queue's state, with a retry's wait (`delayed`) shown as `waiting`. An unfinished
 * import the queue no longer holds has failed (see {@link JOB_LOST}).
 */
export const importState = (record: Pick<ImportRecord, 'outcome'>, job: JobInfo | null): ImportState => {
  if (record.outcome !== null) return record.outcome;
  if (job === null) return 'failed';
  return job.state === 'delayed' ? 'waiting' : job.state;
};

/** The API's view of an import: its record in SQL, and its job as the queue holds it now (or `null`). */
export const importView = (record: ImportRecord, job: JobInfo | null): ImportView => {
  const state = importState(record, job);
  const progress = record.counts ?? (isCounts(job?.progress) ? job.progress : NO_COUNTS);
  const failedReason =
    state === 'failed'
      ? (record.failedReason ?? job?.failedReason ?? (job === null ? JOB_LOST : undefined))
      : undefined;
  return {
    id: record.importId,
    kind: record.kind,
    state,
    progress,
    ...(state === 'completed' &&
      record.counts !== null &&
      record.report !== null && { result: { counts: record.counts, ...record.report } }),
    ...(failedReason !== undefined && { failedReason }),
    ...(job !== null && { attemptsMade: job.attemptsMade }),
    createdAt: record.createdAt.toISOString(),
    ...(record.finishedAt !== null && { finishedAt: record.finishedAt.toISOString() }),
    ...(record.retryOf !== null && { retryOf: record.retryOf }),
    uploadKept: record.uploadId !== null,
  };
};

/** The path of an import's status: the `Location` of a started import. */
export const importLocation = (importId: string): string => `/api/imports/${importId}`;
