import type { ChildId } from '@placematch/placements';
import type { PlacementId } from '@placematch/supply';
import { PLACEMATCH_NAMESPACE } from '../ofsted/ofsted-ids';
import { uuidV5 } from '../uuid-v5';

/**
 * The child id a return import gives the child `CHILD` of the authority `localAuthority` (its ONS code): the
 * same pair always gives the same id, so importing a return again targets the same `child-…` stream and the
 * decider's idempotency makes the second import write nothing. `CHILD` is taken as written, trimmed.
 */
export const returnChildIdFor = (localAuthority: string, child: string): ChildId =>
  uuidV5(
    `ssda903-child:${localAuthority.trim().toUpperCase()}:${child.trim()}`,
    PLACEMATCH_NAMESPACE,
  ) as ChildId;

/**
 * The id of the placement of the child `CHILD` whose first episode began on `startedOn` (`YYYY-MM-DD`): a
 * placement is known by its child and its first `DECOM`, so a later return that adds episodes to it targets
 * the same `placementhistory-…` stream.
 */
export const returnPlacementIdFor = (localAuthority: string, child: string, startedOn: string): PlacementId =>
  uuidV5(
    `ssda903-placement:${localAuthority.trim().toUpperCase()}:${child.trim()}:${startedOn}`,
    PLACEMATCH_NAMESPACE,
  ) as PlacementId;
