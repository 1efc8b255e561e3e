import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { SQL_CLIENT, SqlClient } from '@placematch/sql';

const zip = promisify(gzip);
const unzip = promisify(gunzip);

/** A saved state of an in-memory read model and the log position it reflects. */
export interface Snapshot<T> {
  position: string;
  state: T;
  takenAt: string;
}

/**
 * Snapshots of in-memory read models (the matching index), compressed JSON in SQL, so a process restarts
 * from the latest snapshot and the log after it instead of the whole log.
 */
@Injectable()
export class SnapshotStore implements OnModuleInit {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async onModuleInit(): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['migrate:matching.snapshots']);
      await tx.exec(`
        CREATE SCHEMA IF NOT EXISTS matching;
        CREATE TABLE IF NOT EXISTS matching.snapshots (
          name text PRIMARY KEY,
          position text NOT NULL,
          payload bytea NOT NULL,
          taken_at timestamptz NOT NULL
        );`);
    });
  }

  async save<T>(name: string, snapshot: Snapshot<T>): Promise<void> {
    const payload = await zip(Buffer.from(JSON.stringify(snapshot.state)));
    await this.sql.query(
      `INSERT INTO matching.snapshots (name, position, payload, taken_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (name) DO UPDATE SET position = excluded.position, payload = excluded.payload, taken_at = excluded.taken_at`,
      [name, snapshot.position, payload, snapshot.takenAt],
    );
  }

  async load<T>(name: string): Promise<Snapshot<T> | null> {
    const { rows } = await this.sql.query<{ position: string; payload: Buffer; taken_at: Date }>(
      `SELECT position, payload, taken_at FROM matching.snapshots WHERE name = $1`,
      [name],
    );
    if (!rows[0]) return null;
    const state = JSON.parse((await unzip(Buffer.from(rows[0].payload))).toString()) as T;
    return { position: rows[0].position, state, takenAt: rows[0].taken_at.toISOString() };
  }

  async delete(name: string): Promise<void> {
    await this.sql.query(`DELETE FROM matching.snapshots WHERE name = $1`, [name]);
  }
}
