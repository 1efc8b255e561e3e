import { GUARDS } from '@placematch/matching';
import type { GuardKind } from '@placematch/matching';

// The guards of a match: what a choice may need approved before it is decided (architecture.md section 5,
// step 3): out-of-authority (M-11, M-12), sibling separation (M-09), a Year 10/11 school move (M-18) and an
// emergency (M-35). Matching defines the codes and computes which apply to a setting; the request records the
// approvals. Re-exported so that `@placematch/placements` keeps offering them.
export { GUARDS };
export type { GuardKind };

/** The roles that may give or refuse approvals. */
export const APPROVER_ROLES = ['senior-manager', 'iro'] as const;

/** One of {@link APPROVER_ROLES}. */
export type ApproverRole = (typeof APPROVER_ROLES)[number];

/** What Placematch requires of one guard's approval. */
export interface GuardRule {
  /** `setting`: given for one setting (the best interests of this placement); `request`: for the request as a whole. */
  readonly scope: 'setting' | 'request';
  /** Who may give or refuse it. */
  readonly approvers: readonly ApproverRole[];
  /** The rules it comes from. */
  readonly rules: readonly string[];
}

/**
 * The approval rule table.
 * - out-of-authority: a best-interests reason and sign-off at a senior level, so a senior manager only
 *   (M-11, M-12); for one setting, because the best interests are those of that placement.
 * - sibling-separation: an assessment of each child's views and of the implications, with a contact plan
 *   (M-09); for the request, because it is the group that is split.
 * - school-move-year-10-11: exceptional circumstances after a review (M-18, M-36); for one setting, whose
 *   distance from the school is what forces the move.
 * - emergency: its stated reason (M-35); for the request.
 * The seeds name a senior manager for out-of-authority only; the others are approved, as architecture.md
 * section 1 says, by a senior manager or the IRO.
 */
export const GUARD_RULES = {
  'out-of-authority': { scope: 'setting', approvers: ['senior-manager'], rules: ['M-11', 'M-12'] },
  'sibling-separation': { scope: 'request', approvers: ['senior-manager', 'iro'], rules: ['M-09'] },
  'school-move-year-10-11': {
    scope: 'setting',
    approvers: ['senior-manager', 'iro'],
    rules: ['M-18', 'M-36'],
  },
  emergency: { scope: 'request', approvers: ['senior-manager', 'iro'], rules: ['M-35'] },
} as const satisfies Record<GuardKind, GuardRule>;
