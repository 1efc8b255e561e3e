import { InMemoryEventStore, START } from '@placematch/event-store';
import { eventStoreContract } from '@placematch/event-store/testing';
import {
  eventStoreContractPolicy,
  keyStoreContract,
  personalDataContract,
  testChildPolicy,
} from '@placematch/privacy/testing';
import { InMemoryKeyStore } from './adapters/memory/in-memory.key-store';
import { CachingKeyStore } from './caching.key-store';
import { EncryptingEventStore, EncryptingEventStoreOptions } from './encrypting.event-store';
import { KeyStore } from './key-store.port';
import { PersonalDataPolicy } from './personal-data-policy';

eventStoreContract('encrypting(in-memory)', () => {
  const keys = new InMemoryKeyStore();
  return {
    open: async ({ upcasters }) =>
      new EncryptingEventStore(new InMemoryEventStore(), keys, eventStoreContractPolicy(), { upcasters }),
  };
});

personalDataContract('encrypting(in-memory)', () => {
  const raw = new InMemoryEventStore();
  const keys = new InMemoryKeyStore();
  const open = async (policy: PersonalDataPolicy, options: EncryptingEventStoreOptions = {}) => ({
    store: new EncryptingEventStore(raw, keys, policy, options),
    raw,
    keys,
  });
  return { open, reopen: (policy) => open(policy) };
});

keyStoreContract('caching(in-memory)', () => {
  // Each open is a process with its own small cache over the one shared store.
  const shared = new InMemoryKeyStore();
  const open = async () => new CachingKeyStore(shared, { size: 2 });
  return { open, reopen: open };
});

/** A real in-memory key store that counts how often each method reaches it. */
class CountingKeyStore implements KeyStore {
  readonly calls = { keyFor: 0, existingKey: 0, erase: 0, isErased: 0 };
  private readonly inner = new InMemoryKeyStore();
  keyFor(subjectId: string) {
    this.calls.keyFor += 1;
    return this.inner.keyFor(subjectId);
  }
  existingKey(subjectId: string) {
    this.calls.existingKey += 1;
    return this.inner.existingKey(subjectId);
  }
  erase(subjectId: string) {
    this.calls.erase += 1;
    return this.inner.erase(subjectId);
  }
  isErased(subjectId: string) {
    this.calls.isErased += 1;
    return this.inner.isErased(subjectId);
  }
}

describe('EncryptingEventStore: key cache', () => {
  const meta = {
    actor: { id: 'user-test', role: 'placement-officer' },
    correlationId: 'corr-1',
    causationId: 'cause-1',
    occurredAt: '2026-11-22T10:00:00.000Z',
  };
  const recorded = (name: string) => ({
    type: 'ChildRecorded',
    schemaVersion: 1,
    data: { name, ageInMonths: 100 },
    metadata: meta,
  });

  it('asks the key store once per child for a whole stream, and not again while the key is cached', async () => {
    const counting = new CountingKeyStore();
    const raw = new InMemoryEventStore();
    const writer = new EncryptingEventStore(raw, counting, testChildPolicy());
    await writer.append(
      'child-a',
      Array.from({ length: 50 }, (_, i) => recorded(`Test Child A${i}`)),
      'no_stream',
    );
    const reader = new EncryptingEventStore(raw, counting, testChildPolicy());
    expect((await reader.readStream('child-a')).events).toHaveLength(50);
    expect(counting.calls.existingKey).toBe(1);
    await reader.readStream('child-a');
    await reader.readAll(START, 100);
    expect(counting.calls.existingKey).toBe(1);
  });

  it('holds at most the configured number of keys, dropping the least recently used', async () => {
    const counting = new CountingKeyStore();
    const cache = new CachingKeyStore(counting, { size: 2 });
    const raw = new InMemoryEventStore();
    const store = new EncryptingEventStore(raw, cache, testChildPolicy());
    for (const c of ['a', 'b', 'c'])
      await store.append(`child-${c}`, [recorded(`Test Child ${c}`)], 'no_stream');
    expect(cache.cachedSubjects).toBe(2);
    const before = counting.calls.existingKey;
    await store.readStream('child-c');
    await store.readStream('child-b');
    expect(counting.calls.existingKey).toBe(before);
    await store.readStream('child-a');
    expect(counting.calls.existingKey).toBe(before + 1);
    expect(cache.cachedSubjects).toBe(2);
    await store.readStream('child-c');
    expect(counting.calls.existingKey).toBe(before + 2);
  });

  it('always asks the key store before writing, so an erasure elsewhere is never missed', async () => {
    const counting = new CountingKeyStore();
    const store = new EncryptingEventStore(new InMemoryEventStore(), counting, testChildPolicy());
    await store.append('child-a', [recorded('Test Child A')], 'no_stream');
    await store.append('child-a', [recorded('Test Child A')], 0);
    expect(counting.calls.keyFor).toBe(2);
  });

  it('drops the key from the cache when the child is erased through it', async () => {
    const counting = new CountingKeyStore();
    const cache = new CachingKeyStore(counting);
    const store = new EncryptingEventStore(new InMemoryEventStore(), cache, testChildPolicy());
    await store.append('child-a', [recorded('Test Child A')], 'no_stream');
    await store.erase('a');
    expect((await store.readStream('child-a')).events[0].data).toEqual({
      name: { erased: true },
      ageInMonths: 100,
    });
    expect(await counting.existingKey('a')).toBe('erased');
  });
});
