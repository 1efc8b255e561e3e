import { INestApplicationContext } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { NestFactory } from '@nestjs/core';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImportJobs, importQueue, ImportView } from '@placematch/imports';
import { JOB_QUEUE, JobQueue } from '@placematch/job-queue';
import { systemActor } from '@placematch/kernel';
import { JsonLogger, loadConfig, PlatformModule } from '@placematch/platform';
import { captureStdout, StdoutCapture } from '@placematch/platform/testing';
import { RuntimeModule } from '@placematch/runtime';
import { SQL_CLIENT, SqlClient } from '@placematch/sql';
import { ProviderApiModule } from '../provider-api.module';
import { OFSTED_IMPORT } from './ofsted-import.job';

// The Ofsted import job through bull on a real Redis (under a key prefix of its own), the supply module on
// PGlite: enqueued by the API's service, run by the `imports` worker, read back from the queue.

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Runs redis-cli against the test's Redis and returns its output lines. The test reads Redis itself, with the
 * server's own client rather than a second Redis library in the code, to show no uploaded content reached it.
 */
const redisCli = (...args: string[]): string[] =>
  execFileSync('redis-cli', ['-u', REDIS_URL, '--raw', ...args], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line !== '');
const LIST = readFileSync(
  join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'ofsted-list-dirty.csv'),
);

describe('Ofsted import jobs on bull', () => {
  const prefix = `pm-imports-int-${Date.now().toString(36)}`;
  let dir: string;
  let app: INestApplicationContext;
  let imports: ImportJobs;
  let stdout: StdoutCapture;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'placematch-imports-int-'));
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'debug', PLACEMATCH_DATA_DIR: dir });
    stdout = captureStdout();
    app = await NestFactory.createApplicationContext(
      {
        module: class ImportsIntRoot {},
        imports: [
          PlatformModule.forRoot(config),
          CqrsModule.forRoot(),
          RuntimeModule.forRoot({
            eventStore: 'pglite',
            readModels: 'pglite',
            dataDir: dir,
            privacyMasterKey: config.privacyMasterKey,
            jobs: { kind: 'bull', redisUrl: REDIS_URL, prefix },
          }),
          ProviderApiModule,
        ],
      },
      { logger: new JsonLogger({ level: 'debug' }), abortOnError: false },
    );
    await app.init();
    imports = app.get(ImportJobs);
  });

  afterAll(async () => {
    stdout?.restore();
    await app?.close();
    const keys = redisCli('--scan', '--pattern', `${prefix}:*`);
    if (keys.length > 0) redisCli('del', ...keys);
    rmSync(dir, { recursive: true, force: true });
  });

  const finished = async (id: string): Promise<ImportView> => {
    for (let i = 0; i < 2_000; i++) {
      const view = await imports.view(id);
      if (view?.state === 'completed' || view?.state === 'failed') return view;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`import ${id} never finished`);
  };

  /** Every string value under the test's prefix, as Redis holds it. */
  const everythingInRedis = async (): Promise<string> => {
    const values: string[] = [];
    for (const key of redisCli('--scan', '--pattern', `${prefix}:*`)) {
      const [type] = redisCli('type', key);
      if (type === 'hash') values.push(...redisCli('hgetall', key));
      else if (type === 'string') values.push(...redisCli('get', key));
      else if (type === 'list') values.push(...redisCli('lrange', key, '0', '-1'));
      else if (type === 'zset') values.push(...redisCli('zrange', key, '0', '-1'));
    }
    return values.join('\n');
  };

  it('runs the import on the queue: progress and result read back, only the upload id in Redis', async () => {
    const started = await imports.start(OFSTED_IMPORT, { files: { csv: LIST } }, systemActor('test'));
    const done = await finished(started.id);
    expect(done).toMatchObject({
      kind: 'ofsted',
      state: 'completed',
      attemptsMade: 1,
      progress: { rowsRead: 9, imported: 3, rejected: 6 },
      uploadKept: false,
    });
    expect(done.result?.problems.map((p) => p.line)).toEqual([4, 5, 6, 7, 8, 10]);

    const job = await app.get<JobQueue>(JOB_QUEUE).getJob(importQueue('ofsted'), started.id);
    expect(job).toMatchObject({ name: 'ofsted', state: 'completed', progress: { rowsRead: 9 } });
    expect(Object.keys(job?.data as object)).toEqual(['uploadId']);
    const held = await everythingInRedis();
    expect(held).toContain(started.id);
    for (const content of ['SC999101', 'Test Home One', 'NE1 9ZZ']) expect(held).not.toContain(content);

    const sql = app.get<SqlClient>(SQL_CLIENT);
    const { rows } = await sql.query<{ n: string }>('SELECT count(*) AS n FROM imports.uploads');
    expect(rows[0].n).toBe('0');
  });

  it('fails a malformed file after one attempt (PermanentJobError), keeping the upload', async () => {
    const started = await imports.start(
      OFSTED_IMPORT,
      { files: { csv: Buffer.from('Name,Colour\nSomething,Blue\n') } },
      systemActor('test'),
    );
    const done = await finished(started.id);
    expect(done).toMatchObject({ state: 'failed', attemptsMade: 1, uploadKept: true });
    expect(done.failedReason).toMatch(/^OFSTED.MISSING_COLUMNS: /);
  });

  it('logs imports by id, kind and counts, never a row', () => {
    const logged = stdout.records().filter((r) => r.context === 'Imports');
    expect(logged.map((r) => r.msg)).toEqual(
      expect.arrayContaining(['import enqueued', 'import completed', 'import attempt failed']),
    );
    expect(logged.find((r) => r.msg === 'import completed')).toMatchObject({ rowsRead: 9, imported: 3 });
    const text = stdout.lines().join('\n');
    for (const content of ['SC999101', 'Test Home One', 'NE1 9ZZ', 'Something'])
      expect(text).not.toContain(content);
  });
});
