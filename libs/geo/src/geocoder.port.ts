import { isDomainError, ValidationError } from '@placematch/kernel';
import type { GridRef } from './grid';

/** How finely a geocoder placed a postcode: at the postcode itself, its sector's centroid, or its district's. */
export type LocationPrecision = 'postcode' | 'sector' | 'district';

/** The countries of the ONS Postcode Directory's `ctry` column, by name. */
export type Country =
  'England' | 'Wales' | 'Scotland' | 'Northern Ireland' | 'Channel Islands' | 'Isle of Man';

/** Where a postcode is, as far as the geocoder that answered knows. */
export interface Location {
  /** The postcode asked for, normalised (`TS1 2AB`). */
  readonly postcode: string;
  /** Its district (`TS1`). */
  readonly outcode: string;
  /** Its sector (`TS1 2`). */
  readonly sector: string;
  /** OS National Grid reference; a district or sector centroid unless `precision` is `'postcode'`. */
  readonly grid: GridRef;
  /** ONS code of the local authority district (ONSPD `oslaua`, e.g. `E06000002`) when the source knows it. */
  readonly localAuthority?: string;
  /** The country, when the source knows it. */
  readonly country?: Country;
  /** What `grid` stands for. */
  readonly precision: LocationPrecision;
}

/**
 * Port: turns a postcode into a grid reference. Adapters: the district-centroid table shipped with the
 * product, an ONS Postcode Directory file, and a chain that tries several in order.
 */
export interface Geocoder {
  /**
   * Locates a postcode.
   *
   * @throws ValidationError `POSTCODE.MALFORMED` when `postcode` is not a UK postcode, and
   *   `POSTCODE.UNKNOWN` (details `{ postcode }`) when it is well formed but this geocoder cannot place it.
   */
  locate(postcode: string): Promise<Location>;
}

/** Injection token for the {@link Geocoder} port. */
export const GEOCODER = Symbol('GEOCODER');

/** The error every geocoder throws for a well-formed postcode it cannot place: the API answers 400 with it. */
export const unknownPostcode = (postcode: string): ValidationError =>
  new ValidationError('POSTCODE.UNKNOWN', `postcode ${postcode} was not found`, { postcode });

/** True when `e` is the `POSTCODE.UNKNOWN` refusal (so another geocoder may still know the postcode). */
export const isUnknownPostcode = (e: unknown): boolean => isDomainError(e) && e.code === 'POSTCODE.UNKNOWN';
