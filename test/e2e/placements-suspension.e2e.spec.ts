import request from 'supertest';
import { AdmissionsSuspensionReactor } from '@app/placements-api';
import { SQL_CLIENT, SqlClient } from '@placematch/sql';
import { AppHarness, startApp, tokenFor } from '../support/app-harness';
import {
  auth,
  daysAgo,
  LA,
  placeAChild,
  recordChild,
  requestBody,
  requestedChild,
  stressDay,
  teamOf,
} from '../support/placements-fixtures';
import { approvedHousehold, fosterTerms, openVacancy, providerWithKey } from '../support/supply-fixtures';

interface Task {
  taskId: string;
  kind: string;
  status: string;
  trigger?: string;
  reason?: string;
  outcome?: string;
}

describe('M-48: a provider’s admissions suspended raises a risk assessment for each child placed there, on PostgreSQL', () => {
  let h: AppHarness;
  let team: Awaited<ReturnType<typeof teamOf>>;
  let operator: string;
  let a: Awaited<ReturnType<typeof providerWithKey>>;
  let b: Awaited<ReturnType<typeof providerWithKey>>;
  let settingA: string;
  let settingB: string;
  let first: Awaited<ReturnType<typeof placeAChild>>;
  let second: Awaited<ReturnType<typeof placeAChild>>;
  let elsewhere: Awaited<ReturnType<typeof placeAChild>>;
  let decidedNotStarted: { requestId: string; childId: string };

  const get = (url: string) => request(h.http).get(url).set(auth(team.officer));
  const post = (url: string, token = team.officer) => request(h.http).post(url).set(auth(token));
  const riskTasks = async (placementId: string): Promise<Task[]> =>
    (await get(`/api/placements/${placementId}`).expect(200)).body.tasks.filter(
      (t: Task) => t.kind === 'risk-assessment',
    );
  const reacted = async () => {
    await h.app.get(AdmissionsSuspensionReactor).settled();
    await h.settled();
  };
  const suspend = (providerId: string, reason: string) =>
    post(`/api/providers/${providerId}/admissions/suspend`, operator).send({ reason }).expect(200);
  const filled = async (key: string, settingId: string) =>
    (await request(h.http).get(`/api/settings/${settingId}`).set('X-Api-Key', key).expect(200)).body
      .filledPlaces as number;

  beforeAll(async () => {
    h = await startApp('postgres');
    team = await teamOf(LA);
    operator = await tokenFor('operator');
    a = await providerWithKey(h.http, operator, 'Test Fostering Suspended Ltd', 'SC999501');
    b = await providerWithKey(h.http, operator, 'Test Fostering Other Ltd', 'SC999502');
    settingA = await approvedHousehold(h.http, a.key, {
      name: 'Household A',
      postcode: 'NE2 1XX',
      terms: { ...fosterTerms, maxChildren: 3, maxFromOneSiblingGroup: 3 },
    });
    settingB = await approvedHousehold(h.http, b.key, { name: 'Household B', postcode: 'NE3 1XX' });
    await openVacancy(h.http, a.key, settingA, 3);
    await openVacancy(h.http, b.key, settingB, 1);
    first = await placeAChild(h, team, a, settingA);
    second = await placeAChild(h, team, a, settingA, { name: { given: 'Second', family: 'Testchild' } });
    elsewhere = await placeAChild(h, team, b, settingB, { name: { given: 'Third', family: 'Testchild' } });
    decidedNotStarted = await decideOnly(settingA);
  });
  afterAll(() => h.close());

  /** A request decided for settingA whose placement has not started. */
  const decideOnly = async (settingId: string) => {
    const childId = await recordChild(h.http, team.officer, {
      name: { given: 'Fourth', family: 'Testchild' },
    });
    const req = await post('/api/requests')
      .send(requestBody([requestedChild(childId)]))
      .expect(201);
    const requestId = req.body.requestId as string;
    const search = await post(`/api/requests/${requestId}/searches`).send({}).expect(201);
    await post(`/api/requests/${requestId}/shortlist`)
      .send({ searchId: search.body.searchId, settingIds: [settingId] })
      .expect(200);
    const referred = await post(`/api/requests/${requestId}/referrals`).send({ settingId }).expect(201);
    await h.settled();
    await request(h.http)
      .post(`/api/provider/referrals/${referred.body.referrals[0].referralId}/response`)
      .set('X-Api-Key', a.key)
      .send({ response: 'offer' })
      .expect(200);
    await post(`/api/requests/${requestId}/decision`)
      .send({ settingId, reasons: ['Near home'], howChildViewsWereWeighed: [{ childId, how: 'She agreed' }] })
      .expect(200);
    return { requestId, childId };
  };

  it('M-48: opens one risk-assessment task on each placement at the suspended provider, and moves no one', async () => {
    await suspend(a.providerId, 'Synthetic: Ofsted suspended admissions after an inspection');
    await reacted();
    for (const placed of [first, second]) {
      const tasks = await riskTasks(placed.placementId);
      expect(tasks).toEqual([
        expect.objectContaining({
          kind: 'risk-assessment',
          status: 'open',
          trigger: 'admissions-suspended',
          reason: 'Synthetic: Ofsted suspended admissions after an inspection',
        }),
      ]);
      const placement = await get(`/api/placements/${placed.placementId}`).expect(200);
      expect(placement.body).toMatchObject({ status: 'Active', settingId: settingA });
    }
    expect(await riskTasks(elsewhere.placementId)).toEqual([]);
    expect(await filled(a.key, settingA)).toBe(2);
    const list = await get(`/api/placements?childId=${first.childId}`).expect(200);
    expect(list.body[0].tasks).toEqual([
      expect.objectContaining({ kind: 'risk-assessment', status: 'open', trigger: 'admissions-suspended' }),
    ]);
  });

  it('M-48: takes no one new at the suspended provider, even with a decision made before', async () => {
    const res = await post('/api/placements')
      .send({ ...decidedNotStarted, startedOn: daysAgo(0), reasonNewEpisode: 'S' })
      .expect(409);
    expect(res.body.code).toBe('PROVIDER.NOT_ADMITTING');
    expect(await filled(a.key, settingA)).toBe(2);
  });

  it('M-48: a replay (rebuilding the reactor) raises no second task', async () => {
    await request(h.http)
      .post('/api/operator/projections/placements-admissions-suspension/rebuild')
      .set(auth(operator))
      .expect(200);
    await reacted();
    expect(await riskTasks(first.placementId)).toHaveLength(1);
    expect(await riskTasks(second.placementId)).toHaveLength(1);
    const sql = h.app.get<SqlClient>(SQL_CLIENT);
    const { rows } = await sql.query<{ status: string; outcome: string | null }>(
      `SELECT status, outcome FROM placements.suspension_tasks ORDER BY task_id`,
    );
    expect(rows).toEqual([
      { status: 'skipped', outcome: 'RISK.TASK_ALREADY_OPEN' },
      { status: 'skipped', outcome: 'RISK.TASK_ALREADY_OPEN' },
    ]);
  });

  it('M-48: records the risk assessment with the child’s wishes, which closes the task and still moves no one', async () => {
    const [task] = await riskTasks(first.placementId);
    const res = await post(`/api/placements/${first.placementId}/risk-assessments`)
      .send({
        taskId: task.taskId,
        assessedOn: daysAgo(0),
        childWishes: 'Synthetic: wants to stay with her carers',
        assessment: 'Synthetic: the home is safe for her; monitor monthly',
        outcome: 'placement-remains-appropriate',
      })
      .expect(201);
    expect(res.body).toMatchObject({
      status: 'Active',
      openTasks: [],
      riskAssessments: [expect.objectContaining({ childWishes: 'Synthetic: wants to stay with her carers' })],
    });
    await request(h.http)
      .post('/api/operator/projections/placements-admissions-suspension/rebuild')
      .set(auth(operator))
      .expect(200);
    await reacted();
    expect(await riskTasks(first.placementId)).toEqual([
      expect.objectContaining({ status: 'closed', outcome: 'placement-remains-appropriate' }),
    ]);
  });

  it('M-48: a second suspension opens a new task only where none is open', async () => {
    await post(`/api/providers/${a.providerId}/admissions/restore`, operator).send({}).expect(200);
    await suspend(a.providerId, 'Synthetic: suspended again');
    await reacted();
    const firstTasks = await riskTasks(first.placementId);
    expect(firstTasks.map((t) => t.status)).toEqual(['closed', 'open']);
    expect(firstTasks[1].reason).toBe('Synthetic: suspended again');
    expect(await riskTasks(second.placementId)).toHaveLength(1);
  });

  it('M-40: takes the KEEP threshold from the authority’s matching policy (6 here), never moving anyone', async () => {
    const current = await get(`/api/matching/policies/${LA}`).expect(200);
    const { version: _v, id: _id, scope: _s, ...policy } = current.body;
    await request(h.http)
      .put('/api/matching/policies')
      .set(auth(operator))
      .send({
        id: 'test-keep-six',
        localAuthority: LA,
        policy: { ...policy, keep: { ...policy.keep, stressThreshold: 6 } },
        reason: 'Ages 5-12: 6 a day, as in the published work',
      })
      .expect(200);
    const six = await request(h.http)
      .post(`/api/placements/${elsewhere.placementId}/stress-reports`)
      .set('X-Api-Key', b.key)
      .send({ days: [stressDay(daysAgo(2), 6)] })
      .expect(201);
    expect(six.body.riskDays).toEqual([]);
    const seven = await request(h.http)
      .post(`/api/placements/${elsewhere.placementId}/stress-reports`)
      .set('X-Api-Key', b.key)
      .send({ days: [stressDay(daysAgo(1), 7)] })
      .expect(201);
    expect(seven.body.riskDays).toEqual([daysAgo(1)]);
    expect(seven.body.status).toBe('Active');
    await h.settled();
    const list = await get(`/api/placements?childId=${elsewhere.childId}`).expect(200);
    expect(list.body[0].disruptionRisks).toEqual([expect.objectContaining({ count: 7, threshold: 6 })]);
  });
});
