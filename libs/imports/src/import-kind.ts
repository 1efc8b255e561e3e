import type { Backoff } from '@placematch/job-queue';
import type { Actor } from '@placematch/kernel';

/**
 * The imports' queue: its housekeeping (the cleanup) runs on it, and each kind of import on a queue of its
 * own, `imports.<kind>` (see {@link importQueue}), so that a process that serves only some kinds (the provider
 * API runs Ofsted lists, commissioning SSDA903 returns) never takes a job it has no handler for.
 */
export const IMPORTS_QUEUE = 'imports';

/** The queue a kind of import runs on. */
export const importQueue = (kind: string): string => `${IMPORTS_QUEUE}.${kind}`;

/** The job that deletes old uploads and import records, daily (see {@link ImportStore.cleanup}). */
export const CLEANUP_JOB = 'cleanup';

/** Tries per import: a failure retrying can fix (the database away) is tried again; a malformed file is not. */
export const IMPORT_ATTEMPTS = 3;

/** The wait before each retry: 5 s, then 15 s. */
export const IMPORT_BACKOFF: Backoff = { type: 'exponential', delayMs: 5_000 };

/**
 * The most one uploaded file may hold: 20 MB. England's largest provider lists and SSDA903 returns are a few
 * MB; the limit keeps one request from filling memory or the database.
 */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/**
 * How far an import has got, as its service counts: rows read, imported and rejected (rows with at least one
 * problem), and whatever else the kind counts. Counts only: never a row's content, so progress can sit in
 * Redis and in logs.
 */
export interface ImportCounts {
  rowsRead: number;
  imported: number;
  rejected: number;
  readonly [count: string]: number | string;
}

/**
 * A row left out, with its line and why. A kind's problems carry more that locates them (`file`, `field`,
 * `column`, `urn`, ...), kept as they are.
 */
export interface ImportProblem {
  line: number;
  reason: string;
}

/** What an import ends with: its counts, the file's notices, and each bad row. */
export interface ImportOutcome {
  counts: ImportCounts;
  notices: string[];
  problems: ImportProblem[];
}

/** What a kind's handler is given to run one import. */
export interface ImportRun {
  importId: string;
  /** The uploaded files by name, as sent. */
  files: Readonly<Record<string, Uint8Array>>;
  /** The upload's other fields (such as `localAuthority`). */
  params: Readonly<Record<string, string>>;
  /** The operator who started the import: the actor of every command it sends. */
  actor: Actor;
  /**
   * Reports progress. Call it as often as the service reports; `read` is called only when the report is
   * sent on (at most every half second, and once at the end), so it may count freely.
   */
  progress(read: () => ImportCounts): void;
}

/**
 * A kind of import, registered by the module that owns its service (in its `onModuleInit`) with
 * {@link ImportJobs.register}. `run` may run twice for one import (a retry, a crashed worker): it must write
 * nothing the second time (the import services derive ids from the file's own keys).
 */
export interface ImportKind {
  /** The job name (on {@link importQueue} of it) and the `kind` the API shows. */
  name: string;
  /** The files it takes, by name; each must be uploaded. */
  files: readonly string[];
  /**
   * Imports the files. A `ValidationError` (a file-level fault, such as missing columns) fails the import at
   * once; any other error is retried.
   */
  run(input: ImportRun): Promise<ImportOutcome>;
}
