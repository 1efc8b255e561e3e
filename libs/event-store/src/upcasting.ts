import type { RecordedEvent } from './event-store.port';

/** Lifts one event type's data from `fromVersion` to `fromVersion + 1`. One upcaster per step. */
export interface Upcaster {
  type: string;
  fromVersion: number;
  up(data: unknown): unknown;
}

/**
 * The serde's read side: applies upcasters step by step until no upcaster is registered for an event's
 * (type, schemaVersion). Registering two upcasters for the same step is a programming error.
 */
export class Upcasters {
  private readonly steps = new Map<string, Upcaster>();

  constructor(upcasters: readonly Upcaster[] = []) {
    for (const u of upcasters) {
      const key = `${u.type}@${u.fromVersion}`;
      if (this.steps.has(key)) throw new Error(`Two upcasters for ${key}`);
      this.steps.set(key, u);
    }
  }

  /** Returns the event at the newest schema version known to this registry. */
  upcast<E extends Pick<RecordedEvent, 'type' | 'schemaVersion' | 'data'>>(event: E): E {
    let current = event;
    for (;;) {
      const step = this.steps.get(`${current.type}@${current.schemaVersion}`);
      if (!step) return current;
      current = { ...current, schemaVersion: current.schemaVersion + 1, data: step.up(current.data) };
    }
  }
}

/** Serialises event data to JSON text, refusing values JSON would silently change (undefined, bigint, NaN). */
export const serialiseData = (data: unknown): string =>
  JSON.stringify(data, (_key, value: unknown) => {
    if (typeof value === 'bigint') throw new TypeError('Event data cannot hold a bigint: use a string');
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new TypeError('Event data cannot hold NaN or Infinity');
    return value;
  });
