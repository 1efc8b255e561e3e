import request from 'supertest';
import type { AppHarness } from './app-harness';

type Http = AppHarness['http'];

/** Approval terms for a foster household taking up to two children of any age, short or long term. */
export const fosterTerms = {
  ageRange: { minYears: 0, maxYears: 17 },
  maxChildren: 2,
  maxFromOneSiblingGroup: 2,
  purposes: ['emergency', 'short-term', 'long-term'],
  disabilitySpecialisms: [],
  specialisms: [],
  adaptations: [],
  manageableRisks: [],
};

/** A household with no other children, no pets, English spoken. */
export const plainHousehold = {
  languages: ['en'],
  communicationMethods: [],
  religionsPractised: [],
  carerEthnicities: ['WBRI'],
  otherChildren: [],
  pets: [],
  smoking: 'non-smoking',
};

/** Registers a provider as the operator and issues it an API key. */
export const providerWithKey = async (
  http: Http,
  operator: string,
  name: string,
  urn: string,
  la = 'E08000021',
) => {
  const provider = await request(http)
    .post('/api/providers')
    .set('Authorization', `Bearer ${operator}`)
    .send({
      name,
      ofstedUrn: urn,
      providerCode: 'PR4',
      hostLocalAuthority: la,
      providerType: 'independent-fostering-agency',
    })
    .expect(201);
  const key = await request(http)
    .post(`/api/providers/${provider.body.providerId}/api-keys`)
    .set('Authorization', `Bearer ${operator}`)
    .send({ label: 'test' })
    .expect(201);
  return {
    providerId: provider.body.providerId as string,
    key: key.body.key as string,
    keyId: key.body.record.keyId as string,
  };
};

/** Registers an approved foster household with a household profile; returns its id. */
export const approvedHousehold = async (
  http: Http,
  key: string,
  options: { name: string; postcode: string; la?: string; terms?: object; household?: object },
): Promise<string> => {
  const setting = await request(http)
    .post('/api/settings')
    .set('X-Api-Key', key)
    .send({
      name: options.name,
      placementTypes: ['U4', 'U5', 'U6'],
      postcode: options.postcode,
      hostLocalAuthority: options.la ?? 'E08000021',
    })
    .expect(201);
  const id = setting.body.settingId as string;
  await request(http)
    .put(`/api/settings/${id}/approval-terms`)
    .set('X-Api-Key', key)
    .send(options.terms ?? fosterTerms)
    .expect(200);
  await request(http)
    .put(`/api/settings/${id}/household-profile`)
    .set('X-Api-Key', key)
    .send(options.household ?? plainHousehold)
    .expect(200);
  return id;
};

/** Opens a vacancy; returns its id. */
export const openVacancy = async (
  http: Http,
  key: string,
  settingId: string,
  places = 1,
): Promise<string> => {
  const res = await request(http)
    .post(`/api/settings/${settingId}/vacancies`)
    .set('X-Api-Key', key)
    .send({ places, availableFrom: '2026-01-01' })
    .expect(201);
  return res.body.vacancies.at(-1).vacancyId as string;
};

/** A search for one ten-year-old from Newcastle needing a short-term foster home. */
export const oneChildSearch = (over: Record<string, unknown> = {}) => ({
  children: [
    {
      ref: 'child-1',
      ageMonths: 122,
      yearGroup: 5,
      disabilities: [],
      adaptations: [],
      languages: ['en'],
      communication: [],
      culturalNeeds: [],
      uasc: false,
      risks: [],
      livesAlongside: 'any',
      cannotLiveWithPets: false,
      healthNeeds: [],
    },
  ],
  homePostcode: 'NE4 5XX',
  homeLocalAuthority: 'E08000021',
  purpose: 'short-term',
  urgency: 'over-5-days',
  emergency: false,
  suitability: { foster: true, residential: false, supported: false },
  secureCriteriaMet: false,
  ...over,
});
