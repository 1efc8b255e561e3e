import { KeyStore, SubjectErasedError } from './key-store.port';
import { LruCache } from './lru-cache';

/** Options for {@link CachingKeyStore}. */
export interface CachingKeyStoreOptions {
  /** How many subjects' keys (or erasures) to hold; default 1000. */
  size?: number;
}

/**
 * A {@link KeyStore} decorator that keeps recently used keys, and known erasures, in a bounded LRU cache, so
 * that reading a stream does not ask the store for the same key for every event.
 *
 * - `existingKey` is served from the cache when it can (that is every read path);
 * - `keyFor` always asks the underlying store, because that store is what refuses a subject erased by
 *   another process: writes must never rely on a cached key;
 * - `erase` drops the subject's key from the cache. An erasure made by another process reaches this
 *   cache's reads only once the key is pushed out of it (or the process restarts), although writes see it
 *   at once; the events are no less shredded, but a long-running reader may show a name a while longer.
 */
export class CachingKeyStore implements KeyStore {
  private readonly cache: LruCache<string, Buffer | 'erased'>;
  /** Bumped at the start and end of each erasure: a lookup that overlapped one must not fill the cache. */
  private erasures = 0;

  constructor(
    private readonly inner: KeyStore,
    options: CachingKeyStoreOptions = {},
  ) {
    this.cache = new LruCache(options.size ?? 1000);
  }

  async keyFor(subjectId: string): Promise<Buffer> {
    if (this.cache.get(subjectId) === 'erased') throw new SubjectErasedError(subjectId);
    const started = this.erasures;
    try {
      const key = await this.inner.keyFor(subjectId);
      this.remember(started, subjectId, key);
      return Buffer.from(key);
    } catch (e) {
      if (e instanceof SubjectErasedError) this.remember(started, subjectId, 'erased');
      throw e;
    }
  }

  async existingKey(subjectId: string): Promise<Buffer | 'erased' | null> {
    const cached = this.cache.get(subjectId);
    if (cached !== undefined) return cached === 'erased' ? cached : Buffer.from(cached);
    const started = this.erasures;
    const found = await this.inner.existingKey(subjectId);
    if (found === null) return null;
    this.remember(started, subjectId, found);
    return found === 'erased' ? found : Buffer.from(found);
  }

  async erase(subjectId: string): Promise<void> {
    this.erasures += 1;
    this.cache.delete(subjectId);
    try {
      await this.inner.erase(subjectId);
    } finally {
      this.erasures += 1;
      this.cache.delete(subjectId);
    }
    this.cache.set(subjectId, 'erased');
  }

  async isErased(subjectId: string): Promise<boolean> {
    if (this.cache.get(subjectId) === 'erased') return true;
    const erased = await this.inner.isErased(subjectId);
    if (erased) this.cache.set(subjectId, 'erased');
    return erased;
  }

  /** How many subjects the cache holds now (for tests and metrics). */
  get cachedSubjects(): number {
    return this.cache.size;
  }

  private remember(started: number, subjectId: string, value: Buffer | 'erased') {
    // An erasure is permanent, so remembering one is always safe; a key only if no erasure overlapped.
    if (value === 'erased' || started === this.erasures) {
      this.cache.set(subjectId, value === 'erased' ? value : Buffer.from(value));
    }
  }
}
