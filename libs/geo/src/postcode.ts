import { ValidationError } from '@placematch/kernel';

/** A UK postcode in its normal written form, split into the parts the product uses. */
export interface ParsedPostcode {
  /** The whole postcode, upper case, one space before the inward code: `TS1 2AB`. */
  readonly postcode: string;
  /** The outward code (the postcode district): `TS1`. */
  readonly outcode: string;
  /** The postcode sector (district plus the inward code's digit), the coarse form LIIA pipelines keep: `TS1 2`. */
  readonly sector: string;
  /** The inward code: `2AB`. */
  readonly incode: string;
}

// Letter rules every source agrees on (Royal Mail / BS 7666): Q, V, X never open a postcode; I, J, Z never
// stand second in a two-letter area; the inward letters never use C, I, K, M, O, V. The lists for the
// letter after the district digit disagree between sources (one omits P, yet SE1P and N1P exist, and the
// shipped district table holds W1M), so that position takes any letter rather than refuse real postcodes.
const OUTCODE = /^(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?|GIR)$/;
const INCODE = /^\d[ABD-HJLNP-UW-Z]{2}$/;

const MAX_SHOWN = 16;

const compact = (input: string): string => input.replace(/\s+/g, '').toUpperCase();

/** What an error message may repeat of a caller's input: a bounded, single-line excerpt. */
const shown = (input: unknown): string => {
  const text = typeof input === 'string' ? input.replace(/\s+/g, ' ').trim() : String(input);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
};

const splitPostcode = (input: unknown): ParsedPostcode | undefined => {
  if (typeof input !== 'string') return undefined;
  const code = compact(input);
  if (code.length < 5 || code.length > 7) return undefined;
  const outcode = code.slice(0, -3);
  const incode = code.slice(-3);
  if (!OUTCODE.test(outcode) || !INCODE.test(incode)) return undefined;
  if (outcode === 'GIR' && incode !== '0AA') return undefined;
  return { postcode: `${outcode} ${incode}`, outcode, sector: `${outcode} ${incode[0]}`, incode };
};

/**
 * Normalises a UK postcode (any case, any spacing) and splits it into its parts. Accepts the six formats
 * A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA, AA9A 9AA and the special GIR 0AA.
 *
 * Checks the form only: a well-formed postcode may still not exist (a geocoder answers that).
 *
 * @throws ValidationError `POSTCODE.MALFORMED` naming the input (details `{ postcode }`).
 */
export const parsePostcode = (input: string): ParsedPostcode => {
  const parsed = splitPostcode(input);
  if (parsed === undefined) {
    throw new ValidationError('POSTCODE.MALFORMED', `"${shown(input)}" is not a UK postcode`, {
      postcode: shown(input),
    });
  }
  return parsed;
};

/** {@link parsePostcode} without the throw: the parts, or `undefined` when `input` is not a UK postcode. */
export const tryParsePostcode = (input: string): ParsedPostcode | undefined => splitPostcode(input);

/** True when `input` is a well-formed UK postcode (see {@link parsePostcode}); never throws. */
export const isPostcode = (input: string): boolean => splitPostcode(input) !== undefined;

/**
 * Normalises a postcode district (outward code) such as `sw1a` to `SW1A`.
 *
 * @throws ValidationError `POSTCODE.OUTCODE_MALFORMED` naming the input (details `{ outcode }`).
 */
export const parseOutcode = (input: string): string => {
  const code = typeof input === 'string' ? compact(input) : '';
  if (!OUTCODE.test(code)) {
    throw new ValidationError(
      'POSTCODE.OUTCODE_MALFORMED',
      `"${shown(input)}" is not a UK postcode district`,
      {
        outcode: shown(input),
      },
    );
  }
  return code;
};

/**
 * The postcode sector of a full postcode (`ts1 2ab` -> `TS1 2`): the coarse location LIIA pipelines keep
 * in place of the full postcode.
 *
 * @throws ValidationError `POSTCODE.MALFORMED` when `input` is not a full postcode.
 */
export const postcodeSector = (input: string): string => parsePostcode(input).sector;
