import { ValidationError } from '@placematch/kernel';
import { tryParsePostcode } from '@placematch/geo';
import type { Location } from '@placematch/geo';
import { isChildrensServicesAuthority } from '@placematch/supply';
import type {
  ProviderId,
  ProviderLookup,
  RegisterProvider,
  RegisterSetting,
  SettingId,
} from '@placematch/supply';
import { providerIdFor, settingIdFor } from './ofsted-ids';
import type { HostLocalAuthority, OfstedRow } from './ofsted-row';

/** A row whose host authority is known by its ONS code, so it can be registered. */
export type OfstedRowWithOnsCode = OfstedRow & {
  readonly hostLocalAuthority: Extract<HostLocalAuthority, { kind: 'ons-code' }>;
};

/** True when the row's host authority is known by its ONS code (so {@link toCommands} takes it). */
export const hasOnsCode = (row: OfstedRow): row is OfstedRowWithOnsCode =>
  row.hostLocalAuthority.kind === 'ons-code';

/**
 * The row with its host authority's ONS code, for a row that gave only a name (the caller found the code,
 * e.g. from the ONS local authority lookup). The name is kept.
 *
 * @throws ValidationError `OFSTED.INVALID_LOCAL_AUTHORITY` when `code` is not the ONS code of a children's
 *   services authority, and `OFSTED.LOCAL_AUTHORITY_MISMATCH` when the row already has a different code.
 */
export const withOnsCode = (row: OfstedRow, code: string): OfstedRowWithOnsCode => {
  if (!isChildrensServicesAuthority(code)) {
    throw new ValidationError(
      'OFSTED.INVALID_LOCAL_AUTHORITY',
      "Not the ONS code of a children's services authority (E06, E08, E09 or E10 and 6 digits)",
      { line: row.line, code },
    );
  }
  const { hostLocalAuthority: host } = row;
  if (host.kind === 'ons-code' && host.code !== code) {
    throw new ValidationError(
      'OFSTED.LOCAL_AUTHORITY_MISMATCH',
      `Line ${row.line} already gives the authority as ${host.code}`,
      { line: row.line, code, listed: host.code },
    );
  }
  return {
    ...row,
    hostLocalAuthority: { kind: 'ons-code', code, ...(host.name !== undefined && { name: host.name }) },
  };
};

/** What the caller looks up before a row's setting can be registered. */
export interface SettingLookups {
  /** What the geocoder answered for the row's postcode (a geo `Location` will do): its grid reference and sector. */
  readonly location: Pick<Location, 'postcode' | 'sector' | 'grid'>;
  /** The provider's status, looked up once its `RegisterProvider` has been handled. */
  readonly providerStatus: ProviderLookup;
}

/** The commands that register one row of an Ofsted list. */
export interface OfstedRowCommands {
  /** {@link providerIdFor} the row's URN. */
  readonly providerId: ProviderId;
  /** {@link settingIdFor} the row's URN. */
  readonly settingId: SettingId;
  /** Complete: send it first. */
  readonly registerProvider: RegisterProvider;
  /**
   * The setting's command once the caller has located the postcode and looked the provider up.
   *
   * @throws ValidationError `OFSTED.LOCATION_MISMATCH` when the location is for another postcode than the row's.
   */
  readonly registerSetting: (lookups: SettingLookups) => RegisterSetting;
}

/**
 * Maps a good row to the commands that register its provider and its setting, both under the row's URN,
 * with ids derived from it (see {@link providerIdFor}), so a second import of the same list sends the same
 * commands to the same streams and the deciders write nothing. `at` is the instant from the clock port.
 *
 * The setting's location needs a geocoder, which this pure library cannot call: `registerSetting` takes
 * what the caller looked up.
 */
export const toCommands = (row: OfstedRowWithOnsCode, at: string): OfstedRowCommands => {
  const providerId = providerIdFor(row.urn);
  const settingId = settingIdFor(row.urn);
  const hostLocalAuthority = row.hostLocalAuthority.code;
  return {
    providerId,
    settingId,
    registerProvider: {
      type: 'RegisterProvider',
      data: {
        providerId,
        name: row.providerName,
        ofstedUrn: row.urn,
        providerCode: row.providerCode,
        hostLocalAuthority,
        providerType: row.providerType,
      },
      at,
    },
    registerSetting: ({ location, providerStatus }) => {
      if (tryParsePostcode(location.postcode)?.postcode !== row.postcode) {
        throw new ValidationError(
          'OFSTED.LOCATION_MISMATCH',
          `Line ${row.line}: the location given is for ${location.postcode}, not ${row.postcode}`,
          { line: row.line, postcode: row.postcode, located: location.postcode },
        );
      }
      return {
        type: 'RegisterSetting',
        data: {
          settingId,
          providerId,
          providerStatus,
          name: row.settingName,
          placementTypes: [...row.placementTypes],
          location: {
            postcode: row.postcode,
            gridReference: { easting: location.grid.easting, northing: location.grid.northing },
            postcodeSector: location.sector,
          },
          hostLocalAuthority,
          ofstedUrn: row.urn,
        },
        at,
      };
    },
  };
};
