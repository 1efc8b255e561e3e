// Formats of the public identifiers supply accepts. Sources: shared/research/domain-anchors.md §1.2.

/**
 * An Ofsted unique reference number as Placematch accepts it: `SC` and 6 digits (children's homes and older
 * social care registrations, e.g. `SC999999`), 7 digits (newer registrations, e.g. supported accommodation
 * under the 2023 regulations), or `XXXXXXX`, the SSDA903 placeholder where no URN applies (validator rules
 * 219-224). The anchors mark the general format rule as only partly verified, so the provider-list import
 * (rule 1008: URN in Ofsted's lists) is the real check; this only catches typing mistakes.
 */
export const OFSTED_URN = /^(SC\d{6}|\d{7}|XXXXXXX)$/;

/** The SSDA903 placeholder for "no URN applies". */
export const URN_NOT_APPLICABLE = 'XXXXXXX';

/** True when `value` has the form of an Ofsted URN (see {@link OFSTED_URN}). */
export const isOfstedUrn = (value: unknown): value is string =>
  typeof value === 'string' && OFSTED_URN.test(value);

/**
 * An ONS (GSS) code of an English children's services authority, the upper-tier authority the SSDA903 uses
 * for `PL_LA`: E06 unitary authorities, E08 metropolitan districts, E09 London boroughs (and the City of
 * London), E10 counties, each followed by 6 digits. E07 (non-metropolitan districts) is refused: district
 * councils have no children's services, so a setting's host authority is the county (E10) above them.
 */
export const CHILDRENS_SERVICES_AUTHORITY = /^E(06|08|09|10)\d{6}$/;

/** True when `value` is the ONS code of an English children's services authority, such as `E08000021`. */
export const isChildrensServicesAuthority = (value: unknown): value is string =>
  typeof value === 'string' && CHILDRENS_SERVICES_AUTHORITY.test(value);
