import { parsePostcode } from './postcode';
import { isUnknownPostcode, unknownPostcode, type Geocoder, type Location } from './geocoder.port';

/**
 * A geocoder that asks several in order and answers with the first that knows the postcode: typically the
 * ONS Postcode Directory first (full-postcode precision) and the shipped district table as the fall-back.
 * Only `POSTCODE.UNKNOWN` moves on to the next; any other error (a malformed postcode, a broken source) is
 * thrown at once, because the next geocoder would hide it.
 */
export class ChainGeocoder implements Geocoder {
  private readonly geocoders: readonly Geocoder[];

  /** @param geocoders tried in this order; at least one. */
  constructor(geocoders: readonly Geocoder[]) {
    if (geocoders.length === 0) throw new Error('ChainGeocoder needs at least one geocoder to ask');
    this.geocoders = [...geocoders];
  }

  /** {@inheritDoc Geocoder.locate} */
  async locate(postcode: string): Promise<Location> {
    const { postcode: normalised } = parsePostcode(postcode);
    for (const geocoder of this.geocoders) {
      try {
        return await geocoder.locate(normalised);
      } catch (e) {
        if (!isUnknownPostcode(e)) throw e;
      }
    }
    throw unknownPostcode(normalised);
  }
}
