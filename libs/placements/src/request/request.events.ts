import type { ProviderId, SettingId } from '@placematch/supply';
import type { PlacementsEvent } from '../shared/command';
import type { ApprovalId, ChildId, ReferralId, SearchId } from '../shared/ids';
import type { ApproverRole, GuardKind } from './guards';
import type {
  ApprovalCase,
  DecideMatch,
  MatchAlertTrigger,
  ProviderResponse,
  RecordSearch,
  RequestPlacement,
} from './request.commands';

/**
 * A placement was requested. `emergency` (the purpose is `emergency`; M-35) and `siblingsToPlaceWith` (the
 * Placements Standard's "number of siblings to place with": the other children of the request) are derived.
 */
export type PlacementRequested = PlacementsEvent<
  'PlacementRequested',
  RequestPlacement['data'] & { emergency: boolean; siblingsToPlaceWith: number; requestedAt: string }
>;

/** A search was run and its result kept as evidence, with the policy version it used. */
export type SearchRun = PlacementsEvent<'SearchRun', RecordSearch['data'] & { runAt: string }>;

/**
 * Supply changed and the search the system re-ran (the SearchRun recorded just before, `searchId`) has settings
 * in its top that the last search's top did not hold (`settingIds`, in rank order). A menu for people to look at
 * again: nothing is shortlisted or referred by it (M-04).
 */
export type MatchAlertRaised = PlacementsEvent<
  'MatchAlertRaised',
  { searchId: SearchId; settingIds: SettingId[]; trigger: MatchAlertTrigger; raisedAt: string }
>;

/** Settings were shortlisted from a search. */
export type Shortlisted = PlacementsEvent<
  'Shortlisted',
  { searchId: SearchId; settings: { settingId: SettingId; providerId: ProviderId }[]; shortlistedAt: string }
>;

/** A referral was sent to a provider for a setting. */
export type ReferralSent = PlacementsEvent<
  'ReferralSent',
  { referralId: ReferralId; settingId: SettingId; providerId: ProviderId; sentAt: string }
>;

/** A provider answered a referral. */
export type ProviderResponded = PlacementsEvent<
  'ProviderResponded',
  {
    referralId: ReferralId;
    settingId: SettingId;
    providerId: ProviderId;
    respondedAt: string;
  } & ProviderResponse
>;

/** An approval was asked for. */
export type ApprovalRequested = PlacementsEvent<
  'ApprovalRequested',
  { approvalId: ApprovalId } & ApprovalCase & { requestedAt: string }
>;

/** Who an approval is for: its guard, and the setting when the guard is setting-scoped. */
interface ApprovalSubject {
  approvalId: ApprovalId;
  guard: GuardKind;
  settingId?: SettingId;
}

/** An approval was given, by a role the guard allows. */
export type ApprovalGiven = PlacementsEvent<
  'ApprovalGiven',
  ApprovalSubject & { role: ApproverRole; note?: string; givenAt: string }
>;

/** An approval was refused, with the reason. */
export type ApprovalRefused = PlacementsEvent<
  'ApprovalRefused',
  ApprovalSubject & { role: ApproverRole; reason: string; refusedAt: string }
>;

/** The IRO put the decision on hold. */
export type HoldPlaced = PlacementsEvent<'HoldPlaced', { reason: string; placedAt: string }>;

/** The IRO lifted the hold. */
export type HoldReleased = PlacementsEvent<'HoldReleased', { note?: string; releasedAt: string }>;

/**
 * The match was decided for some or all of the request's children. `guards` are those that applied (the
 * command's, plus sibling separation for a split and emergency for an emergency request), `approvalIds` the
 * approvals relied on, `referralId` the referral whose offer was taken; `emergency` is there to be counted
 * (M-35).
 */
export type MatchDecided = PlacementsEvent<
  'MatchDecided',
  Omit<DecideMatch['data'], 'childIds'> & {
    childIds: ChildId[];
    approvalIds: ApprovalId[];
    referralId: ReferralId;
    emergency: boolean;
    decidedAt: string;
  }
>;

/** The request was withdrawn before any decision. */
export type RequestWithdrawn = PlacementsEvent<'RequestWithdrawn', { reason: string; withdrawnAt: string }>;

/** Every event of the request aggregate. */
export type RequestEvent =
  | PlacementRequested
  | SearchRun
  | MatchAlertRaised
  | Shortlisted
  | ReferralSent
  | ProviderResponded
  | ApprovalRequested
  | ApprovalGiven
  | ApprovalRefused
  | HoldPlaced
  | HoldReleased
  | MatchDecided
  | RequestWithdrawn;
