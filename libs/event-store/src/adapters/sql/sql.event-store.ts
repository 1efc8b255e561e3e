import { ident, SqlClient, SqlError } from '@placematch/sql';
import {
  EventStore,
  EventStoreUnavailableError,
  ExpectedVersion,
  LogPage,
  NewEvent,
  Position,
  RecordedEvent,
  START,
  StreamRead,
  WrongExpectedVersionError,
} from '../../event-store.port';
import { AppendSignal, LogSource, PollingSubscriptions } from '../../polling-subscription';
import { serialiseData, Upcasters } from '../../upcasting';
import { eventStoreSchema } from './sql.event-store.schema';

/** Options for {@link SqlEventStore}. */
export interface SqlEventStoreOptions {
  /** The schema holding the store's tables; default `placematch_events`. One schema is one store. */
  schema?: string;
  upcasters?: Upcasters;
  /** How often an idle subscription looks for events written by other processes; default 100 ms. */
  idlePollMs?: number;
}

interface EventRow {
  tx: string;
  seq: string;
  event_id: string;
  stream_id: string;
  revision: string;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: RecordedEvent['metadata'];
  recorded_at: Date;
}

const EXPECTED_ANY = -2;
const EXPECTED_NO_STREAM = -1;

/** A position is the writing transaction's id and the event's sequence number: the log's order. */
const encode = (tx: string, seq: string) => `${tx}:${seq}` as Position;
const decode = (p: Position): [string, string] => {
  if (p === START) return ['0', '0'];
  const [tx, seq] = p.split(':');
  if (!/^\d+$/.test(tx ?? '') || !/^\d+$/.test(seq ?? ''))
    throw new Error(`Not a position of this store: ${p}`);
  return [tx, seq];
};

/**
 * The event store on PostgreSQL, through the SQL port, so the same SQL runs on a server (`pg`) and in
 * process (PGlite).
 *
 * Order of the global log: each event records the id of the transaction that wrote it (`xid8`) and a
 * sequence number; the log is ordered by (transaction id, sequence). A reader sees only events of
 * transactions older than the oldest transaction still running (`pg_snapshot_xmin`), so an event can
 * never become visible later with a place before one already read: concurrent writers never make a
 * subscriber skip an event. The cost is that a long-running transaction anywhere on the server holds
 * back what readers see until it ends.
 *
 * Appends run in one statement (a PL/pgSQL function): the stream's revision is checked and moved, and
 * the events inserted, atomically; the unique (stream, revision) index is the last line of defence.
 */
/** One signal per client and schema, so that every store object on a log tells every subscription on it. */
const signals = new WeakMap<SqlClient, Map<string, AppendSignal>>();
const signalOf = (sql: SqlClient, schema: string): AppendSignal => {
  const bySchema = signals.get(sql) ?? new Map<string, AppendSignal>();
  signals.set(sql, bySchema);
  const signal = bySchema.get(schema) ?? new AppendSignal();
  bySchema.set(schema, signal);
  return signal;
};

export class SqlEventStore extends PollingSubscriptions implements EventStore {
  private readonly s: string;
  private readonly upcasters: Upcasters;
  private readonly appended: AppendSignal;

  private constructor(
    private readonly sql: SqlClient,
    private readonly options: SqlEventStoreOptions,
  ) {
    super();
    this.s = ident(options.schema ?? 'placematch_events');
    this.upcasters = options.upcasters ?? new Upcasters();
    this.appended = signalOf(sql, this.s);
  }

  /** Opens the store on `sql`, creating or upgrading its schema first (safe with several processes). */
  static async open(sql: SqlClient, options: SqlEventStoreOptions = {}): Promise<SqlEventStore> {
    const store = new SqlEventStore(sql, options);
    await sql.transaction(async (tx) => {
      // Serialises concurrent migrations from several processes starting at once.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`migrate:${store.s}`]);
      await tx.exec(eventStoreSchema(store.s));
    });
    return store;
  }

  async readStream(streamId: string, options: { fromRevision?: number } = {}): Promise<StreamRead> {
    const { rows } = await this.run(() =>
      this.sql.query<EventRow & { head: string | null }>(
        `SELECT e.*, e.tx::text AS tx, st.revision AS head
           FROM ${this.s}.streams st
           LEFT JOIN ${this.s}.events e ON e.stream_id = st.stream_id AND e.revision >= $2
          WHERE st.stream_id = $1
          ORDER BY e.revision`,
        [streamId, options.fromRevision ?? 0],
      ),
    );
    if (rows.length === 0) return { events: [], revision: null };
    const events = rows.filter((r) => r.event_id !== null).map((r) => this.toRecorded(r));
    return { events, revision: Number(rows[0].head) };
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedVersion) {
    const expectedCode =
      expected === 'any' ? EXPECTED_ANY : expected === 'no_stream' ? EXPECTED_NO_STREAM : expected;
    if (
      typeof expectedCode === 'number' &&
      (!Number.isInteger(expectedCode) || expectedCode < EXPECTED_ANY)
    ) {
      throw new Error(`Not an expected version: ${String(expected)}`);
    }
    if (events.length === 0) {
      const { revision } = await this.readStream(streamId, { fromRevision: Number.MAX_SAFE_INTEGER });
      const ok = expected === 'any' || (expected === 'no_stream' ? revision === null : revision === expected);
      if (!ok) throw new WrongExpectedVersionError(streamId, expected, revision);
      return { revision: revision ?? -1, position: await this.head() };
    }
    // Serialised here so that a value JSON cannot hold fails before anything is sent.
    const payload = `[${events
      .map((e) =>
        serialiseData({
          id: e.id ?? globalThis.crypto.randomUUID(),
          type: e.type,
          schemaVersion: e.schemaVersion,
          data: e.data,
          metadata: e.metadata,
        }),
      )
      .join(',')}]`;
    try {
      const { rows } = await this.sql.query<{ out_revision: string; out_tx: string; out_seq: string }>(
        `SELECT * FROM ${this.s}.append_events($1, $2, $3::jsonb)`,
        [streamId, expectedCode, payload],
        { name: `append:${this.s}` },
      );
      const last = rows.reduce((a, b) => (Number(b.out_revision) > Number(a.out_revision) ? b : a));
      this.appended.fire();
      return { revision: Number(last.out_revision), position: encode(last.out_tx, last.out_seq) };
    } catch (e) {
      if (e instanceof SqlError && e.sqlState === 'PM409') {
        const actual = e.detail === undefined || e.detail === 'none' ? null : Number(e.detail);
        throw new WrongExpectedVersionError(streamId, expected, actual);
      }
      throw this.unavailable(e);
    }
  }

  async readAll(from: Position, limit: number): Promise<LogPage> {
    const [tx, seq] = decode(from);
    const { rows } = await this.run(() =>
      this.sql.query<EventRow>(
        `SELECT e.*, e.tx::text AS tx
           FROM ${this.s}.events e
          WHERE (e.tx, e.seq) > ($1::text::xid8, $2::bigint)
            AND e.tx < pg_snapshot_xmin(pg_current_snapshot())
          ORDER BY e.tx, e.seq
          LIMIT $3`,
        [tx, seq, limit],
      ),
    );
    const events = rows.map((r) => this.toRecorded(r));
    return { events, next: events.length ? events[events.length - 1].position : from };
  }

  protected logSource(): LogSource {
    return {
      readAll: (f, l) => this.readAll(f, l),
      onAppend: (listener) => this.appended.listen(listener),
      idlePollMs: this.options.idlePollMs ?? 100,
      heldBack: () => this.heldBack(),
      // PGlite is one connection in this process: every append to it goes through a store on this client,
      // and they share the client's signal. A PostgreSQL server takes appends from other processes too.
      exclusive: this.sql.engine === 'pglite',
    };
  }

  /** Whether committed events exist that readers cannot see yet (an older transaction is still running). */
  private async heldBack(): Promise<boolean> {
    const { rows } = await this.run(() =>
      this.sql.query<{ held: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM ${this.s}.events e WHERE e.tx >= pg_snapshot_xmin(pg_current_snapshot())) AS held`,
      ),
    );
    return rows[0].held;
  }

  async head(): Promise<Position> {
    const { rows } = await this.run(() =>
      this.sql.query<{ tx: string; seq: string }>(
        `SELECT e.tx::text AS tx, e.seq
           FROM ${this.s}.events e
          WHERE e.tx < pg_snapshot_xmin(pg_current_snapshot())
          ORDER BY e.tx DESC, e.seq DESC
          LIMIT 1`,
      ),
    );
    return rows.length ? encode(rows[0].tx, rows[0].seq) : START;
  }

  async ping(): Promise<void> {
    await this.run(() => this.sql.ping());
  }

  async close(): Promise<void> {
    // The signal is shared with other stores on this client and schema: leave their listeners be.
  }

  private toRecorded(r: EventRow): RecordedEvent {
    return this.upcasters.upcast({
      id: r.event_id,
      streamId: r.stream_id,
      revision: Number(r.revision),
      position: encode(r.tx, r.seq),
      type: r.type,
      schemaVersion: r.schema_version,
      data: r.data,
      metadata: r.metadata,
      recordedAt: r.recorded_at.toISOString(),
    });
  }

  private async run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      throw this.unavailable(e);
    }
  }

  private unavailable(e: unknown): unknown {
    // Connection-level failures have no SQLSTATE or one of class 08 (connection exception) or 57 (shutdown).
    if (e instanceof SqlError && (e.sqlState === undefined || /^(08|57)/.test(e.sqlState))) {
      return new EventStoreUnavailableError(`The event store database is unavailable: ${e.message}`, e);
    }
    return e;
  }
}
