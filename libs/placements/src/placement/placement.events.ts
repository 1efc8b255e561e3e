import type { PlacementId, ProviderId, SettingId } from '@placematch/supply';
import type { PlacementsEvent } from '../shared/command';
import type { ChildId, StressReportId, TaskId } from '../shared/ids';
import type {
  EndPlacement,
  RaiseAdmissionsSuspensionRisk,
  RecordMissingEpisode,
  RecordRiskAssessment,
  RecordSupportOffered,
  RecordTemporaryMove,
  ReviewPlacement,
  StartPlacement,
} from './placement.commands';

/** Which placement an event is about: every placement event after the start carries these. */
interface Of {
  placementId: PlacementId;
  childId: ChildId;
}

/**
 * A placement started. Matching reads `placementId`, `settingId`, `providerId`, `childAgeMonths` and
 * `startedOn`; the rest is the SSDA903 episode opening and the DfE location measures.
 */
export type PlacementStarted = PlacementsEvent<'PlacementStarted', StartPlacement['data']>;

/** The placement was reviewed. */
export type PlacementReviewed = PlacementsEvent<
  'PlacementReviewed',
  Of & ReviewPlacement['data'] & { recordedAt: string }
>;

/** What happened on one day of a stress report: the checklist codes that happened, and those found stressful. */
export interface StressDay {
  /** `YYYY-MM-DD`. */
  date: string;
  /** Item codes of every behaviour that happened, stressful ones included. */
  happened: string[];
  /** Item codes of those the carer found stressful. */
  stressful: string[];
}

/**
 * A carer's stress report was filed (KEEP, M-39, M-40), days in date order. Matching reads `placementId`,
 * `settingId`, `days[].date` and `days[].stressful`; `counts` are supply's `dailyStressCounts`.
 */
export type StressReportFiled = PlacementsEvent<
  'StressReportFiled',
  Of & {
    settingId: SettingId;
    providerId: ProviderId;
    reportId: StressReportId;
    checklistId: string;
    days: StressDay[];
    counts: { date: string; happened: number; stressful: number }[];
    filedAt: string;
  }
>;

/** M-40: a day's stressful behaviours were above the threshold: a risk that calls for support, not a move. */
export type DisruptionRiskRaised = PlacementsEvent<
  'DisruptionRiskRaised',
  Of & { settingId: SettingId; day: string; count: number; threshold: number; raisedAt: string }
>;

/** A support task opened for the carer after a disruption risk (M-40). */
export type SupportTaskOpened = PlacementsEvent<
  'SupportTaskOpened',
  Of & { taskId: TaskId; settingId: SettingId; days: string[]; openedAt: string }
>;

/** Support was offered to the carer; it closes the support task named. */
export type SupportOffered = PlacementsEvent<
  'SupportOffered',
  Of & RecordSupportOffered['data'] & { recordedAt: string }
>;

/** An episode of the child missing or away was recorded (M-49); a later one with the same id replaces it. */
export type MissingEpisodeRecorded = PlacementsEvent<
  'MissingEpisodeRecorded',
  Of & RecordMissingEpisode['data'] & { recordedAt: string }
>;

/** A temporary move (T0-T4) was recorded; the placement goes on. A later one with the same id replaces it. */
export type TemporaryMoveRecorded = PlacementsEvent<
  'TemporaryMoveRecorded',
  Of & RecordTemporaryMove['data'] & { recordedAt: string }
>;

/** M-48: the provider's regulatory status calls for a risk assessment of this placement; a task is open. */
export type AdmissionsSuspensionRiskRaised = PlacementsEvent<
  'AdmissionsSuspensionRiskRaised',
  Of & RaiseAdmissionsSuspensionRisk['data'] & { settingId: SettingId; raisedAt: string }
>;

/** The risk assessment was recorded with the child's wishes (M-48); its task is closed. */
export type RiskAssessmentRecorded = PlacementsEvent<
  'RiskAssessmentRecorded',
  Of & RecordRiskAssessment['data'] & { recordedAt: string }
>;

/**
 * M-40: the carer was reminded to file a KEEP stress report: none since `since` (the last report's filing date, or
 * the start of the placement), `days` days ago. Once for each such period.
 */
export type StressReportReminderSent = PlacementsEvent<
  'StressReportReminderSent',
  Of & { settingId: SettingId; providerId: ProviderId; since: string; days: number; sentAt: string }
>;

/**
 * Why a stress risk was escalated to the placing team: no stress report for too long, or a support task opened
 * after a disruption risk that no support has answered.
 */
export const STRESS_ESCALATION_REASONS = ['no-stress-report', 'support-not-offered'] as const;

/** One of {@link STRESS_ESCALATION_REASONS}. */
export type StressEscalationReason = (typeof STRESS_ESCALATION_REASONS)[number];

/**
 * M-39, M-40: a stress risk was escalated to the placing team. `since` is the date the silence or the wait began
 * (the last report, the start, or the support task's opening), `days` how long it has lasted; `taskId` names the
 * support task waiting. Support is what it calls for, never a move.
 */
export type StressRiskEscalated = PlacementsEvent<
  'StressRiskEscalated',
  Of & {
    settingId: SettingId;
    reason: StressEscalationReason;
    since: string;
    days: number;
    taskId?: TaskId;
    escalatedAt: string;
  }
>;

/**
 * The placement ended. Matching reads `placementId`, `settingId`, `endedOn`, `reasonPlaceChange` and
 * `disrupted`; `rec` and `reasonPlaceChange` close the SSDA903 episode.
 */
export type PlacementEnded = PlacementsEvent<
  'PlacementEnded',
  Of & { settingId: SettingId; providerId: ProviderId } & EndPlacement['data'] & { endedAt: string }
>;

/** Every event of the placement aggregate. */
export type PlacementEvent =
  | PlacementStarted
  | PlacementReviewed
  | StressReportFiled
  | DisruptionRiskRaised
  | SupportTaskOpened
  | SupportOffered
  | MissingEpisodeRecorded
  | TemporaryMoveRecorded
  | AdmissionsSuspensionRiskRaised
  | RiskAssessmentRecorded
  | StressReportReminderSent
  | StressRiskEscalated
  | PlacementEnded;
