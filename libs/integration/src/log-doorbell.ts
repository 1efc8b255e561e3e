import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ALL_INTEGRATION_TOPICS } from '@placematch/contracts';
import { MESSAGE_BUS, MessageBus, Subscription } from '@placematch/message-bus';
import { RUNTIME_OPTIONS, RuntimeOptions } from '@placematch/runtime';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** Something that reads the global log and can be told to read it now. */
export type LogReader = () => Promise<void>;

/**
 * Tells this process's log readers (projections, the matching index) to read the log now, whenever an
 * integration event arrives from any service. Each process listens in a consumer group of its own, so every
 * process hears every event. Between processes this replaces polling: the readers still read the event
 * store itself, in log order, so the doorbell only decides when, never what; a lost or repeated ring is
 * harmless (a slow idle poll remains as a safety net, and reading when nothing is new costs one query).
 * Rings that arrive while the readers are reading are folded into one more read.
 */
@Injectable()
export class LogDoorbell implements OnApplicationBootstrap {
  private readonly log = new Logger('LogDoorbell');
  private readonly readers = new Set<LogReader>();
  private subscription: Subscription | null = null;
  private reading: Promise<void> | null = null;
  private again = false;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(RUNTIME_OPTIONS) private readonly options: RuntimeOptions,
  ) {}

  /** Adds a reader to tell; returns the function that removes it. */
  onRing(reader: LogReader): () => void {
    this.readers.add(reader);
    return () => this.readers.delete(reader);
  }

  async onApplicationBootstrap(): Promise<void> {
    const group = [
      'doorbell',
      this.options.serviceName ?? 'placematch',
      hostname(),
      process.pid,
      randomBytes(3).toString('hex'),
    ].join('.');
    this.subscription = this.bus.subscribe([...ALL_INTEGRATION_TOPICS], group, async () => this.ring(), {
      fromBeginning: false,
    });
    await this.subscription.ready();
  }

  /** Tells every reader to read now; a ring during a read asks for one more read after it. */
  ring(): void {
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = (async () => {
      do {
        this.again = false;
        await Promise.all(
          [...this.readers].map((read) =>
            read().catch((e: unknown) => this.log.warn(`a log reader failed: ${(e as Error).message}`)),
          ),
        );
      } while (this.again);
    })().finally(() => {
      this.reading = null;
    });
  }
}
