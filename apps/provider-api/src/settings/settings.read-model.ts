import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { aggregateStateProjection } from '@placematch/projections';
import { PROJECTION_RUNNER, ProjectionHost } from '@placematch/runtime';
import { SQL_CLIENT, SqlClient } from '@placematch/sql';
import { filledPlaces, openPlaces, Setting, settingDecider } from '@placematch/supply';
import type { Decider, DomainEvent } from '@placematch/kernel';
import type { Projection } from '@placematch/projections';

const registered = (s: Setting) => (s.status === 'Unregistered' ? null : s);
const occupied = (s: Setting) => (s.status === 'Approved' || s.status === 'Closed' ? s : null);

/** The earliest last confirmation among the setting's open vacancies: staleness is read from it. */
const oldestConfirmation = (s: Setting): string | null => {
  const open = Object.values(occupied(s)?.vacancies ?? {}).filter((v) => v.status === 'open');
  return open.length === 0 ? null : open.map((v) => v.lastConfirmedAt).sort()[0];
};

const stateProjection = aggregateStateProjection<Setting>({
  name: 'supply-settings',
  // 2: `oldest_confirmed_at`, for the stale-vacancy reminders.
  version: 2,
  schema: 'supply',
  table: 'settings',
  aggregate: 'setting',
  decider: settingDecider as unknown as Decider<unknown, Setting, DomainEvent>,
  columns: [
    { name: 'provider_id', type: 'text', value: (s) => registered(s)?.details.providerId ?? null },
    { name: 'name', type: 'text', value: (s) => registered(s)?.details.name ?? null },
    { name: 'status', type: 'text', value: (s) => s.status },
    { name: 'placement_types', type: 'text[]', value: (s) => registered(s)?.details.placementTypes ?? [] },
    {
      name: 'host_local_authority',
      type: 'text',
      value: (s) => registered(s)?.details.hostLocalAuthority ?? null,
    },
    {
      name: 'postcode_sector',
      type: 'text',
      value: (s) => registered(s)?.details.location.postcodeSector ?? null,
    },
    { name: 'open_places', type: 'integer', value: (s) => (occupied(s) ? openPlaces(occupied(s)!) : 0) },
    { name: 'filled_places', type: 'integer', value: (s) => (occupied(s) ? filledPlaces(occupied(s)!) : 0) },
    { name: 'oldest_confirmed_at', type: 'timestamptz', value: oldestConfirmation },
  ],
  indexes: [['provider_id'], ['host_local_authority'], ['oldest_confirmed_at']],
});

/**
 * Every setting's current state, for lists and for finding stale vacancies; single settings are read from
 * their streams. The table of version 1 lacks `oldest_confirmed_at`: it is added before the table is set up
 * (CREATE TABLE IF NOT EXISTS would not), and the version change makes the runner rebuild the rows.
 */
export const settingsProjection: Projection = {
  ...stateProjection,
  setup: async (tx) => {
    await tx.exec(
      'ALTER TABLE IF EXISTS supply.settings ADD COLUMN IF NOT EXISTS oldest_confirmed_at timestamptz',
    );
    await stateProjection.setup(tx);
  },
};

/** A line of the settings list. */
export interface SettingSummary {
  settingId: string;
  providerId: string;
  name: string;
  status: string;
  placementTypes: string[];
  hostLocalAuthority: string;
  postcodeSector: string;
  openPlaces: number;
  filledPlaces: number;
}

/** The settings read model: registers its projection and answers list queries. */
@Injectable()
export class SettingsReadModel implements OnModuleInit {
  constructor(
    @Inject(PROJECTION_RUNNER) private readonly projections: ProjectionHost,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
  ) {}

  onModuleInit(): void {
    this.projections.register(settingsProjection);
  }

  /** Settings of one provider, or all, by name. */
  async list(providerId?: string): Promise<SettingSummary[]> {
    const { rows } = await this.sql.query<{
      id: string;
      provider_id: string;
      name: string;
      status: string;
      placement_types: string[];
      host_local_authority: string;
      postcode_sector: string;
      open_places: number;
      filled_places: number;
    }>(
      `SELECT id, provider_id, name, status, placement_types, host_local_authority, postcode_sector, open_places, filled_places
         FROM supply.settings
        WHERE status <> 'Unregistered' AND ($1::text IS NULL OR provider_id = $1)
        ORDER BY name, id`,
      [providerId ?? null],
    );
    return rows.map((r) => ({
      settingId: r.id,
      providerId: r.provider_id,
      name: r.name,
      status: r.status,
      placementTypes: r.placement_types,
      hostLocalAuthority: r.host_local_authority,
      postcodeSector: r.postcode_sector,
      openPlaces: r.open_places,
      filledPlaces: r.filled_places,
    }));
  }

  /**
   * Settings with an open vacancy last confirmed at or before `confirmedBy` (so stale by then), with their
   * state as last projected, a page at a time in id order: `after` is the last id of the previous page. The
   * index on `oldest_confirmed_at` keeps this to the stale few however many settings there are.
   */
  async withVacanciesConfirmedBy(
    confirmedBy: Date,
    options: { providerId?: string; after?: string; limit?: number } = {},
  ): Promise<{ settingId: string; state: Setting }[]> {
    const { rows } = await this.sql.query<{ id: string; state: Setting }>(
      `SELECT id, state FROM supply.settings
        WHERE oldest_confirmed_at <= $1 AND ($2::text IS NULL OR provider_id = $2) AND id > $3
        ORDER BY id
        LIMIT $4`,
      [confirmedBy.toISOString(), options.providerId ?? null, options.after ?? '', options.limit ?? 500],
    );
    return rows.map((r) => ({ settingId: r.id, state: r.state }));
  }
}
