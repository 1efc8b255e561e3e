import { DynamicModule, Module } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommissioningModule } from '@app/commissioning';
import { createHttpApp, loadConfig, PlacematchConfig } from '@placematch/platform';
import { PROJECTION_RUNNER, ProjectionHost } from '@placematch/runtime';
import { PlacematchModule } from '../../apps/placematch/src/placematch.module';
import { AppHarness, TEST_SECRET } from './app-harness';

@Module({})
class WithCommissioning {
  static forRoot(config: PlacematchConfig): DynamicModule {
    // The whole product, and the commissioning module beside it. Once apps/placematch imports
    // `CommissioningModule` itself, Nest sees the same module twice and keeps one instance.
    return { module: WithCommissioning, imports: [PlacematchModule.forRoot(config), CommissioningModule] };
  }
}

/** The product on a fresh PGlite folder, with the commissioning module, as `npm start` runs it. */
export const startWithCommissioning = async (): Promise<AppHarness> => {
  const dir = mkdtempSync(join(tmpdir(), 'placematch-commissioning-e2e-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    AUTH_JWT_SECRET: TEST_SECRET,
    PLACEMATCH_DATA_DIR: dir,
  });
  const app = await createHttpApp(WithCommissioning.forRoot(config), config);
  const projections = app.get<ProjectionHost>(PROJECTION_RUNNER);
  return {
    app,
    config,
    http: app.getHttpServer(),
    settled: () => projections.caughtUp(),
    restart: () => Promise.reject(new Error('not used by the commissioning tests')),
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
