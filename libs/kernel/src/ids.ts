/** A string id branded with what it identifies, so a setting id cannot be passed where a child id is due. */
export type Id<Brand extends string> = string & { readonly __brand: Brand };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** True when `value` is a canonical UUID (the form every Placematch id takes). */
export const isUuid = (value: string): boolean => UUID.test(value);

/** Port: where new ids come from. Handlers take ids from it and pass them into commands. */
export interface IdGenerator {
  next(): string;
}

/** Random v4 UUIDs from the platform's cryptographic generator. */
export const randomIds: IdGenerator = { next: () => globalThis.crypto.randomUUID() };

/** Deterministic ids for tests: `<prefix>-0001`, `<prefix>-0002`, … as UUID-shaped strings. */
export const sequentialIds = (seed = 0): IdGenerator => {
  let n = seed;
  return {
    next: () => {
      n += 1;
      return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
    },
  };
};

/**
 * The one way to name a stream: `<aggregate>-<id>`, for example `setting-…` or `request-…`.
 * Each aggregate module wraps this in its own function so the prefix is written once.
 */
export const streamName = (aggregate: string, id: string): string => `${aggregate}-${id}`;

/** Splits a stream name back into its aggregate and id. */
export const parseStreamName = (stream: string): { aggregate: string; id: string } => {
  const at = stream.indexOf('-');
  return at < 0
    ? { aggregate: stream, id: '' }
    : { aggregate: stream.slice(0, at), id: stream.slice(at + 1) };
};
