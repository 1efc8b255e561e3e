import { DFE_DISTANCE_STEP_MILES } from '@placematch/geo';
import { REASON_PLACE_CHANGE_CODE_LIST } from '@placematch/placements';
import { PLACEMENT_GROUPS, PLACEMENT_TYPES, PlacementTypeCode } from '@placematch/supply';
import { AgeAnchor, AGE_BANDS_OR_UNKNOWN } from '../age';
import { addDays, CollectionYear } from '../dates';
import { EpisodeHistory, LegalStatusChange, PlacementSpell } from '../stability/episodes';
import { childStability, DEFAULT_STABILITY_RULES, StabilityRules } from '../stability/stability';
import { CountTable } from '../tables';
import { Breakdowns, mean, showBreakdowns, showShare, showStatistic } from './breakdowns';
import { inAreas, SectionView, ViewOptions } from './view';

/** A placement spell with what outcomes count about it. */
export interface OutcomePlacementFact extends PlacementSpell {
  childId: string;
  /** The placing (responsible) authority. */
  localAuthority: string;
  /** Inside the child's authority; `null` when not known (a placement recorded from an SSDA903 return). */
  inAuthority: boolean | null;
  distanceMiles: number | null;
  weeklyCostPence: number | null;
  /** The child's age in months on `startedOn`. */
  childAgeMonths: number;
  /** Whether its request was an emergency; `null` when no request is recorded (an imported history). */
  emergency: boolean | null;
  reasonPlaceChange: string | null;
  /** An unplanned ending; `null` while it goes on, or when not known (a history shows only CREQB as one). */
  disrupted: boolean | null;
}

/** A child as outcomes know them: the authority and the coded facts over time. */
export interface OutcomeChildFact {
  childId: string;
  localAuthority: string;
  ages: readonly AgeAnchor[];
  legalStatusChanges: readonly LegalStatusChange[];
}

/** A disruption risk raised from a carer's stress reports (KEEP, M-40). */
export interface StressAlertFact {
  placementId: string;
  /** The day whose stressful behaviours were over the threshold. */
  day: string;
}

/** Support offered to a carer on a placement (M-40, M-42). */
export interface SupportFact {
  placementId: string;
  offeredOn: string;
}

/** Outcome facts. */
export interface OutcomeFacts {
  children: readonly OutcomeChildFact[];
  placements: readonly OutcomePlacementFact[];
  alerts: readonly StressAlertFact[];
  support: readonly SupportFact[];
}

/** Days after a stress alert within which support offered counts as its answer. */
export const SUPPORT_WINDOW_DAYS = 28;
/** Days after a stress alert within which an ending counts as what followed it. */
export const ENDING_WINDOW_DAYS = 90;

const DISTANCE_BANDS = [
  '5-miles-or-less',
  '5-to-10-miles',
  '10-to-20-miles',
  'over-20-miles',
  'not-known',
] as const;
const distanceBand = (miles: number | null) =>
  miles === null
    ? 'not-known'
    : miles <= 5
      ? DISTANCE_BANDS[0]
      : miles <= 10
        ? DISTANCE_BANDS[1]
        : miles <= DFE_DISTANCE_STEP_MILES
          ? DISTANCE_BANDS[2]
          : DISTANCE_BANDS[3];

const ALERT_FOLLOW_UPS = [
  'support-offered/placement-continued',
  'support-offered/ended-planned',
  'support-offered/ended-disrupted',
  'no-support-recorded/placement-continued',
  'no-support-recorded/ended-planned',
  'no-support-recorded/ended-disrupted',
] as const;

const groupOf = (type: string) =>
  type in PLACEMENT_TYPES ? PLACEMENT_TYPES[type as PlacementTypeCode].group : 'other';

/** The episode histories of the children in the facts, each under the authority responsible for them. */
export const histories = (facts: OutcomeFacts): { localAuthority: string; history: EpisodeHistory }[] => {
  const byChild = new Map<string, OutcomePlacementFact[]>();
  for (const p of facts.placements) byChild.set(p.childId, [...(byChild.get(p.childId) ?? []), p]);
  const children = new Map(facts.children.map((c) => [c.childId, c]));
  const ids = new Set([...children.keys(), ...byChild.keys()]);
  return [...ids].map((childId) => {
    const child = children.get(childId);
    const spells = byChild.get(childId) ?? [];
    const latest = [...spells].sort((a, b) => (a.startedOn < b.startedOn ? 1 : -1))[0];
    return {
      localAuthority: child?.localAuthority || latest?.localAuthority || '',
      history: {
        childId,
        ages: [...(child?.ages ?? []), ...spells.map((s) => ({ on: s.startedOn, months: s.childAgeMonths }))],
        spells,
        legalStatusChanges: child?.legalStatusChanges ?? [],
      },
    };
  });
};

/**
 * Outcomes:
 * - the DfE stability measures for the collection year ending on the last 31 March of the period (see
 *   `childStability` for the counting rules): children looked after on 31 March by placements during the year,
 *   those with 3 or more by age band, and the long-term measure;
 * - placement endings in the period, planned or disrupted, and disruptions by SSDA903 REASON_PLACE_CHANGE;
 * - placements started in the period: emergency or planned (from the request), in or out of authority, by
 *   distance band and placement type group, with the mean weekly cost actually paid by group;
 * - stress alerts raised in the period and what followed: support offered within 28 days or not, and whether
 *   the placement went on, ended as planned or was disrupted within 90 days.
 */
export const outcomesView = (
  facts: OutcomeFacts,
  period: { from: string; to: string; year: CollectionYear },
  o: ViewOptions,
  rules: StabilityRules = DEFAULT_STABILITY_RULES,
): SectionView => {
  const table = new CountTable(o.areas);
  const b = new Breakdowns(table);
  b.define({
    id: 'censusExclusions',
    dimension: `Looked after on ${period.year.end}: counted, or left out as short breaks (LS V3/V4)`,
    population: 'lookedAfterAtCensus',
    unit: 'children',
    categories: ['counted', 'short-break'],
    additive: true,
  })
    .define({
      id: 'placementsInYear',
      dimension: `Placements during the year ending ${period.year.end} (measure a)`,
      population: 'stabilityCohort',
      unit: 'children',
      categories: ['1', '2', '3-or-more'],
      additive: true,
    })
    .define({
      id: 'stabilityCohortByAgeBand',
      dimension: `Age on ${period.year.end} of the children looked after then`,
      population: 'stabilityCohort',
      unit: 'children',
      categories: AGE_BANDS_OR_UNKNOWN,
      additive: true,
    })
    .define({
      id: 'threeOrMoreByAgeBand',
      dimension: 'Age band of the children with 3 or more placements',
      population: 'placementsInYear:3-or-more',
      unit: 'children',
      categories: AGE_BANDS_OR_UNKNOWN,
      additive: true,
    })
    .define({
      id: 'longTermStability',
      dimension:
        'Under 16 and looked after 2.5 years or more: same placement 2 years, placed for adoption, or neither (measure b)',
      population: 'longTermCohort',
      unit: 'children',
      categories: ['same-placement-2-years', 'placed-for-adoption', 'not-stable'],
      additive: true,
    })
    .define({
      id: 'endingKind',
      dimension: 'Placements that ended in the period',
      population: 'placementEndings',
      unit: 'placements',
      categories: ['disrupted', 'planned'],
      additive: true,
    })
    .define({
      id: 'disruptionReason',
      dimension: 'Disruptions by SSDA903 REASON_PLACE_CHANGE',
      population: 'endingKind:disrupted',
      unit: 'placements',
      categories: [...REASON_PLACE_CHANGE_CODE_LIST, 'not-recorded'],
      additive: true,
    })
    .define({
      id: 'emergency',
      dimension: 'Placements started in the period: emergency or planned',
      population: 'placementsStarted',
      unit: 'placements',
      categories: ['emergency', 'planned', 'no-request-recorded'],
      additive: true,
    })
    .define({
      id: 'location',
      dimension: "Placements started: inside or outside the child's authority",
      population: 'placementsStarted',
      unit: 'placements',
      categories: ['in-authority', 'out-of-authority', 'not-known'],
      additive: true,
    })
    .define({
      id: 'distanceBand',
      dimension: 'Placements started: distance from home (DfE straight line)',
      population: 'placementsStarted',
      unit: 'placements',
      categories: DISTANCE_BANDS,
      additive: true,
    })
    .define({
      id: 'placementGroup',
      dimension: 'Placements started: placement type group',
      population: 'placementsStarted',
      unit: 'placements',
      categories: PLACEMENT_GROUPS,
      additive: true,
    })
    .define({
      id: 'stressAlertFollowUp',
      dimension: `Stress alerts (KEEP) raised in the period: support within ${SUPPORT_WINDOW_DAYS} days, and the placement ${ENDING_WINDOW_DAYS} days on`,
      population: 'stressAlerts',
      unit: 'alerts',
      categories: ALERT_FOLLOW_UPS,
      additive: true,
    });
  // The same figures under two keys are tied together, so suppressing one suppresses the other.
  table.relate('stabilityCohort', ['censusExclusions:counted']);
  table.relate('longTermStable', [
    'longTermStability:same-placement-2-years',
    'longTermStability:placed-for-adoption',
  ]);

  const ours = inAreas(o.areas);
  for (const { localAuthority: la, history } of histories(facts)) {
    if (!ours(la)) continue;
    const r = childStability(history, period.year, rules);
    if (r.exclusion === 'not-looked-after') continue;
    table.add('lookedAfterAtCensus', la);
    if (!r.inCohort) {
      b.count('censusExclusions', la, 'short-break');
      continue;
    }
    b.count('censusExclusions', la, 'counted');
    table.add('stabilityCohort', la);
    const band = r.ageBand ?? 'not-known';
    const placements = Math.max(1, r.placementsInYear);
    b.count('placementsInYear', la, placements >= 3 ? '3-or-more' : String(placements));
    b.count('stabilityCohortByAgeBand', la, band);
    if (r.threeOrMorePlacements) b.count('threeOrMoreByAgeBand', la, band);
    if (r.longTerm !== 'not-in-cohort') {
      table.add('longTermCohort', la);
      b.count('longTermStability', la, r.longTerm);
      if (r.longTerm !== 'not-stable') table.add('longTermStable', la);
    }
  }

  const costs = new Map<string, Map<string, number[]>>();
  const placementById = new Map(facts.placements.map((p) => [p.placementId, p]));
  const inPeriod = (d: string | null) => d !== null && d >= period.from && d <= period.to;
  for (const p of facts.placements) {
    const la = p.localAuthority;
    if (!ours(la)) continue;
    if (inPeriod(p.endedOn)) {
      if (p.disrupted !== null) {
        table.add('placementEndings', la);
        b.count('endingKind', la, p.disrupted ? 'disrupted' : 'planned');
        if (p.disrupted) {
          const reason = p.reasonPlaceChange;
          b.count(
            'disruptionReason',
            la,
            reason !== null && (REASON_PLACE_CHANGE_CODE_LIST as readonly string[]).includes(reason)
              ? reason
              : 'not-recorded',
          );
        }
      }
    }
    if (!inPeriod(p.startedOn)) continue;
    table.add('placementsStarted', la);
    b.count(
      'emergency',
      la,
      p.emergency === null ? 'no-request-recorded' : p.emergency ? 'emergency' : 'planned',
    );
    b.count(
      'location',
      la,
      p.inAuthority === null ? 'not-known' : p.inAuthority ? 'in-authority' : 'out-of-authority',
    );
    b.count('distanceBand', la, distanceBand(p.distanceMiles));
    const group = groupOf(p.placementType);
    b.count('placementGroup', la, group);
    if (p.weeklyCostPence !== null) {
      const byArea = costs.get(group) ?? new Map<string, number[]>();
      byArea.set(la, [...(byArea.get(la) ?? []), p.weeklyCostPence / 100]);
      costs.set(group, byArea);
    }
  }

  const supportByPlacement = new Map<string, string[]>();
  for (const s of facts.support) {
    supportByPlacement.set(s.placementId, [...(supportByPlacement.get(s.placementId) ?? []), s.offeredOn]);
  }
  for (const a of facts.alerts) {
    const p = placementById.get(a.placementId);
    if (!p || !ours(p.localAuthority) || !inPeriod(a.day)) continue;
    const supportBy = addDays(a.day, SUPPORT_WINDOW_DAYS);
    const supported = (supportByPlacement.get(a.placementId) ?? []).some((d) => d >= a.day && d <= supportBy);
    const endedSoon =
      p.endedOn !== null && p.endedOn >= a.day && p.endedOn <= addDays(a.day, ENDING_WINDOW_DAYS);
    const outcome = !endedSoon ? 'placement-continued' : p.disrupted ? 'ended-disrupted' : 'ended-planned';
    table.add('stressAlerts', p.localAuthority);
    b.count(
      'stressAlertFollowUp',
      p.localAuthority,
      `${supported ? 'support-offered' : 'no-support-recorded'}/${outcome}`,
    );
  }

  const shown = table.suppressed(o.policy);
  return {
    breakdowns: showBreakdowns(shown, b.definitions(), o.show),
    shares: [
      showShare(
        shown,
        'threeOrMorePlacements',
        `Measure (a): share of children looked after on ${period.year.end} with 3 or more placements during the year`,
        'placementsInYear:3-or-more',
        'stabilityCohort',
        o.show,
      ),
      showShare(
        shown,
        'longTermStability',
        `Measure (b): share of children under 16 looked after 2.5 years or more on ${period.year.end} in the same placement 2 years or placed for adoption`,
        'longTermStable',
        'longTermCohort',
        o.show,
      ),
      showShare(
        shown,
        'emergencyPlacements',
        'Share of placements started in the period that were emergencies',
        'emergency:emergency',
        'placementsStarted',
        o.show,
      ),
      showShare(
        shown,
        'outOfAuthority',
        'Share of placements started in the period outside the child’s authority',
        'location:out-of-authority',
        'placementsStarted',
        o.show,
      ),
      showShare(
        shown,
        'over20Miles',
        'Share of placements started in the period over 20 miles from home',
        'distanceBand:over-20-miles',
        'placementsStarted',
        o.show,
      ),
    ],
    statistics: PLACEMENT_GROUPS.map((g) =>
      showStatistic(
        `weeklyCostPaid:${g}`,
        `Mean weekly cost paid for ${g} placements started in the period`,
        'GBP per week, excluding VAT',
        { byArea: costs.get(g) ?? new Map(), reduce: mean },
        o.areas,
        o.show,
        o.policy,
      ),
    ),
  };
};
