import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import {
  isPermanentJobError,
  JOB_QUEUE,
  JobHandler,
  JobQueue,
  PermanentJobError,
  RunningJob,
  Worker,
} from '@placematch/job-queue';
import { Actor, IllegalStateError, isDomainError, NotFoundError, ValidationError } from '@placematch/kernel';
import { correlationId, runWithCorrelation } from '@placematch/platform';
import { CommandContext } from '@placematch/runtime';
import {
  CLEANUP_JOB,
  IMPORT_ATTEMPTS,
  IMPORT_BACKOFF,
  IMPORTS_QUEUE,
  importQueue,
  ImportCounts,
  ImportKind,
} from './import-kind';
import { ImportRecord, ImportStore } from './import.store';
import { ProgressThrottle } from './progress-throttle';
import { importView, ImportView } from './import.view';

/** What an import's job carries: the upload's id, never its content. */
export interface ImportJobData {
  uploadId: string;
}

/** The cleanup's schedule: daily at 03:17, London time. */
export const CLEANUP_SCHEDULE = { cron: '17 3 * * *', tz: 'Europe/London' } as const;

/** How often progress is sent on to the queue while an import runs. */
const PROGRESS_EVERY_MS = 500;

const NOT_FOUND = () => new NotFoundError('IMPORT.NOT_FOUND', 'No such import');

/** A file-level fault (a `ValidationError` the import let through): retrying cannot fix it. */
const isPermanent = (e: unknown) => isPermanentJobError(e) || (isDomainError(e) && e.kind === 'validation');

/** What a failed attempt says, in the job and the record: the code and message, never a row's content. */
const reasonOf = (e: unknown): string =>
  isDomainError(e) ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : 'The import failed';

/**
 * Imports as jobs: uploads are stored in SQL ({@link ImportStore}), and a job on the kind's queue
 * ({@link importQueue}), named for the kind, with the import's id as its job id, runs the kind's handler on the
 * upload. Each module that owns an import service registers its kind in `onModuleInit`; a worker per kind
 * starts in `onApplicationBootstrap`, and one on {@link IMPORTS_QUEUE} for the daily cleanup. A process runs
 * only the kinds its modules registered, so separate services sharing one Redis never take each other's jobs.
 *
 * A job is tried {@link IMPORT_ATTEMPTS} times with exponential backoff, except after a file-level fault
 * (`PermanentJobError`). A completed import deletes its upload in the transaction that stores its report; a
 * failed one keeps it for `POST /api/imports/{id}/retry` until the cleanup (see {@link ImportStore.cleanup}).
 * Rows' content is never logged, nor put on the queue: jobs carry the upload id, progress and results counts.
 */
@Injectable()
export class ImportJobs implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Imports');
  private readonly kinds = new Map<string, ImportKind>();
  private workers: Worker[] | undefined;

  constructor(
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    private readonly store: ImportStore,
    private readonly context: CommandContext,
  ) {}

  /** Adds a kind of import; call it in `onModuleInit`, before the worker starts. */
  register(kind: ImportKind): void {
    if (this.workers !== undefined) {
      throw new Error(
        `Import kind ${kind.name} registered after the imports worker started: register it in onModuleInit`,
      );
    }
    if (kind.name === CLEANUP_JOB || (this.kinds.has(kind.name) && this.kinds.get(kind.name) !== kind)) {
      throw new Error(`An import kind named ${kind.name} is already registered`);
    }
    this.kinds.set(kind.name, kind);
  }

  /** The kinds registered, by name. */
  registered(): string[] {
    return [...this.kinds.keys()];
  }

  async onApplicationBootstrap(): Promise<void> {
    const run: JobHandler = (job) => this.run(job);
    this.workers = [
      this.jobs.process(IMPORTS_QUEUE, { [CLEANUP_JOB]: () => this.cleanup() }),
      ...[...this.kinds.keys()].map((name) => this.jobs.process(importQueue(name), { [name]: run })),
    ];
    await this.jobs.repeat(IMPORTS_QUEUE, CLEANUP_JOB, CLEANUP_SCHEDULE);
    await this.recover();
  }

  /** Stops taking jobs before the stores close (they close on application shutdown). */
  async onModuleDestroy(): Promise<void> {
    await Promise.all((this.workers ?? []).map((w) => w.close()));
  }

  /**
   * Stores the upload and enqueues its import. The files must have been checked (see `checkCsvFile`).
   *
   * @throws ValidationError `IMPORT.FILE_MISSING` when a file the kind takes is not in `files`.
   */
  async start(
    kind: string,
    upload: { files: Readonly<Record<string, Uint8Array>>; params?: Readonly<Record<string, string>> },
    actor: Actor,
  ): Promise<ImportView> {
    const handler = this.kinds.get(kind);
    if (handler === undefined) throw new Error(`No import kind named ${kind} is registered`);
    for (const name of handler.files) {
      if (upload.files[name] === undefined) {
        throw new ValidationError('IMPORT.FILE_MISSING', `${name}: no file was sent`, { field: name });
      }
    }
    const importId = this.context.newId();
    const record = await this.store.create({
      importId,
      uploadId: this.context.newId(),
      kind,
      files: upload.files,
      params: upload.params ?? {},
      actor,
      correlationId: correlationId() ?? importId,
      now: this.context.now(),
    });
    try {
      return await this.enqueue(record);
    } catch (e) {
      // The queue refused (Redis away): the caller hears an error, so nothing must run later either.
      await this.store.discard(importId);
      throw e;
    }
  }

  /**
   * Starts a failed import again from its upload, as a new import (the queue keeps the failed job under the
   * old id). Retrying the same import again gives the same new import.
   *
   * @throws NotFoundError `IMPORT.NOT_FOUND`; IllegalStateError `IMPORT.NOT_FAILED` for an import not failed,
   *   `IMPORT.UPLOAD_GONE` once its upload has been deleted.
   */
  async retry(importId: string, actor: Actor): Promise<ImportView> {
    const failed = await this.view(importId);
    if (failed === null) throw NOT_FOUND();
    if (failed.state !== 'failed') {
      throw new IllegalStateError(
        'IMPORT.NOT_FAILED',
        `The import is ${failed.state}: only a failed import is retried`,
      );
    }
    const newId = this.context.newId();
    const record = await this.store.retry({
      failedId: importId,
      importId: newId,
      actor,
      correlationId: correlationId() ?? newId,
      now: this.context.now(),
    });
    if (record === null) {
      throw new IllegalStateError(
        'IMPORT.UPLOAD_GONE',
        'The files of this import have been deleted (kept 7 days after a failure): upload them again',
      );
    }
    return record.importId === newId ? this.enqueue(record) : this.viewOf(record);
  }

  /** The import as the API shows it, or `null` when unknown. */
  async view(importId: string): Promise<ImportView | null> {
    const record = await this.store.get(importId);
    return record === null ? null : this.viewOf(record);
  }

  /** Deletes what the retention rule says is old (see {@link ImportStore.cleanup}). */
  async cleanup(): Promise<{ uploads: number; imports: number }> {
    const removed = await this.store.cleanup(this.context.now());
    this.logger.log({ msg: 'imports cleaned up', ...removed });
    return removed;
  }

  private async viewOf(record: ImportRecord): Promise<ImportView> {
    return importView(record, await this.jobs.getJob(importQueue(record.kind), record.importId));
  }

  private async enqueue(record: ImportRecord): Promise<ImportView> {
    const data: ImportJobData = { uploadId: record.uploadId! };
    const job = await this.jobs.enqueue(importQueue(record.kind), {
      name: record.kind,
      data,
      jobId: record.importId,
      attempts: IMPORT_ATTEMPTS,
      backoff: IMPORT_BACKOFF,
    });
    this.logger.log({ msg: 'import enqueued', importId: record.importId, kind: record.kind });
    return importView(record, job);
  }

  /** Enqueues again each unfinished import the queue does not hold (an in-process queue forgets on restart). */
  private async recover(): Promise<void> {
    for (const record of await this.store.unfinished()) {
      if (!this.kinds.has(record.kind)) continue;
      if ((await this.jobs.getJob(importQueue(record.kind), record.importId)) !== null) continue;
      await this.enqueue(record);
    }
  }

  /** One attempt at one import. */
  private async run(job: RunningJob): Promise<ImportCounts> {
    const kind = this.kinds.get(job.name)!;
    const record = await this.store.get(job.id);
    if (record === null) throw new PermanentJobError('IMPORT.NOT_FOUND: the import has been deleted');
    // Run again after it completed (a worker that died before the queue heard): nothing more to do.
    if (record.outcome === 'completed') return record.counts ?? { rowsRead: 0, imported: 0, rejected: 0 };
    const throttle = new ProgressThrottle<ImportCounts>((p) => job.progress(p), PROGRESS_EVERY_MS);
    try {
      const { uploadId } = job.data as ImportJobData;
      const upload = await this.store.upload(uploadId);
      if (upload === null) {
        throw new PermanentJobError(
          'IMPORT.UPLOAD_GONE: the uploaded files have been deleted; upload them again',
        );
      }
      const outcome = await runWithCorrelation(record.correlationId, () =>
        kind.run({
          importId: record.importId,
          files: upload.files,
          params: upload.params,
          actor: record.actor,
          progress: (read) => throttle.report(read),
        }),
      );
      throttle.report(() => outcome.counts);
      await throttle.flush();
      await this.store.complete(record.importId, outcome, this.context.now());
      this.logger.log({
        msg: 'import completed',
        importId: record.importId,
        kind: kind.name,
        ...outcome.counts,
      });
      return outcome.counts;
    } catch (e) {
      await throttle.flush();
      const reason = reasonOf(e);
      const permanent = isPermanent(e);
      this.logger.warn({
        msg: 'import attempt failed',
        importId: record.importId,
        kind: kind.name,
        attempt: job.attempt,
        permanent,
        reason,
      });
      if (permanent || job.attempt >= IMPORT_ATTEMPTS) {
        await this.store.fail(record.importId, reason, this.context.now());
      }
      if (permanent && !isPermanentJobError(e)) throw new PermanentJobError(reason, e);
      throw e;
    }
  }
}
