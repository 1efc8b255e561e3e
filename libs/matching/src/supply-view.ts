import { ValidationError, parseStreamName } from '@placematch/kernel';
import type { GridRef } from '@placematch/geo';
import {
  ApprovalTerms,
  CommunicationMethod,
  OFSTED_JUDGEMENTS,
  OfstedJudgement,
  PlacementTypeCode,
  Religion,
  londonDate,
} from '@placematch/supply';
import {
  ADAPTATION_BITS,
  COMMUNICATION_BITS,
  DISABILITY_BITS,
  PURPOSE_BITS,
  RELIGION_BITS,
  RISK_BITS,
  SPECIALISM_BITS,
  groupMaskOf,
  primaryLanguage,
} from './bits';
import { SettingColumns } from './columns';
import { dayNumber, dayToDate, monthIndex } from './dates';
import { MAX_DISRUPTION_LOOKBACK_DAYS, MAX_STRESS_LOOKBACK_DAYS } from './policy';

/**
 * An event as the view takes it: the fields of the event store's `RecordedEvent` that matching reads. Supply
 * events carry their setting or provider in `streamId` (`setting-<id>`, `provider-<id>`); placements events
 * name the setting in `data`.
 */
export interface ViewEvent {
  type: string;
  data: unknown;
  streamId: string;
  /** ISO-8601 instant the store recorded it; the latest one is the view's default "today". */
  recordedAt: string;
}

/** Placements context: a child started living in a setting (the shape the view reads). */
export interface PlacementStartedData {
  placementId: string;
  settingId: string;
  providerId: string;
  /** The child's age in completed months on `startedOn`. */
  childAgeMonths: number;
  /** `YYYY-MM-DD`. */
  startedOn: string;
}

/** Placements context: a carer's KEEP-style report of one or more days (the shape the view reads). */
export interface StressReportFiledData {
  placementId: string;
  settingId: string;
  /** Per day, the checklist items that happened and those of them the carer found stressful. */
  days: { date: string; happened: string[]; stressful: string[] }[];
}

/** Placements context: a placement ended (the shape the view reads). */
export interface PlacementEndedData {
  placementId: string;
  settingId: string;
  /** `YYYY-MM-DD`. */
  endedOn: string;
  /** SSDA903 REASON_PLACE_CHANGE, such as `CREQB`. */
  reasonPlaceChange: string;
  disrupted: boolean;
}

/** SSDA903 REASON_PLACE_CHANGE "carer(s) requests placement end due to child's behaviour": a disruption. */
export const CARER_REQUESTED_END_FOR_BEHAVIOUR = 'CREQB';

/**
 * What the view knows of a provider: admissions and the latest Ofsted judgement. Shared by reference with its
 * settings, so a suspension reaches all of them at once.
 *
 * @internal read by the spatial index and the search; not part of the API.
 */
export class ProviderFacts {
  registered = false;
  suspended = false;
  deregistered = false;
  /** Registered, not suspended (M-48) and not deregistered: the only state in which a setting can be matched. */
  admitting = false;
  judgement: OfstedJudgement | null = null;
  inspectionDate: string | null = null;
  /** Slots of the settings registered under the provider. */
  readonly settingSlots: number[] = [];
  constructor(
    readonly providerId: string,
    /** Position in the view's provider columns. */
    readonly slot: number,
  ) {}

  /** Recomputes {@link admitting} after a change. */
  refresh(): void {
    this.admitting = this.registered && !this.suspended && !this.deregistered;
  }
}

/** A household as the view keeps it. The carers' ethnicities are not kept at all (M-28). */
interface HouseholdFacts {
  languages: string[];
  communicationMethods: CommunicationMethod[];
  religionsPractised: Religion[];
  otherChildrenAgeYears: number[];
  hasPets: boolean;
  asOf: string;
}

interface VacancyFacts {
  places: number;
  availableFrom: string;
  fromDay: number;
}

interface PlacementFacts {
  childAgeMonths: number;
  startedOn: string;
  /** Month index of the child's birth, estimated from the age at the start (see `monthIndex`). */
  birthMonth: number;
}

/**
 * Everything matching needs about one setting, kept current as events arrive, with the facts a search reads
 * pre-computed (bit masks, ages as birth months, open places, stress days), so a search does no per-setting
 * parsing or allocation. Mutable for speed: only {@link SupplyView} writes it.
 *
 * @internal read by the spatial index and the search; not part of the API.
 */
export class SettingFacts {
  providerId = '';
  provider: ProviderFacts | null = null;
  registered = false;
  closed = false;
  placementTypes: PlacementTypeCode[] = [];
  groupMask = 0;
  located = false;
  easting = 0;
  northing = 0;
  hostLocalAuthority = '';

  terms: ApprovalTerms | null = null;
  minAgeMonths = 0;
  /** One month past the last month of the oldest approved year. */
  maxAgeMonthsExclusive = 0;
  maxChildren = 0;
  maxFromOneSiblingGroup = 0;
  purposeMask = 0;
  riskMask = 0;
  disabilityMask = 0;
  specialismMask = 0;
  adaptationMask = 0;

  household: HouseholdFacts | null = null;
  /** Primary languages of the household, lower case, each once. */
  languages: string[] = [];
  communicationMask = 0;
  religionMask = 0;
  hasPets = false;

  readonly placements = new Map<string, PlacementFacts>();
  /** Children already living here: placed children and the household's own. */
  othersCount = 0;
  /** The latest birth month any other child here could have (the youngest of them, at the youngest). */
  latestBirthOfOthers = Number.NEGATIVE_INFINITY;
  /** The earliest birth month any other child here could have (the oldest of them, at the oldest). */
  earliestBirthOfOthers = Number.POSITIVE_INFINITY;

  readonly vacancies = new Map<string, VacancyFacts>();
  openPlaces = 0;
  /** The latest `availableFrom` of the open vacancies, as a day number: every place is free by then. */
  latestFromDay = Number.NEGATIVE_INFINITY;
  /** The earliest `availableFrom` of the open vacancies, as a day number: no place is free before then. */
  earliestFromDay = Number.POSITIVE_INFINITY;

  /** Per current placement, per day, stressful behaviours reported (M-40). */
  readonly stress = new Map<string, Map<number, number>>();
  /** Days with a stress report, ascending, and the highest count of any placement on each. */
  stressDays: number[] = [];
  stressMax: number[] = [];
  /** Per placement that ended in disruption, the day it ended (M-39). */
  readonly disruptions = new Map<string, number>();
  /** Days of the disruptions, ascending. */
  disruptionDays: number[] = [];

  /** Weekly costs by the day they take effect, ascending. */
  costs: { effectiveFrom: string; fromDay: number; amountPence: number }[] = [];

  constructor(
    readonly settingId: string,
    /** Position in the view's columns and the spatial index's buckets. */
    readonly slot: number,
  ) {}

  /** The provider's slot in the columns, -1 when the setting has no provider yet. */
  get providerSlot(): number {
    return this.provider === null ? -1 : this.provider.slot;
  }

  /** Approval terms are set. */
  get approved(): boolean {
    return this.terms !== null;
  }

  /** True when the setting belongs in the spatial index: registered, located and not closed. */
  get indexable(): boolean {
    return this.registered && this.located && !this.closed;
  }

  /** The weekly cost in effect on a day, or `null` when none is. */
  weeklyCostOn(day: number): number | null {
    let cost: number | null = null;
    for (const c of this.costs) {
      if (c.fromDay > day) break;
      cost = c.amountPence;
    }
    return cost;
  }

  /** Open places whose vacancy is available on or before `day`. */
  placesAvailableBy(day: number): number {
    if (this.openPlaces === 0 || this.latestFromDay <= day) return this.openPlaces;
    if (this.earliestFromDay > day) return 0;
    let places = 0;
    for (const v of this.vacancies.values()) if (v.fromDay <= day) places += v.places;
    return places;
  }
}

/** A read-only summary of one setting, for diagnostics and tests. */
export interface SettingSummary {
  settingId: string;
  providerId: string;
  closed: boolean;
  approved: boolean;
  placementTypes: PlacementTypeCode[];
  grid: GridRef | null;
  hostLocalAuthority: string;
  providerAdmitting: boolean;
  providerJudgement: OfstedJudgement | null;
  openPlaces: number;
  placedChildren: number;
  otherChildren: number;
  stressDaysRecorded: number;
  disruptions: number;
  weeklyCostPence: number | null;
}

/** A provider in a snapshot. */
export interface ProviderSnapshot {
  providerId: string;
  registered: boolean;
  suspended: boolean;
  deregistered: boolean;
  judgement: { judgement: OfstedJudgement; inspectionDate: string } | null;
}

/** A setting in a snapshot: the facts as folded, never the derived values (recomputed on load). */
export interface SettingSnapshot {
  settingId: string;
  providerId: string;
  registered: boolean;
  closed: boolean;
  placementTypes: PlacementTypeCode[];
  grid: GridRef | null;
  hostLocalAuthority: string;
  terms: ApprovalTerms | null;
  household: HouseholdFacts | null;
  vacancies: { vacancyId: string; places: number; availableFrom: string }[];
  placements: { placementId: string; childAgeMonths: number; startedOn: string }[];
  stress: { placementId: string; days: { date: string; stressful: number }[] }[];
  disruptions: { placementId: string; endedOn: string }[];
  costs: { effectiveFrom: string; amountPence: number }[];
}

/** The whole view as plain JSON: restart from it plus the log after `latestRecordedAt`. */
export interface SupplyViewSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_VERSION;
  latestRecordedAt: string | null;
  /** Sorted by id, so equal views give equal snapshots. */
  providers: ProviderSnapshot[];
  settings: SettingSnapshot[];
}

/** The `format` of a {@link SupplyViewSnapshot}. */
export const SNAPSHOT_FORMAT = 'placematch/matching-supply-view';
/** The `version` of a {@link SupplyViewSnapshot}; bumped when its shape changes. */
export const SNAPSHOT_VERSION = 1;

/** Called with a setting whose place in the spatial index may have changed (registered, moved, closed). */
export type SettingLocationListener = (setting: SettingFacts) => void;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The supply as matching sees it: every setting with its provider, placement types, location, host authority,
 * approval terms, household, children placed, open places, recent stress and disruptions, Ofsted judgement,
 * suspension and cost, folded from recorded events (supply's and the placements context's). Pure and in
 * memory: no clock (its "today" is the date in England of the latest event applied) and no I/O.
 *
 * `apply` never throws: events are facts, so one it cannot use is ignored, as is any type it does not know.
 * Deliberately not kept: the carers' ethnicities (M-28) and the skill tier (M-38), so no search can use them.
 */
export class SupplyView {
  private readonly providers = new Map<string, ProviderFacts>();
  private readonly settingsById = new Map<string, SettingFacts>();
  private readonly bySlot: SettingFacts[] = [];
  /** @internal the hot facts of every setting, by slot, for the index and the search. */
  readonly columns = new SettingColumns();
  private readonly listeners = new Set<SettingLocationListener>();
  private latest: string | null = null;
  private latestHour = '';
  private latestDate: string | null = null;

  /** ISO instant of the latest event applied, `null` before any. */
  get latestRecordedAt(): string | null {
    return this.latest;
  }

  /** The date in England of the latest event applied: the default "today" of a search. */
  today(): string | null {
    return this.latestDate;
  }

  /** Settings registered (open or closed). */
  get size(): number {
    let n = 0;
    for (const s of this.settingsById.values()) if (s.registered) n += 1;
    return n;
  }

  /**
   * Registers a listener for settings whose indexability or location may have changed; returns the function
   * that removes it. The spatial index uses it to stay current.
   */
  subscribe(listener: SettingLocationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** @internal every setting record, registered or not. */
  allSettings(): IterableIterator<SettingFacts> {
    return this.settingsById.values();
  }

  /** @internal the record of one setting. */
  facts(settingId: string): SettingFacts | undefined {
    return this.settingsById.get(settingId);
  }

  /** @internal the record in a slot. */
  factsAt(slot: number): SettingFacts {
    return this.bySlot[slot];
  }

  /** A summary of one registered setting, or `undefined`. */
  setting(settingId: string): SettingSummary | undefined {
    const s = this.settingsById.get(settingId);
    if (!s || !s.registered) return undefined;
    const today = this.latestDate === null ? Number.POSITIVE_INFINITY : dayNumber(this.latestDate);
    return {
      settingId: s.settingId,
      providerId: s.providerId,
      closed: s.closed,
      approved: s.terms !== null,
      placementTypes: [...s.placementTypes],
      grid: s.located ? { easting: s.easting, northing: s.northing } : null,
      hostLocalAuthority: s.hostLocalAuthority,
      providerAdmitting: s.provider?.admitting ?? false,
      providerJudgement: s.provider?.judgement ?? null,
      openPlaces: s.openPlaces,
      placedChildren: s.placements.size,
      otherChildren: s.household?.otherChildrenAgeYears.length ?? 0,
      stressDaysRecorded: s.stressDays.length,
      disruptions: s.disruptions.size,
      weeklyCostPence: s.weeklyCostOn(today),
    };
  }

  /** Applies events in order. */
  applyAll(events: Iterable<ViewEvent>): this {
    for (const e of events) this.apply(e);
    return this;
  }

  /** Folds one recorded event into the view; other types are ignored. Never throws. */
  apply(event: ViewEvent): void {
    if (!isRecord(event) || !isRecord(event.data)) return;
    this.advance(event.recordedAt);
    const data = event.data;
    let changed: SettingFacts | undefined;
    switch (event.type) {
      case 'ProviderRegistered':
      case 'OfstedJudgementRecorded':
      case 'AdmissionsSuspended':
      case 'AdmissionsRestored':
      case 'ProviderDeregistered':
        return this.applyProvider(event.type, event.streamId, data);
      case 'PlacementStarted':
      case 'StressReportFiled':
      case 'PlacementEnded':
        changed = this.applyPlacement(event.type, data);
        break;
      default:
        changed = this.applySetting(event.type, event.streamId, data);
    }
    if (changed) this.notify(changed);
  }

  private advance(recordedAt: unknown): void {
    if (typeof recordedAt !== 'string' || Number.isNaN(dayNumber(recordedAt))) return;
    if (this.latest !== null && recordedAt <= this.latest) return;
    this.latest = recordedAt;
    // The offset of England from UTC is whole hours, so the date in England changes only with the UTC hour:
    // formatting once an hour keeps a replay of millions of events cheap.
    const hour = recordedAt.slice(0, 13);
    if (hour !== this.latestHour) {
      this.latestHour = hour;
      this.latestDate = londonDate(recordedAt);
    }
  }

  private viewDay(): number {
    return this.latestDate === null ? Number.NEGATIVE_INFINITY : dayNumber(this.latestDate);
  }

  private provider(providerId: string): ProviderFacts {
    let p = this.providers.get(providerId);
    if (!p) {
      p = new ProviderFacts(providerId, this.providers.size);
      this.providers.set(providerId, p);
      this.columns.syncProvider(p.slot, p.admitting, p.judgement);
    }
    return p;
  }

  private settingRecord(settingId: string): SettingFacts {
    let s = this.settingsById.get(settingId);
    if (!s) {
      s = new SettingFacts(settingId, this.bySlot.length);
      this.settingsById.set(settingId, s);
      this.bySlot.push(s);
      this.columns.sync(s);
    }
    return s;
  }

  /** Brings the columns up to date, then tells the listeners (the spatial index). */
  private notify(s: SettingFacts): void {
    this.columns.sync(s);
    for (const listener of this.listeners) listener(s);
  }

  private applyProvider(type: string, streamId: string, data: Record<string, unknown>): void {
    const { aggregate, id } = parseStreamName(String(streamId));
    const providerId = type === 'ProviderRegistered' ? (str(data.providerId) ?? id) : id;
    if (aggregate !== 'provider' || !providerId) return;
    const p = this.provider(providerId);
    switch (type) {
      case 'ProviderRegistered':
        p.registered = true;
        break;
      case 'OfstedJudgementRecorded': {
        const judgement = data.judgement as OfstedJudgement;
        const date = str(data.inspectionDate);
        if (!OFSTED_JUDGEMENTS.includes(judgement) || !date) return;
        // The latest by inspection date, as supply's latestJudgement: an imported older report never hides a newer.
        if (p.inspectionDate === null || date >= p.inspectionDate) {
          p.judgement = judgement;
          p.inspectionDate = date;
        }
        break;
      }
      case 'AdmissionsSuspended':
        if (!p.deregistered) p.suspended = true;
        break;
      case 'AdmissionsRestored':
        p.suspended = false;
        break;
      case 'ProviderDeregistered':
        p.deregistered = true;
        break;
    }
    p.refresh();
    this.columns.syncProvider(p.slot, p.admitting, p.judgement);
    // A suspension or its end changes whether every setting of the provider can be matched (M-48).
    for (const slot of p.settingSlots) {
      const s = this.bySlot[slot];
      if (s.provider === p) this.notify(s);
    }
  }

  /** Folds a setting event; returns the setting it may have changed. */
  private applySetting(
    type: string,
    streamId: string,
    data: Record<string, unknown>,
  ): SettingFacts | undefined {
    const { aggregate, id } = parseStreamName(String(streamId));
    if (aggregate !== 'setting') return undefined;
    const settingId = type === 'SettingRegistered' ? (str(data.settingId) ?? id) : id;
    if (!settingId) return undefined;
    switch (type) {
      case 'SettingRegistered':
        return this.register(this.settingRecord(settingId), data);
      case 'ApprovalTermsSet': {
        const s = this.settingRecord(settingId);
        setTerms(s, data as unknown as ApprovalTerms);
        return s;
      }
      case 'HouseholdProfileUpdated': {
        const s = this.settingRecord(settingId);
        setHousehold(s, householdFrom(data));
        return s;
      }
      case 'WeeklyCostSet': {
        const effectiveFrom = str(data.effectiveFrom);
        const amountPence = data.amountPence;
        if (!effectiveFrom || typeof amountPence !== 'number' || !Number.isFinite(amountPence))
          return undefined;
        const s = this.settingRecord(settingId);
        addCost(s, effectiveFrom, amountPence, this.viewDay());
        return s;
      }
      case 'SettingClosed': {
        const s = this.settingRecord(settingId);
        s.closed = true;
        s.vacancies.clear();
        refreshVacancies(s);
        return s;
      }
      case 'VacancyOpened':
      case 'VacancyChanged': {
        const vacancyId = str(data.vacancyId);
        const availableFrom = str(data.availableFrom);
        const places = data.places;
        if (!vacancyId || !availableFrom || typeof places !== 'number' || places < 0) return undefined;
        const s = this.settingRecord(settingId);
        if (s.closed || (type === 'VacancyChanged' && !s.vacancies.has(vacancyId))) return undefined;
        s.vacancies.set(vacancyId, { places, availableFrom, fromDay: dayNumber(availableFrom) });
        refreshVacancies(s);
        return s;
      }
      case 'VacancyFilled': {
        const vacancyId = str(data.vacancyId);
        const s = this.settingsById.get(settingId);
        const vacancy = vacancyId ? s?.vacancies.get(vacancyId) : undefined;
        if (!s || !vacancy || typeof data.placesLeft !== 'number') return undefined;
        vacancy.places = data.placesLeft;
        if (vacancy.places <= 0) s.vacancies.delete(vacancyId as string);
        refreshVacancies(s);
        return s;
      }
      case 'VacancyClosed': {
        const s = this.settingsById.get(settingId);
        if (!s || !s.vacancies.delete(String(data.vacancyId))) return undefined;
        refreshVacancies(s);
        return s;
      }
      default:
        // PlaceReleased frees a place without reopening a vacancy; VacancyConfirmed,
        // VacancyConfirmationRequested (staleness is not a matching fact), SkillLevelRecorded (M-38) and the rest
        // change nothing matching reads.
        return undefined;
    }
  }

  private register(s: SettingFacts, data: Record<string, unknown>): SettingFacts | undefined {
    const providerId = str(data.providerId);
    const location = isRecord(data.location) ? data.location : undefined;
    const grid = location && isRecord(location.gridReference) ? location.gridReference : undefined;
    if (!providerId || !grid || typeof grid.easting !== 'number' || typeof grid.northing !== 'number') {
      return undefined;
    }
    s.registered = true;
    s.providerId = providerId;
    s.provider = this.provider(providerId);
    if (!s.provider.settingSlots.includes(s.slot)) s.provider.settingSlots.push(s.slot);
    s.placementTypes = Array.isArray(data.placementTypes)
      ? [...(data.placementTypes as PlacementTypeCode[])]
      : [];
    s.groupMask = groupMaskOf(s.placementTypes);
    s.located = true;
    s.easting = grid.easting;
    s.northing = grid.northing;
    s.hostLocalAuthority = str(data.hostLocalAuthority) ?? '';
    return s;
  }

  /** Folds a placements event; returns the setting it may have changed. */
  private applyPlacement(type: string, data: Record<string, unknown>): SettingFacts | undefined {
    const settingId = str(data.settingId);
    const placementId = str(data.placementId);
    if (!settingId || !placementId) return undefined;
    const s = this.settingRecord(settingId);
    switch (type) {
      case 'PlacementStarted': {
        const startedOn = str(data.startedOn);
        const age = data.childAgeMonths;
        if (!startedOn || typeof age !== 'number' || !Number.isFinite(age)) return undefined;
        s.placements.set(placementId, {
          childAgeMonths: age,
          startedOn,
          birthMonth: monthIndex(startedOn) - age,
        });
        refreshOthers(s);
        return s;
      }
      case 'StressReportFiled': {
        if (!s.placements.has(placementId) || !Array.isArray(data.days)) return undefined;
        const oldest = this.viewDay() - MAX_STRESS_LOOKBACK_DAYS;
        let days = s.stress.get(placementId);
        if (!days) {
          days = new Map();
          s.stress.set(placementId, days);
        }
        for (const d of data.days as unknown[]) {
          if (!isRecord(d) || !Array.isArray(d.stressful)) continue;
          const day = dayNumber(String(d.date));
          // A later report of the same day replaces the earlier one: it is the carer's correction.
          if (!Number.isNaN(day) && day >= oldest) days.set(day, d.stressful.length);
        }
        refreshStress(s, oldest);
        return s;
      }
      case 'PlacementEnded': {
        s.placements.delete(placementId);
        // The stress of a placement that has ended no longer weighs on the carer; a breakdown is kept below.
        s.stress.delete(placementId);
        const endedOn = str(data.endedOn);
        if (
          (data.disrupted === true || data.reasonPlaceChange === CARER_REQUESTED_END_FOR_BEHAVIOUR) &&
          endedOn
        ) {
          s.disruptions.set(placementId, dayNumber(endedOn));
        }
        refreshDisruptions(s, this.viewDay() - MAX_DISRUPTION_LOOKBACK_DAYS);
        refreshStress(s, this.viewDay() - MAX_STRESS_LOOKBACK_DAYS);
        refreshOthers(s);
        return s;
      }
      default:
        return undefined;
    }
  }

  /** The whole view as plain JSON (see {@link SupplyViewSnapshot}). */
  snapshot(): SupplyViewSnapshot {
    const providers = [...this.providers.values()]
      .sort((a, b) => byId(a.providerId, b.providerId))
      .map((p) => ({
        providerId: p.providerId,
        registered: p.registered,
        suspended: p.suspended,
        deregistered: p.deregistered,
        judgement:
          p.judgement === null || p.inspectionDate === null
            ? null
            : { judgement: p.judgement, inspectionDate: p.inspectionDate },
      }));
    const settings = [...this.settingsById.values()]
      .sort((a, b) => byId(a.settingId, b.settingId))
      .map((s): SettingSnapshot => ({
        settingId: s.settingId,
        providerId: s.providerId,
        registered: s.registered,
        closed: s.closed,
        placementTypes: [...s.placementTypes],
        grid: s.located ? { easting: s.easting, northing: s.northing } : null,
        hostLocalAuthority: s.hostLocalAuthority,
        terms: s.terms === null ? null : copyTerms(s.terms),
        household: s.household === null ? null : copyHousehold(s.household),
        vacancies: [...s.vacancies.entries()]
          .sort(([a], [b]) => byId(a, b))
          .map(([vacancyId, v]) => ({ vacancyId, places: v.places, availableFrom: v.availableFrom })),
        placements: [...s.placements.entries()]
          .sort(([a], [b]) => byId(a, b))
          .map(([placementId, p]) => ({
            placementId,
            childAgeMonths: p.childAgeMonths,
            startedOn: p.startedOn,
          })),
        stress: [...s.stress.entries()]
          .sort(([a], [b]) => byId(a, b))
          .map(([placementId, days]) => ({
            placementId,
            days: [...days.entries()]
              .sort(([a], [b]) => a - b)
              .map(([day, stressful]) => ({ date: dayToDate(day), stressful })),
          })),
        disruptions: [...s.disruptions.entries()]
          .sort(([a], [b]) => byId(a, b))
          .map(([placementId, day]) => ({ placementId, endedOn: dayToDate(day) })),
        costs: s.costs.map(({ effectiveFrom, amountPence }) => ({ effectiveFrom, amountPence })),
      }));
    return {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      latestRecordedAt: this.latest,
      providers,
      settings,
    };
  }

  /**
   * A view restored from {@link snapshot}'s output; apply the log after `latestRecordedAt` to bring it up to date.
   *
   * @throws ValidationError `SNAPSHOT.UNSUPPORTED` when the format or version is not this one.
   */
  static fromSnapshot(snapshot: SupplyViewSnapshot): SupplyView {
    if (!isRecord(snapshot) || snapshot.format !== SNAPSHOT_FORMAT || snapshot.version !== SNAPSHOT_VERSION) {
      throw new ValidationError(
        'SNAPSHOT.UNSUPPORTED',
        `Expected a ${SNAPSHOT_FORMAT} snapshot, version ${SNAPSHOT_VERSION}`,
      );
    }
    const view = new SupplyView();
    if (snapshot.latestRecordedAt !== null) view.advance(snapshot.latestRecordedAt);
    for (const p of snapshot.providers) {
      const facts = view.provider(p.providerId);
      facts.registered = p.registered;
      facts.suspended = p.suspended;
      facts.deregistered = p.deregistered;
      facts.judgement = p.judgement?.judgement ?? null;
      facts.inspectionDate = p.judgement?.inspectionDate ?? null;
      facts.refresh();
      view.columns.syncProvider(facts.slot, facts.admitting, facts.judgement);
    }
    for (const snap of snapshot.settings) {
      const s = view.settingRecord(snap.settingId);
      s.registered = snap.registered;
      s.closed = snap.closed;
      s.providerId = snap.providerId;
      s.provider = snap.providerId ? view.provider(snap.providerId) : null;
      if (s.provider && s.registered) s.provider.settingSlots.push(s.slot);
      s.placementTypes = [...snap.placementTypes];
      s.groupMask = groupMaskOf(s.placementTypes);
      s.located = snap.grid !== null;
      s.easting = snap.grid?.easting ?? 0;
      s.northing = snap.grid?.northing ?? 0;
      s.hostLocalAuthority = snap.hostLocalAuthority;
      if (snap.terms !== null) setTerms(s, snap.terms);
      if (snap.household !== null) setHousehold(s, copyHousehold(snap.household));
      for (const v of snap.vacancies) {
        s.vacancies.set(v.vacancyId, {
          places: v.places,
          availableFrom: v.availableFrom,
          fromDay: dayNumber(v.availableFrom),
        });
      }
      refreshVacancies(s);
      for (const p of snap.placements) {
        s.placements.set(p.placementId, {
          childAgeMonths: p.childAgeMonths,
          startedOn: p.startedOn,
          birthMonth: monthIndex(p.startedOn) - p.childAgeMonths,
        });
      }
      refreshOthers(s);
      for (const { placementId, days } of snap.stress) {
        s.stress.set(placementId, new Map(days.map((d) => [dayNumber(d.date), d.stressful])));
      }
      refreshStress(s, Number.NEGATIVE_INFINITY);
      for (const d of snap.disruptions) s.disruptions.set(d.placementId, dayNumber(d.endedOn));
      refreshDisruptions(s, Number.NEGATIVE_INFINITY);
      s.costs = snap.costs.map((c) => ({ ...c, fromDay: dayNumber(c.effectiveFrom) }));
      view.columns.sync(s);
    }
    return view;
  }
}

const list = <T>(v: unknown): T[] => (Array.isArray(v) ? [...(v as T[])] : []);

const copyTerms = (t: ApprovalTerms): ApprovalTerms => ({
  ageRange: { minYears: t.ageRange.minYears, maxYears: t.ageRange.maxYears },
  maxChildren: t.maxChildren,
  maxFromOneSiblingGroup: t.maxFromOneSiblingGroup,
  purposes: list(t.purposes),
  disabilitySpecialisms: list(t.disabilitySpecialisms),
  specialisms: list(t.specialisms),
  adaptations: list(t.adaptations),
  manageableRisks: list(t.manageableRisks),
});

const copyHousehold = (h: HouseholdFacts): HouseholdFacts => ({
  languages: list(h.languages),
  communicationMethods: list(h.communicationMethods),
  religionsPractised: list(h.religionsPractised),
  otherChildrenAgeYears: list(h.otherChildrenAgeYears),
  hasPets: h.hasPets,
  asOf: h.asOf,
});

const setTerms = (s: SettingFacts, terms: ApprovalTerms): void => {
  if (!isRecord(terms) || !isRecord(terms.ageRange)) return;
  s.terms = copyTerms(terms);
  s.minAgeMonths = terms.ageRange.minYears * 12;
  s.maxAgeMonthsExclusive = (terms.ageRange.maxYears + 1) * 12;
  s.maxChildren = terms.maxChildren;
  s.maxFromOneSiblingGroup = terms.maxFromOneSiblingGroup;
  s.purposeMask = PURPOSE_BITS.mask(terms.purposes);
  s.riskMask = RISK_BITS.mask(terms.manageableRisks);
  s.disabilityMask = DISABILITY_BITS.mask(terms.disabilitySpecialisms);
  s.specialismMask = SPECIALISM_BITS.mask(terms.specialisms);
  s.adaptationMask = ADAPTATION_BITS.mask(terms.adaptations);
};

const householdFrom = (data: Record<string, unknown>): HouseholdFacts => {
  return {
    // M-28: carerEthnicities is read from no event and kept nowhere; religionNotes and smoking are not needs
    // a search takes.
    languages: list<string>(data.languages).filter((l) => typeof l === 'string'),
    communicationMethods: list<CommunicationMethod>(data.communicationMethods),
    religionsPractised: list<Religion>(data.religionsPractised),
    otherChildrenAgeYears: list<{ ageYears: number }>(data.otherChildren)
      .map((c) => (isRecord(c) ? c.ageYears : undefined))
      .filter((a): a is number => typeof a === 'number' && Number.isFinite(a)),
    hasPets: Array.isArray(data.pets) && data.pets.length > 0,
    asOf: str(data.asOf) ?? '',
  };
};

const setHousehold = (s: SettingFacts, household: HouseholdFacts): void => {
  s.household = household;
  s.languages = [...new Set(household.languages.map(primaryLanguage))];
  s.communicationMask = COMMUNICATION_BITS.mask(household.communicationMethods);
  s.religionMask = RELIGION_BITS.mask(household.religionsPractised);
  s.hasPets = household.hasPets;
  refreshOthers(s);
};

// Ages are compared as birth months so that they need no "today": a child placed at 60 months in March 2024 and
// a household child of 9 on a profile dated 2023 compare the same whenever the search runs. A household age
// in completed years leaves the birth month uncertain by 11 months, so each bound takes the cautious end.
const refreshOthers = (s: SettingFacts): void => {
  let count = 0;
  let latest = Number.NEGATIVE_INFINITY;
  let earliest = Number.POSITIVE_INFINITY;
  for (const p of s.placements.values()) {
    count += 1;
    if (p.birthMonth > latest) latest = p.birthMonth;
    if (p.birthMonth < earliest) earliest = p.birthMonth;
  }
  const asOf = s.household ? monthIndex(s.household.asOf) : Number.NaN;
  for (const years of s.household?.otherChildrenAgeYears ?? []) {
    count += 1;
    if (Number.isNaN(asOf)) {
      // Without the profile's date an age cannot be placed in time: make it fail both "older" and "younger".
      latest = Number.POSITIVE_INFINITY;
      earliest = Number.NEGATIVE_INFINITY;
      continue;
    }
    const latestBirth = asOf - years * 12;
    const earliestBirth = latestBirth - 11;
    if (latestBirth > latest) latest = latestBirth;
    if (earliestBirth < earliest) earliest = earliestBirth;
  }
  s.othersCount = count;
  s.latestBirthOfOthers = latest;
  s.earliestBirthOfOthers = earliest;
};

const refreshVacancies = (s: SettingFacts): void => {
  let places = 0;
  let latest = Number.NEGATIVE_INFINITY;
  let earliest = Number.POSITIVE_INFINITY;
  for (const v of s.vacancies.values()) {
    places += v.places;
    if (v.fromDay > latest) latest = v.fromDay;
    if (v.fromDay < earliest) earliest = v.fromDay;
  }
  s.openPlaces = places;
  s.latestFromDay = latest;
  s.earliestFromDay = earliest;
};

const refreshStress = (s: SettingFacts, oldest: number): void => {
  const byDay = new Map<number, number>();
  for (const days of s.stress.values()) {
    for (const [day, count] of days) {
      if (day < oldest) {
        days.delete(day);
        continue;
      }
      const max = byDay.get(day);
      if (max === undefined || count > max) byDay.set(day, count);
    }
  }
  const sorted = [...byDay.keys()].sort((a, b) => a - b);
  s.stressDays = sorted;
  s.stressMax = sorted.map((d) => byDay.get(d) as number);
};

const refreshDisruptions = (s: SettingFacts, oldest: number): void => {
  for (const [placementId, day] of s.disruptions) if (day < oldest) s.disruptions.delete(placementId);
  s.disruptionDays = [...s.disruptions.values()].sort((a, b) => a - b);
};

const addCost = (s: SettingFacts, effectiveFrom: string, amountPence: number, today: number): void => {
  const fromDay = dayNumber(effectiveFrom);
  if (Number.isNaN(fromDay)) return;
  const costs = s.costs.filter((c) => c.fromDay !== fromDay);
  costs.push({ effectiveFrom, fromDay, amountPence });
  costs.sort((a, b) => a.fromDay - b.fromDay);
  // Keep the cost in effect today and any later ones; older ones can never be read again.
  let current = -1;
  for (let i = 0; i < costs.length; i += 1) if (costs[i].fromDay <= today) current = i;
  s.costs = current > 0 ? costs.slice(current) : costs;
};
