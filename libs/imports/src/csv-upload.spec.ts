import { ValidationError } from '@placematch/kernel';
import { checkCsvContentType, checkCsvFile, chunksOf } from './csv-upload';

const refusal = (check: () => unknown) => {
  try {
    check();
  } catch (e) {
    if (e instanceof ValidationError) return { code: e.code, message: e.message, details: e.details };
    throw e;
  }
  throw new Error('not refused');
};

describe('checkCsvFile', () => {
  const csv = Buffer.from('URN,Provider name\nSC999101,Test Homes Ltd\n');

  it('passes UTF-8 CSV text through as sent, a byte-order mark and Windows line breaks included', () => {
    expect(checkCsvFile('body', csv)).toBe(csv);
    const bom = Buffer.from('\uFEFFCHILD,SEX\r\n1001,1\r\n');
    expect(checkCsvFile('header', bom)).toBe(bom);
  });

  it.each([
    ['missing', undefined, 'IMPORT.FILE_MISSING', 'header: no file was sent'],
    ['empty', Buffer.alloc(0), 'IMPORT.FILE_EMPTY', 'header: the file is empty'],
    ['blank', Buffer.from('\uFEFF \r\n\r\n'), 'IMPORT.FILE_EMPTY', 'header: the file is empty'],
  ])('refuses a %s file, naming the field', (_what, bytes, code, message) => {
    expect(refusal(() => checkCsvFile('header', bytes))).toEqual({
      code,
      message,
      details: { field: 'header' },
    });
  });

  it('refuses a file that is not UTF-8, without quoting it', () => {
    const refused = refusal(() => checkCsvFile('body', Buffer.from('Name\nCaf\xe9 Homes\n', 'latin1')));
    expect(refused).toMatchObject({ code: 'IMPORT.NOT_CSV', details: { field: 'body' } });
    expect(refused.message).toContain('CSV UTF-8');
    expect(refused.message).not.toContain('Caf');
  });

  it('refuses binary data that happens to be valid UTF-8 (a workbook, an image)', () => {
    const refused = refusal(() =>
      checkCsvFile('episodes', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])),
    );
    expect(refused).toMatchObject({ code: 'IMPORT.NOT_CSV', details: { field: 'episodes' } });
  });

  it('refuses a file over the limit, saying the limit', () => {
    const refused = refusal(() => checkCsvFile('body', csv, csv.length - 1));
    expect(refused).toMatchObject({
      code: 'IMPORT.FILE_TOO_LARGE',
      details: { field: 'body', maxBytes: csv.length - 1 },
    });
    expect(checkCsvFile('body', csv, csv.length)).toBe(csv);
    expect(refusal(() => checkCsvFile('body', Buffer.alloc(21 * 1024 * 1024, 'a'))).message).toBe(
      'body: the file is larger than 20 MB, the most one import takes; split it into smaller files',
    );
  });
});

describe('checkCsvContentType', () => {
  it.each([
    'text/csv',
    'text/csv; charset=utf-8',
    'Text/CSV; charset="UTF8"',
    'application/csv',
    'text/plain',
  ])('accepts %s', (type) => expect(() => checkCsvContentType(type)).not.toThrow());

  it.each([
    [undefined, 'not none'],
    ['application/json', 'not application/json'],
    ['multipart/form-data; boundary=x', 'not multipart/form-data'],
    ['text/csv; charset=windows-1252', 'not windows-1252'],
  ])('refuses %s, naming Content-Type', (type, says) => {
    const refused = refusal(() => checkCsvContentType(type));
    expect(refused).toMatchObject({ code: 'IMPORT.NOT_CSV', details: { field: 'Content-Type' } });
    expect(refused.message).toContain(says);
  });
});

describe('chunksOf', () => {
  it('slices the bytes in order, the last slice short', () => {
    const bytes = Buffer.from('abcdefghij');
    expect([...chunksOf(bytes, 4)].map((c) => Buffer.from(c).toString())).toEqual(['abcd', 'efgh', 'ij']);
    expect([...chunksOf(Buffer.alloc(0), 4)]).toEqual([]);
  });
});
