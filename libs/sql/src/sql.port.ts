/** Injection token for the {@link SqlClient} port. */
export const SQL_CLIENT = Symbol('SQL_CLIENT');

/** Rows of a query. `int8` and `numeric` arrive as strings, `jsonb` parsed, `timestamptz` as `Date`. */
export interface SqlResult<Row> {
  rows: Row[];
  rowCount: number;
}

/** Runs statements: a client outside a transaction, or the transaction handle inside one. */
export interface SqlExecutor {
  /**
   * Runs one statement. `options.name` prepares it once per connection under that name (a hot statement
   * skips parsing and planning from then on); the same name must always carry the same text.
   */
  query<Row = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
    options?: { name?: string },
  ): Promise<SqlResult<Row>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

/**
 * The SQL port: PostgreSQL over the network (`pg`) or PostgreSQL in process (PGlite), with the same SQL.
 * Read models, the projection runner and the SQL event store use it, so none of them imports a driver.
 */
export interface SqlClient extends SqlExecutor {
  /** Which engine is behind the port (for the few places that tune for one, such as benchmarks). */
  readonly engine: 'postgres' | 'pglite';
  /**
   * Runs `work` in one transaction: committed if it resolves, rolled back if it throws (and the error
   * re-thrown). Nothing else runs inside it.
   */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Calls `listener` on each NOTIFY on `channel`; resolves to the function that stops listening. */
  listen(channel: string, listener: (payload: string) => void): Promise<() => Promise<void>>;
  /** Whether the database answers now (readiness). */
  ping(): Promise<void>;
  /** Closes connections; further calls fail. */
  close(): Promise<void>;
}

/** A SQL error with its SQLSTATE code, so callers can tell a unique violation from a lost connection. */
export class SqlError extends Error {
  constructor(
    message: string,
    readonly sqlState: string | undefined,
    readonly detail?: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'SqlError';
  }
}

/** SQLSTATE codes that callers test for. */
export const SQL_STATE = {
  uniqueViolation: '23505',
  serializationFailure: '40001',
  deadlockDetected: '40P01',
} as const;

/** Quotes an identifier (schema, table) for safe interpolation into SQL text. */
export const ident = (name: string): string => {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Not a safe SQL identifier: ${name}`);
  return `"${name}"`;
};
