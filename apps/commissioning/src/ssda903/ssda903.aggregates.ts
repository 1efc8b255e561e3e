import { historicPlacementDecider, historicPlacementStream } from '@placematch/placements';
import type { AggregateType } from '@placematch/runtime';
import type { PlacementId } from '@placematch/supply';

/** Placements recorded from SSDA903 returns (`placementhistory-<id>`), for the command pipeline. */
export const HISTORIC_PLACEMENT_AGGREGATE = {
  name: 'placementhistory',
  stream: (id: string) => historicPlacementStream(id as PlacementId),
  decider: historicPlacementDecider,
} as unknown as AggregateType;
