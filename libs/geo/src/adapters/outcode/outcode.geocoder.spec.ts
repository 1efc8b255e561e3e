import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DomainError } from '@placematch/kernel';
import { GeodataError } from '../../geodata.error';
import {
  defaultOutcodeCentroidsPath,
  outcodeCentroids,
  OUTCODE_CENTROIDS_FILE,
  readOutcodeCentroids,
} from './outcode-centroids';
import { OutcodeGeocoder } from './outcode.geocoder';

const repoRoot = resolve(__dirname, '../../../../..');
const shipped = join(repoRoot, 'libs/geo/data', OUTCODE_CENTROIDS_FILE);

const rejection = async (p: Promise<unknown>): Promise<DomainError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
};

const geodataError = (run: () => unknown): GeodataError => {
  try {
    run();
  } catch (e) {
    if (e instanceof GeodataError) return e;
    throw e;
  }
  throw new Error('expected a GeodataError');
};

describe('OutcodeGeocoder (shipped district table)', () => {
  const geocoder = new OutcodeGeocoder();

  it.each([
    // Rows of libs/geo/data/outcode-centroids-gb.csv.
    ['TS1 2AB', 'TS1', 'TS1 2', 449300, 519900, 'England'],
    ['sw1a 2aa', 'SW1A', 'SW1A 2', 529700, 179900, 'England'],
    ['M1 1AE', 'M1', 'M1 1', 384400, 397900, 'England'],
    ['CF10 1AA', 'CF10', 'CF10 1', 318300, 175700, 'Wales'],
    ['BT1 1AA', 'BT1', 'BT1 1', 146300, 529800, 'Northern Ireland'],
  ])('places %s at the %s centroid', async (postcode, outcode, sector, easting, northing, country) => {
    await expect(geocoder.locate(postcode)).resolves.toEqual({
      postcode: postcode.toUpperCase(),
      outcode,
      sector,
      grid: { easting, northing },
      country,
      precision: 'district',
    });
  });

  it('does not claim a local authority: a district can straddle several', async () => {
    expect((await geocoder.locate('TS1 2AB')).localAuthority).toBeUndefined();
  });

  it('answers a well-formed postcode in a district it lacks with POSTCODE.UNKNOWN naming it', async () => {
    const e = await rejection(geocoder.locate('aa1 1aa'));
    expect(e.kind).toBe('validation');
    expect(e.code).toBe('POSTCODE.UNKNOWN');
    expect(e.details).toEqual({ postcode: 'AA1 1AA' });
    expect(e.message).toContain('AA1 1AA');
  });

  it('answers a malformed postcode with POSTCODE.MALFORMED', async () => {
    expect((await rejection(geocoder.locate('TS1'))).code).toBe('POSTCODE.MALFORMED');
  });

  it('hands out copies, so a caller cannot move a centroid for everyone', async () => {
    const first = await geocoder.locate('TS1 2AB');
    first.grid.easting = 0;
    expect((await geocoder.locate('TS1 2AB')).grid.easting).toBe(449300);
  });

  it('holds every district of the table', () => {
    expect(geocoder.size).toBe(2848);
    expect(geocoder.centroid('M1')?.grid).toEqual({ easting: 384400, northing: 397900 });
    expect(geocoder.centroid('AA1')).toBeUndefined();
  });
});

describe('outcodeCentroids', () => {
  it('lists 2,848 districts, 2,116 of them in England (shared/data/README.md)', () => {
    const all = outcodeCentroids();
    expect(all).toHaveLength(2848);
    expect(all.filter((d) => d.country === 'England')).toHaveLength(2116);
    expect(all.find((d) => d.outcode === 'TS1')).toEqual({
      outcode: 'TS1',
      grid: { easting: 449300, northing: 519900 },
      country: 'England',
    });
  });

  it('names Guernsey and Jersey as the Channel Islands, as ONSPD does, keeping their negative northings', () => {
    expect(outcodeCentroids().find((d) => d.outcode === 'GY1')).toEqual({
      outcode: 'GY1',
      grid: { easting: 361100, northing: -48888 },
      country: 'Channel Islands',
    });
  });

  it('reads the file once and serves the same frozen list afterwards', () => {
    expect(outcodeCentroids()).toBe(outcodeCentroids({ path: shipped }));
    expect(Object.isFrozen(outcodeCentroids())).toBe(true);
  });
});

describe('defaultOutcodeCentroidsPath', () => {
  it('finds the table from the sources', () => {
    expect(defaultOutcodeCentroidsPath()).toBe(shipped);
  });

  it('finds the table from the build output, where the data is not copied', () => {
    expect(defaultOutcodeCentroidsPath(join(repoRoot, 'dist/libs/geo/src/adapters/outcode'))).toBe(shipped);
  });

  it('says how to fix it when no folder above holds the table', () => {
    const dir = mkdtempSync(join(tmpdir(), 'geo-'));
    try {
      const e = geodataError(() => defaultOutcodeCentroidsPath(dir));
      expect(e.code).toBe('GEODATA.FILE_NOT_FOUND');
      expect(e.message).toContain('pass the table path');
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});

describe('a district table given by path', () => {
  let dir: string;
  const write = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'geo-'));
  });
  afterAll(() => rmSync(dir, { recursive: true }));

  it('reads its columns by name, in any order, ignoring others', async () => {
    const path = write(
      'districts.csv',
      '\uFEFFcountry,northing,note,outcode,easting\r\nEngland,520000,synthetic,ts1,450000\r\nWales,176000,synthetic,CF10,318000\r\n',
    );
    const geocoder = new OutcodeGeocoder({ path });
    expect(geocoder.size).toBe(2);
    await expect(geocoder.locate('TS1 2AB')).resolves.toMatchObject({
      grid: { easting: 450000, northing: 520000 },
    });
    expect((await rejection(geocoder.locate('M1 1AE'))).code).toBe('POSTCODE.UNKNOWN');
  });

  it.each([
    ['a bad district', 'outcode,easting,northing,country\nTS1,1,2,England\nQ1,1,2,England\n', 'line 3'],
    ['a bad easting', 'outcode,easting,northing,country\nTS1,x,2,England\n', 'line 2'],
    ['an unknown country', 'outcode,easting,northing,country\nTS1,1,2,Atlantis\n', 'line 2'],
    ['too few columns', 'outcode,easting,northing,country\nTS1,1\n', 'line 2'],
    ['a district twice', 'outcode,easting,northing,country\nTS1,1,2,England\nts1,3,4,England\n', 'line 3'],
  ])('refuses %s with GEODATA.ROW_MALFORMED naming the line', (_why, text, line) => {
    const e = geodataError(() => readOutcodeCentroids(write('bad.csv', text)));
    expect(e.code).toBe('GEODATA.ROW_MALFORMED');
    expect(e.message).toContain(line);
  });

  it('refuses a table without the needed columns, naming them', () => {
    const e = geodataError(() =>
      readOutcodeCentroids(write('cols.csv', 'outcode,lat,long,country\nTS1,1,2,England\n')),
    );
    expect(e.code).toBe('GEODATA.COLUMNS_MISSING');
    expect(e.details).toMatchObject({ missing: ['easting', 'northing'] });
  });

  it('refuses an empty file and a missing one', () => {
    expect(geodataError(() => readOutcodeCentroids(write('empty.csv', ''))).code).toBe('GEODATA.FILE_EMPTY');
    expect(geodataError(() => new OutcodeGeocoder({ path: join(dir, 'absent.csv') })).code).toBe(
      'GEODATA.FILE_UNREADABLE',
    );
  });
});
