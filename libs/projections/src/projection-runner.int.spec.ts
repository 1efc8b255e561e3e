import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { EventStore, InMemoryEventStore, SqlEventStore } from '@placematch/event-store';
import { PgliteSqlClient, PostgresSqlClient, SqlClient } from '@placematch/sql';
import { ProjectionRunner } from './projection-runner';
import { readActivity, streamActivityProjection } from './testing/stream-activity.projection';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const root = join(__dirname, '..', '..', '..');
const meta = {
  actor: { id: 'test', role: 'operator' },
  correlationId: 'c',
  causationId: 'c',
  occurredAt: '2026-11-22T00:00:00Z',
};

const writeEvents = async (store: EventStore, streams: number, perStream: number) => {
  for (let i = 0; i < perStream; i++) {
    for (let s = 0; s < streams; s++) {
      await store.append(
        `thing-${s}`,
        [{ type: i % 2 ? 'Changed' : 'Touched', schemaVersion: 1, data: { i }, metadata: meta }],
        i === 0 ? 'no_stream' : i - 1,
      );
    }
  }
};

describe('projection runner on PostgreSQL', () => {
  const tag = `pr_${Date.now().toString(36)}`;
  let sql: PostgresSqlClient;
  let store: SqlEventStore;
  beforeAll(async () => {
    sql = new PostgresSqlClient({ connectionString: DATABASE_URL });
    store = await SqlEventStore.open(sql, { schema: `${tag}_events`, idlePollMs: 20 });
    await writeEvents(store, 10, 30);
  });
  afterAll(async () => {
    for (const s of ['events', 'rm', 'cp', 'rm2', 'cp2'])
      await sql.exec(`DROP SCHEMA IF EXISTS ${tag}_${s} CASCADE`);
    await sql.close();
  });

  it('after a kill in the middle of a page, recovers to a read model identical to a clean rebuild', async () => {
    const child = spawn(
      process.execPath,
      [
        '-r',
        join(root, 'scripts', 'register.js'),
        join(__dirname, 'testing', 'crash-child.ts'),
        DATABASE_URL,
        `${tag}_events`,
        `${tag}_rm`,
        `${tag}_cp`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('PAUSED') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited early with ${code}`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    // The first page (100 events) was committed with its checkpoint; the 50 rows of the second were not.
    const afterCrash = await readActivity(sql, `${tag}_rm`);
    expect(afterCrash.events).toHaveLength(100);

    const recovered = new ProjectionRunner(store, sql, [streamActivityProjection(`${tag}_rm`)], {
      schema: `${tag}_cp`,
      batchSize: 100,
    });
    await recovered.start();
    await recovered.caughtUp();
    await recovered.stop();
    const afterRecovery = await readActivity(sql, `${tag}_rm`);
    expect(afterRecovery.events).toHaveLength(300);
    expect((await recovered.status())[0]).toMatchObject({ name: 'stream-activity', eventsApplied: 300 });

    const clean = new ProjectionRunner(store, sql, [streamActivityProjection(`${tag}_rm2`)], {
      schema: `${tag}_cp2`,
      batchSize: 77,
    });
    await clean.start();
    await clean.rebuild('stream-activity');
    await clean.stop();
    expect(afterRecovery).toEqual(await readActivity(sql, `${tag}_rm2`));
    expect(afterRecovery.counts).toHaveLength(10);
    expect(afterRecovery.counts.every((c) => (c as { events: number }).events === 30)).toBe(true);
  });

  it('never applies a page twice when two runners share a projection', async () => {
    const a = new ProjectionRunner(store, sql, [streamActivityProjection(`${tag}_rm`)], {
      schema: `${tag}_cp`,
      batchSize: 13,
    });
    const b = new ProjectionRunner(store, sql, [streamActivityProjection(`${tag}_rm`)], {
      schema: `${tag}_cp`,
      batchSize: 13,
    });
    await a.start();
    await b.start();
    await a.rebuild('stream-activity');
    await writeEvents(store, 3, 0);
    for (let i = 0; i < 20; i++)
      await store.append(
        `late-${tag}`,
        [{ type: 'Late', schemaVersion: 1, data: { i }, metadata: meta }],
        i === 0 ? 'no_stream' : i - 1,
      );
    await waitFor(async () => (await readActivity(sql, `${tag}_rm`)).events.length === 320);
    await a.caughtUp();
    await b.caughtUp();
    await a.stop();
    await b.stop();
    const { counts } = await readActivity(sql, `${tag}_rm`);
    expect(counts.find((c) => (c as { stream_id: string }).stream_id === `late-${tag}`)).toMatchObject({
      events: 20,
    });
  });
});

describe('projection runner on PGlite with an in-memory log', () => {
  let sql: SqlClient;
  beforeAll(async () => {
    sql = await PgliteSqlClient.open();
  });
  afterAll(() => sql.close());

  it('rebuilds when the projection version changes and keeps the checkpoint otherwise', async () => {
    const store = new InMemoryEventStore();
    await writeEvents(store, 2, 5);
    const first = new ProjectionRunner(store, sql, [streamActivityProjection('rm')]);
    await first.start();
    await first.caughtUp();
    await first.stop();
    expect((await readActivity(sql, 'rm')).events).toHaveLength(10);
    const same = new ProjectionRunner(store, sql, [streamActivityProjection('rm')]);
    await same.start();
    await same.caughtUp();
    await same.stop();
    expect((await same.status())[0].eventsApplied).toBe(10);
    const bumped = new ProjectionRunner(store, sql, [{ ...streamActivityProjection('rm'), version: 2 }]);
    await bumped.start();
    await bumped.caughtUp();
    await bumped.stop();
    expect((await readActivity(sql, 'rm')).events).toHaveLength(10);
    expect((await bumped.status())[0]).toMatchObject({ version: 2, eventsApplied: 10 });
  });
});

const waitFor = async (check: () => Promise<boolean>, ms = 15_000) => {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};
