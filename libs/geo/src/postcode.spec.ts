import { ValidationError } from '@placematch/kernel';
import { isPostcode, parseOutcode, parsePostcode, postcodeSector, tryParsePostcode } from './postcode';

const refusal = (run: () => unknown): ValidationError => {
  try {
    run();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('expected a ValidationError');
};

describe('parsePostcode', () => {
  describe('accepts every UK format', () => {
    it.each([
      ['A9 9AA', 'M1 1AE', 'M1', 'M1 1', '1AE'],
      ['A9 9AA', 'B1 1BB', 'B1', 'B1 1', '1BB'],
      ['A99 9AA', 'M60 1NW', 'M60', 'M60 1', '1NW'],
      ['A99 9AA', 'B33 8TH', 'B33', 'B33 8', '8TH'],
      ['AA9 9AA', 'CR2 6XH', 'CR2', 'CR2 6', '6XH'],
      ['AA9 9AA', 'TS1 2AB', 'TS1', 'TS1 2', '2AB'],
      ['AA99 9AA', 'DN55 1PT', 'DN55', 'DN55 1', '1PT'],
      ['AA99 9AA', 'LS10 1LT', 'LS10', 'LS10 1', '1LT'],
      ['A9A 9AA', 'W1A 1HQ', 'W1A', 'W1A 1', '1HQ'],
      ['A9A 9AA', 'E1W 1AA', 'E1W', 'E1W 1', '1AA'],
      ['AA9A 9AA', 'EC1A 1BB', 'EC1A', 'EC1A 1', '1BB'],
      ['AA9A 9AA', 'SW1A 2AA', 'SW1A', 'SW1A 2', '2AA'],
      ['special', 'GIR 0AA', 'GIR', 'GIR 0', '0AA'],
    ])('%s: %s', (_format, input, outcode, sector, incode) => {
      expect(parsePostcode(input)).toEqual({ postcode: input, outcode, sector, incode });
      expect(isPostcode(input)).toBe(true);
    });
  });

  it.each([
    ['ts1 2ab', 'TS1 2AB'],
    ['TS12AB', 'TS1 2AB'],
    ['  ts1   2Ab ', 'TS1 2AB'],
    ['sw1a2aa', 'SW1A 2AA'],
    ['Ec1A\t1bB', 'EC1A 1BB'],
    ['m1\u00a01ae', 'M1 1AE'],
    ['gir0aa', 'GIR 0AA'],
  ])('normalises case and spaces: %j -> %s', (input, postcode) => {
    expect(parsePostcode(input).postcode).toBe(postcode);
  });

  it.each([
    ['empty', ''],
    ['spaces only', '   '],
    ['a district alone', 'TS1'],
    ['a sector alone', 'TS1 2'],
    ['Q never opens a postcode', 'Q1 1AA'],
    ['V never opens a postcode', 'V1 1AA'],
    ['X never opens a postcode', 'X1 1AA'],
    ['I never second', 'AI1 1AA'],
    ['J never second', 'BJ1 1AA'],
    ['Z never second', 'AZ1 1AA'],
    ['inward C', 'TS1 2AC'],
    ['inward I', 'TS1 2IA'],
    ['inward K', 'TS1 2AK'],
    ['inward M', 'TS1 2MA'],
    ['inward O', 'TS1 2AO'],
    ['inward V', 'TS1 2VA'],
    ['inward code without its digit', 'TS1 AAB'],
    ['inward code with two digits', 'TS1 22A'],
    ['three letters in the area', 'TSA1 2AB'],
    ['three digits in the district', 'TS123 2AB'],
    ['a digit first', '1S1 2AB'],
    ['no district digit', 'TS 2AB'],
    ['two letters after the district digit', 'TS1AB 2AB'],
    ['a letter then a digit after the district', 'W1A1 1AA'],
    ['GIR with any other inward code', 'GIR 1AA'],
    ['a hyphen', 'TS1-2AB'],
    ['too long', 'SW1A 2AAA'],
    ['full-width letters', 'ＴＳ1 2AB'],
    ['a trailing word', 'TS1 2AB UK'],
  ])('refuses %s (%j) with POSTCODE.MALFORMED naming it', (_why, input) => {
    const e = refusal(() => parsePostcode(input));
    expect(e.code).toBe('POSTCODE.MALFORMED');
    expect(e.message).toContain(input.replace(/\s+/g, ' ').trim());
    expect(e.details).toEqual({ postcode: input.replace(/\s+/g, ' ').trim() });
    expect(isPostcode(input)).toBe(false);
    expect(tryParsePostcode(input)).toBeUndefined();
  });

  it('refuses a value that is not a string, as a client could send in JSON', () => {
    expect(refusal(() => parsePostcode(42 as unknown as string)).code).toBe('POSTCODE.MALFORMED');
    expect(isPostcode(null as unknown as string)).toBe(false);
  });

  it('repeats at most 16 characters of a long input in the error', () => {
    const e = refusal(() => parsePostcode('this is certainly not a postcode'));
    expect(e.details).toEqual({ postcode: 'this is certainl…' });
  });
});

describe('parseOutcode', () => {
  it.each([
    ['m1', 'M1'],
    ['M60', 'M60'],
    ['ts1', 'TS1'],
    ['ls10', 'LS10'],
    ['w1a', 'W1A'],
    [' sw1a ', 'SW1A'],
    ['GIR', 'GIR'],
  ])('normalises %j to %s', (input, outcode) => {
    expect(parseOutcode(input)).toBe(outcode);
  });

  it.each(['', 'TS1 2AB', 'Q1', 'AI1', 'TS', '1TS', 'TS123', 'W1A1'])(
    'refuses %j with POSTCODE.OUTCODE_MALFORMED',
    (input) => {
      const e = refusal(() => parseOutcode(input));
      expect(e.code).toBe('POSTCODE.OUTCODE_MALFORMED');
      expect(e.details).toEqual({ outcode: input.trim() });
    },
  );
});

describe('postcodeSector', () => {
  it.each([
    ['ts1 2ab', 'TS1 2'],
    ['SW1A2AA', 'SW1A 2'],
    ['M60 1NW', 'M60 1'],
  ])('%s -> %s', (input, sector) => {
    expect(postcodeSector(input)).toBe(sector);
  });

  it('refuses a district, which has no sector', () => {
    expect(refusal(() => postcodeSector('TS1')).code).toBe('POSTCODE.MALFORMED');
  });
});
