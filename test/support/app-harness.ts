import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DevTokenClaims, mintDevToken, Role } from '@placematch/auth';
import { createHttpApp, loadConfig, PlacematchConfig } from '@placematch/platform';
import { PROJECTION_RUNNER, ProjectionHost } from '@placematch/runtime';
import { PostgresSqlClient } from '@placematch/sql';
import { PlacematchModule } from '../../apps/placematch/src/placematch.module';

export const TEST_SECRET = 'e2e-test-secret-never-deploy-0123456789abcdef';
export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A running Placematch app for end-to-end tests, on a fresh PGlite folder or a fresh PostgreSQL schema set. */
export interface AppHarness {
  app: INestApplication;
  config: PlacematchConfig;
  http: ReturnType<INestApplication['getHttpServer']>;
  /** Resolves when every projection has applied what is in the log now. */
  settled(): Promise<void>;
  /** Closes the app and opens it again on the same data: a restart. */
  restart(): Promise<AppHarness>;
  close(): Promise<void>;
}

/** Creates an empty PostgreSQL database for one test app; returns its URL and the function that drops it. */
export const freshDatabase = async (): Promise<{ url: string; drop: () => Promise<void> }> => {
  const name = `pm_e2e_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new PostgresSqlClient({ connectionString: DATABASE_URL, max: 1 });
  await admin.exec(`CREATE DATABASE ${name}`);
  await admin.close();
  const url = new URL(DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const again = new PostgresSqlClient({ connectionString: DATABASE_URL, max: 1 });
      await again.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.close();
    },
  };
};

/**
 * Starts the whole product as `npm start` would: on a fresh PGlite folder, or on a fresh PostgreSQL
 * database (`storage: 'postgres'`). `reuse` reopens the storage of an earlier harness (a restart).
 */
export const startApp = async (
  storage: 'pglite' | 'postgres' = 'pglite',
  reuse?: { dir: string; db?: { url: string; drop: () => Promise<void> } },
): Promise<AppHarness> => {
  const dir = reuse?.dir ?? mkdtempSync(join(tmpdir(), 'placematch-e2e-'));
  const db = storage === 'postgres' ? (reuse?.db ?? (await freshDatabase())) : undefined;
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    AUTH_JWT_SECRET: TEST_SECRET,
    PLACEMATCH_DATA_DIR: dir,
    ...(db ? { EVENT_STORE: 'postgres', DATABASE_URL: db.url } : {}),
  };
  const config = loadConfig(env);
  const app = await createHttpApp(PlacematchModule.forRoot(config), config);
  const projections = app.get<ProjectionHost>(PROJECTION_RUNNER);
  return {
    app,
    config,
    http: app.getHttpServer(),
    settled: () => projections.caughtUp(),
    restart: async () => {
      await app.close();
      return startApp(storage, { dir, db });
    },
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
      await db?.drop();
    },
  };
};

/** A bearer token for `role` with the given scope claims. */
export const tokenFor = (role: Role, claims: Partial<DevTokenClaims> = {}): Promise<string> =>
  mintDevToken(TEST_SECRET, { sub: `test-${role}`, role, ...claims } as DevTokenClaims);
