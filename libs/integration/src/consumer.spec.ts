import { INTEGRATION_HEADERS } from '@placematch/contracts';
import type { IncomingMessage } from '@placematch/message-bus';
import { readIntegrationEvent, UnreadableIntegrationMessage } from './consumer';

const message = (body: string, headers: Record<string, string>): IncomingMessage => ({
  topic: 'placematch.supply.v1',
  partition: 0,
  offset: '7',
  key: 's1',
  value: Buffer.from(body),
  headers,
});
const event = {
  id: 'e1',
  type: 'VacancyUpdated',
  version: 1,
  context: 'supply',
  aggregateId: 's1',
  occurredAt: 'T',
  data: {},
};

describe('reading integration events', () => {
  it('reads the envelope whose id is the event-id header', () =>
    expect(
      readIntegrationEvent(message(JSON.stringify(event), { [INTEGRATION_HEADERS.eventId]: 'e1' })),
    ).toEqual(event));

  it.each([
    ['no event-id header', JSON.stringify(event), {}, /no event-id header/],
    ['a body that is not JSON', '{', { 'event-id': 'e1' }, /not JSON/],
    ['a body without a type', '{"id":"e1"}', { 'event-id': 'e1' }, /no type/],
    [
      'an id that is not the header’s',
      JSON.stringify(event),
      { 'event-id': 'e2' },
      /id is not the event-id header/,
    ],
  ])('refuses %s, naming the message', (_what, body, headers, reason) => {
    const read = () => readIntegrationEvent(message(body, headers));
    expect(read).toThrow(UnreadableIntegrationMessage);
    expect(read).toThrow(reason);
    expect(read).toThrow(/placematch\.supply\.v1@7/);
  });
});
