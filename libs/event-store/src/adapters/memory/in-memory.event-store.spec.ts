import { eventStoreContract } from '@placematch/event-store/testing';
import { InMemoryEventStore } from './in-memory.event-store';

eventStoreContract('in-memory', () => ({
  open: async ({ upcasters }) => new InMemoryEventStore(upcasters),
}));
