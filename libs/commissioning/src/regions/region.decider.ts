import { Decider, DomainEvent, streamName, ValidationError } from '@placematch/kernel';
import { isChildrensServicesAuthority } from '@placematch/supply';

/** A region slug: lower case words joined by hyphens, such as `north-east` (the form a commissioner's token carries). */
export const REGION_SLUG = /^[a-z]+(?:-[a-z]+)*$/;

/** True when `value` is a region slug. */
export const isRegionSlug = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= 64 && REGION_SLUG.test(value);

/** The stream of one region's operator assignments: `region-<slug>`. */
export const regionStream = (region: string): string => streamName('region', region);

/**
 * Assigns an authority to this region, overriding the shipped table (and any earlier assignment elsewhere: the
 * latest assignment of an authority wins). `currentRegion` is the authority's effective region now, looked up
 * by the handler; assigning an authority to the region it is already in does nothing.
 */
export interface AssignAuthorityToRegion {
  type: 'AssignAuthorityToRegion';
  data: { region: string; localAuthority: string; currentRegion: string | null; reason: string };
  /** ISO instant from the clock port. */
  at: string;
}

/** Every command of the region aggregate. */
export type RegionCommand = AssignAuthorityToRegion;

/** An operator assigned an authority to a region. */
export interface AuthorityAssignedToRegion extends DomainEvent<
  'AuthorityAssignedToRegion',
  {
    region: string;
    localAuthority: string;
    previousRegion: string | null;
    reason: string;
    assignedAt: string;
  }
> {
  schemaVersion: 1;
}

/** Every event of the region aggregate. */
export type RegionEvent = AuthorityAssignedToRegion;

/** A region's own record: the authorities operators assigned to it, in order. */
export interface RegionState {
  assigned: readonly string[];
}

/** What a command does to a region: see {@link AssignAuthorityToRegion}. */
export const decideRegion = (command: RegionCommand, _state: RegionState): RegionEvent[] => {
  const { region, localAuthority, currentRegion } = command.data;
  if (!isRegionSlug(region)) {
    throw new ValidationError(
      'REGION.INVALID_SLUG',
      'A region is lower-case words joined by hyphens, such as north-east',
      { region },
    );
  }
  if (!isChildrensServicesAuthority(localAuthority)) {
    throw new ValidationError(
      'REGION.INVALID_LOCAL_AUTHORITY',
      "Not the ONS code of an English children's services authority (E06, E08, E09 or E10 and 6 digits)",
      { localAuthority },
    );
  }
  const reason = typeof command.data.reason === 'string' ? command.data.reason.trim() : '';
  if (reason === '')
    throw new ValidationError('REGION.REASON_REQUIRED', 'Say why the authority belongs here');
  if (currentRegion === region) return [];
  return [
    {
      type: 'AuthorityAssignedToRegion',
      schemaVersion: 1,
      data: { region, localAuthority, previousRegion: currentRegion, reason, assignedAt: command.at },
    },
  ];
};

/** Folds one region event in; never throws. */
export const evolveRegion = (state: RegionState, event: RegionEvent): RegionState =>
  event.type === 'AuthorityAssignedToRegion' && !state.assigned.includes(event.data.localAuthority)
    ? { assigned: [...state.assigned, event.data.localAuthority] }
    : state;

/** The region aggregate (`region-<slug>`): operators' assignments of authorities to the region. */
export const regionDecider: Decider<RegionCommand, RegionState, RegionEvent> = {
  initialState: () => ({ assigned: [] }),
  decide: decideRegion,
  evolve: evolveRegion,
};
