import {
  DEFAULT_STALE_AFTER_DAYS,
  DISABILITY_SPECIALISM_CODES,
  isStale,
  londonDate,
  OFSTED_JUDGEMENTS,
  PLACE_PROVIDER_CODE_LIST,
  PLACEMENT_GROUPS,
  PLACEMENT_TYPES,
  PlacementGroup,
  PlacementTypeCode,
  SPECIALISMS,
} from '@placematch/supply';
import { CountTable } from '../tables';
import { Breakdowns, mean, showBreakdowns, showShare, showStatistic } from './breakdowns';
import { inAreas, SectionView, ViewOptions } from './view';

/** One setting (a carer household or a home) as supply records it now. */
export interface SettingFact {
  settingId: string;
  hostLocalAuthority: string;
  placementTypes: readonly string[];
  /** The date in England it was registered. */
  registeredOn: string;
  /** The date in England it closed; `null` while open. */
  closedOn: string | null;
  /** The approval's `maxChildren`; `null` before approval terms are set. */
  approvedPlaces: number | null;
  specialisms: readonly string[];
  disabilitySpecialisms: readonly string[];
  /** The provider's `PLACE_PROVIDER` code as registered (its host authority's point of view). */
  providerCode: string | null;
  /** The provider's latest Ofsted judgement; `null` when not inspected. */
  ofstedJudgement: string | null;
  /** The usual weekly fee in pence excluding VAT; `null` when not set. */
  weeklyCostPence: number | null;
}

/** One vacancy: when it opened and closed, and every time the provider said it was current. */
export interface VacancyFact {
  vacancyId: string;
  hostLocalAuthority: string;
  placementTypes: readonly string[];
  /** Places open in it now. */
  places: number;
  /** ISO instant it opened. */
  openedAt: string;
  /** ISO instant it closed; `null` while open. */
  closedAt: string | null;
  closeCause: 'withdrawn' | 'filled' | 'setting-closed' | null;
  /** ISO instants of its opening, changes and confirmations. */
  confirmedAt: readonly string[];
}

/** One place of a vacancy taken by a placement. */
export interface VacancyFillFact {
  hostLocalAuthority: string;
  /** ISO instant. */
  filledAt: string;
}

/** Supply facts for a period. */
export interface SupplyFacts {
  settings: readonly SettingFact[];
  vacancies: readonly VacancyFact[];
  fills: readonly VacancyFillFact[];
}

/** The period of a supply view and the instant "stale" is judged at. */
export interface SupplyPeriod {
  /** `YYYY-MM-DD`, first day. */
  from: string;
  /** `YYYY-MM-DD`, last day: settings and vacancies are counted as they stood at its end. */
  to: string;
  /** The instant stale vacancies are judged at: the end of `to`, or now if that is earlier. */
  at: string;
  /** Days after which an unconfirmed vacancy is stale (supply's default 7). */
  staleAfterDays?: number;
}

/** A setting's group: the one group of all its placement types, or `mixed`. */
export const settingGroup = (types: readonly string[]): PlacementGroup | 'mixed' | 'not-known' => {
  const groups = new Set(
    types.filter((t) => t in PLACEMENT_TYPES).map((t) => PLACEMENT_TYPES[t as PlacementTypeCode].group),
  );
  if (groups.size === 0) return 'not-known';
  return groups.size === 1 ? [...groups][0] : 'mixed';
};

const GROUPS = [...PLACEMENT_GROUPS, 'mixed', 'not-known'];
const SPECIALISM_CATEGORIES: readonly string[] = [...SPECIALISMS, ...DISABILITY_SPECIALISM_CODES];
const orUnknown = (value: string | null, list: readonly string[], unknown = 'not-known') =>
  value !== null && list.includes(value) ? value : unknown;

/**
 * Supply: settings open at the end of the period (registered by then, not closed) and their approved places by
 * placement type group, provider type (`PLACE_PROVIDER` code), Ofsted judgement and specialism, counted per host
 * authority; vacancies open at the end of the period, stale ones apart (not confirmed for
 * `staleAfterDays`), and their places; vacancies opened, filled and withdrawn during the period; the usual
 * weekly fee by group (a mean over at least the threshold's number of settings).
 */
export const supplyView = (facts: SupplyFacts, period: SupplyPeriod, o: ViewOptions): SectionView => {
  const table = new CountTable(o.areas);
  const b = new Breakdowns(table);
  const stale = period.staleAfterDays ?? DEFAULT_STALE_AFTER_DAYS;
  b.define({
    id: 'placementGroup',
    dimension: 'Placement type group of the setting',
    population: 'settings',
    unit: 'settings',
    categories: GROUPS,
    additive: true,
  })
    .define({
      id: 'providerCode',
      dimension: 'Provider type (SSDA903 PLACE_PROVIDER, as registered)',
      population: 'settings',
      unit: 'settings',
      categories: [...PLACE_PROVIDER_CODE_LIST, 'not-known'],
      additive: true,
    })
    .define({
      id: 'ofstedJudgement',
      dimension: "Provider's latest Ofsted judgement",
      population: 'settings',
      unit: 'settings',
      categories: [...OFSTED_JUDGEMENTS, 'not-inspected'],
      additive: true,
    })
    .define({
      id: 'specialism',
      dimension: 'Specialisms and disability specialisms (a setting may have several)',
      population: 'settings',
      unit: 'settings',
      categories: SPECIALISM_CATEGORIES,
      additive: false,
    })
    .define({
      id: 'approvedPlacesByGroup',
      dimension: 'Approved places (maxChildren) by placement type group',
      population: 'approvedPlaces',
      unit: 'places',
      categories: GROUPS,
      additive: true,
    })
    .define({
      id: 'vacancyFreshness',
      dimension: `Open vacancies: confirmed within ${stale} days, or stale`,
      population: 'openVacancies',
      unit: 'vacancies',
      categories: ['current', 'stale'],
      additive: true,
    })
    .define({
      id: 'openVacanciesByGroup',
      dimension: 'Open vacancies by placement type group',
      population: 'openVacancies',
      unit: 'vacancies',
      categories: GROUPS,
      additive: true,
    })
    .define({
      id: 'openPlacesByGroup',
      dimension: 'Places in open vacancies by placement type group',
      population: 'openPlaces',
      unit: 'places',
      categories: GROUPS,
      additive: true,
    })
    .define({
      id: 'vacancyActivity',
      dimension: 'During the period: vacancies opened, places filled, vacancies withdrawn',
      population: 'vacancyEvents',
      unit: 'events',
      categories: ['opened', 'filled', 'withdrawn'],
      additive: true,
    });

  const ours = inAreas(o.areas);
  const costs = new Map<string, Map<string, number[]>>();
  for (const s of facts.settings) {
    const la = s.hostLocalAuthority;
    if (!ours(la) || s.registeredOn > period.to || (s.closedOn !== null && s.closedOn <= period.to)) continue;
    const group = settingGroup(s.placementTypes);
    table.add('settings', la);
    b.count('placementGroup', la, group);
    b.count('providerCode', la, orUnknown(s.providerCode, PLACE_PROVIDER_CODE_LIST));
    b.count('ofstedJudgement', la, orUnknown(s.ofstedJudgement, OFSTED_JUDGEMENTS, 'not-inspected'));
    const specialisms = [...s.specialisms, ...s.disabilitySpecialisms];
    b.count('specialism', la, [...new Set(specialisms.filter((x) => SPECIALISM_CATEGORIES.includes(x)))]);
    if (s.approvedPlaces !== null && s.approvedPlaces > 0) {
      table.add('approvedPlaces', la, s.approvedPlaces);
      table.add(`approvedPlacesByGroup:${group}`, la, s.approvedPlaces);
    }
    if (s.weeklyCostPence !== null) {
      const byArea = costs.get(group) ?? new Map<string, number[]>();
      byArea.set(la, [...(byArea.get(la) ?? []), s.weeklyCostPence / 100]);
      costs.set(group, byArea);
    }
  }
  const date = (instant: string) => londonDate(instant);
  for (const v of facts.vacancies) {
    const la = v.hostLocalAuthority;
    if (!ours(la)) continue;
    const group = settingGroup(v.placementTypes);
    const opened = date(v.openedAt);
    if (opened >= period.from && opened <= period.to) {
      table.add('vacancyEvents', la);
      b.count('vacancyActivity', la, 'opened');
    }
    if (v.closedAt !== null && v.closeCause === 'withdrawn') {
      const closed = date(v.closedAt);
      if (closed >= period.from && closed <= period.to) {
        table.add('vacancyEvents', la);
        b.count('vacancyActivity', la, 'withdrawn');
      }
    }
    const open = opened <= period.to && (v.closedAt === null || date(v.closedAt) > period.to);
    if (!open) continue;
    const confirmations = v.confirmedAt.filter((c) => c <= period.at);
    const lastConfirmedAt = confirmations.reduce((a, c) => (c > a ? c : a), v.openedAt);
    table.add('openVacancies', la);
    b.count(
      'vacancyFreshness',
      la,
      isStale({ status: 'open', lastConfirmedAt }, period.at, stale) ? 'stale' : 'current',
    );
    b.count('openVacanciesByGroup', la, group);
    if (v.places > 0) {
      table.add('openPlaces', la, v.places);
      table.add(`openPlacesByGroup:${group}`, la, v.places);
    }
  }
  for (const f of facts.fills) {
    const day = date(f.filledAt);
    if (!ours(f.hostLocalAuthority) || day < period.from || day > period.to) continue;
    table.add('vacancyEvents', f.hostLocalAuthority);
    b.count('vacancyActivity', f.hostLocalAuthority, 'filled');
  }

  const shown = table.suppressed(o.policy);
  return {
    breakdowns: showBreakdowns(shown, b.definitions(), o.show),
    shares: [
      showShare(
        shown,
        'staleVacancies',
        'Share of open vacancies that are stale',
        'vacancyFreshness:stale',
        'openVacancies',
        o.show,
      ),
    ],
    statistics: PLACEMENT_GROUPS.map((g) =>
      showStatistic(
        `weeklyCost:${g}`,
        `Mean usual weekly fee of ${g} settings open at the end of the period`,
        'GBP per week, excluding VAT',
        { byArea: costs.get(g) ?? new Map(), reduce: mean },
        o.areas,
        o.show,
        o.policy,
      ),
    ),
  };
};
