import request from 'supertest';
import { AppHarness, startApp, tokenFor } from '../support/app-harness';
import {
  auth,
  bornInYearGroup,
  daysAgo,
  LA,
  recordChild,
  requestBody,
  requestedChild,
  teamOf,
} from '../support/placements-fixtures';
import { approvedHousehold, fosterTerms, openVacancy, providerWithKey } from '../support/supply-fixtures';

/** The guards other than out-of-authority (which the journey covers), each through the API. */
describe('approval guards through the API: M-35 emergency, M-09 sibling separation, M-18 Year 10/11 school move', () => {
  let h: AppHarness;
  let team: Awaited<ReturnType<typeof teamOf>>;
  let operator: string;
  let provider: Awaited<ReturnType<typeof providerWithKey>>;

  const post = (url: string, token = team.officer) => request(h.http).post(url).set(auth(token));

  beforeEach(async () => {
    h = await startApp('postgres');
    team = await teamOf(LA);
    operator = await tokenFor('operator');
    provider = await providerWithKey(h.http, operator, 'Test Fostering Approvals Ltd', 'SC999701');
  });
  afterEach(() => h.close());

  /** Search, shortlist `settings`, refer each and have the provider offer; returns nothing. */
  const offered = async (requestId: string, settings: string[], search: object = {}) => {
    const found = await post(`/api/requests/${requestId}/searches`).send(search).expect(201);
    await post(`/api/requests/${requestId}/shortlist`)
      .send({ searchId: found.body.searchId, settingIds: settings })
      .expect(200);
    for (const settingId of settings) {
      const res = await post(`/api/requests/${requestId}/referrals`).send({ settingId }).expect(201);
      await h.settled();
      await request(h.http)
        .post(`/api/provider/referrals/${res.body.referrals.at(-1).referralId}/response`)
        .set('X-Api-Key', provider.key)
        .send({ response: 'offer' })
        .expect(200);
    }
    return found.body;
  };

  it('M-35: an emergency placement is decided only with its reason approved, and is counted', async () => {
    const setting = await approvedHousehold(h.http, provider.key, {
      name: 'Household Q',
      postcode: 'NE2 1XX',
    });
    await openVacancy(h.http, provider.key, setting);
    const childId = await recordChild(h.http, team.officer);
    const req = await post('/api/requests')
      .send(requestBody([requestedChild(childId)], { purpose: 'emergency', urgency: 'today' }))
      .expect(201);
    const requestId = req.body.requestId;
    expect(req.body.emergency).toBe(true);
    const found = await offered(requestId, [setting]);
    expect(found.results[0].guards.map((g: { guard: string }) => g.guard)).toEqual(['emergency']);
    const decide = {
      settingId: setting,
      reasons: ['The only home free tonight'],
      howChildViewsWereWeighed: [{ childId, how: 'She was told and agreed to go for now' }],
    };
    const missing = await post(`/api/requests/${requestId}/decision`).send(decide).expect(409);
    expect(missing.body).toMatchObject({
      code: 'REQUEST.APPROVAL_MISSING',
      details: { missing: [{ guard: 'emergency', status: 'not-requested' }] },
    });
    expect(missing.body.message).toContain('emergency (M-35)');
    const asked = await post(`/api/requests/${requestId}/approvals`)
      .send({ guard: 'emergency', reason: 'The family home broke down tonight' })
      .expect(201);
    const approvalId = asked.body.approvalsWaiting[0].approvalId;
    const refused = await post(`/api/requests/${requestId}/approvals/${approvalId}/refuse`, team.iro)
      .send({ reason: 'Try the connected carers first' })
      .expect(200);
    expect(refused.body.approvals[0].status).toBe('refused');
    const stillMissing = await post(`/api/requests/${requestId}/decision`).send(decide).expect(409);
    expect(stillMissing.body.details.missing[0].status).toBe('refused');
    const again = await post(`/api/requests/${requestId}/approvals`)
      .send({ guard: 'emergency', reason: 'No connected carer can take her tonight' })
      .expect(201);
    const second = again.body.approvalsWaiting[0].approvalId;
    await post(`/api/requests/${requestId}/approvals/${second}/give`, team.iro).send({}).expect(200);
    const decided = await post(`/api/requests/${requestId}/decision`).send(decide).expect(200);
    expect(decided.body.decisions[0]).toMatchObject({
      emergency: true,
      guards: ['emergency'],
      approvalIds: [second],
    });
  });

  it('M-09: a sibling group no one setting can take is split only with each child’s views and the implications assessed', async () => {
    const single = { ...fosterTerms, maxChildren: 1, maxFromOneSiblingGroup: 1 };
    const one = await approvedHousehold(h.http, provider.key, {
      name: 'H1',
      postcode: 'NE2 1XX',
      terms: single,
    });
    const two = await approvedHousehold(h.http, provider.key, {
      name: 'H2',
      postcode: 'NE3 1XX',
      terms: single,
    });
    await openVacancy(h.http, provider.key, one);
    await openVacancy(h.http, provider.key, two);
    const older = await recordChild(h.http, team.officer);
    const younger = await recordChild(h.http, team.officer, {
      name: { given: 'Sibling', family: 'Testchild' },
      dateOfBirth: '2018-03-01',
    });
    const req = await post('/api/requests')
      .send(requestBody([requestedChild(older), requestedChild(younger)]))
      .expect(201);
    const requestId = req.body.requestId;
    expect(req.body.siblingsToPlaceWith).toBe(1);
    const found = await offered(requestId, [one, two]);
    expect(found.results).toEqual([]);
    expect(found.splits.length).toBeGreaterThan(0);
    const view = await request(h.http).get(`/api/requests/${requestId}`).set(auth(team.officer)).expect(200);
    expect(
      view.body.searches[0].top.every((t: { guards: string[] }) => t.guards.includes('sibling-separation')),
    ).toBe(true);
    const decide = (settingId: string, childId: string) => ({
      settingId,
      childIds: [childId],
      reasons: ['Two homes a mile apart; weekly contact'],
      howChildViewsWereWeighed: [{ childId, how: 'Both want to see each other every week' }],
    });
    const missing = await post(`/api/requests/${requestId}/decision`).send(decide(one, older)).expect(409);
    expect(missing.body.details.missing).toEqual([{ guard: 'sibling-separation', status: 'not-requested' }]);
    expect(missing.body.message).toContain('sibling-separation (M-09)');
    const partial = await post(`/api/requests/${requestId}/approvals`)
      .send({
        guard: 'sibling-separation',
        childViews: [
          { childId: older, views: 'Synthetic: wants to stay with her brother' },
          { childId: older, views: 'Synthetic: again' },
        ],
        implications: 'Synthetic',
        contactPlan: 'Synthetic',
      })
      .expect(400);
    expect(partial.body.code).toBe('APPROVAL.CHILD_VIEWS_MISSING');
    const asked = await post(`/api/requests/${requestId}/approvals`)
      .send({
        guard: 'sibling-separation',
        childViews: [
          { childId: older, views: 'Synthetic: wants to stay with her brother' },
          { childId: younger, views: 'Synthetic: wants his sister nearby' },
        ],
        implications: 'Synthetic: they will be a mile apart and at the same school',
        contactPlan: 'Synthetic: weekly tea together and every other weekend',
      })
      .expect(201);
    await post(
      `/api/requests/${requestId}/approvals/${asked.body.approvalsWaiting[0].approvalId}/give`,
      team.senior,
    )
      .send({})
      .expect(200);
    const first = await post(`/api/requests/${requestId}/decision`).send(decide(one, older)).expect(200);
    expect(first.body).toMatchObject({ status: 'Open', undecidedChildIds: [younger] });
    const both = await post(`/api/requests/${requestId}/decision`).send(decide(two, younger)).expect(200);
    expect(both.body.status).toBe('Decided');
    expect(both.body.decisions.map((d: { guards: string[] }) => d.guards)).toEqual([
      ['sibling-separation'],
      ['sibling-separation'],
    ]);
    for (const childId of [older, younger]) {
      await post('/api/placements')
        .send({ requestId, childId, startedOn: daysAgo(0), reasonNewEpisode: 'S' })
        .expect(201);
    }
  });

  it('M-18: a school move in Year 10 or 11 is decided only after a review and with exceptional circumstances', async () => {
    // In the authority by its boundary, but its postcode is 30 miles from the school.
    const far = await approvedHousehold(h.http, provider.key, { name: 'H far', postcode: 'TS1 9ZZ' });
    await openVacancy(h.http, provider.key, far);
    const childId = await recordChild(h.http, team.officer, { dateOfBirth: bornInYearGroup(10) });
    const req = await post('/api/requests')
      .send(requestBody([requestedChild(childId)]))
      .expect(201);
    const requestId = req.body.requestId;
    const found = await offered(requestId, [far]);
    expect(found.results[0].guards.map((g: { guard: string }) => g.guard)).toEqual([
      'school-move-year-10-11',
    ]);
    const decide = {
      settingId: far,
      reasons: ['A specialist home; transport to school arranged for now'],
      howChildViewsWereWeighed: [{ childId, how: 'He wants to finish his GCSEs where he is' }],
    };
    const missing = await post(`/api/requests/${requestId}/decision`).send(decide).expect(409);
    expect(missing.body.details.missing).toEqual([
      { guard: 'school-move-year-10-11', settingId: far, status: 'not-requested' },
    ]);
    expect(missing.body.message).toContain('school-move-year-10-11 (M-18, M-36)');
    const future = await post(`/api/requests/${requestId}/approvals`)
      .send({
        guard: 'school-move-year-10-11',
        settingId: far,
        reviewedOn: daysAgo(-3),
        exceptionalCircumstances: 'Synthetic',
      })
      .expect(400);
    expect(future.body.code).toBe('APPROVAL.REVIEW_IN_FUTURE');
    const asked = await post(`/api/requests/${requestId}/approvals`)
      .send({
        guard: 'school-move-year-10-11',
        settingId: far,
        reviewedOn: daysAgo(1),
        exceptionalCircumstances: 'Synthetic: no home within reach of the school can meet his needs',
      })
      .expect(201);
    await post(
      `/api/requests/${requestId}/approvals/${asked.body.approvalsWaiting[0].approvalId}/give`,
      team.iro,
    )
      .send({ note: 'Reviewed at the statutory review' })
      .expect(200);
    const decided = await post(`/api/requests/${requestId}/decision`).send(decide).expect(200);
    expect(decided.body.decisions[0].guards).toEqual(['school-move-year-10-11']);
  });
});
