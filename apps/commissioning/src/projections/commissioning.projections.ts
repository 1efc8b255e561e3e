import type { RecordedEvent } from '@placematch/event-store';
import { parseStreamName } from '@placematch/kernel';
import type {
  ChildDetailsUpdated,
  ChildRecorded,
  DisruptionRiskRaised,
  MatchDecided,
  PlacementEnded,
  PlacementRequested,
  PlacementStarted,
  RequestWithdrawn,
  SearchRun,
  SupportOffered,
} from '@placematch/placements';
import type { Projection } from '@placematch/projections';
import { ident, SqlExecutor } from '@placematch/sql';
import {
  ApprovalTermsSet,
  londonDate,
  OfstedJudgementRecorded,
  ProviderDeregistered,
  ProviderRegistered,
  SettingClosed,
  SettingRegistered,
  VacancyChanged,
  VacancyClosed,
  VacancyConfirmed,
  VacancyFilled,
  VacancyOpened,
  WeeklyCostSet,
} from '@placematch/supply';
import { AuthorityAssignedToRegion, searchEvidence } from '@placematch/commissioning';

/** The schema of the commissioning read model unless told otherwise. */
export const COMMISSIONING_SCHEMA = 'commissioning';

type Handler = (e: RecordedEvent, tx: SqlExecutor, t: (table: string) => string) => Promise<void>;

/** When an event happened, as the date in England: the command's time, or the store's where it has none. */
const dayOf = (e: RecordedEvent): string => londonDate(e.metadata?.occurredAt ?? e.recordedAt);
const idOf = (e: RecordedEvent): string => parseStreamName(e.streamId).id;
const data = <E extends { data: unknown }>(e: RecordedEvent): E['data'] => e.data as E['data'];

/** Builds a projection from a table script and a handler per event type. */
const projection = (
  name: string,
  version: number,
  schema: string,
  tables: (t: (table: string) => string) => string,
  handlers: Record<string, Handler>,
): Projection => {
  const s = ident(schema);
  const t = (table: string) => `${s}.${ident(table)}`;
  const names = [...tables(t).matchAll(/CREATE TABLE IF NOT EXISTS (\S+)/g)].map((m) => m[1]);
  return {
    name,
    version,
    setup: (tx) => tx.exec(`CREATE SCHEMA IF NOT EXISTS ${s};\n${tables(t)}`),
    reset: (tx) => tx.exec(`TRUNCATE ${names.join(', ')}`),
    apply: async (events, tx) => {
      for (const e of events) await handlers[e.type]?.(e, tx, t);
    },
  };
};

/**
 * Operators' assignments of authorities to regions (`AuthorityAssignedToRegion` on `region-<slug>` streams):
 * the latest for each authority. The shipped table fills in the rest at query time.
 */
export const regionsProjection = (schema = COMMISSIONING_SCHEMA): Projection =>
  projection(
    'commissioning-regions',
    1,
    schema,
    (t) => `
      CREATE TABLE IF NOT EXISTS ${t('region_assignments')} (
        local_authority text PRIMARY KEY,
        region text NOT NULL,
        reason text NOT NULL,
        assigned_at text NOT NULL
      );`,
    {
      AuthorityAssignedToRegion: async (e, tx, t) => {
        const d = data<AuthorityAssignedToRegion>(e);
        await tx.query(
          `INSERT INTO ${t('region_assignments')} (local_authority, region, reason, assigned_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (local_authority) DO UPDATE SET region = $2, reason = $3, assigned_at = $4`,
          [d.localAuthority, d.region, d.reason, d.assignedAt],
        );
      },
    },
  );

/**
 * `ChildRecordedFromReturn` (the SSDA903 history import): the clear fields commissioning reads. Typed here by
 * shape, so the projection depends on the event's published fields, not on the import's code.
 */
interface ChildFromReturn {
  childId: string;
  localAuthority: string;
  gender: string;
  ethnicity: string;
  /** `YYYY-MM`: the month of birth, in the clear. */
  birthMonth: string;
}

/** `HistoricPlacementRecorded` (a placement from an SSDA903 return): the fields the measures read. */
interface HistoricPlacement {
  placementId: string;
  childId: string;
  localAuthority: string;
  childAgeMonths: number;
  startedOn: string;
  endedOn: string | null;
  rec: string | null;
  reasonPlaceChange: string | null;
  placementType: string;
  placeProvider: string | null;
  episodes: { startedOn: string; reasonNewEpisode: string; legalStatus: string; placementType: string }[];
}

/** The coded, clear fields of `ChildRecorded` and `ChildDetailsUpdated` (the latter has only those that changed). */
type ChildCodes = Pick<ChildRecorded['data'], 'childId' | 'coarse'> &
  Partial<
    Pick<
      ChildRecorded['data'],
      'localAuthority' | 'gender' | 'ethnicity' | 'cinCategory' | 'disabilities' | 'uasc' | 'legalStatus'
    >
  >;

/**
 * Demand facts: children's coded details (never a personal field: the SSDA903 and CIN codes, UASC, and the
 * coarse age with the date it was true), their legal status over time, and placement requests with each
 * child's Placements Standard risks.
 */
export const demandProjection = (schema = COMMISSIONING_SCHEMA): Projection => {
  const child = async (e: RecordedEvent, tx: SqlExecutor, t: (table: string) => string, d: ChildCodes) => {
    await tx.query(
      `INSERT INTO ${t('children')} (child_id, local_authority, gender, ethnicity, cin_category, disabilities, uasc, age_on, age_months)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (child_id) DO UPDATE SET
         local_authority = COALESCE(excluded.local_authority, ${t('children')}.local_authority),
         gender = COALESCE(excluded.gender, ${t('children')}.gender),
         ethnicity = COALESCE(excluded.ethnicity, ${t('children')}.ethnicity),
         cin_category = COALESCE(excluded.cin_category, ${t('children')}.cin_category),
         disabilities = COALESCE(excluded.disabilities, ${t('children')}.disabilities),
         uasc = COALESCE(excluded.uasc, ${t('children')}.uasc),
         age_on = excluded.age_on,
         age_months = excluded.age_months`,
      [
        d.childId,
        d.localAuthority ?? null,
        d.gender ?? null,
        d.ethnicity ?? null,
        d.cinCategory ?? null,
        d.disabilities ?? null,
        d.uasc ?? null,
        d.coarse.asOf,
        d.coarse.ageMonths,
      ],
    );
    if (d.legalStatus !== undefined) {
      await tx.query(
        `INSERT INTO ${t('child_legal_statuses')} (child_id, on_date, legal_status) VALUES ($1, $2, $3)
         ON CONFLICT (child_id, on_date) DO UPDATE SET legal_status = $3`,
        [d.childId, d.coarse.asOf ?? dayOf(e), d.legalStatus],
      );
    }
  };
  return projection(
    'commissioning-demand',
    1,
    schema,
    (t) => `
      CREATE TABLE IF NOT EXISTS ${t('children')} (
        child_id text PRIMARY KEY,
        local_authority text,
        gender text,
        ethnicity text,
        cin_category text,
        disabilities text[],
        uasc boolean,
        age_on text,
        age_months integer,
        birth_month text
      );
      CREATE INDEX IF NOT EXISTS children_la ON ${t('children')} (local_authority);
      CREATE TABLE IF NOT EXISTS ${t('child_legal_statuses')} (
        child_id text NOT NULL,
        on_date text NOT NULL,
        legal_status text NOT NULL,
        PRIMARY KEY (child_id, on_date)
      );
      CREATE TABLE IF NOT EXISTS ${t('requests')} (
        request_id text PRIMARY KEY,
        local_authority text NOT NULL,
        requested_on text NOT NULL,
        requested_at text NOT NULL,
        urgency text NOT NULL,
        purpose text NOT NULL,
        emergency boolean NOT NULL,
        children_count integer NOT NULL,
        withdrawn_on text
      );
      CREATE INDEX IF NOT EXISTS requests_la_on ON ${t('requests')} (local_authority, requested_on);
      CREATE TABLE IF NOT EXISTS ${t('request_children')} (
        request_id text NOT NULL,
        child_id text NOT NULL,
        position integer NOT NULL,
        risks jsonb NOT NULL,
        PRIMARY KEY (request_id, child_id)
      );`,
    {
      ChildRecorded: (e, tx, t) => child(e, tx, t, data<ChildRecorded>(e)),
      ChildRecordedFromReturn: async (e, tx, t) => {
        const d = data<{ data: ChildFromReturn }>(e);
        // A child known from a return: codes and the birth month, which gives the exact age at any month end.
        await tx.query(
          `INSERT INTO ${t('children')} (child_id, local_authority, gender, ethnicity, birth_month) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (child_id) DO UPDATE SET local_authority = $2, gender = $3, ethnicity = $4, birth_month = $5`,
          [d.childId, d.localAuthority, d.gender, d.ethnicity, d.birthMonth],
        );
      },
      ChildDetailsUpdated: (e, tx, t) => child(e, tx, t, data<ChildDetailsUpdated>(e)),
      PlacementRequested: async (e, tx, t) => {
        const d = data<PlacementRequested>(e);
        const requestId = idOf(e);
        await tx.query(
          `INSERT INTO ${t('requests')} (request_id, local_authority, requested_on, requested_at, urgency, purpose, emergency, children_count)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (request_id) DO NOTHING`,
          [
            requestId,
            d.localAuthority,
            londonDate(d.requestedAt),
            d.requestedAt,
            d.urgency,
            d.purpose,
            d.emergency,
            d.children.length,
          ],
        );
        for (const [position, c] of d.children.entries()) {
          await tx.query(
            `INSERT INTO ${t('request_children')} (request_id, child_id, position, risks) VALUES ($1, $2, $3, $4::jsonb)
             ON CONFLICT (request_id, child_id) DO NOTHING`,
            [requestId, c.childId, position, JSON.stringify(c.risks ?? {})],
          );
        }
      },
      RequestWithdrawn: async (e, tx, t) => {
        const d = data<RequestWithdrawn>(e);
        await tx.query(`UPDATE ${t('requests')} SET withdrawn_on = $2 WHERE request_id = $1`, [
          idOf(e),
          londonDate(d.withdrawnAt),
        ]);
      },
    },
  );
};

/** Gap facts: each search's evidence (the settings it listed, with distance and authority) and each decision. */
export const gapsProjection = (schema = COMMISSIONING_SCHEMA): Projection =>
  projection(
    'commissioning-gaps',
    1,
    schema,
    (t) => `
      CREATE TABLE IF NOT EXISTS ${t('searches')} (
        request_id text NOT NULL,
        search_id text NOT NULL,
        run_at text NOT NULL,
        result_count integer NOT NULL,
        results jsonb NOT NULL,
        PRIMARY KEY (request_id, search_id)
      );
      CREATE TABLE IF NOT EXISTS ${t('decisions')} (
        request_id text NOT NULL,
        child_id text NOT NULL,
        setting_id text NOT NULL,
        decided_at text NOT NULL,
        emergency boolean NOT NULL,
        PRIMARY KEY (request_id, child_id)
      );`,
    {
      SearchRun: async (e, tx, t) => {
        const d = data<SearchRun>(e);
        const evidence = searchEvidence(d);
        await tx.query(
          `INSERT INTO ${t('searches')} (request_id, search_id, run_at, result_count, results) VALUES ($1, $2, $3, $4, $5::jsonb)
           ON CONFLICT (request_id, search_id) DO NOTHING`,
          [idOf(e), d.searchId, d.runAt, evidence.resultCount, JSON.stringify(evidence.results)],
        );
      },
      MatchDecided: async (e, tx, t) => {
        const d = data<MatchDecided>(e);
        for (const childId of d.childIds) {
          await tx.query(
            `INSERT INTO ${t('decisions')} (request_id, child_id, setting_id, decided_at, emergency) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (request_id, child_id) DO NOTHING`,
            [idOf(e), childId, d.settingId, d.decidedAt, d.emergency],
          );
        }
      },
    },
  );

/**
 * Outcome facts: every placement as an SSDA903 episode (start, end, codes, distance, authority, cost), stress
 * alerts (`DisruptionRiskRaised`) and support offered after them.
 */
export const outcomesProjection = (schema = COMMISSIONING_SCHEMA): Projection =>
  projection(
    'commissioning-outcomes',
    1,
    schema,
    (t) => `
      CREATE TABLE IF NOT EXISTS ${t('placements')} (
        placement_id text PRIMARY KEY,
        child_id text NOT NULL,
        request_id text,
        local_authority text NOT NULL,
        setting_id text,
        provider_id text,
        started_on text NOT NULL,
        ended_on text,
        reason_new_episode text NOT NULL,
        legal_status text NOT NULL,
        placement_type text NOT NULL,
        place_provider text NOT NULL,
        rec text,
        reason_place_change text,
        disrupted boolean,
        in_authority boolean,
        distance_miles double precision,
        weekly_cost_pence integer,
        child_age_months integer NOT NULL,
        source text NOT NULL DEFAULT 'live',
        legal_statuses jsonb NOT NULL DEFAULT '[]'
      );
      CREATE INDEX IF NOT EXISTS placements_la ON ${t('placements')} (local_authority);
      CREATE INDEX IF NOT EXISTS placements_child ON ${t('placements')} (child_id);
      CREATE TABLE IF NOT EXISTS ${t('stress_alerts')} (
        placement_id text NOT NULL,
        day text NOT NULL,
        raised_at text NOT NULL,
        PRIMARY KEY (placement_id, day)
      );
      CREATE TABLE IF NOT EXISTS ${t('support_offers')} (
        placement_id text NOT NULL,
        offered_on text NOT NULL,
        recorded_at text NOT NULL,
        PRIMARY KEY (placement_id, recorded_at, offered_on)
      );`,
    {
      PlacementStarted: async (_e, tx, t) => {
        const d = data<PlacementStarted>(_e);
        await tx.query(
          `INSERT INTO ${t('placements')} (placement_id, child_id, request_id, local_authority, setting_id, provider_id, started_on,
             reason_new_episode, legal_status, placement_type, place_provider, in_authority, distance_miles, weekly_cost_pence, child_age_months)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
           ON CONFLICT (placement_id) DO NOTHING`,
          [
            d.placementId,
            d.childId,
            d.requestId,
            d.localAuthority,
            d.settingId,
            d.providerId,
            d.startedOn,
            d.reasonNewEpisode,
            d.legalStatus,
            d.placementType,
            d.placeProvider,
            d.inAuthority,
            d.distanceMiles,
            d.weeklyCostPence ?? null,
            d.childAgeMonths,
          ],
        );
      },
      HistoricPlacementRecorded: async (e, tx, t) => {
        const d = data<{ data: HistoricPlacement }>(e);
        // The placement's own episode (its first that is not a temporary move) carries its codes.
        const own = d.episodes.find((x) => x.placementType === d.placementType) ?? d.episodes[0];
        const changes = d.episodes
          .filter((x) => x.reasonNewEpisode === 'L')
          .map((x) => ({ on: x.startedOn, legalStatus: x.legalStatus }));
        // A later return replaces the placement it recorded before.
        await tx.query(
          `INSERT INTO ${t('placements')} (placement_id, child_id, request_id, local_authority, started_on, ended_on,
             reason_new_episode, legal_status, placement_type, place_provider, rec, reason_place_change, disrupted,
             in_authority, distance_miles, child_age_months, source, legal_statuses)
           VALUES ($1, $2, NULL, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, NULL, NULL, $13, 'history', $14::jsonb)
           ON CONFLICT (placement_id) DO UPDATE SET
             child_id = excluded.child_id, local_authority = excluded.local_authority, started_on = excluded.started_on,
             ended_on = excluded.ended_on, reason_new_episode = excluded.reason_new_episode,
             legal_status = excluded.legal_status, placement_type = excluded.placement_type,
             place_provider = excluded.place_provider, rec = excluded.rec,
             reason_place_change = excluded.reason_place_change, disrupted = excluded.disrupted,
             child_age_months = excluded.child_age_months, legal_statuses = excluded.legal_statuses`,
          [
            d.placementId,
            d.childId,
            d.localAuthority,
            d.startedOn,
            d.endedOn,
            own.reasonNewEpisode,
            own.legalStatus,
            d.placementType,
            d.placeProvider,
            d.rec,
            d.reasonPlaceChange,
            // A return does not say whether an ending was planned; CREQB (the carers asked for it to end because of
            // the child's behaviour) is a breakdown by definition.
            d.reasonPlaceChange === 'CREQB' ? true : null,
            d.childAgeMonths,
            JSON.stringify(changes),
          ],
        );
      },
      PlacementEnded: async (e, tx, t) => {
        const d = data<PlacementEnded>(e);
        await tx.query(
          `UPDATE ${t('placements')} SET ended_on = $2, rec = $3, reason_place_change = $4, disrupted = $5 WHERE placement_id = $1`,
          [d.placementId, d.endedOn, d.rec, d.reasonPlaceChange, d.disrupted],
        );
      },
      DisruptionRiskRaised: async (e, tx, t) => {
        const d = data<DisruptionRiskRaised>(e);
        await tx.query(
          `INSERT INTO ${t('stress_alerts')} (placement_id, day, raised_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
          [d.placementId, d.day, d.raisedAt],
        );
      },
      SupportOffered: async (e, tx, t) => {
        const d = data<SupportOffered>(e);
        await tx.query(
          `INSERT INTO ${t('support_offers')} (placement_id, offered_on, recorded_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
          [d.placementId, d.offeredOn, d.recordedAt],
        );
      },
    },
  );

/**
 * Supply facts: providers (PLACE_PROVIDER code, type, host authority, latest Ofsted judgement), settings
 * (placement types, host authority, opening and closing, approved places, specialisms, usual weekly fee) and
 * vacancies (opened, every confirmation, fills, closing).
 */
export const supplyProjection = (schema = COMMISSIONING_SCHEMA): Projection =>
  projection(
    'commissioning-supply',
    1,
    schema,
    (t) => `
      CREATE TABLE IF NOT EXISTS ${t('providers')} (
        provider_id text PRIMARY KEY,
        provider_code text NOT NULL,
        provider_type text NOT NULL,
        host_local_authority text NOT NULL,
        ofsted_judgement text,
        inspection_date text,
        deregistered_on text
      );
      CREATE TABLE IF NOT EXISTS ${t('settings')} (
        setting_id text PRIMARY KEY,
        provider_id text NOT NULL,
        host_local_authority text NOT NULL,
        placement_types text[] NOT NULL,
        registered_on text NOT NULL,
        closed_on text,
        approved_places integer,
        specialisms text[] NOT NULL DEFAULT '{}',
        disability_specialisms text[] NOT NULL DEFAULT '{}',
        weekly_cost_pence integer
      );
      CREATE INDEX IF NOT EXISTS settings_la ON ${t('settings')} (host_local_authority);
      CREATE TABLE IF NOT EXISTS ${t('vacancies')} (
        vacancy_id text PRIMARY KEY,
        setting_id text NOT NULL,
        places integer NOT NULL,
        opened_at text NOT NULL,
        closed_at text,
        close_cause text
      );
      CREATE TABLE IF NOT EXISTS ${t('vacancy_confirmations')} (
        vacancy_id text NOT NULL,
        at text NOT NULL,
        PRIMARY KEY (vacancy_id, at)
      );
      CREATE TABLE IF NOT EXISTS ${t('vacancy_fills')} (
        vacancy_id text NOT NULL,
        placement_id text NOT NULL,
        setting_id text NOT NULL,
        filled_at text NOT NULL,
        PRIMARY KEY (vacancy_id, placement_id)
      );`,
    {
      ProviderRegistered: async (e, tx, t) => {
        const d = data<ProviderRegistered>(e);
        await tx.query(
          `INSERT INTO ${t('providers')} (provider_id, provider_code, provider_type, host_local_authority) VALUES ($1, $2, $3, $4)
           ON CONFLICT (provider_id) DO UPDATE SET provider_code = $2, provider_type = $3, host_local_authority = $4`,
          [idOf(e), d.providerCode, d.providerType, d.hostLocalAuthority],
        );
      },
      OfstedJudgementRecorded: async (e, tx, t) => {
        const d = data<OfstedJudgementRecorded>(e);
        // The latest inspection decides, whatever order judgements were recorded in.
        await tx.query(
          `UPDATE ${t('providers')} SET ofsted_judgement = $2, inspection_date = $3
            WHERE provider_id = $1 AND (inspection_date IS NULL OR inspection_date <= $3)`,
          [idOf(e), d.judgement, d.inspectionDate],
        );
      },
      ProviderDeregistered: async (e, tx, t) => {
        const d = data<ProviderDeregistered>(e);
        await tx.query(`UPDATE ${t('providers')} SET deregistered_on = $2 WHERE provider_id = $1`, [
          idOf(e),
          londonDate(d.at),
        ]);
      },
      SettingRegistered: async (e, tx, t) => {
        const d = data<SettingRegistered>(e);
        await tx.query(
          `INSERT INTO ${t('settings')} (setting_id, provider_id, host_local_authority, placement_types, registered_on)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT (setting_id) DO NOTHING`,
          [d.settingId, d.providerId, d.hostLocalAuthority, d.placementTypes, dayOf(e)],
        );
      },
      ApprovalTermsSet: async (e, tx, t) => {
        const d = data<ApprovalTermsSet>(e);
        await tx.query(
          `UPDATE ${t('settings')} SET approved_places = $2, specialisms = $3, disability_specialisms = $4 WHERE setting_id = $1`,
          [idOf(e), d.maxChildren, d.specialisms, d.disabilitySpecialisms],
        );
      },
      WeeklyCostSet: async (e, tx, t) => {
        const d = data<WeeklyCostSet>(e);
        await tx.query(`UPDATE ${t('settings')} SET weekly_cost_pence = $2 WHERE setting_id = $1`, [
          idOf(e),
          d.amountPence,
        ]);
      },
      SettingClosed: async (e, tx, t) => {
        const d = data<SettingClosed>(e);
        await tx.query(`UPDATE ${t('settings')} SET closed_on = $2 WHERE setting_id = $1`, [
          idOf(e),
          londonDate(d.closedAt),
        ]);
      },
      VacancyOpened: async (e, tx, t) => {
        const d = data<VacancyOpened>(e);
        await tx.query(
          `INSERT INTO ${t('vacancies')} (vacancy_id, setting_id, places, opened_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (vacancy_id) DO NOTHING`,
          [d.vacancyId, idOf(e), d.places, d.openedAt],
        );
        await confirm(tx, t, d.vacancyId, d.openedAt);
      },
      VacancyChanged: async (e, tx, t) => {
        const d = data<VacancyChanged>(e);
        await tx.query(`UPDATE ${t('vacancies')} SET places = $2 WHERE vacancy_id = $1`, [
          d.vacancyId,
          d.places,
        ]);
        await confirm(tx, t, d.vacancyId, d.changedAt);
      },
      VacancyConfirmed: async (e, tx, t) => {
        const d = data<VacancyConfirmed>(e);
        await confirm(tx, t, d.vacancyId, d.confirmedAt);
      },
      VacancyFilled: async (e, tx, t) => {
        const d = data<VacancyFilled>(e);
        await tx.query(`UPDATE ${t('vacancies')} SET places = $2 WHERE vacancy_id = $1`, [
          d.vacancyId,
          d.placesLeft,
        ]);
        await tx.query(
          `INSERT INTO ${t('vacancy_fills')} (vacancy_id, placement_id, setting_id, filled_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT DO NOTHING`,
          [d.vacancyId, d.placementId, idOf(e), d.filledAt],
        );
      },
      VacancyClosed: async (e, tx, t) => {
        const d = data<VacancyClosed>(e);
        await tx.query(
          `UPDATE ${t('vacancies')} SET closed_at = $2, close_cause = $3 WHERE vacancy_id = $1`,
          [d.vacancyId, d.closedAt, d.cause],
        );
      },
    },
  );

const confirm = (tx: SqlExecutor, t: (table: string) => string, vacancyId: string, at: string) =>
  tx.query(
    `INSERT INTO ${t('vacancy_confirmations')} (vacancy_id, at) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
    [vacancyId, at],
  );

/** Every projection of the commissioning read model, in one schema. */
export const commissioningProjections = (schema = COMMISSIONING_SCHEMA): Projection[] => [
  regionsProjection(schema),
  demandProjection(schema),
  gapsProjection(schema),
  outcomesProjection(schema),
  supplyProjection(schema),
];
