import request from 'supertest';
import { AppHarness, startApp, tokenFor } from '../support/app-harness';
import { fosterTerms, providerWithKey } from '../support/supply-fixtures';

const LA = 'E08000021';
const terms = fosterTerms;

describe('provider API on PostgreSQL', () => {
  let h: AppHarness;
  let operator: string;
  let a: Awaited<ReturnType<typeof providerWithKey>>;
  let b: Awaited<ReturnType<typeof providerWithKey>>;
  let settingId: string;
  let vacancyId: string;

  const asA = (r: request.Test) => r.set('X-Api-Key', a.key);
  const asB = (r: request.Test) => r.set('X-Api-Key', b.key);
  const revisionOf = async (id: string) =>
    (await asA(request(h.http).get(`/api/settings/${id}`)).expect(200)).body.revision as number;

  beforeAll(async () => {
    h = await startApp('postgres');
    operator = await tokenFor('operator');
    a = await providerWithKey(h.http, operator, 'Test Fostering A Ltd', 'SC999001');
    b = await providerWithKey(h.http, operator, 'Test Fostering B Ltd', 'SC999002');
  });
  afterAll(() => h.close());

  it('registers a setting with its postcode geocoded to a grid reference and sector', async () => {
    const res = await asA(request(h.http).post('/api/settings'))
      .send({
        name: 'Household A',
        placementTypes: ['U4', 'U5', 'U6'],
        postcode: 'ne1 4xx',
        hostLocalAuthority: LA,
      })
      .expect(201);
    settingId = res.body.settingId;
    expect(res.body).toMatchObject({
      providerId: a.providerId,
      status: 'Registered',
      location: {
        postcode: 'NE1 4XX',
        postcodeSector: 'NE1 4',
        gridReference: { easting: 424900, northing: 564300 },
      },
    });
  });

  it('sets approval terms and the household profile', async () => {
    await asA(request(h.http).put(`/api/settings/${settingId}/approval-terms`))
      .send(terms)
      .expect(200);
    const res = await asA(request(h.http).put(`/api/settings/${settingId}/household-profile`))
      .send({
        languages: ['en', 'pl'],
        communicationMethods: ['BSL'],
        religionsPractised: ['christian'],
        carerEthnicities: ['WBRI'],
        otherChildren: [{ ageYears: 12 }],
        pets: ['cat'],
        smoking: 'non-smoking',
      })
      .expect(200);
    expect(res.body.status).toBe('Approved');
    expect(res.body.household.languages).toEqual(['en', 'pl']);
  });

  it('opens a vacancy once for an Idempotency-Key: a repeat returns the first result and writes nothing', async () => {
    const first = await asA(request(h.http).post(`/api/settings/${settingId}/vacancies`))
      .set('Idempotency-Key', 'open-1')
      .send({ places: 1, availableFrom: '2026-11-23' })
      .expect(201);
    vacancyId = first.body.vacancies[0].vacancyId;
    const revision = await revisionOf(settingId);
    const repeat = await asA(request(h.http).post(`/api/settings/${settingId}/vacancies`))
      .set('Idempotency-Key', 'open-1')
      .send({ places: 1, availableFrom: '2026-11-23' })
      .expect(201);
    expect(repeat.body).toEqual(first.body);
    expect(await revisionOf(settingId)).toBe(revision);
    const reused = await asA(request(h.http).post(`/api/settings/${settingId}/vacancies`))
      .set('Idempotency-Key', 'open-1')
      .send({ places: 2, availableFrom: '2026-11-23' })
      .expect(409);
    expect(reused.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    expect(await revisionOf(settingId)).toBe(revision);
  });

  it('refuses more places than the approval allows, and writes nothing', async () => {
    const revision = await revisionOf(settingId);
    const res = await asA(request(h.http).post(`/api/settings/${settingId}/vacancies`))
      .send({ places: 2, availableFrom: '2026-11-23' })
      .expect(400);
    expect(res.body.code).toBe('VACANCY.OVER_APPROVAL');
    expect(await revisionOf(settingId)).toBe(revision);
  });

  it.each([
    [
      'a reversed age range',
      'put',
      'approval-terms',
      { ...terms, ageRange: { minYears: 10, maxYears: 4 } },
      'ageRange.maxYears',
    ],
    ['an unknown field', 'put', 'approval-terms', { ...terms, colour: 'blue' }, 'colour'],
    ['a wrong type', 'put', 'approval-terms', { ...terms, maxChildren: 'two' }, 'maxChildren'],
    [
      'an unknown risk code',
      'put',
      'approval-terms',
      { ...terms, manageableRisks: ['child.unheard-of'] },
      'manageableRisks',
    ],
    ['zero places', 'post', 'vacancies', { places: 0, availableFrom: '2026-11-23' }, 'places'],
    ['an impossible date', 'post', 'vacancies', { places: 1, availableFrom: '2026-02-30' }, 'availableFrom'],
  ])('answers 400 naming the field for %s, and writes nothing', async (_what, method, path, body, field) => {
    const revision = await revisionOf(settingId);
    const res = await asA(
      (request(h.http) as unknown as Record<string, (u: string) => request.Test>)[method](
        `/api/settings/${settingId}/${path}`,
      ),
    )
      .send(body)
      .expect(400);
    expect(res.body.code).toBe('VALIDATION.FAILED');
    expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(await revisionOf(settingId)).toBe(revision);
  });

  it('answers 400 naming the postcode for a malformed one and for an unknown district', async () => {
    const malformed = await asA(request(h.http).post('/api/settings'))
      .send({
        name: 'Household Z',
        placementTypes: ['U4'],
        postcode: 'NOT A POSTCODE',
        hostLocalAuthority: LA,
      })
      .expect(400);
    expect(malformed.body.details.fields[0].field).toBe('postcode');
    const unknown = await asA(request(h.http).post('/api/settings'))
      .send({ name: 'Household Z', placementTypes: ['U4'], postcode: 'YY9 9AA', hostLocalAuthority: LA })
      .expect(400);
    expect(unknown.body).toMatchObject({ code: 'POSTCODE.UNKNOWN', details: { postcode: 'YY9 9AA' } });
  });

  it('answers 400 for a URN of the wrong form', async () => {
    const res = await request(h.http)
      .post('/api/providers')
      .set('Authorization', `Bearer ${operator}`)
      .send({
        name: 'Test Homes Ltd',
        ofstedUrn: 'AB12',
        providerCode: 'PR4',
        hostLocalAuthority: LA,
        providerType: 'childrens-home-operator',
      })
      .expect(400);
    expect(res.body.details.fields[0].field).toBe('ofstedUrn');
  });

  it('shows a provider only its own settings in the list', async () => {
    await h.settled();
    const mine = await asA(request(h.http).get('/api/settings')).expect(200);
    expect(mine.body.map((s: { settingId: string }) => s.settingId)).toEqual([settingId]);
    expect(mine.body[0]).toMatchObject({ openPlaces: 1, status: 'Approved', postcodeSector: 'NE1 4' });
    const theirs = await asB(request(h.http).get('/api/settings')).expect(200);
    expect(theirs.body).toEqual([]);
  });

  it('lets another provider reach none of the setting endpoints: 404, and nothing changes', async () => {
    const revision = await revisionOf(settingId);
    const calls: Array<[string, string, object?]> = [
      ['get', `/api/settings/${settingId}`],
      ['put', `/api/settings/${settingId}/approval-terms`, terms],
      [
        'put',
        `/api/settings/${settingId}/household-profile`,
        {
          languages: [],
          communicationMethods: [],
          religionsPractised: [],
          carerEthnicities: [],
          otherChildren: [],
          pets: [],
          smoking: 'non-smoking',
        },
      ],
      ['put', `/api/settings/${settingId}/skill-level`, { tier: 2, assessedOn: '2026-10-01' }],
      ['put', `/api/settings/${settingId}/weekly-cost`, { amountPence: 90000, effectiveFrom: '2026-11-01' }],
      ['post', `/api/settings/${settingId}/close`, { reason: 'not mine' }],
      ['post', `/api/settings/${settingId}/vacancies`, { places: 1, availableFrom: '2026-11-23' }],
      ['patch', `/api/settings/${settingId}/vacancies/${vacancyId}`, { places: 1 }],
      ['post', `/api/settings/${settingId}/vacancies/${vacancyId}/close`, { reason: 'not mine' }],
      ['post', `/api/settings/${settingId}/vacancies/${vacancyId}/confirm`, {}],
      ['get', `/api/providers/${a.providerId}`],
    ];
    for (const [method, path, body] of calls) {
      const call = (request(h.http) as unknown as Record<string, (u: string) => request.Test>)[method](path);
      const res = await asB(call)
        .set('Idempotency-Key', `b-${method}-${path}`)
        .send(body ?? {});
      expect([method, path, res.status]).toEqual([method, path, 404]);
    }
    // Provider-only operator endpoints refuse a provider's key by role.
    await asB(request(h.http).post(`/api/providers/${a.providerId}/admissions/suspend`))
      .send({ reason: 'x' })
      .expect(403);
    await asB(request(h.http).post(`/api/providers/${a.providerId}/api-keys`))
      .send({ label: 'x' })
      .expect(403);
    expect(await revisionOf(settingId)).toBe(revision);
  });

  it('moves a carer’s records to a new provider: asked by the new, answered by the old (M-44)', async () => {
    const carer = await asA(request(h.http).post('/api/carers')).send({ settingId }).expect(201);
    const carerId = carer.body.carerId;
    await asA(request(h.http).post(`/api/carers/${carerId}/training`))
      .send({ course: 'Safer caring', completedOn: '2026-06-30', skillTags: ['safer-caring'] })
      .expect(201);
    await asB(request(h.http).get(`/api/carers/${carerId}`)).expect(404);
    const asked = await asB(request(h.http).post(`/api/carers/${carerId}/transfer-requests`)).expect(201);
    await asB(request(h.http).post(`/api/carers/${carerId}/transfer-requests/${asked.body.requestId}/answer`))
      .send({ decision: 'send' })
      .expect(404);
    await asA(request(h.http).post(`/api/carers/${carerId}/transfer-requests/${asked.body.requestId}/answer`))
      .send({ decision: 'send' })
      .expect(200);
    await asA(
      request(h.http).post(`/api/carers/${carerId}/transfer-requests/${asked.body.requestId}/complete`),
    )
      .send({})
      .expect(404);
    const moved = await asB(
      request(h.http).post(`/api/carers/${carerId}/transfer-requests/${asked.body.requestId}/complete`),
    )
      .send({})
      .expect(200);
    expect(moved.body).toMatchObject({ providerId: b.providerId, previousProviderIds: [a.providerId] });
    expect(moved.body.training).toHaveLength(1);
    await asA(request(h.http).get(`/api/carers/${carerId}`)).expect(404);
  });

  it('suspends admissions (M-48) and refuses a revoked key with 401', async () => {
    const suspended = await request(h.http)
      .post(`/api/providers/${b.providerId}/admissions/suspend`)
      .set('Authorization', `Bearer ${operator}`)
      .send({ reason: 'Ofsted restriction of accommodation notice' })
      .expect(200);
    expect(suspended.body.status).toBe('AdmissionsSuspended');
    await request(h.http)
      .delete(`/api/providers/${b.providerId}/api-keys/${b.keyId}`)
      .set('Authorization', `Bearer ${operator}`)
      .expect(200);
    const res = await asB(request(h.http).get('/api/settings')).expect(401);
    expect(res.body.code).toBe('AUTH.API_KEY_INVALID');
  });
});

describe('provider API on the embedded defaults', () => {
  it('keeps providers and settings across a restart', async () => {
    let h = await startApp('pglite');
    try {
      const operator = await tokenFor('operator');
      const a = await providerWithKey(h.http, operator, 'Test Homes Ltd', 'SC999003');
      const setting = await request(h.http)
        .post('/api/settings')
        .set('X-Api-Key', a.key)
        .send({
          name: 'Home 1',
          placementTypes: ['K2'],
          postcode: 'TS1 9ZZ',
          hostLocalAuthority: 'E06000002',
          ofstedUrn: 'SC999003',
        })
        .expect(201);
      h = await h.restart();
      const again = await request(h.http)
        .get(`/api/settings/${setting.body.settingId}`)
        .set('X-Api-Key', a.key)
        .expect(200);
      expect(again.body).toEqual(setting.body);
      await h.settled();
      const list = await request(h.http).get('/api/settings').set('X-Api-Key', a.key).expect(200);
      expect(list.body).toHaveLength(1);
    } finally {
      await h.close();
    }
  });
});
