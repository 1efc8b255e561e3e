import { messageBusContract } from '@placematch/message-bus/testing';
import { InProcessMessageBus } from './in-process.message-bus';

messageBusContract('in-process', {
  open: async () =>
    new InProcessMessageBus({
      logger: { log: () => undefined, warn: () => undefined, error: () => undefined },
    }),
});
