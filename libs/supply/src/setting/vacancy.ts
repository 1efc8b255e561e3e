import type { VacancyId } from '../shared/ids';
import { DAY_MS } from '../shared/dates';

/** One vacancy on a setting, as the setting's state holds it. */
export interface Vacancy {
  vacancyId: VacancyId;
  /** Places still open in it; a vacancy closes when the last is filled. */
  places: number;
  /** The first date (`YYYY-MM-DD`) a child can move in. */
  availableFrom: string;
  status: 'open' | 'closed';
  openedAt: string;
  /** When the provider last said it was current: opening, changing or confirming it. */
  lastConfirmedAt: string;
  /**
   * The provider was asked to confirm it (stale-vacancy reminders) and has not since: absent otherwise.
   * Confirming, changing or closing the vacancy clears it.
   */
  confirmationRequested?: ConfirmationRequest;
}

/** An outstanding request to confirm a stale vacancy: the reminders sent since its last confirmation. */
export interface ConfirmationRequest {
  /** The instant the vacancy went stale. */
  staleSince: string;
  firstRequestedAt: string;
  lastRequestedAt: string;
  /** Reminders sent since the last confirmation: at most one a day. */
  reminders: number;
}

/** Days after which an unconfirmed vacancy is stale, unless the policy says otherwise. */
export const DEFAULT_STALE_AFTER_DAYS = 7;

/**
 * True when an open vacancy has not been confirmed (opened, changed or confirmed) for `staleAfterDays` whole
 * days of 24 hours before `now`. A closed vacancy is never stale: there is nothing to confirm.
 */
export const isStale = (
  vacancy: Pick<Vacancy, 'status' | 'lastConfirmedAt'>,
  now: string | Date,
  staleAfterDays: number = DEFAULT_STALE_AFTER_DAYS,
): boolean =>
  vacancy.status === 'open' &&
  new Date(now).getTime() - new Date(vacancy.lastConfirmedAt).getTime() >= staleAfterDays * DAY_MS;

/** The instant a vacancy last confirmed at `lastConfirmedAt` goes (or went) stale. */
export const staleSince = (
  vacancy: Pick<Vacancy, 'lastConfirmedAt'>,
  staleAfterDays: number = DEFAULT_STALE_AFTER_DAYS,
): string => new Date(new Date(vacancy.lastConfirmedAt).getTime() + staleAfterDays * DAY_MS).toISOString();
