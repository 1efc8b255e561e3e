import { UnauthorisedError } from '@placematch/kernel';
import { actorOf, checkPrincipal, principalFromClaims } from './principal';
import { isRole, ROLE_SCOPE, ROLES } from './roles';

const PROVIDER = '3f2b8c1e-5a4d-4e6f-9b7a-1c2d3e4f5a6b';

const refusal = (run: () => unknown): { kind: string; code: string } => {
  try {
    run();
  } catch (error) {
    if (error instanceof UnauthorisedError) return { kind: error.kind, code: error.code };
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('roles', () => {
  it('lists seven roles, each with a scope kind', () => {
    expect(ROLES).toHaveLength(7);
    expect(Object.keys(ROLE_SCOPE).sort()).toEqual([...ROLES].sort());
  });

  it('recognises only listed roles', () => {
    expect(isRole('iro')).toBe(true);
    expect(isRole('admin')).toBe(false);
    expect(isRole('IRO')).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});

describe('principalFromClaims', () => {
  it.each(['placement-officer', 'senior-manager', 'iro'])('gives a %s its local authority', (role) => {
    expect(principalFromClaims({ sub: 'u1', role, la: 'E09000001' })).toEqual({
      subject: 'u1',
      role,
      localAuthority: 'E09000001',
      via: 'jwt',
    });
  });

  it('gives a commissioner its region', () => {
    expect(principalFromClaims({ sub: 'c1', role: 'commissioner', region: 'north-east' })).toEqual({
      subject: 'c1',
      role: 'commissioner',
      region: 'north-east',
      via: 'jwt',
    });
  });

  it.each(['provider', 'carer'])('gives a %s its provider id', (role) => {
    expect(principalFromClaims({ sub: 'p1', role, provider: PROVIDER })).toEqual({
      subject: 'p1',
      role,
      providerId: PROVIDER,
      via: 'jwt',
    });
  });

  it('gives an operator no scope', () => {
    expect(principalFromClaims({ sub: 'o1', role: 'operator' })).toEqual({
      subject: 'o1',
      role: 'operator',
      via: 'jwt',
    });
  });

  it("keeps only the scope the role uses, so a provider claim cannot widen an officer's reach", () => {
    const principal = principalFromClaims({
      sub: 'u1',
      role: 'placement-officer',
      la: 'E08000021',
      region: 'london',
      provider: PROVIDER,
    });
    expect(principal).toEqual({
      subject: 'u1',
      role: 'placement-officer',
      localAuthority: 'E08000021',
      via: 'jwt',
    });
    expect(principalFromClaims({ sub: 'o1', role: 'operator', la: 'E09000001' })).not.toHaveProperty(
      'localAuthority',
    );
  });

  it.each([
    ['an unknown role', { sub: 'u1', role: 'admin' }],
    ['no role', { sub: 'u1' }],
    ['a role that is not a string', { sub: 'u1', role: ['operator'] }],
  ])('refuses %s with AUTH.ROLE_UNKNOWN', (_what, claims) => {
    expect(refusal(() => principalFromClaims(claims))).toEqual({
      kind: 'unauthorised',
      code: 'AUTH.ROLE_UNKNOWN',
    });
  });

  it.each([
    ['placement-officer', { la: undefined }],
    ['senior-manager', { la: '' }],
    ['iro', { region: 'london' }],
    ['commissioner', { la: 'E09000001' }],
    ['provider', {}],
    ['carer', { la: 'E09000001' }],
  ])('refuses a %s token without its scope claim with AUTH.SCOPE_MISSING', (role, scope) => {
    expect(refusal(() => principalFromClaims({ sub: 'u1', role, ...scope }))).toEqual({
      kind: 'unauthorised',
      code: 'AUTH.SCOPE_MISSING',
    });
  });

  it.each([
    ['placement-officer', { la: 'e09000001' }],
    ['placement-officer', { la: 'W06000001' }],
    ['iro', { la: 'E07000001' }],
    ['senior-manager', { la: 9000001 }],
    ['commissioner', { region: 'North East' }],
    ['provider', { provider: 'acme-fostering' }],
  ])('refuses a %s token with a malformed scope %j with AUTH.SCOPE_INVALID', (role, scope) => {
    expect(refusal(() => principalFromClaims({ sub: 'u1', role, ...scope }))).toEqual({
      kind: 'unauthorised',
      code: 'AUTH.SCOPE_INVALID',
    });
  });

  it.each([[undefined], [''], ['  '], [42]])('refuses subject %j with AUTH.TOKEN_INVALID', (sub) => {
    expect(refusal(() => principalFromClaims({ sub, role: 'operator' }))).toEqual({
      kind: 'unauthorised',
      code: 'AUTH.TOKEN_INVALID',
    });
  });
});

describe('checkPrincipal', () => {
  it('applies the token rules to a principal from another credential and keeps its kind', () => {
    expect(
      checkPrincipal({ subject: 'key-1', role: 'provider', providerId: PROVIDER, via: 'api-key' }),
    ).toEqual({
      subject: 'key-1',
      role: 'provider',
      providerId: PROVIDER,
      via: 'api-key',
    });
    expect(refusal(() => checkPrincipal({ subject: 'key-1', role: 'provider', via: 'api-key' }))).toEqual({
      kind: 'unauthorised',
      code: 'AUTH.SCOPE_MISSING',
    });
  });
});

describe('actorOf', () => {
  it('records the subject, role and whichever scope the principal carries', () => {
    expect(actorOf({ subject: 'u1', role: 'iro', localAuthority: 'E09000001', via: 'jwt' })).toEqual({
      id: 'u1',
      role: 'iro',
      scope: 'E09000001',
    });
    expect(actorOf({ subject: 'p1', role: 'provider', providerId: PROVIDER, via: 'api-key' })).toEqual({
      id: 'p1',
      role: 'provider',
      scope: PROVIDER,
    });
    expect(actorOf({ subject: 'o1', role: 'operator', via: 'jwt' })).toEqual({ id: 'o1', role: 'operator' });
  });
});
