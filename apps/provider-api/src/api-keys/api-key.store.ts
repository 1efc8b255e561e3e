import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { SQL_CLIENT, SqlClient } from '@placematch/sql';

/** A provider's API key as listed to an operator: never the secret. */
export interface ApiKeyRecord {
  keyId: string;
  providerId: string;
  label: string;
  createdAt: string;
  revokedAt: string | null;
}

const KEY_FORMAT = /^pm_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;
const hash = (secret: string) => createHash('sha256').update(secret).digest();

/**
 * Provider API keys, stored hashed. A key reads `pm_<key id>_<secret>`; only the SHA-256 of the secret is
 * kept (the secret is 256 random bits, so a fast hash is enough), and the key id finds the row. A revoked
 * key never authenticates again.
 */
@Injectable()
export class ApiKeyStore implements OnModuleInit {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async onModuleInit(): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['migrate:provider_api']);
      await tx.exec(`
        CREATE SCHEMA IF NOT EXISTS provider_api;
        CREATE TABLE IF NOT EXISTS provider_api.api_keys (
          key_id uuid PRIMARY KEY,
          provider_id uuid NOT NULL,
          label text NOT NULL,
          secret_sha256 bytea NOT NULL,
          created_at timestamptz NOT NULL,
          revoked_at timestamptz
        );
        CREATE INDEX IF NOT EXISTS api_keys_provider ON provider_api.api_keys (provider_id);`);
    });
  }

  /** Creates a key for a provider and returns it in full: the only time the secret is shown. */
  async create(providerId: string, label: string, now: Date): Promise<{ key: string; record: ApiKeyRecord }> {
    const keyId = globalThis.crypto.randomUUID();
    const secret = randomBytes(32).toString('base64url');
    await this.sql.query(
      `INSERT INTO provider_api.api_keys (key_id, provider_id, label, secret_sha256, created_at) VALUES ($1, $2, $3, $4, $5)`,
      [keyId, providerId, label, hash(secret), now],
    );
    return {
      key: `pm_${keyId.replace(/-/g, '')}_${secret}`,
      record: { keyId, providerId, label, createdAt: now.toISOString(), revokedAt: null },
    };
  }

  /** The provider a presented key belongs to, or null when it is unknown, malformed or revoked. */
  async authenticate(presented: string): Promise<{ keyId: string; providerId: string } | null> {
    const m = KEY_FORMAT.exec(presented);
    if (!m) return null;
    const keyId = m[1].replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
    const { rows } = await this.sql.query<{
      provider_id: string;
      secret_sha256: Buffer;
      revoked_at: Date | null;
    }>(`SELECT provider_id, secret_sha256, revoked_at FROM provider_api.api_keys WHERE key_id = $1`, [keyId]);
    const row = rows[0];
    if (!row || row.revoked_at) return null;
    const stored = Buffer.from(row.secret_sha256);
    const given = hash(m[2]);
    return stored.length === given.length && timingSafeEqual(stored, given)
      ? { keyId, providerId: row.provider_id }
      : null;
  }

  /** Revokes a key; true when it existed and was live. */
  async revoke(keyId: string, now: Date): Promise<boolean> {
    const { rowCount } = await this.sql.query(
      `UPDATE provider_api.api_keys SET revoked_at = $2 WHERE key_id = $1 AND revoked_at IS NULL`,
      [keyId, now],
    );
    return rowCount > 0;
  }

  /** A provider's keys, newest first. */
  async list(providerId: string): Promise<ApiKeyRecord[]> {
    const { rows } = await this.sql.query<{
      key_id: string;
      provider_id: string;
      label: string;
      created_at: Date;
      revoked_at: Date | null;
    }>(
      `SELECT key_id, provider_id, label, created_at, revoked_at FROM provider_api.api_keys WHERE provider_id = $1 ORDER BY created_at DESC`,
      [providerId],
    );
    return rows.map((r) => ({
      keyId: r.key_id,
      providerId: r.provider_id,
      label: r.label,
      createdAt: r.created_at.toISOString(),
      revokedAt: r.revoked_at?.toISOString() ?? null,
    }));
  }
}
