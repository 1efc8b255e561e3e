import { CsvReader, parseCsv, readCsv } from './csv';
import type { CsvRecord } from './csv';

const rows = (records: readonly CsvRecord[]) => records.map((r) => [r.line, ...r.fields]);

const inChunks = (chunks: readonly (string | Uint8Array)[]): CsvRecord[] => {
  const reader = new CsvReader();
  return [...chunks.flatMap((chunk) => reader.push(chunk)), ...reader.end()];
};

describe('CsvReader: RFC 4180', () => {
  it('reads records with their 1-based starting lines', () => {
    expect(rows(parseCsv('URN,Setting name\nSC999001,Test House\nSC999002,Test Lodge\n'))).toEqual([
      [1, 'URN', 'Setting name'],
      [2, 'SC999001', 'Test House'],
      [3, 'SC999002', 'Test Lodge'],
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and empty fields', () => {
    expect(parseCsv('"Test Homes, Ltd","say ""hi""",,""\n')[0].fields).toEqual([
      'Test Homes, Ltd',
      'say "hi"',
      '',
      '',
    ]);
  });

  it('keeps line breaks inside quotes and numbers the following records by physical line', () => {
    const text = 'a,b\n"line one\nline two\nline three",x\nnext,y\n"crlf\r\ninside",z\nlast,w';
    expect(rows(parseCsv(text))).toEqual([
      [1, 'a', 'b'],
      [2, 'line one\nline two\nline three', 'x'],
      [5, 'next', 'y'],
      [6, 'crlf\r\ninside', 'z'],
      [8, 'last', 'w'],
    ]);
  });

  it('takes CRLF and LF line breaks alike', () => {
    expect(rows(parseCsv('a,b\r\n1,2\n3,"4"\r\n'))).toEqual([
      [1, 'a', 'b'],
      [2, '1', '2'],
      [3, '3', '4'],
    ]);
  });

  it('drops a byte-order mark at the start only', () => {
    expect(parseCsv('\uFEFFURN,x\n1,\uFEFF\n').map((r) => r.fields)).toEqual([
      ['URN', 'x'],
      ['1', '\uFEFF'],
    ]);
  });

  it('gives the last record without a final line break, and no extra record after one', () => {
    expect(rows(parseCsv('a\nb'))).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    expect(rows(parseCsv('a\nb\n'))).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    expect(rows(parseCsv('a\nb\r'))).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    expect(parseCsv('"a","b"')).toEqual([{ line: 1, fields: ['a', 'b'] }]);
    expect(parseCsv('')).toEqual([]);
  });

  it('reads a blank line as one empty field and a line of commas as empty fields', () => {
    expect(rows(parseCsv('a\n\n,,\nb\n'))).toEqual([
      [1, 'a'],
      [2, ''],
      [3, '', '', ''],
      [4, 'b'],
    ]);
  });

  it('keeps a bare CR (not followed by LF) as data', () => {
    expect(parseCsv('a\rb,c\n')[0].fields).toEqual(['a\rb', 'c']);
  });
});

describe('CsvReader: incremental input', () => {
  const text =
    '\uFEFFURN,"Name",Postcode\r\nSC999001,"Test ""House"", North\r\nWing",NE1 9ZZ\r\n,"",\r\n2999002,Test Lodge,TS1 9ZZ';
  const whole = parseCsv(text);

  it('gives the same records wherever the text is split into two chunks', () => {
    expect(rows(whole)).toEqual([
      [1, 'URN', 'Name', 'Postcode'],
      [2, 'SC999001', 'Test "House", North\r\nWing', 'NE1 9ZZ'],
      [4, '', '', ''],
      [5, '2999002', 'Test Lodge', 'TS1 9ZZ'],
    ]);
    for (let at = 0; at <= text.length; at += 1) {
      expect(inChunks([text.slice(0, at), text.slice(at)])).toEqual(whole);
    }
  });

  it('gives the same records fed one character at a time', () => {
    expect(inChunks([...text])).toEqual(whole);
  });

  it('reads lines whose line breaks were removed, as readline gives them', () => {
    const reader = new CsvReader();
    const lines = ['URN,Name', 'SC999001,"Test', 'House"', 'SC999002,Test Lodge'];
    const records = [...lines.flatMap((line) => reader.pushLine(line)), ...reader.end()];
    expect(rows(records)).toEqual([
      [1, 'URN', 'Name'],
      [2, 'SC999001', 'Test\nHouse'],
      [4, 'SC999002', 'Test Lodge'],
    ]);
  });

  it('returns each record as soon as its line break arrives', () => {
    const reader = new CsvReader();
    expect(reader.push('a,b\nc,')).toEqual([{ line: 1, fields: ['a', 'b'] }]);
    expect(reader.push('d')).toEqual([]);
    expect(reader.end()).toEqual([{ line: 2, fields: ['c', 'd'] }]);
  });

  it('decodes UTF-8 bytes, even with a character split between chunks', () => {
    const bytes = Buffer.from('\uFEFFname\n"Children’s Home",x\n', 'utf8');
    const split = bytes.indexOf(0xe2) + 1;
    expect(inChunks([bytes.subarray(0, split), bytes.subarray(split)]).map((r) => r.fields)).toEqual([
      ['name'],
      ['Children’s Home', 'x'],
    ]);
  });

  it('refuses bytes that are not UTF-8, saying how to save the file', () => {
    const reader = new CsvReader();
    reader.push('a\nb\n');
    expect(() => reader.push(Buffer.from([0x43, 0x92, 0x73, 0x0a]))).toThrow(
      expect.objectContaining({ code: 'CSV.NOT_UTF8', details: { line: 3 } }),
    );
  });

  it('refuses input after the end', () => {
    const reader = new CsvReader();
    reader.end();
    expect(() => reader.push('a')).toThrow(expect.objectContaining({ code: 'CSV.ENDED' }));
  });

  it('streams records from an async iterable of chunks', async () => {
    async function* chunks() {
      yield 'a,"b\n';
      yield Buffer.from('c"\nd,e');
    }
    const records: CsvRecord[] = [];
    for await (const record of readCsv(chunks())) records.push(record);
    expect(rows(records)).toEqual([
      [1, 'a', 'b\nc'],
      [3, 'd', 'e'],
    ]);
  });
});

describe('CsvReader: broken quoting', () => {
  it('marks a quote inside an unquoted field and reads on', () => {
    const [record, next] = parseCsv('ab"c,d\ne,f\n');
    expect(record).toEqual({ line: 1, fields: ['ab"c', 'd'], malformed: 'a quote inside an unquoted field' });
    expect(next).toEqual({ line: 2, fields: ['e', 'f'] });
  });

  it('marks text after a closing quote', () => {
    expect(parseCsv('"ab"c,d\n')[0]).toEqual({
      line: 1,
      fields: ['abc', 'd'],
      malformed: 'text after a closing quote',
    });
  });

  it('marks a quoted field never closed, holding the rest of the file', () => {
    expect(parseCsv('a,b\nc,"open\nd,e\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      {
        line: 2,
        fields: ['c', 'open\nd,e\n'],
        malformed: 'the quoted field opened on line 2 is never closed',
      },
    ]);
  });
});
