import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { aggregateStateProjection, Projection } from '@placematch/projections';
import { PROJECTION_RUNNER, ProjectionHost } from '@placematch/runtime';
import { SQL_CLIENT, SqlClient } from '@placematch/sql';
import { summaryFold } from '../shared/read-model-decider';
import { approvalsWaiting, evolveRequestSummary, RequestSummary } from './request.summary';

const base = aggregateStateProjection<RequestSummary | null>({
  name: 'placements-requests',
  // 2: the summary keeps match alerts.
  version: 2,
  schema: 'placements',
  table: 'requests',
  aggregate: 'request',
  decider: summaryFold(evolveRequestSummary),
  columns: [
    { name: 'local_authority', type: 'text', value: (s) => s?.localAuthority ?? null },
    { name: 'status', type: 'text', value: (s) => s?.status ?? null },
    { name: 'requested_at', type: 'text', value: (s) => s?.requestedAt ?? null },
    { name: 'child_ids', type: 'text[]', value: (s) => s?.children.map((c) => c.childId) ?? [] },
    { name: 'referral_ids', type: 'text[]', value: (s) => s?.referrals.map((r) => r.referralId) ?? [] },
    {
      name: 'referral_provider_ids',
      type: 'text[]',
      value: (s) => [...new Set(s?.referrals.map((r) => r.providerId) ?? [])],
    },
  ],
  indexes: [['local_authority', 'requested_at']],
});

/**
 * Placement requests (state, urgency, purpose, children, approvals waiting) by authority, and their referrals
 * by provider and by id: the list views. One row per request, folded from codes only (see `RequestSummary`).
 */
export const requestsProjection: Projection = {
  ...base,
  setup: async (tx) => {
    await base.setup(tx);
    // Array columns are looked up by member: GIN, not the B-tree the helper makes.
    await tx.exec(`
      CREATE INDEX IF NOT EXISTS requests_referral_provider_ids ON placements.requests USING gin (referral_provider_ids);
      CREATE INDEX IF NOT EXISTS requests_referral_ids ON placements.requests USING gin (referral_ids);`);
  },
};

/** A line of the authority's request list. */
export interface RequestListItem {
  requestId: string;
  status: RequestSummary['status'];
  urgency: RequestSummary['urgency'];
  purpose: RequestSummary['purpose'];
  emergency: boolean;
  childrenCount: number;
  childIds: string[];
  approvalsWaiting: { approvalId: string; guard: string; settingId: string | null }[];
  referrals: number;
  offers: number;
  /** Match alerts raised since supply changed: new settings to look at. */
  matchAlerts: number;
  decisions: number;
  onHoldSince: string | null;
  requestedAt: string;
}

/** The requests read model: registers its projection and answers list queries. */
@Injectable()
export class RequestsReadModel implements OnModuleInit {
  constructor(
    @Inject(PROJECTION_RUNNER) private readonly projections: ProjectionHost,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
  ) {}

  onModuleInit(): void {
    this.projections.register(requestsProjection);
  }

  /** An authority's requests, newest first, optionally of one status. */
  async list(localAuthority: string, status?: string): Promise<RequestListItem[]> {
    const { rows } = await this.sql.query<{ state: RequestSummary }>(
      `SELECT state FROM placements.requests
        WHERE local_authority = $1 AND ($2::text IS NULL OR status = $2)
        ORDER BY requested_at DESC, id`,
      [localAuthority, status ?? null],
    );
    return rows.map(({ state: s }) => ({
      requestId: s.requestId,
      status: s.status,
      urgency: s.urgency,
      purpose: s.purpose,
      emergency: s.emergency,
      childrenCount: s.childrenCount,
      childIds: s.children.map((c) => c.childId),
      approvalsWaiting: approvalsWaiting(s).map(({ approvalId, guard, settingId }) => ({
        approvalId,
        guard,
        settingId,
      })),
      referrals: s.referrals.length,
      offers: s.referrals.filter((r) => r.response === 'offer').length,
      matchAlerts: s.matchAlerts.length,
      decisions: s.decisions.length,
      onHoldSince: s.onHoldSince,
      requestedAt: s.requestedAt,
    }));
  }

  /**
   * The requests not yet decided or withdrawn that people have searched, oldest first: those a match alert
   * searches again when supply changes.
   */
  async openAndSearched(): Promise<string[]> {
    const { rows } = await this.sql.query<{ request_id: string }>(
      `SELECT id AS request_id FROM placements.requests
        WHERE status IN ('Open', 'OnHold') AND jsonb_array_length(state->'searches') > 0
        ORDER BY requested_at, id`,
    );
    return rows.map((r) => r.request_id);
  }

  /** The summaries of the requests with a referral to `providerId`, newest first. */
  async referredTo(providerId: string): Promise<RequestSummary[]> {
    const { rows } = await this.sql.query<{ state: RequestSummary }>(
      `SELECT state FROM placements.requests WHERE referral_provider_ids @> ARRAY[$1]::text[]
        ORDER BY requested_at DESC, id`,
      [providerId],
    );
    return rows.map((r) => r.state);
  }

  /** The summary of the request a referral belongs to, if the read model has it yet. */
  async byReferral(referralId: string): Promise<RequestSummary | null> {
    const { rows } = await this.sql.query<{ state: RequestSummary }>(
      `SELECT state FROM placements.requests WHERE referral_ids @> ARRAY[$1]::text[]`,
      [referralId],
    );
    return rows[0]?.state ?? null;
  }
}
