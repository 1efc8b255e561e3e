import type { ChildEvent } from './child/child.events';
import type { HistoricPlacementEvent } from './history/historic-placement.events';
import type { PlacementEvent } from './placement/placement.events';
import type { RequestEvent } from './request/request.events';

/** Every event type of the placements context. */
export type PlacementsEventType = (
  ChildEvent | RequestEvent | PlacementEvent | HistoricPlacementEvent
)['type'];

/**
 * The personal data of one event type: dotted paths into its `data` (`*` for every element of an array) and
 * where the id of the child whose key encrypts them is. When `childIdPath` holds `*`, it binds to the same
 * element as the `*` of each path (`children.*.wishesAndFeelings.summary` is the child at `children.*.childId`).
 * An empty `paths` (and no `childIdPath`) says the type carries no personal data: it was considered, not
 * forgotten, and a new event type cannot be added without a decision here.
 */
export type ChildPersonalFields =
  | { readonly childIdPath: string; readonly paths: readonly [string, ...string[]] }
  | { readonly paths: readonly [] };

const CHILD_DETAILS_PERSONAL = [
  'name',
  'dateOfBirth',
  'homePostcode',
  'school',
  'religion',
  'languages',
  'communication',
  'healthNeeds',
] as const satisfies readonly [string, ...string[]];

const NONE = { paths: [] } as const;

/**
 * What is personal in every placements event, for the encryption layer (architecture.md section 7: a key per
 * child; erasure deletes the key). Personal: the child's name, date of birth, full postcodes, school, identity
 * (religion, languages, communication), health needs, and anything in which
 * the child's own views or circumstances are written down (wishes and feelings, views on separation, how they
 * were weighed, review summaries, risk assessments). Left in the clear, because matching and commissioning
 * work from them: the coarse values (age in months, year group, postcode sectors, 1 km grid squares), SSDA903
 * classification codes (gender, ethnicity, disability, legal status, category of need, UASC, placement codes:
 * the issue asks that codes and counts survive erasure for statistics, as the DfE return keeps them), Placements Standard v2
 * codes (risks, suitability, urgency) and professional reasons that name no one (a best-interests reason, a
 * decline). Absent paths are skipped, so an optional field may be listed.
 */
export const CHILD_PERSONAL_FIELDS = {
  ChildRecorded: { childIdPath: 'childId', paths: CHILD_DETAILS_PERSONAL },
  ChildDetailsUpdated: { childIdPath: 'childId', paths: CHILD_DETAILS_PERSONAL },
  WishesAndFeelingsRecorded: { childIdPath: 'childId', paths: ['summary'] },
  ChildErased: NONE,
  // The return's reference for the child and its identifying dates; SEX, ETHNIC and the birth month stay clear.
  ChildRecordedFromReturn: {
    childIdPath: 'childId',
    paths: ['returnChildId', 'dateOfBirth', 'upn', 'mother', 'motherChildDateOfBirth'],
  },
  PlacementRequested: {
    childIdPath: 'children.*.childId',
    paths: ['children.*.wishesAndFeelings.summary', 'children.*.culturalNeeds.details'],
  },
  SearchRun: NONE,
  // Setting ids and the id of the supply event that triggered it.
  MatchAlertRaised: NONE,
  Shortlisted: NONE,
  ReferralSent: NONE,
  ProviderResponded: NONE,
  ApprovalRequested: { childIdPath: 'childViews.*.childId', paths: ['childViews.*.views'] },
  ApprovalGiven: NONE,
  ApprovalRefused: NONE,
  HoldPlaced: NONE,
  HoldReleased: NONE,
  MatchDecided: {
    childIdPath: 'howChildViewsWereWeighed.*.childId',
    paths: ['howChildViewsWereWeighed.*.how'],
  },
  RequestWithdrawn: NONE,
  PlacementStarted: NONE,
  PlacementReviewed: { childIdPath: 'childId', paths: ['summary'] },
  StressReportFiled: NONE,
  DisruptionRiskRaised: NONE,
  SupportTaskOpened: NONE,
  SupportOffered: NONE,
  MissingEpisodeRecorded: NONE,
  TemporaryMoveRecorded: NONE,
  AdmissionsSuspensionRiskRaised: NONE,
  RiskAssessmentRecorded: { childIdPath: 'childId', paths: ['childWishes', 'assessment'] },
  // Dates and counts of days only.
  StressReportReminderSent: NONE,
  StressRiskEscalated: NONE,
  PlacementEnded: NONE,
  // SSDA903 codes, dates of episodes and postcode sectors only, like PlacementStarted.
  HistoricPlacementRecorded: NONE,
} as const satisfies Record<PlacementsEventType, ChildPersonalFields>;
