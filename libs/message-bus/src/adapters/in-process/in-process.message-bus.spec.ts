import { messageBusContract } from '@placematch/message-bus/testing';
import { InProcessMessageBus } from './in-process.message-bus';

messageBusContract('in-process', {
  open: async () =>
    new InProcessMessageBus({
      logger: { log: () => undefined, warn: () => undefined, error: () => undefined },
    }),
});

describe('in-process bus retention', () => {
  const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

  it('keeps the last messages of each partition, and a group behind them resumes at the oldest kept', async () => {
    const bus = new InProcessMessageBus({ logger: quiet, defaultPartitions: 1, retainPerPartition: 3 });
    await bus.ensureTopics(['t']);
    await bus.publish(
      't',
      [1, 2, 3, 4, 5].map((n) => ({ key: 'k', value: String(n) })),
    );
    const seen: string[] = [];
    const offsets: string[] = [];
    const sub = bus.subscribe(
      't',
      'g',
      async (m) => {
        seen.push(m.value.toString());
        offsets.push(m.offset);
      },
      { fromBeginning: true },
    );
    await sub.ready();
    await bus.publish('t', [{ key: 'k', value: '6' }]);
    for (let i = 0; i < 100 && seen.length < 4; i++) await new Promise((r) => setTimeout(r, 5));
    await bus.close();
    // 1 and 2 were dropped when 4 and 5 came; offsets go on counting as on a broker.
    expect(seen).toEqual(['3', '4', '5', '6']);
    expect(offsets).toEqual(['2', '3', '4', '5']);
  });
});
