import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqlEventStore } from '@placematch/event-store';
import { eventStoreContract, StoreHarness } from '@placematch/event-store/testing';
import {
  eventStoreContractPolicy,
  OpenedEncryptingStore,
  personalDataContract,
  PersonalDataHarness,
} from '@placematch/privacy/testing';
import { PgliteSqlClient, PostgresSqlClient, SqlClient } from '@placematch/sql';
import { SqlKeyStore } from './adapters/sql/sql.key-store';
import { EncryptingEventStore, EncryptingEventStoreOptions } from './encrypting.event-store';
import { PersonalDataPolicy } from './personal-data-policy';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const run = Date.now().toString(36);
let schemas = 0;
const masterKey = randomBytes(32);

/** The event store and the key store of one test, in one schema of its own, on `sql`. */
const openEncrypting = async (
  sql: SqlClient,
  schema: string,
  policy: PersonalDataPolicy,
  options: EncryptingEventStoreOptions = {},
): Promise<OpenedEncryptingStore> => {
  const raw = await SqlEventStore.open(sql, { schema, idlePollMs: 20 });
  const keys = await SqlKeyStore.open(sql, { schema, masterKey });
  return {
    store: new EncryptingEventStore(raw, keys, policy, options),
    raw,
    keys,
    // Beneath the port: the rows as a dump of the database would show them.
    storedText: async (streamId) => {
      const { rows } = await sql.query<{ row: string }>(
        `SELECT row_to_json(e)::text AS row FROM ${schema}.events e WHERE stream_id = $1 ORDER BY revision`,
        [streamId],
      );
      return rows.map((r) => r.row).join('\n');
    },
  };
};

/**
 * Harnesses for both contracts over one engine. `connect` gives the client of a first process, `restart`
 * that of another process (or of the same one restarted) on the same database.
 */
const harnesses = (connect: () => Promise<SqlClient>, restart: () => Promise<SqlClient>) => {
  const drop = async (schema: string) => (await connect()).exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  return {
    store: (): StoreHarness => {
      const schema = `pe_contract_${run}_${(schemas += 1)}`;
      const policy = eventStoreContractPolicy();
      return {
        open: async ({ upcasters }) =>
          (await openEncrypting(await connect(), schema, policy, { upcasters })).store,
        reopen: async ({ upcasters }) =>
          (await openEncrypting(await restart(), schema, policy, { upcasters })).store,
        dispose: () => drop(schema),
      };
    },
    personal: (): PersonalDataHarness => {
      const schema = `pe_personal_${run}_${(schemas += 1)}`;
      return {
        open: async (policy, options) => openEncrypting(await connect(), schema, policy, options),
        reopen: async (policy) => openEncrypting(await restart(), schema, policy),
        dispose: () => drop(schema),
      };
    },
  };
};

describe('PostgreSQL', () => {
  const open: PostgresSqlClient[] = [];
  const client = async () => {
    const c = new PostgresSqlClient({ connectionString: DATABASE_URL, max: 25 });
    open.push(c);
    return c;
  };
  let first: PostgresSqlClient | undefined;
  const connect = async () => (first ??= await client());
  afterAll(async () => {
    await Promise.all(open.map((c) => c.close()));
  });
  const h = harnesses(connect, client);
  eventStoreContract('encrypting(postgres)', h.store);
  personalDataContract('encrypting(postgres)', h.personal);
});

describe('PGlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'placematch-pglite-privacy-'));
  let db: PgliteSqlClient | undefined;
  // PGlite allows one instance per folder, so "another process" is another store on the same instance.
  const connect = async () => (db ??= await PgliteSqlClient.open({ dataDir: dir }));
  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const h = harnesses(connect, connect);
  eventStoreContract('encrypting(pglite)', h.store);
  personalDataContract('encrypting(pglite)', h.personal);
});
