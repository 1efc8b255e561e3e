import type { RecordedEvent } from '@placematch/event-store';
import { Decider, DomainEvent, parseStreamName } from '@placematch/kernel';
import { ident, SqlExecutor } from '@placematch/sql';
import type { Projection } from './projection';

/** A column of an aggregate-state table, derived from the state by `value`. */
export interface DerivedColumn<State> {
  name: string;
  /** SQL type, such as `text`, `integer`, `text[]`, `boolean`. */
  type: string;
  value: (state: State, id: string) => unknown;
}

/** How an {@link aggregateStateProjection} is built. */
export interface AggregateStateOptions<State> {
  name: string;
  version: number;
  /** Schema and table of the read model. */
  schema: string;
  table: string;
  /** The stream prefix of the aggregate, such as `setting` for `setting-<id>`. */
  aggregate: string;
  decider: Decider<unknown, State, DomainEvent>;
  /** Columns to query by; the whole state is kept as JSON beside them. */
  columns: DerivedColumn<State>[];
  /** Indexes to create, as column lists. */
  indexes?: string[][];
}

/**
 * A read model holding each aggregate's current state, folded with the aggregate's own `evolve` (so the
 * read side never re-implements domain logic), plus derived columns to filter and sort by.
 */
export const aggregateStateProjection = <State>(o: AggregateStateOptions<State>): Projection => {
  const t = `${ident(o.schema)}.${ident(o.table)}`;
  const cols = o.columns.map((c) => ident(c.name));
  return {
    name: o.name,
    version: o.version,
    setup: (tx) =>
      tx.exec(`
        CREATE SCHEMA IF NOT EXISTS ${ident(o.schema)};
        CREATE TABLE IF NOT EXISTS ${t} (
          id text PRIMARY KEY,
          revision bigint NOT NULL,
          state jsonb NOT NULL${o.columns.map((c) => `,\n          ${ident(c.name)} ${c.type}`).join('')}
        );
        ${(o.indexes ?? [])
          .map(
            (ix) =>
              `CREATE INDEX IF NOT EXISTS ${ident(`${o.table}_${ix.join('_')}`)} ON ${t} (${ix.map(ident).join(', ')});`,
          )
          .join('\n')}`),
    reset: (tx) => tx.exec(`TRUNCATE ${t}`),
    apply: async (events: readonly RecordedEvent[], tx: SqlExecutor) => {
      const mine = events.filter((e) => parseStreamName(e.streamId).aggregate === o.aggregate);
      if (mine.length === 0) return;
      const ids = [...new Set(mine.map((e) => parseStreamName(e.streamId).id))];
      const { rows } = await tx.query<{ id: string; state: State }>(
        `SELECT id, state FROM ${t} WHERE id = ANY($1)`,
        [ids],
      );
      const states = new Map<string, { state: State; revision: number }>(
        rows.map((r) => [r.id, { state: r.state, revision: -1 }]),
      );
      for (const e of mine) {
        const id = parseStreamName(e.streamId).id;
        const current = states.get(id)?.state ?? o.decider.initialState();
        states.set(id, {
          state: o.decider.evolve(current, e as unknown as DomainEvent),
          revision: e.revision,
        });
      }
      for (const [id, { state, revision }] of states) {
        if (revision < 0) continue;
        const values = o.columns.map((c) => c.value(state, id));
        await tx.query(
          `INSERT INTO ${t} (id, revision, state${cols.map((c) => `, ${c}`).join('')})
           VALUES ($1, $2, $3${cols.map((_, i) => `, $${i + 4}`).join('')})
           ON CONFLICT (id) DO UPDATE SET revision = excluded.revision, state = excluded.state${cols
             .map((c) => `, ${c} = excluded.${c}`)
             .join('')}`,
          [id, revision, JSON.stringify(state), ...values],
        );
      }
    },
  };
};
