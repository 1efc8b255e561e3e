import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Actor } from '@placematch/kernel';
import { SQL_CLIENT, SqlClient } from '@placematch/sql';
import type { ImportCounts, ImportProblem } from './import-kind';

/** An import as the database holds it. */
export interface ImportRecord {
  importId: string;
  kind: string;
  /** The upload it reads; `null` once the upload has been deleted. */
  uploadId: string | null;
  /** The failed import this one retries. */
  retryOf: string | null;
  actor: Actor;
  correlationId: string;
  createdAt: Date;
  /** Set when the import has finished: `completed` by its job, `failed` once it will not be tried again. */
  outcome: 'completed' | 'failed' | null;
  finishedAt: Date | null;
  /** The final counts, once completed. */
  counts: ImportCounts | null;
  /** The notices and bad rows, once completed. */
  report: { notices: string[]; problems: ImportProblem[] } | null;
  failedReason: string | null;
}

/** An upload: the files and fields an import reads. */
export interface Upload {
  uploadId: string;
  kind: string;
  params: Record<string, string>;
  files: Record<string, Uint8Array>;
}

/** How long what is stored is kept (see {@link ImportStore.cleanup}). */
export interface Retention {
  /** An upload not imported in full is kept this long after its latest import started: 7 days. */
  uploadMs: number;
  /** An import's record and report are kept this long after it finished (or started, if it never did): 30 days. */
  recordMs: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The retention rule: uploads 7 days for a retry, records and their reports 30 days. */
export const DEFAULT_RETENTION: Retention = { uploadMs: 7 * DAY_MS, recordMs: 30 * DAY_MS };

interface ImportRow {
  import_id: string;
  kind: string;
  upload_id: string | null;
  retry_of: string | null;
  actor: Actor;
  correlation_id: string;
  created_at: Date;
  outcome: 'completed' | 'failed' | null;
  finished_at: Date | null;
  counts: ImportCounts | null;
  report: { notices: string[]; problems: ImportProblem[] } | null;
  failed_reason: string | null;
}

const toRecord = (r: ImportRow): ImportRecord => ({
  importId: r.import_id,
  kind: r.kind,
  uploadId: r.upload_id,
  retryOf: r.retry_of,
  actor: r.actor,
  correlationId: r.correlation_id,
  createdAt: r.created_at,
  outcome: r.outcome,
  finishedAt: r.finished_at,
  counts: r.counts,
  report: r.report,
  failedReason: r.failed_reason,
});

const COLUMNS = `import_id, kind, upload_id, retry_of, actor, correlation_id, created_at, outcome, finished_at,
  counts, report, failed_reason`;

/**
 * Imports and their uploads, in SQL (schema `imports`). The uploaded files live here and nowhere else: a job
 * on the queue carries only the upload's id, so a file (an SSDA903 return holds children's personal data)
 * never reaches Redis. An upload is deleted when an import of it completes; one whose import failed is kept
 * for a retry until {@link cleanup}.
 */
@Injectable()
export class ImportStore implements OnModuleInit {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async onModuleInit(): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['migrate:imports']);
      await tx.exec(`
        CREATE SCHEMA IF NOT EXISTS imports;
        CREATE TABLE IF NOT EXISTS imports.uploads (
          upload_id uuid PRIMARY KEY,
          kind text NOT NULL,
          params jsonb NOT NULL,
          created_at timestamptz NOT NULL
        );
        CREATE TABLE IF NOT EXISTS imports.upload_files (
          upload_id uuid NOT NULL REFERENCES imports.uploads ON DELETE CASCADE,
          name text NOT NULL,
          content bytea NOT NULL,
          PRIMARY KEY (upload_id, name)
        );
        CREATE TABLE IF NOT EXISTS imports.imports (
          import_id uuid PRIMARY KEY,
          kind text NOT NULL,
          upload_id uuid REFERENCES imports.uploads ON DELETE SET NULL,
          retry_of uuid UNIQUE REFERENCES imports.imports ON DELETE SET NULL,
          actor jsonb NOT NULL,
          correlation_id text NOT NULL,
          created_at timestamptz NOT NULL,
          outcome text CHECK (outcome IN ('completed', 'failed')),
          finished_at timestamptz,
          counts jsonb,
          report jsonb,
          failed_reason text
        );
        CREATE INDEX IF NOT EXISTS imports_upload ON imports.imports (upload_id);`);
    });
  }

  /** Stores an upload and the import that reads it, in one transaction. */
  async create(input: {
    importId: string;
    uploadId: string;
    kind: string;
    files: Readonly<Record<string, Uint8Array>>;
    params: Readonly<Record<string, string>>;
    actor: Actor;
    correlationId: string;
    now: Date;
  }): Promise<ImportRecord> {
    return this.sql.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO imports.uploads (upload_id, kind, params, created_at) VALUES ($1, $2, $3, $4)`,
        [input.uploadId, input.kind, JSON.stringify(input.params), input.now],
      );
      for (const [name, content] of Object.entries(input.files)) {
        await tx.query(`INSERT INTO imports.upload_files (upload_id, name, content) VALUES ($1, $2, $3)`, [
          input.uploadId,
          name,
          content,
        ]);
      }
      const { rows } = await tx.query<ImportRow>(
        `INSERT INTO imports.imports (import_id, kind, upload_id, actor, correlation_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
        [
          input.importId,
          input.kind,
          input.uploadId,
          JSON.stringify(input.actor),
          input.correlationId,
          input.now,
        ],
      );
      return toRecord(rows[0]);
    });
  }

  /**
   * The import retrying `failedId` from the same upload: created now as `importId`, or the one created by an
   * earlier call (a retry is made once). `null` when `failedId` is unknown or its upload is gone.
   */
  async retry(input: {
    failedId: string;
    importId: string;
    actor: Actor;
    correlationId: string;
    now: Date;
  }): Promise<ImportRecord | null> {
    await this.sql.query(
      `INSERT INTO imports.imports (import_id, kind, upload_id, retry_of, actor, correlation_id, created_at)
       SELECT $2, kind, upload_id, import_id, $3, $4, $5 FROM imports.imports
        WHERE import_id = $1 AND upload_id IS NOT NULL
       ON CONFLICT (retry_of) DO NOTHING`,
      [input.failedId, input.importId, JSON.stringify(input.actor), input.correlationId, input.now],
    );
    const { rows } = await this.sql.query<ImportRow>(
      `SELECT ${COLUMNS} FROM imports.imports WHERE retry_of = $1`,
      [input.failedId],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async get(importId: string): Promise<ImportRecord | null> {
    const { rows } = await this.sql.query<ImportRow>(
      `SELECT ${COLUMNS} FROM imports.imports WHERE import_id = $1`,
      [importId],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** The upload with its files, or `null` once deleted. */
  async upload(uploadId: string): Promise<Upload | null> {
    const { rows } = await this.sql.query<{ kind: string; params: Record<string, string> }>(
      `SELECT kind, params FROM imports.uploads WHERE upload_id = $1`,
      [uploadId],
    );
    if (!rows[0]) return null;
    const files = await this.sql.query<{ name: string; content: Uint8Array }>(
      `SELECT name, content FROM imports.upload_files WHERE upload_id = $1`,
      [uploadId],
    );
    return {
      uploadId,
      kind: rows[0].kind,
      params: rows[0].params,
      files: Object.fromEntries(files.rows.map((f) => [f.name, f.content])),
    };
  }

  /** Records the import as completed with its counts and report, and deletes its upload, in one transaction. */
  async complete(
    importId: string,
    outcome: { counts: ImportCounts; notices: string[]; problems: ImportProblem[] },
    now: Date,
  ): Promise<void> {
    await this.sql.transaction(async (tx) => {
      const { rows } = await tx.query<{ upload_id: string | null }>(
        `UPDATE imports.imports
            SET outcome = 'completed', finished_at = $2, counts = $3, report = $4, failed_reason = NULL
          WHERE import_id = $1 RETURNING upload_id`,
        [
          importId,
          now,
          JSON.stringify(outcome.counts),
          JSON.stringify({ notices: outcome.notices, problems: outcome.problems }),
        ],
      );
      const uploadId = rows[0]?.upload_id;
      if (uploadId) await tx.query(`DELETE FROM imports.uploads WHERE upload_id = $1`, [uploadId]);
    });
  }

  /** Deletes an import that was never enqueued, with its upload. */
  async discard(importId: string): Promise<void> {
    await this.sql.transaction(async (tx) => {
      const { rows } = await tx.query<{ upload_id: string | null }>(
        `DELETE FROM imports.imports WHERE import_id = $1 RETURNING upload_id`,
        [importId],
      );
      const uploadId = rows[0]?.upload_id;
      if (uploadId) await tx.query(`DELETE FROM imports.uploads WHERE upload_id = $1`, [uploadId]);
    });
  }

  /** Records the import as failed for good; its upload is kept for a retry. */
  async fail(importId: string, reason: string, now: Date): Promise<void> {
    await this.sql.query(
      `UPDATE imports.imports SET outcome = 'failed', finished_at = $2, failed_reason = $3
        WHERE import_id = $1 AND outcome IS NULL`,
      [importId, now, reason],
    );
  }

  /** Imports not finished whose upload is still held: what a restarted in-process queue has lost. */
  async unfinished(): Promise<ImportRecord[]> {
    const { rows } = await this.sql.query<ImportRow>(
      `SELECT ${COLUMNS} FROM imports.imports WHERE outcome IS NULL AND upload_id IS NOT NULL
        ORDER BY created_at`,
    );
    return rows.map(toRecord);
  }

  /**
   * The retention rule. An upload is deleted when an import of it completes (see {@link complete}); one that
   * no import completed is deleted once its latest import started more than `uploadMs` ago (7 days: the time
   * to retry a failed import). An import's record, with its report of bad rows, is deleted `recordMs` after
   * it finished, or after it started if it never finished (30 days).
   */
  async cleanup(
    now: Date,
    retention: Retention = DEFAULT_RETENTION,
  ): Promise<{ uploads: number; imports: number }> {
    return this.sql.transaction(async (tx) => {
      const uploads = await tx.query(
        `DELETE FROM imports.uploads u
          WHERE u.created_at < $1
            AND NOT EXISTS (SELECT 1 FROM imports.imports i WHERE i.upload_id = u.upload_id AND i.created_at >= $1)`,
        [new Date(now.getTime() - retention.uploadMs)],
      );
      const imports = await tx.query(
        `DELETE FROM imports.imports WHERE coalesce(finished_at, created_at) < $1`,
        [new Date(now.getTime() - retention.recordMs)],
      );
      return { uploads: uploads.rowCount, imports: imports.rowCount };
    });
  }
}
