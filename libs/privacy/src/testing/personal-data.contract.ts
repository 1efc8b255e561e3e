import type { EventMetadata } from '@placematch/kernel';
import { EventStore, NewEvent, Position, RecordedEvent, Upcasters } from '@placematch/event-store';
import { InMemoryKeyStore } from '../adapters/memory/in-memory.key-store';
import { EncryptingEventStore } from '../encrypting.event-store';
import { ERASED, isErased } from '../erased';
import { PersonalDataUnreadableError, ReservedKeyError, SubjectUnresolvedError } from '../errors';
import { KeyStore, SubjectErasedError } from '../key-store.port';
import { fromField, fromStream, PersonalDataPolicy, personalDataPolicy } from '../personal-data-policy';

/** An encrypting store as the personal data contract drives it, with what it wraps. */
export interface OpenedEncryptingStore {
  store: EncryptingEventStore;
  /** The store it wraps, read directly to see what is really stored. */
  raw: EventStore;
  /** The key store it uses (without its cache). */
  keys: KeyStore;
  /**
   * Everything the storage holds for a stream, as text, read beneath the event store port when the adapter
   * can (a SQL dump of the rows); omit to read the raw store through its port.
   */
  storedText?(streamId: string): Promise<string>;
}

/** How the personal data contract gets encrypting stores. */
export interface PersonalDataHarness {
  /** Opens an encrypting store with `policy` on empty storage and keys no other test uses. */
  open(policy: PersonalDataPolicy, options?: { upcasters?: Upcasters }): Promise<OpenedEncryptingStore>;
  /** Opens another encrypting store (its own key cache) on the same storage and keys: another process. */
  reopen(policy: PersonalDataPolicy): Promise<OpenedEncryptingStore>;
  /** Removes whatever the harness created. */
  dispose?(): Promise<void>;
}

/**
 * A policy shaped like the placements context's: a child's stream holds the child's personal data; a
 * placement request for a sibling group holds each child's, under each child's own key.
 */
export const testChildPolicy = (): PersonalDataPolicy =>
  personalDataPolicy()
    .event('ChildRecorded', {
      subject: fromStream('child'),
      personal: ['name', 'dateOfBirth', 'home.postcode'],
    })
    .event('IdentityRecorded', { subject: fromStream('child'), personal: ['identity'] })
    .event('WishesAndFeelingsRecorded', {
      subject: fromStream('child'),
      personal: ['wishes', 'happiness', 'wantsContact', 'advocate', 'quotes.*'],
    })
    .event('NeedsAssessed', { subject: fromStream('child'), personal: ['healthNotes'] })
    .event('PlacementRequested', {
      personal: [
        { path: 'children.*.name', subject: fromField('children.*.childId') },
        { path: 'children.*.dateOfBirth', subject: fromField('children.*.childId') },
      ],
    })
    .event('ReferralNoted', { subject: fromField('childId'), personal: ['note'] })
    .build();

/**
 * Marks personal a field of each event type of the event store contract (`eventStoreContract` in
 * `@placematch/event-store/testing`, whose streams are named `contract-…`), so that an encrypting store
 * passes that suite with strings, numbers, empty strings, array elements, a 1 MB value, and a value that
 * cannot be stored, all encrypted.
 */
export const eventStoreContractPolicy = (): PersonalDataPolicy => {
  const builder = personalDataPolicy();
  const subject = fromStream('contract');
  const fields: Record<string, string[]> = {
    A: ['i'],
    Created: ['i'],
    Raced: ['writer'],
    Raced2: ['writer'],
    Bad: ['amount'],
    Noted: ['name', 'note', 'empty', 'nested.list.*'],
    Big: ['blob'],
    Written: ['i'],
    P: ['i'],
    E: ['i'],
    M: ['i'],
    ChildNamed: ['name'],
  };
  for (const [type, personal] of Object.entries(fields)) builder.event(type, { subject, personal });
  return builder.build();
};

const meta = (n = 0): EventMetadata => ({
  actor: { id: 'user-privacy-contract', role: 'placement-officer', scope: 'E09000001' },
  correlationId: `corr-${n}`,
  causationId: `cause-${n}`,
  occurredAt: '2026-11-22T10:00:00.000Z',
});

const ev = (type: string, data: unknown, n = 0): NewEvent => ({
  type,
  schemaVersion: 1,
  data,
  metadata: meta(n),
});

const childRecorded = (name: string, dateOfBirth: string) =>
  ev('ChildRecorded', {
    name,
    dateOfBirth,
    home: { postcode: 'ZZ99 1AA', postcodeSector: 'ZZ99 1', localAuthority: 'E09000001' },
    ageInMonths: 140,
    legalStatus: 'C2',
  });

const identityRecorded = () =>
  ev('IdentityRecorded', {
    identity: { religion: 'Test Religion Q', languages: ['Test Language R'], heritage: 'Test Heritage S' },
    recordedBy: 'user-privacy-contract',
  });

const wishesRecorded = () =>
  ev('WishesAndFeelingsRecorded', {
    wishes: ['Test wish: stay near Test School T', 'Test wish: see Test Sibling U'],
    happiness: 7,
    wantsContact: true,
    advocate: null,
    quotes: ['Test quote V', { said: 'Test quote W' }],
    method: 'direct-conversation',
  });

const PLAINTEXTS = [
  'Test Child A',
  '2014-03-01',
  'ZZ99 1AA',
  'Test Religion Q',
  'Test Language R',
  'Test Heritage S',
  'Test School T',
  'Test Sibling U',
  'Test quote V',
  'Test quote W',
];

const ENVELOPE = /^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22,}$/;

/** Resolves once the store's readers see everything up to `position` (PostgreSQL shows a write a moment later). */
const visible = async (store: EventStore, position: Position, ms = 10_000) => {
  const started = Date.now();
  while ((await store.head()) !== position) {
    if (Date.now() - started > ms) throw new Error(`position ${position} never became visible`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

const readLog = async (store: EventStore, from: Position, pageSize = 3): Promise<RecordedEvent[]> => {
  const all: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readAll(from, pageSize);
    if (page.events.length === 0) return all;
    all.push(...page.events);
    from = page.next;
  }
};

/** Runs a fresh subscription (a projection rebuild) from `from` until it has caught up. */
const rebuild = async (store: EventStore, from: Position, mode: 'events' | 'pages') => {
  const got: RecordedEvent[] = [];
  const sub =
    mode === 'events'
      ? store.subscribeAll(from, async (e) => {
          got.push(e);
        })
      : store.subscribePages(
          from,
          async (events) => {
            got.push(...events);
          },
          { batchSize: 2 },
        );
  await sub.caughtUp();
  await sub.stop();
  return got;
};

/** A stream's events through every read path: the stream, the log, a subscription, a paged subscription. */
const everyReadPath = async (store: EventStore, streamId: string, from: Position) => {
  const mine = (events: RecordedEvent[]) => events.filter((e) => e.streamId === streamId);
  return {
    readStream: (await store.readStream(streamId)).events,
    readAll: mine(await readLog(store, from)),
    subscribeAll: mine(await rebuild(store, from, 'events')),
    subscribePages: mine(await rebuild(store, from, 'pages')),
  };
};

/**
 * What the encrypting store promises about personal data, run against each store and key store it wraps.
 * Registers a `describe` block named `personal data contract: <name>`.
 */
export const personalDataContract = (name: string, harness: () => PersonalDataHarness): void => {
  describe(`personal data contract: ${name}`, () => {
    let h: PersonalDataHarness;
    let opened: OpenedEncryptingStore;
    let store: EncryptingEventStore;
    let raw: EventStore;
    const others: EventStore[] = [];
    const child = () => `child-${globalThis.crypto.randomUUID()}`;
    const idOf = (stream: string) => stream.slice('child-'.length);
    const storedText = async (streamId: string) =>
      opened.storedText
        ? opened.storedText(streamId)
        : JSON.stringify((await raw.readStream(streamId)).events.map((e) => e.data));
    const appendAndSee = async (streamId: string, events: NewEvent[]) => {
      const { position } = await store.append(streamId, events, 'any');
      await visible(store, position);
    };

    beforeEach(async () => {
      h = harness();
      opened = await h.open(testChildPolicy());
      ({ store, raw } = opened);
    });
    afterEach(async () => {
      await Promise.all(others.splice(0).map((s) => s.close()));
      await store.close();
      await h.dispose?.();
    });

    it('reads back every kind of JSON value exactly, through every read path', async () => {
      const s = child();
      const from = await store.head();
      const written = [childRecorded('Test Child A', '2014-03-01'), identityRecorded(), wishesRecorded()];
      await appendAndSee(s, written);
      const paths = await everyReadPath(store, s, from);
      for (const [path, events] of Object.entries(paths)) {
        expect([path, events.map((e) => e.data)]).toEqual([path, written.map((e) => e.data)]);
        expect(events.map((e) => e.metadata)).toEqual(written.map((e) => e.metadata));
      }
    });

    it('never stores the plaintext of a personal field, and stores everything else as it was', async () => {
      const s = child();
      await appendAndSee(s, [
        childRecorded('Test Child A', '2014-03-01'),
        identityRecorded(),
        wishesRecorded(),
      ]);
      const text = await storedText(s);
      for (const secret of PLAINTEXTS) expect([secret, text.includes(secret)]).toEqual([secret, false]);
      for (const kept of ['E09000001', 'ZZ99 1', 'C2', 'direct-conversation', 'user-privacy-contract'])
        expect(text).toContain(kept);
      const [recorded, , wishes] = (await raw.readStream(s)).events;
      const data = recorded.data as {
        name: { $pii: string };
        home: Record<string, unknown>;
        ageInMonths: number;
      };
      expect(Object.keys(data.name)).toEqual(['$pii']);
      expect(data.name.$pii).toMatch(ENVELOPE);
      expect(data.home).toEqual({
        postcode: { $pii: expect.stringMatching(ENVELOPE) },
        postcodeSector: 'ZZ99 1',
        localAuthority: 'E09000001',
      });
      expect(data.ageInMonths).toBe(140);
      const w = wishes.data as {
        happiness: unknown;
        wantsContact: unknown;
        advocate: unknown;
        quotes: unknown[];
      };
      for (const v of [w.happiness, w.wantsContact, w.advocate, ...w.quotes])
        expect(v).toEqual({ $pii: expect.stringMatching(ENVELOPE) });
    });

    it('encrypts the same value differently each time (a random IV per value)', async () => {
      const s = child();
      await appendAndSee(s, [
        childRecorded('Test Child A', '2014-03-01'),
        childRecorded('Test Child A', '2014-03-01'),
      ]);
      const [a, b] = (await raw.readStream(s)).events.map(
        (e) => (e.data as { name: { $pii: string } }).name.$pii,
      );
      expect(a).not.toBe(b);
      expect(a.split('.')[1]).not.toBe(b.split('.')[1]);
    });

    it('passes events of types outside the policy through untouched', async () => {
      const s = child();
      const data = { name: 'Test Carer Z', count: 2 };
      await appendAndSee(s, [ev('SettingNoted', data)]);
      expect((await raw.readStream(s)).events[0].data).toEqual(data);
      expect((await store.readStream(s)).events[0].data).toEqual(data);
    });

    it('fails loudly on a tampered ciphertext, on every read path, instead of returning garbage', async () => {
      const s = child();
      await appendAndSee(s, [childRecorded('Test Child A', '2014-03-01')]);
      const [stored] = (await raw.readStream(s)).events;
      const data = stored.data as { name: { $pii: string } };
      const at = data.name.$pii.length - 10;
      const flipped = data.name.$pii[at] === 'A' ? 'B' : 'A';
      const tampered = {
        ...data,
        name: { $pii: data.name.$pii.slice(0, at) + flipped + data.name.$pii.slice(at + 1) },
      };
      const from = await store.head();
      const { position } = await raw.append(s, [{ ...ev('ChildRecorded', tampered) }], 0);
      await visible(store, position);
      await expect(store.readStream(s)).rejects.toBeInstanceOf(PersonalDataUnreadableError);
      await expect(store.readAll(from, 10)).rejects.toBeInstanceOf(PersonalDataUnreadableError);
      let report: (error: unknown) => void = () => undefined;
      const failure = new Promise<unknown>((resolve) => (report = resolve));
      const sub = store.subscribeAll(from, async () => undefined, { onError: (e) => report(e) });
      expect(await failure).toBeInstanceOf(PersonalDataUnreadableError);
      await sub.stop();
    });

    it('fails loudly when a ciphertext is moved to another child’s stream (the subject is authenticated)', async () => {
      const a = child();
      const b = child();
      await appendAndSee(a, [childRecorded('Test Child A', '2014-03-01')]);
      await appendAndSee(b, [childRecorded('Test Child B', '2015-04-02')]);
      const [fromA] = (await raw.readStream(a)).events;
      await raw.append(b, [ev('ChildRecorded', fromA.data)], 0);
      const error = await store.readStream(b).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PersonalDataUnreadableError);
      const details = (error as PersonalDataUnreadableError).details;
      expect(details.subjectId).toBe(idOf(b));
      // Which personal field fails first depends on the store's key order (jsonb sorts keys).
      expect(['name', 'dateOfBirth', 'home.postcode']).toContain(details.field);
    });

    it('fails loudly when read with a key other than the one that encrypted', async () => {
      const s = child();
      await appendAndSee(s, [childRecorded('Test Child A', '2014-03-01')]);
      const otherKeys = new InMemoryKeyStore();
      await otherKeys.keyFor(idOf(s));
      const other = new EncryptingEventStore(raw, otherKeys, testChildPolicy());
      await expect(other.readStream(s)).rejects.toBeInstanceOf(PersonalDataUnreadableError);
      expect((await store.readStream(s)).events[0].data).toMatchObject({ name: 'Test Child A' });
    });

    it('reads an erased child’s personal fields as ERASED on every read path, keeping the other fields', async () => {
      const a = child();
      const b = child();
      const request = `request-${globalThis.crypto.randomUUID()}`;
      const from = await store.head();
      await appendAndSee(a, [
        childRecorded('Test Child A', '2014-03-01'),
        identityRecorded(),
        wishesRecorded(),
      ]);
      await appendAndSee(b, [childRecorded('Test Child B', '2015-04-02')]);
      await appendAndSee(request, [
        ev('PlacementRequested', {
          children: [
            { childId: idOf(a), name: 'Test Child A', dateOfBirth: '2014-03-01', ageInMonths: 140 },
            { childId: idOf(b), name: 'Test Child B', dateOfBirth: '2015-04-02', ageInMonths: 127 },
          ],
          urgency: 'planned',
        }),
      ]);
      // Read first, so the key is in the cache that erasure must clear.
      expect((await store.readStream(a)).events[0].data).toMatchObject({ name: 'Test Child A' });
      const storedBefore = await storedText(a);

      await store.erase(idOf(a));

      expect(await storedText(a)).toBe(storedBefore);
      for (const [path, events] of Object.entries(await everyReadPath(store, a, from))) {
        expect([path, events.map((e) => e.revision)]).toEqual([path, [0, 1, 2]]);
        expect([path, events.map((e) => e.data)]).toEqual([
          path,
          [
            {
              name: ERASED,
              dateOfBirth: ERASED,
              home: { postcode: ERASED, postcodeSector: 'ZZ99 1', localAuthority: 'E09000001' },
              ageInMonths: 140,
              legalStatus: 'C2',
            },
            { identity: ERASED, recordedBy: 'user-privacy-contract' },
            {
              wishes: ERASED,
              happiness: ERASED,
              wantsContact: ERASED,
              advocate: ERASED,
              quotes: [ERASED, ERASED],
              method: 'direct-conversation',
            },
          ],
        ]);
        expect(events[0].metadata).toEqual(meta());
      }
      const siblings = await everyReadPath(store, request, from);
      for (const events of Object.values(siblings)) {
        const [first, second] = (events[0].data as { children: Array<Record<string, unknown>> }).children;
        expect(first).toEqual({ childId: idOf(a), name: ERASED, dateOfBirth: ERASED, ageInMonths: 140 });
        expect(second).toEqual({
          childId: idOf(b),
          name: 'Test Child B',
          dateOfBirth: '2015-04-02',
          ageInMonths: 127,
        });
      }
      for (const events of Object.values(await everyReadPath(store, b, from)))
        expect(events[0].data).toMatchObject({ name: 'Test Child B', dateOfBirth: '2015-04-02' });
      const erasedName = ((await store.readStream(a)).events[0].data as { name: unknown }).name;
      expect(isErased(erasedName)).toBe(true);
    });

    it('refuses, writing nothing, any append of personal events for an erased child', async () => {
      const a = child();
      const b = child();
      await appendAndSee(a, [childRecorded('Test Child A', '2014-03-01')]);
      await appendAndSee(b, [childRecorded('Test Child B', '2015-04-02')]);
      await store.erase(idOf(a));
      const head = await store.head();
      const refusals = [
        store.append(a, [wishesRecorded()], 0),
        store.append(a, [ev('SettingNoted', { count: 1 }), identityRecorded()], 'any'),
        // A personal type with no personal value present is still about the child.
        store.append(a, [ev('NeedsAssessed', { cinCategory: 'N1' })], 'any'),
        store.append(
          `request-${globalThis.crypto.randomUUID()}`,
          [
            ev('PlacementRequested', {
              children: [
                { childId: idOf(b), name: 'Test Child B' },
                { childId: idOf(a), name: 'Test Child A' },
              ],
            }),
          ],
          'no_stream',
        ),
        store.append(
          `referral-${globalThis.crypto.randomUUID()}`,
          [ev('ReferralNoted', { childId: idOf(a) })],
          'any',
        ),
      ];
      for (const refusal of refusals) {
        const error = await refusal.catch((e: unknown) => e);
        expect(error).toBeInstanceOf(SubjectErasedError);
        expect((error as SubjectErasedError).code).toBe('PRIVACY.SUBJECT_ERASED');
      }
      expect((await raw.readStream(a)).revision).toBe(0);
      expect(await store.head()).toBe(head);
      expect((await store.append(b, [identityRecorded()], 0)).revision).toBe(1);
    });

    it('refuses appends for a child erased by another process, though this one had the key cached', async () => {
      const a = child();
      await appendAndSee(a, [childRecorded('Test Child A', '2014-03-01')]);
      expect((await store.readStream(a)).events[0].data).toMatchObject({ name: 'Test Child A' });
      const other = await h.reopen(testChildPolicy());
      others.push(other.store);
      await other.store.erase(idOf(a));
      await expect(store.append(a, [identityRecorded()], 0)).rejects.toBeInstanceOf(SubjectErasedError);
      expect((await raw.readStream(a)).revision).toBe(0);
      expect((await other.store.readStream(a)).events[0].data).toMatchObject({ name: ERASED });
    });

    it('creates one key for a child whose first events are appended concurrently', async () => {
      const s = child();
      await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          store.append(s, [childRecorded(`Test Child ${i}`, '2014-03-01')], 'any'),
        ),
      );
      const other = await h.reopen(testChildPolicy());
      others.push(other.store);
      const names = (await other.store.readStream(s)).events.map((e) => (e.data as { name: string }).name);
      expect(names.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `Test Child ${i}`).sort());
    });

    it('refuses event data that already holds a "$pii" object, writing nothing', async () => {
      const s = child();
      const planted = {
        ...(childRecorded('Test Child A', '2014-03-01').data as object),
        legalStatus: { $pii: 'v1.x.y' },
      };
      const error = await store
        .append(s, [ev('ChildRecorded', planted)], 'no_stream')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ReservedKeyError);
      expect((error as ReservedKeyError).code).toBe('PRIVACY.RESERVED_KEY');
      expect((await raw.readStream(s)).revision).toBeNull();
    });

    it('refuses personal data it cannot attribute to a child, writing nothing', async () => {
      const wrongStream = `request-${globalThis.crypto.randomUUID()}`;
      await expect(
        store.append(wrongStream, [childRecorded('Test Child A', '2014-03-01')], 'no_stream'),
      ).rejects.toBeInstanceOf(SubjectUnresolvedError);
      await expect(
        store.append(
          wrongStream,
          [ev('PlacementRequested', { children: [{ name: 'Test Child A' }] })],
          'no_stream',
        ),
      ).rejects.toBeInstanceOf(SubjectUnresolvedError);
      expect((await raw.readStream(wrongStream)).revision).toBeNull();
    });

    it('upcasts after decrypting, so upcasters see personal fields in the clear', async () => {
      const s = child();
      await appendAndSee(s, [childRecorded('Test Child A', '2014-03-01')]);
      const upcasting = await h.reopen(testChildPolicy());
      others.push(upcasting.store);
      const withUpcasters = new EncryptingEventStore(upcasting.raw, upcasting.keys, testChildPolicy(), {
        upcasters: new Upcasters([
          {
            type: 'ChildRecorded',
            fromVersion: 1,
            up: (d) => ({
              ...(d as object),
              initials: (d as { name: string }).name
                .split(' ')
                .map((w) => w[0])
                .join(''),
            }),
          },
        ]),
      });
      expect((await withUpcasters.readStream(s)).events[0]).toMatchObject({
        schemaVersion: 2,
        data: { name: 'Test Child A', initials: 'TCA' },
      });
    });
  });
};
