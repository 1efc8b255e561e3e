import { createHmac, timingSafeEqual } from 'node:crypto';
import { ident, SqlClient } from '@placematch/sql';
import { newKey, seal, unseal } from '../../aes-gcm';
import { MasterKeyError, PersonalDataUnreadableError } from '../../errors';
import { assertSubjectId, KeyStore, SubjectErasedError } from '../../key-store.port';
import { assertMasterKey } from '../../master-key';
import { keyStoreSchema } from './sql.key-store.schema';

/** Options for {@link SqlKeyStore}. */
export interface SqlKeyStoreOptions {
  /** The schema holding the key store's tables; default `placematch_privacy`. */
  schema?: string;
  /**
   * The master key (key-encryption key): 32 random bytes from configuration, never stored in the database.
   * Every data key is stored encrypted under it, so a dump of the database alone reveals no key.
   */
  masterKey: Buffer;
}

interface KeyRow {
  wrapped_key: string | null;
  erased_at: Date | null;
}

/** Binds a wrapped key to its subject, so a wrapped key copied onto another subject's row does not open. */
const wrappingAad = (subjectId: string) => `placematch.subject-key.v1:${subjectId}`;

/** A keyed fingerprint of the master key: tells a wrong master key at start without revealing the key. */
const fingerprint = (masterKey: Buffer) =>
  createHmac('sha256', masterKey).update('placematch.key-store.master-key-check.v1').digest('hex');

/**
 * The key store on PostgreSQL, through the SQL port (a server through `pg`, or PGlite in process).
 *
 * Each subject's 256-bit data key is stored encrypted (AES-256-GCM) under the master key given at
 * construction. The first open of a schema records a fingerprint of the master key; a later open with
 * another master key fails at once with {@link MasterKeyError} `PRIVACY.MASTER_KEY_MISMATCH`, rather than
 * on the first read of a child's data.
 *
 * First use is atomic across processes: the primary key on the subject decides which of two concurrent
 * inserts wins, and the loser reads the winner's key.
 */
export class SqlKeyStore implements KeyStore {
  private readonly s: string;

  private constructor(
    private readonly sql: SqlClient,
    private readonly masterKey: Buffer,
    schema: string,
  ) {
    this.s = ident(schema);
  }

  /**
   * Opens the key store on `sql`: checks the master key, creates the tables if needed, and checks the master
   * key against the one the schema was created with.
   */
  static async open(sql: SqlClient, options: SqlKeyStoreOptions): Promise<SqlKeyStore> {
    const masterKey = Buffer.from(assertMasterKey(options.masterKey));
    const schema = options.schema ?? 'placematch_privacy';
    const store = new SqlKeyStore(sql, masterKey, schema);
    const expected = fingerprint(masterKey);
    await sql.transaction(async (tx) => {
      // Serialises concurrent migrations (and the first fingerprint) from several processes starting at once.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`migrate:${store.s}:keys`]);
      await tx.exec(keyStoreSchema(store.s));
      const { rows } = await tx.query<{ master_key_check: string }>(
        `SELECT master_key_check FROM ${store.s}.key_store WHERE id = 1`,
      );
      if (rows.length === 0) {
        await tx.query(`INSERT INTO ${store.s}.key_store (id, master_key_check) VALUES (1, $1)`, [expected]);
      } else if (!sameText(rows[0].master_key_check, expected)) {
        throw new MasterKeyError(
          'PRIVACY.MASTER_KEY_MISMATCH',
          `The privacy master key is not the one the key store in schema ${schema} was created with, so none ` +
            'of its keys can be read: configure the original master key (keys cannot be recovered without it)',
        );
      }
    });
    return store;
  }

  async keyFor(subjectId: string): Promise<Buffer> {
    assertSubjectId(subjectId);
    const found = await this.row(subjectId);
    if (found) return this.usable(subjectId, found);
    await this.sql.query(
      `INSERT INTO ${this.s}.subject_keys (subject_id, wrapped_key) VALUES ($1, $2)
       ON CONFLICT (subject_id) DO NOTHING`,
      [subjectId, seal(this.masterKey, wrappingAad(subjectId), newKey())],
    );
    // Read back rather than trust our insert: on a conflict the other writer's key (or erasure) is the one.
    const stored = await this.row(subjectId);
    if (!stored) throw new Error(`The key of subject ${subjectId} vanished right after it was stored`);
    return this.usable(subjectId, stored);
  }

  async existingKey(subjectId: string): Promise<Buffer | 'erased' | null> {
    assertSubjectId(subjectId);
    const found = await this.row(subjectId);
    if (!found) return null;
    return found.wrapped_key === null ? 'erased' : this.unwrap(subjectId, found.wrapped_key);
  }

  async erase(subjectId: string): Promise<void> {
    assertSubjectId(subjectId);
    // One statement: deletes the key material if there is a key, and leaves a tombstone either way.
    await this.sql.query(
      `INSERT INTO ${this.s}.subject_keys AS k (subject_id, wrapped_key, erased_at)
       VALUES ($1, NULL, clock_timestamp())
       ON CONFLICT (subject_id) DO UPDATE
         SET wrapped_key = NULL, erased_at = coalesce(k.erased_at, EXCLUDED.erased_at)`,
      [subjectId],
    );
  }

  async isErased(subjectId: string): Promise<boolean> {
    assertSubjectId(subjectId);
    const found = await this.row(subjectId);
    return found !== undefined && found.wrapped_key === null;
  }

  private async row(subjectId: string): Promise<KeyRow | undefined> {
    const { rows } = await this.sql.query<KeyRow>(
      `SELECT wrapped_key, erased_at FROM ${this.s}.subject_keys WHERE subject_id = $1`,
      [subjectId],
      { name: `key:${this.s}` },
    );
    return rows[0];
  }

  private usable(subjectId: string, row: KeyRow): Buffer {
    if (row.wrapped_key === null) throw new SubjectErasedError(subjectId);
    return this.unwrap(subjectId, row.wrapped_key);
  }

  private unwrap(subjectId: string, wrapped: string): Buffer {
    try {
      return unseal(this.masterKey, wrappingAad(subjectId), wrapped);
    } catch (e) {
      throw new PersonalDataUnreadableError(
        `The key of subject ${subjectId} in ${this.s}.subject_keys cannot be decrypted with the master key: ` +
          'the row was altered, copied from another subject, or written under another master key',
        { subjectId },
        e,
      );
    }
  }
}

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};
