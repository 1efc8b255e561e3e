import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { AgeAnchor, birthMonthAnchor } from '@placematch/commissioning';
import type {
  DemandRequestFact,
  ForecastSpell,
  GapFacts,
  ListedSetting,
  OutcomeFacts,
  OutcomePlacementFact,
  RegionAssignment,
  SupplyFacts,
} from '@placematch/commissioning';
import type { LegalStatusCode, ReasonEpisodeCeasedCode, ReasonNewEpisodeCode } from '@placematch/placements';
import { PROJECTION_RUNNER, ProjectionHost } from '@placematch/runtime';
import { ident, SQL_CLIENT, SqlClient } from '@placematch/sql';
import type { PlacementTypeCode } from '@placematch/supply';
import { COMMISSIONING_OPTIONS, CommissioningOptions } from './commissioning.options';
import { commissioningProjections } from './projections/commissioning.projections';

interface ChildRow {
  child_id: string;
  local_authority: string | null;
  gender: string | null;
  ethnicity: string | null;
  cin_category: string | null;
  disabilities: string[] | null;
  uasc: boolean | null;
  age_on: string | null;
  age_months: number | null;
  birth_month: string | null;
}

interface PlacementRow {
  placement_id: string;
  child_id: string;
  request_id: string | null;
  local_authority: string;
  setting_id: string | null;
  started_on: string;
  ended_on: string | null;
  reason_new_episode: string;
  legal_status: string;
  placement_type: string;
  rec: string | null;
  reason_place_change: string | null;
  disrupted: boolean | null;
  in_authority: boolean | null;
  distance_miles: number | null;
  weekly_cost_pence: number | null;
  child_age_months: number;
  emergency: boolean | null;
  legal_statuses: { on: string; legalStatus: string }[] | null;
}

/** Where a child's age comes from: the month of birth when a return gave it, else the coarse age recorded. */
const ages = (r: Partial<Pick<ChildRow, 'age_on' | 'age_months' | 'birth_month'>>): AgeAnchor[] => [
  ...(r.birth_month ? [birthMonthAnchor(r.birth_month)] : []),
  ...(r.age_on && r.age_months !== null && r.age_months !== undefined
    ? [{ on: r.age_on, months: r.age_months }]
    : []),
];

const toPlacement = (r: PlacementRow): OutcomePlacementFact => ({
  placementId: r.placement_id,
  childId: r.child_id,
  localAuthority: r.local_authority,
  startedOn: r.started_on,
  endedOn: r.ended_on,
  reasonNewEpisode: r.reason_new_episode as ReasonNewEpisodeCode,
  legalStatus: r.legal_status as LegalStatusCode,
  placementType: r.placement_type as PlacementTypeCode,
  rec: r.rec as ReasonEpisodeCeasedCode | null,
  inAuthority: r.in_authority,
  distanceMiles: r.distance_miles === null ? null : Number(r.distance_miles),
  weeklyCostPence: r.weekly_cost_pence,
  childAgeMonths: r.child_age_months,
  emergency: r.emergency,
  reasonPlaceChange: r.reason_place_change,
  disrupted: r.disrupted,
});

/**
 * The commissioning read model: registers its projections with the host, and reads facts for the views, by
 * authority and period. Facts carry ids so they can be joined here; no view built from them shows one.
 */
@Injectable()
export class CommissioningReadModel implements OnModuleInit {
  private readonly s: string;

  constructor(
    @Inject(PROJECTION_RUNNER) private readonly projections: ProjectionHost,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(COMMISSIONING_OPTIONS) private readonly options: CommissioningOptions,
  ) {
    this.s = ident(options.schema);
  }

  onModuleInit(): void {
    for (const p of commissioningProjections(this.options.schema)) this.projections.register(p);
  }

  private t(table: string): string {
    return `${this.s}.${ident(table)}`;
  }

  /** Operators' assignments of authorities to regions. */
  async assignments(): Promise<RegionAssignment[]> {
    const { rows } = await this.sql.query<{ local_authority: string; region: string }>(
      `SELECT local_authority, region FROM ${this.t('region_assignments')} ORDER BY local_authority`,
    );
    return rows.map((r) => ({ localAuthority: r.local_authority, region: r.region }));
  }

  /** Every authority the facts mention: children's, requests', placements' and settings' hosts. */
  async authoritiesInData(): Promise<string[]> {
    const { rows } = await this.sql.query<{ la: string }>(
      `SELECT local_authority AS la FROM ${this.t('children')} WHERE local_authority IS NOT NULL
       UNION SELECT local_authority FROM ${this.t('requests')}
       UNION SELECT local_authority FROM ${this.t('placements')}
       UNION SELECT host_local_authority FROM ${this.t('settings')}
       ORDER BY 1`,
    );
    return rows.map((r) => r.la);
  }

  /** Placement requests of these authorities raised from `from` to `to`, with their children's codes. */
  async demandFacts(areas: readonly string[], from: string, to: string): Promise<DemandRequestFact[]> {
    const { rows } = await this.sql.query<
      ChildRow & {
        request_id: string;
        request_la: string;
        requested_on: string;
        urgency: string;
        purpose: string;
        emergency: boolean;
        risks: Record<string, string>;
      }
    >(
      `SELECT r.request_id, r.local_authority AS request_la, r.requested_on, r.urgency, r.purpose, r.emergency,
              rc.child_id, rc.risks, c.local_authority, c.gender, c.ethnicity, c.cin_category, c.disabilities, c.uasc,
              c.age_on, c.age_months, c.birth_month
         FROM ${this.t('requests')} r
         JOIN ${this.t('request_children')} rc ON rc.request_id = r.request_id
         LEFT JOIN ${this.t('children')} c ON c.child_id = rc.child_id
        WHERE r.local_authority = ANY($1) AND r.requested_on BETWEEN $2 AND $3
        ORDER BY r.request_id, rc.position`,
      [areas, from, to],
    );
    const requests = new Map<string, DemandRequestFact>();
    for (const r of rows) {
      const request = requests.get(r.request_id) ?? {
        requestId: r.request_id,
        localAuthority: r.request_la,
        requestedOn: r.requested_on,
        urgency: r.urgency,
        purpose: r.purpose,
        emergency: r.emergency,
        children: [],
      };
      requests.set(r.request_id, {
        ...request,
        children: [
          ...request.children,
          {
            childId: r.child_id,
            ages: ages(r),
            gender: r.gender,
            ethnicity: r.ethnicity,
            cinCategory: r.cin_category,
            disabilities: r.disabilities ?? [],
            uasc: r.uasc,
            risks: r.risks ?? {},
          },
        ],
      });
    }
    return [...requests.values()];
  }

  /** Settings hosted by these authorities, their vacancies, confirmations and fills. */
  async supplyFacts(areas: readonly string[]): Promise<SupplyFacts> {
    const settings = await this.sql.query<{
      setting_id: string;
      host_local_authority: string;
      placement_types: string[];
      registered_on: string;
      closed_on: string | null;
      approved_places: number | null;
      specialisms: string[];
      disability_specialisms: string[];
      weekly_cost_pence: number | null;
      provider_code: string | null;
      ofsted_judgement: string | null;
    }>(
      `SELECT s.*, p.provider_code, p.ofsted_judgement
         FROM ${this.t('settings')} s LEFT JOIN ${this.t('providers')} p ON p.provider_id = s.provider_id
        WHERE s.host_local_authority = ANY($1) ORDER BY s.setting_id`,
      [areas],
    );
    const vacancies = await this.sql.query<{
      vacancy_id: string;
      host_local_authority: string;
      placement_types: string[];
      places: number;
      opened_at: string;
      closed_at: string | null;
      close_cause: 'withdrawn' | 'filled' | 'setting-closed' | null;
      confirmed_at: string[] | null;
    }>(
      `SELECT v.vacancy_id, s.host_local_authority, s.placement_types, v.places, v.opened_at, v.closed_at, v.close_cause,
              (SELECT array_agg(c.at ORDER BY c.at) FROM ${this.t('vacancy_confirmations')} c WHERE c.vacancy_id = v.vacancy_id) AS confirmed_at
         FROM ${this.t('vacancies')} v JOIN ${this.t('settings')} s ON s.setting_id = v.setting_id
        WHERE s.host_local_authority = ANY($1) ORDER BY v.vacancy_id`,
      [areas],
    );
    const fills = await this.sql.query<{ host_local_authority: string; filled_at: string }>(
      `SELECT s.host_local_authority, f.filled_at
         FROM ${this.t('vacancy_fills')} f JOIN ${this.t('settings')} s ON s.setting_id = f.setting_id
        WHERE s.host_local_authority = ANY($1)`,
      [areas],
    );
    return {
      settings: settings.rows.map((r) => ({
        settingId: r.setting_id,
        hostLocalAuthority: r.host_local_authority,
        placementTypes: r.placement_types,
        registeredOn: r.registered_on,
        closedOn: r.closed_on,
        approvedPlaces: r.approved_places,
        specialisms: r.specialisms,
        disabilitySpecialisms: r.disability_specialisms,
        providerCode: r.provider_code,
        ofstedJudgement: r.ofsted_judgement,
        weeklyCostPence: r.weekly_cost_pence,
      })),
      vacancies: vacancies.rows.map((r) => ({
        vacancyId: r.vacancy_id,
        hostLocalAuthority: r.host_local_authority,
        placementTypes: r.placement_types,
        places: r.places,
        openedAt: r.opened_at,
        closedAt: r.closed_at,
        closeCause: r.close_cause,
        confirmedAt: r.confirmed_at ?? [],
      })),
      fills: fills.rows.map((r) => ({ hostLocalAuthority: r.host_local_authority, filledAt: r.filled_at })),
    };
  }

  /** Requests of these authorities raised by `to`, their searches, decisions and the placements made from them. */
  async gapFacts(areas: readonly string[], to: string): Promise<GapFacts> {
    const requests = await this.sql.query<{
      request_id: string;
      local_authority: string;
      requested_on: string;
      withdrawn_on: string | null;
      child_id: string;
      cin_category: string | null;
      age_on: string | null;
      age_months: number | null;
      birth_month: string | null;
      decided_at: string | null;
    }>(
      `SELECT r.request_id, r.local_authority, r.requested_on, r.withdrawn_on, rc.child_id, c.cin_category, c.age_on,
              c.age_months, c.birth_month, d.decided_at
         FROM ${this.t('requests')} r
         JOIN ${this.t('request_children')} rc ON rc.request_id = r.request_id
         LEFT JOIN ${this.t('children')} c ON c.child_id = rc.child_id
         LEFT JOIN ${this.t('decisions')} d ON d.request_id = r.request_id AND d.child_id = rc.child_id
        WHERE r.local_authority = ANY($1) AND r.requested_on <= $2
        ORDER BY r.request_id, rc.position`,
      [areas, to],
    );
    const byRequest = new Map<string, GapFacts['requests'][number]>();
    for (const r of requests.rows) {
      const request = byRequest.get(r.request_id) ?? {
        requestId: r.request_id,
        localAuthority: r.local_authority,
        requestedOn: r.requested_on,
        withdrawnOn: r.withdrawn_on,
        children: [],
      };
      byRequest.set(r.request_id, {
        ...request,
        children: [
          ...request.children,
          { childId: r.child_id, ages: ages(r), cinCategory: r.cin_category, decidedAt: r.decided_at },
        ],
      });
    }
    const ids = [...byRequest.keys()];
    const searches = await this.sql.query<{
      request_id: string;
      search_id: string;
      run_at: string;
      result_count: number;
      results: ListedSetting[];
    }>(
      `SELECT request_id, search_id, run_at, result_count, results FROM ${this.t('searches')} WHERE request_id = ANY($1)`,
      [ids],
    );
    const placements = await this.sql.query<{
      placement_id: string;
      request_id: string;
      child_id: string;
      local_authority: string;
      setting_id: string;
      started_on: string;
      in_authority: boolean | null;
      distance_miles: number | null;
    }>(
      `SELECT placement_id, request_id, child_id, local_authority, setting_id, started_on, in_authority, distance_miles
         FROM ${this.t('placements')} WHERE request_id = ANY($1)`,
      [ids],
    );
    return {
      requests: [...byRequest.values()],
      searches: searches.rows.map((r) => ({
        requestId: r.request_id,
        searchId: r.search_id,
        runAt: r.run_at,
        resultCount: r.result_count,
        results: r.results,
      })),
      placements: placements.rows.map((r) => ({
        placementId: r.placement_id,
        requestId: r.request_id,
        childId: r.child_id,
        localAuthority: r.local_authority,
        settingId: r.setting_id,
        startedOn: r.started_on,
        inAuthority: r.in_authority ?? false,
        distanceMiles: r.distance_miles === null ? null : Number(r.distance_miles),
      })),
    };
  }

  /** Children of these authorities and every placement of theirs (or placed by them), stress alerts and support. */
  async outcomeFacts(areas: readonly string[]): Promise<OutcomeFacts> {
    // A child's own record decides the authority they count under; placements made by an authority for a child
    // of another (before a transfer, say) bring that child's record along so it is counted where it belongs.
    const children = await this.sql.query<ChildRow>(
      `SELECT * FROM ${this.t('children')}
        WHERE local_authority = ANY($1)
           OR child_id IN (SELECT child_id FROM ${this.t('placements')} WHERE local_authority = ANY($1))`,
      [areas],
    );
    const placements = await this.sql.query<PlacementRow>(
      `SELECT p.*, r.emergency FROM ${this.t('placements')} p
         LEFT JOIN ${this.t('requests')} r ON r.request_id = p.request_id
        WHERE p.local_authority = ANY($1)
           OR p.child_id IN (SELECT child_id FROM ${this.t('children')} WHERE local_authority = ANY($1))`,
      [areas],
    );
    const childIds = [
      ...new Set([...children.rows.map((c) => c.child_id), ...placements.rows.map((p) => p.child_id)]),
    ];
    const statuses = await this.sql.query<{ child_id: string; on_date: string; legal_status: string }>(
      `SELECT child_id, on_date, legal_status FROM ${this.t('child_legal_statuses')} WHERE child_id = ANY($1)`,
      [childIds],
    );
    const placementIds = placements.rows.map((p) => p.placement_id);
    const alerts = await this.sql.query<{ placement_id: string; day: string }>(
      `SELECT placement_id, day FROM ${this.t('stress_alerts')} WHERE placement_id = ANY($1)`,
      [placementIds],
    );
    const support = await this.sql.query<{ placement_id: string; offered_on: string }>(
      `SELECT placement_id, offered_on FROM ${this.t('support_offers')} WHERE placement_id = ANY($1)`,
      [placementIds],
    );
    const changes = new Map<string, { on: string; legalStatus: LegalStatusCode }[]>();
    const change = (childId: string, on: string, legalStatus: string) =>
      changes.set(childId, [
        ...(changes.get(childId) ?? []),
        { on, legalStatus: legalStatus as LegalStatusCode },
      ]);
    for (const s of statuses.rows) change(s.child_id, s.on_date, s.legal_status);
    // Legal-status-only changes within a placement recorded from a return.
    for (const p of placements.rows)
      for (const c of p.legal_statuses ?? []) change(p.child_id, c.on, c.legalStatus);
    return {
      children: children.rows.map((c) => ({
        childId: c.child_id,
        localAuthority: c.local_authority ?? '',
        ages: ages(c),
        legalStatusChanges: changes.get(c.child_id) ?? [],
      })),
      placements: placements.rows.map(toPlacement),
      alerts: alerts.rows.map((a) => ({ placementId: a.placement_id, day: a.day })),
      support: support.rows.map((s) => ({ placementId: s.placement_id, offeredOn: s.offered_on })),
    };
  }

  /** Placements made by these authorities, for the forecast, and the first day the log covers anywhere. */
  async forecastFacts(
    areas: readonly string[],
  ): Promise<{ spells: ForecastSpell[]; observedFrom: string | null }> {
    const { rows } = await this.sql.query<PlacementRow>(
      `SELECT p.*, NULL::boolean AS emergency FROM ${this.t('placements')} p WHERE p.local_authority = ANY($1)`,
      [areas],
    );
    const first = await this.sql.query<{ first: string | null }>(
      `SELECT LEAST((SELECT min(started_on) FROM ${this.t('placements')}), (SELECT min(requested_on) FROM ${this.t('requests')})) AS first`,
    );
    return { spells: rows.map(toPlacement), observedFrom: first.rows[0]?.first ?? null };
  }
}
