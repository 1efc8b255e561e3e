import type { SupplyCommand, SupplyEvent } from '@placematch/supply';

/**
 * The one shape of every placements command, the same as supply's: what to do (`type`), its input (`data`) and
 * when it was decided (`at`, an ISO-8601 instant the handler takes from the clock port). Deciders never read a
 * clock: "today" is the date in England of `at`. Ids and looked-up values (a search result, a distance, the
 * placing authority, a setting's details) are in `data`.
 *
 * @example `{ type: 'WithdrawRequest', data: { reason: 'Child returned home' }, at: '2025-03-10T09:00:00Z' }`
 */
export type PlacementsCommand<Type extends string, Data> = SupplyCommand<Type, Data>;

/** Every placements event: stable past-tense type, schema version 1 (the first of every placements event). */
export type PlacementsEvent<Type extends string, Data> = SupplyEvent<Type, Data>;
