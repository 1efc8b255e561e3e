import {
  ConflictError,
  Decider,
  IllegalStateError,
  NotFoundError,
  ValidationError,
  assertNever,
  streamName,
} from '@placematch/kernel';
import { PLACEMENT_TYPES, PLACEMENT_TYPE_CODES } from '../codes/placement-types';
import { londonDate } from '../shared/dates';
import type { PlacementId, SettingId, VacancyId } from '../shared/ids';
import { isChildrensServicesAuthority, isOfstedUrn } from '../shared/identifiers';
import {
  isOneOf,
  requireCodes,
  requireDate,
  requireInteger,
  requireText,
  sameValue,
} from '../shared/validation';
import { ApprovalTerms, validateApprovalTerms } from './approval-terms';
import { validateHouseholdProfile } from './household-profile';
import { validateLocation } from './location';
import type {
  ProviderLookup,
  RegisterSetting,
  SettingCommand,
  SkillTier,
  VacancyCommand,
} from './setting.commands';
import type {
  HouseholdProfileUpdated,
  SettingEvent,
  SettingRegistered,
  SkillLevelRecorded,
  WeeklyCostSet,
} from './setting.events';
import { isStale, staleSince, Vacancy } from './vacancy';

/** The stream of one setting: `setting-<id>`. */
export const settingStream = (id: SettingId): string => streamName('setting', id);

/** How many idempotency keys a setting remembers: enough for a client's retries, bounded so the state stays small. */
export const IDEMPOTENCY_KEYS_KEPT = 100;

/** What every registered setting holds, whatever its status. */
export interface SettingRecord {
  details: SettingRegistered['data'];
  household?: HouseholdProfileUpdated['data'];
  /** M-38: commissioning and training only; never read by matching. */
  skillLevel?: SkillLevelRecorded['data'];
  weeklyCost?: WeeklyCostSet['data'];
  /** The last {@link IDEMPOTENCY_KEYS_KEPT} keys of vacancy commands that produced events, oldest first. */
  recentIdempotencyKeys: readonly string[];
}

/** Vacancies and the placements filling them. */
export interface Occupancy {
  vacancies: Readonly<Record<string, Vacancy>>;
  /** Each placement here now, with the vacancy whose place it took. */
  currentPlacements: Readonly<Record<string, VacancyId>>;
  /** Placements that were here and ended, so a repeated release is recognised. */
  endedPlacements: readonly PlacementId[];
}

/**
 * A setting's state. Vacancies exist only once approval terms do (`Approved`); a `Closed` setting keeps its
 * occupancy so placements still there can end.
 */
export type Setting =
  | { status: 'Unregistered' }
  | ({ status: 'Registered' } & SettingRecord)
  | ({ status: 'Approved'; terms: ApprovalTerms } & SettingRecord & Occupancy)
  | ({
      status: 'Closed';
      terms?: ApprovalTerms;
      closure: { reason: string; closedAt: string };
    } & SettingRecord &
      Occupancy);

type Registered = Exclude<Setting, { status: 'Unregistered' }>;
type Approved = Extract<Setting, { status: 'Approved' }>;
type Occupied = Extract<Setting, { status: 'Approved' | 'Closed' }>;

/** The state of a setting with no events. */
export const initialSettingState = (): Setting => ({ status: 'Unregistered' });

/** Places open in the setting's open vacancies. */
export const openPlaces = (occupancy: Occupancy): number =>
  Object.values(occupancy.vacancies).reduce((sum, v) => (v.status === 'open' ? sum + v.places : sum), 0);

/** Places taken by placements here now. */
export const filledPlaces = (occupancy: Occupancy): number => Object.keys(occupancy.currentPlacements).length;

const registered = (state: Setting): Registered => {
  if (state.status === 'Unregistered') throw new NotFoundError('SETTING.NOT_REGISTERED');
  return state;
};

const notClosed = (state: Setting): Exclude<Registered, { status: 'Closed' }> => {
  const setting = registered(state);
  if (setting.status === 'Closed') throw new IllegalStateError('SETTING.CLOSED');
  return setting;
};

const occupied = (state: Setting): Occupied => {
  const setting = registered(state);
  if (setting.status === 'Registered') throw new IllegalStateError('SETTING.NOT_APPROVED');
  return setting;
};

const approved = (state: Setting): Approved => {
  const setting = occupied(state);
  if (setting.status === 'Closed') throw new IllegalStateError('SETTING.CLOSED');
  return setting;
};

const openVacancy = (setting: Occupied, vacancyId: VacancyId): Vacancy => {
  const vacancy = setting.vacancies[vacancyId];
  if (!vacancy) throw new NotFoundError('VACANCY.NOT_FOUND', undefined, { vacancyId });
  if (vacancy.status === 'closed') throw new IllegalStateError('VACANCY.CLOSED', undefined, { vacancyId });
  return vacancy;
};

const withinApproval = (setting: Approved, open: number): void => {
  const filled = filledPlaces(setting);
  if (open + filled > setting.terms.maxChildren) {
    throw new ValidationError('VACANCY.OVER_APPROVAL', 'Open and filled places would exceed the approval', {
      maxChildren: setting.terms.maxChildren,
      openPlaces: open,
      filledPlaces: filled,
    });
  }
};

const requirePlaces = (value: unknown) =>
  requireInteger(value, 1, Number.MAX_SAFE_INTEGER, 'VACANCY.INVALID_PLACES', 'places');

const PROVIDER_LOOKUPS: readonly ProviderLookup[] = [
  'active',
  'admissions-suspended',
  'deregistered',
  'not-found',
];

const registration = ({ data }: RegisterSetting): SettingRegistered['data'] => {
  const name = requireText(data.name, 'SETTING.NAME_REQUIRED', 'name');
  const placementTypes = requireCodes(
    data.placementTypes,
    PLACEMENT_TYPE_CODES,
    'SETTING.UNKNOWN_PLACEMENT_TYPE',
    'SETTING.DUPLICATE_PLACEMENT_TYPE',
    'placementTypes',
  );
  if (placementTypes.length === 0) throw new ValidationError('SETTING.NO_PLACEMENT_TYPES');
  const notOffered = placementTypes.filter((code) => !PLACEMENT_TYPES[code].offeredBySettings);
  if (notOffered.length > 0) {
    throw new ValidationError(
      'SETTING.PLACEMENT_TYPE_NOT_OFFERED',
      'These codes record episodes, not homes',
      {
        placementTypes: notOffered,
      },
    );
  }
  const location = validateLocation(data.location);
  if (!isChildrensServicesAuthority(data.hostLocalAuthority)) {
    throw new ValidationError('SETTING.INVALID_LOCAL_AUTHORITY', undefined, {
      hostLocalAuthority: data.hostLocalAuthority,
    });
  }
  if (data.ofstedUrn !== undefined && !isOfstedUrn(data.ofstedUrn)) {
    throw new ValidationError('SETTING.INVALID_URN', undefined, { ofstedUrn: data.ofstedUrn });
  }
  return {
    settingId: data.settingId,
    providerId: data.providerId,
    name,
    placementTypes,
    location,
    hostLocalAuthority: data.hostLocalAuthority,
    ...(data.ofstedUrn !== undefined && { ofstedUrn: data.ofstedUrn }),
  };
};

const decideVacancy = (command: VacancyCommand, state: Setting): SettingEvent[] => {
  const { at } = command;
  switch (command.type) {
    case 'OpenVacancy': {
      const setting = approved(state);
      const { vacancyId } = command.data;
      const places = requirePlaces(command.data.places);
      const availableFrom = requireDate(command.data.availableFrom, 'VACANCY.INVALID_DATE', 'availableFrom');
      const existing = setting.vacancies[vacancyId];
      if (existing) {
        if (
          existing.status === 'open' &&
          existing.places === places &&
          existing.availableFrom === availableFrom
        ) {
          return [];
        }
        throw new ConflictError('VACANCY.ALREADY_EXISTS', 'Another vacancy has this id', { vacancyId });
      }
      withinApproval(setting, openPlaces(setting) + places);
      return [
        { type: 'VacancyOpened', schemaVersion: 1, data: { vacancyId, places, availableFrom, openedAt: at } },
      ];
    }
    case 'ChangeVacancy': {
      const setting = approved(state);
      const vacancy = openVacancy(setting, command.data.vacancyId);
      if (command.data.places === undefined && command.data.availableFrom === undefined) {
        throw new ValidationError('VACANCY.NOTHING_TO_CHANGE', 'Give places, availableFrom or both');
      }
      const places = command.data.places === undefined ? vacancy.places : requirePlaces(command.data.places);
      const availableFrom =
        command.data.availableFrom === undefined
          ? vacancy.availableFrom
          : requireDate(command.data.availableFrom, 'VACANCY.INVALID_DATE', 'availableFrom');
      if (places === vacancy.places && availableFrom === vacancy.availableFrom) return [];
      withinApproval(setting, openPlaces(setting) - vacancy.places + places);
      return [
        {
          type: 'VacancyChanged',
          schemaVersion: 1,
          data: { vacancyId: vacancy.vacancyId, places, availableFrom, changedAt: at },
        },
      ];
    }
    case 'CloseVacancy': {
      const setting = approved(state);
      const vacancy = setting.vacancies[command.data.vacancyId];
      if (!vacancy) {
        throw new NotFoundError('VACANCY.NOT_FOUND', undefined, { vacancyId: command.data.vacancyId });
      }
      if (vacancy.status === 'closed') return [];
      const reason = requireText(command.data.reason, 'VACANCY.REASON_REQUIRED', 'reason');
      return [
        {
          type: 'VacancyClosed',
          schemaVersion: 1,
          data: { vacancyId: vacancy.vacancyId, cause: 'withdrawn', reason, closedAt: at },
        },
      ];
    }
    case 'FillVacancy': {
      const setting = occupied(state);
      const { placementId } = command.data;
      if (setting.currentPlacements[placementId] !== undefined) return [];
      if (setting.status === 'Closed') throw new IllegalStateError('SETTING.CLOSED');
      if (setting.endedPlacements.includes(placementId)) {
        throw new IllegalStateError('SETTING.PLACEMENT_ENDED', 'This placement already ended here', {
          placementId,
        });
      }
      const vacancy = openVacancy(setting, command.data.vacancyId);
      const placesLeft = vacancy.places - 1;
      const { vacancyId } = vacancy;
      const filled: SettingEvent = {
        type: 'VacancyFilled',
        schemaVersion: 1,
        data: { vacancyId, placementId, placesLeft, filledAt: at },
      };
      if (placesLeft > 0) return [filled];
      return [
        filled,
        { type: 'VacancyClosed', schemaVersion: 1, data: { vacancyId, cause: 'filled', closedAt: at } },
      ];
    }
    case 'ReleasePlace': {
      const setting = occupied(state);
      const { placementId } = command.data;
      if (setting.endedPlacements.includes(placementId)) return [];
      const vacancyId = setting.currentPlacements[placementId];
      if (vacancyId === undefined)
        throw new NotFoundError('SETTING.PLACEMENT_NOT_FOUND', undefined, { placementId });
      return [{ type: 'PlaceReleased', schemaVersion: 1, data: { placementId, vacancyId, releasedAt: at } }];
    }
    case 'ConfirmVacancy': {
      const vacancy = openVacancy(approved(state), command.data.vacancyId);
      return [
        {
          type: 'VacancyConfirmed',
          schemaVersion: 1,
          data: { vacancyId: vacancy.vacancyId, confirmedAt: at },
        },
      ];
    }
    default:
      return assertNever(command);
  }
};

const isVacancyCommand = (command: SettingCommand): command is VacancyCommand =>
  command.type === 'OpenVacancy' ||
  command.type === 'ChangeVacancy' ||
  command.type === 'CloseVacancy' ||
  command.type === 'FillVacancy' ||
  command.type === 'ReleasePlace' ||
  command.type === 'ConfirmVacancy';

/** What a command does to a setting: see each command's TSDoc for its rules. */
export const decideSetting = (command: SettingCommand, state: Setting): SettingEvent[] => {
  const { at } = command;
  if (isVacancyCommand(command)) {
    const key = command.idempotencyKey;
    if (key === undefined) return decideVacancy(command, state);
    if (typeof key !== 'string' || key.length === 0 || key.length > 200) {
      throw new ValidationError('IDEMPOTENCY.INVALID_KEY', 'An idempotency key is 1 to 200 characters');
    }
    if (state.status !== 'Unregistered' && state.recentIdempotencyKeys.includes(key)) return [];
    const events = decideVacancy(command, state);
    // The key rides on the first event so that evolve, which sees only events, can remember it.
    return events.map((e, i) =>
      i === 0 ? ({ ...e, data: { ...e.data, idempotencyKey: key } } as SettingEvent) : e,
    );
  }
  switch (command.type) {
    case 'RegisterSetting': {
      const details = registration(command);
      if (state.status !== 'Unregistered') {
        if (sameValue(state.details, details)) return [];
        throw new ConflictError(
          'SETTING.ALREADY_REGISTERED',
          'This setting is registered with other details',
        );
      }
      const providerStatus = command.data.providerStatus;
      if (!isOneOf(PROVIDER_LOOKUPS, providerStatus)) {
        throw new ValidationError('SETTING.INVALID_PROVIDER_LOOKUP', undefined, { providerStatus });
      }
      if (providerStatus === 'not-found') {
        throw new NotFoundError('PROVIDER.NOT_FOUND', undefined, { providerId: details.providerId });
      }
      if (providerStatus === 'deregistered') throw new IllegalStateError('PROVIDER.DEREGISTERED');
      // A provider whose admissions are suspended may still add settings: matching hides them until restored (M-48).
      return [{ type: 'SettingRegistered', schemaVersion: 1, data: details }];
    }
    case 'SetApprovalTerms': {
      const setting = notClosed(state);
      const terms = validateApprovalTerms(command.data);
      if (setting.status === 'Approved') {
        if (sameValue(setting.terms, terms)) return [];
        const open = openPlaces(setting);
        const filled = filledPlaces(setting);
        if (terms.maxChildren < open + filled) {
          throw new IllegalStateError(
            'APPROVAL.BELOW_COMMITTED_PLACES',
            'Close or reduce vacancies (or end placements) before lowering the approval below them',
            { maxChildren: terms.maxChildren, openPlaces: open, filledPlaces: filled },
          );
        }
      }
      return [{ type: 'ApprovalTermsSet', schemaVersion: 1, data: terms }];
    }
    case 'UpdateHouseholdProfile': {
      const setting = notClosed(state);
      const profile = validateHouseholdProfile(command.data);
      if (setting.household) {
        const { asOf: _asOf, ...current } = setting.household;
        if (sameValue(current, profile)) return [];
      }
      return [
        { type: 'HouseholdProfileUpdated', schemaVersion: 1, data: { ...profile, asOf: londonDate(at) } },
      ];
    }
    case 'RecordSkillLevel': {
      // M-38: the tier is recorded for commissioning and training; nothing in matching may read it.
      const setting = notClosed(state);
      const { tier } = command.data;
      if (!([1, 2, 3] as unknown[]).includes(tier))
        throw new ValidationError('SKILL.INVALID_TIER', undefined, { tier });
      const assessedOn = requireDate(command.data.assessedOn, 'SKILL.INVALID_DATE', 'assessedOn');
      if (assessedOn > londonDate(at))
        throw new ValidationError('SKILL.ASSESSED_IN_FUTURE', undefined, { assessedOn });
      const data = { tier: tier as SkillTier, assessedOn };
      if (sameValue(setting.skillLevel, data)) return [];
      return [{ type: 'SkillLevelRecorded', schemaVersion: 1, data }];
    }
    case 'SetWeeklyCost': {
      const setting = notClosed(state);
      const data = {
        amountPence: requireInteger(
          command.data.amountPence,
          0,
          Number.MAX_SAFE_INTEGER,
          'COST.INVALID_AMOUNT',
          'amountPence',
        ),
        effectiveFrom: requireDate(command.data.effectiveFrom, 'COST.INVALID_DATE', 'effectiveFrom'),
      };
      if (sameValue(setting.weeklyCost, data)) return [];
      return [{ type: 'WeeklyCostSet', schemaVersion: 1, data }];
    }
    case 'RequestVacancyConfirmation': {
      // The stale-vacancy reminder job's command: it carries no idempotency key, the once-a-day rule is its guard.
      const setting = occupied(state);
      const vacancy = setting.vacancies[command.data.vacancyId];
      if (!vacancy) {
        throw new NotFoundError('VACANCY.NOT_FOUND', undefined, { vacancyId: command.data.vacancyId });
      }
      // Closed, or confirmed lately (perhaps since the job listed it): nothing to ask.
      if (!isStale(vacancy, at)) return [];
      const asked = vacancy.confirmationRequested;
      if (asked && londonDate(at) <= londonDate(asked.lastRequestedAt)) return [];
      return [
        {
          type: 'VacancyConfirmationRequested',
          schemaVersion: 1,
          data: { vacancyId: vacancy.vacancyId, staleSince: staleSince(vacancy), requestedAt: at },
        },
      ];
    }
    case 'CloseSetting': {
      const setting = registered(state);
      if (setting.status === 'Closed') return [];
      const reason = requireText(command.data.reason, 'SETTING.REASON_REQUIRED', 'reason');
      const occupancy = setting.status === 'Approved' ? setting : undefined;
      const closures: SettingEvent[] = Object.values(occupancy?.vacancies ?? {})
        .filter((v) => v.status === 'open')
        .map((v) => ({
          type: 'VacancyClosed',
          schemaVersion: 1,
          data: { vacancyId: v.vacancyId, cause: 'setting-closed', closedAt: at },
        }));
      const currentPlacementIds = Object.keys(occupancy?.currentPlacements ?? {}) as PlacementId[];
      return [
        ...closures,
        { type: 'SettingClosed', schemaVersion: 1, data: { reason, closedAt: at, currentPlacementIds } },
      ];
    }
    default:
      return assertNever(command);
  }
};

const record = (state: Registered): SettingRecord => ({
  details: state.details,
  recentIdempotencyKeys: state.recentIdempotencyKeys,
  ...(state.household && { household: state.household }),
  ...(state.skillLevel && { skillLevel: state.skillLevel }),
  ...(state.weeklyCost && { weeklyCost: state.weeklyCost }),
});

const emptyOccupancy = (): Occupancy => ({ vacancies: {}, currentPlacements: {}, endedPlacements: [] });

const updateVacancy = (state: Occupied, vacancyId: VacancyId, change: Partial<Vacancy>): Setting => {
  const vacancy = state.vacancies[vacancyId];
  return vacancy
    ? { ...state, vacancies: { ...state.vacancies, [vacancyId]: { ...vacancy, ...change } } }
    : state;
};

/** Like {@link updateVacancy}, and the provider has answered: any request to confirm it is no longer outstanding. */
const answerVacancy = (state: Occupied, vacancyId: VacancyId, change: Partial<Vacancy>): Setting => {
  const vacancy = state.vacancies[vacancyId];
  if (!vacancy) return state;
  const { confirmationRequested: _answered, ...rest } = vacancy;
  return { ...state, vacancies: { ...state.vacancies, [vacancyId]: { ...rest, ...change } } };
};

const apply = (state: Registered, event: SettingEvent): Setting => {
  switch (event.type) {
    case 'SettingRegistered':
      return { ...state, details: event.data };
    case 'ApprovalTermsSet':
      return state.status === 'Registered'
        ? { status: 'Approved', ...record(state), terms: event.data, ...emptyOccupancy() }
        : { ...state, terms: event.data };
    case 'HouseholdProfileUpdated':
      return { ...state, household: event.data };
    case 'SkillLevelRecorded':
      return { ...state, skillLevel: event.data };
    case 'WeeklyCostSet':
      return { ...state, weeklyCost: event.data };
    case 'SettingClosed': {
      const occupancy = state.status === 'Registered' ? emptyOccupancy() : state;
      const { vacancies, currentPlacements, endedPlacements } = occupancy;
      const terms = state.status === 'Registered' ? undefined : state.terms;
      return {
        status: 'Closed',
        ...record(state),
        ...(terms && { terms }),
        vacancies,
        currentPlacements,
        endedPlacements,
        closure: { reason: event.data.reason, closedAt: event.data.closedAt },
      };
    }
    default:
      break;
  }
  // Vacancy events exist only once there are approval terms.
  if (state.status === 'Registered') return state;
  switch (event.type) {
    case 'VacancyOpened': {
      const { vacancyId, places, availableFrom, openedAt } = event.data;
      const vacancy: Vacancy = {
        vacancyId,
        places,
        availableFrom,
        status: 'open',
        openedAt,
        lastConfirmedAt: openedAt,
      };
      return { ...state, vacancies: { ...state.vacancies, [vacancyId]: vacancy } };
    }
    case 'VacancyChanged': {
      const { vacancyId, places, availableFrom, changedAt } = event.data;
      return answerVacancy(state, vacancyId, { places, availableFrom, lastConfirmedAt: changedAt });
    }
    case 'VacancyClosed':
      return answerVacancy(state, event.data.vacancyId, { status: 'closed' });
    case 'VacancyConfirmed':
      return answerVacancy(state, event.data.vacancyId, { lastConfirmedAt: event.data.confirmedAt });
    case 'VacancyConfirmationRequested': {
      const { vacancyId, staleSince: since, requestedAt } = event.data;
      const vacancy = state.vacancies[vacancyId];
      if (!vacancy || vacancy.status === 'closed') return state;
      const asked = vacancy.confirmationRequested;
      return updateVacancy(state, vacancyId, {
        confirmationRequested: {
          staleSince: since,
          firstRequestedAt: asked?.firstRequestedAt ?? requestedAt,
          lastRequestedAt: requestedAt,
          reminders: (asked?.reminders ?? 0) + 1,
        },
      });
    }
    case 'VacancyFilled': {
      const { vacancyId, placementId, placesLeft } = event.data;
      const next = { ...state, currentPlacements: { ...state.currentPlacements, [placementId]: vacancyId } };
      return updateVacancy(next, vacancyId, { places: placesLeft });
    }
    case 'PlaceReleased': {
      const { [event.data.placementId]: _released, ...currentPlacements } = state.currentPlacements;
      return {
        ...state,
        currentPlacements,
        endedPlacements: [...state.endedPlacements, event.data.placementId],
      };
    }
    default:
      return assertNever(event);
  }
};

const remember = (state: Setting, key: string | undefined): Setting =>
  key === undefined || state.status === 'Unregistered'
    ? state
    : {
        ...state,
        recentIdempotencyKeys: [...state.recentIdempotencyKeys, key].slice(-IDEMPOTENCY_KEYS_KEPT),
      };

/** Folds one setting event into the state. Never throws: an event that does not apply leaves the state as it is. */
export const evolveSetting = (state: Setting, event: SettingEvent): Setting => {
  if (state.status === 'Unregistered') {
    return event.type === 'SettingRegistered'
      ? { status: 'Registered', details: event.data, recentIdempotencyKeys: [] }
      : state;
  }
  const key = 'idempotencyKey' in event.data ? event.data.idempotencyKey : undefined;
  return remember(apply(state, event), key);
};

/**
 * The setting aggregate (`setting-<id>`): a carer household or a home, its approval terms, household profile,
 * skill tier (M-38: not for matching), weekly cost and vacancies.
 */
export const settingDecider: Decider<SettingCommand, Setting, SettingEvent> = {
  initialState: initialSettingState,
  decide: decideSetting,
  evolve: evolveSetting,
};
