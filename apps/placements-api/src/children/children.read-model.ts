import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { aggregateStateProjection } from '@placematch/projections';
import { PROJECTION_RUNNER, ProjectionHost } from '@placematch/runtime';
import { SQL_CLIENT, SqlClient } from '@placematch/sql';
import { summaryFold } from '../shared/read-model-decider';
import { ChildSummary, evolveChildSummary } from './child.summary';

/** Every child's codes and coarse values, by authority: no name, date of birth, postcode or free text. */
export const childrenProjection = aggregateStateProjection<ChildSummary | null>({
  name: 'placements-children',
  version: 1,
  schema: 'placements',
  table: 'children',
  aggregate: 'child',
  decider: summaryFold(evolveChildSummary),
  columns: [
    { name: 'local_authority', type: 'text', value: (s) => s?.localAuthority ?? null },
    { name: 'status', type: 'text', value: (s) => s?.status ?? null },
  ],
  indexes: [['local_authority']],
});

/** The children read model: registers its projection and answers list queries. */
@Injectable()
export class ChildrenReadModel implements OnModuleInit {
  constructor(
    @Inject(PROJECTION_RUNNER) private readonly projections: ProjectionHost,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
  ) {}

  onModuleInit(): void {
    this.projections.register(childrenProjection);
  }

  /** An authority's children, erased ones included (their codes count for statistics). */
  async list(localAuthority: string): Promise<ChildSummary[]> {
    const { rows } = await this.sql.query<{ state: ChildSummary }>(
      `SELECT state FROM placements.children WHERE local_authority = $1 ORDER BY id`,
      [localAuthority],
    );
    return rows.map((r) => r.state);
  }

  /** The summaries of some children, by id. */
  async byIds(childIds: readonly string[]): Promise<Map<string, ChildSummary>> {
    if (childIds.length === 0) return new Map();
    const { rows } = await this.sql.query<{ id: string; state: ChildSummary }>(
      `SELECT id, state FROM placements.children WHERE id = ANY($1)`,
      [childIds],
    );
    return new Map(rows.map((r) => [r.id, r.state]));
  }
}
