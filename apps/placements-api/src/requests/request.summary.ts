import type {
  AdditionalSupport,
  ApproverRole,
  CommunicationNeed,
  CommunicationRequirement,
  CulturalNeed,
  GuardKind,
  LivesAlongside,
  PetsAnswer,
  RequestEvent,
  RequestPurpose,
  RiskLevel,
  Suitability,
  Urgency,
} from '@placematch/placements';
import type { Adaptation, RiskCode } from '@placematch/supply';

/** One child of a request as the read model keeps it: Placements Standard codes, no words and no views. */
export interface RequestedChildSummary {
  childId: string;
  communication: { needs: CommunicationNeed; requirements: CommunicationRequirement[] };
  adaptations: Adaptation[];
  culturalNeed: CulturalNeed;
  livesAlongside: LivesAlongside;
  pets: PetsAnswer;
  additionalSupport: AdditionalSupport[];
  deprivationOfLiberty: boolean;
  suitability: { foster: Suitability; residential: Suitability; supportedAccommodation: Suitability };
  risks: Record<RiskCode, RiskLevel>;
  /** The school's sector, where the child has one. */
  schoolSector: string | null;
}

/** A referral as the read model keeps it, for the authority's list and the provider's. */
export interface ReferralSummary {
  referralId: string;
  settingId: string;
  providerId: string;
  sentAt: string;
  response: 'offer' | 'decline' | null;
  /** The provider's own reason for declining: a professional reason that names no one. */
  declineReason: string | null;
  respondedAt: string | null;
}

/** An approval and where it stands; the reasons and views given for it stay on the stream. */
export interface ApprovalSummary {
  approvalId: string;
  guard: GuardKind;
  settingId: string | null;
  status: 'requested' | 'given' | 'refused';
  role: ApproverRole | null;
  requestedAt: string;
  answeredAt: string | null;
}

/**
 * A placement request as the read model keeps it: its state, codes and counts. Never a name, a view, a reason
 * in someone's words or a full postcode, so an erasure leaves nothing here to remove.
 */
export interface RequestSummary {
  requestId: string;
  localAuthority: string;
  status: 'Open' | 'OnHold' | 'Decided' | 'Withdrawn';
  urgency: Urgency;
  purpose: RequestPurpose;
  emergency: boolean;
  childrenCount: number;
  children: RequestedChildSummary[];
  homeSector: string;
  requestedAt: string;
  searches: { searchId: string; policyVersion: string; resultCount: number; runAt: string }[];
  /** Match alerts raised when supply changed: the re-run search and the settings new in its top. */
  matchAlerts: { searchId: string; settingIds: string[]; raisedAt: string }[];
  shortlist: { settingId: string; providerId: string; searchId: string }[];
  referrals: ReferralSummary[];
  approvals: ApprovalSummary[];
  /** When the IRO's hold was placed, while it holds. */
  onHoldSince: string | null;
  decisions: {
    settingId: string;
    providerId: string;
    childIds: string[];
    guards: GuardKind[];
    approvalIds: string[];
    referralId: string;
    emergency: boolean;
    decidedAt: string;
  }[];
  withdrawnAt: string | null;
}

/** Approvals asked for and not yet given or refused. */
export const approvalsWaiting = (summary: RequestSummary): ApprovalSummary[] =>
  summary.approvals.filter((a) => a.status === 'requested');

const decidedChildren = (summary: RequestSummary): Set<string> =>
  new Set(summary.decisions.flatMap((d) => d.childIds));

/** Folds a request event into its summary, reading only codes, ids, counts and times. */
export const evolveRequestSummary = (
  summary: RequestSummary | null,
  event: RequestEvent,
): RequestSummary | null => {
  if (event.type === 'PlacementRequested') {
    const d = event.data;
    return {
      requestId: d.requestId,
      localAuthority: d.localAuthority,
      status: summary?.status ?? 'Open',
      urgency: d.urgency,
      purpose: d.purpose,
      emergency: d.emergency,
      childrenCount: d.children.length,
      children: d.children.map((c) => ({
        childId: c.childId,
        communication: { needs: c.communication.needs, requirements: [...c.communication.requirements] },
        adaptations: [...c.adaptations],
        culturalNeed: c.culturalNeeds.need,
        livesAlongside: c.livesAlongside,
        pets: c.pets,
        additionalSupport: [...c.additionalSupport],
        deprivationOfLiberty: c.deprivationOfLiberty,
        suitability: { ...c.suitability },
        risks: { ...c.risks },
        schoolSector: c.school?.postcodeSector ?? null,
      })),
      homeSector: d.home.postcodeSector,
      requestedAt: d.requestedAt,
      searches: summary?.searches ?? [],
      matchAlerts: summary?.matchAlerts ?? [],
      shortlist: summary?.shortlist ?? [],
      referrals: summary?.referrals ?? [],
      approvals: summary?.approvals ?? [],
      onHoldSince: summary?.onHoldSince ?? null,
      decisions: summary?.decisions ?? [],
      withdrawnAt: summary?.withdrawnAt ?? null,
    };
  }
  if (summary === null) return summary;
  switch (event.type) {
    case 'SearchRun': {
      const { searchId, policyVersion, resultCount, runAt } = event.data;
      return { ...summary, searches: [...summary.searches, { searchId, policyVersion, resultCount, runAt }] };
    }
    case 'MatchAlertRaised': {
      const { searchId, settingIds, raisedAt } = event.data;
      return {
        ...summary,
        matchAlerts: [...summary.matchAlerts, { searchId, settingIds: [...settingIds], raisedAt }],
      };
    }
    case 'Shortlisted': {
      const added = event.data.settings.map((s) => ({ ...s, searchId: event.data.searchId }));
      return { ...summary, shortlist: [...summary.shortlist, ...added] };
    }
    case 'ReferralSent': {
      const { referralId, settingId, providerId, sentAt } = event.data;
      const referral: ReferralSummary = {
        referralId,
        settingId,
        providerId,
        sentAt,
        response: null,
        declineReason: null,
        respondedAt: null,
      };
      return { ...summary, referrals: [...summary.referrals, referral] };
    }
    case 'ProviderResponded': {
      const d = event.data;
      const referrals = summary.referrals.map((r) =>
        r.referralId === d.referralId
          ? {
              ...r,
              response: d.response,
              declineReason: d.response === 'decline' ? d.reason : null,
              respondedAt: d.respondedAt,
            }
          : r,
      );
      return { ...summary, referrals };
    }
    case 'ApprovalRequested': {
      const d = event.data;
      const approval: ApprovalSummary = {
        approvalId: d.approvalId,
        guard: d.guard,
        settingId: 'settingId' in d ? d.settingId : null,
        status: 'requested',
        role: null,
        requestedAt: d.requestedAt,
        answeredAt: null,
      };
      return { ...summary, approvals: [...summary.approvals, approval] };
    }
    case 'ApprovalGiven':
    case 'ApprovalRefused': {
      const d = event.data;
      const status: ApprovalSummary['status'] = event.type === 'ApprovalGiven' ? 'given' : 'refused';
      const answeredAt = event.type === 'ApprovalGiven' ? event.data.givenAt : event.data.refusedAt;
      const approvals = summary.approvals.map((a) =>
        a.approvalId === d.approvalId ? { ...a, status, role: d.role, answeredAt } : a,
      );
      return { ...summary, approvals };
    }
    case 'HoldPlaced':
      return summary.status === 'Open'
        ? { ...summary, status: 'OnHold', onHoldSince: event.data.placedAt }
        : summary;
    case 'HoldReleased':
      return summary.status === 'OnHold' ? { ...summary, status: 'Open', onHoldSince: null } : summary;
    case 'MatchDecided': {
      const d = event.data;
      const next: RequestSummary = {
        ...summary,
        decisions: [
          ...summary.decisions,
          {
            settingId: d.settingId,
            providerId: d.providerId,
            childIds: [...d.childIds],
            guards: [...d.guards],
            approvalIds: [...d.approvalIds],
            referralId: d.referralId,
            emergency: d.emergency,
            decidedAt: d.decidedAt,
          },
        ],
      };
      const decided = decidedChildren(next);
      const all = next.children.every((c) => decided.has(c.childId));
      return next.status === 'Withdrawn' || !all ? next : { ...next, status: 'Decided' };
    }
    case 'RequestWithdrawn':
      return { ...summary, status: 'Withdrawn', onHoldSince: null, withdrawnAt: event.data.withdrawnAt };
    default:
      return summary;
  }
};
