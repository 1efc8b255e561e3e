import { bootstrapHttp, ConfigError, loadConfig } from '@placematch/platform';
import { PlacematchModule } from './placematch.module';

/** Starts the whole product in one process on the configured adapters (embedded defaults). */
async function main(): Promise<void> {
  const config = loadConfig();
  await bootstrapHttp(PlacematchModule.forRoot(config), config, {
    openApi: {
      title: 'Placematch',
      description:
        'Placement matching and commissioning for children in care in England: placement requests and a ranked, explained menu of matches; provider settings and vacancies; sufficiency for commissioners.',
      version: '0.1.0',
    },
  });
}

main().catch((e: unknown) => {
  const message = e instanceof ConfigError || e instanceof Error ? e.message : String(e);
  process.stderr.write(`placematch did not start: ${message}\n`);
  process.exit(1);
});
