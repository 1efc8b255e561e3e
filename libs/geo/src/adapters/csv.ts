import type { Country } from '../geocoder.port';

/**
 * Splits one CSV line (RFC 4180 quoting, no line breaks inside fields) into at most `limit` fields; the rest
 * of the line is not parsed, so a wide file costs only the columns read. `undefined` when a quoted field is
 * not closed or a closing quote is not followed by a comma.
 */
export const splitCsvLine = (line: string, limit = Infinity): string[] | undefined => {
  const fields: string[] = [];
  let at = 0;
  while (fields.length < limit) {
    if (line.charCodeAt(at) === 34 /* " */) {
      let value = '';
      let from = at + 1;
      for (;;) {
        const quote = line.indexOf('"', from);
        if (quote < 0) return undefined;
        value += line.slice(from, quote);
        if (line.charCodeAt(quote + 1) === 34) {
          value += '"';
          from = quote + 2;
          continue;
        }
        at = quote + 1;
        break;
      }
      fields.push(value);
      if (at === line.length) return fields;
      if (line.charCodeAt(at) !== 44 /* , */) return undefined;
      at += 1;
    } else {
      const comma = line.indexOf(',', at);
      if (comma < 0) {
        fields.push(line.slice(at));
        return fields;
      }
      fields.push(line.slice(at, comma));
      at = comma + 1;
    }
  }
  return fields;
};

/** Header names, trimmed and lower-cased, with a UTF-8 byte-order mark dropped. */
export const headerNames = (line: string): string[] | undefined =>
  splitCsvLine(line.replace(/^\uFEFF/, ''))?.map((name) => name.trim().toLowerCase());

/** Positions of `wanted` in `header`, and the names it lacks. */
export const columnIndexes = <K extends string>(
  header: readonly string[],
  wanted: readonly K[],
): { indexes: Record<K, number>; missing: K[] } => {
  const indexes = {} as Record<K, number>;
  const missing: K[] = [];
  for (const name of wanted) {
    const at = header.indexOf(name);
    if (at < 0) missing.push(name);
    indexes[name] = at;
  }
  return { indexes, missing };
};

const BY_ONS_CODE: ReadonlyMap<string, Country> = new Map([
  ['E92000001', 'England'],
  ['W92000004', 'Wales'],
  ['S92000003', 'Scotland'],
  ['N92000002', 'Northern Ireland'],
  ['L93000001', 'Channel Islands'],
  ['M83000003', 'Isle of Man'],
]);

/** The country of an ONSPD `ctry` code (`E92000001` -> England); `undefined` for a code it does not know. */
export const countryOfOnsCode = (code: string): Country | undefined => BY_ONS_CODE.get(code);

const BY_NAME: ReadonlyMap<string, Country> = new Map([
  ['england', 'England'],
  ['wales', 'Wales'],
  ['scotland', 'Scotland'],
  ['northern ireland', 'Northern Ireland'],
  ['channel islands', 'Channel Islands'],
  ['guernsey', 'Channel Islands'],
  ['jersey', 'Channel Islands'],
  ['isle of man', 'Isle of Man'],
]);

/** The country named in a reference table (`Guernsey` and `Jersey` are the Channel Islands, as in ONSPD). */
export const countryOfName = (name: string): Country | undefined => BY_NAME.get(name.trim().toLowerCase());
