/** What a personal field reads as once its subject has been erased. */
export interface Erased {
  readonly erased: true;
}

/**
 * The marker a personal field reads as after erasure: `{ erased: true }`. Frozen; each event read gets a
 * fresh copy of it, so compare with {@link isErased} or `toEqual`, not with `===`.
 */
export const ERASED: Erased = Object.freeze({ erased: true });

/** True when a field read from the log is the erasure marker. */
export const isErased = (value: unknown): value is Erased =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  (value as { erased?: unknown }).erased === true &&
  Object.keys(value).length === 1;

/**
 * The type of a personal field as read from the log: its value, or {@link Erased} once the child's data has
 * been erased. Projections and `evolve` functions type personal fields with it, so the compiler makes them
 * handle erasure.
 */
export type Personal<T> = T | Erased;
