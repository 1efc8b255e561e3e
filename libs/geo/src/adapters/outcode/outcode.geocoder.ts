import { unknownPostcode, type Geocoder, type Location } from '../../geocoder.port';
import { parsePostcode } from '../../postcode';
import { outcodeCentroids, type OutcodeCentroid, type OutcodeTableOptions } from './outcode-centroids';

/**
 * The default geocoder: places a postcode at the centroid of its district (precision `'district'`) from the
 * table shipped in `libs/geo/data`. Good to a few miles: enough to rank candidates and flag the 20-mile step
 * coarsely, not the DfE figure (which needs ONSPD's full-postcode grid references). It does not know local
 * authorities: a district can straddle several.
 */
export class OutcodeGeocoder implements Geocoder {
  private readonly byOutcode: ReadonlyMap<string, OutcodeCentroid>;

  /**
   * Reads the table synchronously, once per path for the whole process.
   *
   * @throws GeodataError when the table cannot be found or read.
   */
  constructor(options: OutcodeTableOptions = {}) {
    this.byOutcode = new Map(outcodeCentroids(options).map((row) => [row.outcode, row]));
  }

  /** How many districts the table holds. */
  get size(): number {
    return this.byOutcode.size;
  }

  /** The centroid of a normalised district (`TS1`), or `undefined` when the table lacks it. */
  centroid(outcode: string): OutcodeCentroid | undefined {
    return this.byOutcode.get(outcode);
  }

  /** {@inheritDoc Geocoder.locate} */
  async locate(postcode: string): Promise<Location> {
    const parsed = parsePostcode(postcode);
    const row = this.byOutcode.get(parsed.outcode);
    if (row === undefined) throw unknownPostcode(parsed.postcode);
    return {
      postcode: parsed.postcode,
      outcode: parsed.outcode,
      sector: parsed.sector,
      grid: { ...row.grid },
      country: row.country,
      precision: 'district',
    };
  }
}
