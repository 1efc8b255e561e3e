import { INTEGRATION_HEADERS, IntegrationEvent } from '@placematch/contracts';
import type { MessageHeaders } from '@placematch/message-bus';
import { matchAlertFor } from './match-alerts.message';

const SETTING = '00000000-0000-4000-8000-000000000401';

const envelope = (type: string, data: object): IntegrationEvent => ({
  id: 'event-1',
  type,
  version: 1,
  context: 'supply',
  aggregateId: SETTING,
  occurredAt: '2025-03-10T09:00:00.000Z',
  data,
});
const message = (body: unknown, eventId: string | null = 'event-1') => ({
  topic: 'placematch.supply.v1',
  partition: 0,
  offset: '3',
  key: SETTING,
  headers: (eventId === null ? {} : { [INTEGRATION_HEADERS.eventId]: eventId }) as MessageHeaders,
  value: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
});
const vacancy = (change: string) =>
  envelope('VacancyUpdated', { settingId: SETTING, vacancyId: 'v-1', change, at: '2025-03-10' });

describe('Match alerts: which supply messages make a job', () => {
  it.each(['opened', 'changed', 'released'])('a vacancy %s makes a job named by its event id', (change) => {
    expect(matchAlertFor(message(vacancy(change)))).toEqual({
      action: 'enqueue',
      job: {
        name: 'match-alerts',
        data: { settingId: SETTING, eventId: 'event-1' },
        jobId: 'match-alerts:event-1',
        attempts: 3,
        backoff: { type: 'exponential', delayMs: 1000 },
      },
    });
  });

  it.each(['closed', 'filled', 'confirmed'])('a vacancy %s is ignored: it brings no setting in', (change) => {
    expect(matchAlertFor(message(vacancy(change)))).toEqual({ action: 'ignore' });
  });

  it.each(['approval-terms', 'household-profile'])('a setting change of %s makes a job', (change) => {
    const decision = matchAlertFor(message(envelope('SettingChanged', { settingId: SETTING, change })));
    expect(decision).toMatchObject({ action: 'enqueue', job: { data: { settingId: SETTING } } });
  });

  it.each(['weekly-cost', 'closed'])('a setting change of %s is ignored', (change) => {
    const decision = matchAlertFor(message(envelope('SettingChanged', { settingId: SETTING, change })));
    expect(decision).toEqual({ action: 'ignore' });
  });

  it('a setting registered makes a job', () => {
    const registered = envelope('SettingRegistered', {
      settingId: SETTING,
      providerId: 'p-1',
      placementTypes: ['U4'],
      hostLocalAuthority: 'E08000021',
    });
    expect(matchAlertFor(message(registered))).toMatchObject({ action: 'enqueue' });
  });

  it('other types are ignored', () => {
    const standing = envelope('ProviderStandingChanged', { providerId: 'p-1', standing: 'deregistered' });
    expect(matchAlertFor(message(standing))).toEqual({ action: 'ignore' });
  });

  it('the same message twice makes the same job id (the queue keeps one)', () => {
    const once = matchAlertFor(message(vacancy('opened')));
    const twice = matchAlertFor(message(vacancy('opened')));
    expect(once).toEqual(twice);
  });

  it('rejects a message without an event id', () => {
    expect(matchAlertFor(message(vacancy('opened'), null))).toEqual({
      action: 'reject',
      reason: 'message placematch.supply.v1@3 is not an integration event: no event-id header',
    });
  });

  it.each([['not json'], ['null'], ['"text"'], [JSON.stringify({ type: 'VacancyUpdated' })]])(
    'rejects a body that is not an integration event: %s',
    (body) => {
      expect(matchAlertFor(message(body))).toEqual({
        action: 'reject',
        reason: expect.stringMatching(/^message placematch\.supply\.v1@3 is not an integration event: /),
      });
    },
  );

  it('rejects a relevant event that names no setting', () => {
    const nameless = envelope('VacancyUpdated', { vacancyId: 'v-1', change: 'opened', at: '2025-03-10' });
    expect(matchAlertFor(message(nameless))).toEqual({
      action: 'reject',
      reason: 'the event names no setting',
    });
  });
});
