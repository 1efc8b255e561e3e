import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { OfstedImportService } from '@app/provider-api';
import { systemActor } from '@placematch/kernel';
import { AppHarness, startApp, tokenFor } from '../support/app-harness';

const fixture = join(__dirname, '..', 'fixtures', 'ofsted-list-dirty.csv');

describe('Ofsted provider list import on PostgreSQL', () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startApp('postgres');
  });
  afterAll(() => h.close());

  it('reports every bad row with its line and reason, imports the good rows, and changes nothing the second time', async () => {
    const service = h.app.get(OfstedImportService);
    const seen: number[] = [];
    const first = await service.import(createReadStream(fixture), systemActor('test'), (p) =>
      seen.push(p.rowsRead),
    );
    expect(seen.at(-1)).toBe(9);
    expect(first).toMatchObject({ rowsRead: 9, imported: 3, unchanged: 0 });
    expect(first.problems.map((p) => [p.line, p.field])).toEqual([
      [4, 'urn'],
      [5, 'placementTypes'],
      [6, 'postcode'],
      [7, 'urn'],
      [8, 'postcode'],
      [10, 'row'],
    ]);
    expect(first.problems.find((p) => p.line === 8)?.reason).toContain('POSTCODE.UNKNOWN');
    expect(first.problems.find((p) => p.line === 7)?.reason).toMatch(/line 2/);

    const second = await service.import(createReadStream(fixture), systemActor('test'));
    expect(second).toMatchObject({ imported: 0, unchanged: 3, eventsWritten: 0 });
    expect(second.problems).toHaveLength(first.problems.length);

    await h.settled();
    const operator = await tokenFor('operator');
    const settings = await request(h.http)
      .get('/api/settings')
      .set('Authorization', `Bearer ${operator}`)
      .expect(200);
    expect(settings.body.map((s: { name: string }) => s.name).sort()).toEqual([
      'Test Home One',
      'Test Home Six',
      'Test Home Two',
    ]);
  });
});

describe('the import command', () => {
  it('shows progress and a report, and imports into the embedded database', async () => {
    const { spawnSync } = await import('node:child_process');
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const root = join(__dirname, '..', '..');
    const dir = mkdtempSync(join(tmpdir(), 'placematch-import-'));
    try {
      const run = spawnSync(
        process.execPath,
        [
          '-r',
          join(root, 'scripts', 'register.js'),
          join(root, 'apps', 'placematch', 'src', 'cli.ts'),
          'import:ofsted',
          fixture,
        ],
        {
          env: { PATH: process.env.PATH, PLACEMATCH_DATA_DIR: dir, LOG_LEVEL: 'error' },
          encoding: 'utf8',
          timeout: 120_000,
        },
      );
      expect(run.stderr).toContain('100%  rows 9  imported 3');
      expect(run.stdout).toContain('line 4: urn: URN "SC99910" is not an Ofsted URN');
      expect(run.stdout).toContain('3 imported, 0 already up to date, 0 closed and skipped, 6 with problems');
      expect(run.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
