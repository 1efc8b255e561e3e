import { tryParsePostcode } from '@placematch/geo';
import { isPostcodeSector } from '@placematch/placements';
import { isIsoDate } from '@placematch/supply';

const RETURN_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/**
 * A return date (`dd/mm/yyyy`, the format of the 903 CSV files; a day or month of one digit is accepted, as
 * spreadsheets save them) as `YYYY-MM-DD`, or `undefined` when it is not a date that exists.
 */
export const parseReturnDate = (text: string): string | undefined => {
  const match = RETURN_DATE.exec(text.trim());
  if (!match) return undefined;
  const iso = `${match[3]}-${match[2].padStart(2, '0')}-${match[1].padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : undefined;
};

/** A `YYYY-MM-DD` date as the return writes it: `dd/mm/yyyy`. */
export const formatReturnDate = (iso: string): string =>
  `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/**
 * The postcode sector of `HOME_POST` or `PL_POST`: a full postcode is cut to its sector (`NE1 9ZZ` -> `NE1 9`);
 * a sector is taken as it is, so the export (which holds sectors only) imports again. `undefined` when the text
 * is neither.
 */
export const returnPostcodeSector = (text: string): string | undefined => {
  const full = tryParsePostcode(text);
  if (full !== undefined) return full.sector;
  const sector = text.trim().toUpperCase().replace(/\s+/g, ' ');
  return isPostcodeSector(sector) ? sector : undefined;
};

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One CSV field as RFC 4180 writes it: quoted (quotes doubled) when it holds a comma, quote, line break or edge space. */
export const csvField = (value: string): string =>
  NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

/** CSV text of `rows` (the first being the header), CRLF line breaks as RFC 4180 has them, ending with one. */
export const formatCsv = (rows: readonly (readonly string[])[]): string =>
  rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
