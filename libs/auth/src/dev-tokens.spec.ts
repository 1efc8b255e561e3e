import { FixedClock, isUuid, UnauthorisedError } from '@placematch/kernel';
import { TEST_JWT_SECRET } from '@placematch/auth/testing';
import { decodeJwt } from 'jose';
import { JoseTokenVerifier } from './adapters/jose/jose.token-verifier';
import { DEV_SCOPES, devTokensForAllRoles, formatDevTokens, mintDevToken } from './dev-tokens';
import { isLocalAuthorityCode } from './principal';
import { ROLES } from './roles';

const NOW = new Date('2030-03-01T09:00:00Z');

describe('mintDevToken', () => {
  it('mints a token the verifier accepts until it expires', async () => {
    const clock = new FixedClock(NOW);
    const verifier = new JoseTokenVerifier({ jwtSecret: TEST_JWT_SECRET, clock });
    const token = await mintDevToken(TEST_JWT_SECRET, { sub: 'u1', role: 'iro', la: 'E06000047' }, 600, {
      now: NOW,
    });
    await expect(verifier.verify(token)).resolves.toEqual({
      subject: 'u1',
      role: 'iro',
      localAuthority: 'E06000047',
      via: 'jwt',
    });
    clock.advance(601_000 + 5_000);
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'AUTH.TOKEN_EXPIRED' });
  });

  it('sets the issuer and audience when asked', async () => {
    const token = await mintDevToken(TEST_JWT_SECRET, { sub: 'o1', role: 'operator' }, 60, {
      issuer: 'placematch-dev',
      audience: 'placematch',
      now: NOW,
    });
    expect(decodeJwt(token)).toMatchObject({
      iss: 'placematch-dev',
      aud: 'placematch',
      iat: NOW.getTime() / 1000,
      exp: NOW.getTime() / 1000 + 60,
    });
  });

  it('refuses to mint what the verifier would refuse', async () => {
    await expect(mintDevToken('short', { sub: 'o1', role: 'operator' })).rejects.toThrow(/at least 32/);
    await expect(mintDevToken(TEST_JWT_SECRET, { sub: 'o1', role: 'operator' }, 0)).rejects.toThrow(
      /positive/,
    );
    await expect(mintDevToken(TEST_JWT_SECRET, { sub: 'c1', role: 'commissioner' })).rejects.toBeInstanceOf(
      UnauthorisedError,
    );
  });
});

describe('devTokensForAllRoles', () => {
  it('mints one token per role, each accepted with the scope its role uses', async () => {
    const verifier = new JoseTokenVerifier({ jwtSecret: TEST_JWT_SECRET, clock: new FixedClock(NOW) });
    const tokens = await devTokensForAllRoles(TEST_JWT_SECRET, { now: NOW });
    expect(Object.keys(tokens).sort()).toEqual([...ROLES].sort());
    const principals = await Promise.all(ROLES.map((role) => verifier.verify(tokens[role].token)));
    expect(principals).toEqual([
      {
        subject: 'dev-placement-officer',
        role: 'placement-officer',
        localAuthority: 'E09999999',
        via: 'jwt',
      },
      { subject: 'dev-senior-manager', role: 'senior-manager', localAuthority: 'E09999999', via: 'jwt' },
      { subject: 'dev-iro', role: 'iro', localAuthority: 'E09999999', via: 'jwt' },
      { subject: 'dev-commissioner', role: 'commissioner', region: 'london', via: 'jwt' },
      { subject: 'dev-provider', role: 'provider', providerId: DEV_SCOPES.providerId, via: 'jwt' },
      { subject: 'dev-carer', role: 'carer', providerId: DEV_SCOPES.providerId, via: 'jwt' },
      { subject: 'dev-operator', role: 'operator', via: 'jwt' },
    ]);
    expect(tokens.operator.expiresAt).toBe('2030-03-01T17:00:00.000Z');
  });

  it('uses synthetic scopes of a valid form', () => {
    expect(isLocalAuthorityCode(DEV_SCOPES.localAuthority)).toBe(true);
    expect(isUuid(DEV_SCOPES.providerId)).toBe(true);
  });

  it('takes other scopes and lifetimes', async () => {
    const tokens = await devTokensForAllRoles(TEST_JWT_SECRET, {
      localAuthority: 'E08000021',
      region: 'north-east',
      ttlSeconds: 3600,
      now: NOW,
    });
    expect(decodeJwt(tokens.iro.token)).toMatchObject({ la: 'E08000021', exp: NOW.getTime() / 1000 + 3600 });
    expect(decodeJwt(tokens.commissioner.token)).toMatchObject({ region: 'north-east' });
    expect(decodeJwt(tokens.commissioner.token)).not.toHaveProperty('la');
  });
});

describe('formatDevTokens', () => {
  it('prints one aligned line per role, in the order of ROLES', async () => {
    const tokens = await devTokensForAllRoles(TEST_JWT_SECRET, { now: NOW });
    const lines = formatDevTokens(tokens).split('\n');
    expect(lines).toHaveLength(ROLES.length);
    expect(lines.map((line) => line.split(/\s+/))).toEqual(
      ROLES.map((role) => [
        role,
        {
          'placement-officer': 'la=E09999999',
          'senior-manager': 'la=E09999999',
          iro: 'la=E09999999',
          commissioner: 'region=london',
          provider: `provider=${DEV_SCOPES.providerId}`,
          carer: `provider=${DEV_SCOPES.providerId}`,
          operator: '-',
        }[role],
        tokens[role].token,
      ]),
    );
    expect(new Set(lines.map((line) => line.indexOf(tokens.operator.token.slice(0, 10)))).size).toBe(1);
  });
});
