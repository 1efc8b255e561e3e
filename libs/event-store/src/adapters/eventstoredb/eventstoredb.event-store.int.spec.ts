import { eventStoreContract } from '@placematch/event-store/testing';
import { EventStoreDbEventStore } from './eventstoredb.event-store';

// The contract runs only where a server is given, for example
// EVENTSTORE_URL='esdb://127.0.0.1:2113?tls=false'. The server needs EVENTSTORE_MAX_APPEND_SIZE above its
// default of 1 MiB (2097152 will do), or the contract's 1 MB event is refused.
const url = process.env.EVENTSTORE_URL;

if (url) {
  jest.setTimeout(30_000);
  // A server has one $all for every test and every earlier run: the contract reads it from the head.
  eventStoreContract('eventstoredb', () => ({
    sharedLog: true,
    open: ({ upcasters }) => EventStoreDbEventStore.connect(url, upcasters, { idlePollMs: 100 }),
    reopen: ({ upcasters }) => EventStoreDbEventStore.connect(url, upcasters, { idlePollMs: 100 }),
  }));
} else {
  process.stdout.write(
    'event store contract: eventstoredb skipped: EVENTSTORE_URL is not set (no EventStoreDB server on this machine)\n',
  );
  describe.skip('event store contract: eventstoredb', () => {
    it('passes the event store contract against the server at EVENTSTORE_URL', () => {
      expect(url).toBeDefined();
    });
  });
}
