import { keyStoreContract } from '@placematch/privacy/testing';
import { InMemoryKeyStore } from './in-memory.key-store';

keyStoreContract('in-memory', () => ({ open: async () => new InMemoryKeyStore() }));
