import request from 'supertest';
import { nationalCurriculumYear } from '@placematch/placements';
import { AppHarness, startApp, tokenFor } from '../support/app-harness';
import {
  auth,
  childBody,
  daysAgo,
  LA,
  recordChild,
  requestBody,
  requestedChild,
  stressDay,
  SYNTHETIC_FAMILY_NAME,
  teamOf,
} from '../support/placements-fixtures';
import { approvedHousehold, openVacancy, providerWithKey } from '../support/supply-fixtures';

describe('placement team: request -> search -> referral -> offer -> approvals -> decision -> placement -> end, on PostgreSQL', () => {
  let h: AppHarness;
  let team: Awaited<ReturnType<typeof teamOf>>;
  let provider: Awaited<ReturnType<typeof providerWithKey>>;
  let near: string;
  let far: string;
  let childId: string;
  let requestId: string;
  let searchId: string;
  let nearReferral: string;
  let farReferral: string;
  let approvalId: string;
  let placementId: string;

  const as = (token: string) => ({
    get: (url: string) => request(h.http).get(url).set(auth(token)),
    post: (url: string) => request(h.http).post(url).set(auth(token)),
    patch: (url: string) => request(h.http).patch(url).set(auth(token)),
  });
  const officer = () => as(team.officer);
  const asProvider = {
    get: (url: string) => request(h.http).get(url).set('X-Api-Key', provider.key),
    post: (url: string) => request(h.http).post(url).set('X-Api-Key', provider.key),
  };
  const filledPlaces = async (settingId: string) =>
    (await asProvider.get(`/api/settings/${settingId}`).expect(200)).body.filledPlaces as number;

  beforeAll(async () => {
    h = await startApp('postgres');
    team = await teamOf(LA);
    const operator = await tokenFor('operator');
    provider = await providerWithKey(h.http, operator, 'Test Fostering Journey Ltd', 'SC999301');
    near = await approvedHousehold(h.http, provider.key, { name: 'Household Near', postcode: 'NE2 1XX' });
    far = await approvedHousehold(h.http, provider.key, {
      name: 'Household Far',
      postcode: 'TS1 9ZZ',
      la: 'E06000002',
    });
    await openVacancy(h.http, provider.key, near);
    await openVacancy(h.http, provider.key, far);
  });
  afterAll(() => h.close());

  it('records a child: personal fields shown to the team, coarse values derived (age, year group, sectors)', async () => {
    childId = await recordChild(h.http, team.officer);
    const res = await officer().get(`/api/children/${childId}`).expect(200);
    expect(res.body).toMatchObject({
      status: 'Recorded',
      localAuthority: LA,
      name: { given: 'Test Child', family: SYNTHETIC_FAMILY_NAME },
      homePostcode: 'NE4 5XX',
      coarse: { homeSector: 'NE4 5', schoolSector: 'NE6 5', yearGroup: yearGroupToday },
    });
    expect(res.body.coarse.ageMonths).toBeGreaterThan(130);
  });

  it('answers 400 naming a malformed or unknown postcode, and records nothing', async () => {
    const malformed = await officer()
      .post('/api/children')
      .send(childBody({ homePostcode: 'nowhere' }))
      .expect(400);
    expect(malformed.body.details.fields.map((f: { field: string }) => f.field)).toContain('homePostcode');
    const unknown = await officer()
      .post('/api/children')
      .send(childBody({ school: { name: 'Test School', postcode: 'YY9 9AA' } }))
      .expect(400);
    expect(unknown.body).toMatchObject({
      code: 'POSTCODE.UNKNOWN',
      details: { field: 'school.postcode' },
    });
    await h.settled();
    const list = await officer().get('/api/children').expect(200);
    expect(list.body.map((c: { childId: string }) => c.childId)).toEqual([childId]);
  });

  it('records the child’s wishes and feelings (M-01) and changes details, deriving coarse values again', async () => {
    await officer()
      .post(`/api/children/${childId}/wishes-and-feelings`)
      .send({ summary: 'Synthetic: wants to keep her school', recordedOn: daysAgo(1) })
      .expect(201);
    const res = await officer()
      .patch(`/api/children/${childId}`)
      .send({ legalStatus: 'C1', school: { name: 'Test Primary School', postcode: 'NE6 5XX' } })
      .expect(200);
    expect(res.body.legalStatus).toBe('C1');
    expect(res.body.wishesAndFeelings).toHaveLength(1);
    expect(res.body.wishesAndFeelings[0].recordedBy).toBe(`officer-${LA}`);
  });

  it('raises a request with every Placements Standard field; the list shows state, children, urgency, purpose', async () => {
    const res = await officer()
      .post('/api/requests')
      .send(requestBody([requestedChild(childId, { risks: { ...requestedChild(childId).risks } })]))
      .expect(201);
    requestId = res.body.requestId;
    expect(res.body).toMatchObject({
      status: 'Open',
      localAuthority: LA,
      purpose: 'short-term',
      urgency: 'over-5-days',
      emergency: false,
      siblingsToPlaceWith: 0,
      home: { postcodeSector: 'NE4 5' },
      children: [{ childId, school: { postcodeSector: 'NE6 5' } }],
    });
    expect(res.body.home.gridReference.easting % 1000).toBe(0);
    await h.settled();
    const list = await officer().get('/api/requests').expect(200);
    expect(list.body).toEqual([
      expect.objectContaining({
        requestId,
        status: 'Open',
        childrenCount: 1,
        urgency: 'over-5-days',
        purpose: 'short-term',
        approvalsWaiting: [],
      }),
    ]);
  });

  it('searches, and records the ranked, explained result with the policy version as evidence (M-04, M-11)', async () => {
    const res = await officer().post(`/api/requests/${requestId}/searches`).send({}).expect(201);
    searchId = res.body.searchId;
    expect(res.body.policyVersion).toBe('placematch-default@1');
    expect(res.body.results.map((r: { settingId: string }) => r.settingId)).toEqual([near, far]);
    const [first, second] = res.body.results;
    expect(first.guards).toEqual([]);
    expect(second.guards.map((g: { guard: string }) => g.guard)).toEqual(['out-of-authority']);
    const view = await officer().get(`/api/requests/${requestId}`).expect(200);
    expect(view.body.searches).toEqual([
      expect.objectContaining({
        searchId,
        policyVersion: 'placematch-default@1',
        resultCount: 2,
        top: [
          expect.objectContaining({ settingId: near, guards: [] }),
          expect.objectContaining({ settingId: far, guards: ['out-of-authority'] }),
        ],
      }),
    ]);
    const evidence = await officer().get(`/api/requests/${requestId}/searches/${searchId}`).expect(200);
    expect(evidence.body.results.results[0].factors.length).toBeGreaterThan(5);
  });

  it('shortlists from the search and refers to the provider; the provider sees its referrals without personal data', async () => {
    await officer()
      .post(`/api/requests/${requestId}/shortlist`)
      .send({ searchId, settingIds: [near, far] })
      .expect(200);
    const a = await officer()
      .post(`/api/requests/${requestId}/referrals`)
      .send({ settingId: near })
      .expect(201);
    nearReferral = a.body.referrals.at(-1).referralId;
    const b = await officer()
      .post(`/api/requests/${requestId}/referrals`)
      .send({ settingId: far })
      .expect(201);
    farReferral = b.body.referrals.at(-1).referralId;
    await h.settled();
    const res = await asProvider.get('/api/provider/referrals').expect(200);
    expect(res.body.map((r: { referralId: string }) => r.referralId).sort()).toEqual(
      [nearReferral, farReferral].sort(),
    );
    expect(res.body[0]).toMatchObject({
      requestId,
      request: { urgency: 'over-5-days', purpose: 'short-term', childrenCount: 1 },
      children: [{ childId, gender: '2', yearGroup: yearGroupToday }],
    });
    expect(JSON.stringify(res.body)).not.toContain(SYNTHETIC_FAMILY_NAME);
  });

  it('records the provider’s answers: a decline with its reason, and an offer', async () => {
    await asProvider
      .post(`/api/provider/referrals/${nearReferral}/response`)
      .send({ response: 'decline' })
      .expect(400);
    const declined = await asProvider
      .post(`/api/provider/referrals/${nearReferral}/response`)
      .send({ response: 'decline', reason: 'Carers are away that month' })
      .expect(200);
    expect(declined.body).toMatchObject({ response: 'decline', declineReason: 'Carers are away that month' });
    await asProvider
      .post(`/api/provider/referrals/${farReferral}/response`)
      .send({ response: 'offer' })
      .expect(200);
    const view = await officer().get(`/api/requests/${requestId}`).expect(200);
    expect(
      view.body.referrals.find((r: { referralId: string }) => r.referralId === farReferral).answer,
    ).toMatchObject({ response: 'offer' });
  });

  const decision = () => ({
    settingId: far,
    reasons: ['The only home offered; specialist carers'],
    howChildViewsWereWeighed: [{ childId, how: 'She wants to stay near school; the carers will drive her' }],
  });

  it('M-11, M-12: refuses an out-of-authority decision without senior sign-off (409 naming the approval)', async () => {
    const res = await officer().post(`/api/requests/${requestId}/decision`).send(decision()).expect(409);
    expect(res.body.code).toBe('REQUEST.APPROVAL_MISSING');
    expect(res.body.message).toContain('out-of-authority (M-11, M-12)');
    expect(res.body.details.missing).toEqual([
      { guard: 'out-of-authority', settingId: far, status: 'not-requested' },
    ]);
  });

  it('M-11, M-12: asks for the approval with a best-interests reason; an IRO may not give it, a senior manager does', async () => {
    const asked = await officer()
      .post(`/api/requests/${requestId}/approvals`)
      .send({ guard: 'out-of-authority', settingId: far })
      .expect(400);
    expect(asked.body.details.fields.map((f: { field: string }) => f.field)).toContain('bestInterestsReason');
    const res = await officer()
      .post(`/api/requests/${requestId}/approvals`)
      .send({ guard: 'out-of-authority', settingId: far, bestInterestsReason: 'No local home can take her' })
      .expect(201);
    approvalId = res.body.approvalsWaiting[0].approvalId;
    await h.settled();
    const list = await officer().get('/api/requests').expect(200);
    expect(list.body[0].approvalsWaiting).toEqual([
      { approvalId, guard: 'out-of-authority', settingId: far },
    ]);
    const waiting = await officer().post(`/api/requests/${requestId}/decision`).send(decision()).expect(409);
    expect(waiting.body.details.missing[0].status).toBe('requested');
    await officer().post(`/api/requests/${requestId}/approvals/${approvalId}/give`).send({}).expect(403);
    const iro = await as(team.iro)
      .post(`/api/requests/${requestId}/approvals/${approvalId}/give`)
      .send({})
      .expect(403);
    expect(iro.body.code).toBe('APPROVAL.ROLE_NOT_ALLOWED');
    const given = await as(team.senior)
      .post(`/api/requests/${requestId}/approvals/${approvalId}/give`)
      .send({ note: 'Agreed at placements panel' })
      .expect(200);
    expect(given.body.approvals[0]).toMatchObject({ status: 'given', role: 'senior-manager' });
  });

  it('M-36: only the IRO holds a decision; while held it is refused, and released it goes on', async () => {
    await officer().post(`/api/requests/${requestId}/hold`).send({ reason: 'x' }).expect(403);
    await as(team.iro)
      .post(`/api/requests/${requestId}/hold`)
      .send({ reason: 'Review the plan first' })
      .expect(200);
    const held = await officer().post(`/api/requests/${requestId}/decision`).send(decision()).expect(409);
    expect(held.body.code).toBe('REQUEST.ON_HOLD');
    await as(team.iro).post(`/api/requests/${requestId}/hold/release`).send({}).expect(200);
  });

  it('M-01: decides the match with the reasons and how the child’s views were weighed', async () => {
    const noViews = await officer()
      .post(`/api/requests/${requestId}/decision`)
      .send({ ...decision(), howChildViewsWereWeighed: [] })
      .expect(400);
    expect(noViews.body.details.fields.map((f: { field: string }) => f.field)).toContain(
      'howChildViewsWereWeighed',
    );
    const res = await officer().post(`/api/requests/${requestId}/decision`).send(decision()).expect(200);
    expect(res.body.status).toBe('Decided');
    expect(res.body.decisions).toEqual([
      expect.objectContaining({
        settingId: far,
        childIds: [childId],
        guards: ['out-of-authority'],
        approvalIds: [approvalId],
        referralId: farReferral,
        emergency: false,
        howChildViewsWereWeighed: [{ childId, how: expect.stringContaining('near school') }],
      }),
    ]);
  });

  it('starts the placement: fills the vacancy, records SSDA903 PLACE, PLACE_PROVIDER, URN, sectors and the DfE distance', async () => {
    expect(await filledPlaces(far)).toBe(0);
    const res = await officer()
      .post('/api/placements')
      .send({ requestId, childId, startedOn: daysAgo(14), reasonNewEpisode: 'S' })
      .expect(201);
    placementId = res.body.placementId;
    expect(res.body).toMatchObject({
      status: 'Active',
      childId,
      requestId,
      settingId: far,
      providerId: provider.providerId,
      localAuthority: LA,
      placementType: 'U6',
      placeProvider: 'PR4',
      urn: 'SC999301',
      homeSector: 'NE4 5',
      placementSector: 'TS1 9',
      inAuthority: false,
      legalStatus: 'C1',
    });
    expect(res.body.distanceMiles).toBeGreaterThan(20);
    expect(await filledPlaces(far)).toBe(1);
    const again = await officer()
      .post('/api/placements')
      .send({ requestId, childId, startedOn: daysAgo(14), reasonNewEpisode: 'S' })
      .expect(201);
    expect(again.body.revision).toBe(res.body.revision);
    expect(await filledPlaces(far)).toBe(1);
    await h.settled();
    const list = await officer().get(`/api/placements?childId=${childId}`).expect(200);
    expect(list.body).toEqual([
      expect.objectContaining({ placementId, status: 'Active', placementType: 'U6' }),
    ]);
    const mine = await asProvider.get('/api/provider/placements').expect(200);
    expect(mine.body).toEqual([expect.objectContaining({ placementId, settingId: far, status: 'Active' })]);
  });

  it('M-40: a day of 5 stressful behaviours raises nothing; a day of 6 raises a disruption risk and a support task, never a move', async () => {
    const calm = await asProvider
      .post(`/api/placements/${placementId}/stress-reports`)
      .send({ days: [stressDay(daysAgo(3), 5)] })
      .expect(201);
    expect(calm.body.riskDays).toEqual([]);
    expect(calm.body).not.toHaveProperty('reviews');
    const risky = await asProvider
      .post(`/api/placements/${placementId}/stress-reports`)
      .send({ days: [stressDay(daysAgo(2), 6), stressDay(daysAgo(1), 2)] })
      .expect(201);
    expect(risky.body.riskDays).toEqual([daysAgo(2)]);
    expect(risky.body.openSupportTasks).toHaveLength(1);
    const view = await officer().get(`/api/placements/${placementId}`).expect(200);
    expect(view.body.status).toBe('Active');
    expect(view.body.openTasks).toEqual([expect.objectContaining({ kind: 'support', status: 'open' })]);
    await h.settled();
    const list = await officer().get(`/api/placements?childId=${childId}`).expect(200);
    expect(list.body[0].disruptionRisks).toEqual([
      expect.objectContaining({ day: daysAgo(2), count: 6, threshold: 5 }),
    ]);
  });

  it('answers 400 for a stress report with a day in the future, and files nothing', async () => {
    const before = (await officer().get(`/api/placements/${placementId}`).expect(200)).body.revision;
    const future = londonTomorrow();
    const res = await asProvider
      .post(`/api/placements/${placementId}/stress-reports`)
      .send({ days: [stressDay(future, 1)] })
      .expect(400);
    expect(res.body.code).toBe('STRESS_REPORT.DAY_IN_FUTURE');
    expect((await officer().get(`/api/placements/${placementId}`).expect(200)).body.revision).toBe(before);
  });

  it('records the support offered (closing the task), a review, a missing episode and a T2 move, which is not a new placement', async () => {
    const placement = (await officer().get(`/api/placements/${placementId}`).expect(200)).body;
    const taskId = placement.openTasks[0].taskId;
    const supported = await officer()
      .post(`/api/placements/${placementId}/support`)
      .send({ taskId, support: 'KEEP group place and a visit', offeredOn: daysAgo(1) })
      .expect(201);
    expect(supported.body.openTasks).toEqual([]);
    await as(team.iro)
      .post(`/api/placements/${placementId}/reviews`)
      .send({ kind: 'statutory', reviewedOn: daysAgo(1), summary: 'Synthetic review: settling well' })
      .expect(201);
    await officer()
      .post(`/api/placements/${placementId}/missing-episodes`)
      .send({ kind: 'A', from: daysAgo(5), to: daysAgo(5), returnedOn: daysAgo(5) })
      .expect(201);
    const moved = await officer()
      .post(`/api/placements/${placementId}/temporary-moves`)
      .send({ code: 'T2', from: daysAgo(4), to: daysAgo(3) })
      .expect(201);
    expect(moved.body).toMatchObject({
      status: 'Active',
      temporaryMoves: [expect.objectContaining({ code: 'T2' })],
    });
    await h.settled();
    const list = await officer().get(`/api/placements?childId=${childId}`).expect(200);
    expect(list.body).toHaveLength(1);
  });

  it('records a child once for an Idempotency-Key: a retry answers the same child; another body under it is 409', async () => {
    const body = childBody({ name: { given: 'Retried', family: 'Testchild' } });
    const first = await officer()
      .post('/api/children')
      .set('Idempotency-Key', 'child-1')
      .send(body)
      .expect(201);
    const retry = await officer()
      .post('/api/children')
      .set('Idempotency-Key', 'child-1')
      .send(body)
      .expect(201);
    expect(retry.body).toEqual(first.body);
    const reused = await officer()
      .post('/api/children')
      .set('Idempotency-Key', 'child-1')
      .send(childBody({ name: { given: 'Other', family: 'Testchild' } }))
      .expect(409);
    expect(reused.body.code).toBe('CHILD.ALREADY_RECORDED');
  });

  it('withdraws a request no longer needed; the list shows it withdrawn and it takes nothing more', async () => {
    const child = await recordChild(h.http, team.officer, {
      name: { given: 'Withdrawn', family: 'Testchild' },
    });
    const req = await officer()
      .post('/api/requests')
      .send(requestBody([requestedChild(child)]))
      .expect(201);
    const id = req.body.requestId;
    const res = await officer()
      .post(`/api/requests/${id}/withdraw`)
      .send({ reason: 'Returned home to parents' })
      .expect(200);
    expect(res.body).toMatchObject({
      status: 'Withdrawn',
      withdrawal: { reason: 'Returned home to parents' },
    });
    const refused = await officer().post(`/api/requests/${id}/searches`).send({}).expect(409);
    expect(refused.body.code).toBe('REQUEST.WITHDRAWN');
    await h.settled();
    const list = await officer().get('/api/requests?status=Withdrawn').expect(200);
    expect(list.body.map((r: { requestId: string }) => r.requestId)).toEqual([id]);
  });

  it('ends the placement with SSDA903 REC and REASON_PLACE_CHANGE, and gives the place back', async () => {
    const bad = await officer()
      .post(`/api/placements/${placementId}/end`)
      .send({ endedOn: daysAgo(0), rec: 'X1', disrupted: true })
      .expect(400);
    expect(bad.body.code).toBe('PLACEMENT.REASON_PLACE_CHANGE_REQUIRED');
    const res = await officer()
      .post(`/api/placements/${placementId}/end`)
      .send({ endedOn: daysAgo(0), rec: 'X1', reasonPlaceChange: 'CREQB', disrupted: true })
      .expect(200);
    expect(res.body).toMatchObject({
      status: 'Ended',
      ending: { rec: 'X1', reasonPlaceChange: 'CREQB', disrupted: true },
    });
    expect(await filledPlaces(far)).toBe(0);
    await h.settled();
    const list = await officer().get(`/api/placements?childId=${childId}`).expect(200);
    expect(list.body[0]).toMatchObject({
      status: 'Ended',
      ending: { rec: 'X1', reasonPlaceChange: 'CREQB' },
    });
  });
});

const londonTomorrow = () => daysAgo(-1);
const yearGroupToday = nationalCurriculumYear(childBody().dateOfBirth, daysAgo(0));
