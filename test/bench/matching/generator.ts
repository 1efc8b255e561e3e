// A seeded, synthetic England-scale supply of placements for bench:matching: providers, settings (foster
// households, children's homes, supported accommodation, secure homes) with approvals, households, costs,
// vacancies, children placed, KEEP stress reports and disruptions, produced by supply's and placements' own
// deciders, so every event in the log is one the real aggregates would emit. Also the need profiles searched.
//
// Geography: real postcode districts of England from geo's outcodeCentroids(). The repository holds no
// population data, so districts are sampled UNIFORMLY: postcode districts hold broadly similar numbers of
// addresses, which makes this a rough proxy for population (it under-weights dense cities and over-weights
// rural districts). Local authorities are SYNTHETIC: the table has no authority column, so each postcode area
// (the letters of the district, such as NE or B) is cut into pie slices of at most 18 districts around its
// centre, and each slice gets a made-up code E10900001, E10900002, ... of the right form. No real person,
// provider or authority is in here.
import type { DomainEvent } from '@placematch/kernel';
import { GridRef, distanceMetres, outcodeCentroids } from '@placematch/geo';
import type { ChildNeed, NeedProfile } from '@placematch/matching';
import {
  ChildId,
  PlacementCommand,
  PlacementEvent,
  RequestId,
  StressReportId,
  TaskId,
  decidePlacement,
  evolvePlacement,
  initialPlacementState,
  placementStream,
} from '@placematch/placements';
import {
  Adaptation,
  ApprovalTerms,
  DEFAULT_BEHAVIOUR_CHECKLIST,
  DisabilitySpecialism,
  EthnicityCode,
  HouseholdProfile,
  OfstedJudgement,
  PetKind,
  PlaceProviderCode,
  PlacementId,
  PlacementPurpose,
  PlacementTypeCode,
  ProviderCommand,
  ProviderId,
  ProviderType,
  Religion,
  RiskCode,
  SettingCommand,
  SettingId,
  Specialism,
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

// ---------------------------------------------------------------------------------------------------------
// Seeded randomness

/** mulberry32: a small, fast, deterministic PRNG; the same seed gives the same sequence on every machine. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
  /** A whole number from `lo` to `hi`, both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)];
  }
  /** One of the values, with the weights given (they need not sum to 1). */
  weighted<T>(options: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of options) total += w;
    let r = this.next() * total;
    for (const [v, w] of options) {
      r -= w;
      if (r < 0) return v;
    }
    return options[options.length - 1][0];
  }
  /** `k` distinct members of `list` (fewer if it is shorter), in list order. */
  sample<T>(list: readonly T[], k: number): T[] {
    const chosen = new Set<number>();
    while (chosen.size < Math.min(k, list.length)) chosen.add(Math.floor(this.next() * list.length));
    return [...chosen].sort((a, b) => a - b).map((i) => list[i]);
  }
  /** A version-4-shaped UUID drawn from the sequence. */
  uuid(): string {
    let hex = '';
    for (let i = 0; i < 4; i += 1)
      hex += (Math.floor(this.next() * 4_294_967_296) >>> 0).toString(16).padStart(8, '0');
    const variant = '89ab'[Math.floor(this.next() * 4)];
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Dates

const DAY_MS = 86_400_000;
const dayOf = new Map<string, number>();
const dateOf = new Map<number, string>();
/** Days since 1970-01-01 of a `YYYY-MM-DD` date (cached: the generator asks for the same few thousand dates). */
const dayNumber = (date: string): number => {
  let d = dayOf.get(date);
  if (d === undefined) {
    d = Date.parse(`${date}T00:00:00Z`) / DAY_MS;
    dayOf.set(date, d);
  }
  return d;
};
const dateOfDay = (day: number): string => {
  let s = dateOf.get(day);
  if (s === undefined) {
    s = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dateOf.set(day, s);
  }
  return s;
};
/** `YYYY-MM-DD` `n` days after `date`. */
export const addDays = (date: string, n: number): string => dateOfDay(dayNumber(date) + n);
const dayDiff = (a: string, b: string): number => dayNumber(a) - dayNumber(b);

/** An instant on `date` between 08:00 and 16:59 UTC (the same date in England, summer or winter). */
interface Instant {
  at: string;
  /** Minutes since 1970: orders instants without parsing them. */
  key: number;
}
const instant = (date: string, minuteOfDay: number): Instant => {
  const m = 8 * 60 + (minuteOfDay % (9 * 60));
  const at = `${date}T${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00.000Z`;
  return { at, key: dayNumber(date) * 1_440 + m };
};

// ---------------------------------------------------------------------------------------------------------
// Geography

export interface District {
  outcode: string;
  grid: GridRef;
  /** Synthetic authority code (see the header). */
  la: string;
  /** Indexes of the 6 nearest districts (itself first): where a child's school may be. */
  near: number[];
}

export interface Region {
  districts: District[];
  authorities: string[];
}

const MAX_DISTRICTS_PER_AUTHORITY = 18;

/** England's postcode districts with synthetic authorities and neighbours. */
export const englandRegion = (): Region => {
  const rows = outcodeCentroids().filter((r) => r.country === 'England');
  const byArea = new Map<string, typeof rows>();
  for (const r of rows) {
    const area = /^[A-Z]+/.exec(r.outcode)?.[0] ?? r.outcode;
    byArea.set(area, [...(byArea.get(area) ?? []), r]);
  }
  const laOf = new Map<string, string>();
  const authorities: string[] = [];
  for (const area of [...byArea.keys()].sort()) {
    const list = byArea.get(area) as typeof rows;
    const cx = list.reduce((s, r) => s + r.grid.easting, 0) / list.length;
    const cy = list.reduce((s, r) => s + r.grid.northing, 0) / list.length;
    const slices = Math.ceil(list.length / MAX_DISTRICTS_PER_AUTHORITY);
    const sorted = [...list].sort(
      (a, b) =>
        Math.atan2(a.grid.northing - cy, a.grid.easting - cx) -
          Math.atan2(b.grid.northing - cy, b.grid.easting - cx) || (a.outcode < b.outcode ? -1 : 1),
    );
    const per = Math.ceil(sorted.length / slices);
    for (let s = 0; s < slices; s += 1) {
      const code = `E10${String(900_001 + authorities.length)}`;
      authorities.push(code);
      for (const r of sorted.slice(s * per, (s + 1) * per)) laOf.set(r.outcode, code);
    }
  }
  const districts: District[] = rows.map((r) => ({
    outcode: r.outcode,
    grid: { easting: r.grid.easting, northing: r.grid.northing },
    la: laOf.get(r.outcode) as string,
    near: [],
  }));
  for (let i = 0; i < districts.length; i += 1) {
    const best: [number, number][] = [];
    for (let j = 0; j < districts.length; j += 1) {
      const d = distanceMetres(districts[i].grid, districts[j].grid);
      if (best.length === 6 && d >= best[5][1]) continue;
      let k = best.length;
      while (k > 0 && best[k - 1][1] > d) k -= 1;
      best.splice(k, 0, [j, d]);
      if (best.length > 6) best.pop();
    }
    districts[i].near = best.map(([j]) => j);
  }
  return { districts, authorities };
};

// ---------------------------------------------------------------------------------------------------------
// The log

/** An event as the store would record it (the fields the matching view and the bench's SQL projection read). */
export interface LogEvent {
  type: string;
  data: unknown;
  streamId: string;
  recordedAt: string;
}

export type SettingKind = 'foster' | 'connected' | 'home' | 'supported' | 'secure';

/** What the generator made, with counts for the report. */
export interface Supply {
  events: LogEvent[];
  today: string;
  counts: Record<SettingKind, number> & {
    settings: number;
    providers: number;
    withVacancy: number;
    placesOpen: number;
    childrenPlaced: number;
    withStressReports: number;
    withDisruptions: number;
    suspendedProviders: number;
  };
}

export interface SupplyOptions {
  seed: number;
  /** The date (in England) the log ends on: every event is on or before it. */
  today: string;
  foster?: number;
  connected?: number;
  homes?: number;
  supported?: number;
  secure?: number;
}

/**
 * Chance that a setting with a free place holds an open vacancy. Full settings hold none, so about 12% of all
 * settings end up with one (a minority, as in practice; the exact share is printed).
 */
export const VACANCY_SHARE: Record<SettingKind, number> = {
  foster: 0.19,
  connected: 0.05,
  home: 0.22,
  supported: 0.27,
  secure: 0.3,
};

const LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
const DISABILITY_WEIGHTS: readonly (readonly [DisabilitySpecialism, number])[] = [
  ['LD', 0.25],
  ['AUT', 0.25],
  ['BEH', 0.15],
  ['COMM', 0.08],
  ['MOB', 0.07],
  ['PC', 0.05],
  ['HEAR', 0.04],
  ['VIS', 0.03],
  ['INC', 0.03],
  ['HAND', 0.02],
  ['CON', 0.01],
  ['DDA', 0.02],
];
const HOUSEHOLD_LANGUAGES: readonly (readonly [string, number, EthnicityCode])[] = [
  ['pl', 3, 'WOTH'],
  ['ur', 2.5, 'APKN'],
  ['pa', 2, 'AIND'],
  ['bn', 1.2, 'ABAN'],
  ['gu', 1, 'AIND'],
  ['ar', 1, 'OOTH'],
  ['ro', 0.6, 'WOTH'],
  ['so', 0.5, 'BAFR'],
  ['tr', 0.5, 'WOTH'],
  ['ta', 0.4, 'AOTH'],
  ['pt', 0.4, 'WOTH'],
  ['fr', 0.4, 'BAFR'],
  ['yo', 0.3, 'BAFR'],
  ['es', 0.3, 'WOTH'],
  ['lt', 0.3, 'WOTH'],
  ['ku', 0.2, 'OOTH'],
  ['fa', 0.2, 'OOTH'],
  ['ti', 0.1, 'BAFR'],
  ['ps', 0.1, 'AOTH'],
  ['sq', 0.1, 'WOTH'],
  // Rarer languages, so that more than 31 are spoken in all (the engine gives the first 31 a bit each and
  // compares the rest as text: both paths are exercised).
  ...(
    [
      'cy',
      'uk',
      'ru',
      'zh',
      'vi',
      'hi',
      'te',
      'ml',
      'it',
      'de',
      'el',
      'hu',
      'cs',
      'bg',
      'he',
      'ne',
      'tl',
      'sw',
    ] as const
  ).map((l) => [l, 0.05, 'OOTH'] as const),
];
const RELIGION_WEIGHTS: readonly (readonly [Religion[], number])[] = [
  [['christian'], 0.42],
  [['no-religion'], 0.36],
  [[], 0.06],
  [['muslim'], 0.08],
  [['hindu'], 0.02],
  [['sikh'], 0.02],
  [['jewish'], 0.006],
  [['buddhist'], 0.006],
  [['other'], 0.008],
  [['christian', 'no-religion'], 0.01],
];
const COMMON_RISKS: readonly (readonly [RiskCode, number])[] = [
  ['child.going-missing', 0.2],
  ['child.self-harm', 0.15],
  ['child.drug-and-alcohol-use', 0.1],
  ['others.physical-harm', 0.12],
  ['child.sexual-exploitation', 0.08],
  ['child.criminal-exploitation', 0.1],
  ['child.eating-disorder', 0.04],
  ['child.other', 0.03],
  ['others.sexual-harm', 0.03],
  ['others.fire-setting', 0.03],
  ['others.harm-to-animals', 0.03],
  ['others.criminal-exploitation', 0.05],
  ['others.other', 0.04],
];
const ALL_RISKS = COMMON_RISKS.map(([r]) => r);
const JUDGEMENTS: readonly (readonly [OfstedJudgement | null, number])[] = [
  ['Outstanding', 0.14],
  ['Good', 0.66],
  ['Requires improvement', 0.15],
  ['Inadequate', 0.03],
  [null, 0.02],
];
const ITEMS = DEFAULT_BEHAVIOUR_CHECKLIST.items.map((i) => i.code);

interface ProviderSpec {
  providerId: ProviderId;
  urn: string;
  type: ProviderType;
  code: PlaceProviderCode;
  la: string;
  suspended: boolean;
}

/** Records decided events in a list, one aggregate at a time, with the state the decider needs. */
class Recorder {
  readonly records: { at: Instant; seq: number; streamId: string; events: readonly DomainEvent[] }[] = [];
  private seq = 0;
  record(at: Instant, streamId: string, events: readonly DomainEvent[]): void {
    if (events.length > 0) this.records.push({ at, seq: (this.seq += 1), streamId, events });
  }
  /** Every event in the order of its instant (ties in the order decided): the order the store would hold. */
  log(): LogEvent[] {
    const sorted = this.records.sort((a, b) => a.at.key - b.at.key || a.seq - b.seq);
    const out: LogEvent[] = [];
    for (const r of sorted) {
      for (const e of r.events)
        out.push({ type: e.type, data: e.data, streamId: r.streamId, recordedAt: r.at.at });
    }
    return out;
  }
}

/** A command of one setting at an instant, run in time order through the setting decider. */
type Step =
  | { at: Instant; kind: 'setting'; command: Omit<SettingCommand, 'at'> }
  | { at: Instant; kind: 'placement'; placementId: PlacementId; command: Omit<PlacementCommand, 'at'> };

/**
 * Generates the supply: providers and settings with their whole history, as recorded events in time order.
 * Deterministic for a seed and a `today`.
 */
export const generateSupply = (region: Region, options: SupplyOptions): Supply => {
  const rng = new Rng(options.seed);
  const today = options.today;
  const rec = new Recorder();
  const n = {
    foster: options.foster ?? 39_000,
    connected: options.connected ?? 3_000,
    home: options.homes ?? 3_500,
    supported: options.supported ?? 486,
    secure: options.secure ?? 14,
  };
  const counts: Supply['counts'] = {
    ...n,
    settings: 0,
    providers: 0,
    withVacancy: 0,
    placesOpen: 0,
    childrenPlaced: 0,
    withStressReports: 0,
    withDisruptions: 0,
    suspendedProviders: 0,
  };
  let urn = 100_000;
  const nextUrn = () => `SC${String((urn += rng.int(1, 7)))}`;
  const districtsByLa = new Map<string, number[]>();
  region.districts.forEach((d, i) => districtsByLa.set(d.la, [...(districtsByLa.get(d.la) ?? []), i]));

  // Providers: a fostering service per authority, independent fostering agencies, home operators (a few
  // large groups and many small ones), supported accommodation providers, and authorities running secure homes.
  const providers: ProviderSpec[] = [];
  const provider = (type: ProviderType, code: PlaceProviderCode, la: string): ProviderSpec => {
    const p: ProviderSpec = {
      providerId: rng.uuid() as ProviderId,
      urn: nextUrn(),
      type,
      code,
      la,
      suspended: type !== 'local-authority-fostering-service' && rng.chance(0.01),
    };
    providers.push(p);
    return p;
  };
  const laServices = new Map(
    region.authorities.map((la) => [la, provider('local-authority-fostering-service', 'PR1', la)]),
  );
  const ifas = Array.from({ length: 300 }, () =>
    provider('independent-fostering-agency', rng.chance(0.8) ? 'PR4' : 'PR5', rng.pick(region.authorities)),
  );
  const operators = Array.from({ length: 650 }, () =>
    provider(
      'childrens-home-operator',
      rng.weighted([
        ['PR4', 0.75],
        ['PR1', 0.17],
        ['PR5', 0.08],
      ] as const),
      rng.pick(region.authorities),
    ),
  );
  const supportedProviders = Array.from({ length: 160 }, () =>
    provider(
      'supported-accommodation-provider',
      rng.chance(0.85) ? 'PR4' : 'PR5',
      rng.pick(region.authorities),
    ),
  );
  const zipf = (list: readonly ProviderSpec[]) => list.map((p, i) => [p, 1 / Math.pow(i + 1, 0.8)] as const);
  const ifaWeights = zipf(ifas);
  const operatorWeights = zipf(operators);
  const supportedWeights = zipf(supportedProviders);

  for (const p of providers) {
    let state = initialProviderState();
    const run = (at: Instant, command: Omit<ProviderCommand, 'at'>) => {
      const events = decideProvider({ ...command, at: at.at } as ProviderCommand, state);
      state = events.reduce(evolveProvider, state);
      rec.record(at, providerStream(p.providerId), events);
    };
    const registered = addDays(today, -rng.int(1_500, 2_500));
    run(instant(registered, rng.int(0, 500)), {
      type: 'RegisterProvider',
      data: {
        providerId: p.providerId,
        name: `Synthetic ${p.type.replace(/-/g, ' ')} ${p.urn}`,
        ofstedUrn: p.urn,
        providerCode: p.code,
        hostLocalAuthority: p.la,
        providerType: p.type,
      },
    });
    const judgement = rng.weighted(JUDGEMENTS);
    if (judgement !== null) {
      // Two inspections for some, so the latest one must win.
      if (rng.chance(0.3)) {
        const earlier = addDays(today, -rng.int(1_000, 1_400));
        run(instant(earlier, rng.int(0, 500)), {
          type: 'RecordOfstedJudgement',
          data: { judgement: rng.weighted(JUDGEMENTS) ?? 'Good', inspectionDate: earlier },
        });
      }
      const inspected = addDays(today, -rng.int(30, 900));
      run(instant(inspected, rng.int(0, 500)), {
        type: 'RecordOfstedJudgement',
        data: { judgement, inspectionDate: inspected },
      });
    }
    if (p.suspended) {
      counts.suspendedProviders += 1;
      run(instant(addDays(today, -rng.int(1, 25)), rng.int(0, 500)), {
        type: 'SuspendAdmissions',
        data: { reason: 'Synthetic notice: admissions stopped pending improvement' },
      });
    }
  }
  counts.providers = providers.length;

  const kinds: SettingKind[] = [
    ...new Array<SettingKind>(n.foster).fill('foster'),
    ...new Array<SettingKind>(n.connected).fill('connected'),
    ...new Array<SettingKind>(n.home).fill('home'),
    ...new Array<SettingKind>(n.supported).fill('supported'),
    ...new Array<SettingKind>(n.secure).fill('secure'),
  ];
  let serial = 0;
  for (const kind of kinds) {
    serial += 1;
    const districtIndex = rng.int(0, region.districts.length - 1);
    const district = region.districts[districtIndex];
    const p =
      kind === 'foster'
        ? rng.chance(0.55)
          ? (laServices.get(district.la) as ProviderSpec)
          : rng.weighted(ifaWeights)
        : kind === 'connected'
          ? (laServices.get(district.la) as ProviderSpec)
          : kind === 'home'
            ? rng.weighted(operatorWeights)
            : kind === 'supported'
              ? rng.weighted(supportedWeights)
              : provider('childrens-home-operator', 'PR1', district.la);
    if (kind === 'secure') {
      p.suspended = false;
      // A secure home's authority is registered here, with its own history.
      let state = initialProviderState();
      const reg = addDays(today, -2_000);
      for (const [at, command] of [
        [
          instant(reg, 0),
          {
            type: 'RegisterProvider',
            data: {
              providerId: p.providerId,
              name: `Synthetic secure children's home authority ${p.urn}`,
              ofstedUrn: p.urn,
              providerCode: 'PR1',
              hostLocalAuthority: p.la,
              providerType: 'childrens-home-operator',
            },
          },
        ],
        [
          instant(addDays(today, -200), 60),
          {
            type: 'RecordOfstedJudgement',
            data: { judgement: 'Good', inspectionDate: addDays(today, -200) },
          },
        ],
      ] as const) {
        const events = decideProvider({ ...command, at: at.at } as ProviderCommand, state);
        state = events.reduce(evolveProvider, state);
        rec.record(at, providerStream(p.providerId), events);
      }
      counts.providers += 1;
    }
    const settingId = rng.uuid() as SettingId;
    const grid = {
      easting: Math.max(0, Math.round(district.grid.easting + rng.int(-2_500, 2_500))),
      northing: Math.max(0, Math.round(district.grid.northing + rng.int(-2_500, 2_500))),
    };
    const sectorDigit = rng.int(1, 9);
    const postcode = `${district.outcode} ${sectorDigit}${rng.pick([...LETTERS])}${rng.pick([...LETTERS])}`;
    const terms = approvalTerms(rng, kind);
    const household = householdProfile(rng, kind);
    const placementTypes = placementTypesOf(rng, kind);
    const steps: Step[] = [];
    const regDay = addDays(today, -rng.int(40, 1_400));
    const regAt = instant(regDay, rng.int(0, 400));
    steps.push({
      at: regAt,
      kind: 'setting',
      command: {
        type: 'RegisterSetting',
        data: {
          settingId,
          providerId: p.providerId,
          providerStatus: 'active',
          name:
            kind === 'foster' || kind === 'connected'
              ? `Synthetic household ${String(serial).padStart(6, '0')}`
              : `Synthetic ${kind} ${String(serial).padStart(6, '0')}`,
          placementTypes,
          location: { postcode, gridReference: grid, postcodeSector: `${district.outcode} ${sectorDigit}` },
          hostLocalAuthority: district.la,
          ...(kind === 'home' || kind === 'secure' ? { ofstedUrn: nextUrn() } : {}),
        },
      },
    });
    steps.push({
      at: instant(regDay, 480),
      kind: 'setting',
      command: { type: 'SetApprovalTerms', data: terms },
    });
    const profileDay = addDays(today, -rng.int(0, Math.min(400, dayDiff(today, regDay))));
    steps.push({
      at: instant(profileDay, profileDay === regDay ? 500 : rng.int(0, 500)),
      kind: 'setting',
      command: { type: 'UpdateHouseholdProfile', data: household },
    });
    if (rng.chance(0.95)) {
      steps.push({
        at: instant(regDay, 510),
        kind: 'setting',
        command: {
          type: 'SetWeeklyCost',
          data: { amountPence: weeklyCost(rng, kind, p), effectiveFrom: regDay },
        },
      });
      if (rng.chance(0.05)) {
        // An uplift already agreed, effective later: the cost in effect today is still the earlier one.
        steps.push({
          at: instant(addDays(today, -rng.int(0, 10)), rng.int(0, 500)),
          kind: 'setting',
          command: {
            type: 'SetWeeklyCost',
            data: {
              amountPence: weeklyCost(rng, kind, p) + 5_000,
              effectiveFrom: addDays(today, rng.int(5, 60)),
            },
          },
        });
      }
    }
    if ((kind === 'foster' || kind === 'home') && rng.chance(0.3)) {
      // M-38: recorded like any fact; matching must never read it.
      steps.push({
        at: instant(regDay, 520),
        kind: 'setting',
        command: {
          type: 'RecordSkillLevel',
          data: { tier: rng.pick([1, 2, 3] as const), assessedOn: regDay },
        },
      });
    }

    // A past placement that ended: disrupted (KEEP's breakdowns, M-39) or planned.
    const max = terms.maxChildren;
    let firstFree = addDays(regDay, 2);
    const lastEnd = addDays(today, -rng.int(15, 360));
    const pastEnd =
      (kind === 'foster' && rng.chance(0.1)) || (kind === 'home' && rng.chance(0.14)) ? lastEnd : null;
    let disrupted = false;
    if (pastEnd !== null && dayDiff(pastEnd, firstFree) > 20) {
      const start = addDays(firstFree, rng.int(0, dayDiff(pastEnd, firstFree) - 15));
      disrupted = rng.chance(0.6);
      const placementId = rng.uuid() as PlacementId;
      const age = childAgeIn(rng, terms);
      addPlacement(rng, steps, {
        placementId,
        settingId,
        p,
        kind,
        sector: `${district.outcode} ${sectorDigit}`,
        startedOn: start,
        childAgeMonths: age,
        la: district.la,
      });
      steps.push({
        at: instant(pastEnd, 420),
        kind: 'placement',
        placementId,
        command: {
          type: 'EndPlacement',
          data: disrupted
            ? { endedOn: pastEnd, rec: 'X1', reasonPlaceChange: 'CREQB', disrupted: true }
            : { endedOn: pastEnd, rec: 'X1', reasonPlaceChange: 'CARPL', disrupted: false },
        },
      });
      steps.push({
        at: instant(pastEnd, 430),
        kind: 'setting',
        command: { type: 'ReleasePlace', data: { placementId } },
      });
      firstFree = addDays(pastEnd, 1);
      if (disrupted) counts.withDisruptions += 1;
    }

    // Children living here now.
    const placedWanted =
      kind === 'foster'
        ? rng.chance(0.55)
          ? rng.weighted([
              [1, 0.7],
              [2, 0.25],
              [3, 0.05],
            ] as const)
          : 0
        : kind === 'connected'
          ? rng.chance(0.8)
            ? 1
            : 0
          : rng.int(0, max);
    const placed = Math.min(placedWanted, max);
    const room = dayDiff(addDays(today, -3), firstFree);
    let lastStart = firstFree;
    const current: { placementId: PlacementId; startedOn: string }[] = [];
    if (room > 0) {
      const starts = Array.from({ length: placed }, () => addDays(firstFree, rng.int(0, room))).sort();
      for (const startedOn of starts) {
        const placementId = rng.uuid() as PlacementId;
        addPlacement(rng, steps, {
          placementId,
          settingId,
          p,
          kind,
          sector: `${district.outcode} ${sectorDigit}`,
          startedOn,
          childAgeMonths: childAgeIn(rng, terms),
          la: district.la,
        });
        current.push({ placementId, startedOn });
        lastStart = startedOn;
      }
      counts.childrenPlaced += current.length;
    }

    // KEEP stress reports from foster carers of children placed now (weekly, over the last five weeks).
    if (kind === 'foster' && current.length > 0 && rng.chance(0.3)) {
      counts.withStressReports += 1;
      const stressed = rng.chance(0.25);
      for (const { placementId, startedOn } of current) {
        const weeks = rng.int(1, 5);
        for (let w = 0; w < weeks; w += 1) {
          const end = addDays(today, -7 * w - (w === 0 ? 0 : rng.int(0, 1)));
          const days: {
            day: string;
            behaviours: { item: string; outcome: 'happened' | 'happened-and-stressful' }[];
          }[] = [];
          for (let d = 6; d >= 0; d -= 1) {
            const day = addDays(end, -d);
            if (day < startedOn) continue;
            const stressful = Math.min(
              ITEMS.length,
              Math.max(
                0,
                Math.round((stressed ? 5.5 : 1.2) + (rng.next() + rng.next() + rng.next() - 1.5) * 3),
              ),
            );
            const happened = Math.min(ITEMS.length, stressful + rng.int(0, 4));
            const items = rng.sample(ITEMS, happened);
            const stressfulItems = new Set(rng.sample(items, stressful));
            days.push({
              day,
              behaviours: items.map((item) => ({
                item,
                outcome: stressfulItems.has(item) ? 'happened-and-stressful' : 'happened',
              })),
            });
          }
          if (days.length === 0) continue;
          steps.push({
            at: instant(end, 530 - w),
            kind: 'placement',
            placementId,
            command: {
              type: 'FileStressReport',
              data: {
                reportId: rng.uuid() as StressReportId,
                report: { checklistId: DEFAULT_BEHAVIOUR_CHECKLIST.id, days },
                supportTaskId: rng.uuid() as TaskId,
              },
            },
          });
        }
      }
    }

    // An open vacancy now, for a minority of settings.
    const free = max - current.length;
    if (free > 0 && rng.chance(VACANCY_SHARE[kind])) {
      const places = Math.min(
        free,
        kind === 'foster' || kind === 'connected'
          ? rng.weighted([
              [1, 0.75],
              [2, 0.22],
              [3, 0.03],
            ] as const)
          : rng.int(1, 2),
      );
      const availableFrom = rng.weighted([
        [addDays(today, -rng.int(0, 10)), 0.55],
        [addDays(today, rng.int(1, 4)), 0.15],
        [addDays(today, rng.int(5, 35)), 0.3],
      ] as const);
      const earliest = dayDiff(today, lastStart) > 0 ? Math.min(20, dayDiff(today, lastStart) - 1) : 0;
      steps.push({
        at: instant(addDays(today, -rng.int(0, Math.max(0, earliest))), 530),
        kind: 'setting',
        command: {
          type: 'OpenVacancy',
          data: { vacancyId: rng.uuid() as VacancyId, places, availableFrom },
        },
      });
      counts.withVacancy += 1;
      counts.placesOpen += places;
    }

    // Run the steps through the deciders in time order.
    steps.sort((a, b) => a.at.key - b.at.key);
    let setting = initialSettingState();
    const placements = new Map<string, ReturnType<typeof initialPlacementState>>();
    for (const step of steps) {
      if (step.kind === 'setting') {
        const events = decideSetting({ ...step.command, at: step.at.at } as SettingCommand, setting);
        setting = events.reduce(evolveSetting, setting);
        rec.record(step.at, settingStream(settingId), events);
      } else {
        const state = placements.get(step.placementId) ?? initialPlacementState();
        const events: PlacementEvent[] = decidePlacement(
          { ...step.command, at: step.at.at } as PlacementCommand,
          state,
        );
        placements.set(step.placementId, events.reduce(evolvePlacement, state));
        rec.record(step.at, placementStream(step.placementId), events);
      }
    }
  }
  counts.settings = kinds.length;
  return { events: rec.log(), today, counts };
};

/** A child's age in months at the start of a placement, inside the approval. */
const childAgeIn = (rng: Rng, terms: ApprovalTerms): number =>
  rng.int(terms.ageRange.minYears * 12, Math.min(25 * 12, terms.ageRange.maxYears * 12 + 11));

/** A placement's start: a vacancy opened for it, the placement started and the vacancy filled. */
const addPlacement = (
  rng: Rng,
  steps: Step[],
  o: {
    placementId: PlacementId;
    settingId: SettingId;
    p: ProviderSpec;
    kind: SettingKind;
    sector: string;
    startedOn: string;
    childAgeMonths: number;
    la: string;
  },
): void => {
  const vacancyId = rng.uuid() as VacancyId;
  steps.push({
    at: instant(o.startedOn, 0),
    kind: 'setting',
    command: { type: 'OpenVacancy', data: { vacancyId, places: 1, availableFrom: o.startedOn } },
  });
  const type: PlacementTypeCode =
    o.kind === 'foster'
      ? 'U4'
      : o.kind === 'connected'
        ? 'U3'
        : o.kind === 'home'
          ? 'K2'
          : o.kind === 'supported'
            ? 'H5'
            : 'K1';
  steps.push({
    at: instant(o.startedOn, 100),
    kind: 'placement',
    placementId: o.placementId,
    command: {
      type: 'StartPlacement',
      data: {
        placementId: o.placementId,
        requestId: rng.uuid() as RequestId,
        childId: rng.uuid() as ChildId,
        settingId: o.settingId,
        providerId: o.p.providerId,
        localAuthority: o.la,
        startedOn: o.startedOn,
        reasonNewEpisode: 'P',
        legalStatus: 'C2',
        cinCategory: 'N1',
        placementType: type,
        placeProvider: o.p.code,
        urn: o.p.urn,
        homeSector: null,
        placementSector: o.sector,
        distanceMiles: null,
        inAuthority: true,
        childAgeMonths: o.childAgeMonths,
      },
    },
  });
  steps.push({
    at: instant(o.startedOn, 110),
    kind: 'setting',
    command: { type: 'FillVacancy', data: { vacancyId, placementId: o.placementId } },
  });
};

const placementTypesOf = (rng: Rng, kind: SettingKind): PlacementTypeCode[] => {
  switch (kind) {
    case 'foster':
      return rng
        .weighted([
          [['U4', 'U6'], 0.45],
          [['U4', 'U5', 'U6'], 0.1],
          [['U6'], 0.3],
          [['U4'], 0.15],
        ] as const)
        .slice();
    case 'connected':
      return rng
        .weighted([
          [['U1', 'U3'], 0.5],
          [['U3'], 0.4],
          [['U1'], 0.1],
        ] as const)
        .slice();
    case 'home':
      return ['K2'];
    case 'supported':
      return rng.chance(0.6) ? ['H5'] : ['K3'];
    case 'secure':
      return ['K1'];
  }
};

const approvalTerms = (rng: Rng, kind: SettingKind): ApprovalTerms => {
  const pickRisks = (k: number): RiskCode[] => {
    const chosen = new Set<RiskCode>();
    while (chosen.size < k) chosen.add(rng.weighted(COMMON_RISKS));
    return ALL_RISKS.filter((r) => chosen.has(r));
  };
  const disabilities = (k: number): DisabilitySpecialism[] => {
    const chosen = new Set<DisabilitySpecialism>();
    while (chosen.size < k) chosen.add(rng.weighted(DISABILITY_WEIGHTS));
    return [...chosen].sort();
  };
  const adaptationsFor = (p: number): Adaptation[] =>
    rng.chance(p)
      ? rng
          .weighted([
            [['wheelchair-access', 'ground-floor-bedroom', 'accessible-bathroom'], 0.4],
            [['wheelchair-access', 'ground-floor-bedroom', 'accessible-bathroom', 'hoist'], 0.2],
            [['ground-floor-bedroom'], 0.15],
            [['sensory-adaptations'], 0.15],
            [['wheelchair-access', 'ground-floor-bedroom', 'accessible-bathroom', 'adapted-vehicle'], 0.1],
          ] as const)
          .slice()
      : [];
  const specialisms = (therapeutic: number, uasc: number, health: number): Specialism[] => [
    ...(rng.chance(therapeutic) ? (['therapeutic'] as const) : []),
    ...(rng.chance(uasc) ? (['uasc'] as const) : []),
    ...(rng.chance(health) ? (['complex-health'] as const) : []),
  ];
  switch (kind) {
    case 'foster':
    case 'connected': {
      const connected = kind === 'connected';
      const ageRange = connected
        ? { minYears: 0, maxYears: 17 }
        : rng.weighted([
            [{ minYears: 0, maxYears: 17 }, 0.3],
            [{ minYears: 0, maxYears: 4 }, 0.08],
            [{ minYears: 0, maxYears: 10 }, 0.14],
            [{ minYears: 0, maxYears: 12 }, 0.05],
            [{ minYears: 5, maxYears: 17 }, 0.16],
            [{ minYears: 8, maxYears: 17 }, 0.1],
            [{ minYears: 11, maxYears: 17 }, 0.14],
            [{ minYears: 16, maxYears: 20 }, 0.03],
          ] as const);
      const maxChildren = rng.weighted([
        [1, 0.35],
        [2, 0.45],
        [3, 0.2],
      ] as const);
      const purposes: PlacementPurpose[] = connected
        ? ['short-term', 'long-term']
        : rng
            .weighted([
              [['short-term', 'long-term'], 0.6],
              [['emergency', 'short-term', 'long-term'], 0.25],
              [['short-term'], 0.08],
              [['long-term'], 0.07],
            ] as const)
            .slice();
      if (!connected && rng.chance(0.08)) purposes.push('short-breaks');
      if (!connected && rng.chance(0.03)) purposes.push('parent-and-child');
      if (!connected && rng.chance(0.015)) purposes.push('remand');
      const disabled = !connected && rng.chance(0.07);
      return {
        ageRange: { ...ageRange },
        maxChildren,
        maxFromOneSiblingGroup: maxChildren === 1 || rng.chance(0.65) ? maxChildren : 1,
        purposes,
        disabilitySpecialisms: disabled ? disabilities(rng.int(1, 3)) : [],
        specialisms: connected ? [] : specialisms(0.05, 0.04, 0.03),
        adaptations: connected ? [] : adaptationsFor(disabled ? 0.35 : 0.01),
        manageableRisks: connected || rng.chance(0.35) ? [] : pickRisks(rng.int(1, 5)),
      };
    }
    case 'home': {
      const maxChildren = rng.weighted([
        [2, 0.1],
        [3, 0.2],
        [4, 0.3],
        [5, 0.2],
        [6, 0.2],
      ] as const);
      const disabled = rng.chance(0.15);
      return {
        ageRange: rng.weighted([
          [{ minYears: 8, maxYears: 17 }, 0.35],
          [{ minYears: 10, maxYears: 17 }, 0.25],
          [{ minYears: 11, maxYears: 17 }, 0.2],
          [{ minYears: 5, maxYears: 17 }, 0.1],
          [{ minYears: 12, maxYears: 17 }, 0.1],
        ] as const),
        maxChildren,
        maxFromOneSiblingGroup: rng.chance(0.6) ? 1 : 2,
        purposes: [
          ...(rng.chance(0.3) ? (['emergency'] as const) : []),
          'short-term',
          'long-term',
          ...(rng.chance(0.05) ? (['remand'] as const) : []),
        ],
        disabilitySpecialisms: disabled ? disabilities(rng.int(1, 4)) : [],
        specialisms: specialisms(0.35, 0.05, disabled ? 0.3 : 0.03),
        adaptations: adaptationsFor(disabled ? 0.55 : 0.02),
        manageableRisks: pickRisks(rng.int(5, 13)),
      };
    }
    case 'supported': {
      const maxChildren = rng.int(1, 6);
      return {
        ageRange: rng.chance(0.7) ? { minYears: 16, maxYears: 17 } : { minYears: 16, maxYears: 20 },
        maxChildren,
        maxFromOneSiblingGroup: Math.min(maxChildren, rng.int(1, 2)),
        purposes: ['short-term', 'long-term'],
        disabilitySpecialisms: [],
        specialisms: specialisms(0.05, 0.4, 0),
        adaptations: [],
        manageableRisks: pickRisks(rng.int(3, 8)),
      };
    }
    case 'secure':
      return {
        ageRange: { minYears: 10, maxYears: 17 },
        maxChildren: rng.int(4, 6),
        maxFromOneSiblingGroup: 1,
        purposes: ['emergency', 'short-term', 'long-term', 'remand'],
        disabilitySpecialisms: [],
        specialisms: ['therapeutic'],
        adaptations: [],
        manageableRisks: [...ALL_RISKS],
      };
  }
};

const householdProfile = (rng: Rng, kind: SettingKind): HouseholdProfile => {
  if (kind !== 'foster' && kind !== 'connected') {
    // A home's "household" is its staff team: languages spoken, no children of its own, rarely a pet.
    const extra = rng.chance(0.12)
      ? rng.weighted(HOUSEHOLD_LANGUAGES.map(([l, w]) => [l, w] as const))
      : null;
    return {
      languages: extra ? ['en', extra] : ['en'],
      communicationMethods: rng.chance(kind === 'home' ? 0.1 : 0.02) ? ['Makaton'] : [],
      religionsPractised: [],
      carerEthnicities: ['NOBT'],
      otherChildren: [],
      pets: rng.chance(0.02) ? ['fish'] : [],
      smoking: 'non-smoking',
    };
  }
  const second = rng.chance(0.14) ? rng.weighted(HOUSEHOLD_LANGUAGES.map((l) => [l, l[1]] as const)) : null;
  const otherChildren = rng.chance(kind === 'connected' ? 0.6 : 0.4)
    ? Array.from(
        {
          length: rng.weighted([
            [1, 0.5],
            [2, 0.35],
            [3, 0.15],
          ] as const),
        },
        () => ({ ageYears: rng.int(0, 20) }),
      )
    : [];
  const pets: PetKind[] = rng.chance(0.45)
    ? rng.sample(['dog', 'cat', 'small-animal', 'fish', 'bird'] as const, rng.int(1, 2))
    : [];
  return {
    languages: second ? ['en', second[0]] : ['en'],
    communicationMethods: [
      ...(rng.chance(0.006) ? (['BSL'] as const) : []),
      ...(rng.chance(0.015) ? (['Makaton'] as const) : []),
    ],
    religionsPractised: rng.weighted(RELIGION_WEIGHTS).slice(),
    carerEthnicities: second
      ? [second[2]]
      : [rng.chance(0.85) ? 'WBRI' : rng.pick(['WIRI', 'MWBC', 'BCRB', 'AIND'] as const)],
    otherChildren,
    pets,
    smoking: rng.chance(0.92) ? 'non-smoking' : 'smoking-outdoors-only',
  };
};

/** Weekly cost in pence excluding VAT, rounded to £5 (illustrative 2025 fees). */
const weeklyCost = (rng: Rng, kind: SettingKind, p: ProviderSpec): number => {
  const pounds =
    kind === 'connected'
      ? rng.int(300, 450)
      : kind === 'foster'
        ? p.type === 'local-authority-fostering-service'
          ? rng.int(450, 650)
          : rng.int(750, 1_200)
        : kind === 'home'
          ? rng.int(3_500, 8_500)
          : kind === 'supported'
            ? rng.int(900, 3_500)
            : rng.int(7_000, 12_000);
  return Math.round(pounds / 5) * 5 * 100;
};

// ---------------------------------------------------------------------------------------------------------
// Needs

/** A need to search for, with the postcodes an HTTP search would send (district centroids, as the app geocodes). */
export interface GeneratedNeed {
  need: NeedProfile;
  homePostcode: string;
  schoolPostcode?: string;
  /** What makes it interesting, for the report: sibling group, disabled, Year 10, emergency, language. */
  tags: string[];
}

const CHILD_LANGUAGES: readonly (readonly [string[], number])[] = [
  [['en', 'pl'], 1.5],
  [['en', 'ur'], 1.5],
  [['en', 'pa'], 0.8],
  [['en', 'bn'], 0.8],
  [['en', 'ar'], 0.6],
  [['en', 'so'], 0.5],
  [['en', 'ro'], 0.5],
  [['pl'], 0.3],
  [['ro'], 0.3],
  [['en', 'uk'], 0.2],
  [['en', 'zh'], 0.2],
  [['vi'], 0.1],
  [['en', 'ne'], 0.1],
];
const UASC_LANGUAGES = [['ar'], ['ti'], ['ku'], ['fa'], ['ps'], ['so'], ['sq'], ['am']] as const;

/** `count` need profiles over England, deterministic for the seed. */
export const generateNeeds = (region: Region, count: number, seed: number): GeneratedNeed[] => {
  const rng = new Rng(seed);
  const out: GeneratedNeed[] = [];
  for (let k = 0; k < count; k += 1) {
    const tags: string[] = [];
    const size = rng.weighted([
      [1, 0.78],
      [2, 0.13],
      [3, 0.06],
      [4, 0.03],
    ] as const);
    if (size > 1) tags.push(`siblings-${size}`);
    const uasc = size === 1 && rng.chance(0.05);
    const year10 = !uasc && rng.chance(0.08);
    const firstYears = uasc
      ? rng.weighted([
          [16, 0.45],
          [17, 0.35],
          [15, 0.15],
          [14, 0.05],
        ] as const)
      : year10
        ? 14
        : rng.weighted([
            [0, 0.05],
            [rng.int(1, 4), 0.14],
            [rng.int(5, 9), 0.18],
            [rng.int(10, 15), 0.38],
            [rng.int(16, 17), 0.25],
          ] as const);
    const years = [firstYears];
    for (let i = 1; i < size; i += 1)
      years.push(Math.max(0, firstYears - rng.int(1, 5) * (rng.chance(0.85) ? 1 : -1)));
    const familyLanguages = uasc
      ? rng.pick(UASC_LANGUAGES).slice()
      : rng.chance(0.08)
        ? rng.weighted(CHILD_LANGUAGES).slice()
        : ['en'];
    if (familyLanguages.some((l) => l !== 'en')) tags.push('language');
    const familyReligion = rng.weighted<Religion | undefined>([
      [undefined, 0.45],
      ['christian', 0.25],
      ['muslim', uasc ? 2 : 0.12],
      ['no-religion', 0.12],
      ['hindu', 0.02],
      ['sikh', 0.02],
      ['jewish', 0.005],
      ['other', 0.015],
    ]);
    const children: ChildNeed[] = years.map((y, i) => {
      const ageYears = Math.min(17, y);
      const ageMonths = ageYears * 12 + rng.int(0, 11);
      const yearGroup =
        ageYears < 4 ? null : ageYears <= 15 ? ageYears - 4 : rng.chance(0.7) ? ageYears - 4 : null;
      const disabled = rng.chance(0.1);
      const disabilities: ChildNeed['disabilities'] = disabled
        ? rng.sample(
            [...new Set([rng.weighted(DISABILITY_WEIGHTS), rng.weighted(DISABILITY_WEIGHTS)])].sort(),
            rng.int(1, 2),
          )
        : rng.chance(0.3)
          ? ['NONE']
          : [];
      const mobility = disabilities.includes('MOB');
      const adaptations: Adaptation[] = mobility
        ? rng.chance(0.5)
          ? ['wheelchair-access', 'ground-floor-bedroom']
          : rng.chance(0.3)
            ? ['wheelchair-access', 'ground-floor-bedroom', 'hoist']
            : ['ground-floor-bedroom']
        : disabilities.includes('AUT') && rng.chance(0.15)
          ? ['sensory-adaptations']
          : [];
      if (disabled) tags.push('disabled');
      const risks: RiskCode[] =
        ageYears >= 11 && rng.chance(0.35)
          ? [...new Set([rng.weighted(COMMON_RISKS), rng.weighted(COMMON_RISKS), rng.weighted(COMMON_RISKS)])]
              .slice(0, rng.int(1, 3))
              .sort()
          : ageYears >= 5 && rng.chance(0.08)
            ? [rng.weighted(COMMON_RISKS)]
            : [];
      if (yearGroup === 10) tags.push('year-10');
      return {
        ref: `child-${k}-${i}`,
        ageMonths,
        yearGroup,
        disabilities,
        adaptations,
        languages: familyLanguages,
        communication: [
          ...(rng.chance(0.007) ? (['BSL'] as const) : []),
          ...((disabilities.includes('LD') || disabilities.includes('AUT')) && rng.chance(0.2)
            ? (['Makaton'] as const)
            : []),
        ],
        ...(familyReligion !== undefined ? { religion: familyReligion } : {}),
        culturalNeeds: familyReligion === 'muslim' && rng.chance(0.5) ? ['Halal diet'] : [],
        uasc,
        risks,
        livesAlongside: rng.weighted([
          ['any', 0.85],
          ['solo', 0.05],
          ['older-only', 0.04],
          ['younger-only', 0.06],
        ] as const),
        cannotLiveWithPets: rng.chance(0.06),
        healthNeeds: rng.chance(0.05) ? ['Complex health: gastrostomy feeding'] : [],
      };
    });
    const eldest = Math.max(...children.map((c) => c.ageMonths)) / 12;
    const youngest = Math.min(...children.map((c) => c.ageMonths)) / 12;
    const emergency = rng.chance(0.15);
    if (emergency) tags.push('emergency');
    const purpose: PlacementPurpose = emergency
      ? rng.chance(0.8)
        ? 'emergency'
        : 'short-term'
      : rng.weighted<PlacementPurpose>([
          ['short-term', 0.55],
          ['long-term', 0.33],
          ['short-breaks', 0.04],
          ['remand', eldest >= 12 && size === 1 ? 0.03 : 0],
          ['parent-and-child', eldest >= 16 && size === 1 ? 0.02 : 0],
        ]);
    const secure = size === 1 && eldest >= 12 && children[0].risks.length > 1 && rng.chance(0.05);
    const suitability = secure
      ? { foster: false, residential: true, supported: false }
      : youngest < 11
        ? { foster: true, residential: eldest >= 8 && rng.chance(0.1), supported: false }
        : youngest < 16
          ? rng.weighted([
              [{ foster: true, residential: false, supported: false }, 0.5],
              [{ foster: true, residential: true, supported: false }, 0.45],
              [{ foster: false, residential: true, supported: false }, 0.05],
            ] as const)
          : rng.weighted([
              [{ foster: true, residential: false, supported: true }, 0.35],
              [{ foster: false, residential: false, supported: true }, 0.25],
              [{ foster: true, residential: true, supported: true }, 0.25],
              [{ foster: true, residential: false, supported: false }, 0.15],
            ] as const);
    const homeIndex = rng.int(0, region.districts.length - 1);
    const home = region.districts[homeIndex];
    const atSchool = children.some((c) => c.yearGroup !== null) && rng.chance(0.9);
    const school = atSchool ? region.districts[rng.pick(home.near)] : undefined;
    const need: NeedProfile = {
      children,
      homeGrid: { ...home.grid },
      homeLocalAuthority: home.la,
      ...(school ? { schoolGrid: { ...school.grid } } : {}),
      purpose,
      urgency: emergency
        ? 'today'
        : rng.weighted([
            ['today', 0.1],
            ['under-5-days', 0.35],
            ['over-5-days', 0.55],
          ] as const),
      emergency,
      suitability: { ...suitability },
      secureCriteriaMet: secure,
      ...(size > 1 && rng.chance(0.05) ? { keepSiblingsTogether: false } : {}),
    };
    if (secure) tags.push('secure');
    out.push({
      need,
      homePostcode: `${home.outcode} ${rng.int(1, 9)}${rng.pick([...LETTERS])}${rng.pick([...LETTERS])}`,
      ...(school
        ? {
            schoolPostcode: `${school.outcode} ${rng.int(1, 9)}${rng.pick([...LETTERS])}${rng.pick([...LETTERS])}`,
          }
        : {}),
      tags,
    });
  }
  return out;
};
