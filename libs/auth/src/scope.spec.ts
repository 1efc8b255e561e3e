import { DomainError } from '@placematch/kernel';
import type { Principal } from './principal';
import { assertInScope, assertLocalAuthority, assertProvider, assertRegion, inScope } from './scope';

const LA = 'E09000001';
const OTHER_LA = 'E09000002';
const PROVIDER = '3f2b8c1e-5a4d-4e6f-9b7a-1c2d3e4f5a6b';
const OTHER_PROVIDER = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

const officer: Principal = { subject: 'u1', role: 'placement-officer', localAuthority: LA, via: 'jwt' };
const iro: Principal = { subject: 'u2', role: 'iro', localAuthority: LA, via: 'jwt' };
const commissioner: Principal = { subject: 'c1', role: 'commissioner', region: 'london', via: 'jwt' };
const provider: Principal = { subject: 'p1', role: 'provider', providerId: PROVIDER, via: 'api-key' };
const carer: Principal = { subject: 'k1', role: 'carer', providerId: PROVIDER, via: 'jwt' };
const operator: Principal = { subject: 'o1', role: 'operator', via: 'jwt' };

const refusal = (run: () => void): Pick<DomainError, 'kind' | 'code' | 'message' | 'details'> | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { kind: error.kind, code: error.code, message: error.message, details: error.details };
  }
};

describe('assertLocalAuthority', () => {
  it("lets an authority's staff and an operator touch the authority's records", () => {
    for (const principal of [officer, iro, operator]) {
      expect(refusal(() => assertLocalAuthority(principal, LA))).toBeUndefined();
    }
  });

  it("answers 404 with nothing about the record when another authority's record is touched", () => {
    expect(refusal(() => assertLocalAuthority(officer, OTHER_LA))).toEqual({
      kind: 'not_found',
      code: 'SCOPE.OUT_OF_SCOPE',
      message: 'Not found.',
      details: {},
    });
  });

  it('refuses providers, carers and commissioners every authority record', () => {
    for (const principal of [provider, carer, commissioner]) {
      expect(refusal(() => assertLocalAuthority(principal, LA))?.code).toBe('SCOPE.OUT_OF_SCOPE');
    }
  });

  it("can answer with the handler's own not-found, so the two cannot be told apart", () => {
    expect(refusal(() => assertLocalAuthority(officer, OTHER_LA, { code: 'REQUEST.NOT_FOUND' }))).toEqual({
      kind: 'not_found',
      code: 'REQUEST.NOT_FOUND',
      message: 'REQUEST.NOT_FOUND',
      details: {},
    });
    expect(
      refusal(() =>
        assertLocalAuthority(officer, OTHER_LA, { code: 'CHILD.NOT_FOUND', message: 'No such child.' }),
      ),
    ).toMatchObject({ code: 'CHILD.NOT_FOUND', message: 'No such child.' });
  });
});

describe('assertProvider', () => {
  it("lets the provider, its carers and an operator touch the provider's records", () => {
    for (const principal of [provider, carer, operator]) {
      expect(refusal(() => assertProvider(principal, PROVIDER))).toBeUndefined();
    }
  });

  it("answers 404 for another provider's records and for authority staff", () => {
    for (const [principal, providerId] of [
      [provider, OTHER_PROVIDER],
      [carer, OTHER_PROVIDER],
      [officer, PROVIDER],
      [commissioner, PROVIDER],
    ] as const) {
      expect(refusal(() => assertProvider(principal, providerId))).toMatchObject({
        kind: 'not_found',
        code: 'SCOPE.OUT_OF_SCOPE',
      });
    }
  });
});

describe('assertInScope', () => {
  const referral = { localAuthority: LA, providerId: PROVIDER };

  it('lets either owner of a shared record touch it', () => {
    expect(inScope(officer, referral)).toBe(true);
    expect(inScope(provider, referral)).toBe(true);
    expect(refusal(() => assertInScope(carer, referral))).toBeUndefined();
  });

  it('refuses everyone else with a 404', () => {
    const elsewhere = { localAuthority: OTHER_LA, providerId: OTHER_PROVIDER };
    expect(inScope(officer, elsewhere)).toBe(false);
    expect(inScope(provider, elsewhere)).toBe(false);
    expect(refusal(() => assertInScope(commissioner, referral))?.kind).toBe('not_found');
  });

  it('never matches an absent scope against an absent owner', () => {
    expect(inScope(commissioner, {})).toBe(false);
    expect(inScope(officer, { providerId: PROVIDER })).toBe(false);
  });
});

describe('assertRegion', () => {
  it("lets the region's commissioner and an operator see its aggregates", () => {
    expect(refusal(() => assertRegion(commissioner, 'london'))).toBeUndefined();
    expect(refusal(() => assertRegion(operator, 'north-east'))).toBeUndefined();
  });

  it('answers 403 for another region, since the list of regions is public', () => {
    expect(refusal(() => assertRegion(commissioner, 'north-east'))).toMatchObject({
      kind: 'forbidden',
      code: 'SCOPE.REGION_FORBIDDEN',
    });
  });

  it('refuses callers without a region', () => {
    for (const principal of [officer, provider, carer]) {
      expect(refusal(() => assertRegion(principal, 'london'))?.code).toBe('SCOPE.REGION_FORBIDDEN');
    }
  });
});
