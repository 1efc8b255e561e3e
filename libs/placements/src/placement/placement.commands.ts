import type {
  BehaviourChecklist,
  PlaceProviderCode,
  PlacementId,
  PlacementTypeCode,
  ProviderId,
  SettingId,
  StressReport,
} from '@placematch/supply';
import type { CinCategoryCode } from '../codes/cin-category';
import type {
  MissingKindCode,
  ReasonEpisodeCeasedCode,
  ReasonNewEpisodeCode,
  ReasonPlaceChangeCode,
  TemporaryPlacementCode,
} from '../codes/episode';
import type { LegalStatusCode } from '../codes/legal-status';
import type { PlacementsCommand } from '../shared/command';
import type {
  ChildId,
  MissingEpisodeId,
  RequestId,
  ReviewId,
  StressReportId,
  TaskId,
  TemporaryMoveId,
} from '../shared/ids';

/**
 * Starts a placement from a decision: an SSDA903 episode opening (DECOM, RNE, LS, CIN, PLACE, PLACE_PROVIDER,
 * URN, HOME_POST and PL_POST as sectors) with the DfE distance and the in/out-of-authority flag, all looked up
 * or computed by the caller (distance with geo's `distanceMiles` on the full postcodes' grid references).
 * Repeating it with the same data does nothing.
 */
export type StartPlacement = PlacementsCommand<
  'StartPlacement',
  {
    placementId: PlacementId;
    requestId: RequestId;
    childId: ChildId;
    settingId: SettingId;
    providerId: ProviderId;
    /** ONS code of the placing (responsible) local authority. */
    localAuthority: string;
    /** DECOM: `YYYY-MM-DD`, not after today. */
    startedOn: string;
    /** RNE: why a new episode starts (any code but `L`, which changes the legal status only). */
    reasonNewEpisode: ReasonNewEpisodeCode;
    /** LS on the day it starts. */
    legalStatus: LegalStatusCode;
    /** CIN on the day it starts. */
    cinCategory: CinCategoryCode;
    /** PLACE: the placement type; never a temporary code (T0-T4 are `RecordTemporaryMove`). */
    placementType: PlacementTypeCode;
    /** PLACE_PROVIDER, from the placing authority's point of view (supply's `placementProviderCode`). */
    placeProvider: PlaceProviderCode;
    /** URN: required for the types that need one (`XXXXXXX` where none applies); absent for the others. */
    urn?: string;
    /** HOME_POST as a postcode sector (`NE1 9`); `null` where not known (some UASC) or not recorded. */
    homeSector: string | null;
    /** PL_POST as a postcode sector. */
    placementSector: string;
    /** DfE straight-line distance from home in miles, one decimal place; `null` where not known. */
    distanceMiles: number | null;
    /** The setting is inside the placing authority (M-11: the boundary, not the distance). */
    inAuthority: boolean;
    /** The child's age in completed months on `startedOn` (matching reads it). */
    childAgeMonths: number;
    /** Placements Standard v2 "Total Weekly Cost": the fee actually paid, pence excluding VAT. */
    weeklyCostPence?: number;
  }
>;

/** What kind of review it was. */
export const PLACEMENT_REVIEW_KINDS = ['statutory', 'placement-agreement', 'other'] as const;

/** One of {@link PLACEMENT_REVIEW_KINDS}. */
export type PlacementReviewKind = (typeof PLACEMENT_REVIEW_KINDS)[number];

/**
 * Records a review of the placement: a statutory review chaired by the IRO (M-36) or the annual review of the
 * foster placement agreement (M-07). The same review again does nothing.
 */
export type ReviewPlacement = PlacementsCommand<
  'ReviewPlacement',
  {
    reviewId: ReviewId;
    kind: PlacementReviewKind;
    /** `YYYY-MM-DD`: on or after the start, not after today. */
    reviewedOn: string;
    /** What the review found and decided. Personal. */
    summary: string;
  }
>;

/**
 * Files a carer's KEEP-style stress report (M-39, M-40), checked with supply's `validateStressReport` against
 * `checklist` (default `DEFAULT_BEHAVIOUR_CHECKLIST`). Each day whose stressful count is above `threshold`
 * raises a disruption risk, and a support task opens unless one is open already: support, never a move.
 * Filing the same report again does nothing.
 */
export type FileStressReport = PlacementsCommand<
  'FileStressReport',
  {
    reportId: StressReportId;
    report: StressReport;
    /** Policy: more than this many stressful behaviours in a day is a warning. Default 5; 6 for ages 5-12 is an option. */
    threshold?: number;
    /** The checklist the local authority uses, where it is not the default. */
    checklist?: BehaviourChecklist;
    /** The id of the support task, used only if this report opens one. */
    supportTaskId: TaskId;
  }
>;

/** Records support offered to the carer, closing the support task it answers when `taskId` is given (M-40, M-42). */
export type RecordSupportOffered = PlacementsCommand<
  'RecordSupportOffered',
  {
    taskId?: TaskId;
    /** What was offered: a visit, respite, a KEEP group, therapeutic support. */
    support: string;
    /** `YYYY-MM-DD`, not after today. */
    offeredOn: string;
  }
>;

/** Whether a return interview was offered to the child and accepted (M-49; Ofsted Annex A asks both). */
export interface ReturnInterview {
  offered: boolean;
  /** Only when offered. */
  accepted?: boolean;
}

/**
 * Records an episode of the child missing from the placement (SSDA903 `MISSING`, M-49). Recording the same
 * episode id again with more (the end, the return) or corrected facts replaces it; the same facts do nothing.
 */
export type RecordMissingEpisode = PlacementsCommand<
  'RecordMissingEpisode',
  {
    episodeId: MissingEpisodeId;
    /** `M` missing (whereabouts not known), `A` away without authorisation (whereabouts known). */
    kind: MissingKindCode;
    /** MIS_START: `YYYY-MM-DD`, on or after the start of the placement, not after today. */
    from: string;
    /** MIS_END: absent while the child is still missing. */
    to?: string;
    /** The date the child came back to the placement, where they did. */
    returnedOn?: string;
    returnInterview?: ReturnInterview;
  }
>;

/**
 * Records a temporary move (SSDA903 T0-T4): not a new placement, and it does not end this one. The same move id
 * again replaces it (a correction or its end date); the same facts do nothing.
 */
export type RecordTemporaryMove = PlacementsCommand<
  'RecordTemporaryMove',
  {
    moveId: TemporaryMoveId;
    code: TemporaryPlacementCode;
    /** `YYYY-MM-DD`, on or after the start of the placement, not after today. */
    from: string;
    /** The last day away, where known; a T4 lasts seven days or less. */
    to?: string;
  }
>;

/** What made the provider's regulatory status a risk to children already placed there (M-48). */
export const SUSPENSION_RISK_TRIGGERS = ['admissions-suspended', 'compliance-notice-not-complied'] as const;

/** One of {@link SUSPENSION_RISK_TRIGGERS}. */
export type SuspensionRiskTrigger = (typeof SUSPENSION_RISK_TRIGGERS)[number];

/**
 * M-48: the provider's admissions were suspended (or it did not comply with an Ofsted notice), so the authority
 * assesses whether this placement remains appropriate, with the child's wishes. Opens a risk-assessment task;
 * nothing moves by itself. Does nothing while such a task is open.
 */
export type RaiseAdmissionsSuspensionRisk = PlacementsCommand<
  'RaiseAdmissionsSuspensionRisk',
  {
    taskId: TaskId;
    /** The provider the news is about: must be this placement's. */
    providerId: ProviderId;
    trigger: SuspensionRiskTrigger;
    /** Ofsted's reason, as recorded on the provider. */
    reason: string;
  }
>;

/** The outcomes of a risk assessment. A move is planned by people (a new request), never made by this. */
export const RISK_ASSESSMENT_OUTCOMES = ['placement-remains-appropriate', 'move-to-be-planned'] as const;

/** One of {@link RISK_ASSESSMENT_OUTCOMES}. */
export type RiskAssessmentOutcome = (typeof RISK_ASSESSMENT_OUTCOMES)[number];

/** Records the risk assessment an open task asks for (M-48: taking account of the child's wishes); closes it. */
export type RecordRiskAssessment = PlacementsCommand<
  'RecordRiskAssessment',
  {
    taskId: TaskId;
    /** `YYYY-MM-DD`, not after today. */
    assessedOn: string;
    /** M-48: the child's wishes about staying. Personal. */
    childWishes: string;
    /** The assessment. Personal. */
    assessment: string;
    outcome: RiskAssessmentOutcome;
  }
>;

/**
 * Ends the placement (an SSDA903 episode ending: DEC, REC, REASON_PLACE_CHANGE). `X1` (the child stays looked
 * after and moves) needs the reason the placement changed (validator rule 225). `CREQB` is a disruption by
 * definition; `E17` (staying put at 18) never is. Ending it again the same way does nothing.
 */
export type EndPlacement = PlacementsCommand<
  'EndPlacement',
  {
    /** DEC: `YYYY-MM-DD`, on or after the start, not after today. */
    endedOn: string;
    rec: ReasonEpisodeCeasedCode;
    reasonPlaceChange: ReasonPlaceChangeCode | null;
    /** An unplanned ending: a breakdown (M-39). */
    disrupted: boolean;
  }
>;

/**
 * The system's daily look at a placement's KEEP reporting (M-39, M-40), with the time it runs as `at`: reminds
 * the carer when no stress report has been filed for more than `REMINDER_AFTER_DAYS`, and escalates to the
 * placing team when there is still none after `ESCALATE_AFTER_DAYS`, or when a support task has had no support
 * offered for `SUPPORT_DUE_DAYS`. Each once for what it is about, so running it again records nothing; an ended
 * placement has nothing due.
 */
export type CheckStressReporting = PlacementsCommand<'CheckStressReporting', Record<string, never>>;

/** Every command of the placement aggregate. */
export type PlacementCommand =
  | StartPlacement
  | ReviewPlacement
  | FileStressReport
  | RecordSupportOffered
  | RecordMissingEpisode
  | RecordTemporaryMove
  | RaiseAdmissionsSuspensionRisk
  | RecordRiskAssessment
  | CheckStressReporting
  | EndPlacement;
