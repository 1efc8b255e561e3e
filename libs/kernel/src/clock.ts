/** Port: the time. Deciders never read it; handlers put `now` into the command. */
export interface Clock {
  now(): Date;
}

/** The machine's clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved: for tests and replays. */
export class FixedClock implements Clock {
  private current: Date;
  constructor(at: Date | string) {
    this.current = new Date(at);
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
