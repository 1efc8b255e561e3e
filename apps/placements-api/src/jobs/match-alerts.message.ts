import {
  IntegrationEvent,
  SettingChangedV1,
  SupplyIntegrationEvent,
  VacancyChange,
} from '@placematch/contracts';
import type { NewJob } from '@placematch/job-queue';
import { readIntegrationEvent, UnreadableIntegrationMessage } from '@placematch/integration';
import type { IncomingMessage } from '@placematch/message-bus';
import { MATCH_ALERTS_JOB } from './placements-queue';

/** What a match-alert job is about: the setting whose supply changed, and the integration event that said so. */
export interface MatchAlertJobData {
  settingId: string;
  eventId: string;
}

/** Vacancy changes that can put a setting into a search's top: a place opened, changed, or given back. */
const VACANCY_CHANGES: readonly VacancyChange[] = ['opened', 'changed', 'released'];

/** Setting changes that can make a setting eligible or rank higher. */
const SETTING_CHANGES: readonly SettingChangedV1['data']['change'][] = [
  'approval-terms',
  'household-profile',
];

/** How a match-alert job retries: three attempts, waiting 1 s then 3 s (exponential). */
const ATTEMPTS = 3;
const BACKOFF_MS = 1_000;

/** What to do with a message on the supply topic. */
export type MatchAlertDecision =
  | { action: 'enqueue'; job: NewJob & { data: MatchAlertJobData } }
  | { action: 'ignore' }
  | { action: 'reject'; reason: string };

const isRelevant = (event: SupplyIntegrationEvent): boolean => {
  switch (event.type) {
    case 'VacancyUpdated':
      return VACANCY_CHANGES.includes(event.data.change);
    case 'SettingChanged':
      return SETTING_CHANGES.includes(event.data.change);
    case 'SettingRegistered':
      return true;
    default:
      return false;
  }
};

/**
 * Reads a message of the supply topic: a change that may bring a setting into open requests' searches becomes
 * a `match-alerts` job whose id is derived from the event id, so a message delivered again (at least once) maps
 * to the job already held and enqueues nothing new. Other types and changes are ignored; a message with no
 * event id or a body that is not an integration event is rejected (to be logged and acknowledged, never retried).
 */
export const matchAlertFor = (message: IncomingMessage): MatchAlertDecision => {
  let event: IntegrationEvent;
  try {
    event = readIntegrationEvent(message);
  } catch (e) {
    if (e instanceof UnreadableIntegrationMessage) return { action: 'reject', reason: e.message };
    throw e;
  }
  const eventId = event.id;
  const data = event.data as { settingId?: unknown; change?: unknown } | null;
  if (typeof data !== 'object' || data === null) return { action: 'reject', reason: 'the event has no data' };
  if (!isRelevant(event as SupplyIntegrationEvent)) return { action: 'ignore' };
  const settingId = typeof data.settingId === 'string' && data.settingId !== '' ? data.settingId : undefined;
  if (settingId === undefined) return { action: 'reject', reason: 'the event names no setting' };
  return {
    action: 'enqueue',
    job: {
      name: MATCH_ALERTS_JOB,
      data: { settingId, eventId },
      jobId: `${MATCH_ALERTS_JOB}:${eventId}`,
      attempts: ATTEMPTS,
      backoff: { type: 'exponential', delayMs: BACKOFF_MS },
    },
  };
};
