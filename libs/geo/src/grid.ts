import { ValidationError } from '@placematch/kernel';

/**
 * A point on the Ordnance Survey National Grid, in metres east and north of the grid's false origin (the
 * `oseast1m` / `osnrth1m` columns of the ONS Postcode Directory).
 */
export type GridRef = { easting: number; northing: number };

/** The kilometres in a mile that the DfE distance formula divides by (not the exact 1.609344). */
export const DFE_KM_PER_MILE = 1.6093;

/** The distance in miles at which DfE splits placements into "20 miles or less" and "over 20 miles". */
export const DFE_DISTANCE_STEP_MILES = 20;

/**
 * The DfE distance bands for a placement ("CLA placement moves by distance"); the third is for a postcode
 * that is missing or could not be located.
 */
export type DistanceBand = '20 miles or less' | 'over 20 miles' | 'not known or not recorded';

/** Straight-line distance between two grid references in metres, unrounded. */
export const distanceMetres = (a: GridRef, b: GridRef): number => {
  const dE = a.easting - b.easting;
  const dN = a.northing - b.northing;
  // sqrt of the sum, not Math.hypot: the same operations as the reference implementation, bit for bit.
  return Math.sqrt(dE * dE + dN * dN);
};

/**
 * Rounds a distance in miles to one decimal place the way the DfE reference implementation does: pandas
 * `Series.round(decimals=1)`, which scales by ten and rounds half to even (numpy `rint`), then scales back.
 * Exact ties are rare (they need the scaled float to land on .5 exactly) but then 0.25 -> 0.2, 0.35 -> 0.4.
 */
export const roundMiles = (miles: number): number => {
  const scaled = miles * 10;
  let whole = Math.round(scaled);
  if (whole - scaled === 0.5 && whole % 2 !== 0) whole -= 1;
  return whole / 10;
};

/**
 * The DfE straight-line distance in miles, to one decimal place:
 * `sqrt(dE^2 + dN^2) / 1000 / 1.6093`, rounded with {@link roundMiles}.
 *
 * Source: shared/research/domain-anchors.md §1.2 "HOME_POST, PL_POST, URN and derived fields" (PL_DISTANCE),
 * read in data-to-insight/csc-validator-be-903 `lac_validator/datastore.py`, whose comment says the formula
 * "is taken straight from the guidance".
 */
export const distanceMiles = (a: GridRef, b: GridRef): number =>
  roundMiles(distanceMetres(a, b) / 1000 / DFE_KM_PER_MILE);

/**
 * True when the DfE distance between `a` and `b` is at most `limit` miles. The comparison uses the rounded
 * one-decimal figure, as every DfE distance statistic does.
 */
export const withinMiles = (a: GridRef, b: GridRef, limit: number): boolean => distanceMiles(a, b) <= limit;

/**
 * The DfE band of a distance already computed with {@link distanceMiles}; `undefined` or `null` (a postcode
 * missing or not located) is "not known or not recorded".
 */
export const distanceBand = (miles: number | null | undefined): DistanceBand => {
  if (miles === undefined || miles === null || Number.isNaN(miles)) return 'not known or not recorded';
  return miles > DFE_DISTANCE_STEP_MILES ? 'over 20 miles' : '20 miles or less';
};

/**
 * True when `a` and `b` fall in DfE's "over 20 miles" band: the rounded distance is above 20.0, so 20.04
 * miles (reported as 20.0) is still "20 miles or less".
 */
export const isOver20Miles = (a: GridRef, b: GridRef): boolean =>
  distanceBand(distanceMiles(a, b)) === 'over 20 miles';

/**
 * Snaps a grid reference to the nearest multiple of `metres` on each axis, so a derived value (for
 * matching or commissioning) never carries the full-postcode position. Nearest, not the square's
 * south-west corner, so distances between coarse references are not biased.
 *
 * @throws ValidationError `GRID.PRECISION_INVALID` unless `metres` is a positive finite number.
 */
export const roundGridRef = (g: GridRef, metres: number): GridRef => {
  if (!Number.isFinite(metres) || metres <= 0) {
    throw new ValidationError(
      'GRID.PRECISION_INVALID',
      `grid precision must be a positive number of metres`,
      {
        metres,
      },
    );
  }
  // `|| 0` turns -0 (from rounding a small negative) into 0 so equal references compare and serialise alike.
  const snap = (v: number): number => Math.round(v / metres) * metres || 0;
  return { easting: snap(g.easting), northing: snap(g.northing) };
};
