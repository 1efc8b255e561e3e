import { Decider, DomainError, DomainEvent, fold } from '@placematch/kernel';

/** Strips metadata so expectations compare what a decider decided, not when or by whom. */
const bare = (events: readonly DomainEvent[]) =>
  events.map(({ type, schemaVersion, data }) => ({ type, schemaVersion, data }));

/**
 * Given/when/then for deciders:
 * `spec(decider).given([...events]).when(command).then([...events])`, `.thenThrows('CODE')` or
 * `.thenNothing()`. Each returns the produced events (or the error) for further assertions.
 */
export const deciderSpec = <Command, State, Event extends DomainEvent>(
  decider: Decider<Command, State, Event>,
) => ({
  given: (history: readonly Event[]) => ({
    when: (command: Command) => {
      const run = (): Event[] => decider.decide(command, fold(decider, history));
      return {
        then: (expected: readonly Event[]): Event[] => {
          const produced = run();
          expect(bare(produced)).toEqual(bare(expected));
          // evolve must accept every event decide produces (events are facts: it never throws).
          fold(decider, produced, fold(decider, history));
          return produced;
        },
        thenNothing: (): void => {
          expect(bare(run())).toEqual([]);
        },
        thenThrows: (code: string): DomainError => {
          let caught: unknown;
          try {
            run();
          } catch (e) {
            caught = e;
          }
          expect(caught).toBeInstanceOf(DomainError);
          expect((caught as DomainError).code).toBe(code);
          return caught as DomainError;
        },
        state: (): State => fold(decider, history),
      };
    },
  }),
});
