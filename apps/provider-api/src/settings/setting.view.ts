import { isStale, openPlaces, filledPlaces, Setting } from '@placematch/supply';

/** A setting as the provider API shows it: everything the provider keeps current, and its vacancies. */
export const settingView = (state: Setting, revision: number | null, now: Date) => {
  if (state.status === 'Unregistered') return null;
  const occupancy = state.status === 'Approved' || state.status === 'Closed' ? state : null;
  return {
    settingId: state.details.settingId,
    providerId: state.details.providerId,
    name: state.details.name,
    status: state.status,
    placementTypes: state.details.placementTypes,
    location: state.details.location,
    hostLocalAuthority: state.details.hostLocalAuthority,
    ofstedUrn: state.details.ofstedUrn ?? null,
    approvalTerms:
      state.status === 'Approved' ? state.terms : ((state.status === 'Closed' ? state.terms : null) ?? null),
    household: state.household ?? null,
    skillLevel: state.skillLevel ?? null,
    weeklyCost: state.weeklyCost ?? null,
    openPlaces: occupancy ? openPlaces(occupancy) : 0,
    filledPlaces: occupancy ? filledPlaces(occupancy) : 0,
    vacancies: occupancy
      ? Object.values(occupancy.vacancies).map((v) => ({ ...v, stale: isStale(v, now) }))
      : [],
    closure: state.status === 'Closed' ? state.closure : null,
    revision,
  };
};

/** The response body of a setting endpoint. */
export type SettingView = NonNullable<ReturnType<typeof settingView>>;
