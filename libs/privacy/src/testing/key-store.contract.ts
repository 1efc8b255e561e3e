import { KEY_BYTES, KeyStore, SubjectErasedError } from '../key-store.port';

/** How the contract gets a key store: a fresh one, and the same storage opened anew (another process). */
export interface KeyStoreHarness {
  /** Opens a key store on storage no other test uses. */
  open(): Promise<KeyStore>;
  /**
   * Opens a second key store on the same storage as the last `open`, as another process or a restart
   * would; omit when the storage lives only in the first store (in memory).
   */
  reopen?(): Promise<KeyStore>;
  /** Removes whatever the harness created. */
  dispose?(): Promise<void>;
}

/**
 * The one test suite every {@link KeyStore} adapter passes (in-memory, PostgreSQL, PGlite). Registers a
 * `describe` block named `key store contract: <name>`.
 */
export const keyStoreContract = (name: string, harness: () => KeyStoreHarness): void => {
  describe(`key store contract: ${name}`, () => {
    // Building a harness opens nothing, so it can be asked up front whether the storage outlives a store.
    const acrossProcesses = harness().reopen ? it : it.skip;
    let h: KeyStoreHarness;
    let store: KeyStore;
    let n = 0;
    const subject = (label: string) => `subject-${label}-${Date.now().toString(36)}-${(n += 1)}`;

    beforeEach(async () => {
      h = harness();
      store = await h.open();
    });
    afterEach(async () => {
      await h.dispose?.();
    });

    it('creates a 256-bit key on first use and returns the same key afterwards', async () => {
      const s = subject('first');
      const key = await store.keyFor(s);
      expect(Buffer.isBuffer(key)).toBe(true);
      expect(key).toHaveLength(KEY_BYTES);
      expect((await store.keyFor(s)).equals(key)).toBe(true);
      expect(await store.existingKey(s)).toEqual(key);
      expect(await store.isErased(s)).toBe(false);
    });

    it('reports no key for a subject never seen, and creates none by asking', async () => {
      const s = subject('unseen');
      expect(await store.existingKey(s)).toBeNull();
      expect(await store.existingKey(s)).toBeNull();
      expect(await store.isErased(s)).toBe(false);
    });

    it('gives each subject its own key', async () => {
      const keys = await Promise.all([1, 2, 3].map((i) => store.keyFor(subject(`own-${i}`))));
      expect(new Set(keys.map((k) => k.toString('hex'))).size).toBe(3);
    });

    it('ends with one key when 20 first uses of a subject race', async () => {
      const s = subject('race');
      const keys = await Promise.all(Array.from({ length: 20 }, () => store.keyFor(s)));
      expect(new Set(keys.map((k) => k.toString('hex'))).size).toBe(1);
      expect(await store.existingKey(s)).toEqual(keys[0]);
    });

    acrossProcesses('ends with one key when two processes race for a subject’s first key', async () => {
      const other = await (h.reopen as () => Promise<KeyStore>)();
      const s = subject('race-processes');
      const keys = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? other : store).keyFor(s)));
      expect(new Set(keys.map((k) => k.toString('hex'))).size).toBe(1);
      expect(await other.existingKey(s)).toEqual(await store.existingKey(s));
    });

    it('hands out copies: changing a returned key changes nothing stored', async () => {
      const s = subject('copy');
      const key = await store.keyFor(s);
      const original = Buffer.from(key);
      key.fill(0);
      expect((await store.keyFor(s)).equals(original)).toBe(true);
      const existing = (await store.existingKey(s)) as Buffer;
      existing.fill(1);
      expect((await store.existingKey(s)) as Buffer).toEqual(original);
    });

    it('erases a key: it reads as erased and keyFor refuses with PRIVACY.SUBJECT_ERASED', async () => {
      const s = subject('erase');
      await store.keyFor(s);
      await store.erase(s);
      expect(await store.existingKey(s)).toBe('erased');
      expect(await store.isErased(s)).toBe(true);
      const refused = await store.keyFor(s).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(SubjectErasedError);
      expect((refused as SubjectErasedError).code).toBe('PRIVACY.SUBJECT_ERASED');
      expect((refused as SubjectErasedError).subjectId).toBe(s);
      expect(await store.existingKey(s)).toBe('erased');
    });

    it('erases idempotently', async () => {
      const s = subject('twice');
      await store.keyFor(s);
      await store.erase(s);
      await store.erase(s);
      await Promise.all([store.erase(s), store.erase(s)]);
      expect(await store.existingKey(s)).toBe('erased');
      await expect(store.keyFor(s)).rejects.toBeInstanceOf(SubjectErasedError);
    });

    it('records the erasure of a subject that never had a key, so none is ever created', async () => {
      const s = subject('never-keyed');
      await store.erase(s);
      expect(await store.isErased(s)).toBe(true);
      expect(await store.existingKey(s)).toBe('erased');
      await expect(store.keyFor(s)).rejects.toBeInstanceOf(SubjectErasedError);
    });

    it('leaves other subjects’ keys alone when one is erased', async () => {
      const a = subject('a');
      const b = subject('b');
      await store.keyFor(a);
      const keyB = await store.keyFor(b);
      await store.erase(a);
      expect(await store.existingKey(b)).toEqual(keyB);
      expect((await store.keyFor(b)).equals(keyB)).toBe(true);
      expect(await store.isErased(b)).toBe(false);
    });

    it('ends erased whichever of a first use and an erasure wins the race', async () => {
      const s = subject('use-vs-erase');
      const results = await Promise.allSettled([store.keyFor(s), store.erase(s), store.keyFor(s)]);
      for (const r of [results[0], results[2]]) {
        if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(SubjectErasedError);
      }
      expect(results[1].status).toBe('fulfilled');
      expect(await store.existingKey(s)).toBe('erased');
      await expect(store.keyFor(s)).rejects.toBeInstanceOf(SubjectErasedError);
    });

    acrossProcesses('keeps keys and erasures across a restart', async () => {
      const kept = subject('kept');
      const gone = subject('gone');
      const key = await store.keyFor(kept);
      await store.keyFor(gone);
      await store.erase(gone);
      const restarted = await (h.reopen as () => Promise<KeyStore>)();
      expect(await restarted.existingKey(kept)).toEqual(key);
      expect((await restarted.keyFor(kept)).equals(key)).toBe(true);
      expect(await restarted.existingKey(gone)).toBe('erased');
      await expect(restarted.keyFor(gone)).rejects.toBeInstanceOf(SubjectErasedError);
    });

    it('refuses an empty subject id', async () => {
      await expect(store.keyFor('')).rejects.toThrow(TypeError);
      await expect(store.erase('')).rejects.toThrow(TypeError);
    });
  });
};
