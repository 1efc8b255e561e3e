import { loadConfig, PlacematchConfig, PlacematchEnv } from '../config/config';

/** Lines written to stdout while a {@link captureStdout} capture is on. */
export interface StdoutCapture {
  /** Every complete line written so far, in order. */
  lines(): string[];
  /** The lines that parse as JSON objects (the JSON logger's records). */
  records(): Record<string, unknown>[];
  /** Puts the real `process.stdout.write` back. */
  restore(): void;
}

/**
 * Captures what the process writes to stdout (the JSON logger's output) instead of printing it, so a test
 * can assert on log lines. Always `restore()` it, in an `afterEach` or a `finally`.
 */
export function captureStdout(): StdoutCapture {
  const original = process.stdout.write;
  let buffer = '';
  const replacement = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    buffer += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    // write(chunk, cb) and write(chunk, encoding, cb) both promise to call back once written.
    const callback = rest.find((r): r is (error?: Error | null) => void => typeof r === 'function');
    if (callback) process.nextTick(callback);
    return true;
  };
  process.stdout.write = replacement as typeof process.stdout.write;
  const lines = (): string[] => buffer.split('\n').slice(0, -1);
  return {
    lines,
    records: () =>
      lines().flatMap((line) => {
        try {
          const parsed: unknown = JSON.parse(line);
          return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
            ? [parsed as Record<string, unknown>]
            : [];
        } catch {
          return [];
        }
      }),
    restore: () => {
      process.stdout.write = original;
    },
  };
}

/**
 * A configuration for tests: the defaults of a developer machine (NODE_ENV=test, embedded stores, the
 * development secret, LOG_LEVEL=error to keep test output quiet) with `env` on top.
 */
export function testConfig(env: PlacematchEnv = {}): PlacematchConfig {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'error', ...env });
}

/**
 * Resolves once `condition` holds, checking after each turn of the event loop; rejects with `description`
 * after `attempts` turns so a broken test fails instead of hanging.
 */
export async function waitFor(
  condition: () => boolean,
  description: string,
  attempts = 10_000,
): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`Gave up waiting: ${description}`);
}
