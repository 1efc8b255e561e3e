/**
 * Sends progress on at most every `everyMs`, one send at a time, always the latest: a service reports after
 * every row, and a queue (Redis, with bull) need not hear each one. `report` takes a function so the counting
 * is done only for what is sent. {@link flush} sends the latest report not yet sent, and waits for it. A send
 * that fails is dropped: progress only informs, and the next report sends the newer counts.
 */
export class ProgressThrottle<T> {
  private latest: (() => T) | undefined;
  private sending: Promise<void> | undefined;
  private lastSentAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly send: (progress: T) => Promise<void>,
    private readonly everyMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Notes the latest progress; sends it now if nothing is being sent and `everyMs` has passed. */
  report(read: () => T): void {
    this.latest = read;
    if (this.sending === undefined && this.now() - this.lastSentAt >= this.everyMs) this.sendLatest();
  }

  /** Sends the latest progress not yet sent, after any send under way. */
  async flush(): Promise<void> {
    await this.sending;
    this.sendLatest();
    await this.sending;
  }

  private sendLatest(): void {
    const read = this.latest;
    if (read === undefined) return;
    this.latest = undefined;
    this.lastSentAt = this.now();
    this.sending = this.send(read())
      .catch(() => undefined)
      .finally(() => {
        this.sending = undefined;
      });
  }
}
