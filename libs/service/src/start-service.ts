import type { DynamicModule } from '@nestjs/common';
import { bootstrapHttp, ConfigError, loadConfig, PlacematchConfig } from '@placematch/platform';

/** What the service's OpenAPI document says about it. */
export interface ServiceDescription {
  title: string;
  description: string;
}

/**
 * A process's `main`: reads and validates the configuration, starts the HTTP app on the module, and exits
 * with the reason on stderr when it cannot start.
 */
export const startService = (
  module: (config: PlacematchConfig) => DynamicModule,
  about: ServiceDescription,
): void => {
  const run = async () => {
    const config = loadConfig();
    await bootstrapHttp(module(config), config, { openApi: { ...about, version: '0.1.0' } });
  };
  run().catch((e: unknown) => {
    const message = e instanceof ConfigError || e instanceof Error ? e.message : String(e);
    process.stderr.write(`${about.title} did not start: ${message}\n`);
    process.exit(1);
  });
};
