import { DFE_DISTANCE_STEP_MILES } from '@placematch/geo';
import { CIN_CATEGORY_CODE_LIST } from '@placematch/placements';
import { londonDate } from '@placematch/supply';
import { AgeAnchor, AGE_BANDS_OR_UNKNOWN, ageBandOrUnknown, ageMonthsOn } from '../age';
import { daysBetween } from '../dates';
import type { SearchEvidence } from '../search-evidence';
import { CountTable } from '../tables';
import { Breakdowns, median, showBreakdowns, showShare, showStatistic } from './breakdowns';
import { inAreas, SectionView, ViewOptions } from './view';

/** One search recorded on a request (`SearchRun`), reduced to the evidence gaps need. */
export interface SearchFact extends SearchEvidence {
  requestId: string;
  /** ISO instant. */
  runAt: string;
}

/** One child of a request and the decision for them, if any. */
export interface GapChildFact {
  childId: string;
  ages: readonly AgeAnchor[];
  cinCategory: string | null;
  /** ISO instant of the `MatchDecided` that covered this child; `null` while undecided. */
  decidedAt: string | null;
}

/** A placement request as gaps need it. */
export interface GapRequestFact {
  requestId: string;
  localAuthority: string;
  requestedOn: string;
  /** The date in England it was withdrawn; `null` if it was not. */
  withdrawnOn: string | null;
  children: readonly GapChildFact[];
}

/** A placement that started from a request. */
export interface GapPlacementFact {
  placementId: string;
  requestId: string;
  childId: string;
  localAuthority: string;
  settingId: string;
  startedOn: string;
  inAuthority: boolean;
  distanceMiles: number | null;
}

/** Gap facts for a period. */
export interface GapFacts {
  requests: readonly GapRequestFact[];
  searches: readonly SearchFact[];
  placements: readonly GapPlacementFact[];
}

/** The latest search of a request run at or before `until` (an ISO instant), if any. */
export const latestSearch = (searches: readonly SearchFact[], until: string): SearchFact | undefined => {
  let found: SearchFact | undefined;
  for (const s of searches) if (s.runAt <= until && (!found || s.runAt >= found.runAt)) found = s;
  return found;
};

/** What the search before a placement offered instead of where the child went. */
export interface Alternatives {
  searched: boolean;
  /** An eligible setting inside the child's authority was in the search. */
  inAuthority: boolean;
  /** An eligible setting nearer the child's home than the one chosen was in the search. */
  closer: boolean;
}

/**
 * Compares a placement with the search that preceded its decision: was an eligible in-authority setting listed,
 * and was one listed nearer home than the setting chosen (its distance in the search, or the placement's DfE
 * distance when the search did not list it)? Only the settings the search listed are known (the top results).
 */
export const alternatives = (placement: GapPlacementFact, search: SearchFact | undefined): Alternatives => {
  if (!search) return { searched: false, inAuthority: false, closer: false };
  const others = search.results.filter((r) => r.settingId !== placement.settingId);
  const chosen =
    search.results.find((r) => r.settingId === placement.settingId)?.distanceMiles ?? placement.distanceMiles;
  return {
    searched: true,
    inAuthority: others.some((r) => r.inAuthority),
    closer: chosen !== null && others.some((r) => r.distanceMiles !== null && r.distanceMiles < chosen),
  };
};

const DAY_BANDS = ['same-day', '1-6-days', '7-27-days', '28-90-days', 'over-90-days'] as const;
const dayBand = (days: number) =>
  days <= 0
    ? DAY_BANDS[0]
    : days < 7
      ? DAY_BANDS[1]
      : days < 28
        ? DAY_BANDS[2]
        : days <= 90
          ? DAY_BANDS[3]
          : DAY_BANDS[4];

const WAIT_BANDS = ['under-7-days', '7-27-days', '28-90-days', 'over-90-days'] as const;
const waitBand = (days: number) =>
  days < 7 ? WAIT_BANDS[0] : days < 28 ? WAIT_BANDS[1] : days <= 90 ? WAIT_BANDS[2] : WAIT_BANDS[3];

/**
 * Gaps:
 * - requests raised in the period that were searched, by what their latest search (before the decision, or by
 *   the end of the period) found: an eligible setting in the child's authority, only outside it, or none;
 * - children placed from requests in the period, in or out of their authority and within or over 20 miles, and
 *   for those out of authority or over 20 miles whether the search at the time listed an eligible setting in
 *   the authority, or nearer home;
 * - days from request to placement (bands, and the median over enough children);
 * - children in requests still open at the end of the period, by how long they have waited, age band and
 *   category of need.
 */
export const gapsView = (
  facts: GapFacts,
  period: { from: string; to: string },
  o: ViewOptions,
): SectionView => {
  const table = new CountTable(o.areas);
  const b = new Breakdowns(table);
  b.define({
    id: 'localSearchResult',
    dimension: 'What the latest search found',
    population: 'searchedRequests',
    unit: 'requests',
    categories: ['in-authority-eligible', 'out-of-authority-only', 'no-eligible-setting'],
    additive: true,
  })
    .define({
      id: 'location',
      dimension: "Placed inside or outside the child's authority",
      population: 'placedFromRequests',
      unit: 'children',
      categories: ['in-authority', 'out-of-authority'],
      additive: true,
    })
    .define({
      id: 'distance',
      dimension: 'Distance from home (DfE straight line)',
      population: 'placedFromRequests',
      unit: 'children',
      categories: ['20-miles-or-less', 'over-20-miles', 'not-known'],
      additive: true,
    })
    .define({
      id: 'outOfAuthorityAlternative',
      dimension: 'Out of authority: did the search list an eligible setting in the authority?',
      population: 'location:out-of-authority',
      unit: 'children',
      categories: ['in-authority-setting-in-search', 'none-in-search', 'no-search-recorded'],
      additive: true,
    })
    .define({
      id: 'over20MilesAlternative',
      dimension: 'Over 20 miles: did the search list an eligible setting nearer home?',
      population: 'distance:over-20-miles',
      unit: 'children',
      categories: ['nearer-setting-in-search', 'none-nearer-in-search', 'no-search-recorded'],
      additive: true,
    })
    .define({
      id: 'daysToPlacement',
      dimension: 'Days from request to placement',
      population: 'placedFromRequests',
      unit: 'children',
      categories: DAY_BANDS,
      additive: true,
    })
    .define({
      id: 'openWaiting',
      dimension: 'Still open at the end of the period: days since requested',
      population: 'openRequestChildren',
      unit: 'children',
      categories: WAIT_BANDS,
      additive: true,
    })
    .define({
      id: 'openAgeBand',
      dimension: 'Still open: age band at the end of the period',
      population: 'openRequestChildren',
      unit: 'children',
      categories: AGE_BANDS_OR_UNKNOWN,
      additive: true,
    })
    .define({
      id: 'openCinCategory',
      dimension: 'Still open: category of need (SSDA903 CIN)',
      population: 'openRequestChildren',
      unit: 'children',
      categories: [...CIN_CATEGORY_CODE_LIST, 'not-known'],
      additive: true,
    });

  // Requests with no eligible setting in the authority: the two categories that say so, as one figure.
  const NO_LOCAL = 'searchedRequests:no-local-eligible';
  table.relate(NO_LOCAL, [
    'localSearchResult:out-of-authority-only',
    'localSearchResult:no-eligible-setting',
  ]);

  const ours = inAreas(o.areas);
  const searchesOf = new Map<string, SearchFact[]>();
  for (const s of facts.searches) searchesOf.set(s.requestId, [...(searchesOf.get(s.requestId) ?? []), s]);
  const requestOf = new Map(facts.requests.map((r) => [r.requestId, r]));
  const endOfPeriod = `${period.to}T23:59:59.999Z`;

  for (const r of facts.requests) {
    const la = r.localAuthority;
    if (!ours(la)) continue;
    if (r.requestedOn >= period.from && r.requestedOn <= period.to) {
      const decided = r.children.map((c) => c.decidedAt).filter((d): d is string => d !== null);
      const until = decided.length > 0 ? decided.reduce((a, d) => (d < a ? d : a)) : endOfPeriod;
      const search = latestSearch(searchesOf.get(r.requestId) ?? [], until);
      if (search) {
        table.add('searchedRequests', la);
        const local = search.results.some((x) => x.inAuthority);
        b.count(
          'localSearchResult',
          la,
          local
            ? 'in-authority-eligible'
            : search.resultCount > 0
              ? 'out-of-authority-only'
              : 'no-eligible-setting',
        );
        if (!local) table.add(NO_LOCAL, la);
      }
    }
    const open = r.requestedOn <= period.to && (r.withdrawnOn === null || r.withdrawnOn > period.to);
    if (!open) continue;
    for (const c of r.children) {
      if (c.decidedAt !== null && londonDate(c.decidedAt) <= period.to) continue;
      table.add('openRequestChildren', la);
      b.count('openWaiting', la, waitBand(daysBetween(r.requestedOn, period.to)));
      b.count('openAgeBand', la, ageBandOrUnknown(ageMonthsOn(c.ages, period.to)));
      b.count(
        'openCinCategory',
        la,
        c.cinCategory !== null && (CIN_CATEGORY_CODE_LIST as readonly string[]).includes(c.cinCategory)
          ? c.cinCategory
          : 'not-known',
      );
    }
  }

  const days = new Map<string, number[]>();
  for (const p of facts.placements) {
    const la = p.localAuthority;
    const request = requestOf.get(p.requestId);
    // Only placements made from a request recorded here (an imported history has none) are gaps evidence.
    if (!ours(la) || !request || p.startedOn < period.from || p.startedOn > period.to) continue;
    table.add('placedFromRequests', la);
    b.count('location', la, p.inAuthority ? 'in-authority' : 'out-of-authority');
    const over = p.distanceMiles !== null && p.distanceMiles > DFE_DISTANCE_STEP_MILES;
    b.count(
      'distance',
      la,
      p.distanceMiles === null ? 'not-known' : over ? 'over-20-miles' : '20-miles-or-less',
    );
    const decidedAt =
      request.children.find((c) => c.childId === p.childId)?.decidedAt ?? `${p.startedOn}T23:59:59.999Z`;
    const alt = alternatives(p, latestSearch(searchesOf.get(p.requestId) ?? [], decidedAt));
    if (!p.inAuthority) {
      b.count(
        'outOfAuthorityAlternative',
        la,
        !alt.searched
          ? 'no-search-recorded'
          : alt.inAuthority
            ? 'in-authority-setting-in-search'
            : 'none-in-search',
      );
    }
    if (over) {
      b.count(
        'over20MilesAlternative',
        la,
        !alt.searched
          ? 'no-search-recorded'
          : alt.closer
            ? 'nearer-setting-in-search'
            : 'none-nearer-in-search',
      );
    }
    const d = Math.max(0, daysBetween(request.requestedOn, p.startedOn));
    b.count('daysToPlacement', la, dayBand(d));
    days.set(la, [...(days.get(la) ?? []), d]);
  }

  const shown = table.suppressed(o.policy);
  return {
    breakdowns: showBreakdowns(shown, b.definitions(), o.show),
    shares: [
      showShare(
        shown,
        'noLocalEligibleSetting',
        'Share of searched requests whose latest search listed no eligible setting in the authority',
        NO_LOCAL,
        'searchedRequests',
        o.show,
      ),
      showShare(
        shown,
        'outOfAuthority',
        'Share of children placed from requests who were placed out of authority',
        'location:out-of-authority',
        'placedFromRequests',
        o.show,
      ),
      showShare(
        shown,
        'over20Miles',
        'Share of children placed from requests who were placed over 20 miles from home',
        'distance:over-20-miles',
        'placedFromRequests',
        o.show,
      ),
    ],
    statistics: [
      showStatistic(
        'medianDaysToPlacement',
        'Median days from request to placement',
        'days',
        { byArea: days, reduce: median },
        o.areas,
        o.show,
        o.policy,
      ),
    ],
  };
};
