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
