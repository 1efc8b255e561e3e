import request from 'supertest';
import { AppHarness, startApp, tokenFor } from '../support/app-harness';
import {
  auth,
  daysAgo,
  LA,
  OTHER_LA,
  placeAChild,
  recordChild,
  requestBody,
  requestedChild,
  stressDay,
  teamOf,
} from '../support/placements-fixtures';
import { approvedHousehold, openVacancy, providerWithKey } from '../support/supply-fixtures';

type Caller = { name: string; headers: Record<string, string> };
type Call = {
  what: string;
  method: 'get' | 'post' | 'patch';
  path: () => string;
  body?: () => object;
  /** Each caller and the status it must get: 403 for a role the endpoint refuses, 404 out of scope. */
  refused: [() => Caller, 403 | 404][];
};

describe('scope: every placements endpoint refuses other authorities, other providers and wrong roles, and nothing changes', () => {
  let h: AppHarness;
  let team: Awaited<ReturnType<typeof teamOf>>;
  let others: Awaited<ReturnType<typeof teamOf>>;
  let providerA: Awaited<ReturnType<typeof providerWithKey>>;
  let providerB: Awaited<ReturnType<typeof providerWithKey>>;
  let tokens: Record<'commissioner' | 'carer' | 'operator', string>;
  let setting: string;
  let placed: Awaited<ReturnType<typeof placeAChild>>;
  let openRequest: string;
  let openChild: string;
  let searchId: string;
  let referralId: string;
  let approvalId: string;

  const bearer = (name: string, token: string): Caller => ({ name, headers: auth(token) });
  const c = {
    officer: () => bearer('officer', team.officer),
    senior: () => bearer('senior manager', team.senior),
    iro: () => bearer('IRO', team.iro),
    otherOfficer: () => bearer('officer of another authority', others.officer),
    otherSenior: () => bearer('senior manager of another authority', others.senior),
    otherIro: () => bearer('IRO of another authority', others.iro),
    commissioner: () => bearer('commissioner', tokens.commissioner),
    carer: () => bearer('carer', tokens.carer),
    operator: () => bearer('operator', tokens.operator),
    providerA: (): Caller => ({ name: 'the provider', headers: { 'X-Api-Key': providerA.key } }),
    providerB: (): Caller => ({ name: 'another provider', headers: { 'X-Api-Key': providerB.key } }),
  };
  const send = (caller: Caller, method: Call['method'], path: string, body?: object) => {
    const r = request(h.http)[method](path).set(caller.headers);
    return body === undefined ? r : r.send(body);
  };

  /** Everything an intruder could have changed, as the owners see it. */
  const snapshot = async () => {
    const read = async (caller: Caller, path: string) => (await send(caller, 'get', path).expect(200)).body;
    await h.settled();
    return {
      child: await read(c.officer(), `/api/children/${placed.childId}`),
      openChild: await read(c.officer(), `/api/children/${openChild}`),
      openRequest: await read(c.officer(), `/api/requests/${openRequest}`),
      placedRequest: await read(c.officer(), `/api/requests/${placed.requestId}`),
      placement: await read(c.officer(), `/api/placements/${placed.placementId}`),
      setting: (await read(c.providerA(), `/api/settings/${setting}`)).filledPlaces,
      children: await read(c.officer(), '/api/children'),
      requests: await read(c.officer(), '/api/requests'),
      placements: await read(c.officer(), '/api/placements'),
      referrals: await read(c.providerA(), '/api/provider/referrals'),
      providerPlacements: await read(c.providerA(), '/api/provider/placements'),
    };
  };

  beforeAll(async () => {
    h = await startApp('postgres');
    team = await teamOf(LA);
    others = await teamOf(OTHER_LA);
    tokens = {
      commissioner: await tokenFor('commissioner', { region: 'north-east' }),
      operator: await tokenFor('operator'),
      carer: '',
    };
    providerA = await providerWithKey(h.http, tokens.operator, 'Test Fostering Scope A Ltd', 'SC999601');
    providerB = await providerWithKey(h.http, tokens.operator, 'Test Fostering Scope B Ltd', 'SC999602');
    tokens.carer = await tokenFor('carer', { provider: providerA.providerId });
    setting = await approvedHousehold(h.http, providerA.key, { name: 'Household S', postcode: 'NE2 1XX' });
    await openVacancy(h.http, providerA.key, setting, 2);
    placed = await placeAChild(h, team, providerA, setting);
    openChild = await recordChild(h.http, team.officer, { name: { given: 'Open', family: 'Testchild' } });
    const req = await send(c.officer(), 'post', '/api/requests', requestBody([requestedChild(openChild)]));
    openRequest = req.body.requestId;
    searchId = (await send(c.officer(), 'post', `/api/requests/${openRequest}/searches`, {})).body.searchId;
    await send(c.officer(), 'post', `/api/requests/${openRequest}/shortlist`, {
      searchId,
      settingIds: [setting],
    }).expect(200);
    const referred = await send(c.officer(), 'post', `/api/requests/${openRequest}/referrals`, {
      settingId: setting,
    }).expect(201);
    referralId = referred.body.referrals[0].referralId;
    const asked = await send(c.officer(), 'post', `/api/requests/${openRequest}/approvals`, {
      guard: 'emergency',
      reason: 'Synthetic: the home broke down tonight',
    }).expect(201);
    approvalId = asked.body.approvals[0].approvalId;
  });
  afterAll(() => h.close());

  const decision = () => ({
    settingId: setting,
    reasons: ['Near home'],
    howChildViewsWereWeighed: [{ childId: openChild, how: 'She agreed' }],
  });

  const calls: Call[] = [
    {
      what: 'record a child',
      method: 'post',
      path: () => '/api/children',
      body: () => ({}),
      refused: [
        [c.commissioner, 403],
        [c.providerA, 403],
        [c.carer, 403],
        [c.operator, 403],
      ],
    },
    {
      what: 'read a child',
      method: 'get',
      path: () => `/api/children/${placed.childId}`,
      refused: [
        [c.otherOfficer, 404],
        [c.otherIro, 404],
        [c.commissioner, 403],
        [c.providerA, 403],
        [c.operator, 403],
      ],
    },
    {
      what: 'change a child',
      method: 'patch',
      path: () => `/api/children/${placed.childId}`,
      body: () => ({ legalStatus: 'C1' }),
      refused: [
        [c.otherOfficer, 404],
        [c.otherSenior, 404],
        [c.commissioner, 403],
        [c.providerA, 403],
      ],
    },
    {
      what: 'record wishes and feelings',
      method: 'post',
      path: () => `/api/children/${placed.childId}/wishes-and-feelings`,
      body: () => ({ summary: 'Synthetic', recordedOn: daysAgo(0) }),
      refused: [
        [c.otherOfficer, 404],
        [c.commissioner, 403],
        [c.providerA, 403],
      ],
    },
    {
      what: 'erase a child',
      method: 'post',
      path: () => `/api/children/${placed.childId}/erase`,
      body: () => ({ reason: 'Synthetic' }),
      refused: [
        [c.officer, 403],
        [c.iro, 403],
        [c.otherSenior, 404],
        [c.commissioner, 403],
        [c.providerA, 403],
      ],
    },
    {
      what: 'request a placement for another authority’s child',
      method: 'post',
      path: () => '/api/requests',
      body: () => requestBody([requestedChild(openChild)]),
      refused: [
        [c.otherOfficer, 404],
        [c.iro, 403],
        [c.commissioner, 403],
        [c.providerA, 403],
      ],
    },
    {
      what: 'read a request',
      method: 'get',
      path: () => `/api/requests/${openRequest}`,
      refused: [
        [c.otherOfficer, 404],
        [c.otherIro, 404],
        [c.commissioner, 403],
        [c.providerA, 403],
      ],
    },
    {
      what: 'read a search’s evidence',
      method: 'get',
      path: () => `/api/requests/${openRequest}/searches/${searchId}`,
      refused: [
        [c.otherOfficer, 404],
        [c.providerA, 403],
      ],
    },
    {
      what: 'search',
      method: 'post',
      path: () => `/api/requests/${openRequest}/searches`,
      body: () => ({}),
      refused: [
        [c.otherOfficer, 404],
        [c.iro, 403],
        [c.commissioner, 403],
        [c.providerA, 403],
      ],
    },
    {
      what: 'shortlist',
      method: 'post',
      path: () => `/api/requests/${openRequest}/shortlist`,
      body: () => ({ searchId, settingIds: [setting] }),
      refused: [
        [c.otherOfficer, 404],
        [c.iro, 403],
        [c.providerA, 403],
      ],
    },
    {
      what: 'refer',
      method: 'post',
      path: () => `/api/requests/${openRequest}/referrals`,
      body: () => ({ settingId: setting }),
      refused: [
        [c.otherOfficer, 404],
        [c.iro, 403],
        [c.providerA, 403],
      ],
    },
    {
      what: 'ask for an approval',
      method: 'post',
      path: () => `/api/requests/${openRequest}/approvals`,
      body: () => ({ guard: 'emergency', reason: 'Synthetic' }),
      refused: [
        [c.otherOfficer, 404],
        [c.iro, 403],
        [c.commissioner, 403],
      ],
    },
    {
      what: 'give an approval',
      method: 'post',
      path: () => `/api/requests/${openRequest}/approvals/${approvalId}/give`,
      body: () => ({}),
      refused: [
        [c.officer, 403],
        [c.otherSenior, 404],
        [c.otherIro, 404],
        [c.commissioner, 403],
        [c.providerA, 403],
      ],
    },
    {
      what: 'refuse an approval',
      method: 'post',
      path: () => `/api/requests/${openRequest}/approvals/${approvalId}/refuse`,
      body: () => ({ reason: 'Synthetic' }),
      refused: [
        [c.officer, 403],
        [c.otherSenior, 404],
        [c.otherIro, 404],
      ],
    },
    {
      what: 'hold a decision',
      method: 'post',
      path: () => `/api/requests/${openRequest}/hold`,
      body: () => ({ reason: 'Synthetic' }),
      refused: [
        [c.officer, 403],
        [c.senior, 403],
        [c.otherIro, 404],
        [c.commissioner, 403],
      ],
    },
    {
      what: 'release a hold',
      method: 'post',
      path: () => `/api/requests/${openRequest}/hold/release`,
      body: () => ({}),
      refused: [
        [c.officer, 403],
        [c.senior, 403],
        [c.otherIro, 404],
      ],
    },
    {
      what: 'decide',
      method: 'post',
      path: () => `/api/requests/${openRequest}/decision`,
      body: decision,
      refused: [
        [c.otherOfficer, 404],
        [c.otherSenior, 404],
        [c.iro, 403],
        [c.providerA, 403],
      ],
    },
    {
      what: 'withdraw',
      method: 'post',
      path: () => `/api/requests/${openRequest}/withdraw`,
      body: () => ({ reason: 'Synthetic' }),
      refused: [
        [c.otherOfficer, 404],
        [c.iro, 403],
        [c.providerA, 403],
      ],
    },
    {
      what: 'answer a referral',
      method: 'post',
      path: () => `/api/provider/referrals/${referralId}/response`,
      body: () => ({ response: 'offer' }),
      refused: [
        [c.providerB, 404],
        [c.officer, 403],
        [c.commissioner, 403],
        [c.carer, 403],
      ],
    },
    {
      what: 'list referrals as a provider',
      method: 'get',
      path: () => '/api/provider/referrals',
      refused: [
        [c.officer, 403],
        [c.commissioner, 403],
        [c.operator, 403],
      ],
    },
    {
      what: 'list placements as a provider',
      method: 'get',
      path: () => '/api/provider/placements',
      refused: [
        [c.officer, 403],
        [c.commissioner, 403],
      ],
    },
    {
      what: 'start a placement',
      method: 'post',
      path: () => '/api/placements',
      body: () => ({
        requestId: placed.requestId,
        childId: placed.childId,
        startedOn: daysAgo(10),
        reasonNewEpisode: 'S',
      }),
      refused: [
        [c.otherOfficer, 404],
        [c.iro, 403],
        [c.commissioner, 403],
        [c.providerA, 403],
      ],
    },
    {
      what: 'list placements',
      method: 'get',
      path: () => '/api/placements',
      refused: [
        [c.commissioner, 403],
        [c.providerA, 403],
      ],
    },
    {
      what: 'read a placement',
      method: 'get',
      path: () => `/api/placements/${placed.placementId}`,
      refused: [
        [c.otherOfficer, 404],
        [c.otherIro, 404],
        [c.commissioner, 403],
        [c.providerA, 403],
      ],
    },
    {
      what: 'review a placement',
      method: 'post',
      path: () => `/api/placements/${placed.placementId}/reviews`,
      body: () => ({ kind: 'statutory', reviewedOn: daysAgo(0), summary: 'Synthetic' }),
      refused: [
        [c.otherIro, 404],
        [c.providerA, 403],
      ],
    },
    {
      what: 'file a stress report',
      method: 'post',
      path: () => `/api/placements/${placed.placementId}/stress-reports`,
      body: () => ({ days: [stressDay(daysAgo(1), 7)] }),
      refused: [
        [c.otherOfficer, 404],
        [c.providerB, 404],
        [c.commissioner, 403],
        [c.carer, 403],
      ],
    },
    {
      what: 'record support',
      method: 'post',
      path: () => `/api/placements/${placed.placementId}/support`,
      body: () => ({ support: 'Synthetic', offeredOn: daysAgo(0) }),
      refused: [
        [c.otherOfficer, 404],
        [c.iro, 403],
        [c.providerA, 403],
      ],
    },
    {
      what: 'record a missing episode',
      method: 'post',
      path: () => `/api/placements/${placed.placementId}/missing-episodes`,
      body: () => ({ kind: 'M', from: daysAgo(1) }),
      refused: [
        [c.otherOfficer, 404],
        [c.providerA, 403],
      ],
    },
    {
      what: 'record a temporary move',
      method: 'post',
      path: () => `/api/placements/${placed.placementId}/temporary-moves`,
      body: () => ({ code: 'T1', from: daysAgo(1) }),
      refused: [
        [c.otherOfficer, 404],
        [c.iro, 403],
        [c.providerA, 403],
      ],
    },
    {
      what: 'record a risk assessment',
      method: 'post',
      path: () => `/api/placements/${placed.placementId}/risk-assessments`,
      body: () => ({
        taskId: '00000000-0000-4000-8000-000000000001',
        assessedOn: daysAgo(0),
        childWishes: 'Synthetic',
        assessment: 'Synthetic',
        outcome: 'placement-remains-appropriate',
      }),
      refused: [
        [c.otherOfficer, 404],
        [c.iro, 403],
      ],
    },
    {
      what: 'end a placement',
      method: 'post',
      path: () => `/api/placements/${placed.placementId}/end`,
      body: () => ({ endedOn: daysAgo(0), rec: 'E4A', disrupted: false }),
      refused: [
        [c.otherOfficer, 404],
        [c.otherSenior, 404],
        [c.iro, 403],
        [c.providerA, 403],
      ],
    },
  ];

  it('refuses every endpoint to every caller outside its scope or role (403 or 404), and changes nothing', async () => {
    const before = await snapshot();
    const wrong: string[] = [];
    for (const call of calls) {
      for (const [caller, status] of call.refused) {
        const who = caller();
        const res = await send(who, call.method, call.path(), call.body?.());
        if (res.status !== status) wrong.push(`${call.what} as ${who.name}: ${res.status} ${res.body.code}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('answers an out-of-scope record exactly as one that does not exist', async () => {
    const unknown = '00000000-0000-4000-8000-0000000000ff';
    for (const [path, code] of [
      ['/api/children', 'CHILD.NOT_FOUND'],
      ['/api/requests', 'REQUEST.NOT_FOUND'],
      ['/api/placements', 'PLACEMENT.NOT_FOUND'],
    ]) {
      const id = path.endsWith('children')
        ? placed.childId
        : path.endsWith('requests')
          ? placed.requestId
          : placed.placementId;
      const theirs = await send(c.otherOfficer(), 'get', `${path}/${id}`).expect(404);
      const missing = await send(c.officer(), 'get', `${path}/${unknown}`).expect(404);
      expect(theirs.body).toEqual(missing.body);
      expect(theirs.body.code).toBe(code);
    }
    const referral = await send(c.providerB(), 'post', `/api/provider/referrals/${referralId}/response`, {
      response: 'offer',
    }).expect(404);
    const none = await send(c.providerB(), 'post', `/api/provider/referrals/${unknown}/response`, {
      response: 'offer',
    }).expect(404);
    expect(referral.body).toEqual(none.body);
  });

  it('shows another authority and another provider none of these records in their lists', async () => {
    await h.settled();
    for (const path of ['/api/children', '/api/requests', '/api/placements']) {
      expect((await send(c.otherOfficer(), 'get', path).expect(200)).body).toEqual([]);
    }
    expect(
      (await send(c.otherOfficer(), 'get', `/api/placements?childId=${placed.childId}`).expect(200)).body,
    ).toEqual([]);
    expect((await send(c.providerB(), 'get', '/api/provider/referrals').expect(200)).body).toEqual([]);
    expect((await send(c.providerB(), 'get', '/api/provider/placements').expect(200)).body).toEqual([]);
    // And the owners do see them.
    expect((await send(c.providerA(), 'get', '/api/provider/referrals').expect(200)).body).toHaveLength(2);
    expect((await send(c.officer(), 'get', '/api/requests').expect(200)).body).toHaveLength(2);
  });

  it('answers 400 naming the field for bad input, and writes nothing', async () => {
    const before = (await send(c.officer(), 'get', `/api/requests/${openRequest}`).expect(200)).body.revision;
    const cases: [string, string, object, string][] = [
      [
        'post',
        `/api/requests/${openRequest}/shortlist`,
        { searchId: 'nope', settingIds: [setting] },
        'searchId',
      ],
      ['post', `/api/requests/${openRequest}/referrals`, { settingId: 42 }, 'settingId'],
      ['post', `/api/requests/${openRequest}/approvals`, { guard: 'hunch' }, 'guard'],
      ['post', `/api/requests/${openRequest}/decision`, { ...decision(), reasons: [] }, 'reasons'],
      [
        'post',
        '/api/requests',
        requestBody([requestedChild(openChild, { risks: { 'child.self-harm': 'high' } })]),
        'children.0.risks',
      ],
      ['post', '/api/requests', requestBody([requestedChild(openChild)], { urgency: 'soon' }), 'urgency'],
      ['post', `/api/placements/${placed.placementId}/end`, { endedOn: 'yesterday', rec: 'X1' }, 'endedOn'],
      [
        'post',
        `/api/placements/${placed.placementId}/temporary-moves`,
        { code: 'U4', from: daysAgo(1) },
        'code',
      ],
      ['patch', `/api/children/${openChild}`, { gender: 'x' }, 'gender'],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await send(c.officer(), method as Call['method'], path, body).expect(400);
      expect([path, res.body.details.fields.map((f: { field: string }) => f.field)]).toEqual([
        path,
        expect.arrayContaining([field]),
      ]);
    }
    expect((await send(c.officer(), 'get', `/api/requests/${openRequest}`).expect(200)).body.revision).toBe(
      before,
    );
  });
});
