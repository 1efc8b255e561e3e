import { ConflictError, Decider, streamName } from '@placematch/kernel';
import type { PlacementId } from '@placematch/supply';
import { londonDate } from '@placematch/supply';
import { sameValue } from '../shared/validation';
import { validateHistoricPlacement } from './historic-placement';
import type { HistoricPlacementCommand } from './historic-placement.commands';
import type { HistoricPlacementEvent, HistoricPlacementRecorded } from './historic-placement.events';

/**
 * The stream of one placement recorded from a return: `placementhistory-<id>`. A stream of its own, apart from
 * the live `placement-<id>` streams: a history takes none of a live placement's commands (reviews, stress
 * reports, an ending), only a later return.
 */
export const historicPlacementStream = (id: PlacementId): string => streamName('placementhistory', id);

/** A placement history: none yet, or the one recorded last. */
export type HistoricPlacement =
  { status: 'Unrecorded' } | { status: 'Recorded'; history: HistoricPlacementRecorded['data'] };

/** The state of a placement history with no events. */
export const initialHistoricPlacementState = (): HistoricPlacement => ({ status: 'Unrecorded' });

/** What a command does to a placement history: see `RecordHistoricPlacement` for its rules. */
export const decideHistoricPlacement = (
  command: HistoricPlacementCommand,
  state: HistoricPlacement,
): HistoricPlacementEvent[] => {
  const history = validateHistoricPlacement(command.data, londonDate(command.at));
  const recorded: HistoricPlacementEvent[] = [
    { type: 'HistoricPlacementRecorded', schemaVersion: 1, data: history },
  ];
  if (state.status === 'Unrecorded') return recorded;
  if (sameValue(state.history, history)) return [];
  const before = state.history;
  // The id is derived from the child and the first episode: another child or start is another placement.
  if (
    before.childId !== history.childId ||
    before.localAuthority !== history.localAuthority ||
    before.startedOn !== history.startedOn
  ) {
    throw new ConflictError('PLACEMENT.HISTORY_CONFLICT', 'This placement history is of another placement', {
      startedOn: before.startedOn,
    });
  }
  // A later return: more episodes, an ending, or a correction.
  return recorded;
};

/** Folds one event into the state: the latest history replaces the one before. Never throws. */
export const evolveHistoricPlacement = (
  _state: HistoricPlacement,
  event: HistoricPlacementEvent,
): HistoricPlacement => ({ status: 'Recorded', history: event.data });

/**
 * The historic placement aggregate (`placementhistory-<id>`): a placement recorded from an SSDA903 return, as
 * the episodes it is made of, so that the stability measures see a child's placements from before Placematch.
 */
export const historicPlacementDecider: Decider<
  HistoricPlacementCommand,
  HistoricPlacement,
  HistoricPlacementEvent
> = {
  initialState: initialHistoricPlacementState,
  decide: decideHistoricPlacement,
  evolve: evolveHistoricPlacement,
};
