import type { ChildId } from '@placematch/placements';
import type { PlacementId } from '@placematch/supply';

/**
 * The ids a return import gives the children and placements of a return. The same arguments always give the
 * same id, so importing a return again targets the same `child-…` and `placementhistory-…` streams and the
 * deciders' idempotency makes the second import write nothing.
 */
export interface ReturnIds {
  /** The id of the child `CHILD` of the authority `localAuthority` (its ONS code). */
  childIdFor(localAuthority: string, child: string): ChildId;
  /**
   * The id of the placement of the child `CHILD` whose first episode began on `startedOn` (`YYYY-MM-DD`): a
   * placement is known by its child and its first `DECOM`, so a later return that adds episodes to it targets
   * the same stream.
   */
  placementIdFor(localAuthority: string, child: string, startedOn: string): PlacementId;
}

/**
 * The ids of returns under `derive`, a keyed derivation of a UUID from a name: `keyedIdDerivation(masterKey,
 * SSDA903_ID_KEY_INFO)` from `@placematch/privacy`, which holds the key material (this library does no key
 * handling). The authority is upper-cased and trimmed, `CHILD` taken as written, trimmed.
 *
 * Keyed, not a public name-based UUID (v5): `CHILD` is known outside Placematch, and after a child is erased
 * (their key shredded) their placement history stays in the log under these ids; anyone able to compute an
 * id from the authority and `CHILD` could find it again. Ids of children imported before the derivation was
 * keyed differ from these.
 */
export const returnIds = (derive: (name: string) => string): ReturnIds => ({
  childIdFor: (localAuthority, child) =>
    derive(`ssda903-child:${localAuthority.trim().toUpperCase()}:${child.trim()}`) as ChildId,
  placementIdFor: (localAuthority, child, startedOn) =>
    derive(
      `ssda903-placement:${localAuthority.trim().toUpperCase()}:${child.trim()}:${startedOn}`,
    ) as PlacementId,
});
