import request from 'supertest';
import { MatchingIndex } from '@app/matching';
import { AppHarness, startApp, tokenFor } from '../support/app-harness';
import { approvedHousehold, oneChildSearch, openVacancy, providerWithKey } from '../support/supply-fixtures';

describe('matching through the API, on the embedded defaults', () => {
  let h: AppHarness;
  let officer: string;
  let operator: string;
  let key: string;
  let near: string;
  let far: string;
  const search = (body: object, token = officer) =>
    request(h.http).post('/api/matching/search').set('Authorization', `Bearer ${token}`).send(body);

  beforeAll(async () => {
    h = await startApp('pglite');
    officer = await tokenFor('placement-officer', { la: 'E08000021' });
    operator = await tokenFor('operator');
    ({ key } = await providerWithKey(h.http, operator, 'Test Fostering Ltd', 'SC999201'));
    near = await approvedHousehold(h.http, key, { name: 'Household Near', postcode: 'NE1 9ZZ' });
    far = await approvedHousehold(h.http, key, {
      name: 'Household Far',
      postcode: 'TS1 9ZZ',
      la: 'E06000002',
    });
  });
  afterAll(() => h.close());

  it('shows a vacancy opened through the provider API in the very next search, and drops it when closed', async () => {
    const before = await search(oneChildSearch()).expect(200);
    expect(before.body.results).toEqual([]);
    const vacancy = await openVacancy(h.http, key, near);
    const after = await search(oneChildSearch()).expect(200);
    expect(after.body.results.map((r: { settingId: string }) => r.settingId)).toEqual([near]);
    await request(h.http)
      .post(`/api/settings/${near}/vacancies/${vacancy}/close`)
      .set('X-Api-Key', key)
      .send({ reason: 'filled privately' })
      .expect(200);
    const closed = await search(oneChildSearch()).expect(200);
    expect(closed.body.results).toEqual([]);
    await openVacancy(h.http, key, near);
  });

  it('ranks a nearer in-authority home first, explains each factor, and flags out-of-authority (M-11)', async () => {
    await openVacancy(h.http, key, far);
    const res = await search(oneChildSearch()).expect(200);
    expect(res.body.results.map((r: { settingId: string }) => r.settingId)).toEqual([near, far]);
    const [first, second] = res.body.results;
    expect(first.inAuthority).toBe(true);
    expect(first.distanceFromHomeMiles).toBeLessThan(5);
    expect(first.factors.every((f: { why: string }) => typeof f.why === 'string' && f.why.length > 10)).toBe(
      true,
    );
    expect(second.inAuthority).toBe(false);
    expect(second.guards.map((g: { guard: string }) => g.guard)).toContain('out-of-authority');
    expect(res.body.policyVersion).toBe('placematch-default@1');
  });

  it('records the policy version a search used, after an operator sets a new one', async () => {
    const current = await request(h.http)
      .get('/api/matching/policies/E08000021')
      .set('Authorization', `Bearer ${officer}`)
      .expect(200);
    const { version: _v, id: _id, scope: _s, ...policy } = current.body;
    const set = await request(h.http)
      .put('/api/matching/policies')
      .set('Authorization', `Bearer ${operator}`)
      .send({
        id: 'newcastle-test',
        localAuthority: 'E08000021',
        policy: { ...policy, distanceStepMiles: 10 },
        reason: 'test',
      })
      .expect(200);
    expect(set.body.version).toBe(1);
    const res = await search(oneChildSearch()).expect(200);
    expect(res.body.policyVersion).toBe('newcastle-test@1');
    await request(h.http)
      .put('/api/matching/policies')
      .set('Authorization', `Bearer ${officer}`)
      .send({ id: 'x', policy, reason: 'x' })
      .expect(403);
  });

  it('answers 400 naming an unknown or malformed postcode, and 404 for another authority’s child', async () => {
    const unknown = await search(oneChildSearch({ homePostcode: 'YY9 9AA' })).expect(400);
    expect(unknown.body).toMatchObject({ code: 'POSTCODE.UNKNOWN', details: { postcode: 'YY9 9AA' } });
    const malformed = await search(oneChildSearch({ homePostcode: 'nowhere' })).expect(400);
    expect(malformed.body.details.fields[0].field).toBe('homePostcode');
    await search(oneChildSearch({ homeLocalAuthority: 'E06000002' })).expect(404);
    await search(oneChildSearch(), await tokenFor('commissioner', { region: 'north-east' })).expect(403);
  });

  it('restarts from a snapshot and the log after it, and answers the same', async () => {
    const before = await search(oneChildSearch()).expect(200);
    h = await h.restart();
    const status = h.app.get(MatchingIndex).status();
    expect(status.startedFrom).toBe('snapshot');
    const after = await search(oneChildSearch()).expect(200);
    expect(after.body.results).toEqual(before.body.results);
  });
});
