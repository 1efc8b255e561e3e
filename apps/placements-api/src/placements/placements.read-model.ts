import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { aggregateStateProjection } from '@placematch/projections';
import { PROJECTION_RUNNER, ProjectionHost } from '@placematch/runtime';
import { SQL_CLIENT, SqlClient } from '@placematch/sql';
import { summaryFold } from '../shared/read-model-decider';
import { evolvePlacementSummary, PlacementSummary } from './placement.summary';

/** Placements per child, per authority and per provider: the SSDA903 episode, tasks and counts. */
export const placementsProjection = aggregateStateProjection<PlacementSummary | null>({
  name: 'placements-placements',
  // 2: the summary keeps stress-report reminders and escalations.
  version: 2,
  schema: 'placements',
  table: 'placements',
  aggregate: 'placement',
  decider: summaryFold(evolvePlacementSummary),
  columns: [
    { name: 'child_id', type: 'text', value: (s) => s?.childId ?? null },
    { name: 'request_id', type: 'text', value: (s) => s?.requestId ?? null },
    { name: 'local_authority', type: 'text', value: (s) => s?.localAuthority ?? null },
    { name: 'provider_id', type: 'text', value: (s) => s?.providerId ?? null },
    { name: 'setting_id', type: 'text', value: (s) => s?.settingId ?? null },
    { name: 'status', type: 'text', value: (s) => s?.status ?? null },
    { name: 'started_on', type: 'text', value: (s) => s?.startedOn ?? null },
    {
      name: 'open_tasks',
      type: 'integer',
      value: (s) => s?.tasks.filter((t) => t.status === 'open').length ?? 0,
    },
  ],
  indexes: [['local_authority', 'child_id'], ['provider_id'], ['child_id']],
});

/** What a list of placements can be narrowed by. */
export interface PlacementFilter {
  localAuthority?: string;
  providerId?: string;
  childId?: string;
  status?: 'Active' | 'Ended';
}

/** The placements read model: registers its projection and answers list queries. */
@Injectable()
export class PlacementsReadModel implements OnModuleInit {
  constructor(
    @Inject(PROJECTION_RUNNER) private readonly projections: ProjectionHost,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
  ) {}

  onModuleInit(): void {
    this.projections.register(placementsProjection);
  }

  /** The ids of every active placement, oldest start first: those the stress-report check looks at. */
  async activeIds(): Promise<string[]> {
    const { rows } = await this.sql.query<{ id: string }>(
      `SELECT id FROM placements.placements WHERE status = 'Active' ORDER BY started_on, id`,
    );
    return rows.map((r) => r.id);
  }

  /** Placements matching every filter given, newest start first. */
  async list(filter: PlacementFilter): Promise<PlacementSummary[]> {
    const { rows } = await this.sql.query<{ state: PlacementSummary }>(
      `SELECT state FROM placements.placements
        WHERE ($1::text IS NULL OR local_authority = $1)
          AND ($2::text IS NULL OR provider_id = $2)
          AND ($3::text IS NULL OR child_id = $3)
          AND ($4::text IS NULL OR status = $4)
        ORDER BY started_on DESC, id`,
      [
        filter.localAuthority ?? null,
        filter.providerId ?? null,
        filter.childId ?? null,
        filter.status ?? null,
      ],
    );
    return rows.map((r) => r.state);
  }
}
