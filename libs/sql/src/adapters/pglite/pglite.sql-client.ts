import { PGlite, types } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import { SqlClient, SqlError, SqlExecutor, SqlResult } from '../../sql.port';

/** Options for {@link PgliteSqlClient}. */
export interface PgliteOptions {
  /** A folder for the database files; omit for a database in memory only. */
  dataDir?: string;
  /** Called once the database has closed (to release a lock on the folder, say). */
  onClose?: () => void;
}

const translate = (e: unknown): never => {
  const err = e as { message?: string; code?: string; detail?: string };
  throw new SqlError(err?.message ?? String(e), err?.code, err?.detail, e);
};

type Queryable = Pick<PGlite, 'query' | 'exec'>;

const executor = (db: Queryable): SqlExecutor => ({
  async query<Row>(text: string, params: readonly unknown[] = []): Promise<SqlResult<Row>> {
    try {
      const r = await db.query<Row>(text, params as unknown[]);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    } catch (e) {
      return translate(e);
    }
  },
  async exec(script: string): Promise<void> {
    try {
      await db.exec(script);
    } catch (e) {
      translate(e);
    }
  },
});

/**
 * The SQL port over PGlite: PostgreSQL compiled to WebAssembly, in this process, with its files in a
 * folder. PGlite has one connection, so this adapter runs one unit of work at a time: a transaction
 * holds the connection until it ends and plain queries queue behind it, which gives transactions the
 * isolation they would have on a server.
 */
export class PgliteSqlClient implements SqlClient {
  readonly engine = 'pglite' as const;
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly db: PGlite,
    private readonly onClose?: () => void,
  ) {}

  /** Opens (creating if needed) the database in `dataDir`. */
  static async open(options: PgliteOptions = {}): Promise<PgliteSqlClient> {
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    const db = await PGlite.create({
      dataDir: options.dataDir,
      // Match the `pg` adapter: int8 and numeric as strings.
      parsers: { [types.INT8]: (v: string) => v, [types.NUMERIC]: (v: string) => v },
    });
    return new PgliteSqlClient(db, options.onClose);
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]) {
    return this.exclusive(() => executor(this.db).query<Row>(text, params));
  }

  exec(script: string) {
    return this.exclusive(() => executor(this.db).exec(script));
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      const tx = executor(this.db);
      await tx.exec('BEGIN');
      try {
        const result = await work(tx);
        await tx.exec('COMMIT');
        return result;
      } catch (e) {
        await tx.exec('ROLLBACK').catch(() => undefined);
        throw e;
      }
    });
  }

  async listen(channel: string, listener: (payload: string) => void): Promise<() => Promise<void>> {
    const unlisten = await this.db.listen(channel, listener);
    return async () => unlisten();
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.exclusive(async () => {
      if (!this.db.closed) await this.db.close();
    });
    this.onClose?.();
  }
}
