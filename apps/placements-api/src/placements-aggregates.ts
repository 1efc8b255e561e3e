import type { AggregateType } from '@placematch/runtime';
import {
  childDecider,
  childStream,
  placementDecider,
  placementStream,
  requestDecider,
  requestStream,
} from '@placematch/placements';

/** The placements context's aggregates, for the command pipeline. */
export const PLACEMENTS_AGGREGATES = [
  { name: 'child', stream: (id: string) => childStream(id as never), decider: childDecider },
  { name: 'request', stream: (id: string) => requestStream(id as never), decider: requestDecider },
  { name: 'placement', stream: (id: string) => placementStream(id as never), decider: placementDecider },
] as unknown as AggregateType[];
