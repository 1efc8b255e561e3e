import { ValidationError } from '@placematch/kernel';
import { GridRef, tryParsePostcode } from '@placematch/geo';

/**
 * Where a setting is. The grid reference and sector are looked up from the postcode by the handler and
 * arrive in the command; matching uses them (DfE distance: straight-line grid distance in miles), so the
 * full postcode need not leave the supply context.
 */
export interface SettingLocation {
  postcode: string;
  /** National Grid metres (ONSPD `oseast1m` / `osnrth1m`). */
  gridReference: GridRef;
  /** The postcode sector, e.g. `NE1 9`. */
  postcodeSector: string;
}

const compact = (value: string) => value.toUpperCase().replace(/\s+/g, '');

// The National Grid covers Great Britain within these bounds (metres from the false origin).
const MAX_EASTING = 700_000;
const MAX_NORTHING = 1_300_000;

/**
 * Checks a location and returns it normalised: a well-formed UK postcode (the geo library's parser), a sector
 * that is that postcode's sector, and a grid reference on the National Grid.
 */
export const validateLocation = (location: SettingLocation): SettingLocation => {
  const parsed = typeof location?.postcode === 'string' ? tryParsePostcode(location.postcode) : undefined;
  if (parsed === undefined) {
    throw new ValidationError('SETTING.INVALID_POSTCODE', 'Not a UK postcode', {
      postcode: location?.postcode,
    });
  }
  if (
    typeof location.postcodeSector !== 'string' ||
    compact(location.postcodeSector) !== compact(parsed.sector)
  ) {
    throw new ValidationError(
      'SETTING.POSTCODE_SECTOR_MISMATCH',
      `The sector of ${parsed.postcode} is ${parsed.sector}`,
      {
        postcodeSector: location.postcodeSector,
      },
    );
  }
  const { easting, northing } = location.gridReference ?? {};
  const onGrid = (v: unknown, max: number) =>
    typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= max;
  if (!onGrid(easting, MAX_EASTING) || !onGrid(northing, MAX_NORTHING)) {
    throw new ValidationError('SETTING.INVALID_GRID_REFERENCE', 'Not a National Grid reference in metres', {
      gridReference: location.gridReference,
    });
  }
  return { postcode: parsed.postcode, gridReference: { easting, northing }, postcodeSector: parsed.sector };
};
