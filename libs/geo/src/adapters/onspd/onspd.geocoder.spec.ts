import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError } from '@placematch/kernel';
import { ChainGeocoder } from '../../chain.geocoder';
import { GeodataError } from '../../geodata.error';
import { OutcodeGeocoder } from '../outcode/outcode.geocoder';
import { OnspdGeocoder } from './onspd.geocoder';

const fixture = join(__dirname, 'fixtures', 'onspd-synthetic.csv');

const rejection = async (p: Promise<unknown>): Promise<Error> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof Error) return e;
    throw e;
  }
  throw new Error('expected a rejection');
};
const codeOf = async (p: Promise<unknown>): Promise<string> => {
  const e = await rejection(p);
  return e instanceof DomainError || e instanceof GeodataError ? e.code : e.message;
};

describe('OnspdGeocoder on the synthetic fixture', () => {
  let onspd: OnspdGeocoder;
  beforeAll(async () => {
    onspd = await OnspdGeocoder.load({ path: fixture });
  });

  it('reports what it read, kept and skipped', () => {
    // 14 data lines: 6 kept, 2 without a grid reference, 1 Northern Irish, 1 duplicate, 4 malformed.
    expect(onspd.report).toEqual({
      path: fixture,
      rows: 14,
      loaded: 6,
      withoutGrid: 2,
      irishGrid: 1,
      duplicates: 1,
      malformed: 4,
      malformedLines: [
        { line: 10, reason: '3 columns, expected at least 13' },
        { line: 11, reason: 'pcds "NOT A PC" is not a postcode' },
        { line: 12, reason: 'oseast1m and osnrth1m must be numbers of metres' },
        { line: 13, reason: 'unbalanced quotes' },
      ],
    });
    expect(onspd.size).toBe(6);
  });

  it('locates a postcode at its own grid reference, with its local authority and country', async () => {
    await expect(onspd.locate('TS1 9ZZ')).resolves.toEqual({
      postcode: 'TS1 9ZZ',
      outcode: 'TS1',
      sector: 'TS1 9',
      grid: { easting: 449000, northing: 520000 },
      localAuthority: 'E06000002',
      country: 'England',
      precision: 'postcode',
    });
  });

  it('normalises the postcode asked for', async () => {
    await expect(onspd.locate(' ts19zz ')).resolves.toMatchObject({ postcode: 'TS1 9ZZ' });
  });

  it('keeps the first row of a postcode listed twice', async () => {
    expect((await onspd.locate('TS1 9ZZ')).grid).toEqual({ easting: 449000, northing: 520000 });
  });

  it.each([
    ['SW1A 9ZZ', { easting: 530000, northing: 180000 }, 'E09000033', 'England'],
    ['CF10 9ZZ', { easting: 318000, northing: 176000 }, 'W06000015', 'Wales'],
  ])('locates %s', async (postcode, grid, localAuthority, country) => {
    await expect(onspd.locate(postcode)).resolves.toMatchObject({ grid, localAuthority, country });
  });

  it('keeps a terminated postcode that still has a grid reference', async () => {
    await expect(onspd.locate('TS1 9ZY')).resolves.toMatchObject({
      grid: { easting: 449100, northing: 520100 },
    });
  });

  it('rounds a fractional grid reference to the metre', async () => {
    expect((await onspd.locate('TS1 9ZU')).grid).toEqual({ easting: 449001, northing: 520000 });
  });

  it('leaves out the local authority when ONSPD gives a pseudo-code', async () => {
    const location = await onspd.locate('M1 9ZZ');
    expect(location.grid).toEqual({ easting: 384000, northing: 398000 });
    expect('localAuthority' in location).toBe(false);
  });

  it.each([
    ['a postcode without a grid reference', 'TS1 9ZX'],
    ['a Channel Islands postcode (no grid reference)', 'GY1 9ZZ'],
    ['a Northern Irish postcode (Irish Grid)', 'BT1 9ZZ'],
    ['a malformed line', 'M1 9ZX'],
    ['a postcode not in the file', 'TS1 2AB'],
  ])('answers %s with POSTCODE.UNKNOWN', async (_why, postcode) => {
    const e = await rejection(onspd.locate(postcode));
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('POSTCODE.UNKNOWN');
    expect((e as DomainError).details).toEqual({ postcode });
  });

  it('answers a malformed postcode with POSTCODE.MALFORMED', async () => {
    expect(await codeOf(onspd.locate('NOT A PC'))).toBe('POSTCODE.MALFORMED');
  });

  it('samples only as many malformed lines as asked, and still counts them all', async () => {
    const small = await OnspdGeocoder.load({ path: fixture, malformedSamples: 1 });
    expect(small.report.malformed).toBe(4);
    expect(small.report.malformedLines).toEqual([{ line: 10, reason: '3 columns, expected at least 13' }]);
  });
});

describe('OnspdGeocoder on other files', () => {
  let dir: string;
  const write = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'onspd-'));
  });
  afterAll(() => rmSync(dir, { recursive: true }));

  it('reads a header in any order and case, with a byte-order mark, CRLF line ends and unquoted values', async () => {
    const path = write(
      'reordered.csv',
      '\uFEFFCTRY,OSLAUA,extra,OSNRTH1M,PCDS,OSEAST1M\r\n' +
        'E92000001,E06000002,SYNTHETIC,520000,TS1 9ZZ,449000\r\n' +
        'E92000001,E06000002,SYNTHETIC,520300,TS1 9ZA,449300\r\n',
    );
    const onspd = await OnspdGeocoder.load({ path });
    expect(onspd.report).toMatchObject({ rows: 2, loaded: 2, malformed: 0 });
    await expect(onspd.locate('TS1 9ZA')).resolves.toMatchObject({
      grid: { easting: 449300, northing: 520300 },
      localAuthority: 'E06000002',
    });
  });

  it('refuses a file without the needed columns, naming them', async () => {
    const path = write('cols.csv', 'pcds,oseast1m,osnrth1m\n"TS1 9ZZ","449000","520000"\n');
    const e = await rejection(OnspdGeocoder.load({ path }));
    expect(e).toBeInstanceOf(GeodataError);
    expect((e as GeodataError).code).toBe('GEODATA.COLUMNS_MISSING');
    expect((e as GeodataError).details).toMatchObject({ missing: ['oslaua', 'ctry'] });
    expect(e.message).toContain('oslaua, ctry');
  });

  it('refuses an empty file', async () => {
    expect(await codeOf(OnspdGeocoder.load({ path: write('empty.csv', '') }))).toBe('GEODATA.FILE_EMPTY');
  });

  it('refuses a path that is missing or a folder, saying what to check', async () => {
    const missing = await rejection(OnspdGeocoder.load({ path: join(dir, 'absent.csv') }));
    expect((missing as GeodataError).code).toBe('GEODATA.FILE_UNREADABLE');
    expect(missing.message).toContain('check the configured path');
    expect(await codeOf(OnspdGeocoder.load({ path: dir }))).toBe('GEODATA.FILE_UNREADABLE');
  });
});

describe('ChainGeocoder([onspd, outcode])', () => {
  let chain: ChainGeocoder;
  beforeAll(async () => {
    chain = new ChainGeocoder([await OnspdGeocoder.load({ path: fixture }), new OutcodeGeocoder()]);
  });

  it('answers from ONSPD when it knows the postcode', async () => {
    await expect(chain.locate('ts1 9zz')).resolves.toMatchObject({
      postcode: 'TS1 9ZZ',
      grid: { easting: 449000, northing: 520000 },
      localAuthority: 'E06000002',
      precision: 'postcode',
    });
  });

  it('falls back to the district centroid for a postcode ONSPD lacks', async () => {
    await expect(chain.locate('TS1 2AB')).resolves.toEqual({
      postcode: 'TS1 2AB',
      outcode: 'TS1',
      sector: 'TS1 2',
      grid: { easting: 449300, northing: 519900 },
      country: 'England',
      precision: 'district',
    });
  });

  it('places a Northern Irish postcode by its district, on the same grid as the rest', async () => {
    await expect(chain.locate('BT1 9ZZ')).resolves.toMatchObject({
      grid: { easting: 146300, northing: 529800 },
      precision: 'district',
    });
  });

  it('answers POSTCODE.UNKNOWN when neither knows it', async () => {
    expect(await codeOf(chain.locate('AA1 1AA'))).toBe('POSTCODE.UNKNOWN');
  });

  it('answers POSTCODE.MALFORMED for a malformed postcode', async () => {
    expect(await codeOf(chain.locate('TS1-2AB'))).toBe('POSTCODE.MALFORMED');
  });
});
