import {
  csvField,
  formatCsv,
  formatReturnDate,
  parseReturnDate,
  returnPostcodeSector,
} from './ssda903-values';

describe('SSDA903 dates (dd/mm/yyyy)', () => {
  it.each([
    ['15/06/2012', '2012-06-15'],
    ['1/4/2021', '2021-04-01'],
    [' 29/02/2016 ', '2016-02-29'],
    ['31/12/1999', '1999-12-31'],
  ])('reads %s as %s', (text, iso) => {
    expect(parseReturnDate(text)).toBe(iso);
  });

  it.each([
    '29/02/2015',
    '31/04/2021',
    '00/01/2021',
    '01/13/2021',
    '2021-04-01',
    '01-04-2021',
    '1/4/21',
    '',
    'today',
  ])('refuses %p', (text) => {
    expect(parseReturnDate(text)).toBeUndefined();
  });

  it('writes dates back as dd/mm/yyyy', () => {
    expect(formatReturnDate('2021-04-01')).toBe('01/04/2021');
    expect(formatReturnDate(parseReturnDate('1/4/2021') as string)).toBe('01/04/2021');
  });
});

describe('SSDA903 postcodes (HOME_POST, PL_POST)', () => {
  it.each([
    ['NE1 9ZZ', 'NE1 9'],
    ['ne19zz', 'NE1 9'],
    ['SW1A 1AA', 'SW1A 1'],
    ['NE1 9', 'NE1 9'],
    [' dh1  4 ', 'DH1 4'],
  ])('cuts %p to the sector %p', (text, sector) => {
    expect(returnPostcodeSector(text)).toBe(sector);
  });

  it.each(['NOT A POSTCODE', 'NE1', 'NE19', 'Q1 1AA', '12345'])('refuses %p', (text) => {
    expect(returnPostcodeSector(text)).toBeUndefined();
  });
});

describe('CSV writing (RFC 4180)', () => {
  it('quotes only what needs it and ends every line with CRLF', () => {
    expect(csvField('NE1 9')).toBe('NE1 9');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(' x')).toBe('" x"');
    expect(
      formatCsv([
        ['A', 'B'],
        ['1', ''],
      ]),
    ).toBe('A,B\r\n1,\r\n');
  });
});
