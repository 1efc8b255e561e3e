import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { Ssda903ExportService } from '@app/commissioning';
import { MAX_UPLOAD_BYTES } from '@placematch/imports';
import { providerIdFor } from '@placematch/interop';
import { SQL_CLIENT, SqlClient } from '@placematch/sql';
import { AppHarness, startApp, tokenFor } from '../support/app-harness';

// Imports started through the API run as jobs on the `imports` queue (the in-process queue here; see
// ofsted-import.job.int.spec.ts for bull on Redis), and their progress and report are read back from it.

const fixtures = join(__dirname, '..', 'fixtures');
const OFSTED = readFileSync(join(fixtures, 'ofsted-list-dirty.csv'));
const HEADER = readFileSync(join(fixtures, 'ssda903', 'header-dirty.csv'));
const EPISODES = readFileSync(join(fixtures, 'ssda903', 'episodes-dirty.csv'));
const LA = 'E08000021';

interface ImportBody {
  id: string;
  kind: string;
  state: string;
  progress: Record<string, number | string>;
  result?: {
    counts: Record<string, number | string>;
    notices: string[];
    problems: Array<Record<string, unknown> & { line: number; reason: string }>;
  };
  failedReason?: string;
  attemptsMade?: number;
  retryOf?: string;
  uploadKept: boolean;
}

describe('imports as jobs through the API, on PostgreSQL', () => {
  let h: AppHarness;
  let operator: string;
  let sql: SqlClient;
  beforeAll(async () => {
    h = await startApp('postgres');
    operator = await tokenFor('operator');
    sql = h.app.get<SqlClient>(SQL_CLIENT);
  });
  afterAll(() => h.close());

  const auth = (r: request.Test, token = operator) => r.set('Authorization', `Bearer ${token}`);
  const postOfsted = (body: string | Buffer, token = operator) =>
    auth(request(h.http).post('/api/imports/ofsted'), token).set('Content-Type', 'text/csv').send(body);
  const post903 = (files: { header?: Buffer; episodes?: Buffer }, localAuthority = LA, token = operator) => {
    let r = auth(request(h.http).post('/api/imports/ssda903'), token);
    if (files.header) r = r.attach('header', files.header, 'header.csv');
    if (files.episodes) r = r.attach('episodes', files.episodes, 'episodes.csv');
    return r.field('localAuthority', localAuthority);
  };
  const view = (id: string) => auth(request(h.http).get(`/api/imports/${id}`));

  /** Reads the import until it has completed or failed; fails the test if it never does. */
  const finished = async (id: string): Promise<ImportBody> => {
    for (let i = 0; i < 2_000; i++) {
      const res = await view(id).expect(200);
      const body = res.body as ImportBody;
      if (body.state === 'completed' || body.state === 'failed') return body;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`import ${id} never finished`);
  };
  const count = async (table: string) =>
    Number((await sql.query<{ n: string }>(`SELECT count(*) AS n FROM imports.${table}`)).rows[0].n);

  it('imports an Ofsted list: 202 and a Location, progress and the report, the providers registered, the upload deleted', async () => {
    const res = await postOfsted(OFSTED).expect(202);
    const started = res.body as ImportBody;
    expect(res.headers.location).toBe(`/api/imports/${started.id}`);
    expect(started).toMatchObject({ kind: 'ofsted', uploadKept: true });
    expect(['waiting', 'active']).toContain(started.state);

    const done = await finished(started.id);
    const counts = { rowsRead: 9, imported: 3, rejected: 6, unchanged: 0, skipped: 0, eventsWritten: 6 };
    expect(done).toMatchObject({ state: 'completed', progress: counts, attemptsMade: 1, uploadKept: false });
    expect(done.result?.counts).toEqual(counts);
    expect(done.result?.problems.map((p) => [p.line, p.field])).toEqual([
      [4, 'urn'],
      [5, 'placementTypes'],
      [6, 'postcode'],
      [7, 'urn'],
      [8, 'postcode'],
      [10, 'row'],
    ]);
    expect(done.result?.problems.find((p) => p.line === 8)?.reason).toContain('POSTCODE.UNKNOWN');
    expect(done.failedReason).toBeUndefined();

    const provider = await auth(request(h.http).get(`/api/providers/${providerIdFor('SC999101')}`)).expect(
      200,
    );
    expect(provider.body).toMatchObject({ name: 'Test Homes Ltd', ofstedUrn: 'SC999101', status: 'Active' });
    await h.settled();
    const settings = await auth(request(h.http).get('/api/settings')).expect(200);
    expect(settings.body.map((s: { name: string }) => s.name).sort()).toEqual([
      'Test Home One',
      'Test Home Six',
      'Test Home Two',
    ]);
    expect(await count('uploads')).toBe(0);
    expect(await count('upload_files')).toBe(0);
  });

  it('writes nothing when the same list is imported again, so a retried job is safe', async () => {
    const { body } = await postOfsted(OFSTED).expect(202);
    const done = await finished(body.id);
    expect(done).toMatchObject({
      state: 'completed',
      progress: { rowsRead: 9, imported: 0, unchanged: 3, rejected: 6, eventsWritten: 0 },
    });
  });

  it('counts a row with several problems once', async () => {
    const csv = [
      'URN,Provider name,Setting name,Provider type,Local authority,Local authority code,Placement code,Provider Placement Code,Setting postcode',
      "SC99911,Test Homes Ltd,Two Faults Home,Children's Home,Newcastle upon Tyne,E08000021,Q9,PR4,NE1 9ZZ",
      '',
    ].join('\n');
    const { body } = await postOfsted(csv).expect(202);
    const done = await finished(body.id);
    expect(done.result?.problems.length).toBeGreaterThan(1);
    expect(done.progress).toMatchObject({ rowsRead: 1, imported: 0, rejected: 1 });
  });

  it('imports an SSDA903 return: progress by phase, each bad row with its file, line and reason, the upload deleted', async () => {
    const res = await post903({ header: HEADER, episodes: EPISODES }).expect(202);
    expect(res.headers.location).toBe(`/api/imports/${res.body.id}`);
    expect(res.body).toMatchObject({ kind: 'ssda903' });

    const done = await finished(res.body.id);
    const counts = {
      phase: 'done',
      rowsRead: 35,
      headerRows: 9,
      episodeRows: 26,
      children: 4,
      childrenDone: 4,
      imported: 4,
      unchanged: 0,
      placementsImported: 5,
      placementsUnchanged: 0,
      merged: 1,
      rejected: 21,
      eventsWritten: 9,
    };
    expect(done).toMatchObject({ state: 'completed', progress: counts, uploadKept: false });
    expect(done.result?.counts).toEqual(counts);
    expect(done.result?.notices).toEqual(['Episodes file: this column is not imported: TEST_COLUMN']);
    expect(done.result?.problems.map((p) => [p.file, p.line, p.column, p.code]).slice(0, 6)).toEqual([
      ['header', 5, 'SEX', 'CODE.UNKNOWN'],
      ['header', 6, 'DOB', 'DATE.MALFORMED'],
      ['header', 7, 'CHILD', 'ROW.DUPLICATE'],
      ['header', 8, 'ETHNIC', 'CODE.UNKNOWN'],
      ['header', 9, 'row', 'ROW.FIELD_COUNT'],
      ['episodes', 11, 'PLACE', 'EPISODE.TEMPORARY_WITHOUT_PLACEMENT'],
    ]);
    expect(done.result?.problems).toHaveLength(21);

    const exported = await h.app.get(Ssda903ExportService).export();
    expect(exported).toMatchObject({ localAuthority: LA, children: 4, episodes: 9 });
    expect(await count('uploads')).toBe(0);
  });

  it('fails a malformed file at once, without a retry, and keeps its upload for a retry by hand', async () => {
    const { body } = await postOfsted('Name,Colour\nSomething,Blue\n').expect(202);
    const failed = await finished(body.id);
    expect(failed).toMatchObject({ state: 'failed', attemptsMade: 1, uploadKept: true });
    expect(failed.failedReason).toMatch(/^OFSTED.MISSING_COLUMNS: /);
    expect(failed.result).toBeUndefined();

    const retried = await auth(request(h.http).post(`/api/imports/${body.id}/retry`)).expect(202);
    expect(retried.body).toMatchObject({ kind: 'ofsted', retryOf: body.id });
    expect(retried.body.id).not.toBe(body.id);
    expect(retried.headers.location).toBe(`/api/imports/${retried.body.id}`);
    const again = await auth(request(h.http).post(`/api/imports/${body.id}/retry`)).expect(202);
    expect(again.body.id).toBe(retried.body.id);
    expect(await finished(retried.body.id)).toMatchObject({ state: 'failed', attemptsMade: 1 });
  });

  it('refuses to retry an import that did not fail', async () => {
    const { body } = await postOfsted(OFSTED).expect(202);
    await finished(body.id);
    const res = await auth(request(h.http).post(`/api/imports/${body.id}/retry`)).expect(409);
    expect(res.body.code).toBe('IMPORT.NOT_FAILED');
  });

  describe('a bad upload: 400 naming the field and the reason, nothing stored or enqueued', () => {
    let imports: number;
    let uploads: number;
    beforeAll(async () => {
      [imports, uploads] = [await count('imports'), await count('uploads')];
    });

    it.each([
      ['an empty body', '', 'IMPORT.FILE_EMPTY', 'body'],
      ['blank lines only', '\r\n\r\n', 'IMPORT.FILE_EMPTY', 'body'],
      [
        'a spreadsheet workbook',
        Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]),
        'IMPORT.NOT_CSV',
        'body',
      ],
      [
        'Windows-1252 text',
        Buffer.from('URN,Name\nSC999101,Caf\xe9 Homes\n', 'latin1'),
        'IMPORT.NOT_CSV',
        'body',
      ],
    ])('Ofsted: %s', async (_what, body, code, field) => {
      const res = await postOfsted(body).expect(400);
      expect(res.body).toMatchObject({ code, details: { field } });
      expect(res.body.message).toMatch(new RegExp(`^${field}: `));
    });

    it('Ofsted: a body that is not text/csv', async () => {
      const res = await auth(request(h.http).post('/api/imports/ofsted'))
        .send({ csv: OFSTED.toString() })
        .expect(400);
      expect(res.body).toMatchObject({ code: 'IMPORT.NOT_CSV', details: { field: 'Content-Type' } });
      expect(res.body.message).toContain('text/csv');
    });

    it('Ofsted: a file over the limit, saying the limit', async () => {
      const res = await postOfsted(Buffer.alloc(MAX_UPLOAD_BYTES + 1, 'a')).expect(400);
      expect(res.body).toMatchObject({ code: 'IMPORT.FILE_TOO_LARGE', details: { field: 'body' } });
      expect(res.body.message).toContain('20 MB');
    });

    it('SSDA903: a file missing', async () => {
      const res = await post903({ header: HEADER }).expect(400);
      expect(res.body).toMatchObject({ code: 'IMPORT.FILE_MISSING', details: { field: 'episodes' } });
    });

    it('SSDA903: an empty file', async () => {
      const res = await post903({ header: Buffer.from(''), episodes: EPISODES }).expect(400);
      expect(res.body).toMatchObject({ code: 'IMPORT.FILE_EMPTY', details: { field: 'header' } });
    });

    it('SSDA903: a file over the limit', async () => {
      const res = await post903({ header: HEADER, episodes: Buffer.alloc(MAX_UPLOAD_BYTES + 1, 'a') }).expect(
        400,
      );
      expect(res.body).toMatchObject({ code: 'IMPORT.FILE_TOO_LARGE', details: { field: 'episodes' } });
    });

    it('SSDA903: no authority, or not a children’s services authority', async () => {
      for (const la of ['', 'E07000001']) {
        const res = await post903({ header: HEADER, episodes: EPISODES }, la).expect(400);
        expect(res.body.code).toBe('VALIDATION.FAILED');
        expect(res.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['localAuthority']);
      }
    });

    it('stored and enqueued none of them', async () => {
      expect(await count('imports')).toBe(imports);
      expect(await count('uploads')).toBe(uploads);
    });
  });

  it('is for operators only: 403 for anyone else', async () => {
    const officer = await tokenFor('placement-officer', { la: LA });
    const commissioner = await tokenFor('commissioner', { region: 'london' });
    const before = await count('imports');
    await postOfsted(OFSTED, officer).expect(403);
    await post903({ header: HEADER, episodes: EPISODES }, LA, commissioner).expect(403);
    const { body } = await postOfsted(OFSTED).expect(202);
    await view(body.id).set('Authorization', `Bearer ${officer}`).expect(403);
    await auth(request(h.http).post(`/api/imports/${body.id}/retry`), commissioner).expect(403);
    expect(await count('imports')).toBe(before + 1);
    await finished(body.id);
  });

  it('answers 404 for an unknown import', async () => {
    for (const id of ['7b0c1a52-3f7e-4c55-9d8e-0f3f6f0b9a11', 'not-an-id']) {
      const res = await view(id).expect(404);
      expect(res.body.code).toBe('IMPORT.NOT_FOUND');
    }
    await auth(request(h.http).post('/api/imports/7b0c1a52-3f7e-4c55-9d8e-0f3f6f0b9a11/retry')).expect(404);
  });
});
