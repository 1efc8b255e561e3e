// bench:store — append throughput with 8 concurrent writers (single-event appends of 1 KB events to many
// streams), then a full replay of the log into a SQL projection, on PostgreSQL and on PGlite.
// Prints a table, and as its last line one JSON object with the four figures.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore, RecordedEvent, SqlEventStore } from '@placematch/event-store';
import { Projection, ProjectionRunner } from '@placematch/projections';
import { ident, PgliteSqlClient, PostgresSqlClient, SqlClient, SqlExecutor } from '@placematch/sql';

const WRITERS = 8;
const STREAMS_PER_WRITER = 50;
const PAYLOAD = 'x'.repeat(1024 - 40);
const meta = {
  actor: { id: 'bench', role: 'operator' },
  correlationId: 'bench',
  causationId: 'bench',
  occurredAt: new Date().toISOString(),
};

/** A projection that keeps per-stream counts, written once per page with array parameters. */
const countsProjection = (schema: string): Projection => {
  const s = ident(schema);
  return {
    name: 'bench-counts',
    version: 1,
    setup: (tx) =>
      tx.exec(
        `CREATE SCHEMA IF NOT EXISTS ${s}; CREATE TABLE IF NOT EXISTS ${s}.counts (stream_id text PRIMARY KEY, events bigint NOT NULL, bytes bigint NOT NULL)`,
      ),
    reset: (tx) => tx.exec(`TRUNCATE ${s}.counts`),
    apply: async (events: readonly RecordedEvent[], tx: SqlExecutor) => {
      const per = new Map<string, { n: number; bytes: number }>();
      for (const e of events) {
        const c = per.get(e.streamId) ?? { n: 0, bytes: 0 };
        c.n += 1;
        c.bytes += ((e.data as { payload?: string }).payload ?? '').length;
        per.set(e.streamId, c);
      }
      await tx.query(
        `INSERT INTO ${s}.counts (stream_id, events, bytes)
         SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[])
         ON CONFLICT (stream_id) DO UPDATE SET events = ${s}.counts.events + excluded.events, bytes = ${s}.counts.bytes + excluded.bytes`,
        [[...per.keys()], [...per.values()].map((c) => c.n), [...per.values()].map((c) => c.bytes)],
      );
    },
  };
};

const appendLoad = async (store: EventStore, total: number, tag: string): Promise<number> => {
  const perWriter = Math.floor(total / WRITERS);
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      const revisions = new Array<number>(STREAMS_PER_WRITER).fill(-1);
      for (let i = 0; i < perWriter; i++) {
        const k = i % STREAMS_PER_WRITER;
        const expected = revisions[k] < 0 ? 'no_stream' : revisions[k];
        const { revision } = await store.append(
          `bench-${tag}-${w}-${k}`,
          [
            {
              type: 'BenchEventHappened',
              schemaVersion: 1,
              data: { w, i, payload: PAYLOAD },
              metadata: meta,
            },
          ],
          expected,
        );
        revisions[k] = revision;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return (perWriter * WRITERS) / seconds;
};

const replay = async (
  store: EventStore,
  sql: SqlClient,
  schema: string,
  expected: number,
): Promise<number> => {
  const runner = new ProjectionRunner(store, sql, [countsProjection(`${schema}_rm`)], {
    schema: `${schema}_cp`,
    batchSize: 2000,
  });
  const started = process.hrtime.bigint();
  await runner.start();
  await runner.caughtUp();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await runner.stop();
  const [status] = await runner.status();
  if (status.eventsApplied !== expected)
    throw new Error(`replayed ${status.eventsApplied} of ${expected} events`);
  return expected / seconds;
};

const measure = async (name: string, sql: SqlClient, appends: number) => {
  const schema = `bench_${Date.now().toString(36)}`;
  try {
    const store = await SqlEventStore.open(sql, { schema: `${schema}_events` });
    const appendsPerS = await appendLoad(store, appends, schema);
    const replayPerS = await replay(store, sql, schema, Math.floor(appends / WRITERS) * WRITERS);
    return { name, appends: Math.floor(appends / WRITERS) * WRITERS, appendsPerS, replayPerS };
  } finally {
    for (const suffix of ['events', 'rm', 'cp'])
      await sql.exec(`DROP SCHEMA IF EXISTS ${schema}_${suffix} CASCADE`);
  }
};

const main = async () => {
  const pgAppends = Number(process.env.BENCH_PG_APPENDS ?? 40_000);
  const pgliteAppends = Number(process.env.BENCH_PGLITE_APPENDS ?? 10_000);
  const pg = new PostgresSqlClient({
    connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    max: WRITERS + 2,
  });
  const pgResult = await measure('PostgreSQL', pg, pgAppends);
  await pg.close();
  const dir = mkdtempSync(join(tmpdir(), 'placematch-bench-'));
  const lite = await PgliteSqlClient.open({ dataDir: dir });
  const liteResult = await measure('PGlite', lite, pgliteAppends);
  await lite.close();
  rmSync(dir, { recursive: true, force: true });

  const rows = [pgResult, liteResult];
  console.log('store      | events  | appends/s (8 writers, 1 KB) | replay events/s');
  console.log('-----------|---------|-----------------------------|----------------');
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(10)} | ${String(r.appends).padStart(7)} | ${r.appendsPerS.toFixed(0).padStart(27)} | ${r.replayPerS.toFixed(0).padStart(15)}`,
    );
  }
  console.log(
    JSON.stringify({
      pg_appends_per_s: Math.round(pgResult.appendsPerS),
      pg_replay_events_per_s: Math.round(pgResult.replayPerS),
      pglite_appends_per_s: Math.round(liteResult.appendsPerS),
      pglite_replay_events_per_s: Math.round(liteResult.replayPerS),
    }),
  );
};

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
