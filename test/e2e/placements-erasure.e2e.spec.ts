import request from 'supertest';
import { SQL_CLIENT, SqlClient } from '@placematch/sql';
import { AppHarness, startApp, tokenFor } from '../support/app-harness';
import {
  auth,
  daysAgo,
  LA,
  OTHER_LA,
  placeAChild,
  recordChild,
  SYNTHETIC_FAMILY_NAME,
  teamOf,
} from '../support/placements-fixtures';
import { approvedHousehold, openVacancy, providerWithKey } from '../support/supply-fixtures';

const ERASED = { erased: true };

describe('erasing a child through the API: crypto-shredding, read models and rebuilds, on PostgreSQL', () => {
  let h: AppHarness;
  let team: Awaited<ReturnType<typeof teamOf>>;
  let operator: string;
  let placed: Awaited<ReturnType<typeof placeAChild>>;
  let other: string;

  const get = (url: string, token = team.officer) => request(h.http).get(url).set(auth(token));
  const post = (url: string, token = team.officer) => request(h.http).post(url).set(auth(token));

  /** Every SQL table (the event store's included) whose rows, as text, contain `needle`. */
  const tablesHolding = async (needle: string): Promise<string[]> => {
    const sql = h.app.get<SqlClient>(SQL_CLIENT);
    const { rows: tables } = await sql.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    const found: string[] = [];
    for (const t of tables) {
      const { rows } = await sql.query<{ n: string }>(
        `SELECT count(*) AS n FROM "${t.schema}"."${t.name}" AS r WHERE r::text ILIKE $1`,
        [`%${needle}%`],
      );
      if (Number(rows[0].n) > 0) found.push(`${t.schema}.${t.name}`);
    }
    return found;
  };

  beforeAll(async () => {
    h = await startApp('postgres');
    team = await teamOf(LA);
    operator = await tokenFor('operator');
    const provider = await providerWithKey(h.http, operator, 'Test Fostering Erasure Ltd', 'SC999401');
    const setting = await approvedHousehold(h.http, provider.key, {
      name: 'Household E',
      postcode: 'NE2 1XX',
    });
    await openVacancy(h.http, provider.key, setting, 2);
    placed = await placeAChild(h, team, provider, setting);
    await post(`/api/children/${placed.childId}/wishes-and-feelings`)
      .send({ summary: `${SYNTHETIC_FAMILY_NAME} wants to see her brother`, recordedOn: daysAgo(1) })
      .expect(201);
    await post(`/api/placements/${placed.placementId}/reviews`)
      .send({ kind: 'statutory', reviewedOn: daysAgo(1), summary: `${SYNTHETIC_FAMILY_NAME} is settled` })
      .expect(201);
    other = await recordChild(h.http, team.officer, { name: { given: 'Other', family: 'Testchild' } });
    await h.settled();
  });
  afterAll(() => h.close());

  it('keeps personal data out of every SQL table in clear, before any erasure (read models hold none; events are encrypted)', async () => {
    // The search does find what is stored in clear: the provider's name, in its events and read model.
    expect(await tablesHolding('Test Fostering Erasure Ltd')).not.toEqual([]);
    expect(await tablesHolding(SYNTHETIC_FAMILY_NAME)).toEqual([]);
    expect(await tablesHolding('NE4 5XX')).toEqual([]);
    // The team still reads it, decrypted from the child's stream.
    const child = await get(`/api/children/${placed.childId}`).expect(200);
    expect(child.body.name.family).toBe(SYNTHETIC_FAMILY_NAME);
  });

  it('lets only a senior manager of the child’s authority (or an operator) erase, and changes nothing otherwise', async () => {
    const reason = { reason: 'Synthetic: retention period ended' };
    await post(`/api/children/${placed.childId}/erase`).send(reason).expect(403);
    await post(`/api/children/${placed.childId}/erase`, team.iro).send(reason).expect(403);
    const otherSenior = await tokenFor('senior-manager', { la: OTHER_LA });
    const refused = await post(`/api/children/${placed.childId}/erase`, otherSenior).send(reason).expect(404);
    expect(refused.body.code).toBe('CHILD.NOT_FOUND');
    await post(`/api/children/${placed.childId}/erase`, team.senior).send({}).expect(400);
    const child = await get(`/api/children/${placed.childId}`).expect(200);
    expect(child.body.status).toBe('Recorded');
  });

  it('erases: the child’s personal fields read as erased markers, codes and coarse values remain', async () => {
    const res = await post(`/api/children/${placed.childId}/erase`, team.senior)
      .send({ reason: 'Synthetic: retention period ended' })
      .expect(200);
    expect(res.body.status).toBe('Erased');
    const child = await get(`/api/children/${placed.childId}`).expect(200);
    expect(child.body).toMatchObject({
      status: 'Erased',
      name: ERASED,
      dateOfBirth: ERASED,
      homePostcode: ERASED,
      school: ERASED,
      religion: ERASED,
      languages: ERASED,
      communication: ERASED,
      healthNeeds: ERASED,
      localAuthority: LA,
      gender: '2',
      ethnicity: 'MWBA',
      disabilities: ['NONE'],
      legalStatus: 'C2',
      cinCategory: 'N1',
      uasc: false,
      coarse: { homeSector: 'NE4 5', schoolSector: 'NE6 5' },
      erasure: { reason: 'Synthetic: retention period ended' },
    });
    expect(
      child.body.wishesAndFeelings.every((w: { summary: { erased?: boolean } }) => w.summary.erased === true),
    ).toBe(true);
    expect(JSON.stringify(child.body)).not.toContain(SYNTHETIC_FAMILY_NAME);
    // Erasing again changes nothing; another child is untouched.
    await post(`/api/children/${placed.childId}/erase`, team.senior).send({ reason: 'again' }).expect(200);
    const untouched = await get(`/api/children/${other}`).expect(200);
    expect(untouched.body.name).toEqual({ given: 'Other', family: 'Testchild' });
  });

  it('shows the request and the placement with the child’s personal fields erased and every code kept', async () => {
    const req = await get(`/api/requests/${placed.requestId}`).expect(200);
    expect(req.body.children[0]).toMatchObject({
      childId: placed.childId,
      wishesAndFeelings: { summary: ERASED },
      culturalNeeds: { need: 'required', details: ERASED },
      livesAlongside: 'any',
    });
    expect(req.body.decisions[0].howChildViewsWereWeighed[0].how).toEqual(ERASED);
    const placement = await get(`/api/placements/${placed.placementId}`).expect(200);
    expect(placement.body).toMatchObject({ status: 'Active', placementType: 'U6', homeSector: 'NE4 5' });
    expect(placement.body.reviews[0].summary).toEqual(ERASED);
    expect(JSON.stringify([req.body, placement.body])).not.toContain(SYNTHETIC_FAMILY_NAME);
  });

  it('refuses anything new written about the erased child (409), and records nothing', async () => {
    const changed = await request(h.http)
      .patch(`/api/children/${placed.childId}`)
      .set(auth(team.officer))
      .send({ legalStatus: 'C1' })
      .expect(409);
    expect(changed.body.code).toBe('CHILD.ERASED');
    const before = (await get(`/api/placements/${placed.placementId}`).expect(200)).body.revision;
    const review = await post(`/api/placements/${placed.placementId}/reviews`)
      .send({ kind: 'statutory', reviewedOn: daysAgo(0), summary: 'Synthetic: after erasure' })
      .expect(409);
    expect(review.body.code).toBe('PRIVACY.SUBJECT_ERASED');
    expect((await get(`/api/placements/${placed.placementId}`).expect(200)).body.revision).toBe(before);
  });

  it('keeps the read models free of personal data, with the same rows, after rebuilding every projection', async () => {
    const lists = async () => ({
      children: (await get('/api/children').expect(200)).body,
      requests: (await get('/api/requests').expect(200)).body,
      placements: (await get('/api/placements').expect(200)).body,
    });
    await h.settled();
    const before = await lists();
    expect(before.children.find((c: { childId: string }) => c.childId === placed.childId)).toMatchObject({
      status: 'Erased',
      gender: '2',
      legalStatus: 'C2',
    });
    const status = await request(h.http).get('/api/operator/projections').set(auth(operator)).expect(200);
    const names: string[] = status.body.map((p: { name: string }) => p.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'placements-children',
        'placements-requests',
        'placements-placements',
        'placements-admissions-suspension',
      ]),
    );
    for (const name of names) {
      await request(h.http).post(`/api/operator/projections/${name}/rebuild`).set(auth(operator)).expect(200);
    }
    await h.settled();
    expect(await lists()).toEqual(before);
    expect(await tablesHolding(SYNTHETIC_FAMILY_NAME)).toEqual([]);
    expect(await tablesHolding('NE4 5XX')).toEqual([]);
  });
});
