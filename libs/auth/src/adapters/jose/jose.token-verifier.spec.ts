import { FixedClock, UnauthorisedError } from '@placematch/kernel';
import { startJwksServer, TEST_JWT_SECRET, type JwksServer } from '@placematch/auth/testing';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload, type KeyLike } from 'jose';
import { JoseTokenVerifier } from './jose.token-verifier';

const LA = 'E09000001';
const NOW = new Date('2030-03-01T09:00:00Z');
const epoch = (date: Date): number => Math.floor(date.getTime() / 1000);
const secretKey = (secret: string): Uint8Array => new TextEncoder().encode(secret);

const officerClaims: JWTPayload = { sub: 'officer-1', role: 'placement-officer', la: LA };

const signHs256 = (claims: JWTPayload, secret = TEST_JWT_SECRET, exp = epoch(NOW) + 3600): Promise<string> =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(exp).sign(secretKey(secret));

const codeOf = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UnauthorisedError) return error.code;
    throw error;
  }
  throw new Error('expected the token to be refused');
};

describe('JoseTokenVerifier with a shared secret (HS256)', () => {
  const verifier = new JoseTokenVerifier({ jwtSecret: TEST_JWT_SECRET, clock: new FixedClock(NOW) });

  it('accepts a good token and gives its principal', async () => {
    await expect(verifier.verify(await signHs256(officerClaims))).resolves.toEqual({
      subject: 'officer-1',
      role: 'placement-officer',
      localAuthority: LA,
      via: 'jwt',
    });
  });

  it('refuses a token signed with another secret as AUTH.TOKEN_INVALID', async () => {
    const forged = await signHs256(officerClaims, 'another-secret-of-enough-length-0123456789');
    expect(await codeOf(verifier.verify(forged))).toBe('AUTH.TOKEN_INVALID');
  });

  it('refuses a token whose signature was tampered with', async () => {
    const [header, , signature] = (await signHs256(officerClaims)).split('.');
    const payload = Buffer.from(
      JSON.stringify({ ...officerClaims, role: 'operator', exp: epoch(NOW) + 60 }),
    ).toString('base64url');
    expect(await codeOf(verifier.verify(`${header}.${payload}.${signature}`))).toBe('AUTH.TOKEN_INVALID');
  });

  it('refuses an expired token as AUTH.TOKEN_EXPIRED, judged by the clock', async () => {
    const token = await signHs256(officerClaims, TEST_JWT_SECRET, epoch(NOW) - 60);
    expect(await codeOf(verifier.verify(token))).toBe('AUTH.TOKEN_EXPIRED');
    const earlier = new JoseTokenVerifier({
      jwtSecret: TEST_JWT_SECRET,
      clock: new FixedClock(new Date(NOW.getTime() - 120_000)),
    });
    await expect(earlier.verify(token)).resolves.toMatchObject({ subject: 'officer-1' });
  });

  it('allows a few seconds of clock skew past expiry', async () => {
    const token = await signHs256(officerClaims, TEST_JWT_SECRET, epoch(NOW) - 3);
    await expect(verifier.verify(token)).resolves.toMatchObject({ subject: 'officer-1' });
  });

  it.each(['', 'not-a-token', 'a.b.c', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.'])(
    'refuses the malformed token %j as AUTH.TOKEN_INVALID',
    async (token) => {
      expect(await codeOf(verifier.verify(token))).toBe('AUTH.TOKEN_INVALID');
    },
  );

  it('refuses a token without an expiry, which would be valid for ever', async () => {
    const token = await new SignJWT(officerClaims)
      .setProtectedHeader({ alg: 'HS256' })
      .sign(secretKey(TEST_JWT_SECRET));
    expect(await codeOf(verifier.verify(token))).toBe('AUTH.TOKEN_INVALID');
  });

  it('refuses a token signed with another algorithm than HS256', async () => {
    const token = await new SignJWT(officerClaims)
      .setProtectedHeader({ alg: 'HS512' })
      .setExpirationTime(epoch(NOW) + 60)
      .sign(secretKey(TEST_JWT_SECRET));
    expect(await codeOf(verifier.verify(token))).toBe('AUTH.TOKEN_INVALID');
  });

  it('refuses an unknown role as AUTH.ROLE_UNKNOWN and a missing scope as AUTH.SCOPE_MISSING', async () => {
    expect(await codeOf(verifier.verify(await signHs256({ sub: 'x', role: 'admin' })))).toBe(
      'AUTH.ROLE_UNKNOWN',
    );
    expect(await codeOf(verifier.verify(await signHs256({ sub: 'x', role: 'commissioner' })))).toBe(
      'AUTH.SCOPE_MISSING',
    );
  });

  it('checks the issuer and the audience when configured', async () => {
    const strict = new JoseTokenVerifier({
      jwtSecret: TEST_JWT_SECRET,
      issuer: 'https://id.example.test',
      audience: 'placematch',
      clock: new FixedClock(NOW),
    });
    const good = await signHs256({
      ...officerClaims,
      iss: 'https://id.example.test',
      aud: ['placematch', 'other'],
    });
    await expect(strict.verify(good)).resolves.toMatchObject({ subject: 'officer-1' });
    const wrongIssuer = await signHs256({ ...officerClaims, iss: 'https://evil.test', aud: 'placematch' });
    expect(await codeOf(strict.verify(wrongIssuer))).toBe('AUTH.TOKEN_INVALID');
    const wrongAudience = await signHs256({
      ...officerClaims,
      iss: 'https://id.example.test',
      aud: 'elsewhere',
    });
    expect(await codeOf(strict.verify(wrongAudience))).toBe('AUTH.TOKEN_INVALID');
    const noAudience = await signHs256({ ...officerClaims, iss: 'https://id.example.test' });
    expect(await codeOf(strict.verify(noAudience))).toBe('AUTH.TOKEN_INVALID');
  });
});

describe('JoseTokenVerifier configuration', () => {
  it.each([
    [{}, /no way to verify tokens/],
    [{ jwtSecret: TEST_JWT_SECRET, jwksUrl: 'https://id.example.test/jwks' }, /not both/],
    [{ jwtSecret: 'short' }, /at least 32 characters/],
    [{ jwksUrl: 'not a url' }, /is not a URL/],
    [{ jwksUrl: 'file:///etc/jwks.json' }, /http\(s\) URL/],
  ])('fails at construction on %j, saying how to fix it', (options, message) => {
    expect(() => new JoseTokenVerifier(options)).toThrow(message);
  });
});

describe('JoseTokenVerifier with a JWKS served over HTTP', () => {
  let trusted: { privateKey: KeyLike };
  let stranger: { privateKey: KeyLike };
  let server: JwksServer;

  const signRs256 = (
    key: KeyLike,
    kid: string | undefined,
    claims: JWTPayload = officerClaims,
  ): Promise<string> =>
    new SignJWT(claims)
      .setProtectedHeader(kid === undefined ? { alg: 'RS256' } : { alg: 'RS256', kid })
      .setExpirationTime(epoch(NOW) + 600)
      .sign(key);

  beforeAll(async () => {
    const keys = await generateKeyPair('RS256');
    trusted = keys;
    stranger = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'trusted-1', alg: 'RS256', use: 'sig' };
    server = await startJwksServer({ keys: [jwk] });
  });

  afterAll(() => server.close());

  const verifier = (): JoseTokenVerifier =>
    new JoseTokenVerifier({ jwksUrl: server.url, clock: new FixedClock(NOW) });

  it('accepts a token signed with a published key', async () => {
    await expect(verifier().verify(await signRs256(trusted.privateKey, 'trusted-1'))).resolves.toEqual({
      subject: 'officer-1',
      role: 'placement-officer',
      localAuthority: LA,
      via: 'jwt',
    });
    expect(server.fetches()).toBeGreaterThan(0);
  });

  it('refuses a token signed by another key under the published key id', async () => {
    expect(await codeOf(verifier().verify(await signRs256(stranger.privateKey, 'trusted-1')))).toBe(
      'AUTH.TOKEN_INVALID',
    );
  });

  it('refuses a token signed by another key with no key id', async () => {
    expect(await codeOf(verifier().verify(await signRs256(stranger.privateKey, undefined)))).toBe(
      'AUTH.TOKEN_INVALID',
    );
  });

  it('refuses a token naming a key the set does not hold', async () => {
    expect(await codeOf(verifier().verify(await signRs256(stranger.privateKey, 'unknown-kid')))).toBe(
      'AUTH.TOKEN_INVALID',
    );
  });

  it('refuses an HS256 token, whatever its secret: a public key set never verifies a shared secret', async () => {
    expect(await codeOf(verifier().verify(await signHs256(officerClaims)))).toBe('AUTH.TOKEN_INVALID');
  });

  it("treats a key set that cannot be fetched as the service's failure, not the caller's", async () => {
    const missing = new JoseTokenVerifier({ jwksUrl: server.url.replace('jwks.json', 'absent.json') });
    const failure = missing.verify(await signRs256(trusted.privateKey, 'trusted-1'));
    await expect(failure).rejects.toThrow();
    await expect(failure).rejects.not.toBeInstanceOf(UnauthorisedError);
  });
});
