import type { PlacematchConfig } from '@placematch/platform';
import type { RuntimeOptions } from '@placematch/runtime';

/** Reads the adapters to bind from the validated configuration. */
export const runtimeOptionsFrom = (
  config: PlacematchConfig,
  overrides: Partial<RuntimeOptions> = {},
): RuntimeOptions => {
  const es = config.eventStore;
  const rm = config.readModels;
  return {
    eventStore: es.kind,
    readModels: rm.kind,
    dataDir: config.dataDir,
    databaseUrl:
      rm.kind === 'postgres' ? rm.databaseUrl : es.kind === 'postgres' ? es.databaseUrl : undefined,
    eventStoreUrl: es.kind === 'eventstoredb' ? es.url : undefined,
    onspdPath: config.onspdPath,
    privacyMasterKey: config.privacyMasterKey,
    bus:
      config.bus.kind === 'kafka' ? { kind: 'kafka', brokers: config.bus.brokers } : { kind: 'in-process' },
    jobs:
      config.jobs.kind === 'bull' ? { kind: 'bull', redisUrl: config.jobs.redisUrl } : { kind: 'in-process' },
    ...overrides,
  };
};
