// Synthetic fixtures for matching tests: a log of real supply events produced by supply's own deciders, the
// placements-context events the view reads, and need profiles. Every id is UUID-shaped and sequential, every
// name plainly fake; no real person is in here.
import { DomainEvent, streamName } from '@placematch/kernel';
import type { GridRef } from '@placematch/geo';
import {
  ApprovalTerms,
  HouseholdProfile,
  OfstedJudgement,
  PlacementTypeCode,
  Provider,
  ProviderCommand,
  ProviderDetails,
  ProviderId,
  Setting,
  SettingCommand,
  SettingId,
  SkillTier,
  VacancyId,
  decideProvider,
  decideSetting,
  evolveProvider,
  evolveSetting,
  initialProviderState,
  initialSettingState,
  providerStream,
  settingStream,
} from '@placematch/supply';
import { approvalTerms, householdProfile, location, providerDetails } from '@placematch/supply/testing';
import type { ChildNeed, NeedProfile } from '../need-profile';
import { METRES_PER_DFE_MILE } from '../spatial-index';
import { SupplyView, ViewEvent } from '../supply-view';

/** The instant the first fixture event is recorded: Monday 10 March 2025, 09:00 in England. */
export const START = '2025-03-10T09:00:00.000Z';

/** The date in England of {@link START}: the "today" of a view built from a fixture log. */
export const TODAY = '2025-03-10';

/** The child's home in fixtures: a grid reference in England (metres). */
export const HOME: GridRef = { easting: 424_000, northing: 564_000 };

/** The child's local authority in fixtures. */
export const HOME_LA = 'E08000021';

/** A neighbouring authority in fixtures. */
export const OTHER_LA = 'E08000037';

/** A UUID-shaped id from a number, e.g. for settings `uuidOf(101)`. */
export const uuidOf = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** The grid reference `east` and `north` DfE miles from `from` (default {@link HOME}). */
export const milesFrom = (east: number, north = 0, from: GridRef = HOME): GridRef => ({
  easting: from.easting + east * METRES_PER_DFE_MILE,
  northing: from.northing + north * METRES_PER_DFE_MILE,
});

/** The `YYYY-MM-DD` date `days` days after (negative: before) {@link TODAY}. */
export const dayOffset = (days: number, from: string = TODAY): string =>
  new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** What a fixture setting is like; everything has a default. */
export interface SettingSpec {
  providerId?: string;
  placementTypes?: PlacementTypeCode[];
  grid?: GridRef;
  hostLocalAuthority?: string;
  terms?: Partial<ApprovalTerms>;
  /** `null` for no household profile. */
  household?: Partial<HouseholdProfile> | null;
  /** Places of one vacancy opened at once (0 for none); default 2. */
  places?: number;
  availableFrom?: string;
  weeklyCostPence?: number;
  /** M-38: recorded like any fact; matching must never read it. */
  skillTier?: SkillTier;
}

/**
 * A log of recorded events built through supply's deciders (so every supply event is one the real aggregate
 * would produce) plus placements-context events in the shapes the view reads. `view()` folds it.
 */
export class FixtureLog {
  readonly events: ViewEvent[] = [];
  private readonly providers = new Map<string, Provider>();
  private readonly settings = new Map<string, Setting>();
  private tick = 0;
  private nextVacancy = 1;

  /** The instant of the next event; each event is a minute after the last. */
  private now(): string {
    return new Date(Date.parse(START) + this.tick * 60_000).toISOString();
  }

  private record(streamId: string, events: readonly DomainEvent[], at: string): void {
    for (const e of events) this.events.push({ type: e.type, data: e.data, streamId, recordedAt: at });
    this.tick += 1;
  }

  /** Runs a provider command through the provider decider and records its events. */
  providerCommand(providerId: string, command: Omit<ProviderCommand, 'at'>): this {
    const at = this.now();
    const state = this.providers.get(providerId) ?? initialProviderState();
    const events = decideProvider({ ...command, at } as ProviderCommand, state);
    this.providers.set(providerId, events.reduce(evolveProvider, state));
    this.record(providerStream(providerId as ProviderId), events, at);
    return this;
  }

  /** Runs a setting command through the setting decider and records its events. */
  settingCommand(settingId: string, command: Omit<SettingCommand, 'at'>): this {
    const at = this.now();
    const state = this.settings.get(settingId) ?? initialSettingState();
    const events = decideSetting({ ...command, at } as SettingCommand, state);
    this.settings.set(settingId, events.reduce(evolveSetting, state));
    this.record(settingStream(settingId as SettingId), events, at);
    return this;
  }

  /** Registers a provider (an independent fostering agency unless told), with an Ofsted judgement if given. */
  provider(
    providerId: string,
    options: Partial<ProviderDetails> & { judgement?: OfstedJudgement } = {},
  ): this {
    const { judgement, ...details } = options;
    this.providerCommand(providerId, {
      type: 'RegisterProvider',
      data: providerDetails({ providerId: providerId as ProviderId, ...details }),
    });
    if (judgement) {
      this.providerCommand(providerId, {
        type: 'RecordOfstedJudgement',
        data: { judgement, inspectionDate: '2024-06-01' },
      });
    }
    return this;
  }

  /** M-48: Ofsted stops the provider's admissions. */
  suspend(providerId: string): this {
    return this.providerCommand(providerId, {
      type: 'SuspendAdmissions',
      data: { reason: 'Synthetic notice' },
    });
  }

  /** Admissions allowed again. */
  restore(providerId: string): this {
    return this.providerCommand(providerId, { type: 'RestoreAdmissions', data: {} });
  }

  /**
   * Registers a setting with approval terms, a household profile, a weekly cost and a vacancy (see
   * {@link SettingSpec} for the defaults: a fostering household of the default provider, at home, inside the
   * child's authority, approved for two children aged 0 to 17 with no specialisms, two places open today).
   */
  setting(settingId: string, spec: SettingSpec = {}): this {
    const grid = spec.grid ?? HOME;
    this.settingCommand(settingId, {
      type: 'RegisterSetting',
      data: {
        settingId: settingId as SettingId,
        providerId: (spec.providerId ?? uuidOf(1)) as ProviderId,
        providerStatus: 'active',
        name: `Synthetic household ${settingId.slice(-4)}`,
        placementTypes: spec.placementTypes ?? ['U4', 'U6'],
        location: location({
          gridReference: { easting: Math.round(grid.easting), northing: Math.round(grid.northing) },
        }),
        hostLocalAuthority: spec.hostLocalAuthority ?? HOME_LA,
      },
    });
    this.settingCommand(settingId, {
      type: 'SetApprovalTerms',
      data: approvalTerms({
        ageRange: { minYears: 0, maxYears: 17 },
        purposes: ['emergency', 'short-term', 'long-term'],
        ...spec.terms,
      }),
    });
    if (spec.household !== null) {
      this.settingCommand(settingId, {
        type: 'UpdateHouseholdProfile',
        data: householdProfile({ otherChildren: [], pets: [], ...spec.household }),
      });
    }
    if (spec.weeklyCostPence !== undefined) {
      this.settingCommand(settingId, {
        type: 'SetWeeklyCost',
        data: { amountPence: spec.weeklyCostPence, effectiveFrom: '2025-01-01' },
      });
    }
    if (spec.skillTier !== undefined) {
      this.settingCommand(settingId, {
        type: 'RecordSkillLevel',
        data: { tier: spec.skillTier, assessedOn: '2025-01-01' },
      });
    }
    const places = spec.places ?? 2;
    if (places > 0) this.openVacancy(settingId, places, spec.availableFrom ?? TODAY);
    return this;
  }

  /** Opens a vacancy; returns the log (the vacancy id is `uuidOf(900000 + n)`). */
  openVacancy(settingId: string, places: number, availableFrom: string = TODAY): this {
    const vacancyId = uuidOf(900_000 + this.nextVacancy) as VacancyId;
    this.nextVacancy += 1;
    return this.settingCommand(settingId, {
      type: 'OpenVacancy',
      data: { vacancyId, places, availableFrom },
    });
  }

  /** Closes the setting for good. */
  close(settingId: string): this {
    return this.settingCommand(settingId, { type: 'CloseSetting', data: { reason: 'Synthetic closure' } });
  }

  /** Records a placements-context event on `placement-<id>`. */
  placementEvent(type: string, data: { placementId: string } & Record<string, unknown>): this {
    this.record(streamName('placement', data.placementId), [{ type, schemaVersion: 1, data }], this.now());
    return this;
  }

  /** A child of `childAgeMonths` starts living in the setting (PlacementStarted). */
  placeChild(
    settingId: string,
    placementId: string,
    childAgeMonths: number,
    startedOn: string = TODAY,
  ): this {
    return this.placementEvent('PlacementStarted', {
      placementId,
      settingId,
      providerId: uuidOf(1),
      childAgeMonths,
      startedOn,
    });
  }

  /** A KEEP-style report: per day, how many stressful behaviours (each also counted as happened). */
  reportStress(settingId: string, placementId: string, days: { date: string; stressful: number }[]): this {
    const behaviour = (i: number) => `ITEM${i}`;
    return this.placementEvent('StressReportFiled', {
      placementId,
      settingId,
      days: days.map(({ date, stressful }) => ({
        date,
        happened: Array.from({ length: stressful }, (_, i) => behaviour(i)),
        stressful: Array.from({ length: stressful }, (_, i) => behaviour(i)),
      })),
    });
  }

  /** A placement ends (PlacementEnded), disrupted or not. */
  endPlacement(
    settingId: string,
    placementId: string,
    options: { disrupted: boolean; reason?: string; endedOn?: string },
  ): this {
    return this.placementEvent('PlacementEnded', {
      placementId,
      settingId,
      endedOn: options.endedOn ?? TODAY,
      reasonPlaceChange: options.reason ?? (options.disrupted ? 'CREQB' : 'CARPL'),
      disrupted: options.disrupted,
    });
  }

  /** The view folded from the log. */
  view(): SupplyView {
    return new SupplyView().applyAll(this.events);
  }
}

/** A fresh log with the default provider ({@link uuidOf}(1)) registered, judged Good. */
export const fixtureLog = (): FixtureLog => new FixtureLog().provider(uuidOf(1), { judgement: 'Good' });

/** A child of 8 (Year 3) with no particular needs. */
export const childNeed = (overrides: Partial<ChildNeed> = {}): ChildNeed => ({
  ref: 'child-a',
  ageMonths: 8 * 12,
  yearGroup: 3,
  disabilities: [],
  adaptations: [],
  languages: ['en'],
  communication: [],
  culturalNeeds: [],
  uasc: false,
  risks: [],
  livesAlongside: 'any',
  cannotLiveWithPets: false,
  healthNeeds: [],
  ...overrides,
});

/** A short-term foster placement for one child of {@link childNeed}, needed in over 5 days, at {@link HOME}. */
export const needProfile = (overrides: Partial<NeedProfile> = {}): NeedProfile => ({
  children: [childNeed()],
  homeGrid: HOME,
  homeLocalAuthority: HOME_LA,
  purpose: 'short-term',
  urgency: 'over-5-days',
  emergency: false,
  suitability: { foster: true, residential: false, supported: false },
  secureCriteriaMet: false,
  ...overrides,
});
