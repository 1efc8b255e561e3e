import { NestFactory } from '@nestjs/core';
import { devTokensForAllRoles, formatDevTokens } from '@placematch/auth';
import { JsonLogger, loadConfig, PlatformModule } from '@placematch/platform';
import { PROJECTION_RUNNER, ProjectionHost } from '@placematch/runtime';
import { PlacematchModule } from './placematch.module';

const usage = `Usage:
  npm run dev:tokens                          print a development bearer token for each role
  npm run projections -- status               each SQL projection and where it stands
  npm run projections -- rebuild <name>       empty a projection and replay the whole log into it`;

const withProjections = async (work: (host: ProjectionHost) => Promise<void>) => {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(
    {
      module: class CliModule {},
      imports: [PlatformModule.forRoot(config), PlacematchModule.forRoot(config)],
    },
    { logger: new JsonLogger({ level: 'warn' }), abortOnError: false },
  );
  try {
    await app.init();
    const host = app.get<ProjectionHost>(PROJECTION_RUNNER);
    await host.caughtUp();
    await work(host);
  } finally {
    await app.close();
  }
};

const commands: Record<string, (args: string[]) => Promise<void>> = {
  async tokens() {
    const config = loadConfig();
    if (!config.auth.jwtSecret || config.production) {
      throw new Error(
        'Development tokens need AUTH_JWT_SECRET (or the development default) outside production',
      );
    }
    process.stdout.write(`${formatDevTokens(await devTokensForAllRoles(config.auth.jwtSecret))}\n`);
  },
  async projections([sub, name]) {
    if (sub === 'status') {
      await withProjections(async (host) => {
        for (const s of await host.status()) {
          process.stdout.write(
            `${s.name.padEnd(32)} v${s.version}  ${String(s.eventsApplied).padStart(9)} events  at ${s.position}\n`,
          );
        }
      });
    } else if (sub === 'rebuild' && name) {
      await withProjections(async (host) => {
        const started = Date.now();
        await host.rebuild(name);
        const status = (await host.status()).find((s) => s.name === name);
        process.stdout.write(
          `rebuilt ${name}: ${status?.eventsApplied ?? 0} events in ${Date.now() - started} ms\n`,
        );
      });
    } else {
      throw new Error(usage);
    }
  },
};

const [command, ...args] = process.argv.slice(2);
const run = command ? commands[command] : undefined;
if (!run) {
  process.stderr.write(`${usage}\n`);
  process.exit(2);
}
run(args).then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
