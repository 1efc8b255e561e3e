import { ERASED } from '@placematch/privacy';
import {
  AT,
  approvalRequested,
  event,
  ids,
  offeredHistory,
  placementRequested,
  siblingsRequested,
} from '@placematch/placements/testing';
import type {
  ApprovalGiven,
  HoldPlaced,
  HoldReleased,
  MatchDecided,
  ProviderResponded,
  RequestEvent,
  RequestWithdrawn,
} from '@placematch/placements';
import { approvalsWaiting, evolveRequestSummary, RequestSummary } from './request.summary';

const summarise = (events: RequestEvent[]) =>
  events.reduce<RequestSummary | null>(evolveRequestSummary, null) as RequestSummary;

const decided = (childIds = [ids.child]) =>
  event<MatchDecided>('MatchDecided', {
    settingId: ids.setting,
    providerId: ids.provider,
    childIds,
    reasons: ['Near school'],
    howChildViewsWereWeighed: childIds.map((childId) => ({ childId, how: 'Her wish to stay near school' })),
    guards: ['out-of-authority'],
    approvalIds: [ids.approval],
    referralId: ids.referral,
    emergency: false,
    decidedAt: AT,
  });

describe('the request read model’s summary', () => {
  it('keeps state, urgency, purpose, children, referrals and approvals waiting', () => {
    const s = summarise([...offeredHistory(), approvalRequested('out-of-authority')]);
    expect(s).toMatchObject({
      requestId: ids.request,
      status: 'Open',
      urgency: 'under-5-days',
      purpose: 'short-term',
      childrenCount: 1,
      homeSector: 'NE1 9',
      referrals: [{ referralId: ids.referral, providerId: ids.provider, response: 'offer' }],
      shortlist: [{ settingId: ids.setting }],
    });
    expect(approvalsWaiting(s)).toEqual([
      expect.objectContaining({
        approvalId: ids.approval,
        guard: 'out-of-authority',
        settingId: ids.setting,
      }),
    ]);
    const given = summarise([
      ...offeredHistory(),
      approvalRequested('out-of-authority'),
      event<ApprovalGiven>('ApprovalGiven', {
        approvalId: ids.approval,
        guard: 'out-of-authority',
        settingId: ids.setting,
        role: 'senior-manager',
        givenAt: AT,
      }),
    ]);
    expect(approvalsWaiting(given)).toEqual([]);
    expect(given.approvals[0]).toMatchObject({ status: 'given', role: 'senior-manager' });
  });

  it('follows the hold, the decision and the withdrawal', () => {
    const held = summarise([
      placementRequested(),
      event<HoldPlaced>('HoldPlaced', { reason: 'Review first', placedAt: AT }),
    ]);
    expect(held).toMatchObject({ status: 'OnHold', onHoldSince: AT });
    expect(
      summarise([
        placementRequested(),
        event<HoldPlaced>('HoldPlaced', { reason: 'x', placedAt: AT }),
        event<HoldReleased>('HoldReleased', { releasedAt: AT }),
      ]).status,
    ).toBe('Open');
    expect(summarise([...offeredHistory(), decided()]).status).toBe('Decided');
    expect(summarise([...offeredHistory(siblingsRequested()), decided()]).status).toBe('Open');
    expect(
      summarise([
        placementRequested(),
        event<RequestWithdrawn>('RequestWithdrawn', { reason: 'x', withdrawnAt: AT }),
      ]),
    ).toMatchObject({ status: 'Withdrawn', withdrawnAt: AT });
  });

  it('keeps no personal data: no wishes, views, cultural details or how views were weighed', () => {
    const s = summarise([
      ...offeredHistory(siblingsRequested()),
      approvalRequested('sibling-separation'),
      decided([ids.child]),
    ]);
    const text = JSON.stringify(s);
    for (const personal of [
      'Wants to stay',
      'church',
      'would like to live',
      'Wants to see',
      'Her wish',
      'Near school',
    ]) {
      expect(text.toLowerCase()).not.toContain(personal.toLowerCase());
    }
  });

  it('folds the same after an erasure, when personal fields read as erased markers', () => {
    const requested = placementRequested();
    const erased = {
      ...requested,
      data: {
        ...requested.data,
        children: requested.data.children.map((c) => ({
          ...c,
          wishesAndFeelings: { ...c.wishesAndFeelings, summary: ERASED as unknown as string },
          culturalNeeds: { ...c.culturalNeeds, details: ERASED as unknown as string[] },
        })),
      },
    };
    const declined = event<ProviderResponded>('ProviderResponded', {
      referralId: ids.referral,
      settingId: ids.setting,
      providerId: ids.provider,
      respondedAt: AT,
      response: 'decline',
      reason: 'No room',
    });
    const [, ...rest] = offeredHistory();
    expect(summarise([erased, ...rest, declined])).toEqual(summarise([requested, ...rest, declined]));
  });
});
