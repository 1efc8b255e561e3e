import {
  ConflictError,
  Decider,
  IllegalStateError,
  NotFoundError,
  ValidationError,
  assertNever,
  streamName,
} from '@placematch/kernel';
import { roundMiles } from '@placematch/geo';
import { MAX_AGE_MONTHS } from '@placematch/matching';
import {
  DEFAULT_BEHAVIOUR_CHECKLIST,
  KEEP_DAILY_THRESHOLD,
  PLACEMENT_TYPES,
  PLACEMENT_TYPE_CODES,
  PLACE_PROVIDER_CODE_LIST,
  PlacementId,
  URN_NOT_APPLICABLE,
  dailyStressCounts,
  daysBetween,
  exceedsThreshold,
  isChildrensServicesAuthority,
  isOfstedUrn,
  londonDate,
  validateStressReport,
} from '@placematch/supply';
import { CIN_CATEGORY_CODE_LIST } from '../codes/cin-category';
import {
  MISSING_KIND_CODE_LIST,
  PLACEMENT_START_RNE_CODES,
  REASONS_EPISODE_CEASED,
  REASON_EPISODE_CEASED_CODE_LIST,
  REASON_PLACE_CHANGE_CODE_LIST,
  T4_MAX_DAYS,
  TEMPORARY_PLACEMENT_CODES,
} from '../codes/episode';
import { LEGAL_STATUS_CODE_LIST } from '../codes/legal-status';
import { requirePostcodeSector } from '../request/placements-standard';
import type { TaskId } from '../shared/ids';
import {
  isOneOf,
  requireBoolean,
  requireDate,
  requireInteger,
  requireOneOf,
  requirePastDate,
  requireText,
  sameValue,
} from '../shared/validation';
import {
  PLACEMENT_REVIEW_KINDS,
  PlacementCommand,
  RISK_ASSESSMENT_OUTCOMES,
  ReturnInterview,
  SUSPENSION_RISK_TRIGGERS,
  StartPlacement,
} from './placement.commands';
import type {
  MissingEpisodeRecorded,
  PlacementEnded,
  PlacementEvent,
  PlacementReviewed,
  PlacementStarted,
  RiskAssessmentRecorded,
  StressDay,
  StressReportFiled,
  StressReportReminderSent,
  StressRiskEscalated,
  SupportOffered,
  TemporaryMoveRecorded,
} from './placement.events';

/** The stream of one placement: `placement-<id>`. */
export const placementStream = (id: PlacementId): string => streamName('placement', id);

/** The oldest age a placement records, in months: matching's `MAX_AGE_MONTHS` (staying put runs past 18). */
export const MAX_CHILD_AGE_MONTHS = MAX_AGE_MONTHS;

/**
 * M-40: KEEP's report is weekly (the "Weekly Parent Report"), so a carer who has filed none for more than a week
 * is reminded.
 */
export const REMINDER_AFTER_DAYS = 7;

/**
 * M-39, M-40: two weeks without a report is two missed weekly reports: the placing team hears of it, because a
 * carer who stops reporting may be a carer under strain ("placement breakdown usually happens because of a lack
 * of support").
 */
export const ESCALATE_AFTER_DAYS = 14;

/**
 * M-40: a disruption risk calls for support; a support task with no support offered for this many days is
 * escalated to the placing team.
 */
export const SUPPORT_DUE_DAYS = 3;

/** A task on a placement: support for the carer (M-40) or a risk assessment (M-48). */
export interface PlacementTask {
  taskId: TaskId;
  kind: 'support' | 'risk-assessment';
  status: 'open' | 'closed';
  openedAt: string;
}

/** What every started placement holds, whatever its status. */
export interface PlacementRecord {
  details: PlacementStarted['data'];
  reviews: Readonly<Record<string, PlacementReviewed['data']>>;
  stressReports: Readonly<Record<string, StressReportFiled['data']>>;
  /** Days for which a disruption risk has been raised, so a corrected report does not raise it twice. */
  riskDays: readonly string[];
  tasks: Readonly<Record<string, PlacementTask>>;
  supportOffered: readonly SupportOffered['data'][];
  riskAssessments: Readonly<Record<string, RiskAssessmentRecorded['data']>>;
  missingEpisodes: Readonly<Record<string, MissingEpisodeRecorded['data']>>;
  temporaryMoves: Readonly<Record<string, TemporaryMoveRecorded['data']>>;
  /** Reminders to file a stress report (M-40), in order. */
  reminders: readonly StressReportReminderSent['data'][];
  /** Stress risks escalated to the placing team (M-39, M-40), in order. */
  escalations: readonly StressRiskEscalated['data'][];
}

/** A placement's state: started (`Active`) or `Ended`, which accepts nothing but a repeat of its ending. */
export type Placement =
  | { status: 'NotStarted' }
  | ({ status: 'Active' } & PlacementRecord)
  | ({ status: 'Ended'; ending: PlacementEnded['data'] } & PlacementRecord);

/** The state of a placement with no events. */
export const initialPlacementState = (): Placement => ({ status: 'NotStarted' });

type Active = Extract<Placement, { status: 'Active' }>;

/** The open tasks of a placement, of one kind or of every kind. */
export const openTasks = (placement: PlacementRecord, kind?: PlacementTask['kind']): PlacementTask[] =>
  Object.values(placement.tasks).filter(
    (t) => t.status === 'open' && (kind === undefined || t.kind === kind),
  );

const sector = (value: unknown, field: string): string =>
  requirePostcodeSector(value, 'PLACEMENT.INVALID_SECTOR', field);

const validateStart = (data: StartPlacement['data'], today: string): StartPlacement['data'] => {
  const required = (value: unknown, field: string) => requireText(value, 'PLACEMENT.ID_REQUIRED', field);
  required(data.placementId, 'placementId');
  required(data.requestId, 'requestId');
  required(data.childId, 'childId');
  required(data.settingId, 'settingId');
  required(data.providerId, 'providerId');
  if (!isChildrensServicesAuthority(data.localAuthority)) {
    throw new ValidationError('PLACEMENT.INVALID_LOCAL_AUTHORITY', undefined, {
      localAuthority: data.localAuthority,
    });
  }
  const placementType = requireOneOf(
    data.placementType,
    PLACEMENT_TYPE_CODES,
    'PLACEMENT.UNKNOWN_PLACEMENT_TYPE',
    'placementType',
  );
  if (isOneOf(TEMPORARY_PLACEMENT_CODES, placementType)) {
    throw new ValidationError(
      'PLACEMENT.TEMPORARY_MOVE_IS_NOT_A_PLACEMENT',
      'Record a temporary move (T0-T4) on the placement it interrupts',
      { placementType },
    );
  }
  const { urn } = data;
  if (urn !== undefined && !isOfstedUrn(urn))
    throw new ValidationError('PLACEMENT.INVALID_URN', undefined, { urn });
  // SSDA903 validator rules 218 and 222: a URN for the types that need one, none for the others.
  if (PLACEMENT_TYPES[placementType].urnRequired && urn === undefined) {
    throw new ValidationError('PLACEMENT.URN_REQUIRED', `A ${placementType} placement records a URN`, {
      placementType,
    });
  }
  if (!PLACEMENT_TYPES[placementType].urnRequired && urn !== undefined && urn !== URN_NOT_APPLICABLE) {
    throw new ValidationError('PLACEMENT.URN_NOT_EXPECTED', `A ${placementType} placement records no URN`, {
      placementType,
    });
  }
  const { distanceMiles } = data;
  if (
    distanceMiles !== null &&
    (typeof distanceMiles !== 'number' ||
      !Number.isFinite(distanceMiles) ||
      distanceMiles < 0 ||
      roundMiles(distanceMiles) !== distanceMiles)
  ) {
    throw new ValidationError('PLACEMENT.INVALID_DISTANCE', 'DfE miles to one decimal place, or null', {
      distanceMiles,
    });
  }
  const { weeklyCostPence } = data;
  return {
    placementId: data.placementId,
    requestId: data.requestId,
    childId: data.childId,
    settingId: data.settingId,
    providerId: data.providerId,
    localAuthority: data.localAuthority,
    startedOn: requirePastDate(
      data.startedOn,
      today,
      'PLACEMENT.INVALID_DATE',
      'PLACEMENT.START_IN_FUTURE',
      'startedOn',
    ),
    reasonNewEpisode: requireOneOf(
      data.reasonNewEpisode,
      PLACEMENT_START_RNE_CODES,
      'PLACEMENT.INVALID_REASON_NEW_EPISODE',
      'reasonNewEpisode',
    ),
    legalStatus: requireOneOf(
      data.legalStatus,
      LEGAL_STATUS_CODE_LIST,
      'PLACEMENT.UNKNOWN_LEGAL_STATUS',
      'legalStatus',
    ),
    cinCategory: requireOneOf(
      data.cinCategory,
      CIN_CATEGORY_CODE_LIST,
      'PLACEMENT.UNKNOWN_CIN_CATEGORY',
      'cinCategory',
    ),
    placementType,
    placeProvider: requireOneOf(
      data.placeProvider,
      PLACE_PROVIDER_CODE_LIST,
      'PLACEMENT.UNKNOWN_PLACE_PROVIDER',
      'placeProvider',
    ),
    ...(urn !== undefined && { urn }),
    homeSector: data.homeSector === null ? null : sector(data.homeSector, 'homeSector'),
    placementSector: sector(data.placementSector, 'placementSector'),
    distanceMiles,
    inAuthority: requireBoolean(data.inAuthority, 'PLACEMENT.INVALID_IN_AUTHORITY', 'inAuthority'),
    childAgeMonths: requireInteger(
      data.childAgeMonths,
      0,
      MAX_CHILD_AGE_MONTHS,
      'PLACEMENT.INVALID_AGE',
      'childAgeMonths',
    ),
    ...(weeklyCostPence !== undefined && {
      weeklyCostPence: requireInteger(
        weeklyCostPence,
        0,
        Number.MAX_SAFE_INTEGER,
        'PLACEMENT.INVALID_COST',
        'weeklyCostPence',
      ),
    }),
  };
};

/** A date during the placement: not before it started, not after today. */
const placementDate = (
  placement: Active,
  value: unknown,
  today: string,
  prefix: string,
  field: string,
): string => {
  const date = requirePastDate(value, today, `${prefix}.INVALID_DATE`, `${prefix}.DATE_IN_FUTURE`, field);
  if (date < placement.details.startedOn) {
    throw new ValidationError(`${prefix}.BEFORE_PLACEMENT`, `${field} is before the placement started`, {
      field,
      date,
      startedOn: placement.details.startedOn,
    });
  }
  return date;
};

const of = (placement: Active) => ({
  placementId: placement.details.placementId,
  childId: placement.details.childId,
});

const returnInterview = (value: unknown): ReturnInterview => {
  const r = (value ?? {}) as Partial<ReturnInterview>;
  const offered = requireBoolean(r.offered, 'MISSING.INVALID_RETURN_INTERVIEW', 'returnInterview.offered');
  if (r.accepted === undefined) return { offered };
  const accepted = requireBoolean(r.accepted, 'MISSING.INVALID_RETURN_INTERVIEW', 'returnInterview.accepted');
  if (accepted && !offered) {
    throw new ValidationError(
      'MISSING.INVALID_RETURN_INTERVIEW',
      'An interview not offered cannot be accepted',
    );
  }
  return { offered, accepted };
};

/** The date the carer last filed a stress report (in England), or the start of the placement before any. */
export const lastStressReportOn = (placement: PlacementRecord): string =>
  Object.values(placement.stressReports)
    .map((r) => londonDate(r.filedAt))
    .reduce((last, day) => (day > last ? day : last), placement.details.startedOn);

/** M-39, M-40: the reminders and escalations due on `today` for what the placement holds; each only once. */
const checkStressReporting = (state: Active, at: string, today: string): PlacementEvent[] => {
  const { settingId, providerId } = state.details;
  const events: PlacementEvent[] = [];
  const since = lastStressReportOn(state);
  const days = daysBetween(since, today);
  // M-40: a week with no report: remind the carer, once for this silence (not again the next run or the next day).
  if (days > REMINDER_AFTER_DAYS && !state.reminders.some((r) => r.since === since)) {
    events.push({
      type: 'StressReportReminderSent',
      schemaVersion: 1,
      data: { ...of(state), settingId, providerId, since, days, sentAt: at },
    });
  }
  const escalated = (
    reason: StressRiskEscalated['data']['reason'],
    match: (e: StressRiskEscalated['data']) => boolean,
  ) => state.escalations.some((e) => e.reason === reason && match(e));
  // M-39, M-40: still none after two weeks: the placing team is told, once for this silence.
  if (days > ESCALATE_AFTER_DAYS && !escalated('no-stress-report', (e) => e.since === since)) {
    events.push({
      type: 'StressRiskEscalated',
      schemaVersion: 1,
      data: { ...of(state), settingId, reason: 'no-stress-report', since, days, escalatedAt: at },
    });
  }
  // M-40: a disruption risk calls for support; a support task nobody has answered is escalated, once per task.
  for (const task of openTasks(state, 'support')) {
    const opened = londonDate(task.openedAt);
    const waited = daysBetween(opened, today);
    const answered = state.supportOffered.some((s) => s.recordedAt >= task.openedAt);
    if (
      waited < SUPPORT_DUE_DAYS ||
      answered ||
      escalated('support-not-offered', (e) => e.taskId === task.taskId)
    ) {
      continue;
    }
    events.push({
      type: 'StressRiskEscalated',
      schemaVersion: 1,
      data: {
        ...of(state),
        settingId,
        reason: 'support-not-offered',
        since: opened,
        days: waited,
        taskId: task.taskId,
        escalatedAt: at,
      },
    });
  }
  return events;
};

const active = (state: Placement): Active => {
  if (state.status === 'NotStarted') throw new NotFoundError('PLACEMENT.NOT_STARTED');
  if (state.status === 'Ended') throw new IllegalStateError('PLACEMENT.ENDED');
  return state;
};

const decideActive = (
  command: Exclude<PlacementCommand, StartPlacement>,
  state: Active,
): PlacementEvent[] => {
  const { at } = command;
  const today = londonDate(at);
  switch (command.type) {
    case 'ReviewPlacement': {
      const { reviewId } = command.data;
      const review = {
        reviewId,
        kind: requireOneOf(command.data.kind, PLACEMENT_REVIEW_KINDS, 'REVIEW.UNKNOWN_KIND', 'kind'),
        reviewedOn: placementDate(state, command.data.reviewedOn, today, 'REVIEW', 'reviewedOn'),
        summary: requireText(command.data.summary, 'REVIEW.SUMMARY_REQUIRED', 'summary'),
      };
      const existing = state.reviews[reviewId];
      if (existing) {
        const { kind, reviewedOn, summary } = existing;
        if (sameValue({ reviewId, kind, reviewedOn, summary }, review)) return [];
        throw new ConflictError('REVIEW.ALREADY_RECORDED', 'Another review has this id', { reviewId });
      }
      return [
        { type: 'PlacementReviewed', schemaVersion: 1, data: { ...of(state), ...review, recordedAt: at } },
      ];
    }
    case 'FileStressReport': {
      const { reportId, report, supportTaskId } = command.data;
      const checklist = command.data.checklist ?? DEFAULT_BEHAVIOUR_CHECKLIST;
      const threshold =
        command.data.threshold === undefined
          ? KEEP_DAILY_THRESHOLD
          : requireInteger(
              command.data.threshold,
              0,
              checklist.items.length,
              'STRESS_REPORT.INVALID_THRESHOLD',
              'threshold',
            );
      validateStressReport(report, today, checklist);
      for (const { day } of report.days) {
        if (day < state.details.startedOn) {
          throw new ValidationError('STRESS_REPORT.DAY_BEFORE_PLACEMENT', undefined, {
            day,
            startedOn: state.details.startedOn,
          });
        }
      }
      const days: StressDay[] = [...report.days]
        .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))
        .map(({ day, behaviours }) => ({
          date: day,
          happened: behaviours.map((b) => b.item),
          stressful: behaviours.filter((b) => b.outcome === 'happened-and-stressful').map((b) => b.item),
        }));
      const counts = dailyStressCounts(report).map(({ day, happened, stressful }) => ({
        date: day,
        happened,
        stressful,
      }));
      const existing = state.stressReports[reportId];
      if (existing) {
        if (existing.checklistId === report.checklistId && sameValue(existing.days, days)) return [];
        throw new ConflictError('STRESS_REPORT.ALREADY_FILED', 'Another report has this id', { reportId });
      }
      const { settingId, providerId } = state.details;
      const filed: PlacementEvent = {
        type: 'StressReportFiled',
        schemaVersion: 1,
        data: {
          ...of(state),
          settingId,
          providerId,
          reportId,
          checklistId: report.checklistId,
          days,
          counts,
          filedAt: at,
        },
      };
      // M-40: more than the threshold in a day raises a risk, once per day, however often the day is reported.
      const risky = counts.filter(
        (c) => exceedsThreshold(c.stressful, threshold) && !state.riskDays.includes(c.date),
      );
      const risks: PlacementEvent[] = risky.map((c) => ({
        type: 'DisruptionRiskRaised',
        schemaVersion: 1,
        data: { ...of(state), settingId, day: c.date, count: c.stressful, threshold, raisedAt: at },
      }));
      // M-40: the risk calls for support, never a move; one open support task at a time is enough.
      if (risky.length === 0 || openTasks(state, 'support').length > 0) return [filed, ...risks];
      if (state.tasks[supportTaskId] !== undefined) {
        throw new ConflictError('TASK.ALREADY_EXISTS', 'Another task has this id', { taskId: supportTaskId });
      }
      return [
        filed,
        ...risks,
        {
          type: 'SupportTaskOpened',
          schemaVersion: 1,
          data: {
            ...of(state),
            taskId: supportTaskId,
            settingId,
            days: risky.map((c) => c.date),
            openedAt: at,
          },
        },
      ];
    }
    case 'RecordSupportOffered': {
      const { taskId } = command.data;
      const offer = {
        ...(taskId !== undefined && { taskId }),
        support: requireText(command.data.support, 'SUPPORT.DESCRIPTION_REQUIRED', 'support'),
        offeredOn: placementDate(state, command.data.offeredOn, today, 'SUPPORT', 'offeredOn'),
      };
      const repeated = state.supportOffered.some(({ taskId: t, support, offeredOn }) =>
        sameValue({ ...(t !== undefined && { taskId: t }), support, offeredOn }, offer),
      );
      if (repeated) return [];
      if (taskId !== undefined) {
        const task = state.tasks[taskId];
        if (!task || task.kind !== 'support')
          throw new NotFoundError('TASK.NOT_FOUND', undefined, { taskId });
        if (task.status === 'closed') throw new IllegalStateError('TASK.CLOSED', undefined, { taskId });
      }
      return [{ type: 'SupportOffered', schemaVersion: 1, data: { ...of(state), ...offer, recordedAt: at } }];
    }
    case 'RecordMissingEpisode': {
      const { episodeId } = command.data;
      const from = placementDate(state, command.data.from, today, 'MISSING', 'from');
      const later = (value: unknown, field: string) => {
        const date = requirePastDate(value, today, 'MISSING.INVALID_DATE', 'MISSING.DATE_IN_FUTURE', field);
        if (date < from)
          throw new ValidationError('MISSING.ENDS_BEFORE_START', undefined, { field, date, from });
        return date;
      };
      const to = command.data.to === undefined ? undefined : later(command.data.to, 'to');
      const returnedOn =
        command.data.returnedOn === undefined ? undefined : later(command.data.returnedOn, 'returnedOn');
      // A child who is back is no longer missing: the episode has an end.
      if (returnedOn !== undefined && (to === undefined || returnedOn < to)) {
        throw new ValidationError(
          'MISSING.END_REQUIRED',
          'A return comes on or after the end of the episode',
          {
            to,
            returnedOn,
          },
        );
      }
      const episode = {
        episodeId,
        kind: requireOneOf(command.data.kind, MISSING_KIND_CODE_LIST, 'MISSING.UNKNOWN_KIND', 'kind'),
        from,
        ...(to !== undefined && { to }),
        ...(returnedOn !== undefined && { returnedOn }),
        ...(command.data.returnInterview !== undefined && {
          returnInterview: returnInterview(command.data.returnInterview),
        }),
      };
      const existing = state.missingEpisodes[episodeId];
      if (existing) {
        const { placementId: _p, childId: _c, recordedAt: _r, ...previous } = existing;
        if (sameValue(previous, episode)) return [];
      }
      return [
        {
          type: 'MissingEpisodeRecorded',
          schemaVersion: 1,
          data: { ...of(state), ...episode, recordedAt: at },
        },
      ];
    }
    case 'RecordTemporaryMove': {
      const { moveId } = command.data;
      const code = requireOneOf(
        command.data.code,
        TEMPORARY_PLACEMENT_CODES,
        'TEMPORARY_MOVE.UNKNOWN_CODE',
        'code',
      );
      const from = placementDate(state, command.data.from, today, 'TEMPORARY_MOVE', 'from');
      const to =
        command.data.to === undefined
          ? undefined
          : requireDate(command.data.to, 'TEMPORARY_MOVE.INVALID_DATE', 'to');
      if (to !== undefined && to < from) {
        throw new ValidationError('TEMPORARY_MOVE.ENDS_BEFORE_START', undefined, { from, to });
      }
      if (code === 'T4' && to !== undefined && daysBetween(from, to) > T4_MAX_DAYS) {
        // SSDA903 T4: "temporary accommodation of seven days or less".
        throw new ValidationError(
          'TEMPORARY_MOVE.T4_TOO_LONG',
          `A T4 move lasts ${T4_MAX_DAYS} days or less`,
          {
            from,
            to,
          },
        );
      }
      const move = { moveId, code, from, ...(to !== undefined && { to }) };
      const existing = state.temporaryMoves[moveId];
      if (existing) {
        const { placementId: _p, childId: _c, recordedAt: _r, ...previous } = existing;
        if (sameValue(previous, move)) return [];
      }
      // Not a new placement, and the placement does not end: the child comes back to it.
      return [
        { type: 'TemporaryMoveRecorded', schemaVersion: 1, data: { ...of(state), ...move, recordedAt: at } },
      ];
    }
    case 'RaiseAdmissionsSuspensionRisk': {
      const { taskId, providerId } = command.data;
      if (providerId !== state.details.providerId) {
        throw new ValidationError('PLACEMENT.PROVIDER_MISMATCH', 'This placement is with another provider', {
          providerId,
        });
      }
      const trigger = requireOneOf(
        command.data.trigger,
        SUSPENSION_RISK_TRIGGERS,
        'RISK.UNKNOWN_TRIGGER',
        'trigger',
      );
      const reason = requireText(command.data.reason, 'RISK.REASON_REQUIRED', 'reason');
      // M-48: one open assessment per child is enough; a repeated suspension notice must not stack tasks.
      if (openTasks(state, 'risk-assessment').length > 0) return [];
      if (state.tasks[taskId] !== undefined) {
        throw new ConflictError('TASK.ALREADY_EXISTS', 'Another task has this id', { taskId });
      }
      return [
        {
          type: 'AdmissionsSuspensionRiskRaised',
          schemaVersion: 1,
          data: {
            ...of(state),
            taskId,
            providerId,
            settingId: state.details.settingId,
            trigger,
            reason,
            raisedAt: at,
          },
        },
      ];
    }
    case 'RecordRiskAssessment': {
      const { taskId } = command.data;
      const task = state.tasks[taskId];
      if (!task || task.kind !== 'risk-assessment')
        throw new NotFoundError('TASK.NOT_FOUND', undefined, { taskId });
      const assessment = {
        taskId,
        assessedOn: placementDate(state, command.data.assessedOn, today, 'RISK', 'assessedOn'),
        // M-48: the assessment takes account of the child's wishes.
        childWishes: requireText(command.data.childWishes, 'RISK.WISHES_REQUIRED', 'childWishes'),
        assessment: requireText(command.data.assessment, 'RISK.ASSESSMENT_REQUIRED', 'assessment'),
        outcome: requireOneOf(
          command.data.outcome,
          RISK_ASSESSMENT_OUTCOMES,
          'RISK.UNKNOWN_OUTCOME',
          'outcome',
        ),
      };
      if (task.status === 'closed') {
        const recorded = state.riskAssessments[taskId];
        if (recorded) {
          const { placementId: _p, childId: _c, recordedAt: _r, ...previous } = recorded;
          if (sameValue(previous, assessment)) return [];
        }
        throw new IllegalStateError('TASK.CLOSED', undefined, { taskId });
      }
      // M-48: whatever the outcome, nothing moves by itself: a move is planned by people.
      return [
        {
          type: 'RiskAssessmentRecorded',
          schemaVersion: 1,
          data: { ...of(state), ...assessment, recordedAt: at },
        },
      ];
    }
    case 'CheckStressReporting':
      return checkStressReporting(state, at, today);
    case 'EndPlacement':
      return endPlacement(command.data, state, at, today);
    default:
      return assertNever(command);
  }
};

const validateEnding = (
  data: Extract<PlacementCommand, { type: 'EndPlacement' }>['data'],
  startedOn: string,
  today: string,
) => {
  const endedOn = requirePastDate(
    data.endedOn,
    today,
    'PLACEMENT.INVALID_DATE',
    'PLACEMENT.END_IN_FUTURE',
    'endedOn',
  );
  if (endedOn < startedOn)
    throw new ValidationError('PLACEMENT.ENDS_BEFORE_START', undefined, { endedOn, startedOn });
  const rec = requireOneOf(data.rec, REASON_EPISODE_CEASED_CODE_LIST, 'PLACEMENT.UNKNOWN_REC', 'rec');
  const reasonPlaceChange =
    data.reasonPlaceChange === null || data.reasonPlaceChange === undefined
      ? null
      : requireOneOf(
          data.reasonPlaceChange,
          REASON_PLACE_CHANGE_CODE_LIST,
          'PLACEMENT.UNKNOWN_REASON_PLACE_CHANGE',
          'reasonPlaceChange',
        );
  // SSDA903 validator rule 225: a child who stays looked after and moves has a reason the placement changed.
  if (!REASONS_EPISODE_CEASED[rec].leavesCare && reasonPlaceChange === null) {
    throw new ValidationError('PLACEMENT.REASON_PLACE_CHANGE_REQUIRED', 'X1: say why the placement changed');
  }
  const disrupted = requireBoolean(data.disrupted, 'PLACEMENT.INVALID_DISRUPTED', 'disrupted');
  // CREQB, the carer asking for the end because of the child's behaviour, is the 903's own record of a breakdown.
  if (reasonPlaceChange === 'CREQB' && !disrupted) {
    throw new ValidationError('PLACEMENT.CREQB_IS_A_DISRUPTION');
  }
  // Naive-build item 31: staying put after 18 is continuity, never counted as a breakdown.
  if (rec === 'E17' && disrupted) throw new ValidationError('PLACEMENT.STAYING_PUT_IS_NOT_A_DISRUPTION');
  return { endedOn, rec, reasonPlaceChange, disrupted };
};

const endPlacement = (
  data: Extract<PlacementCommand, { type: 'EndPlacement' }>['data'],
  state: Active,
  at: string,
  today: string,
): PlacementEvent[] => {
  const ending = validateEnding(data, state.details.startedOn, today);
  const { settingId, providerId } = state.details;
  return [
    {
      type: 'PlacementEnded',
      schemaVersion: 1,
      data: { ...of(state), settingId, providerId, ...ending, endedAt: at },
    },
  ];
};

/** What a command does to a placement: see each command's TSDoc for its rules. */
export const decidePlacement = (command: PlacementCommand, state: Placement): PlacementEvent[] => {
  const today = londonDate(command.at);
  if (command.type === 'StartPlacement') {
    const details = validateStart(command.data, today);
    if (state.status === 'NotStarted') return [{ type: 'PlacementStarted', schemaVersion: 1, data: details }];
    if (sameValue(state.details, details)) return [];
    throw new ConflictError('PLACEMENT.ALREADY_STARTED', 'This placement started with other details');
  }
  if (command.type === 'EndPlacement' && state.status === 'Ended') {
    const ending = validateEnding(command.data, state.details.startedOn, today);
    const { endedOn, rec, reasonPlaceChange, disrupted } = state.ending;
    if (sameValue({ endedOn, rec, reasonPlaceChange, disrupted }, ending)) return [];
    throw new ConflictError('PLACEMENT.ALREADY_ENDED', 'This placement ended otherwise', { endedOn });
  }
  // Nothing is due on a placement that has ended: no reminders to a carer the child has left.
  if (command.type === 'CheckStressReporting' && state.status === 'Ended') return [];
  return decideActive(command, active(state));
};

const closeTask = (state: Active | Extract<Placement, { status: 'Ended' }>, taskId: TaskId | undefined) => {
  const task = taskId === undefined ? undefined : state.tasks[taskId];
  return task ? { ...state.tasks, [task.taskId]: { ...task, status: 'closed' as const } } : state.tasks;
};

/** Folds one placement event into the state. Never throws: an event that does not apply leaves the state as it is. */
export const evolvePlacement = (state: Placement, event: PlacementEvent): Placement => {
  if (event.type === 'PlacementStarted') {
    return state.status === 'NotStarted'
      ? {
          status: 'Active',
          details: event.data,
          reviews: {},
          stressReports: {},
          riskDays: [],
          tasks: {},
          supportOffered: [],
          riskAssessments: {},
          missingEpisodes: {},
          temporaryMoves: {},
          reminders: [],
          escalations: [],
        }
      : { ...state, details: event.data };
  }
  if (state.status === 'NotStarted') return state;
  switch (event.type) {
    case 'PlacementReviewed':
      return { ...state, reviews: { ...state.reviews, [event.data.reviewId]: event.data } };
    case 'StressReportFiled':
      return { ...state, stressReports: { ...state.stressReports, [event.data.reportId]: event.data } };
    case 'DisruptionRiskRaised':
      return { ...state, riskDays: [...state.riskDays, event.data.day] };
    case 'SupportTaskOpened': {
      const { taskId, openedAt } = event.data;
      const task: PlacementTask = { taskId, kind: 'support', status: 'open', openedAt };
      return { ...state, tasks: { ...state.tasks, [taskId]: task } };
    }
    case 'SupportOffered':
      return {
        ...state,
        supportOffered: [...state.supportOffered, event.data],
        tasks: closeTask(state, event.data.taskId),
      };
    case 'MissingEpisodeRecorded':
      return { ...state, missingEpisodes: { ...state.missingEpisodes, [event.data.episodeId]: event.data } };
    case 'TemporaryMoveRecorded':
      return { ...state, temporaryMoves: { ...state.temporaryMoves, [event.data.moveId]: event.data } };
    case 'AdmissionsSuspensionRiskRaised': {
      const { taskId, raisedAt } = event.data;
      const task: PlacementTask = { taskId, kind: 'risk-assessment', status: 'open', openedAt: raisedAt };
      return { ...state, tasks: { ...state.tasks, [taskId]: task } };
    }
    case 'RiskAssessmentRecorded':
      return {
        ...state,
        riskAssessments: { ...state.riskAssessments, [event.data.taskId]: event.data },
        tasks: closeTask(state, event.data.taskId),
      };
    case 'StressReportReminderSent':
      return { ...state, reminders: [...state.reminders, event.data] };
    case 'StressRiskEscalated':
      return { ...state, escalations: [...state.escalations, event.data] };
    case 'PlacementEnded':
      return { ...state, status: 'Ended', ending: event.data };
    default:
      return assertNever(event);
  }
};

/**
 * The placement aggregate (`placement-<id>`): a child living in a setting, as an SSDA903 episode from start to
 * end, with its reviews, KEEP stress reports and the support they call for (M-40), missing episodes (M-49),
 * temporary moves (T0-T4), risk assessments when the provider's admissions are suspended (M-48), and the
 * reminders and escalations when reports stop or support does not come (M-39, M-40).
 */
export const placementDecider: Decider<PlacementCommand, Placement, PlacementEvent> = {
  initialState: initialPlacementState,
  decide: decidePlacement,
  evolve: evolvePlacement,
};
