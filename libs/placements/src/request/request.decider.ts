import {
  ConflictError,
  Decider,
  ForbiddenError,
  IllegalStateError,
  NotFoundError,
  ValidationError,
  assertNever,
  streamName,
} from '@placematch/kernel';
import {
  ADAPTATIONS,
  ProviderId,
  RISK_CODES,
  RiskCode,
  SettingId,
  isChildrensServicesAuthority,
  londonDate,
} from '@placematch/supply';
import { validateWishes } from '../child/wishes';
import type { ApprovalId, ChildId, ReferralId, RequestId } from '../shared/ids';
import {
  isOneOf,
  requireBoolean,
  requireCodes,
  requireInteger,
  requireOneOf,
  requirePastDate,
  requireText,
  requireTexts,
  sameValue,
} from '../shared/validation';
import { APPROVER_ROLES, ApproverRole, GUARDS, GUARD_RULES, GuardKind } from './guards';
import {
  ADDITIONAL_SUPPORT,
  COMMUNICATION_NEEDS,
  COMMUNICATION_REQUIREMENTS,
  CULTURAL_NEEDS,
  LIVES_ALONGSIDE,
  PETS_ANSWERS,
  REQUEST_PURPOSES,
  RISK_LEVELS,
  RiskLevel,
  SUITABILITIES,
  URGENCIES,
  validateCoarseLocation,
} from './placements-standard';
import type {
  ApprovalCase,
  DecideMatch,
  MatchAlertTrigger,
  RecordSearch,
  RequestCommand,
  RequestPlacement,
  RequestedChild,
  SearchRunChoices,
  SearchSummaryEntry,
} from './request.commands';
import type {
  ApprovalRequested,
  MatchAlertRaised,
  MatchDecided,
  PlacementRequested,
  ProviderResponded,
  RequestEvent,
  SearchRun,
} from './request.events';

/** The stream of one placement request: `request-<id>`. */
export const requestStream = (id: RequestId): string => streamName('request', id);

/** The most children one request places: a larger group is more than one request (matching's search limit). */
export const MAX_CHILDREN_PER_REQUEST = 8;

/**
 * How many of a search's first settings a match alert compares: the first screen of the ranked menu a placement
 * officer reads. A setting moving about below it is not news worth interrupting anyone for; one entering it is.
 */
export const MATCH_ALERT_TOP_N = 5;

/** The role of the system actor (`systemActor` in the kernel): background jobs, never a person. */
const SYSTEM_ROLE = 'system';

/** A referral and the provider's answer, once there is one. */
export interface Referral {
  referralId: ReferralId;
  settingId: SettingId;
  providerId: ProviderId;
  sentAt: string;
  answer?: Omit<ProviderResponded['data'], 'referralId' | 'settingId' | 'providerId'>;
}

/** An approval asked for, and where it stands. */
export type Approval = ApprovalRequested['data'] &
  (
    | { status: 'requested' }
    | { status: 'given'; role: ApproverRole; givenAt: string; note?: string }
    | { status: 'refused'; role: ApproverRole; refusedAt: string; reason: string }
  );

/** A shortlisted setting and the search it came from. */
export interface ShortlistEntry {
  settingId: SettingId;
  providerId: ProviderId;
  searchId: string;
}

/** What every request holds, whatever its status. */
export interface RequestRecord {
  details: PlacementRequested['data'];
  searches: Readonly<Record<string, SearchRun['data']>>;
  shortlist: Readonly<Record<string, ShortlistEntry>>;
  referrals: Readonly<Record<string, Referral>>;
  approvals: Readonly<Record<string, Approval>>;
  /** Decisions so far, in order: a sibling group placed apart has more than one. */
  decisions: readonly MatchDecided['data'][];
  /** Match alerts raised when supply changed, in order (each with its re-run search in `searches`). */
  matchAlerts: readonly MatchAlertRaised['data'][];
}

/**
 * A placement request's state. `Open` takes searches, referrals, approvals and decisions; `OnHold` (the IRO's
 * hold) takes everything but a decision or a withdrawal; `Decided` (every child has a decision) and `Withdrawn`
 * are settled.
 */
export type PlacementRequest =
  | { status: 'NotRequested' }
  | ({ status: 'Open' } & RequestRecord)
  | ({ status: 'OnHold'; hold: { reason: string; placedAt: string } } & RequestRecord)
  | ({ status: 'Decided' } & RequestRecord)
  | ({ status: 'Withdrawn'; withdrawal: { reason: string; withdrawnAt: string } } & RequestRecord);

/** The state of a request with no events. */
export const initialRequestState = (): PlacementRequest => ({ status: 'NotRequested' });

type Requested = Exclude<PlacementRequest, { status: 'NotRequested' }>;
type Live = Extract<PlacementRequest, { status: 'Open' | 'OnHold' | 'Decided' }>;
type Active = Extract<PlacementRequest, { status: 'Open' | 'OnHold' }>;

/** The request's most recent search (the latest `runAt`; the later recorded of a tie), or none before any. */
export const latestSearch = (request: RequestRecord): SearchRun['data'] | undefined =>
  Object.values(request.searches).reduce<SearchRun['data'] | undefined>(
    (last, search) => (last === undefined || search.runAt >= last.runAt ? search : last),
    undefined,
  );

/** The children of a request that have no decision yet, in request order. */
export const undecidedChildren = (request: RequestRecord): ChildId[] => {
  const decided = new Set(request.decisions.flatMap((d) => d.childIds));
  return request.details.children.map((c) => c.childId).filter((id) => !decided.has(id));
};

/** One approval a choice still needs, and where it stands: never asked for, waiting, or refused. */
export interface MissingApproval {
  guard: GuardKind;
  /** The setting, for setting-scoped guards. */
  settingId?: SettingId;
  status: 'not-requested' | 'requested' | 'refused';
}

/**
 * The guards that apply to choosing `settingId` for `childIds`: those matching computed (`guards`), plus
 * sibling separation when the children are only part of a sibling group (M-09: any split needs the assessment)
 * and emergency when the request is an emergency (M-35), in the order of {@link GUARDS}.
 */
export const applicableGuards = (
  request: RequestRecord,
  childIds: readonly ChildId[],
  guards: readonly GuardKind[],
): GuardKind[] => {
  const applies = new Set<GuardKind>(guards);
  const groupSize = request.details.children.length;
  // M-09: placing only some of a sibling group is a separation, whatever matching said.
  if (groupSize > 1 && childIds.length < groupSize) applies.add('sibling-separation');
  // M-35: an emergency request is an emergency placement wherever it goes.
  if (request.details.emergency) applies.add('emergency');
  return GUARDS.filter((g) => applies.has(g));
};

const coversChoice = (approval: Approval, guard: GuardKind, settingId: SettingId): boolean =>
  approval.guard === guard &&
  (GUARD_RULES[guard].scope === 'request' || ('settingId' in approval && approval.settingId === settingId));

/**
 * For each guard that applies to choosing `settingId`, the given approval that covers it, or why it is missing
 * (a refused approval outranks a waiting one, which outranks none).
 */
export const approvalsFor = (
  request: RequestRecord,
  settingId: SettingId,
  guards: readonly GuardKind[],
): { given: ApprovalId[]; missing: MissingApproval[] } => {
  const given: ApprovalId[] = [];
  const missing: MissingApproval[] = [];
  for (const guard of guards) {
    const candidates = Object.values(request.approvals).filter((a) => coversChoice(a, guard, settingId));
    const ok = candidates.find((a) => a.status === 'given');
    if (ok) {
      given.push(ok.approvalId);
      continue;
    }
    const status = candidates.some((a) => a.status === 'refused')
      ? 'refused'
      : candidates.some((a) => a.status === 'requested')
        ? 'requested'
        : 'not-requested';
    missing.push({
      guard,
      ...(GUARD_RULES[guard].scope === 'setting' && { settingId }),
      status,
    });
  }
  return { given, missing };
};

const validateRisks = (risks: unknown): Record<RiskCode, RiskLevel> => {
  if (typeof risks !== 'object' || risks === null || Array.isArray(risks)) {
    throw new ValidationError('REQUEST.RISK_NOT_ASSESSED', 'risks must give a level for every risk');
  }
  for (const key of Object.keys(risks)) {
    if (!isOneOf(RISK_CODES, key))
      throw new ValidationError('REQUEST.UNKNOWN_RISK', undefined, { risk: key });
  }
  const given = risks as Record<string, unknown>;
  // Every risk is asked: a risk left out could hide fire-setting or going missing from the search.
  const missing = RISK_CODES.filter((code) => given[code] === undefined);
  if (missing.length > 0) {
    throw new ValidationError('REQUEST.RISK_NOT_ASSESSED', 'Give a level (none, low, high) for every risk', {
      missing,
    });
  }
  return Object.fromEntries(
    RISK_CODES.map((code) => [
      code,
      requireOneOf(given[code], RISK_LEVELS, 'REQUEST.UNKNOWN_RISK_LEVEL', `risks.${code}`),
    ]),
  ) as Record<RiskCode, RiskLevel>;
};

const validateChild = (child: RequestedChild, today: string, at: number): RequestedChild => {
  const field = `children[${at}]`;
  const c = (child ?? {}) as Partial<RequestedChild>;
  const childId = requireText(c.childId, 'REQUEST.CHILD_ID_REQUIRED', `${field}.childId`) as ChildId;
  const dup = 'REQUEST.DUPLICATE_VALUE';
  const suitability = {
    foster: requireOneOf(c.suitability?.foster, SUITABILITIES, 'REQUEST.UNKNOWN_SUITABILITY', 'foster'),
    residential: requireOneOf(
      c.suitability?.residential,
      SUITABILITIES,
      'REQUEST.UNKNOWN_SUITABILITY',
      'residential',
    ),
    supportedAccommodation: requireOneOf(
      c.suitability?.supportedAccommodation,
      SUITABILITIES,
      'REQUEST.UNKNOWN_SUITABILITY',
      'supportedAccommodation',
    ),
  };
  if (Object.values(suitability).every((s) => s === 'unsuitable')) {
    throw new ValidationError(
      'REQUEST.NO_SUITABLE_PLACEMENT_TYPE',
      'Foster, residential and supported accommodation cannot all be unsuitable',
      { childId },
    );
  }
  return {
    childId,
    communication: {
      needs: requireOneOf(
        c.communication?.needs,
        COMMUNICATION_NEEDS,
        'REQUEST.UNKNOWN_COMMUNICATION_NEED',
        'communication.needs',
      ),
      requirements: requireCodes(
        c.communication?.requirements,
        COMMUNICATION_REQUIREMENTS,
        'REQUEST.UNKNOWN_COMMUNICATION_REQUIREMENT',
        dup,
        'communication.requirements',
      ),
    },
    adaptations: requireCodes(c.adaptations, ADAPTATIONS, 'REQUEST.UNKNOWN_ADAPTATION', dup, 'adaptations'),
    culturalNeeds: {
      need: requireOneOf(
        c.culturalNeeds?.need,
        CULTURAL_NEEDS,
        'REQUEST.UNKNOWN_CULTURAL_NEED',
        'culturalNeeds',
      ),
      details: requireTexts(
        c.culturalNeeds?.details,
        'REQUEST.INVALID_CULTURAL_DETAIL',
        'culturalNeeds.details',
      ),
    },
    livesAlongside: requireOneOf(
      c.livesAlongside,
      LIVES_ALONGSIDE,
      'REQUEST.UNKNOWN_LIVES_ALONGSIDE',
      'livesAlongside',
    ),
    pets: requireOneOf(c.pets, PETS_ANSWERS, 'REQUEST.UNKNOWN_PETS_ANSWER', 'pets'),
    additionalSupport: requireCodes(
      c.additionalSupport,
      ADDITIONAL_SUPPORT,
      'REQUEST.UNKNOWN_ADDITIONAL_SUPPORT',
      dup,
      'additionalSupport',
    ),
    deprivationOfLiberty: requireBoolean(
      c.deprivationOfLiberty,
      'REQUEST.INVALID_DEPRIVATION_OF_LIBERTY',
      'deprivationOfLiberty',
    ),
    suitability,
    risks: validateRisks(c.risks),
    // M-01: no request without the child's wishes and feelings, and who recorded them when.
    wishesAndFeelings: validateWishes(c.wishesAndFeelings, today, 'REQUEST', `${field}.wishesAndFeelings`),
    ...(c.school !== undefined && {
      school: validateCoarseLocation(
        c.school,
        'REQUEST.INVALID_LOCATION',
        'REQUEST.LOCATION_NOT_COARSE',
        `${field}.school`,
      ),
    }),
  };
};

const validateRequest = (data: RequestPlacement['data'], today: string): RequestPlacement['data'] => {
  if (!isChildrensServicesAuthority(data.localAuthority)) {
    throw new ValidationError('REQUEST.INVALID_LOCAL_AUTHORITY', undefined, {
      localAuthority: data.localAuthority,
    });
  }
  if (!Array.isArray(data.children) || data.children.length === 0) {
    throw new ValidationError('REQUEST.NO_CHILDREN', 'A request places at least one child');
  }
  if (data.children.length > MAX_CHILDREN_PER_REQUEST) {
    throw new ValidationError('REQUEST.TOO_MANY_CHILDREN', undefined, { max: MAX_CHILDREN_PER_REQUEST });
  }
  const children = data.children.map((c, i) => validateChild(c, today, i));
  const ids = children.map((c) => c.childId);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated !== undefined) {
    throw new ValidationError('REQUEST.DUPLICATE_CHILD', 'A child is listed twice', { childId: repeated });
  }
  return {
    requestId: data.requestId,
    localAuthority: data.localAuthority,
    urgency: requireOneOf(data.urgency, URGENCIES, 'REQUEST.UNKNOWN_URGENCY', 'urgency'),
    purpose: requireOneOf(data.purpose, REQUEST_PURPOSES, 'REQUEST.UNKNOWN_PURPOSE', 'purpose'),
    children,
    home: validateCoarseLocation(
      data.home,
      'REQUEST.INVALID_LOCATION',
      'REQUEST.LOCATION_NOT_COARSE',
      'home',
    ),
  };
};

const validateSearch = (data: RecordSearch['data']): RecordSearch['data'] => {
  const policyVersion = requireText(data.policyVersion, 'SEARCH.POLICY_VERSION_REQUIRED', 'policyVersion');
  if (data.results === undefined) throw new ValidationError('SEARCH.RESULTS_REQUIRED');
  const resultCount = requireInteger(
    data.resultCount,
    0,
    Number.MAX_SAFE_INTEGER,
    'SEARCH.INVALID_RESULT_COUNT',
    'resultCount',
  );
  if (!Array.isArray(data.top) || data.top.length > resultCount) {
    throw new ValidationError('SEARCH.INVALID_SUMMARY', 'top lists at most resultCount settings', {
      resultCount,
    });
  }
  const seen = new Set<string>();
  const top = data.top.map((entry): SearchSummaryEntry => {
    const settingId = requireText(entry?.settingId, 'SEARCH.INVALID_SUMMARY', 'top.settingId') as SettingId;
    const providerId = requireText(
      entry?.providerId,
      'SEARCH.INVALID_SUMMARY',
      'top.providerId',
    ) as ProviderId;
    if (typeof entry.score !== 'number' || !(entry.score >= 0 && entry.score <= 1)) {
      throw new ValidationError('SEARCH.INVALID_SUMMARY', 'A score is from 0 to 1', { settingId });
    }
    if (seen.has(settingId)) throw new ValidationError('SEARCH.DUPLICATE_SETTING', undefined, { settingId });
    seen.add(settingId);
    const guards = requireCodes(
      entry.guards,
      GUARDS,
      'SEARCH.UNKNOWN_GUARD',
      'SEARCH.INVALID_SUMMARY',
      'guards',
    );
    return { settingId, providerId, score: entry.score, guards };
  });
  return {
    searchId: data.searchId,
    policyVersion,
    resultCount,
    top,
    results: data.results,
    ...(data.choices !== undefined && { choices: validateChoices(data.choices) }),
  };
};

const validateChoices = (value: unknown): SearchRunChoices => {
  const c = (value ?? {}) as Partial<SearchRunChoices>;
  const code = 'SEARCH.INVALID_CHOICES';
  return {
    secureCriteriaMet: requireBoolean(c.secureCriteriaMet, code, 'choices.secureCriteriaMet'),
    keepSiblingsTogether: requireBoolean(c.keepSiblingsTogether, code, 'choices.keepSiblingsTogether'),
    limit: requireInteger(c.limit, 1, Number.MAX_SAFE_INTEGER, code, 'choices.limit'),
  };
};

const validateTrigger = (value: unknown): MatchAlertTrigger => {
  const t = (value ?? {}) as Partial<MatchAlertTrigger>;
  return {
    settingId: requireText(t.settingId, 'MATCH_ALERT.INVALID_TRIGGER', 'trigger.settingId') as SettingId,
    eventId: requireText(t.eventId, 'MATCH_ALERT.INVALID_TRIGGER', 'trigger.eventId'),
  };
};

/** A search already recorded under this id: the same one again does nothing, another is refused. */
const alreadyRecorded = (request: RequestRecord, search: RecordSearch['data']): boolean => {
  const existing = request.searches[search.searchId];
  if (!existing) return false;
  const { runAt: _runAt, ...recorded } = existing;
  if (sameValue(recorded, search)) return true;
  throw new ConflictError('SEARCH.ALREADY_RECORDED', 'Another search has this id', {
    searchId: search.searchId,
  });
};

const validateApproval = (data: ApprovalCase, request: RequestRecord, today: string): ApprovalCase => {
  const guard = requireOneOf(data.guard, GUARDS, 'APPROVAL.UNKNOWN_GUARD', 'guard');
  const shortlisted = (settingId: unknown): SettingId => {
    if (typeof settingId !== 'string' || request.shortlist[settingId] === undefined) {
      throw new IllegalStateError('REQUEST.NOT_SHORTLISTED', 'Shortlist the setting first', { settingId });
    }
    return settingId as SettingId;
  };
  switch (guard) {
    case 'out-of-authority': {
      const d = data as Extract<ApprovalCase, { guard: typeof guard }>;
      return {
        guard,
        settingId: shortlisted(d.settingId),
        // M-11: no placement outside the authority unless it is in the child's best interests.
        bestInterestsReason: requireText(
          d.bestInterestsReason,
          'APPROVAL.BEST_INTERESTS_REQUIRED',
          'bestInterestsReason',
        ),
      };
    }
    case 'sibling-separation': {
      const d = data as Extract<ApprovalCase, { guard: typeof guard }>;
      const group = request.details.children.map((c) => c.childId);
      if (group.length < 2) throw new IllegalStateError('APPROVAL.NOT_A_SIBLING_GROUP');
      if (!Array.isArray(d.childViews)) throw new ValidationError('APPROVAL.CHILD_VIEWS_MISSING');
      const childViews = d.childViews.map((v) => {
        if (!group.includes(v?.childId)) {
          throw new ValidationError('APPROVAL.UNKNOWN_CHILD', undefined, { childId: v?.childId });
        }
        return { childId: v.childId, views: requireText(v.views, 'APPROVAL.CHILD_VIEWS_MISSING', 'views') };
      });
      // M-09: an assessment of each child's views, not of the group's.
      const missing = group.filter((id) => !childViews.some((v) => v.childId === id));
      if (missing.length > 0 || childViews.length !== group.length) {
        throw new ValidationError('APPROVAL.CHILD_VIEWS_MISSING', "Record each child's views once", {
          missing,
        });
      }
      return {
        guard,
        childViews,
        implications: requireText(d.implications, 'APPROVAL.IMPLICATIONS_REQUIRED', 'implications'),
        contactPlan: requireText(d.contactPlan, 'APPROVAL.CONTACT_PLAN_REQUIRED', 'contactPlan'),
      };
    }
    case 'school-move-year-10-11': {
      const d = data as Extract<ApprovalCase, { guard: typeof guard }>;
      return {
        guard,
        settingId: shortlisted(d.settingId),
        // M-18, M-36: a move in Year 10 or 11 only after a review, and only in exceptional circumstances.
        reviewedOn: requirePastDate(
          d.reviewedOn,
          today,
          'APPROVAL.REVIEW_DATE_REQUIRED',
          'APPROVAL.REVIEW_IN_FUTURE',
          'reviewedOn',
        ),
        exceptionalCircumstances: requireText(
          d.exceptionalCircumstances,
          'APPROVAL.EXCEPTIONAL_CIRCUMSTANCES_REQUIRED',
          'exceptionalCircumstances',
        ),
      };
    }
    case 'emergency': {
      const d = data as Extract<ApprovalCase, { guard: typeof guard }>;
      // M-35: an emergency placement is the exception, with its reason stated.
      return { guard, reason: requireText(d.reason, 'APPROVAL.EMERGENCY_REASON_REQUIRED', 'reason') };
    }
    default:
      return assertNever(guard);
  }
};

const approverRole = (approval: Approval, role: unknown): ApproverRole => {
  const allowed: readonly ApproverRole[] = GUARD_RULES[approval.guard].approvers;
  // M-12 (and the table in GUARD_RULES): the decider, not the caller, knows who may approve what.
  if (!isOneOf(APPROVER_ROLES, role) || !allowed.includes(role)) {
    throw new ForbiddenError('APPROVAL.ROLE_NOT_ALLOWED', `Only ${allowed.join(' or ')} may decide this`, {
      guard: approval.guard,
      role,
      allowed,
    });
  }
  return role;
};

const subjectOf = (approval: Approval) => ({
  approvalId: approval.approvalId,
  guard: approval.guard,
  ...('settingId' in approval && { settingId: approval.settingId }),
});

const requested = (state: PlacementRequest): Live => {
  if (state.status === 'NotRequested') throw new NotFoundError('REQUEST.NOT_FOUND');
  if (state.status === 'Withdrawn') throw new IllegalStateError('REQUEST.WITHDRAWN');
  return state;
};

const active = (state: PlacementRequest): Active => {
  const request = requested(state);
  if (request.status === 'Decided') throw new IllegalStateError('REQUEST.ALREADY_DECIDED');
  return request;
};

const iro = (role: unknown): void => {
  // Naive-build item 16, M-36: the IRO, independent of case management, can hold a decision.
  if (role !== 'iro') throw new ForbiddenError('HOLD.IRO_ONLY', 'Only the IRO may hold a decision', { role });
};

const decideMatch = (command: DecideMatch, state: PlacementRequest): RequestEvent[] => {
  const request = requested(state);
  const { settingId, providerId } = command.data;
  const group = request.details.children.map((c) => c.childId);
  const undecided = undecidedChildren(request);
  const childIds = command.data.childIds ?? (undecided.length > 0 ? undecided : group);
  if (!Array.isArray(childIds) || childIds.length === 0) throw new ValidationError('DECISION.UNKNOWN_CHILD');
  for (const [i, id] of childIds.entries()) {
    if (!group.includes(id)) throw new ValidationError('DECISION.UNKNOWN_CHILD', undefined, { childId: id });
    if (childIds.indexOf(id) !== i)
      throw new ValidationError('DECISION.DUPLICATE_CHILD', undefined, { childId: id });
  }
  const earlier = request.decisions.filter((d) => d.childIds.some((id) => childIds.includes(id)));
  if (earlier.length > 0) {
    const sameChoice =
      earlier.every((d) => d.settingId === settingId) &&
      childIds.every((id) => earlier.some((d) => d.childIds.includes(id)));
    // A retried decision is a no-op; a child decided elsewhere cannot be decided again here.
    if (sameChoice) return [];
    throw new ConflictError('DECISION.CHILD_ALREADY_DECIDED', 'A child already has a decision', {
      childIds: childIds.filter((id) => earlier.some((d) => d.childIds.includes(id))),
    });
  }
  if (request.status === 'OnHold') {
    throw new IllegalStateError('REQUEST.ON_HOLD', 'The IRO has put the decision on hold', {
      reason: request.hold.reason,
    });
  }
  if (!Array.isArray(command.data.reasons) || command.data.reasons.length === 0) {
    throw new ValidationError('DECISION.REASONS_REQUIRED', 'Say why this setting was chosen');
  }
  const reasons = requireTexts(command.data.reasons, 'DECISION.REASONS_REQUIRED', 'reasons');
  const weighed = Array.isArray(command.data.howChildViewsWereWeighed)
    ? command.data.howChildViewsWereWeighed
    : [];
  const howChildViewsWereWeighed = childIds.map((childId) => {
    const entries = weighed.filter((w) => w?.childId === childId);
    // M-01: the decision records how each child's wishes and feelings were weighed, not only what they were.
    if (entries.length !== 1 || typeof entries[0].how !== 'string' || entries[0].how.trim() === '') {
      throw new ValidationError(
        'DECISION.CHILD_VIEWS_NOT_WEIGHED',
        "Say how each child's wishes and feelings were weighed",
        { childId },
      );
    }
    return { childId, how: entries[0].how.trim() };
  });
  const stray = weighed.find((w) => !childIds.includes(w?.childId));
  if (stray) throw new ValidationError('DECISION.UNKNOWN_CHILD', undefined, { childId: stray?.childId });
  const guards = requireCodes(
    command.data.guards,
    GUARDS,
    'DECISION.UNKNOWN_GUARD',
    'DECISION.DUPLICATE_GUARD',
    'guards',
  );
  const offer = Object.values(request.referrals)
    .filter((r) => r.settingId === settingId && r.answer?.response === 'offer')
    .at(-1);
  if (!offer) {
    throw new IllegalStateError('REQUEST.NO_OFFER', 'The provider has not offered this setting', {
      settingId,
    });
  }
  if (offer.providerId !== providerId) {
    throw new ValidationError('DECISION.PROVIDER_MISMATCH', undefined, {
      providerId,
      expected: offer.providerId,
    });
  }
  const applies = applicableGuards(request, childIds, guards);
  const { given, missing } = approvalsFor(request, settingId, applies);
  if (missing.length > 0) {
    throw new ConflictError(
      'REQUEST.APPROVAL_MISSING',
      `Approval missing: ${missing.map((m) => `${m.guard} (${GUARD_RULES[m.guard].rules.join(', ')})`).join('; ')}`,
      { missing },
    );
  }
  return [
    {
      type: 'MatchDecided',
      schemaVersion: 1,
      data: {
        settingId,
        providerId,
        childIds: [...childIds],
        reasons,
        howChildViewsWereWeighed,
        guards: applies,
        approvalIds: given,
        referralId: offer.referralId,
        // M-35: emergency placements are counted.
        emergency: applies.includes('emergency'),
        decidedAt: command.at,
      },
    },
  ];
};

/** What a command does to a placement request: see each command's TSDoc for its rules. */
export const decideRequest = (command: RequestCommand, state: PlacementRequest): RequestEvent[] => {
  const { at } = command;
  const today = londonDate(at);
  switch (command.type) {
    case 'RequestPlacement': {
      const details = validateRequest(command.data, today);
      if (state.status !== 'NotRequested') {
        const { emergency: _e, siblingsToPlaceWith: _s, requestedAt: _r, ...current } = state.details;
        if (sameValue(current, details)) return [];
        throw new ConflictError('REQUEST.ALREADY_REQUESTED', 'This request exists with other details');
      }
      return [
        {
          type: 'PlacementRequested',
          schemaVersion: 1,
          data: {
            ...details,
            emergency: details.purpose === 'emergency',
            siblingsToPlaceWith: details.children.length - 1,
            requestedAt: at,
          },
        },
      ];
    }
    case 'RecordSearch': {
      const request = active(state);
      const search = validateSearch(command.data);
      if (alreadyRecorded(request, search)) return [];
      return [{ type: 'SearchRun', schemaVersion: 1, data: { ...search, runAt: at } }];
    }
    case 'RecordMatchAlert': {
      const request = active(state);
      // The system re-runs searches when supply changes; people search with RecordSearch, and choose (M-04).
      if (command.data.role !== SYSTEM_ROLE) {
        throw new ForbiddenError('MATCH_ALERT.SYSTEM_ONLY', 'Only the system raises match alerts', {
          role: command.data.role,
        });
      }
      const search = validateSearch(command.data.search ?? ({} as RecordSearch['data']));
      const trigger = validateTrigger(command.data.trigger);
      if (alreadyRecorded(request, search)) return [];
      const previous = latestSearch(request);
      if (!previous) {
        throw new IllegalStateError(
          'MATCH_ALERT.NO_EARLIER_SEARCH',
          'A request is searched again only once people have searched it',
        );
      }
      const before = new Set<string>(previous.top.slice(0, MATCH_ALERT_TOP_N).map((t) => t.settingId));
      const entered = search.top
        .slice(0, MATCH_ALERT_TOP_N)
        .map((t) => t.settingId)
        .filter((id) => !before.has(id));
      // Nothing new in the top: nothing to tell anyone, and nothing recorded (so a repeated re-run is a no-op).
      if (entered.length === 0) return [];
      return [
        { type: 'SearchRun', schemaVersion: 1, data: { ...search, runAt: at } },
        {
          type: 'MatchAlertRaised',
          schemaVersion: 1,
          data: { searchId: search.searchId, settingIds: entered, trigger, raisedAt: at },
        },
      ];
    }
    case 'Shortlist': {
      const request = active(state);
      const { searchId } = command.data;
      const search = request.searches[searchId];
      if (!search) throw new NotFoundError('SEARCH.NOT_FOUND', undefined, { searchId });
      if (!Array.isArray(command.data.settingIds) || command.data.settingIds.length === 0) {
        throw new ValidationError('SHORTLIST.EMPTY', 'Name at least one setting');
      }
      const settings = command.data.settingIds.map((settingId, i, all) => {
        if (all.indexOf(settingId) !== i) {
          throw new ValidationError('SHORTLIST.DUPLICATE_SETTING', undefined, { settingId });
        }
        const entry = search.top.find((t) => t.settingId === settingId);
        // M-04: people choose from the menu the search offered.
        if (!entry) throw new ValidationError('SHORTLIST.NOT_IN_SEARCH', undefined, { settingId, searchId });
        return { settingId, providerId: entry.providerId };
      });
      const fresh = settings.filter((s) => request.shortlist[s.settingId] === undefined);
      if (fresh.length === 0) return [];
      return [
        { type: 'Shortlisted', schemaVersion: 1, data: { searchId, settings: fresh, shortlistedAt: at } },
      ];
    }
    case 'SendReferral': {
      const request = active(state);
      const { referralId, settingId } = command.data;
      const existing = request.referrals[referralId];
      if (existing) {
        if (existing.settingId === settingId) return [];
        throw new ConflictError('REFERRAL.ALREADY_EXISTS', 'Another referral has this id', { referralId });
      }
      const entry = request.shortlist[settingId];
      if (!entry)
        throw new IllegalStateError('REQUEST.NOT_SHORTLISTED', 'Shortlist the setting first', { settingId });
      const waiting = Object.values(request.referrals).find((r) => r.settingId === settingId && !r.answer);
      if (waiting) {
        throw new ConflictError('REFERRAL.ALREADY_OPEN', 'A referral to this setting awaits its answer', {
          referralId: waiting.referralId,
        });
      }
      return [
        {
          type: 'ReferralSent',
          schemaVersion: 1,
          data: { referralId, settingId, providerId: entry.providerId, sentAt: at },
        },
      ];
    }
    case 'RecordProviderResponse': {
      // A provider's late answer is still a fact worth keeping after the decision.
      const request = requested(state);
      const referral = request.referrals[command.data.referralId];
      if (!referral) {
        throw new NotFoundError('REFERRAL.NOT_FOUND', undefined, { referralId: command.data.referralId });
      }
      const response = requireOneOf(
        command.data.response,
        ['offer', 'decline'] as const,
        'REFERRAL.UNKNOWN_RESPONSE',
        'response',
      );
      const answer =
        response === 'offer'
          ? { response }
          : {
              response,
              reason: requireText(
                (command.data as { reason?: unknown }).reason,
                'REFERRAL.REASON_REQUIRED',
                'reason',
              ),
            };
      if (referral.answer) {
        const { respondedAt: _r, ...previous } = referral.answer;
        if (sameValue(previous, answer)) return [];
        throw new ConflictError(
          'REFERRAL.ALREADY_ANSWERED',
          `The provider already answered ${previous.response}`,
        );
      }
      return [
        {
          type: 'ProviderResponded',
          schemaVersion: 1,
          data: {
            referralId: referral.referralId,
            settingId: referral.settingId,
            providerId: referral.providerId,
            respondedAt: at,
            ...answer,
          },
        },
      ];
    }
    case 'RequestApproval': {
      const request = active(state);
      const { approvalId } = command.data;
      const asked = validateApproval(command.data, request, today);
      const existing = request.approvals[approvalId];
      if (existing) {
        const previous = Object.fromEntries(
          Object.keys(asked).map((k) => [k, (existing as unknown as Record<string, unknown>)[k]]),
        );
        if (sameValue(previous, asked)) return [];
        throw new ConflictError('APPROVAL.ALREADY_EXISTS', 'Another approval has this id', { approvalId });
      }
      const settingId = 'settingId' in asked ? asked.settingId : undefined;
      const same = Object.values(request.approvals).filter(
        (a) =>
          a.guard === asked.guard &&
          (GUARD_RULES[a.guard].scope === 'request' || ('settingId' in a && a.settingId === settingId)),
      );
      if (same.some((a) => a.status === 'given')) {
        throw new IllegalStateError('APPROVAL.ALREADY_GIVEN', 'This approval has been given', {
          guard: asked.guard,
          ...(settingId !== undefined && { settingId }),
        });
      }
      const pending = same.find((a) => a.status === 'requested');
      if (pending) {
        throw new ConflictError('APPROVAL.ALREADY_PENDING', 'The same approval is waiting for an answer', {
          approvalId: pending.approvalId,
        });
      }
      return [
        { type: 'ApprovalRequested', schemaVersion: 1, data: { approvalId, ...asked, requestedAt: at } },
      ];
    }
    case 'GiveApproval':
    case 'RefuseApproval': {
      const request = active(state);
      const approval = request.approvals[command.data.approvalId];
      if (!approval) {
        throw new NotFoundError('APPROVAL.NOT_FOUND', undefined, { approvalId: command.data.approvalId });
      }
      const role = approverRole(approval, command.data.role);
      const outcome = command.type === 'GiveApproval' ? 'given' : 'refused';
      if (approval.status === outcome) return [];
      if (approval.status !== 'requested') {
        throw new IllegalStateError(
          'APPROVAL.ALREADY_DECIDED',
          `The approval was already ${approval.status}`,
        );
      }
      if (command.type === 'GiveApproval') {
        const note = typeof command.data.note === 'string' ? command.data.note.trim() : '';
        return [
          {
            type: 'ApprovalGiven',
            schemaVersion: 1,
            data: { ...subjectOf(approval), role, ...(note !== '' && { note }), givenAt: at },
          },
        ];
      }
      const reason = requireText(command.data.reason, 'APPROVAL.REASON_REQUIRED', 'reason');
      return [
        {
          type: 'ApprovalRefused',
          schemaVersion: 1,
          data: { ...subjectOf(approval), role, reason, refusedAt: at },
        },
      ];
    }
    case 'PlaceHold': {
      const request = active(state);
      iro(command.data.role);
      if (request.status === 'OnHold') return [];
      const reason = requireText(command.data.reason, 'HOLD.REASON_REQUIRED', 'reason');
      return [{ type: 'HoldPlaced', schemaVersion: 1, data: { reason, placedAt: at } }];
    }
    case 'ReleaseHold': {
      const request = active(state);
      iro(command.data.role);
      if (request.status !== 'OnHold') throw new IllegalStateError('HOLD.NOT_HELD');
      const note = typeof command.data.note === 'string' ? command.data.note.trim() : '';
      return [
        { type: 'HoldReleased', schemaVersion: 1, data: { ...(note !== '' && { note }), releasedAt: at } },
      ];
    }
    case 'DecideMatch':
      return decideMatch(command, state);
    case 'WithdrawRequest': {
      if (state.status === 'Withdrawn') return [];
      const request = active(state);
      if (request.decisions.length > 0) {
        throw new IllegalStateError('REQUEST.ALREADY_DECIDED', 'Some children already have a decision');
      }
      // Naive-build item 16: nothing changes for the child while the IRO holds the decision.
      if (request.status === 'OnHold') throw new IllegalStateError('REQUEST.ON_HOLD');
      const reason = requireText(command.data.reason, 'REQUEST.REASON_REQUIRED', 'reason');
      return [{ type: 'RequestWithdrawn', schemaVersion: 1, data: { reason, withdrawnAt: at } }];
    }
    default:
      return assertNever(command);
  }
};

const record = (state: Requested): RequestRecord => ({
  details: state.details,
  searches: state.searches,
  shortlist: state.shortlist,
  referrals: state.referrals,
  approvals: state.approvals,
  decisions: state.decisions,
  matchAlerts: state.matchAlerts,
});

const updateApproval = (
  state: Requested,
  approvalId: ApprovalId,
  change: Partial<Approval>,
): PlacementRequest => {
  const approval = state.approvals[approvalId];
  if (!approval) return state;
  return {
    ...state,
    approvals: { ...state.approvals, [approvalId]: { ...approval, ...change } as Approval },
  };
};

/** Folds one request event into the state. Never throws: an event that does not apply leaves the state as it is. */
export const evolveRequest = (state: PlacementRequest, event: RequestEvent): PlacementRequest => {
  if (event.type === 'PlacementRequested') {
    return state.status === 'NotRequested'
      ? {
          status: 'Open',
          details: event.data,
          searches: {},
          shortlist: {},
          referrals: {},
          approvals: {},
          decisions: [],
          matchAlerts: [],
        }
      : { ...state, details: event.data };
  }
  if (state.status === 'NotRequested') return state;
  switch (event.type) {
    case 'SearchRun':
      return { ...state, searches: { ...state.searches, [event.data.searchId]: event.data } };
    case 'MatchAlertRaised':
      return { ...state, matchAlerts: [...state.matchAlerts, event.data] };
    case 'Shortlisted': {
      const added = Object.fromEntries(
        event.data.settings.map((s) => [s.settingId, { ...s, searchId: event.data.searchId }]),
      );
      return { ...state, shortlist: { ...state.shortlist, ...added } };
    }
    case 'ReferralSent':
      return { ...state, referrals: { ...state.referrals, [event.data.referralId]: event.data } };
    case 'ProviderResponded': {
      const referral = state.referrals[event.data.referralId];
      if (!referral) return state;
      const { referralId: _id, settingId: _s, providerId: _p, ...answer } = event.data;
      return { ...state, referrals: { ...state.referrals, [referral.referralId]: { ...referral, answer } } };
    }
    case 'ApprovalRequested':
      return {
        ...state,
        approvals: { ...state.approvals, [event.data.approvalId]: { ...event.data, status: 'requested' } },
      };
    case 'ApprovalGiven': {
      const { role, givenAt, note } = event.data;
      return updateApproval(state, event.data.approvalId, {
        status: 'given',
        role,
        givenAt,
        ...(note !== undefined && { note }),
      });
    }
    case 'ApprovalRefused': {
      const { role, refusedAt, reason } = event.data;
      return updateApproval(state, event.data.approvalId, { status: 'refused', role, refusedAt, reason });
    }
    case 'HoldPlaced':
      return state.status === 'Open'
        ? {
            status: 'OnHold',
            ...record(state),
            hold: { reason: event.data.reason, placedAt: event.data.placedAt },
          }
        : state;
    case 'HoldReleased':
      return state.status === 'OnHold' ? { status: 'Open', ...record(state) } : state;
    case 'MatchDecided': {
      const next = { ...record(state), decisions: [...state.decisions, event.data] };
      if (state.status === 'Withdrawn') return { ...state, decisions: next.decisions };
      return undecidedChildren(next).length === 0 ? { status: 'Decided', ...next } : { ...state, ...next };
    }
    case 'RequestWithdrawn':
      return { status: 'Withdrawn', ...record(state), withdrawal: event.data };
    default:
      return assertNever(event);
  }
};

/**
 * The placement request aggregate (`request-<id>`): a request for one child or a sibling group (Placements
 * Standard v2), its searches as evidence, shortlist, referrals and offers, the approvals its guards need
 * (M-09, M-11, M-12, M-18, M-35), the IRO's hold, the decision with its reasons and how the child's views
 * were weighed (M-01), and the match alerts the system raises when supply changes (a menu, never a choice: M-04).
 */
export const requestDecider: Decider<RequestCommand, PlacementRequest, RequestEvent> = {
  initialState: initialRequestState,
  decide: decideRequest,
  evolve: evolveRequest,
};
