import request from 'supertest';
import { DEFAULT_BEHAVIOUR_CHECKLIST, londonDate, RISK_CODES } from '@placematch/supply';
import { AppHarness, tokenFor } from './app-harness';

type Http = AppHarness['http'];

/** The placing authority of these fixtures (Newcastle upon Tyne) and another one (Hartlepool). */
export const LA = 'E08000021';
export const OTHER_LA = 'E06000001';

/** A plainly synthetic family name, searched for in every SQL table by the erasure tests. */
export const SYNTHETIC_FAMILY_NAME = 'Zzyzxsynthetic';

/** The date in England `n` days before today. */
export const daysAgo = (n: number): string => londonDate(new Date(Date.now() - n * 86_400_000));

/** A date of birth that puts a child in national curriculum `yearGroup` today (15 January of the right year). */
export const bornInYearGroup = (yearGroup: number): string => {
  const [y, m] = daysAgo(0).split('-').map(Number);
  const academicYearStart = m >= 9 ? y : y - 1;
  // Year N is the year in which a child is N + 4 on the 31 August before it starts.
  return `${academicYearStart - yearGroup - 4}-01-15`;
};

/** The placement team of an authority: an officer, a senior manager and an IRO. */
export const teamOf = async (la: string) => ({
  officer: await tokenFor('placement-officer', { la, sub: `officer-${la}` }),
  senior: await tokenFor('senior-manager', { la, sub: `senior-${la}` }),
  iro: await tokenFor('iro', { la, sub: `iro-${la}` }),
});

/** A synthetic child born in June 2015 (Year 7 in 2026-27), home and school in Newcastle districts. */
export const childBody = (over: Record<string, unknown> = {}) => ({
  name: { given: 'Test Child', family: SYNTHETIC_FAMILY_NAME },
  dateOfBirth: '2015-06-15',
  homePostcode: 'NE4 5XX',
  school: { name: 'Test Primary School', postcode: 'NE6 5XX' },
  gender: '2',
  ethnicity: 'MWBA',
  religion: 'christian',
  languages: ['en'],
  communication: [],
  disabilities: ['NONE'],
  healthNeeds: ['Synthetic health need: inhaler at school'],
  legalStatus: 'C2',
  cinCategory: 'N1',
  uasc: false,
  ...over,
});

/** Every Placements Standard v2 risk at `none`, with some set otherwise. */
export const risks = (set: Record<string, string> = {}) => ({
  ...Object.fromEntries(RISK_CODES.map((c) => [c, 'none'])),
  ...set,
});

/** One child of a request with no particular needs, foster care preferred. */
export const requestedChild = (childId: string, over: Record<string, unknown> = {}) => ({
  childId,
  communication: { needs: 'no', requirements: [] },
  adaptations: [],
  culturalNeeds: { need: 'required', details: ['Synthetic cultural need: attends church'] },
  livesAlongside: 'any',
  pets: 'yes-can',
  additionalSupport: [],
  deprivationOfLiberty: false,
  suitability: { foster: 'preferred', residential: 'suitable', supportedAccommodation: 'unsuitable' },
  risks: risks(),
  wishesAndFeelings: {
    summary: `Synthetic wishes of ${SYNTHETIC_FAMILY_NAME}: to stay near school`,
    recordedOn: daysAgo(2),
  },
  ...over,
});

/** A short-term request needed in over 5 days. */
export const requestBody = (children: object[], over: Record<string, unknown> = {}) => ({
  urgency: 'over-5-days',
  purpose: 'short-term',
  children,
  ...over,
});

/** One day of a stress report with `stressful` stressful behaviours (and one that happened calmly). */
export const stressDay = (day: string, stressful: number) => ({
  day,
  behaviours: [
    ...DEFAULT_BEHAVIOUR_CHECKLIST.items.slice(0, stressful).map((i) => ({
      item: i.code,
      outcome: 'happened-and-stressful',
    })),
    { item: DEFAULT_BEHAVIOUR_CHECKLIST.items[stressful].code, outcome: 'happened' },
  ],
});

/** Records a child as `token`'s authority; returns its id. */
export const recordChild = async (http: Http, token: string, over: Record<string, unknown> = {}) => {
  const res = await request(http)
    .post('/api/children')
    .set('Authorization', `Bearer ${token}`)
    .send(childBody(over))
    .expect(201);
  return res.body.childId as string;
};

/** `Authorization` for a token. */
export const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A request for one child, searched once; returns the request and the search. */
export const requestAndSearch = async (http: Http, officer: string, childId: string) => {
  const req = await request(http)
    .post('/api/requests')
    .set(auth(officer))
    .send(requestBody([requestedChild(childId)]))
    .expect(201);
  const requestId = req.body.requestId as string;
  const search = await request(http)
    .post(`/api/requests/${requestId}/searches`)
    .set(auth(officer))
    .send({})
    .expect(201);
  return { requestId, search: search.body as { searchId: string; results: { settingId: string }[] } };
};

/** Shortlists `settingId` from a search and refers the child to it; returns the referral's id. */
export const shortlistAndRefer = async (
  http: Http,
  officer: string,
  requestId: string,
  searchId: string,
  settingId: string,
) => {
  await request(http)
    .post(`/api/requests/${requestId}/shortlist`)
    .set(auth(officer))
    .send({ searchId, settingIds: [settingId] })
    .expect(200);
  const referred = await request(http)
    .post(`/api/requests/${requestId}/referrals`)
    .set(auth(officer))
    .send({ settingId })
    .expect(201);
  return referred.body.referrals.at(-1).referralId as string;
};

/** The provider offers the place, with its API key. */
export const offerPlace = (http: Http, key: string, referralId: string) =>
  request(http)
    .post(`/api/provider/referrals/${referralId}/response`)
    .set('X-Api-Key', key)
    .send({ response: 'offer' })
    .expect(200);

/** Decides on `settingId` (weighing the child's views, M-01) and starts the placement; returns its id. */
export const decideAndStart = async (
  http: Http,
  officer: string,
  ids: { requestId: string; childId: string; settingId: string },
  startedOn = daysAgo(10),
) => {
  await request(http)
    .post(`/api/requests/${ids.requestId}/decision`)
    .set(auth(officer))
    .send({
      settingId: ids.settingId,
      reasons: ['Near home and school'],
      howChildViewsWereWeighed: [{ childId: ids.childId, how: 'Her wish to stay near school decided it' }],
    })
    .expect(200);
  const placement = await request(http)
    .post('/api/placements')
    .set(auth(officer))
    .send({ requestId: ids.requestId, childId: ids.childId, startedOn, reasonNewEpisode: 'S' })
    .expect(201);
  return placement.body.placementId as string;
};

/**
 * The whole way from a child to a started placement at `settingId`, for tests about what comes after: a child,
 * a request, a search, the shortlist, a referral, the provider's offer, the decision and the start. The setting
 * must be in the officer's authority (no approval needed) with an open vacancy.
 */
export const placeAChild = async (
  h: AppHarness,
  team: { officer: string },
  provider: { key: string },
  settingId: string,
  childOver: Record<string, unknown> = {},
) => {
  const http = h.http;
  const childId = await recordChild(http, team.officer, childOver);
  const { requestId, search } = await requestAndSearch(http, team.officer, childId);
  const referralId = await shortlistAndRefer(http, team.officer, requestId, search.searchId, settingId);
  await h.settled();
  await offerPlace(http, provider.key, referralId);
  const placementId = await decideAndStart(http, team.officer, { requestId, childId, settingId });
  return { childId, requestId, referralId, placementId };
};

/** Waits until `check` passes, letting projections settle between tries; never a fixed sleep. */
export const eventually = async <T>(h: AppHarness, check: () => Promise<T>, tries = 50): Promise<T> => {
  let last: unknown;
  for (let i = 0; i < tries; i++) {
    await h.settled();
    try {
      return await check();
    } catch (e) {
      last = e;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  throw last;
};
