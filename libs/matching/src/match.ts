import { distanceMiles } from '@placematch/geo';
import type { SearchContext } from './context';
import { FactorScore, explainFactors } from './factors';
import type { SettingFacts, SupplyView } from './supply-view';

/**
 * What a match may need before it is chosen. Guards flag, never filter: the match stays on the menu with the
 * approval it needs (architecture.md section 5, step 3): out-of-authority (M-11, M-12), sibling separation
 * (M-09), a school move in Year 10 or 11 (M-18) and an emergency placement (M-35). Defined here, once: matching
 * computes which apply to a setting, and the placements context records the approvals they need against these
 * codes (it imports and re-exports them, with its approval rules in `GUARD_RULES`).
 */
export const GUARDS = [
  'out-of-authority',
  'sibling-separation',
  'school-move-year-10-11',
  'emergency',
] as const;

/** One of {@link GUARDS}. */
export type GuardKind = (typeof GUARDS)[number];

/** A guard on a match: which, and who must approve what, with the rule it comes from. */
export interface Guard {
  guard: GuardKind;
  approval: string;
}

/** One setting on the menu, scored and explained. */
export interface Match {
  settingId: string;
  providerId: string;
  /** Weighted total of the factors, 0..1, four decimal places. */
  total: number;
  /** Every factor, in the order of `FACTORS`. */
  factors: FactorScore[];
  /** Approvals this match would need (in the order of {@link GUARDS}). */
  guards: Guard[];
  /** DfE straight-line distance from the child's home, miles to one decimal place. */
  distanceFromHomeMiles: number;
  /** The same from the current school, or `null` when no school was given. */
  distanceFromSchoolMiles: number | null;
  /** The setting is in the child's local authority (M-11 is about the boundary, not distance). */
  inAuthority: boolean;
}

/** The approval sentence of each guard. */
export const GUARD_APPROVALS = {
  'out-of-authority':
    "A senior manager must agree a placement outside the child's local authority, on a recorded decision that it is in the child's best interests (M-11, M-12).",
  'sibling-separation':
    "Brothers and sisters would live apart: record an assessment of each child's views and of the implications of separating them, and a contact plan, before deciding (M-09).",
  'school-move-year-10-11':
    'A child in Year 10 or 11 would be beyond a reasonable distance of the current school: a school move then needs exceptional circumstances and a statutory review chaired by the IRO (M-18, M-36).',
  emergencyWithReason:
    'An emergency placement: record the exceptional circumstances that make it necessary; it is counted and the match is reviewed (M-35).',
  emergency: 'An emergency placement: it is counted and the match is reviewed (M-35).',
} as const;

/** The guards of a setting for the children in `subset`. */
const guardsFor = (
  ctx: SearchContext,
  s: SettingFacts,
  subset: number,
  split: boolean,
  schoolMiles: number | null,
): Guard[] => {
  const guards: Guard[] = [];
  if (s.hostLocalAuthority !== ctx.homeLocalAuthority) {
    // M-11, M-12: the authority's boundary decides, however near the setting is.
    guards.push({ guard: 'out-of-authority', approval: GUARD_APPROVALS['out-of-authority'] });
  }
  if (split) {
    // M-09: any split of a sibling group needs the separation assessment.
    guards.push({ guard: 'sibling-separation', approval: GUARD_APPROVALS['sibling-separation'] });
  }
  const keyStage4Here = ctx.children.some((c, i) => c.keyStage4 && (subset & (1 << i)) !== 0);
  if (keyStage4Here && schoolMiles !== null && schoolMiles > ctx.policy.school.reasonableMiles) {
    // M-18: no school move in Years 10 and 11 except in exceptional circumstances, after a statutory review.
    guards.push({ guard: 'school-move-year-10-11', approval: GUARD_APPROVALS['school-move-year-10-11'] });
  }
  if (ctx.need.emergency) {
    // M-35: emergency placements are the exception; each is counted, with a reason where the policy asks.
    guards.push({
      guard: 'emergency',
      approval: ctx.policy.emergencyNeedsReason
        ? GUARD_APPROVALS.emergencyWithReason
        : GUARD_APPROVALS.emergency,
    });
  }
  return guards;
};

/**
 * The full, explained match of a setting for the children in `subset` (`split` when they are part of a sibling
 * group placed apart).
 *
 * @internal
 */
export const buildMatch = (
  ctx: SearchContext,
  view: SupplyView,
  slot: number,
  subset: number,
  size: number,
  split: boolean,
): Match => {
  const s = view.factsAt(slot);
  const homeMiles = distanceMiles(ctx.home, s);
  const schoolMiles = ctx.school === null ? null : distanceMiles(ctx.school, s);
  const { total, factors } = explainFactors(ctx, view, slot, subset, size, homeMiles, schoolMiles ?? 0);
  return {
    settingId: s.settingId,
    providerId: s.providerId,
    total,
    factors,
    guards: guardsFor(ctx, s, subset, split, schoolMiles),
    distanceFromHomeMiles: homeMiles,
    distanceFromSchoolMiles: schoolMiles,
    inAuthority: s.hostLocalAuthority === ctx.homeLocalAuthority,
  };
};
