import { FileFieldsInterceptor } from '@nestjs/platform-express';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { checkCsvContentType, checkCsvFile, fileTooLarge } from './csv-upload';
import { MAX_UPLOAD_BYTES } from './import-kind';

/**
 * Reads a request whose body is one CSV file (`Content-Type: text/csv`), and checks it as
 * {@link checkCsvFile} does. Past `maxBytes` it keeps nothing more but reads on to the end, so the client
 * hears the 400 rather than a broken connection.
 */
export const readCsvBody = async (
  req: IncomingMessage,
  field = 'body',
  maxBytes: number = MAX_UPLOAD_BYTES,
): Promise<Uint8Array> => {
  try {
    checkCsvContentType(req.headers['content-type']);
  } catch (e) {
    if (!req.readableEnded) req.resume();
    throw e;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBytes) chunks.push(chunk);
    else chunks.length = 0;
  }
  if (size > maxBytes) throw fileTooLarge(field, maxBytes);
  return checkCsvFile(field, Buffer.concat(chunks), maxBytes);
};

/** A file of a multipart upload as {@link csvFilesInterceptor} keeps it. */
export interface UploadedCsv {
  fieldname: string;
  buffer: Buffer;
  size: number;
}

/** The files of a multipart upload by field, as `@UploadedFiles()` gives them. */
export type UploadedCsvFiles = Partial<Record<string, UploadedCsv[]>>;

interface MulterFile {
  fieldname: string;
  stream: Readable;
}

/**
 * A multer storage engine that keeps each file in memory up to `maxBytes` and fails the upload with a 400
 * naming the field past that (multer's own size limit gives a 413 that names no field).
 */
const csvMemoryStorage = (maxBytes: number) => ({
  _handleFile(
    _req: unknown,
    file: MulterFile,
    done: (error: Error | null, info?: Partial<UploadedCsv>) => void,
  ) {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (error: Error | null, info?: Partial<UploadedCsv>) => {
      if (settled) return;
      settled = true;
      done(error, info);
    };
    file.stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
      else {
        chunks.length = 0;
        settle(fileTooLarge(file.fieldname, maxBytes));
      }
    });
    file.stream.on('error', (error: Error) => settle(error));
    file.stream.on('end', () => settle(null, { buffer: Buffer.concat(chunks), size }));
  },
  _removeFile(_req: unknown, file: Partial<UploadedCsv>, done: (error: Error | null) => void) {
    delete file.buffer;
    done(null);
  },
});

/**
 * The interceptor for a `multipart/form-data` upload of the CSV files `fields` (one each) and a few short
 * text fields: each file kept in memory up to `maxBytes`; an unexpected file is refused.
 */
export const csvFilesInterceptor = (fields: readonly string[], maxBytes: number = MAX_UPLOAD_BYTES) =>
  FileFieldsInterceptor(
    fields.map((name) => ({ name, maxCount: 1 })),
    {
      storage: csvMemoryStorage(maxBytes),
      limits: { files: fields.length, fields: 10, fieldSize: 1024, parts: fields.length + 10 },
    },
  );
