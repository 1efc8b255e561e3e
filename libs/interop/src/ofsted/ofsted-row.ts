import { tryParsePostcode } from '@placematch/geo';
import {
  CHILDRENS_SERVICES_AUTHORITY,
  PLACEMENT_TYPES,
  PLACEMENT_TYPE_CODES,
  PLACE_PROVIDER_CODES,
  PROVIDER_TYPES,
  URN_NOT_APPLICABLE,
  isOfstedUrn,
} from '@placematch/supply';
import type { PlaceProviderCode, PlacementTypeCode, ProviderType } from '@placematch/supply';
import type { CsvRecord } from '../csv';
import { OFSTED_FIELD_LABELS } from './ofsted-columns';
import type { OfstedColumns, OfstedField } from './ofsted-columns';

/**
 * The authority a setting is in, as the list gives it. Supply records authorities by ONS code; Ofsted's
 * published lists give names (`Local Authority`), so a row whose name could not be turned into a code keeps
 * the name and needs a code before it can be registered (see `withOnsCode`).
 */
export type HostLocalAuthority =
  | {
      readonly kind: 'ons-code';
      /** ONS code of the children's services authority (E06, E08, E09 or E10 and 6 digits). */
      readonly code: string;
      /** The name as the list wrote it, when it wrote one. */
      readonly name?: string;
    }
  | { readonly kind: 'name'; readonly name: string };

/** A row of an Ofsted provider list that can be registered: one provider and its one setting, both under the row's URN. */
export interface OfstedRow {
  /** The line the row starts on (the header is line 1). */
  readonly line: number;
  /** The Ofsted URN, upper case: `SC` and 6 digits, or 7 digits. */
  readonly urn: string;
  readonly providerName: string;
  readonly providerType: ProviderType;
  readonly hostLocalAuthority: HostLocalAuthority;
  /** The SSDA903 PLACE codes the setting offers, each once, in code order. */
  readonly placementTypes: readonly PlacementTypeCode[];
  /** The PLACE_PROVIDER code from the host authority's point of view (PR1 for an authority's own service). */
  readonly providerCode: PlaceProviderCode;
  /** The setting's postcode, normalised (`NE1 9ZZ`). */
  readonly postcode: string;
  readonly settingName: string;
}

/** Stable codes of the reasons a row is refused (part of the import's output: never change one). */
export type OfstedProblemCode =
  | 'CSV.MALFORMED'
  | 'ROW.FIELD_COUNT'
  | 'ROW.DUPLICATE'
  | 'ROW.CONFLICTING_DUPLICATE'
  | 'VALUE.MISSING'
  | 'URN.MALFORMED'
  | 'URN.NOT_APPLICABLE'
  | 'PROVIDER_TYPE.UNKNOWN'
  | 'PLACEMENT_TYPE.UNKNOWN'
  | 'PLACEMENT_TYPE.NOT_OFFERED'
  | 'PROVIDER_CODE.UNKNOWN'
  | 'PROVIDER_CODE.SEVERAL'
  | 'PROVIDER_CODE.NOT_ALLOWED'
  | 'POSTCODE.MALFORMED'
  | 'LOCAL_AUTHORITY.NOT_CHILDRENS_SERVICES'
  | 'LOCAL_AUTHORITY.UNKNOWN';

/** Why a row cannot be imported. A row may have several, one per field at fault. */
export interface OfstedRowProblem {
  /** The line the row starts on. */
  readonly line: number;
  /** The field at fault, or `row` for the row as a whole (its quoting, its width, a duplicate URN). */
  readonly field: OfstedField | 'row';
  /** The column as the header wrote it, when the problem is in one column. */
  readonly column?: string;
  readonly code: OfstedProblemCode;
  /** A sentence for the person who will fix the file. */
  readonly reason: string;
  /** The row's URN when it has a well-formed one, so a report can name the setting. */
  readonly urn?: string;
}

/** A well-formed row left out on purpose: the setting has closed (a `Closed Date` or `Deregistration date`). */
export interface OfstedSkippedRow {
  readonly line: number;
  readonly urn?: string;
  readonly code: 'ROW.CLOSED';
  readonly reason: string;
}

/** What the caller may supply to read rows. */
export interface OfstedRowOptions {
  /**
   * Maps a local authority name as the list writes it (e.g. `Newcastle upon Tyne`) to the ONS code of that
   * children's services authority, or `undefined` when it does not know the name. With it, a name it does
   * not know is a problem (`LOCAL_AUTHORITY.UNKNOWN`); without it, rows keep the name (see {@link HostLocalAuthority}).
   */
  readonly localAuthorityCode?: (name: string) => string | undefined;
}

/** What one record of the list reads as. */
export type OfstedRowReading =
  | { readonly kind: 'row'; readonly row: OfstedRow }
  | { readonly kind: 'problems'; readonly problems: readonly OfstedRowProblem[] }
  | { readonly kind: 'skipped'; readonly skipped: OfstedSkippedRow }
  | { readonly kind: 'blank' };

const MAX_SHOWN = 40;

/** What a reason may repeat of the file: one line, bounded. */
export const shown = (value: string): string => {
  const text = value.replace(/\s+/g, ' ').trim();
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
};

const ONS_CODE = /^[EWSNKLM]\d{8}$/;
const CODE_SEPARATORS = /[\s,;/]+/;

const providerTypeKey = (value: string): string =>
  value
    .replace(/[\u2018\u2019']/g, '')
    .toLowerCase()
    .replace(/[_-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Provider types as Ofsted lists write them, with apostrophes dropped and in lower case, mapped to the
 * Placematch provider type. `Children's Home` is the value the 903 validator looks for in the combined list
 * (domain-anchors.md §1.2); the other Ofsted names are as Ofsted's registers word them but unverified in the
 * anchors. Placematch's own type names (`childrens-home-operator`, …) are accepted too. Types Placematch does
 * not register (adoption agencies, boarding and residential special schools, holiday schemes) are refused.
 */
export const OFSTED_PROVIDER_TYPES: ReadonlyMap<string, ProviderType> = new Map<string, ProviderType>([
  ['childrens home', 'childrens-home-operator'],
  ['secure childrens home', 'childrens-home-operator'],
  ['independent fostering agency', 'independent-fostering-agency'],
  ['local authority fostering agency', 'local-authority-fostering-service'],
  ['local authority fostering service', 'local-authority-fostering-service'],
  ['supported accommodation', 'supported-accommodation-provider'],
  ['supported accommodation undertaking', 'supported-accommodation-provider'],
  ['supported accommodation provider', 'supported-accommodation-provider'],
  ['residential family centre', 'residential-family-centre'],
  ...(Object.keys(PROVIDER_TYPES) as ProviderType[]).map(
    (type) => [providerTypeKey(type), type] as [string, ProviderType],
  ),
]);

const isPlacementCode = (code: string): code is PlacementTypeCode => Object.hasOwn(PLACEMENT_TYPES, code);
const isProviderCode = (code: string): code is PlaceProviderCode => Object.hasOwn(PLACE_PROVIDER_CODES, code);

const list = (codes: readonly string[]): string =>
  codes.length <= 1 ? codes.join('') : `${codes.slice(0, -1).join(', ')} or ${codes[codes.length - 1]}`;

const plural = (count: number, one: string, many: string): string => (count === 1 ? one : many);

/**
 * Reads one record of an Ofsted provider list against its recognised header: a row to register, the
 * problems that keep it out, a closed setting to skip, or a blank line. Duplicates across rows are the
 * parser's concern, not this function's.
 */
export const readOfstedRow = (
  record: CsvRecord,
  columns: OfstedColumns,
  options: OfstedRowOptions = {},
): OfstedRowReading => {
  const { line, fields } = record;
  // Spreadsheet exports end with empty lines and rows of bare commas; they carry nothing to report.
  if (fields.every((field) => field.trim() === '')) return { kind: 'blank' };
  if (record.malformed !== undefined) {
    return rowProblem(line, 'CSV.MALFORMED', `the row's quoting is broken (${record.malformed})`);
  }
  if (fields.length !== columns.names.length) {
    return rowProblem(
      line,
      'ROW.FIELD_COUNT',
      `the row has ${fields.length} ${plural(fields.length, 'field', 'fields')}; the header has ${columns.names.length}`,
    );
  }

  const problems: OfstedRowProblem[] = [];
  const cell = (field: OfstedField): string | undefined => {
    const at = columns.indexes[field];
    return at === undefined ? undefined : fields[at].trim();
  };
  const column = (field: OfstedField): string | undefined => {
    const at = columns.indexes[field];
    return at === undefined ? undefined : columns.names[at];
  };
  const problem = (field: OfstedField, code: OfstedProblemCode, reason: string): undefined => {
    const name = column(field);
    problems.push({ line, field, ...(name !== undefined && { column: name }), code, reason });
    return undefined;
  };
  const required = (field: OfstedField): string | undefined => {
    const value = cell(field);
    if (value === undefined || value === '') {
      return problem(field, 'VALUE.MISSING', `${column(field) ?? OFSTED_FIELD_LABELS[field]} is blank`);
    }
    return value;
  };

  const closed = cell('closedDate');
  if (closed !== undefined && closed !== '') {
    // Nothing of a closed setting is imported, so its other cells are not worth a problem.
    const written = cell('urn')?.toUpperCase();
    return {
      kind: 'skipped',
      skipped: {
        line,
        ...(written !== undefined && isOfstedUrn(written) && { urn: written }),
        code: 'ROW.CLOSED',
        reason: `closed (${column('closedDate')} ${shown(closed)}): a closed setting is not registered`,
      },
    };
  }

  const urn = readUrn(required('urn'), problem);

  const providerType = readProviderType(required('providerType'), problem);
  const placementTypes = readPlacementTypes(required('placementTypes'), problem);
  const providerCode = readProviderCode(required('providerCode'), providerType, problem);
  const postcode = readPostcode(required('postcode'), problem);
  const hostLocalAuthority = readLocalAuthority(cell, column, options, problem);
  const names = readNames(cell, column, problem);

  if (
    problems.length > 0 ||
    urn === undefined ||
    providerType === undefined ||
    placementTypes === undefined ||
    providerCode === undefined ||
    postcode === undefined ||
    hostLocalAuthority === undefined ||
    names === undefined
  ) {
    return {
      kind: 'problems',
      problems: urn === undefined ? problems : problems.map((found) => ({ ...found, urn })),
    };
  }
  return {
    kind: 'row',
    row: { line, urn, ...names, providerType, hostLocalAuthority, placementTypes, providerCode, postcode },
  };
};

type Report = (field: OfstedField, code: OfstedProblemCode, reason: string) => undefined;

const rowProblem = (line: number, code: OfstedProblemCode, reason: string): OfstedRowReading => ({
  kind: 'problems',
  problems: [{ line, field: 'row', code, reason }],
});

const readUrn = (value: string | undefined, problem: Report): string | undefined => {
  if (value === undefined) return undefined;
  const urn = value.toUpperCase();
  // The 903 placeholder would give every such row the same ids, merging unrelated settings into one stream.
  if (urn === URN_NOT_APPLICABLE) {
    return problem('urn', 'URN.NOT_APPLICABLE', `URN ${urn} is the SSDA903 placeholder, not a setting's URN`);
  }
  if (!isOfstedUrn(urn)) {
    return problem(
      'urn',
      'URN.MALFORMED',
      `URN "${shown(value)}" is not an Ofsted URN (SC and 6 digits, or 7 digits)`,
    );
  }
  return urn;
};

const readProviderType = (value: string | undefined, problem: Report): ProviderType | undefined => {
  if (value === undefined) return undefined;
  const type = OFSTED_PROVIDER_TYPES.get(providerTypeKey(value));
  if (type === undefined) {
    return problem(
      'providerType',
      'PROVIDER_TYPE.UNKNOWN',
      `provider type "${shown(value)}" is not one Placematch registers (children's home, secure children's home, ` +
        'independent fostering agency, local authority fostering agency, supported accommodation, residential family centre)',
    );
  }
  return type;
};

const readPlacementTypes = (value: string | undefined, problem: Report): PlacementTypeCode[] | undefined => {
  if (value === undefined) return undefined;
  const tokens = value.toUpperCase().split(CODE_SEPARATORS).filter(Boolean);
  if (tokens.length === 0)
    return problem('placementTypes', 'VALUE.MISSING', `"${shown(value)}" holds no codes`);
  const swapped = tokens.filter(isProviderCode);
  const unknown = tokens.filter((code) => !isPlacementCode(code) && !isProviderCode(code));
  const known = tokens.filter(isPlacementCode);
  const notOffered = [...new Set(known.filter((code) => !PLACEMENT_TYPES[code].offeredBySettings))];
  if (unknown.length > 0) {
    problem(
      'placementTypes',
      'PLACEMENT_TYPE.UNKNOWN',
      `${list(unknown.map((code) => `"${shown(code)}"`))} ${plural(unknown.length, 'is not an', 'are not')} SSDA903 PLACE ${plural(unknown.length, 'code', 'codes')}`,
    );
  }
  if (swapped.length > 0) {
    problem(
      'placementTypes',
      'PLACEMENT_TYPE.UNKNOWN',
      `${list(swapped)} ${plural(swapped.length, 'is a', 'are')} PLACE_PROVIDER ${plural(swapped.length, 'code', 'codes')}, not PLACE: ` +
        'are the placement code and provider code columns the right way round?',
    );
  }
  if (notOffered.length > 0) {
    problem(
      'placementTypes',
      'PLACEMENT_TYPE.NOT_OFFERED',
      `${list(notOffered)} ${plural(notOffered.length, 'records', 'record')} an episode (a move, a stay, custody or adoption), not a kind of home a setting offers`,
    );
  }
  if (unknown.length > 0 || swapped.length > 0 || notOffered.length > 0) return undefined;
  const codes = new Set(known);
  // In code order, so a list republished with its codes reordered registers the same data (an idempotent repeat).
  return PLACEMENT_TYPE_CODES.filter((code) => codes.has(code));
};

const readProviderCode = (
  value: string | undefined,
  providerType: ProviderType | undefined,
  problem: Report,
): PlaceProviderCode | undefined => {
  if (value === undefined) return undefined;
  const tokens = value.toUpperCase().split(CODE_SEPARATORS).filter(Boolean);
  if (tokens.length === 0) return problem('providerCode', 'VALUE.MISSING', `"${shown(value)}" holds no code`);
  const unknown = tokens.filter((code) => !isProviderCode(code));
  if (unknown.length > 0 && unknown.every(isPlacementCode)) {
    return problem(
      'providerCode',
      'PROVIDER_CODE.UNKNOWN',
      `${list(unknown)} ${plural(unknown.length, 'is a', 'are')} PLACE ${plural(unknown.length, 'code', 'codes')}, not PLACE_PROVIDER (PR0-PR5): ` +
        'are the placement code and provider code columns the right way round?',
    );
  }
  if (unknown.length > 0) {
    return problem(
      'providerCode',
      'PROVIDER_CODE.UNKNOWN',
      `${list(unknown.map((code) => `"${shown(code)}"`))} ${plural(unknown.length, 'is not a', 'are not')} PLACE_PROVIDER ${plural(unknown.length, 'code', 'codes')} (PR0-PR5)`,
    );
  }
  const codes = new Set(tokens.filter(isProviderCode));
  // A list may give an authority's home as "PR1/PR2": its own children see PR1, others' PR2. Supply records
  // the host's view (PR1) and derives PR2 per child, so PR2 beside PR1 adds nothing.
  if (codes.has('PR1')) codes.delete('PR2');
  if (codes.size > 1) {
    return problem(
      'providerCode',
      'PROVIDER_CODE.SEVERAL',
      `the row gives several provider codes (${[...codes].join(', ')}); a provider registers with one`,
    );
  }
  const [code] = codes;
  if (providerType !== undefined) {
    const allowed: readonly PlaceProviderCode[] = PROVIDER_TYPES[providerType].providerCodes;
    if (!allowed.includes(code)) {
      return problem(
        'providerCode',
        'PROVIDER_CODE.NOT_ALLOWED',
        `provider code ${code} is not allowed for a ${providerType.replace(/-/g, ' ')} (${list([...allowed])})`,
      );
    }
  }
  return code;
};

const readPostcode = (value: string | undefined, problem: Report): string | undefined => {
  if (value === undefined) return undefined;
  const parsed = tryParsePostcode(value);
  if (parsed === undefined) {
    return problem('postcode', 'POSTCODE.MALFORMED', `postcode "${shown(value)}" is not a UK postcode`);
  }
  return parsed.postcode;
};

const notChildrensServices = (code: string): string =>
  `${shown(code)} is not the ONS code of an English children's services authority (E06, E08, E09 or E10 and 6 digits; ` +
  'a district (E07) is served by its county)';

const readLocalAuthority = (
  cell: (field: OfstedField) => string | undefined,
  column: (field: OfstedField) => string | undefined,
  options: OfstedRowOptions,
  problem: Report,
): HostLocalAuthority | undefined => {
  const written = cell('localAuthority');
  const name = written === undefined || written === '' ? undefined : written.replace(/\s+/g, ' ');
  const code = cell('localAuthorityCode');
  if (code !== undefined && code !== '') {
    const upper = code.toUpperCase();
    if (!CHILDRENS_SERVICES_AUTHORITY.test(upper)) {
      return problem(
        'localAuthorityCode',
        'LOCAL_AUTHORITY.NOT_CHILDRENS_SERVICES',
        notChildrensServices(code),
      );
    }
    return { kind: 'ons-code', code: upper, ...(name !== undefined && { name }) };
  }
  if (name === undefined) {
    const field: OfstedField =
      column('localAuthority') !== undefined ? 'localAuthority' : 'localAuthorityCode';
    return problem(field, 'VALUE.MISSING', `${column(field)} is blank`);
  }
  // Some exports put the ONS code in the name column.
  if (ONS_CODE.test(name.toUpperCase())) {
    const upper = name.toUpperCase();
    if (!CHILDRENS_SERVICES_AUTHORITY.test(upper)) {
      return problem('localAuthority', 'LOCAL_AUTHORITY.NOT_CHILDRENS_SERVICES', notChildrensServices(name));
    }
    return { kind: 'ons-code', code: upper };
  }
  if (options.localAuthorityCode === undefined) return { kind: 'name', name };
  const looked = options.localAuthorityCode(name);
  if (looked === undefined) {
    return problem(
      'localAuthority',
      'LOCAL_AUTHORITY.UNKNOWN',
      `local authority "${shown(name)}" is not a children's services authority the import knows`,
    );
  }
  if (!CHILDRENS_SERVICES_AUTHORITY.test(looked)) {
    return problem(
      'localAuthority',
      'LOCAL_AUTHORITY.NOT_CHILDRENS_SERVICES',
      `local authority "${shown(name)}" maps to ${notChildrensServices(looked)}`,
    );
  }
  return { kind: 'ons-code', code: looked, name };
};

const readNames = (
  cell: (field: OfstedField) => string | undefined,
  column: (field: OfstedField) => string | undefined,
  problem: Report,
): { providerName: string; settingName: string } | undefined => {
  const tidy = (value: string | undefined) =>
    value === undefined || value === '' ? undefined : value.replace(/\s+/g, ' ');
  const providerName = tidy(cell('providerName'));
  const settingName = tidy(cell('settingName'));
  // A list with one name column names both: a home registered by itself is its own provider.
  if (providerName !== undefined || settingName !== undefined) {
    return {
      providerName: providerName ?? settingName ?? '',
      settingName: settingName ?? providerName ?? '',
    };
  }
  const field: OfstedField = column('providerName') !== undefined ? 'providerName' : 'settingName';
  return problem(field, 'VALUE.MISSING', `${column(field)} is blank`);
};
