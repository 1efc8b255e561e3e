import {
  EventStore,
  ExpectedVersion,
  LogPage,
  NewEvent,
  Position,
  RecordedEvent,
  START,
  StreamRead,
  WrongExpectedVersionError,
} from '../../event-store.port';
import { AppendSignal, LogSource, PollingSubscriptions } from '../../polling-subscription';
import { serialiseData, Upcasters } from '../../upcasting';

const toPosition = (n: number) => String(n) as Position;
const fromPosition = (p: Position): number => (p === START ? 0 : Number(p));

/**
 * The event store in process memory: for unit tests and demos. Data is stored as JSON text, as the durable
 * adapters do, so what goes in is exactly what a real store would give back.
 */
export class InMemoryEventStore extends PollingSubscriptions implements EventStore {
  private readonly log: Array<Omit<RecordedEvent, 'data'> & { json: string }> = [];
  private readonly streams = new Map<string, number[]>();
  private readonly appended = new AppendSignal();
  private readonly ids = new Set<string>();

  constructor(private readonly upcasters = new Upcasters()) {
    super();
  }

  async readStream(streamId: string, options: { fromRevision?: number } = {}): Promise<StreamRead> {
    const indexes = this.streams.get(streamId);
    if (!indexes) return { events: [], revision: null };
    const events = indexes.slice(options.fromRevision ?? 0).map((i) => this.materialise(i));
    return { events, revision: indexes.length - 1 };
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedVersion) {
    const indexes = this.streams.get(streamId);
    const actual = indexes ? indexes.length - 1 : null;
    const ok = expected === 'any' || (expected === 'no_stream' ? actual === null : actual === expected);
    if (!ok) throw new WrongExpectedVersionError(streamId, expected, actual);
    if (events.length === 0) return { revision: actual ?? -1, position: toPosition(this.log.length) };
    // Serialise everything before touching state, so a bad event leaves nothing half-written.
    const prepared = events.map((e) => ({
      e,
      json: serialiseData(e.data),
      meta: JSON.parse(serialiseData(e.metadata)),
    }));
    const ids = prepared.map(({ e }) => e.id ?? globalThis.crypto.randomUUID());
    if (new Set(ids).size !== ids.length || ids.some((id) => this.ids.has(id))) {
      throw new Error(`Event id already stored in the append to ${streamId}`);
    }
    const list = indexes ?? [];
    const recordedAt = new Date().toISOString();
    for (const [k, { e, json, meta }] of prepared.entries()) {
      list.push(this.log.length);
      this.ids.add(ids[k]);
      this.log.push({
        id: ids[k],
        streamId,
        revision: list.length - 1,
        position: toPosition(this.log.length + 1),
        type: e.type,
        schemaVersion: e.schemaVersion,
        metadata: meta,
        recordedAt,
        json,
      });
    }
    this.streams.set(streamId, list);
    this.appended.fire();
    return { revision: list.length - 1, position: toPosition(this.log.length) };
  }

  async readAll(from: Position, limit: number): Promise<LogPage> {
    const start = fromPosition(from);
    const events = this.log.slice(start, start + limit).map((_, k) => this.materialise(start + k));
    return { events, next: events.length ? events[events.length - 1].position : from };
  }

  protected logSource(): LogSource {
    return {
      readAll: (f, l) => this.readAll(f, l),
      onAppend: (l) => this.appended.listen(l),
      idlePollMs: 1000,
      // The log lives in this object: every append goes through it.
      exclusive: true,
    };
  }

  async head(): Promise<Position> {
    return this.log.length ? toPosition(this.log.length) : START;
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.appended.clear();
  }

  private materialise(index: number): RecordedEvent {
    const { json, ...rest } = this.log[index];
    return this.upcasters.upcast({
      ...rest,
      metadata: structuredClone(rest.metadata),
      data: JSON.parse(json),
    });
  }
}
