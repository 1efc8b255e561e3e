/**
 * A map that holds at most `capacity` entries, dropping the least recently used (read or written) first.
 * A `Map` keeps insertion order, so re-inserting on each use makes its first key the least recent.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`An LRU cache holds at least one entry, not ${capacity}`);
    }
  }

  /** The value for `key` (now the most recently used), or `undefined`. */
  get(key: K): V | undefined {
    if (!this.entries.has(key)) return undefined;
    const value = this.entries.get(key) as V;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** Stores `value` as the most recently used, dropping the least recently used entry when full. */
  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
  }

  /** Forgets `key`. */
  delete(key: K): void {
    this.entries.delete(key);
  }

  /** Whether `key` is held, without making it recent. */
  has(key: K): boolean {
    return this.entries.has(key);
  }

  /** How many entries are held. */
  get size(): number {
    return this.entries.size;
  }
}
