import { fold } from '@placematch/kernel';
import { deciderSpec } from '@placematch/kernel/testing';
import {
  ChangeVacancy,
  CloseVacancy,
  ConfirmVacancy,
  FillVacancy,
  IDEMPOTENCY_KEYS_KEPT,
  OpenVacancy,
  PlaceReleased,
  PlacementId,
  ReleasePlace,
  SettingClosed,
  SettingEvent,
  VacancyClosed,
  VacancyConfirmed,
  VacancyFilled,
  VacancyId,
  filledPlaces,
  isStale,
  openPlaces,
  settingDecider,
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

type Options = { at?: string; idempotencyKey?: string };
const open = (data: Partial<OpenVacancy['data']> = {}, options: Options = {}) =>
  command<OpenVacancy>(
    'OpenVacancy',
    { vacancyId: ids.vacancy, places: 1, availableFrom: '2025-03-17', ...data },
    options,
  );
const change = (data: Omit<ChangeVacancy['data'], 'vacancyId'>, options: Options = {}) =>
  command<ChangeVacancy>('ChangeVacancy', { vacancyId: ids.vacancy, ...data }, options);
const close = (reason = 'Carer unwell', options: Options = {}) =>
  command<CloseVacancy>('CloseVacancy', { vacancyId: ids.vacancy, reason }, options);
const fill = (
  placementId: PlacementId = ids.placement,
  vacancyId: VacancyId = ids.vacancy,
  options: Options = {},
) => command<FillVacancy>('FillVacancy', { vacancyId, placementId }, options);
const release = (placementId: PlacementId = ids.placement, options: Options = {}) =>
  command<ReleasePlace>('ReleasePlace', { placementId }, options);
const confirm = (options: Options = {}) =>
  command<ConfirmVacancy>('ConfirmVacancy', { vacancyId: ids.vacancy }, options);

const filled = (placementId: PlacementId, placesLeft: number, vacancyId: VacancyId = ids.vacancy) =>
  event<VacancyFilled>('VacancyFilled', { vacancyId, placementId, placesLeft, filledAt: AT });
const closed = (cause: VacancyClosed['data']['cause'], reason?: string) =>
  event<VacancyClosed>('VacancyClosed', {
    vacancyId: ids.vacancy,
    cause,
    ...(reason && { reason }),
    closedAt: AT,
  });
const released = (placementId: PlacementId = ids.placement) =>
  event<PlaceReleased>('PlaceReleased', { placementId, vacancyId: ids.vacancy, releasedAt: AT });

const approved = (maxChildren = 2) => [
  settingRegistered(),
  approvalTermsSet({ maxChildren, maxFromOneSiblingGroup: maxChildren }),
];

describe('Setting vacancies: opening', () => {
  it('opens a vacancy within the approval terms', () => {
    given(approved(2))
      .when(open({ places: 2 }))
      .then([vacancyOpened({ places: 2 })]);
  });

  it('refuses a vacancy before approval terms exist', () => {
    given([settingRegistered()]).when(open()).thenThrows('SETTING.NOT_APPROVED');
  });

  it('refuses a vacancy on a setting that is not registered', () => {
    given([]).when(open()).thenThrows('SETTING.NOT_REGISTERED');
  });

  it('refuses more places than the approval allows', () => {
    given(approved(2))
      .when(open({ places: 3 }))
      .thenThrows('VACANCY.OVER_APPROVAL');
  });

  it('counts places already open and filled against the approval', () => {
    const history = [...approved(3), vacancyOpened({ places: 2 }), filled(ids.placement, 1)];
    given(history)
      .when(open({ vacancyId: ids.otherVacancy, places: 2 }))
      .thenThrows('VACANCY.OVER_APPROVAL');
    given(history)
      .when(open({ vacancyId: ids.otherVacancy, places: 1 }))
      .then([vacancyOpened({ vacancyId: ids.otherVacancy, places: 1 })]);
  });

  it('refuses zero places and an impossible date', () => {
    given(approved())
      .when(open({ places: 0 }))
      .thenThrows('VACANCY.INVALID_PLACES');
    given(approved())
      .when(open({ availableFrom: '2025-13-01' }))
      .thenThrows('VACANCY.INVALID_DATE');
  });

  it('does nothing when the same vacancy is opened again', () => {
    given([...approved(), vacancyOpened()])
      .when(open())
      .thenNothing();
  });

  it('refuses another vacancy under the same id', () => {
    given([...approved(), vacancyOpened()])
      .when(open({ availableFrom: '2025-04-01' }))
      .thenThrows('VACANCY.ALREADY_EXISTS');
  });

  it('refuses a vacancy on a closed setting', () => {
    const closedSetting = event<SettingClosed>('SettingClosed', {
      reason: 'Carers retired',
      closedAt: AT,
      currentPlacementIds: [],
    });
    given([...approved(), closedSetting])
      .when(open())
      .thenThrows('SETTING.CLOSED');
  });
});

describe('Setting vacancies: changing, closing, confirming', () => {
  it('changes the places and the date', () => {
    given([...approved(2), vacancyOpened()])
      .when(change({ places: 2, availableFrom: '2025-03-20' }))
      .then([
        event('VacancyChanged', {
          vacancyId: ids.vacancy,
          places: 2,
          availableFrom: '2025-03-20',
          changedAt: AT,
        }),
      ]);
  });

  it('keeps what it is not told to change', () => {
    given([...approved(2), vacancyOpened()])
      .when(change({ availableFrom: '2025-03-20' }))
      .then([
        event('VacancyChanged', {
          vacancyId: ids.vacancy,
          places: 1,
          availableFrom: '2025-03-20',
          changedAt: AT,
        }),
      ]);
  });

  it('refuses a change above the approval', () => {
    given([...approved(2), vacancyOpened(), filled(ids.otherPlacement, 0, ids.otherVacancy)])
      .when(change({ places: 2 }))
      .thenThrows('VACANCY.OVER_APPROVAL');
  });

  it('does nothing when nothing would change, and refuses a change that names nothing', () => {
    given([...approved(), vacancyOpened()])
      .when(change({ places: 1 }))
      .thenNothing();
    given([...approved(), vacancyOpened()])
      .when(change({}))
      .thenThrows('VACANCY.NOTHING_TO_CHANGE');
  });

  it('refuses to change an unknown or closed vacancy', () => {
    given(approved())
      .when(change({ places: 1 }))
      .thenThrows('VACANCY.NOT_FOUND');
    given([...approved(), vacancyOpened(), closed('withdrawn', 'Carer unwell')])
      .when(change({ places: 1 }))
      .thenThrows('VACANCY.CLOSED');
  });

  it('closes a vacancy with a reason', () => {
    given([...approved(), vacancyOpened()])
      .when(close())
      .then([closed('withdrawn', 'Carer unwell')]);
  });

  it('does nothing when a closed vacancy is closed again', () => {
    given([...approved(), vacancyOpened(), closed('withdrawn', 'Carer unwell')])
      .when(close())
      .thenNothing();
  });

  it('refuses a close without a reason', () => {
    given([...approved(), vacancyOpened()])
      .when(close(''))
      .thenThrows('VACANCY.REASON_REQUIRED');
  });

  it('confirms a vacancy is still current, recording when', () => {
    const at = daysAfter(3);
    given([...approved(), vacancyOpened()])
      .when(confirm({ at }))
      .then([event('VacancyConfirmed', { vacancyId: ids.vacancy, confirmedAt: at })]);
  });

  it('refuses to confirm a closed vacancy', () => {
    given([...approved(), vacancyOpened(), closed('withdrawn', 'Carer unwell')])
      .when(confirm())
      .thenThrows('VACANCY.CLOSED');
  });
});

describe('Setting vacancies: filling and releasing places', () => {
  it('takes one place for a placement and keeps the vacancy open while places are left', () => {
    given([...approved(2), vacancyOpened({ places: 2 })])
      .when(fill())
      .then([filled(ids.placement, 1)]);
  });

  it('closes the vacancy when its last place is filled', () => {
    given([...approved(2), vacancyOpened({ places: 1 })])
      .when(fill())
      .then([filled(ids.placement, 0), closed('filled')]);
  });

  it('does nothing when the same placement fills again', () => {
    given([...approved(2), vacancyOpened({ places: 2 }), filled(ids.placement, 1)])
      .when(fill())
      .thenNothing();
  });

  it('refuses to fill a closed or unknown vacancy', () => {
    given([...approved(), vacancyOpened(), filled(ids.placement, 0), closed('filled')])
      .when(fill(ids.otherPlacement))
      .thenThrows('VACANCY.CLOSED');
    given(approved()).when(fill()).thenThrows('VACANCY.NOT_FOUND');
  });

  it('refuses to place again a placement that already ended here', () => {
    given([...approved(2), vacancyOpened({ places: 2 }), filled(ids.placement, 1), released()])
      .when(fill())
      .thenThrows('SETTING.PLACEMENT_ENDED');
  });

  it('releases the place of a placement that ended', () => {
    given([...approved(), vacancyOpened(), filled(ids.placement, 0), closed('filled')])
      .when(release())
      .then([released()]);
  });

  it('does nothing when the same placement is released again', () => {
    given([...approved(), vacancyOpened(), filled(ids.placement, 0), closed('filled'), released()])
      .when(release())
      .thenNothing();
  });

  it('refuses to release a placement that is not here', () => {
    given(approved()).when(release()).thenThrows('SETTING.PLACEMENT_NOT_FOUND');
  });

  it('releases a place after the setting closed', () => {
    const closedSetting = event<SettingClosed>('SettingClosed', {
      reason: 'Carers retired',
      closedAt: AT,
      currentPlacementIds: [ids.placement],
    });
    given([...approved(), vacancyOpened(), filled(ids.placement, 0), closed('filled'), closedSetting])
      .when(release())
      .then([released()]);
  });

  it('frees the released place for a new vacancy', () => {
    const history = [...approved(1), vacancyOpened(), filled(ids.placement, 0), closed('filled')];
    given(history)
      .when(open({ vacancyId: ids.otherVacancy }))
      .thenThrows('VACANCY.OVER_APPROVAL');
    given([...history, released()])
      .when(open({ vacancyId: ids.otherVacancy }))
      .then([vacancyOpened({ vacancyId: ids.otherVacancy })]);
  });

  it('counts open and filled places', () => {
    const state = fold(settingDecider, [
      ...approved(3),
      vacancyOpened({ places: 2 }),
      filled(ids.placement, 1),
      vacancyOpened({ vacancyId: ids.otherVacancy, places: 1 }),
    ]);
    if (state.status !== 'Approved') throw new Error('expected an approved setting');
    expect(openPlaces(state)).toBe(2);
    expect(filledPlaces(state)).toBe(1);
  });
});

describe('Setting vacancies: idempotency keys', () => {
  it('does nothing for a repeated key, even when the command would now do something else', () => {
    const keyed = vacancyOpened({ places: 1, idempotencyKey: 'key-1' });
    given([...approved(2), keyed])
      .when(open({ places: 1 }, { idempotencyKey: 'key-1' }))
      .thenNothing();
    given([...approved(2), keyed])
      .when(open({ vacancyId: ids.otherVacancy, places: 1 }, { idempotencyKey: 'key-1' }))
      .thenNothing();
  });

  it('puts the key on the first event so the setting remembers it', () => {
    given([...approved(2), vacancyOpened()])
      .when(fill(ids.placement, ids.vacancy, { idempotencyKey: 'key-2' }))
      .then([
        event('VacancyFilled', { ...filled(ids.placement, 0).data, idempotencyKey: 'key-2' }),
        closed('filled'),
      ]);
  });

  it('acts on a new key', () => {
    given([...approved(2), vacancyOpened({ idempotencyKey: 'key-1' })])
      .when(confirm({ idempotencyKey: 'key-2' }))
      .then([
        event('VacancyConfirmed', { vacancyId: ids.vacancy, confirmedAt: AT, idempotencyKey: 'key-2' }),
      ]);
  });

  it(`remembers the last ${IDEMPOTENCY_KEYS_KEPT} keys and forgets older ones`, () => {
    const confirmations = Array.from({ length: IDEMPOTENCY_KEYS_KEPT }, (_, n) =>
      event<VacancyConfirmed>('VacancyConfirmed', {
        vacancyId: ids.vacancy,
        confirmedAt: AT,
        idempotencyKey: `confirm-${n}`,
      }),
    );
    const history = [...approved(2), vacancyOpened({ idempotencyKey: 'oldest' }), ...confirmations];
    given(history)
      .when(confirm({ idempotencyKey: `confirm-${IDEMPOTENCY_KEYS_KEPT - 1}` }))
      .thenNothing();
    given(history)
      .when(confirm({ idempotencyKey: 'confirm-0' }))
      .thenNothing();
    given(history)
      .when(confirm({ idempotencyKey: 'oldest' }))
      .then([
        event('VacancyConfirmed', { vacancyId: ids.vacancy, confirmedAt: AT, idempotencyKey: 'oldest' }),
      ]);
  });

  it('refuses an empty key', () => {
    given([...approved(), vacancyOpened()])
      .when(confirm({ idempotencyKey: '' }))
      .thenThrows('IDEMPOTENCY.INVALID_KEY');
  });
});

describe('isStale', () => {
  const opened = { status: 'open', lastConfirmedAt: AT } as const;

  it('is false within 7 days of the last confirmation and true from 7 days', () => {
    expect(isStale(opened, daysAfter(6.9))).toBe(false);
    expect(isStale(opened, daysAfter(7))).toBe(true);
  });

  it('takes the number of days as a parameter', () => {
    expect(isStale(opened, daysAfter(3), 3)).toBe(true);
    expect(isStale(opened, daysAfter(3), 14)).toBe(false);
  });

  it('is never true for a closed vacancy', () => {
    expect(isStale({ status: 'closed', lastConfirmedAt: AT }, daysAfter(30))).toBe(false);
  });

  it('counts from the last opening, change or confirmation the setting recorded', () => {
    const vacancyAfter = (...events: SettingEvent[]) => {
      const state = fold(settingDecider, [...approved(2), vacancyOpened(), ...events]);
      if (state.status !== 'Approved') throw new Error('expected an approved setting');
      return state.vacancies[ids.vacancy];
    };
    expect(isStale(vacancyAfter(), daysAfter(8))).toBe(true);
    const confirmed = vacancyAfter(
      event('VacancyConfirmed', { vacancyId: ids.vacancy, confirmedAt: daysAfter(5) }),
    );
    expect(isStale(confirmed, daysAfter(8))).toBe(false);
    expect(isStale(confirmed, daysAfter(12))).toBe(true);
    const changed = vacancyAfter(
      event('VacancyChanged', {
        vacancyId: ids.vacancy,
        places: 2,
        availableFrom: '2025-03-17',
        changedAt: daysAfter(5),
      }),
    );
    expect(isStale(changed, daysAfter(8))).toBe(false);
  });
});
