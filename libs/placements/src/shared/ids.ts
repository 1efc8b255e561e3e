import type { Id } from '@placematch/kernel';

// Setting, provider and placement ids are supply's (`SettingId`, `ProviderId`, `PlacementId`): one brand each.

/** A child in care, recorded by a local authority (`child-<id>` stream). */
export type ChildId = Id<'Child'>;
/** A placement request for one child or a sibling group (`request-<id>` stream). */
export type RequestId = Id<'PlacementRequest'>;
/** One search recorded on a request, as evidence. */
export type SearchId = Id<'Search'>;
/** One referral of a request to a provider for a setting. */
export type ReferralId = Id<'Referral'>;
/** One approval asked for on a request (out-of-authority, sibling separation, Year 10/11 school move, emergency). */
export type ApprovalId = Id<'Approval'>;
/** One review of a placement. */
export type ReviewId = Id<'PlacementReview'>;
/** One KEEP-style stress report filed by a carer; a retry carries the same id. */
export type StressReportId = Id<'StressReport'>;
/** A task opened on a placement: support after a disruption risk, or a risk assessment (M-40, M-48). */
export type TaskId = Id<'Task'>;
/** One episode of a child missing from, or away from, a placement. */
export type MissingEpisodeId = Id<'MissingEpisode'>;
/** One temporary move (SSDA903 T0-T4) during a placement. */
export type TemporaryMoveId = Id<'TemporaryMove'>;
