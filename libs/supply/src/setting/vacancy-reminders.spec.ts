import { fold } from '@placematch/kernel';
import { deciderSpec } from '@placematch/kernel/testing';
import {
  ChangeVacancy,
  ConfirmVacancy,
  DEFAULT_STALE_AFTER_DAYS,
  RequestVacancyConfirmation,
  SettingEvent,
  VacancyClosed,
  VacancyConfirmationRequested,
  settingDecider,
  staleSince,
} from '@placematch/supply';
import {
  AT,
  approvalTermsSet,
  command,
  daysAfter,
  event,
  ids,
  settingRegistered,
  vacancyOpened,
} from '@placematch/supply/testing';

const { given } = deciderSpec(settingDecider);

const approved = [settingRegistered(), approvalTermsSet()];
/** The instant the fixture vacancy (opened at AT) goes stale: seven days of 24 hours later. */
const STALE_SINCE = daysAfter(DEFAULT_STALE_AFTER_DAYS);

const remind = (at: string, vacancyId = ids.vacancy) =>
  command<RequestVacancyConfirmation>('RequestVacancyConfirmation', { vacancyId }, { at });
const requested = (requestedAt: string, since = STALE_SINCE) =>
  event<VacancyConfirmationRequested>('VacancyConfirmationRequested', {
    vacancyId: ids.vacancy,
    staleSince: since,
    requestedAt,
  });

const vacancyAfter = (events: SettingEvent[]) => {
  const state = fold(settingDecider, events);
  if (state.status !== 'Approved') throw new Error('expected an approved setting');
  return state.vacancies[ids.vacancy];
};

describe('Setting vacancies: stale-vacancy reminders', () => {
  it('asks the provider to confirm a vacancy unconfirmed for 7 days, recording when it went stale', () => {
    given([...approved, vacancyOpened()])
      .when(remind(daysAfter(8)))
      .then([requested(daysAfter(8))]);
  });

  it('asks nothing of a vacancy confirmed within the last 7 days', () => {
    given([...approved, vacancyOpened()])
      .when(remind(daysAfter(6.9)))
      .thenNothing();
    given([
      ...approved,
      vacancyOpened(),
      event('VacancyConfirmed', { vacancyId: ids.vacancy, confirmedAt: daysAfter(5) }),
    ])
      .when(remind(daysAfter(8)))
      .thenNothing();
  });

  it('asks at most once a day: a second run of the job on the same day records nothing', () => {
    const first = daysAfter(8);
    given([...approved, vacancyOpened(), requested(first)])
      .when(remind(daysAfter(8.5)))
      .thenNothing();
  });

  it('counts the day in England: 23:30 UTC on a summer evening is already the next day', () => {
    // A vacancy opened on 1 June: 8 June 09:00 BST is stale; 8 June 23:30 UTC is 9 June 00:30 in England.
    const openedAt = '2025-06-01T08:00:00.000Z';
    const since = staleSince({ lastConfirmedAt: openedAt });
    const history = [...approved, vacancyOpened({ openedAt }), requested('2025-06-08T08:00:00.000Z', since)];
    given(history).when(remind('2025-06-08T22:59:00.000Z')).thenNothing();
    given(history)
      .when(remind('2025-06-08T23:30:00.000Z'))
      .then([requested('2025-06-08T23:30:00.000Z', since)]);
  });

  it('asks again on a later day while the vacancy stays unconfirmed', () => {
    given([...approved, vacancyOpened(), requested(daysAfter(8))])
      .when(remind(daysAfter(9)))
      .then([requested(daysAfter(9))]);
  });

  it('asks nothing about a closed vacancy, or on a closed setting', () => {
    const closed = event<VacancyClosed>('VacancyClosed', {
      vacancyId: ids.vacancy,
      cause: 'withdrawn',
      reason: 'Carer unwell',
      closedAt: daysAfter(1),
    });
    given([...approved, vacancyOpened(), closed])
      .when(remind(daysAfter(8)))
      .thenNothing();
    given([
      ...approved,
      vacancyOpened(),
      { ...closed, data: { ...closed.data, cause: 'setting-closed', reason: undefined } },
      event('SettingClosed', { reason: 'Resigned', closedAt: daysAfter(1), currentPlacementIds: [] }),
    ])
      .when(remind(daysAfter(8)))
      .thenNothing();
  });

  it('refuses an unknown vacancy and a setting without approval terms', () => {
    given([...approved, vacancyOpened()])
      .when(remind(daysAfter(8), ids.otherVacancy))
      .thenThrows('VACANCY.NOT_FOUND');
    given([settingRegistered()])
      .when(remind(daysAfter(8)))
      .thenThrows('SETTING.NOT_APPROVED');
    given([])
      .when(remind(daysAfter(8)))
      .thenThrows('SETTING.NOT_REGISTERED');
  });

  it('keeps the outstanding request on the vacancy: first and last reminder, and how many', () => {
    expect(vacancyAfter([...approved, vacancyOpened()]).confirmationRequested).toBeUndefined();
    const vacancy = vacancyAfter([
      ...approved,
      vacancyOpened(),
      requested(daysAfter(8)),
      requested(daysAfter(9)),
    ]);
    expect(vacancy.confirmationRequested).toEqual({
      staleSince: STALE_SINCE,
      firstRequestedAt: daysAfter(8),
      lastRequestedAt: daysAfter(9),
      reminders: 2,
    });
  });

  it('clears the request when the provider confirms, changes or closes the vacancy', () => {
    const reminded = [...approved, vacancyOpened(), requested(daysAfter(8))];
    const answers: SettingEvent[] = [
      event('VacancyConfirmed', { vacancyId: ids.vacancy, confirmedAt: daysAfter(8.2) }),
      event('VacancyChanged', {
        vacancyId: ids.vacancy,
        places: 1,
        availableFrom: '2025-04-01',
        changedAt: daysAfter(8.2),
      }),
      event('VacancyClosed', {
        vacancyId: ids.vacancy,
        cause: 'withdrawn',
        reason: 'Carer unwell',
        closedAt: daysAfter(8.2),
      }),
    ];
    for (const answer of answers) {
      expect(vacancyAfter([...reminded, answer]).confirmationRequested).toBeUndefined();
    }
  });

  it('after a confirmation, the vacancy is asked about again only once stale again', () => {
    const confirmedAt = daysAfter(8.2);
    const history: SettingEvent[] = [
      ...approved,
      vacancyOpened(),
      requested(daysAfter(8)),
      event('VacancyConfirmed', { vacancyId: ids.vacancy, confirmedAt }),
    ];
    given(history)
      .when(remind(daysAfter(9)))
      .thenNothing();
    given(history)
      .when(remind(daysAfter(16)))
      .then([requested(daysAfter(16), daysAfter(DEFAULT_STALE_AFTER_DAYS, confirmedAt))]);
  });

  it('the provider confirming a reminded vacancy still records the confirmation', () => {
    given([...approved, vacancyOpened(), requested(daysAfter(8))])
      .when(command<ConfirmVacancy>('ConfirmVacancy', { vacancyId: ids.vacancy }, { at: daysAfter(8.2) }))
      .then([event('VacancyConfirmed', { vacancyId: ids.vacancy, confirmedAt: daysAfter(8.2) })]);
    given([...approved, vacancyOpened(), requested(daysAfter(8))])
      .when(
        command<ChangeVacancy>(
          'ChangeVacancy',
          { vacancyId: ids.vacancy, places: 2 },
          { at: daysAfter(8.2) },
        ),
      )
      .then([
        event('VacancyChanged', {
          vacancyId: ids.vacancy,
          places: 2,
          availableFrom: '2025-03-17',
          changedAt: daysAfter(8.2),
        }),
      ]);
  });

  it('staleSince is the last confirmation plus the stale period', () => {
    expect(staleSince({ lastConfirmedAt: AT })).toBe(STALE_SINCE);
    expect(staleSince({ lastConfirmedAt: AT }, 3)).toBe(daysAfter(3));
  });
});
