import { randomUUID } from 'node:crypto';
import { PgliteSqlClient } from '@placematch/sql';
import { DEFAULT_RETENTION, ImportStore } from './import.store';

const DAY = 24 * 60 * 60 * 1000;
const actor = { id: 'test-operator', role: 'operator' };
const counts = { rowsRead: 2, imported: 1, rejected: 1 };

describe('ImportStore on PGlite', () => {
  let sql: PgliteSqlClient;
  let store: ImportStore;
  beforeEach(async () => {
    sql = await PgliteSqlClient.open();
    store = new ImportStore(sql);
    await store.onModuleInit();
    await store.onModuleInit();
  });
  afterEach(() => sql.close());

  const create = (now: Date, files: Record<string, Uint8Array> = { csv: Buffer.from('URN\nSC999101\n') }) => {
    const importId = randomUUID();
    return store.create({
      importId,
      uploadId: randomUUID(),
      kind: 'ofsted',
      files,
      params: { localAuthority: 'E08000021' },
      actor,
      correlationId: importId,
      now,
    });
  };
  const uploads = async () =>
    Number((await sql.query<{ n: string }>('SELECT count(*) AS n FROM imports.uploads')).rows[0].n);

  it('stores the upload byte for byte, and deletes it when the import completes', async () => {
    const bytes = Buffer.from('\uFEFFCHILD,SEX\r\n1001,1\r\n');
    const record = await create(new Date(), { header: bytes, episodes: Buffer.from('CHILD\n') });
    const upload = await store.upload(record.uploadId!);
    expect(upload).toMatchObject({ kind: 'ofsted', params: { localAuthority: 'E08000021' } });
    expect(Buffer.from(upload!.files.header).equals(bytes)).toBe(true);
    expect(Object.keys(upload!.files).sort()).toEqual(['episodes', 'header']);

    await store.complete(
      record.importId,
      { counts, notices: [], problems: [{ line: 2, reason: 'bad' }] },
      new Date(),
    );
    expect(await store.upload(record.uploadId!)).toBeNull();
    expect(await store.get(record.importId)).toMatchObject({
      outcome: 'completed',
      uploadId: null,
      counts,
      report: { notices: [], problems: [{ line: 2, reason: 'bad' }] },
    });
    expect(await sql.query('SELECT * FROM imports.upload_files')).toMatchObject({ rows: [] });
  });

  it('keeps a failed import’s upload, and retries it once as a new import of the same upload', async () => {
    const failed = await create(new Date());
    await store.fail(failed.importId, 'OFSTED.NO_HEADER: empty', new Date());
    expect(await store.get(failed.importId)).toMatchObject({ outcome: 'failed', uploadId: failed.uploadId });

    const retry = { failedId: failed.importId, actor, correlationId: 'c-2', now: new Date() };
    const first = await store.retry({ ...retry, importId: randomUUID() });
    const second = await store.retry({ ...retry, importId: randomUUID() });
    expect(first).toMatchObject({ retryOf: failed.importId, uploadId: failed.uploadId, outcome: null });
    expect(second?.importId).toBe(first?.importId);
    expect(await store.unfinished()).toEqual([first]);

    await store.complete(first!.importId, { counts, notices: [], problems: [] }, new Date());
    expect(await store.get(failed.importId)).toMatchObject({ uploadId: null });
    expect(await store.unfinished()).toEqual([]);
  });

  it('discards an import never enqueued, with its upload', async () => {
    const record = await create(new Date());
    await store.discard(record.importId);
    expect(await store.get(record.importId)).toBeNull();
    expect(await uploads()).toBe(0);
  });

  it('refuses to retry an import whose upload is gone', async () => {
    const done = await create(new Date());
    await store.complete(done.importId, { counts, notices: [], problems: [] }, new Date());
    expect(
      await store.retry({
        failedId: done.importId,
        importId: randomUUID(),
        actor,
        correlationId: 'c',
        now: new Date(),
      }),
    ).toBeNull();
    expect(
      await store.retry({
        failedId: randomUUID(),
        importId: randomUUID(),
        actor,
        correlationId: 'c',
        now: new Date(),
      }),
    ).toBeNull();
  });

  it('cleans up: an upload 7 days after its latest import started, a record 30 days after it finished', async () => {
    const now = new Date('2025-03-01T03:17:00Z');
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    const oldFailed = await create(ago(8));
    await store.fail(oldFailed.importId, 'failed', ago(8));
    const recentFailed = await create(ago(6));
    await store.fail(recentFailed.importId, 'failed', ago(6));
    // Failed 10 days ago, retried 2 days ago: the upload is kept for the retry.
    const retried = await create(ago(10));
    await store.fail(retried.importId, 'failed', ago(10));
    await store.retry({
      failedId: retried.importId,
      importId: randomUUID(),
      actor,
      correlationId: 'c',
      now: ago(2),
    });
    const oldDone = await create(ago(31));
    await store.complete(oldDone.importId, { counts, notices: [], problems: [] }, ago(31));

    expect(await store.cleanup(now, DEFAULT_RETENTION)).toEqual({ uploads: 1, imports: 1 });
    expect(await store.get(oldFailed.importId)).toMatchObject({ uploadId: null, outcome: 'failed' });
    expect(await store.get(recentFailed.importId)).toMatchObject({ uploadId: recentFailed.uploadId });
    expect(await store.get(retried.importId)).toMatchObject({ uploadId: retried.uploadId });
    expect(await store.get(oldDone.importId)).toBeNull();
    expect(await uploads()).toBe(2);
    expect(await store.cleanup(now)).toEqual({ uploads: 0, imports: 0 });
  });
});
