import { DomainError, ValidationError } from '@placematch/kernel';
import { ChainGeocoder } from './chain.geocoder';
import { unknownPostcode, type Geocoder, type Location } from './geocoder.port';
import { parsePostcode } from './postcode';

/** A geocoder that knows a fixed set of postcodes and records what it was asked. */
const knowing = (precision: Location['precision'], known: string[]) => {
  const asked: string[] = [];
  const geocoder: Geocoder = {
    async locate(postcode) {
      asked.push(postcode);
      const parsed = parsePostcode(postcode);
      if (!known.includes(parsed.postcode)) throw unknownPostcode(parsed.postcode);
      return { ...parsed, grid: { easting: 1, northing: 2 }, precision };
    },
  };
  return { geocoder, asked };
};

const failing = (error: Error): Geocoder => ({
  locate: () => Promise.reject(error),
});

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  throw new Error('expected a rejection');
};

describe('ChainGeocoder', () => {
  it('answers from the first geocoder that knows the postcode, and asks no further', async () => {
    const first = knowing('postcode', ['TS1 2AB']);
    const second = knowing('district', ['TS1 2AB']);
    const chain = new ChainGeocoder([first.geocoder, second.geocoder]);
    await expect(chain.locate('ts12ab')).resolves.toMatchObject({
      postcode: 'TS1 2AB',
      precision: 'postcode',
    });
    expect(second.asked).toEqual([]);
  });

  it('moves on when a geocoder does not know the postcode, passing the normalised form', async () => {
    const first = knowing('postcode', []);
    const second = knowing('district', ['TS1 2AB']);
    const chain = new ChainGeocoder([first.geocoder, second.geocoder]);
    await expect(chain.locate('ts1  2ab')).resolves.toMatchObject({ precision: 'district' });
    expect(first.asked).toEqual(['TS1 2AB']);
    expect(second.asked).toEqual(['TS1 2AB']);
  });

  it('answers POSTCODE.UNKNOWN naming the postcode when none knows it', async () => {
    const chain = new ChainGeocoder([knowing('postcode', []).geocoder, knowing('district', []).geocoder]);
    await expect(chain.locate('ts1 2ab')).rejects.toMatchObject({
      code: 'POSTCODE.UNKNOWN',
      details: { postcode: 'TS1 2AB' },
    });
  });

  it('refuses a malformed postcode before asking anyone', async () => {
    const first = knowing('postcode', []);
    expect(await codeOf(new ChainGeocoder([first.geocoder]).locate('not a postcode'))).toBe(
      'POSTCODE.MALFORMED',
    );
    expect(first.asked).toEqual([]);
  });

  it('passes any other failure on at once instead of hiding it behind the next geocoder', async () => {
    const broken = new Error('disk gone');
    const second = knowing('district', ['TS1 2AB']);
    await expect(new ChainGeocoder([failing(broken), second.geocoder]).locate('TS1 2AB')).rejects.toBe(
      broken,
    );
    const refusal = new ValidationError('SOMETHING.ELSE');
    await expect(new ChainGeocoder([failing(refusal), second.geocoder]).locate('TS1 2AB')).rejects.toBe(
      refusal,
    );
    expect(second.asked).toEqual([]);
  });

  it('needs at least one geocoder', () => {
    expect(() => new ChainGeocoder([])).toThrow('at least one geocoder');
  });
});
