import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createReadStream, statSync, writeFileSync } from 'node:fs';
import { ImportProgress, OfstedImportService } from '@app/provider-api';
import { systemActor } from '@placematch/kernel';
import { devTokensForAllRoles, formatDevTokens } from '@placematch/auth';
import { JsonLogger, loadConfig, PlatformModule } from '@placematch/platform';
import { PROJECTION_RUNNER, ProjectionHost } from '@placematch/runtime';
import { PlacematchModule } from './placematch.module';
import { Ssda903ExportService, Ssda903ImportProgress, Ssda903ImportService } from '@app/commissioning';

const usage = `Usage:
  npm run dev:tokens                          print a development bearer token for each role
  npm run projections -- status               each SQL projection and where it stands
  npm run projections -- rebuild <name>       empty a projection and replay the whole log into it
  npm run import:ofsted -- <file.csv>         register providers and settings from an Ofsted provider list
  npm run import:903 -- <header.csv> <episodes.csv> [--authority <ONS code>]
                                              import an SSDA903 return (Header and Episodes files) as history
  npm run export:903 -- <episodes.csv> [<header.csv>] [--authority <ONS code>]
                                              export the histories as an SSDA903 return (postcodes as sectors)
  (the authority defaults to SSDA903_AUTHORITY; the header file to <episodes>-header.csv)`;

const withApp = async (work: (app: INestApplicationContext) => Promise<void>) => {
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
    await work(app);
  } finally {
    await app.close();
  }
};

const withProjections = (work: (host: ProjectionHost) => Promise<void>) =>
  withApp(async (app) => {
    const host = app.get<ProjectionHost>(PROJECTION_RUNNER);
    await host.caughtUp();
    await work(host);
  });

/** One status line, rewritten in place on a terminal and printed now and then otherwise. */
const progressLine = (p: ImportProgress, bytes: number, total: number) =>
  `${total ? Math.floor((100 * bytes) / total) : 100}%  rows ${p.rowsRead}  imported ${p.imported}  unchanged ${p.unchanged}  skipped ${p.skipped}  problems ${p.problems.length}`;

/** Positional arguments and `--authority <code>` (or `--authority=<code>`, else SSDA903_AUTHORITY). */
const withAuthority = (args: string[]): { files: string[]; authority: string | undefined } => {
  const files: string[] = [];
  let authority = process.env.SSDA903_AUTHORITY;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--authority') authority = args[++i];
    else if (args[i].startsWith('--authority=')) authority = args[i].slice('--authority='.length);
    else files.push(args[i]);
  }
  return { files, authority: authority?.trim().toUpperCase() };
};

const percent = (done: number, total: number) => (total ? Math.floor((100 * done) / total) : 100);

/** One status line of a return import: reading the files, then recording children and placements. */
const returnProgressLine = (p: Ssda903ImportProgress, bytes: number, total: number) =>
  p.phase === 'header' || p.phase === 'episodes'
    ? `reading ${percent(bytes, total)}%  header rows ${p.headerRows}  episode rows ${p.episodeRows}  problems ${p.problems.length}`
    : `recording ${percent(p.childrenDone, p.children)}%  children ${p.childrenDone}/${p.children}  imported ${p.childrenImported}  unchanged ${p.childrenUnchanged}  problems ${p.problems.length}`;

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
  async 'import:ofsted'([file]) {
    if (!file) throw new Error(usage);
    const total = statSync(file).size;
    await withApp(async (app) => {
      let bytes = 0;
      let shown = 0;
      const stream = createReadStream(file);
      stream.on('data', (chunk) => (bytes += chunk.length));
      const report = await app.get(OfstedImportService).import(stream, systemActor('ofsted-import'), (p) => {
        if (process.stderr.isTTY) process.stderr.write(`\r${progressLine(p, bytes, total)}`);
        else if (p.rowsRead - shown >= 500) {
          shown = p.rowsRead;
          process.stderr.write(`${progressLine(p, bytes, total)}\n`);
        }
      });
      process.stderr.write(`${process.stderr.isTTY ? '\r' : ''}${progressLine(report, total, total)}\n`);
      for (const n of report.notices) process.stdout.write(`notice: ${n}\n`);
      for (const p of report.problems) {
        process.stdout.write(`line ${p.line}${p.urn ? ` (URN ${p.urn})` : ''}: ${p.field}: ${p.reason}\n`);
      }
      process.stdout.write(
        `${report.imported} imported, ${report.unchanged} already up to date, ${report.skipped} closed and skipped, ${report.problems.length} with problems; ${report.eventsWritten} events written\n`,
      );
    });
  },
  async 'import:903'(args) {
    const { files, authority } = withAuthority(args);
    const [headerFile, episodesFile] = files;
    if (!headerFile || !episodesFile || !authority) throw new Error(usage);
    const total = statSync(headerFile).size + statSync(episodesFile).size;
    await withApp(async (app) => {
      let bytes = 0;
      let shown = '';
      // Opened when the import reaches it: a stream that flows before then would lose its data.
      async function* read(file: string) {
        for await (const chunk of createReadStream(file)) {
          bytes += (chunk as Buffer).length;
          yield chunk as Buffer;
        }
      }
      const report = await app
        .get(Ssda903ImportService)
        .import(
          { header: read(headerFile), episodes: read(episodesFile), localAuthority: authority },
          systemActor('ssda903-import'),
          (p) => {
            if (process.stderr.isTTY) process.stderr.write(`\r${returnProgressLine(p, bytes, total)}`);
            else {
              // Now and then: each phase, every 500 rows read and every 100 children recorded.
              const step = `${p.phase}:${Math.floor((p.headerRows + p.episodeRows) / 500)}:${Math.floor(p.childrenDone / 100)}`;
              if (step !== shown && p.phase !== 'done') {
                shown = step;
                process.stderr.write(`${returnProgressLine(p, bytes, total)}\n`);
              }
            }
          },
        );
      process.stderr.write(
        `${process.stderr.isTTY ? '\r' : ''}${returnProgressLine(report, total, total)}\n`,
      );
      for (const n of report.notices) process.stdout.write(`notice: ${n}\n`);
      for (const p of report.problems) {
        process.stdout.write(
          `${p.file} line ${p.line}${p.child ? ` (CHILD ${p.child})` : ''}: ${p.column}: ${p.reason} [${p.code}]\n`,
        );
      }
      const badRows = new Set(report.problems.map((p) => `${p.file}:${p.line}`)).size;
      process.stdout.write(
        `${report.childrenImported} children imported, ${report.childrenUnchanged} already up to date; ` +
          `${report.placementsImported} placements imported, ${report.placementsUnchanged} already up to date; ` +
          `${report.merged} episodes merged; ${badRows} rows with problems; ${report.eventsWritten} events written\n`,
      );
    });
  },
  async 'export:903'(args) {
    const { files, authority } = withAuthority(args);
    const [episodesFile, headerArg] = files;
    if (!episodesFile) throw new Error(usage);
    const headerFile = headerArg ?? episodesFile.replace(/(\.csv)?$/i, '-header.csv');
    await withApp(async (app) => {
      const out = await app.get(Ssda903ExportService).export(authority ? { localAuthority: authority } : {});
      writeFileSync(episodesFile, out.episodesCsv);
      writeFileSync(headerFile, out.headerCsv);
      process.stdout.write(
        `${out.episodes} episodes of ${out.children} children${out.localAuthority ? ` (${out.localAuthority})` : ''} ` +
          `written to ${episodesFile} and ${headerFile}; HOME_POST and PL_POST are postcode sectors\n`,
      );
    });
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
