import type { LoggerService, LogLevel as NestLogLevel } from '@nestjs/common';
import type { LogLevel } from '../config/config';
import { correlationId } from './correlation';

/** The `level` written on a line; `fatal` lines pass every threshold that `error` lines pass. */
export type LogLineLevel = LogLevel | 'fatal';

const SEVERITY: Record<LogLineLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, fatal: 50 };
const RESERVED = new Set(['time', 'level', 'msg', 'context', 'correlationId']);
// Nest passes a stack as a plain string argument; this is how its own ConsoleLogger tells one apart.
const STACK_LIKE = /\n\s+at /;

/** Options for {@link JsonLogger}. */
export interface JsonLoggerOptions {
  /** The least severe level written; defaults to `info`. */
  readonly level?: LogLevel;
}

/**
 * A Nest `LoggerService` that writes one JSON object per line to stdout:
 * `{ time, level, msg, context, correlationId, ...fields }`.
 *
 * Besides Nest's `(message, ...params, context)` calls it takes an object as the message: its `msg` (or
 * `message`) becomes `msg` and its other keys become fields, e.g.
 * `logger.log({ msg: 'request', status: 200 }, 'HTTP')`. An `Error` anywhere becomes `err: { name, message,
 * stack }`. Callers must not pass personal data: nothing here can tell it apart.
 */
export class JsonLogger implements LoggerService {
  private threshold: number;

  constructor(options: JsonLoggerOptions = {}) {
    this.threshold = SEVERITY[options.level ?? 'info'];
  }

  /** Writes at `info`. */
  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  /** Writes at `error`; a string parameter that looks like a stack is written as `stack`. */
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  /** Writes at `warn`. */
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  /** Writes at `debug`. */
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  /** Nest's `verbose` has no level of its own here: it is written at `debug`. */
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  /** Writes at `fatal`. */
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /** Nest's way to change the threshold: the most verbose level in `levels` becomes the threshold. */
  setLogLevels(levels: NestLogLevel[]): void {
    const mapped = levels.map((l): LogLineLevel => (l === 'verbose' ? 'debug' : l === 'log' ? 'info' : l));
    this.threshold = mapped.length === 0 ? Infinity : Math.min(...mapped.map((l) => SEVERITY[l]));
  }

  /** Whether a line at `level` would be written; lets callers skip building expensive fields. */
  isEnabled(level: LogLineLevel): boolean {
    return SEVERITY[level] >= this.threshold;
  }

  private write(level: LogLineLevel, message: unknown, params: readonly unknown[]): void {
    if (!this.isEnabled(level)) return;
    const line = toLine(level, message, params);
    process.stdout.write(`${line}\n`);
  }
}

function toLine(level: LogLineLevel, message: unknown, params: readonly unknown[]): string {
  const fields: Record<string, unknown> = {};
  let msg = '';
  let context: string | undefined;

  if (message instanceof Error) {
    msg = message.message;
    fields.err = describeError(message);
  } else if (isPlainObject(message)) {
    const { msg: m, message: alt, ...rest } = message;
    msg = typeof m === 'string' ? m : typeof alt === 'string' ? alt : '';
    Object.assign(fields, rest);
  } else {
    msg = typeof message === 'string' ? message : safeString(message);
  }

  const strings: string[] = [];
  for (const param of params) {
    if (typeof param === 'string') strings.push(param);
    else if (param instanceof Error) fields.err = describeError(param);
    else if (isPlainObject(param)) Object.assign(fields, param);
    else if (param !== undefined) fields.extra = [...((fields.extra as unknown[]) ?? []), param];
  }
  // Nest puts the context last; a string before it is a stack (error) or one more message part.
  if (strings.length > 0 && !STACK_LIKE.test(strings[strings.length - 1])) context = strings.pop();
  for (const s of strings) {
    if (STACK_LIKE.test(s)) fields.stack = s;
    else msg = msg === '' ? s : `${msg} ${s}`;
  }

  const record: Record<string, unknown> = {
    time: new Date().toISOString(),
    level,
    msg,
    ...(context !== undefined ? { context } : {}),
    ...(correlationId() !== undefined ? { correlationId: correlationId() } : {}),
  };
  for (const [key, value] of Object.entries(fields)) if (!RESERVED.has(key)) record[key] = value;
  return stringify(record);
}

function describeError(error: Error): Record<string, unknown> {
  return { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return '[unprintable]';
  }
}

/** JSON.stringify that never throws: a log call must not break the request it describes. */
function stringify(record: Record<string, unknown>): string {
  const ancestors: object[] = [];
  try {
    return JSON.stringify(record, function (this: unknown, _key: string, value: unknown) {
      if (typeof value === 'bigint') return value.toString();
      if (value instanceof Error) return describeError(value);
      if (value === null || typeof value !== 'object') return value;
      // `this` is the object holding `value`: unwind to it, then check whether `value` is one of its ancestors.
      while (ancestors.length > 0 && ancestors[ancestors.length - 1] !== this) ancestors.pop();
      if (ancestors.includes(value)) return '[Circular]';
      ancestors.push(value);
      return value;
    });
  } catch {
    return JSON.stringify({
      time: record.time,
      level: record.level,
      msg: String(record.msg),
      unserialisable: true,
    });
  }
}
