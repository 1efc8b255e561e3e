import { PlacementRequest, undecidedChildren } from '@placematch/placements';

/**
 * A placement request as the placement team sees it, read from its stream: every Placements Standard field,
 * the children's wishes (erased markers once a child is erased), searches (their evidence is at
 * `/searches/:searchId`), the match alerts raised when supply changed (each naming its re-run search and the
 * settings new in its top), shortlist, referrals and answers, approvals, the hold and the decisions.
 */
export const requestView = (state: PlacementRequest, revision: number | null) => {
  if (state.status === 'NotRequested') return null;
  const approvals = Object.values(state.approvals);
  return {
    ...state.details,
    status: state.status,
    childrenCount: state.details.children.length,
    searches: Object.values(state.searches).map(({ results: _evidence, ...search }) => search),
    matchAlerts: state.matchAlerts,
    shortlist: Object.values(state.shortlist),
    referrals: Object.values(state.referrals),
    approvals,
    approvalsWaiting: approvals
      .filter((a) => a.status === 'requested')
      .map((a) => ({
        approvalId: a.approvalId,
        guard: a.guard,
        settingId: 'settingId' in a ? a.settingId : null,
      })),
    hold: state.status === 'OnHold' ? state.hold : null,
    decisions: state.decisions,
    undecidedChildIds: state.status === 'Withdrawn' ? [] : undecidedChildren(state),
    withdrawal: state.status === 'Withdrawn' ? state.withdrawal : null,
    revision,
  };
};
