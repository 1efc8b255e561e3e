import type { Country } from '../../geocoder.port';

// A normalised postcode without its space (5 to 7 characters of 0-9 and A-Z) read as a number in base 37,
// digit values 1-36 so no character is zero: distinct postcodes get distinct keys, and 37^7 < 2^53 keeps
// every key an exact double.
const charValue = (code: number): number => (code <= 57 ? code - 47 : code - 54);

/** The numeric key of a normalised postcode (`TS1 2AB`); the space is skipped. */
export const postcodeKey = (postcode: string): number => {
  let key = 0;
  for (let i = 0; i < postcode.length; i++) {
    const code = postcode.charCodeAt(i);
    if (code !== 32) key = key * 37 + charValue(code);
  }
  return key;
};

/** What the table holds for one postcode. */
export interface PostcodeEntry {
  readonly easting: number;
  readonly northing: number;
  readonly localAuthority: string | undefined;
  readonly country: Country | undefined;
}

/** Small string sets (local authority codes, countries) stored as 1-based indexes; 0 means unknown. */
class Interner<T extends string> {
  private readonly index = new Map<T, number>();
  readonly values: (T | undefined)[] = [undefined];

  constructor(private readonly limit: number) {}

  of(value: T | undefined): number {
    if (value === undefined) return 0;
    let at = this.index.get(value);
    if (at === undefined) {
      at = this.values.length;
      if (at > this.limit) throw new RangeError(`more than ${this.limit} distinct values`);
      this.values.push(value);
      this.index.set(value, at);
    }
    return at;
  }
}

/**
 * Postcode -> grid reference, local authority and country for millions of postcodes in about 19 bytes
 * each: parallel typed arrays sorted by {@link postcodeKey} and searched by bisection, instead of a Map of
 * string keys and objects (roughly ten times the memory for a full ONSPD).
 */
export class PostcodeTable {
  private constructor(
    private readonly keys: Float64Array,
    private readonly eastings: Int32Array,
    private readonly northings: Int32Array,
    private readonly authorities: Uint16Array,
    private readonly countries: Uint8Array,
    private readonly authorityNames: readonly (string | undefined)[],
    private readonly countryNames: readonly (Country | undefined)[],
  ) {}

  /** Starts an empty table to append rows to, in any order. */
  static builder(): PostcodeTableBuilder {
    return new PostcodeTableBuilder((...parts) => new PostcodeTable(...parts));
  }

  /** Number of distinct postcodes held. */
  get size(): number {
    return this.keys.length;
  }

  /** The entry for a normalised postcode (`TS1 2AB`), or `undefined`. */
  get(postcode: string): PostcodeEntry | undefined {
    const key = postcodeKey(postcode);
    let low = 0;
    let high = this.keys.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const at = this.keys[mid];
      if (at < key) low = mid + 1;
      else if (at > key) high = mid - 1;
      else {
        return {
          easting: this.eastings[mid],
          northing: this.northings[mid],
          localAuthority: this.authorityNames[this.authorities[mid]],
          country: this.countryNames[this.countries[mid]],
        };
      }
    }
    return undefined;
  }
}

type Assemble = (
  keys: Float64Array,
  eastings: Int32Array,
  northings: Int32Array,
  authorities: Uint16Array,
  countries: Uint8Array,
  authorityNames: readonly (string | undefined)[],
  countryNames: readonly (Country | undefined)[],
) => PostcodeTable;

/** Collects rows for a {@link PostcodeTable}; the arrays double as they fill. */
export class PostcodeTableBuilder {
  private length = 0;
  private keys = new Float64Array(1 << 12);
  private eastings = new Int32Array(1 << 12);
  private northings = new Int32Array(1 << 12);
  private authorities = new Uint16Array(1 << 12);
  private countries = new Uint8Array(1 << 12);
  private readonly authorityNames = new Interner<string>(0xffff);
  private readonly countryNames = new Interner<Country>(0xff);

  constructor(private readonly assemble: Assemble) {}

  /** Adds one postcode; eastings and northings are whole metres. */
  add(postcode: string, entry: PostcodeEntry): void {
    if (this.length === this.keys.length) this.grow();
    const at = this.length++;
    this.keys[at] = postcodeKey(postcode);
    this.eastings[at] = entry.easting;
    this.northings[at] = entry.northing;
    this.authorities[at] = this.authorityNames.of(entry.localAuthority);
    this.countries[at] = this.countryNames.of(entry.country);
  }

  /**
   * Sorts, keeps the first row of each postcode, and returns the table with how many later duplicates were
   * dropped. The builder must not be used afterwards.
   */
  build(): { table: PostcodeTable; duplicates: number } {
    const n = this.length;
    const { keys } = this;
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    let sorted = true;
    for (let i = 1; i < n && sorted; i++) sorted = keys[i - 1] < keys[i];
    // The index breaks ties so that, of two rows for one postcode, the earlier in the file wins.
    if (!sorted) order.sort((a, b) => keys[a] - keys[b] || a - b);
    let kept = 0;
    for (let i = 0; i < n; i++) {
      if (kept === 0 || keys[order[i]] !== keys[order[kept - 1]]) order[kept++] = order[i];
    }
    const pick = <A extends Float64Array | Int32Array | Uint16Array | Uint8Array>(
      source: A,
      target: A,
    ): A => {
      for (let i = 0; i < kept; i++) target[i] = source[order[i]];
      return target;
    };
    const table = this.assemble(
      pick(keys, new Float64Array(kept)),
      pick(this.eastings, new Int32Array(kept)),
      pick(this.northings, new Int32Array(kept)),
      pick(this.authorities, new Uint16Array(kept)),
      pick(this.countries, new Uint8Array(kept)),
      this.authorityNames.values,
      this.countryNames.values,
    );
    return { table, duplicates: n - kept };
  }

  private grow(): void {
    const size = this.keys.length * 2;
    const grown = <A extends Float64Array | Int32Array | Uint16Array | Uint8Array>(old: A, next: A): A => {
      next.set(old);
      return next;
    };
    this.keys = grown(this.keys, new Float64Array(size));
    this.eastings = grown(this.eastings, new Int32Array(size));
    this.northings = grown(this.northings, new Int32Array(size));
    this.authorities = grown(this.authorities, new Uint16Array(size));
    this.countries = grown(this.countries, new Uint8Array(size));
  }
}
