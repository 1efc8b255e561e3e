import { Pool, PoolClient, DatabaseError, types } from 'pg';
import { SqlClient, SqlError, SqlExecutor, SqlResult } from '../../sql.port';

// Timestamps without zone are never used; `timestamptz` parses to Date by default. int8 stays a string.
types.setTypeParser(types.builtins.INT8, (v) => v);

/** Options for {@link PostgresSqlClient}. */
export interface PostgresOptions {
  connectionString: string;
  /** Pool size; default 10. */
  max?: number;
  /** Name shown in pg_stat_activity. */
  applicationName?: string;
}

const translate = (e: unknown): never => {
  if (e instanceof DatabaseError) throw new SqlError(e.message, e.code, e.detail, e);
  if (e instanceof Error) throw new SqlError(e.message, undefined, undefined, e);
  throw e;
};

const executor = (run: PoolClient | Pool): SqlExecutor => ({
  async query<Row>(
    text: string,
    params: readonly unknown[] = [],
    options: { name?: string } = {},
  ): Promise<SqlResult<Row>> {
    try {
      const r = await run.query({ text, values: params as unknown[], name: options.name });
      return { rows: r.rows as Row[], rowCount: r.rowCount ?? 0 };
    } catch (e) {
      return translate(e);
    }
  },
  async exec(script: string): Promise<void> {
    try {
      await run.query(script);
    } catch (e) {
      translate(e);
    }
  },
});

/** The SQL port over a PostgreSQL server through a `pg` connection pool. */
export class PostgresSqlClient implements SqlClient {
  readonly engine = 'postgres' as const;
  private readonly pool: Pool;
  private readonly direct: SqlExecutor;

  constructor(options: PostgresOptions) {
    this.pool = new Pool({
      connectionString: options.connectionString,
      max: options.max ?? 10,
      application_name: options.applicationName ?? 'placematch',
    });
    // An idle client that loses its connection must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
    this.direct = executor(this.pool);
  }

  query<Row = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
    options?: { name?: string },
  ) {
    return this.direct.query<Row>(text, params, options);
  }

  exec(script: string) {
    return this.direct.exec(script);
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect().catch(translate);
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work(executor(client));
      await client.query('COMMIT');
      return result;
    } catch (e) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true;
      }
      throw e instanceof SqlError || !(e instanceof DatabaseError) ? e : translate(e);
    } finally {
      client.release(broken);
    }
  }

  async listen(channel: string, listener: (payload: string) => void): Promise<() => Promise<void>> {
    const client = await this.pool.connect().catch(translate);
    const onNotification = (m: { channel: string; payload?: string }) => {
      if (m.channel === channel) listener(m.payload ?? '');
    };
    client.on('notification', onNotification);
    await client.query(`LISTEN ${JSON.stringify(channel)}`).catch(translate);
    return async () => {
      client.off('notification', onNotification);
      await client.query(`UNLISTEN ${JSON.stringify(channel)}`).catch(() => undefined);
      client.release();
    };
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
