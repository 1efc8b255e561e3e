import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyStoreContract, KeyStoreHarness } from '@placematch/privacy/testing';
import { PgliteSqlClient, PostgresSqlClient, SqlClient } from '@placematch/sql';
import { MasterKeyError, PersonalDataUnreadableError } from '../../errors';
import { SqlKeyStore } from './sql.key-store';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const run = Date.now().toString(36);
let schemas = 0;
const newSchema = () => `pk_test_${run}_${(schemas += 1)}`;
const masterKey = randomBytes(32);

/** Each harness has a schema of its own; `reopen` opens the same schema through `restart` (another process). */
const harness =
  (
    connect: () => Promise<SqlClient>,
    restart: () => Promise<SqlClient>,
    drop: (schema: string) => Promise<void>,
  ) =>
  (): KeyStoreHarness => {
    const schema = newSchema();
    return {
      open: async () => SqlKeyStore.open(await connect(), { schema, masterKey }),
      reopen: async () => SqlKeyStore.open(await restart(), { schema, masterKey }),
      dispose: () => drop(schema),
    };
  };

/** What the key store leaves in its database, as a dump would show it. */
const dump = async (sql: SqlClient, schema: string): Promise<string> => {
  const { rows } = await sql.query<{ row: string }>(
    `SELECT row_to_json(k)::text AS row FROM ${schema}.subject_keys k
     UNION ALL SELECT row_to_json(m)::text FROM ${schema}.key_store m`,
  );
  return rows.map((r) => r.row).join('\n');
};

const encodings = (key: Buffer) => [key.toString('hex'), key.toString('base64'), key.toString('base64url')];

/** The tests of what only a SQL key store does: master key, key material at rest, tombstones. */
const sqlKeyStoreTests = (engine: string, client: () => Promise<SqlClient>) => {
  describe(`SqlKeyStore on ${engine}`, () => {
    let sql: SqlClient;
    let schema: string;
    beforeEach(async () => {
      sql = await client();
      schema = newSchema();
    });
    afterEach(async () => {
      await sql.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    });

    it('stores no data key, and not the master key, in the clear: a dump reveals neither', async () => {
      const store = await SqlKeyStore.open(sql, { schema, masterKey });
      const keys = await Promise.all(['Test Child A', 'Test Child B'].map((s) => store.keyFor(s)));
      const text = await dump(sql, schema);
      expect(text).toContain('Test Child A');
      for (const secret of [...keys, masterKey].flatMap(encodings)) expect(text).not.toContain(secret);
      const { rows } = await sql.query<{ wrapped_key: string }>(
        `SELECT wrapped_key FROM ${schema}.subject_keys ORDER BY subject_id`,
      );
      rows.forEach((r) => expect(r.wrapped_key).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/));
    });

    it('deletes the key material on erasure and keeps a tombstone with the time of erasure', async () => {
      const store = await SqlKeyStore.open(sql, { schema, masterKey });
      await store.keyFor('subject-erased');
      const before = new Date();
      await store.erase('subject-erased');
      await store.erase('subject-erased');
      await store.erase('subject-never-keyed');
      const { rows } = await sql.query<{ subject_id: string; wrapped_key: string | null; erased_at: Date }>(
        `SELECT subject_id, wrapped_key, erased_at FROM ${schema}.subject_keys ORDER BY subject_id`,
      );
      expect(rows.map((r) => [r.subject_id, r.wrapped_key])).toEqual([
        ['subject-erased', null],
        ['subject-never-keyed', null],
      ]);
      // Database and test clocks are the same machine's; a second of slack allows for rounding only.
      rows.forEach((r) => expect(r.erased_at.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000));
    });

    it('keeps the first erasure time when erased again', async () => {
      const store = await SqlKeyStore.open(sql, { schema, masterKey });
      await store.erase('subject-again');
      const first = await sql.query<{ erased_at: Date }>(`SELECT erased_at FROM ${schema}.subject_keys`);
      await store.erase('subject-again');
      const second = await sql.query<{ erased_at: Date }>(`SELECT erased_at FROM ${schema}.subject_keys`);
      expect(second.rows[0].erased_at).toEqual(first.rows[0].erased_at);
    });

    it('refuses at open a master key other than the one the store was created with', async () => {
      const store = await SqlKeyStore.open(sql, { schema, masterKey });
      const key = await store.keyFor('subject-kept');
      const refused = await SqlKeyStore.open(sql, { schema, masterKey: randomBytes(32) }).catch((e) => e);
      expect(refused).toBeInstanceOf(MasterKeyError);
      expect(refused.code).toBe('PRIVACY.MASTER_KEY_MISMATCH');
      expect(refused.message).toContain(schema);
      const again = await SqlKeyStore.open(sql, { schema, masterKey });
      expect(await again.existingKey('subject-kept')).toEqual(key);
    });

    it('cannot read a key with a wrong master key even if the master key check is removed', async () => {
      const store = await SqlKeyStore.open(sql, { schema, masterKey });
      await store.keyFor('subject-locked');
      await sql.exec(`DELETE FROM ${schema}.key_store`);
      const intruder = await SqlKeyStore.open(sql, { schema, masterKey: randomBytes(32) });
      const error = await intruder.existingKey('subject-locked').catch((e) => e);
      expect(error).toBeInstanceOf(PersonalDataUnreadableError);
      expect(error.message).toMatch(/master key/);
      await expect(intruder.keyFor('subject-locked')).rejects.toBeInstanceOf(PersonalDataUnreadableError);
    });

    it('fails loudly on an altered wrapped key, and on one copied from another subject', async () => {
      const store = await SqlKeyStore.open(sql, { schema, masterKey });
      await store.keyFor('subject-x');
      await store.keyFor('subject-y');
      await sql.query(
        `UPDATE ${schema}.subject_keys
            SET wrapped_key = overlay(wrapped_key PLACING
                  CASE WHEN substr(wrapped_key, 30, 1) = 'A' THEN 'B' ELSE 'A' END FROM 30 FOR 1)
          WHERE subject_id = 'subject-x'`,
      );
      await expect(store.existingKey('subject-x')).rejects.toBeInstanceOf(PersonalDataUnreadableError);
      await sql.query(
        `UPDATE ${schema}.subject_keys
            SET wrapped_key = (SELECT wrapped_key FROM ${schema}.subject_keys WHERE subject_id = 'subject-y')
          WHERE subject_id = 'subject-x'`,
      );
      await expect(store.existingKey('subject-x')).rejects.toBeInstanceOf(PersonalDataUnreadableError);
    });

    it('refuses a master key that is not 32 bytes, saying how to make one, before touching the database', async () => {
      const error = await SqlKeyStore.open(sql, { schema, masterKey: randomBytes(16) }).catch((e) => e);
      expect(error).toBeInstanceOf(MasterKeyError);
      expect(error.code).toBe('PRIVACY.MASTER_KEY_INVALID');
      expect(error.message).toMatch(/32 bytes.*openssl rand -base64 32/);
      const { rows } = await sql.query(`SELECT 1 FROM pg_namespace WHERE nspname = $1`, [schema]);
      expect(rows).toEqual([]);
    });
  });
};

describe('PostgreSQL', () => {
  const open: PostgresSqlClient[] = [];
  const client = async () => {
    const c = new PostgresSqlClient({ connectionString: DATABASE_URL, max: 10 });
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
  keyStoreContract(
    'postgres',
    harness(
      async () => admin,
      client,
      (schema) => admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`),
    ),
  );
  sqlKeyStoreTests('PostgreSQL', async () => admin);
});

describe('PGlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'placematch-pglite-keys-'));
  let db: PgliteSqlClient | undefined;
  // PGlite allows one instance per folder, so "another process" is another store on the same instance.
  const connect = async () => (db ??= await PgliteSqlClient.open({ dataDir: dir }));
  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  keyStoreContract(
    'pglite',
    harness(connect, connect, async (schema) =>
      (await connect()).exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`),
    ),
  );
  sqlKeyStoreTests('PGlite', connect);
});
