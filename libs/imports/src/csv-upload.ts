import { ValidationError } from '@placematch/kernel';
import { MAX_UPLOAD_BYTES } from './import-kind';

/** The media types a CSV body may be sent as (`text/csv` is the one documented). */
export const CSV_MEDIA_TYPES: readonly string[] = ['text/csv', 'application/csv', 'text/plain'];

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

/** An uploaded file over the limit; `field` names the body or the form field. */
export const fileTooLarge = (field: string, maxBytes: number = MAX_UPLOAD_BYTES): ValidationError =>
  new ValidationError(
    'IMPORT.FILE_TOO_LARGE',
    `${field}: the file is larger than ${megabytes(maxBytes)}, the most one import takes; split it into smaller files`,
    { field, maxBytes },
  );

const notCsv = (field: string, reason: string) =>
  new ValidationError('IMPORT.NOT_CSV', `${field}: ${reason}`, { field });

/** Whether `text` holds a control character CSV text never has (tab, line breaks, form feed, ^Z aside). */
const isBinary = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && !(c >= 0x09 && c <= 0x0d) && c !== 0x1a) return true;
  }
  return false;
};

/**
 * Checks an uploaded file before anything is stored: present, not over `maxBytes`, UTF-8 text (not a
 * spreadsheet workbook or another binary file), and not empty. Whether its header and rows are right is the
 * import's job. Returns the bytes as sent; errors name `field` and never quote the content.
 *
 * @throws ValidationError `IMPORT.FILE_MISSING`, `IMPORT.FILE_TOO_LARGE`, `IMPORT.NOT_CSV`, `IMPORT.FILE_EMPTY`.
 */
export const checkCsvFile = (
  field: string,
  bytes: Uint8Array | undefined,
  maxBytes: number = MAX_UPLOAD_BYTES,
): Uint8Array => {
  if (bytes === undefined) {
    throw new ValidationError('IMPORT.FILE_MISSING', `${field}: no file was sent`, { field });
  }
  if (bytes.length > maxBytes) throw fileTooLarge(field, maxBytes);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw notCsv(field, 'the file is not UTF-8 text: save it as "CSV UTF-8"');
  }
  if (isBinary(text)) {
    throw notCsv(
      field,
      'the file holds binary data, not CSV text (a spreadsheet workbook?): save it as "CSV UTF-8"',
    );
  }
  if (text.replace(/^\uFEFF/, '').trim() === '') {
    throw new ValidationError('IMPORT.FILE_EMPTY', `${field}: the file is empty`, { field });
  }
  return bytes;
};

/**
 * Checks the `Content-Type` of a request whose body is the CSV file: one of {@link CSV_MEDIA_TYPES}, in
 * UTF-8 if a charset is named.
 *
 * @throws ValidationError `IMPORT.NOT_CSV` naming the `Content-Type` field.
 */
export const checkCsvContentType = (contentType: string | undefined): void => {
  const [media = '', ...params] = (contentType ?? '')
    .toLowerCase()
    .split(';')
    .map((s) => s.trim());
  if (!CSV_MEDIA_TYPES.includes(media)) {
    throw notCsv(
      'Content-Type',
      `send the file as the body, with Content-Type text/csv, not ${media || 'none'}`,
    );
  }
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (charset !== undefined && !/^utf-?8$/.test(charset)) {
    throw notCsv('Content-Type', `the file must be UTF-8, not ${charset}: save it as "CSV UTF-8"`);
  }
};

/** The file in slices, as a stream would give it: the parsers then report progress as they go. */
export function* chunksOf(bytes: Uint8Array, size = 64 * 1024): Generator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, Math.min(at + size, bytes.length));
}
