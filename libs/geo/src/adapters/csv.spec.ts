import { columnIndexes, countryOfName, countryOfOnsCode, headerNames, splitCsvLine } from './csv';

describe('splitCsvLine', () => {
  it.each([
    ['a,b,c', ['a', 'b', 'c']],
    ['"a","b","c"', ['a', 'b', 'c']],
    ['"a,b",c', ['a,b', 'c']],
    ['"say ""hi""",x', ['say "hi"', 'x']],
    ['a,,c', ['a', '', 'c']],
    ['a,', ['a', '']],
    ['"",""', ['', '']],
    ['', ['']],
    ['"TS1 2AB","","E06000002"', ['TS1 2AB', '', 'E06000002']],
  ])('%j -> %j', (line, fields) => {
    expect(splitCsvLine(line)).toEqual(fields);
  });

  it('stops after the fields asked for', () => {
    expect(splitCsvLine('a,"b",c,"d', 2)).toEqual(['a', 'b']);
  });

  it.each([['"unclosed,b'], ['"a"b,c'], ['a,"b"c']])('refuses broken quoting: %j', (line) => {
    expect(splitCsvLine(line)).toBeUndefined();
  });
});

describe('headerNames and columnIndexes', () => {
  it('trims, lower-cases and drops a byte-order mark', () => {
    expect(headerNames('\uFEFF"PCDS", OSEAST1M ,ctry')).toEqual(['pcds', 'oseast1m', 'ctry']);
  });

  it('finds columns by name and lists the missing ones', () => {
    expect(columnIndexes(['x', 'pcds', 'ctry'], ['pcds', 'ctry', 'oslaua'])).toEqual({
      indexes: { pcds: 1, ctry: 2, oslaua: -1 },
      missing: ['oslaua'],
    });
  });
});

describe('countries', () => {
  it.each([
    ['E92000001', 'England'],
    ['W92000004', 'Wales'],
    ['S92000003', 'Scotland'],
    ['N92000002', 'Northern Ireland'],
    ['L93000001', 'Channel Islands'],
    ['M83000003', 'Isle of Man'],
  ])('ONS code %s is %s', (code, country) => {
    expect(countryOfOnsCode(code)).toBe(country);
  });

  it.each([
    ['England', 'England'],
    ['guernsey', 'Channel Islands'],
    ['Jersey', 'Channel Islands'],
    [' Isle of Man ', 'Isle of Man'],
  ])('name %j is %s', (name, country) => {
    expect(countryOfName(name)).toBe(country);
  });

  it('knows no other code or name, not even an inherited property name', () => {
    expect(countryOfOnsCode('E99999999')).toBeUndefined();
    expect(countryOfName('constructor')).toBeUndefined();
    expect(countryOfName('Atlantis')).toBeUndefined();
  });
});
