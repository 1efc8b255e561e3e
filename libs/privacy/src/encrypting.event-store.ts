import {
  EventStore,
  ExpectedVersion,
  LogPage,
  NewEvent,
  Position,
  RecordedEvent,
  StreamRead,
  SubscribeOptions,
  Subscription,
  Upcasters,
} from '@placematch/event-store';
import { CachingKeyStore } from './caching.key-store';
import { ERASED } from './erased';
import { PersonalDataUnreadableError, ReservedKeyError } from './errors';
import { decryptValue, encryptValue, isEncryptedValue } from './field-cipher';
import { KeyStore, SubjectErasedError } from './key-store.port';
import { DataPathStep, PersonalDataPolicy } from './personal-data-policy';

/** Options for {@link EncryptingEventStore}. */
export interface EncryptingEventStoreOptions {
  /**
   * Upcasters to apply after decryption. Give them here rather than to the wrapped store: the wrapped
   * store's upcasters would see personal fields still encrypted.
   */
  upcasters?: Upcasters;
  /** How many subjects' keys to cache; default 1000. Ignored when the key store is a {@link CachingKeyStore}. */
  keyCacheSize?: number;
}

type KeyState = Buffer | 'erased' | null;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A copy of `node` with the value at `path` replaced; only the objects along the path are copied. */
const replaceAt = (node: unknown, path: readonly DataPathStep[], value: unknown, i = 0): unknown => {
  if (i === path.length) return value;
  const step = path[i];
  const copy = (Array.isArray(node) ? [...node] : { ...(node as object) }) as Record<DataPathStep, unknown>;
  copy[step] = replaceAt((node as Record<DataPathStep, unknown>)[step], path, value, i + 1);
  return copy;
};

/** Every encrypted value in `data`, with its place. */
const encryptedValues = (data: unknown): Array<{ path: DataPathStep[]; value: { $pii: string } }> => {
  const found: Array<{ path: DataPathStep[]; value: { $pii: string } }> = [];
  const visit = (node: unknown, path: DataPathStep[]) => {
    if (isEncryptedValue(node)) found.push({ path, value: node });
    else if (Array.isArray(node)) node.forEach((el, k) => visit(el, [...path, k]));
    else if (isObject(node)) Object.entries(node).forEach(([k, v]) => visit(v, [...path, k]));
  };
  visit(data, []);
  return found;
};

/** `look`, asked at most once per subject id. */
const once = <T>(look: (subjectId: string) => Promise<T>) => {
  const asked = new Map<string, Promise<T>>();
  return (subjectId: string): Promise<T> => {
    if (!asked.has(subjectId)) asked.set(subjectId, look(subjectId));
    return asked.get(subjectId) as Promise<T>;
  };
};

const describePath = (path: readonly DataPathStep[]) => path.join('.') || '(data)';

/**
 * An {@link EventStore} decorator that keeps personal data about children encrypted in the log, one key per
 * child (docs/architecture.md section 7), and makes erasure a matter of deleting the key (crypto-shredding).
 *
 * - On append, each personal field named by the {@link PersonalDataPolicy} is replaced by
 *   `{ "$pii": "v1.<iv>.<ciphertext+tag>" }`, encrypted with its subject's key (created on first use). If a
 *   subject has been erased, the append is refused with {@link SubjectErasedError} (`PRIVACY.SUBJECT_ERASED`)
 *   and nothing is written: every event is encrypted before the wrapped store is called.
 * - On every read path (`readStream`, `readAll`, `subscribeAll`, `subscribePages`), personal fields are
 *   decrypted; those of an erased subject read as {@link ERASED} (`{ erased: true }`), while the other
 *   fields, the metadata and the event's place in the log stay as they were. A projection rebuilt after an
 *   erasure therefore holds no personal data and the same counts.
 * - A value that does not decrypt (a changed byte, a wrong key, a value moved to another child) fails the
 *   read with {@link PersonalDataUnreadableError}: never garbage. In a subscription that stops it.
 * - Event types the policy does not name pass through untouched.
 *
 * Erase through {@link erase} (or the same {@link CachingKeyStore}), so this store's key cache forgets the key.
 * An append that fetched its key just before a concurrent erasure may still land; its personal fields were
 * encrypted under the deleted key, so they read as {@link ERASED} like the rest.
 */
export class EncryptingEventStore implements EventStore {
  private readonly keys: CachingKeyStore;
  private readonly upcasters: Upcasters;

  constructor(
    private readonly inner: EventStore,
    keyStore: KeyStore,
    private readonly policy: PersonalDataPolicy,
    options: EncryptingEventStoreOptions = {},
  ) {
    this.keys =
      keyStore instanceof CachingKeyStore
        ? keyStore
        : new CachingKeyStore(keyStore, { size: options.keyCacheSize });
    this.upcasters = options.upcasters ?? new Upcasters();
  }

  /**
   * Erases a subject's personal data: deletes its key, so every personal field of it reads as
   * {@link ERASED} on every read path from now on, and refuses new personal events for it. Idempotent.
   */
  async erase(subjectId: string): Promise<void> {
    await this.keys.erase(subjectId);
  }

  async append(
    streamId: string,
    events: NewEvent[],
    expected: ExpectedVersion,
  ): Promise<{ revision: number; position: Position }> {
    // One key store round trip per subject per append, however many of the events are about it.
    const keyFor = once((subjectId) => this.keys.keyFor(subjectId));
    const isErased = once((subjectId) => this.keys.isErased(subjectId));
    const sealed: NewEvent[] = [];
    for (const event of events) sealed.push(await this.seal(streamId, event, keyFor, isErased));
    return this.inner.append(streamId, sealed, expected);
  }

  async readStream(streamId: string, options?: { fromRevision?: number }): Promise<StreamRead> {
    const read = await this.inner.readStream(streamId, options);
    return { ...read, events: await this.revealAll(read.events) };
  }

  async readAll(from: Position, limit: number): Promise<LogPage> {
    const page = await this.inner.readAll(from, limit);
    return { ...page, events: await this.revealAll(page.events) };
  }

  subscribeAll(
    from: Position,
    handler: (event: RecordedEvent) => Promise<void>,
    options?: SubscribeOptions,
  ): Subscription {
    return this.inner.subscribeAll(
      from,
      async (event) => handler((await this.revealAll([event]))[0]),
      options,
    );
  }

  subscribePages(
    from: Position,
    handler: (events: RecordedEvent[]) => Promise<void>,
    options?: SubscribeOptions,
  ): Subscription {
    return this.inner.subscribePages(from, async (events) => handler(await this.revealAll(events)), options);
  }

  head(): Promise<Position> {
    return this.inner.head();
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private async seal(
    streamId: string,
    event: NewEvent,
    keyFor: (subjectId: string) => Promise<Buffer>,
    isErased: (subjectId: string) => Promise<boolean>,
  ): Promise<NewEvent> {
    const rule = this.policy.ruleFor(event.type);
    if (!rule) return event;
    const planted = encryptedValues(event.data)[0];
    if (planted) throw new ReservedKeyError(describePath(planted.path));
    const values = rule.personalValues(streamId, event.data);
    const keys = new Map<string, Buffer>();
    for (const subjectId of new Set(values.map((v) => v.subjectId))) {
      keys.set(subjectId, await keyFor(subjectId));
    }
    // An event of a personal type with no personal value in it is still about the subject: refused too.
    const subjectId = rule.eventSubject(streamId, event.data);
    if (subjectId !== undefined && !keys.has(subjectId) && (await isErased(subjectId))) {
      throw new SubjectErasedError(subjectId);
    }
    let data = event.data;
    for (const v of values) {
      data = replaceAt(data, v.path, encryptValue(keys.get(v.subjectId) as Buffer, v.subjectId, v.value));
    }
    return { ...event, data };
  }

  private async revealAll(events: RecordedEvent[]): Promise<RecordedEvent[]> {
    // One key look-up per subject per batch, however many of its events the batch holds.
    const keyOf = once((subjectId) => this.keys.existingKey(subjectId));
    const revealed: RecordedEvent[] = [];
    for (const event of events) revealed.push(this.upcasters.upcast(await this.reveal(event, keyOf)));
    return revealed;
  }

  private async reveal(
    event: RecordedEvent,
    keyOf: (subjectId: string) => Promise<KeyState>,
  ): Promise<RecordedEvent> {
    const rule = this.policy.ruleFor(event.type);
    if (!rule) return event;
    const found = encryptedValues(event.data);
    if (found.length === 0) return event;
    let data = event.data;
    for (const { path, value } of found) {
      const where = {
        eventId: event.id,
        streamId: event.streamId,
        type: event.type,
        field: describePath(path),
      };
      const subjectId = rule.subjectAt(event.streamId, event.data, path);
      if (subjectId === undefined) {
        throw new PersonalDataUnreadableError(
          `${event.type} ${event.id} in ${event.streamId} holds encrypted field ${where.field} whose subject the policy cannot find`,
          where,
        );
      }
      const key = await keyOf(subjectId);
      let plain: unknown;
      if (key === 'erased') plain = { ...ERASED };
      else if (key === null) {
        throw new PersonalDataUnreadableError(
          `${event.type} ${event.id} in ${event.streamId} holds encrypted field ${where.field} but subject ${subjectId} has no key`,
          { ...where, subjectId },
        );
      } else {
        try {
          plain = decryptValue(key, subjectId, value);
        } catch (e) {
          throw new PersonalDataUnreadableError(
            `${event.type} ${event.id} in ${event.streamId}: field ${where.field} does not decrypt with the key of subject ${subjectId} (tampered, or moved from another subject)`,
            { ...where, subjectId },
            e,
          );
        }
      }
      data = replaceAt(data, path, plain);
    }
    return { ...event, data };
  }
}
