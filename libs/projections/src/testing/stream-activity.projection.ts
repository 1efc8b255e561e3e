import type { RecordedEvent } from '@placematch/event-store';
import { ident, SqlExecutor } from '@placematch/sql';
import type { Projection } from '../projection';

/**
 * A test projection that makes a double or a lost application visible: every event becomes a row keyed by
 * its id (a repeat violates the key) and bumps a per-stream count. `pauseAt` lets a test process stop
 * inside a page, after some of its rows are written and before the commit.
 */
export const streamActivityProjection = (
  schema: string,
  pauseAt?: { page: number; afterEvents: number; onPause: () => void },
): Projection => {
  const s = ident(schema);
  let pages = 0;
  return {
    name: 'stream-activity',
    version: 1,
    setup: (tx) =>
      tx.exec(`
        CREATE SCHEMA IF NOT EXISTS ${s};
        CREATE TABLE IF NOT EXISTS ${s}.activity_events (event_id uuid PRIMARY KEY, stream_id text NOT NULL, type text NOT NULL);
        CREATE TABLE IF NOT EXISTS ${s}.activity_counts (stream_id text PRIMARY KEY, events integer NOT NULL, last_type text NOT NULL);`),
    reset: (tx) => tx.exec(`TRUNCATE ${s}.activity_events, ${s}.activity_counts`),
    apply: async (events: readonly RecordedEvent[], tx: SqlExecutor) => {
      pages += 1;
      let applied = 0;
      for (const e of events) {
        await tx.query(`INSERT INTO ${s}.activity_events (event_id, stream_id, type) VALUES ($1, $2, $3)`, [
          e.id,
          e.streamId,
          e.type,
        ]);
        await tx.query(
          `INSERT INTO ${s}.activity_counts (stream_id, events, last_type) VALUES ($1, 1, $2)
           ON CONFLICT (stream_id) DO UPDATE SET events = ${s}.activity_counts.events + 1, last_type = $2`,
          [e.streamId, e.type],
        );
        applied += 1;
        if (pauseAt && pages === pauseAt.page && applied === pauseAt.afterEvents) {
          pauseAt.onPause();
          await new Promise(() => undefined);
        }
      }
    },
  };
};

/** Reads both tables in a stable order, for comparing two runs. */
export const readActivity = async (sql: SqlExecutor, schema: string) => {
  const s = ident(schema);
  const events = await sql.query(
    `SELECT event_id, stream_id, type FROM ${s}.activity_events ORDER BY event_id`,
  );
  const counts = await sql.query(
    `SELECT stream_id, events, last_type FROM ${s}.activity_counts ORDER BY stream_id`,
  );
  return { events: events.rows, counts: counts.rows };
};
