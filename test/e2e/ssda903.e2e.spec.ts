import type { INestApplication } from '@nestjs/common';
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_STORE, EventStore } from '@placematch/event-store';
import { PLACEMATCH_NAMESPACE, ReturnIds, uuidV5 } from '@placematch/interop';
import { systemActor } from '@placematch/kernel';
import { createHttpApp, loadConfig } from '@placematch/platform';
import { SQL_CLIENT, SqlClient } from '@placematch/sql';
import {
  Ssda903ExportService,
  Ssda903ImportProgress,
  Ssda903ImportService,
  Ssda903Module,
  SSDA903_RETURN_IDS,
} from '../../apps/commissioning/src/ssda903';
import { PlacematchModule } from '../../apps/placematch/src/placematch.module';
import { TEST_SECRET, freshDatabase } from '../support/app-harness';

// The SSDA903 import and export through the real app on PostgreSQL: Placematch as `npm start` builds it, with
// the SSDA903 module beside it (as apps/placematch will mount it).

const LA = 'E08000021';
const fixtures = join(__dirname, '..', 'fixtures', 'ssda903');
const HEADER = join(fixtures, 'header-dirty.csv');
const EPISODES = join(fixtures, 'episodes-dirty.csv');

interface Running {
  app: INestApplication;
  close(): Promise<void>;
}

/** The product on a fresh PostgreSQL database, with the SSDA903 module. */
const start = async (): Promise<Running> => {
  const dir = mkdtempSync(join(tmpdir(), 'placematch-903-'));
  const db = await freshDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    AUTH_JWT_SECRET: TEST_SECRET,
    PLACEMATCH_DATA_DIR: dir,
    EVENT_STORE: 'postgres',
    DATABASE_URL: db.url,
  });
  const app = await createHttpApp(
    { module: class Ssda903E2eRoot {}, imports: [PlacematchModule.forRoot(config), Ssda903Module] },
    config,
  );
  return {
    app,
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
      await db.drop();
    },
  };
};

const importFiles = (
  app: INestApplication,
  header: string,
  episodes: string,
  onProgress?: (p: Ssda903ImportProgress) => void,
) =>
  app
    .get(Ssda903ImportService)
    .import(
      { header: createReadStream(header), episodes: createReadStream(episodes), localAuthority: LA },
      systemActor('test'),
      onProgress,
    );

/** Every placement history in the log, by stream, as the store reads it. */
const histories = async (app: INestApplication) => {
  const store = app.get<EventStore>(EVENT_STORE);
  const page = await store.readAll('start' as never, 10_000);
  return Object.fromEntries(
    page.events.filter((e) => e.type === 'HistoricPlacementRecorded').map((e) => [e.streamId, e.data]),
  );
};

describe('SSDA903 return import and export on PostgreSQL', () => {
  let first: Running;
  let fresh: Running;
  let work: string;
  beforeAll(async () => {
    [first, fresh] = await Promise.all([start(), start()]);
    work = mkdtempSync(join(tmpdir(), 'placematch-903-files-'));
  });
  afterAll(async () => {
    rmSync(work, { recursive: true, force: true });
    await Promise.all([first?.close(), fresh?.close()]);
  });

  it('reports every bad row with its file, line and reason, imports the good rows, and shows progress', async () => {
    const phases: string[] = [];
    const report = await importFiles(first.app, HEADER, EPISODES, (p) => {
      if (phases.at(-1) !== p.phase) phases.push(p.phase);
    });
    expect(phases).toEqual(['header', 'episodes', 'recording', 'done']);
    expect(report.problems.map((p) => [p.file, p.line, p.column, p.code])).toEqual([
      ['header', 5, 'SEX', 'CODE.UNKNOWN'],
      ['header', 6, 'DOB', 'DATE.MALFORMED'],
      ['header', 7, 'CHILD', 'ROW.DUPLICATE'],
      ['header', 8, 'ETHNIC', 'CODE.UNKNOWN'],
      ['header', 9, 'row', 'ROW.FIELD_COUNT'],
      ['episodes', 11, 'PLACE', 'EPISODE.TEMPORARY_WITHOUT_PLACEMENT'],
      ['episodes', 13, 'DECOM', 'EPISODE.OVERLAPS'],
      ['episodes', 14, 'CHILD', 'CHILD.NOT_IN_HEADER'],
      ['episodes', 15, 'CHILD', 'CHILD.NOT_IN_HEADER'],
      ['episodes', 16, 'RNE', 'CODE.UNKNOWN'],
      ['episodes', 17, 'DECOM', 'DATE.MALFORMED'],
      ['episodes', 18, 'PL_POST', 'POSTCODE.MALFORMED'],
      ['episodes', 19, 'PLACE', 'CODE.UNKNOWN'],
      ['episodes', 20, 'row', 'ROW.FIELD_COUNT'],
      ['episodes', 21, 'row', 'ROW.DUPLICATE'],
      ['episodes', 22, 'row', 'ROW.CONFLICTING_DUPLICATE'],
      ['episodes', 23, 'REC', 'EPISODE.DEC_WITHOUT_REC'],
      ['episodes', 24, 'URN', 'URN.MALFORMED'],
      ['episodes', 25, 'DECOM', 'DATE.BEFORE_BIRTH'],
      ['episodes', 26, 'DECOM', 'DATE.IN_FUTURE'],
      ['episodes', 27, 'row', 'CSV.MALFORMED'],
    ]);
    expect(report.problems.find((p) => p.line === 14 && p.file === 'episodes')?.reason).toBe(
      "CHILD 1004's Header row (line 5) was not imported",
    );
    expect(report.notices).toEqual(['Episodes file: this column is not imported: TEST_COLUMN']);
    expect(report).toMatchObject({
      headerRows: 9,
      episodeRows: 26,
      children: 4,
      childrenDone: 4,
      childrenImported: 4,
      childrenUnchanged: 0,
      placementsImported: 5,
      placementsUnchanged: 0,
      merged: 1,
      // 4 children and 5 placements, one event each.
      eventsWritten: 9,
    });

    // 1001: one placement through a legal status change, a stay in hospital (T1) and the return; then a move.
    // Ids keyed by the app's privacy master key: not the public UUID v5 of the authority and CHILD.
    const ids = first.app.get<ReturnIds>(SSDA903_RETURN_IDS);
    const h = await histories(first.app);
    const foster = h[`placementhistory-${ids.placementIdFor(LA, '1001', '2021-04-01')}`] as Record<
      string,
      unknown
    >;
    expect(foster.childId).not.toBe(uuidV5(`ssda903-child:${LA}:1001`, PLACEMATCH_NAMESPACE));
    expect(foster).toMatchObject({
      childId: ids.childIdFor(LA, '1001'),
      startedOn: '2021-04-01',
      endedOn: '2022-09-01',
      rec: 'X1',
      reasonPlaceChange: 'CREQB',
      placementType: 'U6',
      placementSector: 'NE3 1',
      temporaryMoves: [{ code: 'T1', startedOn: '2022-01-10', endedOn: '2022-01-14' }],
    });
    expect((foster.episodes as unknown[]).length).toBe(4);
  });

  it('keeps CHILD, DOB and UPN encrypted in the log', async () => {
    const sql = first.app.get<SqlClient>(SQL_CLIENT);
    const { rows } = await sql.query<{ data: string }>(
      "SELECT data::text AS data FROM placematch_events.events WHERE type = 'ChildRecordedFromReturn'",
    );
    expect(rows).toHaveLength(4);
    const text = rows.map((r) => r.data).join('\n');
    for (const personal of ['"1001"', '2012-06-15', 'A123456789012', '2023-04-03'])
      expect(text).not.toContain(personal);
    expect(text).toContain('"birthMonth": "2012-06"');
  });

  it('changes nothing when the same files are imported again', async () => {
    const again = await importFiles(first.app, HEADER, EPISODES);
    expect(again).toMatchObject({
      eventsWritten: 0,
      childrenImported: 0,
      childrenUnchanged: 4,
      placementsImported: 0,
      placementsUnchanged: 5,
    });
    expect(again.problems).toHaveLength(21);
  });

  it('round trip: export, import into a fresh store, export again: identical files and the same histories', async () => {
    const exported = await first.app.get(Ssda903ExportService).export();
    expect(exported).toMatchObject({ localAuthority: LA, children: 4, episodes: 9 });
    expect(exported.episodesCsv.split('\r\n')[0]).toBe(
      'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN',
    );
    expect(exported.episodesCsv).toContain('1001,01/09/2022,P,C2,N4,K2,PR4,,,,NE1 9,DH1 4,SC999002\r\n');
    const header = join(work, 'header.csv');
    const episodes = join(work, 'episodes.csv');
    writeFileSync(header, exported.headerCsv);
    writeFileSync(episodes, exported.episodesCsv);

    const reimported = await importFiles(fresh.app, header, episodes);
    expect(reimported.problems).toEqual([]);
    expect(reimported).toMatchObject({ childrenImported: 4, placementsImported: 5, merged: 0 });
    const again = await fresh.app.get(Ssda903ExportService).export();
    expect(again.headerCsv).toBe(exported.headerCsv);
    expect(again.episodesCsv).toBe(exported.episodesCsv);
    expect(await histories(fresh.app)).toEqual(await histories(first.app));
  });
});

describe('the import:903 and export:903 commands', () => {
  it('show progress and a report, import into the embedded database, and export it', () => {
    const root = join(__dirname, '..', '..');
    const dir = mkdtempSync(join(tmpdir(), 'placematch-903-cli-'));
    const cli = (...args: string[]) =>
      spawnSync(
        process.execPath,
        [
          '-r',
          join(root, 'scripts', 'register.js'),
          join(root, 'apps', 'placematch', 'src', 'cli.ts'),
          ...args,
        ],
        {
          env: { PATH: process.env.PATH, PLACEMATCH_DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'error' },
          encoding: 'utf8',
          timeout: 120_000,
        },
      );
    try {
      const run = cli('import:903', HEADER, EPISODES, '--authority', LA);
      expect(run.stderr).toContain('reading 100%');
      expect(run.stderr).toContain('recording 100%  children 4/4  imported 4  unchanged 0  problems 21');
      expect(run.stdout).toContain('notice: Episodes file: this column is not imported: TEST_COLUMN');
      expect(run.stdout).toContain(
        'header line 5 (CHILD 1004): SEX: SEX "3" is not an SSDA903 SEX code (1 male, 2 female) [CODE.UNKNOWN]',
      );
      expect(run.stdout).toContain(
        'episodes line 13 (CHILD 1001): DECOM: DECOM 15/03/2024 is while the episode on line 6 is still open (it has no DEC) [EPISODE.OVERLAPS]',
      );
      expect(run.stdout).toContain(
        '4 children imported, 0 already up to date; 5 placements imported, 0 already up to date; 1 episodes merged; 21 rows with problems; 9 events written',
      );
      expect(run.status).toBe(0);

      const out = join(dir, 'episodes.csv');
      const exported = cli('export:903', out);
      expect(exported.stdout).toContain(
        `9 episodes of 4 children (${LA}) written to ${out} and ${join(dir, 'episodes-header.csv')}`,
      );
      expect(exported.status).toBe(0);
      expect(readFileSync(join(dir, 'episodes-header.csv'), 'utf8').split('\r\n')).toHaveLength(6);

      expect(cli('import:903', HEADER, EPISODES).status).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
