import { postcodeKey, PostcodeTable, type PostcodeEntry } from './postcode-table';

const entry = (easting: number, localAuthority?: string): PostcodeEntry => ({
  easting,
  northing: easting + 1,
  localAuthority,
  country: 'England',
});

describe('postcodeKey', () => {
  it('gives distinct keys to postcodes that differ by length or by one character', () => {
    const postcodes = [
      'A1 1AA',
      'A11 1AA',
      'AA1 1AA',
      'A1A 1AA',
      'AA11 1AA',
      'AA1A 1AA',
      'A1 1AB',
      'B1 1AA',
      'A2 1AA',
    ];
    expect(new Set(postcodes.map(postcodeKey)).size).toBe(postcodes.length);
  });

  it('ignores the space', () => {
    expect(postcodeKey('TS1 2AB')).toBe(postcodeKey('TS12AB'));
  });

  it('stays an exact integer for the largest 7-character postcode', () => {
    expect(Number.isSafeInteger(postcodeKey('ZZ99 9ZZ'))).toBe(true);
  });
});

describe('PostcodeTable', () => {
  it('finds rows added in any order, and misses what was not added', () => {
    const builder = PostcodeTable.builder();
    builder.add('TS1 2AB', entry(3, 'E06000002'));
    builder.add('M1 1AE', entry(1, 'E08000003'));
    builder.add('SW1A 2AA', entry(2));
    const { table, duplicates } = builder.build();
    expect(duplicates).toBe(0);
    expect(table.size).toBe(3);
    expect(table.get('M1 1AE')).toEqual(entry(1, 'E08000003'));
    expect(table.get('SW1A 2AA')).toEqual(entry(2));
    expect(table.get('TS1 2AB')).toEqual(entry(3, 'E06000002'));
    expect(table.get('TS1 2AD')).toBeUndefined();
  });

  it('keeps the first row of a duplicated postcode, sorted or not', () => {
    const builder = PostcodeTable.builder();
    builder.add('TS1 2AB', entry(1));
    builder.add('M1 1AE', entry(2));
    builder.add('TS1 2AB', entry(3));
    builder.add('TS1 2AB', entry(4));
    const { table, duplicates } = builder.build();
    expect(duplicates).toBe(2);
    expect(table.size).toBe(2);
    expect(table.get('TS1 2AB')?.easting).toBe(1);
  });

  it('grows past its first allocation and still finds every row', () => {
    const builder = PostcodeTable.builder();
    const postcodes: string[] = [];
    // 23 * 10 * 20 = 4,600 distinct postcodes, more than the initial 4,096 slots, added in reverse order.
    const letters = 'ABDEFGHJLNPQRSTUWXYZ';
    for (const area of 'ABCDEFGHIJKLMNOPRSTUWYZ')
      for (let d = 0; d < 10; d++) for (const u of letters) postcodes.push(`${area}${d} ${d}${u}A`);
    postcodes.reverse().forEach((p, i) => builder.add(p, entry(i)));
    const { table } = builder.build();
    expect(table.size).toBe(postcodes.length);
    expect(postcodes.every((p, i) => table.get(p)?.easting === i)).toBe(true);
  });

  it('answers undefined from an empty table', () => {
    expect(PostcodeTable.builder().build().table.get('TS1 2AB')).toBeUndefined();
  });
});
