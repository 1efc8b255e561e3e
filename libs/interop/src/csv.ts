import { ValidationError } from '@placematch/kernel';

/** One CSV record (RFC 4180): its fields and the line it starts on. */
export interface CsvRecord {
  /** The 1-based line the record starts on; a field with line breaks inside quotes makes the next record start later. */
  readonly line: number;
  /** The fields, unquoted: `"a ""b"""` reads as `a "b"`. A blank line is one empty field. */
  readonly fields: readonly string[];
  /**
   * Why the record breaks RFC 4180 quoting, when it does (a quote inside an unquoted field, text after a
   * closing quote, a quoted field never closed). `fields` is then only a best-effort reading: a caller
   * importing data should refuse the record rather than guess which column is which.
   */
  readonly malformed?: string;
}

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;
const BOM = 0xfeff;

type State =
  /** At the start of a field: a quote opens a quoted field, anything else an unquoted one. */
  | 'field-start'
  | 'unquoted'
  | 'quoted'
  /** Inside a quoted field, just after a quote: a second quote is an escaped quote, anything else closes it. */
  | 'quote-in-quoted'
  /** After the closing quote: only a comma or a line break may follow. */
  | 'after-quoted';

/**
 * An incremental RFC 4180 CSV reader: feed it text in chunks of any size (or line by line) and take the
 * records each chunk completes. It accepts LF as well as CRLF line breaks, quoted fields with commas, doubled
 * quotes and line breaks inside them, and drops a UTF-8 byte-order mark at the very start.
 *
 * Chunks may be strings or UTF-8 bytes (`Uint8Array`, e.g. `Buffer`); bytes are decoded strictly, so a
 * Windows-1252 export is refused rather than stored with replacement characters. It keeps no more than the
 * record in progress, so a caller can stream a file of any length.
 *
 * A CR not followed by LF outside quotes is kept as data (a bare CR is not a line break in RFC 4180), except
 * as the very last character of the input.
 *
 * @example
 * ```ts
 * const reader = new CsvReader();
 * for await (const chunk of stream) for (const record of reader.push(chunk)) handle(record);
 * for (const record of reader.end()) handle(record);
 * ```
 */
export class CsvReader {
  private state: State = 'field-start';
  private field = '';
  private fields: string[] = [];
  /** Whether anything of the current record has been read (so an empty line still yields a record). */
  private started = false;
  private recordLine = 1;
  private line = 1;
  private malformed: string | undefined;
  private atStreamStart = true;
  /** A CR outside quotes at the end of a chunk: whether it is a line break depends on the next character. */
  private pendingCr = false;
  private decoder: InstanceType<typeof TextDecoder> | undefined;
  private ended = false;

  /**
   * Reads a chunk of the file and returns the records it completes (a record ends at its line break, so the
   * last record of the file comes from {@link end}).
   *
   * @throws ValidationError `CSV.NOT_UTF8` when a byte chunk is not UTF-8 (details `{ line }`), and
   *   `CSV.ENDED` when called after {@link end}.
   */
  push(chunk: string | Uint8Array): CsvRecord[] {
    if (this.ended) throw new ValidationError('CSV.ENDED', 'The reader has already been ended');
    return this.read(typeof chunk === 'string' ? chunk : this.decode(chunk, true));
  }

  /** Reads one line whose line break has been removed (as `readline` gives them) and returns the records it completes. */
  pushLine(line: string): CsvRecord[] {
    return this.push(`${line}\n`);
  }

  /**
   * Ends the input and returns the last record when the file does not end with a line break. A quoted field
   * still open at the end gives a `malformed` record holding the rest of the file.
   */
  end(): CsvRecord[] {
    if (this.ended) return [];
    const tail = this.decoder === undefined ? '' : this.decode(new Uint8Array(0), false);
    const records = this.read(tail);
    this.ended = true;
    // A CR as the file's very last character ends the record, as a CRLF would.
    this.pendingCr = false;
    if (this.state === 'quoted')
      this.markMalformed(`the quoted field opened on line ${this.recordLine} is never closed`);
    if (this.started) records.push(this.finishRecord());
    return records;
  }

  private decode(bytes: Uint8Array, stream: boolean): string {
    this.decoder ??= new TextDecoder('utf-8', { fatal: true });
    try {
      return this.decoder.decode(bytes, { stream });
    } catch {
      throw new ValidationError('CSV.NOT_UTF8', 'The file is not UTF-8 text: save it as "CSV UTF-8"', {
        line: this.line,
      });
    }
  }

  private read(text: string): CsvRecord[] {
    const records: CsvRecord[] = [];
    let at = 0;
    if (this.atStreamStart && text.length > 0) {
      this.atStreamStart = false;
      if (text.charCodeAt(0) === BOM) at = 1;
    }
    if (this.pendingCr && at < text.length) {
      this.pendingCr = false;
      if (text.charCodeAt(at) === LF) {
        at += 1;
        records.push(this.endLine());
      } else if (this.state === 'after-quoted') {
        this.markMalformed('text after a closing quote');
        this.field += '\r';
        this.state = 'unquoted';
      } else {
        this.field += '\r';
        this.started = true;
        this.state = 'unquoted';
      }
    }
    const length = text.length;
    while (at < length) {
      const c = text.charCodeAt(at);
      switch (this.state) {
        case 'field-start':
          this.started = true;
          if (c === QUOTE) {
            this.state = 'quoted';
            at += 1;
          } else {
            this.state = 'unquoted';
          }
          break;
        case 'unquoted': {
          let end = at;
          while (end < length) {
            const d = text.charCodeAt(end);
            if (d === COMMA || d === LF || d === CR || d === QUOTE) break;
            end += 1;
          }
          this.field += text.slice(at, end);
          at = end;
          if (at === length) break;
          const d = text.charCodeAt(at);
          at += 1;
          if (d === COMMA) this.endField();
          else if (d === LF) records.push(this.endLine());
          else if (d === QUOTE) {
            this.markMalformed('a quote inside an unquoted field');
            this.field += '"';
          } else if (at === length) this.pendingCr = true;
          else if (text.charCodeAt(at) === LF) {
            at += 1;
            records.push(this.endLine());
          } else this.field += '\r';
          break;
        }
        case 'quoted': {
          let end = text.indexOf('"', at);
          if (end < 0) end = length;
          const run = text.slice(at, end);
          this.field += run;
          this.line += countLineFeeds(run);
          at = end;
          if (at < length) {
            this.state = 'quote-in-quoted';
            at += 1;
          }
          break;
        }
        case 'quote-in-quoted':
          if (c === QUOTE) {
            this.field += '"';
            this.state = 'quoted';
            at += 1;
          } else {
            this.state = 'after-quoted';
          }
          break;
        case 'after-quoted':
          at += 1;
          if (c === COMMA) this.endField();
          else if (c === LF) records.push(this.endLine());
          else if (c === CR && at === length) this.pendingCr = true;
          else if (c === CR && text.charCodeAt(at) === LF) {
            at += 1;
            records.push(this.endLine());
          } else {
            this.markMalformed('text after a closing quote');
            this.field += String.fromCharCode(c);
            this.state = 'unquoted';
          }
          break;
      }
    }
    return records;
  }

  private markMalformed(reason: string): void {
    this.malformed ??= reason;
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.state = 'field-start';
  }

  /** A line break outside quotes: the record ends, and the next one starts on the next line. */
  private endLine(): CsvRecord {
    this.started = true;
    const record = this.finishRecord();
    this.line += 1;
    this.recordLine = this.line;
    return record;
  }

  private finishRecord(): CsvRecord {
    this.fields.push(this.field);
    const record: CsvRecord = {
      line: this.recordLine,
      fields: this.fields,
      ...(this.malformed !== undefined && { malformed: this.malformed }),
    };
    this.fields = [];
    this.field = '';
    this.state = 'field-start';
    this.started = false;
    this.malformed = undefined;
    return record;
  }
}

const countLineFeeds = (text: string): number => {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
};

/** Reads a whole CSV text at once (see {@link CsvReader} for what it accepts). */
export const parseCsv = (text: string): CsvRecord[] => {
  const reader = new CsvReader();
  return [...reader.push(text), ...reader.end()];
};

/**
 * The records of a CSV file given as chunks (strings or UTF-8 bytes), as they complete: for example
 * `for await (const record of readCsv(createReadStream(path)))` in an application that may do I/O.
 */
export async function* readCsv(
  chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
): AsyncGenerator<CsvRecord> {
  const reader = new CsvReader();
  for await (const chunk of chunks) yield* reader.push(chunk);
  yield* reader.end();
}
