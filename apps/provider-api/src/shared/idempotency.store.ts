import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { ConflictError, ValidationError } from '@placematch/kernel';
import { SQL_CLIENT, SqlClient } from '@placematch/sql';

const KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * First responses to requests that carried an `Idempotency-Key`, so a client's retry gets the same answer
 * and writes nothing. The aggregate also remembers recent keys (so a retry after a crash between the append
 * and this record still writes nothing); this store is what makes the answer the first one.
 */
@Injectable()
export class IdempotencyStore implements OnModuleInit {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async onModuleInit(): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['migrate:provider_api.idempotency']);
      await tx.exec(`
        CREATE SCHEMA IF NOT EXISTS provider_api;
        CREATE TABLE IF NOT EXISTS provider_api.idempotent_responses (
          scope text NOT NULL,
          key text NOT NULL,
          fingerprint text NOT NULL,
          body jsonb NOT NULL,
          created_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (scope, key)
        );`);
    });
  }

  /**
   * Runs `work` once per (scope, key): a repeat with the same request returns the stored first answer; a
   * repeat with a different request under the same key is refused (409). Without a key, just runs `work`.
   */
  async once<T>(
    scope: string,
    key: string | undefined,
    request: unknown,
    work: () => Promise<T>,
  ): Promise<T> {
    if (key === undefined) return work();
    if (!KEY.test(key)) {
      throw new ValidationError(
        'IDEMPOTENCY.KEY_INVALID',
        'Idempotency-Key must be 1 to 200 visible ASCII characters',
        {
          field: 'Idempotency-Key',
        },
      );
    }
    const fingerprint = createHash('sha256').update(JSON.stringify(request)).digest('hex');
    const found = await this.find(scope, key);
    if (found) {
      if (found.fingerprint !== fingerprint) {
        throw new ConflictError(
          'IDEMPOTENCY.KEY_REUSED',
          'This Idempotency-Key was already used for a different request',
          {
            field: 'Idempotency-Key',
          },
        );
      }
      return found.body as T;
    }
    const body = await work();
    await this.sql.query(
      `INSERT INTO provider_api.idempotent_responses (scope, key, fingerprint, body) VALUES ($1, $2, $3, $4)
       ON CONFLICT (scope, key) DO NOTHING`,
      [scope, key, fingerprint, JSON.stringify(body)],
    );
    return (await this.find(scope, key))?.body as T;
  }

  private async find(scope: string, key: string) {
    const { rows } = await this.sql.query<{ fingerprint: string; body: unknown }>(
      `SELECT fingerprint, body FROM provider_api.idempotent_responses WHERE scope = $1 AND key = $2`,
      [scope, key],
    );
    return rows[0];
  }
}
