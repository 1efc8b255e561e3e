import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract, StoreHarness } from '@placematch/event-store/testing';
import { PgliteSqlClient, PostgresSqlClient, SqlClient } from '@placematch/sql';
import { SqlEventStore } from './sql.event-store';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const run = Date.now().toString(36);
let schemas = 0;

/**
 * Each harness gets a schema of its own (one schema is one store), so tests never see each other's
 * events. `reopen` gives a new store on a new connection to the same schema: a process restart.
 */
const harness =
  (
    connect: () => Promise<SqlClient>,
    restart: () => Promise<SqlClient>,
    drop: (schema: string) => Promise<void>,
  ) =>
  (): StoreHarness => {
    const schema = `es_contract_${run}_${(schemas += 1)}`;
    const clients: SqlClient[] = [];
    return {
      open: async ({ upcasters }) => {
        const sql = await connect();
        clients.push(sql);
        return SqlEventStore.open(sql, { schema, upcasters, idlePollMs: 20 });
      },
      reopen: async ({ upcasters }) => {
        const sql = await restart();
        clients.push(sql);
        return SqlEventStore.open(sql, { schema, upcasters, idlePollMs: 20 });
      },
      dispose: () => drop(schema),
    };
  };

describe('PostgreSQL', () => {
  const open: PostgresSqlClient[] = [];
  const client = async () => {
    const c = new PostgresSqlClient({ connectionString: DATABASE_URL, max: 25 });
    open.push(c);
    return c;
  };
  let admin: PostgresSqlClient;
  beforeAll(async () => {
    admin = await client();
  });
  afterAll(async () => {
    await Promise.all(open.map((c) => c.close()));
  });
  eventStoreContract(
    'postgres',
    harness(client, client, (schema) => admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)),
  );
});

describe('PGlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'placematch-pglite-contract-'));
  let current: PgliteSqlClient | undefined;
  // PGlite allows one instance per folder: a restart closes the running one and opens the folder again.
  const connect = async () => (current ??= await PgliteSqlClient.open({ dataDir: dir }));
  const restart = async () => {
    await current?.close();
    current = await PgliteSqlClient.open({ dataDir: dir });
    return current;
  };
  afterAll(async () => {
    await current?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  eventStoreContract(
    'pglite',
    harness(connect, restart, async (schema) =>
      (await connect()).exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`),
    ),
  );
});

describe('PostgreSQL: events held back by an older open transaction', () => {
  it('delivers them before caughtUp resolves, never skipping one', async () => {
    const schema = `es_heldback_${run}`;
    const sql = new PostgresSqlClient({ connectionString: DATABASE_URL, max: 4 });
    const other = new PostgresSqlClient({ connectionString: DATABASE_URL, max: 1 });
    try {
      const store = await SqlEventStore.open(sql, { schema, idlePollMs: 20 });
      const seen: string[] = [];
      const sub = store.subscribeAll(await store.head(), async (e) => {
        seen.push(e.type);
      });
      await sub.caughtUp();
      let release!: () => void;
      let begun!: () => void;
      const started = new Promise<void>((r) => (begun = r));
      const held = other.transaction(async (tx) => {
        // An older transaction with an id: later commits stay invisible to readers until it ends.
        await tx.query('SELECT pg_current_xact_id()');
        begun();
        await new Promise<void>((r) => (release = r));
      });
      await started;
      await store.append(
        `s-${run}`,
        [
          {
            type: 'Held',
            schemaVersion: 1,
            data: {},
            metadata: {
              actor: { id: 't', role: 'operator' },
              correlationId: 'c',
              causationId: 'c',
              occurredAt: '2026-01-01T00:00:00Z',
            },
          },
        ],
        'no_stream',
      );
      let caughtUp = false;
      const waiting = sub.caughtUp().then(() => (caughtUp = true));
      // A negative: give the subscription time to (wrongly) report caught up while the event is held back.
      await new Promise((r) => setTimeout(r, 200));
      expect(caughtUp).toBe(false);
      release();
      await held;
      await waiting;
      expect(seen).toEqual(['Held']);
      await sub.stop();
    } finally {
      await sql.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await sql.close();
      await other.close();
    }
  });
});
