import type { DomainEvent } from './events';

/**
 * A pure aggregate: `decide` turns a command and the current state into new events (or throws a
 * {@link DomainError}); `evolve` folds one event into the state and never throws, because events are facts.
 * No I/O, no clock, no framework: time, ids and looked-up values arrive inside the command.
 */
export interface Decider<Command, State, Event extends DomainEvent> {
  /** The state of a stream that has no events. */
  initialState(): State;
  /** What should happen: the events this command produces against this state. Empty means nothing to do. */
  decide(command: Command, state: State): Event[];
  /** What did happen: the state after one more event. */
  evolve(state: State, event: Event): State;
}

/** Folds a history into a state with a decider's `evolve`. */
export const fold = <Command, State, Event extends DomainEvent>(
  decider: Decider<Command, State, Event>,
  events: readonly Event[],
  from: State = decider.initialState(),
): State => events.reduce((state, event) => decider.evolve(state, event), from);

/** Exhaustiveness check for switches over unions of commands, events and states. */
export const assertNever = (value: never): never => {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
};
