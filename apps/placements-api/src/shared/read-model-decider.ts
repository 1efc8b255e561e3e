import type { Decider, DomainEvent } from '@placematch/kernel';

/**
 * A decider-shaped fold for `aggregateStateProjection` whose state is a summary with no personal data in it,
 * rather than the aggregate's own state (which holds names, wishes and assessments). The summary is built from
 * codes, counts and coarse values only, so a read model never holds personal data and an erasure needs nothing
 * done to it, before or after a rebuild. It decides nothing: the write side is the aggregate's.
 */
export const summaryFold = <Summary, Event extends DomainEvent>(
  evolve: (summary: Summary | null, event: Event) => Summary | null,
): Decider<unknown, Summary | null, DomainEvent> => ({
  initialState: () => null,
  decide: () => [],
  evolve: (summary, event) => evolve(summary, event as Event),
});
