import { ValidationError } from '@placematch/kernel';

/**
 * What a column of an Ofsted provider list means to the import. `localAuthority` holds a name (or, in some
 * exports, an ONS code); `localAuthorityCode` an ONS code. `closedDate` marks a setting that has closed.
 */
export type OfstedField =
  | 'urn'
  | 'providerType'
  | 'localAuthority'
  | 'localAuthorityCode'
  | 'placementTypes'
  | 'providerCode'
  | 'postcode'
  | 'providerName'
  | 'settingName'
  | 'closedDate';

/**
 * The column names accepted for each field, written as {@link normaliseColumnName} leaves them (lower case,
 * single spaces, underscores and hyphens as spaces, a trailing "(s)" dropped, curly apostrophes straight).
 * The header is matched after the same normalisation, so `Setting Postcode`, `setting postcode` and
 * `SETTING_POSTCODE` are one name, and the columns may come in any order.
 *
 * Sources (shared/research/domain-anchors.md §1.2 "URN: Ofsted provider identifiers", read from
 * data-to-insight/csc-validator-be-903 `lac_validator/ingress.py`):
 * - Children's Homes list (CH): `URN`, `Local Authority`, `Provider Code`, `Provider Placement Code`,
 *   `Closed Date`, `Setting Postcode`, and `Setting Address Postcode` on some sheets.
 * - Social Care Providers list (SCP): `URN`, `Local authority`, `Placement code`, `Placement provider code`,
 *   `Deregistration date`, `Setting postcode`.
 * - Combined list (SCPCH): `urn`, `provider type`, `local authority`, `provider local authority`,
 *   `placement code`, `placement provider code`, `deregistration date`, `closed date`, `setting address postcode`.
 * - SSDA903 episode names, for lists prepared from a 903 extract: `URN`, `PLACE`, `PLACE_PROVIDER`, `PL_POST`.
 * - Placematch's own variants (not seen in a published list, accepted because people write them): the rest.
 *
 * The lists the validator reads carry no provider or setting name; the import needs one (the deciders refuse
 * a nameless provider or setting), so a name column is this importer's own requirement.
 *
 * `provider code` is ambiguous: in the CH list the validator reads `Provider Code` as the PLACE codes and
 * `Provider Placement Code` as the PLACE_PROVIDER codes. So when a header has `provider placement code` and
 * no other placement-code column, `provider code` is read as the placement codes; otherwise it is the
 * provider (PR) code. See {@link recogniseHeader}.
 */
export const OFSTED_COLUMN_NAMES: Readonly<Record<OfstedField, readonly string[]>> = {
  // CH, SCP, SCPCH, 903; the rest are variants.
  urn: ['urn', 'ofsted urn', 'setting urn', 'provider urn', 'unique reference number'],
  // SCPCH; the rest are variants.
  providerType: ['provider type', 'type of provider', 'setting type'],
  // CH, SCP, SCPCH (both names); the rest are variants.
  localAuthority: [
    'local authority',
    'provider local authority',
    'local authority name',
    'la name',
    'la',
    'host local authority',
  ],
  // Variants only: no published list seen carries ONS codes, but a prepared file may.
  localAuthorityCode: [
    'local authority code',
    'local authority ons code',
    'la code',
    'la ons code',
    'ons code',
    'gss code',
    'utla code',
    'host local authority code',
  ],
  // SCP, SCPCH, 903 (PLACE); the rest are variants. CH `Provider Code` joins these (see above).
  placementTypes: ['placement code', 'placement codes', 'placement type', 'placement types', 'place', 'pl'],
  // CH, SCP, SCPCH, 903 (PLACE_PROVIDER); the rest are variants.
  providerCode: [
    'provider placement code',
    'placement provider code',
    'place provider',
    'provider code',
    'provider codes',
    'pr code',
  ],
  // CH, SCP, SCPCH, 903 (PL_POST); the rest are variants.
  postcode: [
    'setting postcode',
    'setting address postcode',
    'postcode',
    'setting post code',
    'address postcode',
    'pl post',
  ],
  // Variants only (see above).
  providerName: [
    'provider name',
    'organisation name',
    'organisation which owns the provider',
    'owner name',
    'registered provider',
    'provider',
  ],
  // Variants only (see above).
  settingName: ['setting name', 'name', 'home name'],
  // CH (`Closed Date`), SCP (`Deregistration date`); the rest are variants.
  closedDate: ['closed date', 'deregistration date', 'date closed'],
};

/** Each field as messages name it. */
export const OFSTED_FIELD_LABELS: Readonly<Record<OfstedField, string>> = {
  urn: 'URN',
  providerType: 'provider type',
  localAuthority: 'local authority',
  localAuthorityCode: 'local authority ONS code',
  placementTypes: 'placement codes (PLACE)',
  providerCode: 'provider code (PLACE_PROVIDER)',
  postcode: 'setting postcode',
  providerName: 'provider name',
  settingName: 'setting name',
  closedDate: 'closed date',
};

/** The columns recognised in a header, by position. */
export interface OfstedColumns {
  /** The position of each field's column; a field the file lacks is absent. */
  readonly indexes: Readonly<Partial<Record<OfstedField, number>>>;
  /** The header cells as written (trimmed), by position; for messages. */
  readonly names: readonly string[];
  /** Header cells that name nothing the import reads, as written (a blank cell as `(column N)`). */
  readonly ignored: readonly string[];
}

/** A column name as {@link OFSTED_COLUMN_NAMES} writes it: `Placement Code(s)` -> `placement code`. */
export const normaliseColumnName = (name: string): string =>
  name
    .replace(/[\u2018\u2019]/g, "'")
    .toLowerCase()
    .replace(/\(s\)\s*$/, '')
    .replace(/[_-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const BY_NAME: ReadonlyMap<string, OfstedField> = new Map(
  (Object.entries(OFSTED_COLUMN_NAMES) as [OfstedField, readonly string[]][]).flatMap(([field, names]) =>
    names.map((name) => [name, field] as const),
  ),
);

/** How a missing field is named in the file-level error: its first accepted name, as published. */
const REQUIRED: readonly { fields: readonly OfstedField[]; label: string }[] = [
  { fields: ['urn'], label: 'URN' },
  { fields: ['providerType'], label: 'Provider type' },
  { fields: ['localAuthority', 'localAuthorityCode'], label: 'Local authority (a name or an ONS code)' },
  { fields: ['placementTypes'], label: 'Placement code' },
  { fields: ['providerCode'], label: 'Placement provider code' },
  { fields: ['postcode'], label: 'Setting postcode' },
  { fields: ['providerName', 'settingName'], label: 'Provider name or Setting name' },
];

/**
 * Recognises the header of an Ofsted provider list: which column holds which field (see
 * {@link OFSTED_COLUMN_NAMES} for the names accepted). Columns may come in any order; columns it does not
 * know are ignored and listed in `ignored`.
 *
 * @throws ValidationError `OFSTED.MISSING_COLUMNS` naming every required column the header lacks (details
 *   `{ missing }`), and `OFSTED.DUPLICATE_COLUMNS` when two columns give the same field (details `{ field, columns }`).
 */
export const recogniseHeader = (cells: readonly string[]): OfstedColumns => {
  const names = cells.map((cell) => cell.trim());
  const normalised = names.map(normaliseColumnName);
  const hasOtherPlacementColumn = normalised.some((name) => BY_NAME.get(name) === 'placementTypes');
  // The CH list's naming (see OFSTED_COLUMN_NAMES): there `Provider Code` holds the PLACE codes.
  const chLayout = normalised.includes('provider placement code') && !hasOtherPlacementColumn;

  const indexes: Partial<Record<OfstedField, number>> = {};
  const ignored: string[] = [];
  normalised.forEach((name, at) => {
    const field = chLayout && name === 'provider code' ? 'placementTypes' : BY_NAME.get(name);
    if (field === undefined) {
      ignored.push(names[at] === '' ? `(column ${at + 1})` : names[at]);
      return;
    }
    const earlier = indexes[field];
    if (earlier !== undefined) {
      throw new ValidationError(
        'OFSTED.DUPLICATE_COLUMNS',
        `Columns "${names[earlier]}" and "${names[at]}" both give the ${OFSTED_FIELD_LABELS[field]}: remove one`,
        { field, columns: [names[earlier], names[at]] },
      );
    }
    indexes[field] = at;
  });

  const missing = REQUIRED.filter(({ fields }) => fields.every((field) => indexes[field] === undefined)).map(
    ({ label }) => label,
  );
  if (missing.length > 0) {
    throw new ValidationError(
      'OFSTED.MISSING_COLUMNS',
      `The header lacks ${missing.length === 1 ? 'a column' : 'columns'}: ${missing.join('; ')}`,
      { missing },
    );
  }
  return { indexes, names, ignored };
};
