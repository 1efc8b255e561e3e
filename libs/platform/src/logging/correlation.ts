import { AsyncLocalStorage } from 'node:async_hooks';

const storage = new AsyncLocalStorage<{ readonly correlationId: string }>();

/**
 * The correlation id of the request or background job this code runs for, or `undefined` outside one.
 * Handlers stamp it into event metadata; the JSON logger adds it to every line.
 */
export function correlationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

/**
 * Runs `fn` (and everything it awaits or schedules) with `id` as the current correlation id. Use it for
 * background work (a job, a consumed message) so its logs and events join up with what started it.
 */
export function runWithCorrelation<T>(id: string, fn: () => T): T {
  return storage.run({ correlationId: id }, fn);
}
