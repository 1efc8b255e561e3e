import { ConflictError } from '@placematch/kernel';
import { deciderSpec } from '@placematch/kernel/testing';
import type { SettingId } from '@placematch/supply';
import {
  ApprovalCase,
  ApprovalGiven,
  ApprovalId,
  ApprovalRefused,
  DecideMatch,
  GUARDS,
  GUARD_RULES,
  GiveApproval,
  GuardKind,
  HoldPlaced,
  HoldReleased,
  MatchDecided,
  ProviderResponded,
  RecordProviderResponse,
  RefuseApproval,
  RequestApproval,
  RequestEvent,
  RequestWithdrawn,
  WithdrawRequest,
  applicableGuards,
  requestDecider,
} from '@placematch/placements';
import {
  AT,
  approvalRequested,
  command,
  event,
  ids,
  offered,
  offeredHistory,
  placementRequested,
  referralSent,
  searchRun,
  shortlisted,
  siblingsRequested,
} from '@placematch/placements/testing';

const { given } = deciderSpec(requestDecider);

/** RequestApproval with the data of {@link approvalRequested}. */
const askFor = (
  guard: GuardKind,
  approvalId: ApprovalId = ids.approval,
  settingId: SettingId = ids.setting,
) => {
  const { requestedAt: _at, ...data } = approvalRequested(guard, approvalId, settingId).data;
  return command<RequestApproval>('RequestApproval', data);
};
const askWith = (data: ApprovalCase, approvalId: ApprovalId = ids.approval) =>
  command<RequestApproval>('RequestApproval', { approvalId, ...data });
const scope = (guard: GuardKind, settingId: SettingId = ids.setting) =>
  GUARD_RULES[guard].scope === 'setting' ? { settingId } : {};
const give = (role: string, approvalId: ApprovalId = ids.approval, note?: string) =>
  command<GiveApproval>('GiveApproval', { approvalId, role, ...(note !== undefined && { note }) });
const refuse = (role: string, reason = 'Not in her best interests', approvalId: ApprovalId = ids.approval) =>
  command<RefuseApproval>('RefuseApproval', { approvalId, role, reason });
const given_ = (
  guard: GuardKind,
  role: 'senior-manager' | 'iro' = 'senior-manager',
  approvalId: ApprovalId = ids.approval,
  settingId: SettingId = ids.setting,
) =>
  event<ApprovalGiven>('ApprovalGiven', { approvalId, guard, ...scope(guard, settingId), role, givenAt: AT });
const refused = (guard: GuardKind, approvalId: ApprovalId = ids.approval) =>
  event<ApprovalRefused>('ApprovalRefused', {
    approvalId,
    guard,
    ...scope(guard),
    role: 'senior-manager',
    reason: 'Not in her best interests',
    refusedAt: AT,
  });

const weighed = (childId = ids.child) => ({
  childId,
  how: 'She asked to stay near her school: this home is a mile from it',
});
const decide = (overrides: Partial<DecideMatch['data']> = {}) =>
  command<DecideMatch>('DecideMatch', {
    settingId: ids.setting,
    providerId: ids.provider,
    reasons: ['Close to school and friends; the carers support her faith'],
    howChildViewsWereWeighed: [weighed()],
    guards: [],
    ...overrides,
  });
const decided = (overrides: Partial<MatchDecided['data']> = {}) =>
  event<MatchDecided>('MatchDecided', {
    settingId: ids.setting,
    providerId: ids.provider,
    reasons: ['Close to school and friends; the carers support her faith'],
    howChildViewsWereWeighed: [weighed()],
    guards: [],
    childIds: [ids.child],
    approvalIds: [],
    referralId: ids.referral,
    emergency: false,
    decidedAt: AT,
    ...overrides,
  });
const held = event<HoldPlaced>('HoldPlaced', { reason: 'Dispute about the care plan', placedAt: AT });
const released = event<HoldReleased>('HoldReleased', { releasedAt: AT });

/** The history, request and decision in which one guard applies alone. */
const alone = (guard: GuardKind) => {
  switch (guard) {
    case 'out-of-authority':
    case 'school-move-year-10-11':
      return { history: offeredHistory(), decision: decide({ guards: [guard] }) };
    case 'sibling-separation':
      // M-09: a decision for one of two siblings is a separation.
      return {
        history: offeredHistory(siblingsRequested()),
        decision: decide({ childIds: [ids.child], guards: [guard] }),
      };
    case 'emergency':
      return {
        history: offeredHistory(placementRequested({ purpose: 'emergency', urgency: 'today' })),
        decision: decide({ guards: [guard] }),
      };
  }
};

describe('Request: asking for approvals', () => {
  it.each([
    ['M-11, M-12', 'out-of-authority'],
    ['M-09', 'sibling-separation'],
    ['M-18', 'school-move-year-10-11'],
    ['M-35', 'emergency'],
  ] as const)('%s: asks for the %s approval with what it needs', (_rules, guard) => {
    const { history } = alone(guard);
    given(history)
      .when(askFor(guard))
      .then([approvalRequested(guard)]);
  });

  it('M-11: refuses an out-of-authority approval without a best-interests reason', () => {
    given(offeredHistory())
      .when(askWith({ guard: 'out-of-authority', settingId: ids.setting, bestInterestsReason: ' ' }))
      .thenThrows('APPROVAL.BEST_INTERESTS_REQUIRED');
  });

  it('M-09: refuses a separation assessment that lacks one child’s views, naming the child', () => {
    const { childViews: _v, ...rest } = approvalRequested('sibling-separation').data as Extract<
      ApprovalCase,
      { guard: 'sibling-separation' }
    >;
    const error = given(offeredHistory(siblingsRequested()))
      .when(
        askWith({
          ...rest,
          guard: 'sibling-separation',
          childViews: [{ childId: ids.child, views: 'Wants to stay with her brother' }],
        }),
      )
      .thenThrows('APPROVAL.CHILD_VIEWS_MISSING');
    expect(error.details).toEqual({ missing: [ids.sibling] });
  });

  it.each<[string, Record<string, unknown>]>([
    ['APPROVAL.IMPLICATIONS_REQUIRED', { implications: '' }],
    ['APPROVAL.CONTACT_PLAN_REQUIRED', { contactPlan: '' }],
    ['APPROVAL.UNKNOWN_CHILD', { childViews: [{ childId: ids.thirdSibling, views: 'Not a sibling here' }] }],
    [
      'APPROVAL.CHILD_VIEWS_MISSING',
      {
        childViews: [
          { childId: ids.child, views: 'Wants to stay with her brother' },
          { childId: ids.sibling, views: '' },
        ],
      },
    ],
  ])('M-09: refuses a separation assessment with %s', (code, overrides) => {
    const data = { ...approvalRequested('sibling-separation').data, ...overrides };
    const { requestedAt: _at, approvalId: _id, ...asked } = data;
    given(offeredHistory(siblingsRequested()))
      .when(askWith(asked as ApprovalCase))
      .thenThrows(code);
  });

  it('M-09: refuses a separation assessment for a request of one child', () => {
    given(offeredHistory()).when(askFor('sibling-separation')).thenThrows('APPROVAL.NOT_A_SIBLING_GROUP');
  });

  it.each<[string, Record<string, unknown>]>([
    ['APPROVAL.REVIEW_DATE_REQUIRED', { reviewedOn: undefined }],
    ['APPROVAL.REVIEW_IN_FUTURE', { reviewedOn: '2025-03-11' }],
    ['APPROVAL.EXCEPTIONAL_CIRCUMSTANCES_REQUIRED', { exceptionalCircumstances: '' }],
  ])('M-18: refuses a Year 10/11 school move approval with %s', (code, overrides) => {
    const {
      requestedAt: _at,
      approvalId: _id,
      ...asked
    } = {
      ...approvalRequested('school-move-year-10-11').data,
      ...overrides,
    };
    given(offeredHistory())
      .when(askWith(asked as ApprovalCase))
      .thenThrows(code);
  });

  it('M-35: refuses an emergency approval without its reason', () => {
    given(offeredHistory())
      .when(askWith({ guard: 'emergency', reason: '' }))
      .thenThrows('APPROVAL.EMERGENCY_REASON_REQUIRED');
  });

  it('refuses an unknown guard, and a setting-scoped approval for a setting not shortlisted', () => {
    given(offeredHistory())
      .when(askWith({ guard: 'distance' } as never))
      .thenThrows('APPROVAL.UNKNOWN_GUARD');
    given(offeredHistory())
      .when(askFor('out-of-authority', ids.approval, ids.thirdSetting))
      .thenThrows('REQUEST.NOT_SHORTLISTED');
  });

  it('does nothing when asked again the same way; refuses the id reused for something else', () => {
    const history = [...offeredHistory(), approvalRequested('out-of-authority')];
    given(history).when(askFor('out-of-authority')).thenNothing();
    given(history)
      .when(
        askWith({ guard: 'out-of-authority', settingId: ids.setting, bestInterestsReason: 'Another reason' }),
      )
      .thenThrows('APPROVAL.ALREADY_EXISTS');
  });

  it('refuses a second request for an approval that is waiting or already given; allows one after a refusal', () => {
    const history = [...offeredHistory(), approvalRequested('emergency')];
    given(history).when(askFor('emergency', ids.otherApproval)).thenThrows('APPROVAL.ALREADY_PENDING');
    given([...history, given_('emergency', 'iro')])
      .when(askFor('emergency', ids.otherApproval))
      .thenThrows('APPROVAL.ALREADY_GIVEN');
    given([...history, refused('emergency')])
      .when(askFor('emergency', ids.otherApproval))
      .then([approvalRequested('emergency', ids.otherApproval)]);
  });

  it('M-11: asks for out-of-authority approval per setting: one waiting for a setting does not block another', () => {
    const history = [
      ...offeredHistory(),
      shortlisted(ids.otherSetting, ids.otherProvider),
      approvalRequested('out-of-authority'),
    ];
    given(history)
      .when(askFor('out-of-authority', ids.otherApproval, ids.otherSetting))
      .then([approvalRequested('out-of-authority', ids.otherApproval, ids.otherSetting)]);
  });
});

describe('Request: giving and refusing approvals', () => {
  it('M-12: a senior manager gives the out-of-authority approval', () => {
    given([...offeredHistory(), approvalRequested('out-of-authority')])
      .when(give('senior-manager'))
      .then([given_('out-of-authority', 'senior-manager')]);
  });

  it.each(['iro', 'placement-officer', 'provider', 'no-such-role'])(
    'M-12: refuses out-of-authority sign-off by %s (senior level only)',
    (role) => {
      const error = given([...offeredHistory(), approvalRequested('out-of-authority')])
        .when(give(role))
        .thenThrows('APPROVAL.ROLE_NOT_ALLOWED');
      expect(error.kind).toBe('forbidden');
      given([...offeredHistory(), approvalRequested('out-of-authority')])
        .when(refuse(role))
        .thenThrows('APPROVAL.ROLE_NOT_ALLOWED');
    },
  );

  it.each([
    ['M-09', 'sibling-separation', 'iro'],
    ['M-09', 'sibling-separation', 'senior-manager'],
    ['M-18', 'school-move-year-10-11', 'iro'],
    ['M-18', 'school-move-year-10-11', 'senior-manager'],
    ['M-35', 'emergency', 'iro'],
    ['M-35', 'emergency', 'senior-manager'],
  ] as const)('%s: the %s approval may be given by the %s', (_rules, guard, role) => {
    const { history } = alone(guard);
    given([...history, approvalRequested(guard)])
      .when(give(role))
      .then([given_(guard, role)]);
  });

  it.each(['M-09 sibling-separation', 'M-18 school-move-year-10-11', 'M-35 emergency'])(
    '%s: refuses a placement officer as approver',
    (name) => {
      const guard = name.split(' ')[1] as GuardKind;
      const { history } = alone(guard);
      given([...history, approvalRequested(guard)])
        .when(give('placement-officer'))
        .thenThrows('APPROVAL.ROLE_NOT_ALLOWED');
    },
  );

  it('keeps the approver’s note', () => {
    given([...offeredHistory(), approvalRequested('emergency')])
      .when(give('iro', ids.approval, ' Reviewed at the 9am meeting '))
      .then([
        event<ApprovalGiven>('ApprovalGiven', {
          approvalId: ids.approval,
          guard: 'emergency',
          role: 'iro',
          note: 'Reviewed at the 9am meeting',
          givenAt: AT,
        }),
      ]);
  });

  it('refuses an approval with a reason, and needs the reason', () => {
    const history = [...offeredHistory(), approvalRequested('out-of-authority')];
    given(history)
      .when(refuse('senior-manager'))
      .then([refused('out-of-authority')]);
    given(history).when(refuse('senior-manager', ' ')).thenThrows('APPROVAL.REASON_REQUIRED');
  });

  it('does nothing when given (or refused) again; refuses to reverse a decided approval', () => {
    const given1 = [...offeredHistory(), approvalRequested('out-of-authority'), given_('out-of-authority')];
    given(given1).when(give('senior-manager')).thenNothing();
    given(given1).when(refuse('senior-manager')).thenThrows('APPROVAL.ALREADY_DECIDED');
    const refused1 = [
      ...offeredHistory(),
      approvalRequested('out-of-authority'),
      refused('out-of-authority'),
    ];
    given(refused1).when(refuse('senior-manager')).thenNothing();
    given(refused1).when(give('senior-manager')).thenThrows('APPROVAL.ALREADY_DECIDED');
  });

  it('refuses an approval that was never asked for', () => {
    given(offeredHistory()).when(give('senior-manager')).thenThrows('APPROVAL.NOT_FOUND');
  });
});

describe('Request: deciding the match (M-01)', () => {
  it('M-01: decides the match with its reasons and how the child’s views were weighed', () => {
    given(offeredHistory()).when(decide()).then([decided()]);
  });

  it('M-01: settles the request once every child has a decision', () => {
    const state = given([...offeredHistory(), decided()])
      .when(decide())
      .state();
    expect(state.status).toBe('Decided');
  });

  it('M-01: refuses a decision that does not say how the child’s views were weighed', () => {
    given(offeredHistory())
      .when(decide({ howChildViewsWereWeighed: [] }))
      .thenThrows('DECISION.CHILD_VIEWS_NOT_WEIGHED');
    given(offeredHistory())
      .when(decide({ howChildViewsWereWeighed: [{ childId: ids.child, how: '  ' }] }))
      .thenThrows('DECISION.CHILD_VIEWS_NOT_WEIGHED');
    given(offeredHistory())
      .when(decide({ howChildViewsWereWeighed: undefined as never }))
      .thenThrows('DECISION.CHILD_VIEWS_NOT_WEIGHED');
  });

  it('M-01: refuses a sibling-group decision that weighs only one child’s views', () => {
    const error = given(offeredHistory(siblingsRequested()))
      .when(decide())
      .thenThrows('DECISION.CHILD_VIEWS_NOT_WEIGHED');
    expect(error.details).toEqual({ childId: ids.sibling });
  });

  it('refuses a decision without reasons', () => {
    given(offeredHistory())
      .when(decide({ reasons: [] }))
      .thenThrows('DECISION.REASONS_REQUIRED');
    given(offeredHistory())
      .when(decide({ reasons: [''] }))
      .thenThrows('DECISION.REASONS_REQUIRED');
  });

  it('refuses a child who is not in the request, a child named twice and views weighed for a stranger', () => {
    given(offeredHistory())
      .when(decide({ childIds: [ids.thirdSibling] }))
      .thenThrows('DECISION.UNKNOWN_CHILD');
    given(offeredHistory())
      .when(decide({ childIds: [ids.child, ids.child] }))
      .thenThrows('DECISION.DUPLICATE_CHILD');
    given(offeredHistory())
      .when(decide({ howChildViewsWereWeighed: [weighed(), weighed(ids.thirdSibling)] }))
      .thenThrows('DECISION.UNKNOWN_CHILD');
  });

  it('refuses an unknown guard, and a guard named twice', () => {
    given(offeredHistory())
      .when(decide({ guards: ['too-far' as never] }))
      .thenThrows('DECISION.UNKNOWN_GUARD');
    given(offeredHistory())
      .when(decide({ guards: ['out-of-authority', 'out-of-authority'] }))
      .thenThrows('DECISION.DUPLICATE_GUARD');
  });

  it('refuses a setting whose provider has not offered it', () => {
    given([placementRequested(), searchRun(), shortlisted(), referralSent()])
      .when(decide())
      .thenThrows('REQUEST.NO_OFFER');
    const declined = event<ProviderResponded>('ProviderResponded', {
      referralId: ids.referral,
      settingId: ids.setting,
      providerId: ids.provider,
      respondedAt: AT,
      response: 'decline',
      reason: 'No vacancy after all',
    });
    given([placementRequested(), searchRun(), shortlisted(), referralSent(), declined])
      .when(decide())
      .thenThrows('REQUEST.NO_OFFER');
  });

  it('refuses a provider other than the one that offered', () => {
    given(offeredHistory())
      .when(decide({ providerId: ids.otherProvider }))
      .thenThrows('DECISION.PROVIDER_MISMATCH');
  });

  it('M-36: refuses a decision while the IRO holds it, and decides once the hold is lifted', () => {
    given([...offeredHistory(), held])
      .when(decide())
      .thenThrows('REQUEST.ON_HOLD');
    given([...offeredHistory(), held, released])
      .when(decide())
      .then([decided()]);
  });

  it('does nothing when the decision is retried; refuses to decide a child again elsewhere', () => {
    given([...offeredHistory(), decided()])
      .when(decide())
      .thenNothing();
    given([...offeredHistory(), decided()])
      .when(decide({ childIds: [ids.child] }))
      .thenNothing();
    given([...offeredHistory(), decided()])
      .when(decide({ settingId: ids.otherSetting, providerId: ids.otherProvider }))
      .thenThrows('DECISION.CHILD_ALREADY_DECIDED');
  });

  it('refuses a decision on a withdrawn request, and a withdrawal or new approval once decided', () => {
    const withdrawn = event<RequestWithdrawn>('RequestWithdrawn', {
      reason: 'Returned home',
      withdrawnAt: AT,
    });
    given([...offeredHistory(), withdrawn])
      .when(decide())
      .thenThrows('REQUEST.WITHDRAWN');
    given([...offeredHistory(), decided()])
      .when(command<WithdrawRequest>('WithdrawRequest', { reason: 'Returned home' }))
      .thenThrows('REQUEST.ALREADY_DECIDED');
    given([...offeredHistory(), decided()])
      .when(askFor('emergency'))
      .thenThrows('REQUEST.ALREADY_DECIDED');
  });

  it('keeps a provider’s late answer after the decision', () => {
    const late = [
      ...offeredHistory(),
      shortlisted(ids.otherSetting, ids.otherProvider),
      referralSent(ids.otherSetting, ids.otherProvider, ids.otherReferral),
      decided(),
    ];
    given(late)
      .when(
        command<RecordProviderResponse>('RecordProviderResponse', {
          referralId: ids.otherReferral,
          response: 'offer',
        }),
      )
      .then([offered(ids.otherSetting, ids.otherProvider, ids.otherReferral)]);
  });

  it('M-35: counts an emergency placement, and needs its approval even when the guards given omit it', () => {
    const emergency = offeredHistory(placementRequested({ purpose: 'emergency', urgency: 'today' }));
    const error = given(emergency).when(decide()).thenThrows('REQUEST.APPROVAL_MISSING');
    expect(error.details).toEqual({ missing: [{ guard: 'emergency', status: 'not-requested' }] });
    given([...emergency, approvalRequested('emergency'), given_('emergency', 'iro')])
      .when(decide())
      .then([decided({ guards: ['emergency'], approvalIds: [ids.approval], emergency: true })]);
  });

  it('M-09: a decision for some of a sibling group needs the separation approval even when matching did not flag it', () => {
    const group = offeredHistory(siblingsRequested());
    given(group)
      .when(decide({ childIds: [ids.child] }))
      .thenThrows('REQUEST.APPROVAL_MISSING');
  });

  it('M-09: places a sibling group apart with one separation approval, then settles when both are decided', () => {
    const history: RequestEvent[] = [
      ...offeredHistory(siblingsRequested()),
      shortlisted(ids.otherSetting, ids.otherProvider),
      referralSent(ids.otherSetting, ids.otherProvider, ids.otherReferral),
      offered(ids.otherSetting, ids.otherProvider, ids.otherReferral),
      approvalRequested('sibling-separation'),
      given_('sibling-separation', 'iro'),
    ];
    const first = decided({ guards: ['sibling-separation'], approvalIds: [ids.approval] });
    given(history)
      .when(decide({ childIds: [ids.child] }))
      .then([first]);
    const second = decided({
      settingId: ids.otherSetting,
      providerId: ids.otherProvider,
      childIds: [ids.sibling],
      howChildViewsWereWeighed: [weighed(ids.sibling)],
      guards: ['sibling-separation'],
      approvalIds: [ids.approval],
      referralId: ids.otherReferral,
    });
    given([...history, first])
      .when(
        decide({
          settingId: ids.otherSetting,
          providerId: ids.otherProvider,
          howChildViewsWereWeighed: [weighed(ids.sibling)],
        }),
      )
      .then([second]);
    expect(
      given([...history, first])
        .when(decide())
        .state().status,
    ).toBe('Open');
    expect(
      given([...history, first, second])
        .when(decide())
        .state().status,
    ).toBe('Decided');
  });

  it('M-09: needs no separation approval when the whole sibling group goes to one setting', () => {
    given(offeredHistory(siblingsRequested()))
      .when(decide({ howChildViewsWereWeighed: [weighed(), weighed(ids.sibling)] }))
      .then([
        decided({
          childIds: [ids.child, ids.sibling],
          howChildViewsWereWeighed: [weighed(), weighed(ids.sibling)],
        }),
      ]);
  });
});

describe('Request: the approval rule table (M-09, M-11, M-12, M-18, M-35)', () => {
  const ruleOf = (guard: GuardKind) => GUARD_RULES[guard].rules.join(', ');

  describe.each(GUARDS.map((g) => [ruleOf(g), g] as const))('%s: the %s guard alone', (_rules, guard) => {
    const { history, decision } = alone(guard);
    const approver = GUARD_RULES[guard].approvers[0];

    it('refuses the decision with 409 REQUEST.APPROVAL_MISSING naming it when never asked for', () => {
      const error = given(history).when(decision).thenThrows('REQUEST.APPROVAL_MISSING');
      expect(error).toBeInstanceOf(ConflictError);
      expect(error.details).toEqual({ missing: [{ guard, ...scope(guard), status: 'not-requested' }] });
    });

    it('refuses it while the approval waits for an answer', () => {
      const error = given([...history, approvalRequested(guard)])
        .when(decision)
        .thenThrows('REQUEST.APPROVAL_MISSING');
      expect(error.details).toEqual({ missing: [{ guard, ...scope(guard), status: 'requested' }] });
    });

    it('refuses it when the approval was refused', () => {
      const error = given([...history, approvalRequested(guard), refused(guard)])
        .when(decision)
        .thenThrows('REQUEST.APPROVAL_MISSING');
      expect(error.details).toEqual({ missing: [{ guard, ...scope(guard), status: 'refused' }] });
    });

    it('decides once the approval is given, recording the guard and the approval relied on', () => {
      const [made] = given([...history, approvalRequested(guard), given_(guard, approver)])
        .when(decision)
        .then([
          decided({
            guards: [guard],
            approvalIds: [ids.approval],
            emergency: guard === 'emergency',
            childIds: [ids.child],
          }),
        ]);
      expect(made.type).toBe('MatchDecided');
    });
  });

  describe('all four guards together', () => {
    const approvalIds = [ids.approval, ids.otherApproval, ids.thirdApproval, ids.fourthApproval];
    const history = offeredHistory(siblingsRequested({ purpose: 'emergency', urgency: 'today' }));
    const requests = GUARDS.map((g, i) => approvalRequested(g, approvalIds[i]));
    const gifts = GUARDS.map((g, i) => given_(g, 'senior-manager', approvalIds[i]));
    // A split of a sibling group (M-09) in an emergency (M-35), out of authority (M-11) with a Year 10/11 school move (M-18).
    const decision = decide({
      childIds: [ids.child],
      guards: ['out-of-authority', 'school-move-year-10-11'],
    });

    it('names every missing approval when none is given', () => {
      const error = given(history).when(decision).thenThrows('REQUEST.APPROVAL_MISSING');
      expect(error.details).toEqual({
        missing: [
          { guard: 'out-of-authority', settingId: ids.setting, status: 'not-requested' },
          { guard: 'sibling-separation', status: 'not-requested' },
          { guard: 'school-move-year-10-11', settingId: ids.setting, status: 'not-requested' },
          { guard: 'emergency', status: 'not-requested' },
        ],
      });
    });

    it.each(GUARDS.map((g, i) => [g, i] as const))('names only %s when it alone is missing', (guard, i) => {
      const others = gifts.filter((_, j) => j !== i);
      const error = given([...history, ...requests, ...others])
        .when(decision)
        .thenThrows('REQUEST.APPROVAL_MISSING');
      expect(error.details).toEqual({ missing: [{ guard, ...scope(guard), status: 'requested' }] });
    });

    it('decides when all four are given, counting the emergency', () => {
      given([...history, ...requests, ...gifts])
        .when(decision)
        .then([
          decided({
            guards: [...GUARDS],
            approvalIds,
            emergency: true,
          }),
        ]);
    });
  });

  it('M-11: an out-of-authority approval for another setting does not count', () => {
    const history = [
      ...offeredHistory(),
      shortlisted(ids.otherSetting, ids.otherProvider),
      approvalRequested('out-of-authority', ids.approval, ids.otherSetting),
      given_('out-of-authority', 'senior-manager', ids.approval, ids.otherSetting),
    ];
    const error = given(history)
      .when(decide({ guards: ['out-of-authority'] }))
      .thenThrows('REQUEST.APPROVAL_MISSING');
    expect(error.details).toEqual({
      missing: [{ guard: 'out-of-authority', settingId: ids.setting, status: 'not-requested' }],
    });
  });

  it('M-35: an emergency approval covers whichever setting is chosen', () => {
    const emergency = placementRequested({ purpose: 'emergency', urgency: 'today' });
    const history = [
      emergency,
      searchRun(),
      shortlisted(ids.otherSetting, ids.otherProvider),
      referralSent(ids.otherSetting, ids.otherProvider),
      offered(ids.otherSetting, ids.otherProvider),
      approvalRequested('emergency'),
      given_('emergency', 'iro'),
    ];
    given(history)
      .when(decide({ settingId: ids.otherSetting, providerId: ids.otherProvider }))
      .then([
        decided({
          settingId: ids.otherSetting,
          providerId: ids.otherProvider,
          guards: ['emergency'],
          approvalIds: [ids.approval],
          emergency: true,
        }),
      ]);
  });

  it('lists the guards that apply in a fixed order, adding the ones the request implies', () => {
    const state = given(offeredHistory(siblingsRequested({ purpose: 'emergency' })))
      .when(decide())
      .state();
    if (state.status !== 'Open') throw new Error('expected an open request');
    expect(applicableGuards(state, [ids.child, ids.sibling], ['school-move-year-10-11'])).toEqual([
      'school-move-year-10-11',
      'emergency',
    ]);
    expect(applicableGuards(state, [ids.sibling], [])).toEqual(['sibling-separation', 'emergency']);
  });

  it('matches the rule table of the seeds: only a senior manager signs off out-of-authority placements', () => {
    expect(GUARD_RULES['out-of-authority'].approvers).toEqual(['senior-manager']);
    expect(GUARD_RULES['out-of-authority'].rules).toEqual(['M-11', 'M-12']);
    expect(GUARD_RULES['sibling-separation'].rules).toEqual(['M-09']);
    expect(GUARD_RULES['school-move-year-10-11'].rules).toEqual(['M-18', 'M-36']);
    expect(GUARD_RULES.emergency.rules).toEqual(['M-35']);
  });
});
