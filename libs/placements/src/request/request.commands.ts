import type { Adaptation, ProviderId, RiskCode, SettingId } from '@placematch/supply';
import type { WishesAndFeelingsRecord } from '../child/child.commands';
import type { PlacementsCommand } from '../shared/command';
import type { ApprovalId, ChildId, ReferralId, RequestId, SearchId } from '../shared/ids';
import type { GuardKind } from './guards';
import type {
  AdditionalSupport,
  CoarseLocation,
  CommunicationNeed,
  CommunicationRequirement,
  CulturalNeed,
  LivesAlongside,
  PetsAnswer,
  RequestPurpose,
  RiskLevel,
  Suitability,
  Urgency,
} from './placements-standard';

/**
 * One child of a request, with the Placements Standard v2 fields of a referral (domain-anchors.md §1.8). The
 * standard is per child, so each child of a sibling group has their own.
 */
export interface RequestedChild {
  childId: ChildId;
  /** "Communication, language and learning needs" and the specific requirements (none is an empty list). */
  communication: { needs: CommunicationNeed; requirements: CommunicationRequirement[] };
  /** Adaptations of the home the child needs (supply's list); empty is the standard's "Adaptation: N". */
  adaptations: Adaptation[];
  /** "Cultural needs (e.g. place of worship)", with what they are in the worker's words. `details` is personal. */
  culturalNeeds: { need: CulturalNeed; details: string[] };
  livesAlongside: LivesAlongside;
  pets: PetsAnswer;
  additionalSupport: AdditionalSupport[];
  /** A Deprivation of Liberty order applies. */
  deprivationOfLiberty: boolean;
  suitability: { foster: Suitability; residential: Suitability; supportedAccommodation: Suitability };
  /** Every Placements Standard v2 risk (supply's `RISKS`), each with its level: none may be left out. */
  risks: Record<RiskCode, RiskLevel>;
  /** The child's wishes and feelings, who recorded them and when (M-01). The summary is personal. */
  wishesAndFeelings: WishesAndFeelingsRecord;
  /** The coarse location of the child's current school, where they attend one (M-18, M-19). */
  school?: CoarseLocation;
}

/**
 * Asks for a placement for one child or a sibling group to be placed together (M-09). Repeating it with the same
 * data does nothing; with other data it is refused.
 */
export type RequestPlacement = PlacementsCommand<
  'RequestPlacement',
  {
    requestId: RequestId;
    /** ONS code of the placing (responsible) local authority, looked up by the caller. */
    localAuthority: string;
    urgency: Urgency;
    purpose: RequestPurpose;
    /** One to {@link MAX_CHILDREN_PER_REQUEST} children; more than one is a sibling group to place together. */
    children: RequestedChild[];
    /** The coarse location of the family home: distance is measured from it (M-10). */
    home: CoarseLocation;
  }
>;

/** Any JSON value: the evidence of a search is kept exactly as the matching engine returned it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One setting of a search's summary, in rank order. */
export interface SearchSummaryEntry {
  settingId: SettingId;
  providerId: ProviderId;
  /** The weighted total, 0..1. */
  score: number;
  /** The approvals this match would need (matching's guards). */
  guards: GuardKind[];
}

/**
 * What a search was asked besides the request itself, kept with it so that a re-run (a match alert) searches the
 * same way.
 */
export interface SearchRunChoices {
  /** M-31: the legal criteria for secure accommodation are met, so secure homes were searched. */
  secureCriteriaMet: boolean;
  /** M-09: one setting for the whole group was looked for first. */
  keepSiblingsTogether: boolean;
  /** How many matches were asked for. */
  limit: number;
}

/**
 * Records a search run for the request, as evidence: the ranked result with its explanations as matching gave it
 * (opaque JSON), the policy version, and a summary of the top settings (the menu people choose from, M-04).
 * The same search again does nothing.
 */
export type RecordSearch = PlacementsCommand<
  'RecordSearch',
  {
    searchId: SearchId;
    /** The matching policy as `id@version`, so the decision can be explained later. */
    policyVersion: string;
    /** How many matches the search returned. */
    resultCount: number;
    /** The top settings in rank order: what can be shortlisted. */
    top: SearchSummaryEntry[];
    results: JsonValue;
    /** The choices it was run with (absent on searches recorded before they were kept). */
    choices?: SearchRunChoices;
  }
>;

/** What made the system re-run a request's search: a change of supply at a setting, by its integration event. */
export interface MatchAlertTrigger {
  settingId: SettingId;
  /** The id of the integration event (its `event-id` header) that reported the change. */
  eventId: string;
}

/**
 * Records a search the system re-ran because supply changed, with the settings that entered its top
 * `MATCH_ALERT_TOP_N` (a match alert). Recorded only when a setting entered that the last recorded search's top
 * did not hold; otherwise it does nothing, so the same re-run twice records one alert. The system only (`role`
 * is the actor's): people run searches with {@link RecordSearch}. An alert is news for people to weigh: it never
 * shortlists or refers by itself (M-04).
 */
export type RecordMatchAlert = PlacementsCommand<
  'RecordMatchAlert',
  { search: RecordSearch['data']; trigger: MatchAlertTrigger; role: string }
>;

/** Shortlists settings from a recorded search's summary; settings already shortlisted are left as they are. */
export type Shortlist = PlacementsCommand<'Shortlist', { searchId: SearchId; settingIds: SettingId[] }>;

/** Sends a referral to the provider of a shortlisted setting (M-06: the carer is told about the child). */
export type SendReferral = PlacementsCommand<
  'SendReferral',
  { referralId: ReferralId; settingId: SettingId }
>;

/** A provider's answer to a referral: an offer, or a decline with its reason. */
export type ProviderResponse = { response: 'offer' } | { response: 'decline'; reason: string };

/** Records a provider's answer to a referral. The same answer again does nothing; another is refused. */
export type RecordProviderResponse = PlacementsCommand<
  'RecordProviderResponse',
  { referralId: ReferralId } & ProviderResponse
>;

/** What an approval is asked for, by guard (see `GUARD_RULES`). */
export type ApprovalCase =
  | {
      guard: 'out-of-authority';
      settingId: SettingId;
      /** M-11: why this placement outside the authority is in the child's best interests. */
      bestInterestsReason: string;
    }
  | {
      guard: 'sibling-separation';
      /** M-09: each child's views on living apart. Personal, each under that child's key. */
      childViews: { childId: ChildId; views: string }[];
      /** M-09: the assessment of the implications of the separation. */
      implications: string;
      /** How the brothers and sisters will keep in touch (the pledge: contact with siblings). */
      contactPlan: string;
    }
  | {
      guard: 'school-move-year-10-11';
      settingId: SettingId;
      /** M-18, M-36: the date of the review of the plan to move school; not after today. */
      reviewedOn: string;
      /** M-18: the exceptional circumstances that justify a move in Year 10 or 11. */
      exceptionalCircumstances: string;
    }
  | {
      guard: 'emergency';
      /** M-35: why an emergency placement is needed. */
      reason: string;
    };

/**
 * Asks for the approval a guard needs. Setting-scoped guards name a shortlisted setting. Asking again with the
 * same data does nothing.
 */
export type RequestApproval = PlacementsCommand<'RequestApproval', { approvalId: ApprovalId } & ApprovalCase>;

/** Gives an approval. `role` is the approver's, from their token: a role the guard does not allow is refused. */
export type GiveApproval = PlacementsCommand<
  'GiveApproval',
  { approvalId: ApprovalId; role: string; note?: string }
>;

/** Refuses an approval, with a reason. The same roles as {@link GiveApproval}. */
export type RefuseApproval = PlacementsCommand<
  'RefuseApproval',
  { approvalId: ApprovalId; role: string; reason: string }
>;

/** The IRO pauses the decision (M-36; naive-build item 16): no decision while it holds. IRO only. */
export type PlaceHold = PlacementsCommand<'PlaceHold', { role: string; reason: string }>;

/** The IRO lifts the hold. IRO only. */
export type ReleaseHold = PlacementsCommand<'ReleaseHold', { role: string; note?: string }>;

/**
 * Decides the match for the request's children, or for some of them when a sibling group is placed apart
 * (`childIds`; by default every child not yet decided). The setting needs a provider's offer; every guard that
 * applies needs a given approval (`REQUEST.APPROVAL_MISSING` otherwise); never while on hold.
 */
export type DecideMatch = PlacementsCommand<
  'DecideMatch',
  {
    settingId: SettingId;
    providerId: ProviderId;
    childIds?: ChildId[];
    /** Why this setting: at least one reason. */
    reasons: string[];
    /** M-01: for each child decided, how their wishes and feelings were weighed. Personal, per child. */
    howChildViewsWereWeighed: { childId: ChildId; how: string }[];
    /** The guards matching computed for this setting and these children. */
    guards: GuardKind[];
  }
>;

/** Withdraws the request (no longer needed), before any decision; withdrawing again does nothing. */
export type WithdrawRequest = PlacementsCommand<'WithdrawRequest', { reason: string }>;

/** Every command of the request aggregate. */
export type RequestCommand =
  | RequestPlacement
  | RecordSearch
  | RecordMatchAlert
  | Shortlist
  | SendReferral
  | RecordProviderResponse
  | RequestApproval
  | GiveApproval
  | RefuseApproval
  | PlaceHold
  | ReleaseHold
  | DecideMatch
  | WithdrawRequest;
