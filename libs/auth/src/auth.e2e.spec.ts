import {
  Controller,
  Get,
  Injectable,
  Module,
  type DynamicModule,
  type INestApplication,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { UnauthorisedError } from '@placematch/kernel';
import {
  bearer,
  startJwksServer,
  TEST_JWT_SECRET,
  TestDomainErrorFilter,
  type JwksServer,
} from '@placematch/auth/testing';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload, type KeyLike } from 'jose';
import request from 'supertest';
import type { TokenVerifierOptions } from './adapters/jose/jose.token-verifier';
import { AuthModule, type AuthModuleOptions } from './auth.module';
import type { AuthRequest, CredentialResolver } from './credential-resolver';
import { CurrentPrincipal, Public, Roles } from './decorators';
import { mintDevToken } from './dev-tokens';
import type { Principal } from './principal';

const LA = 'E09000001';
const PROVIDER = '3f2b8c1e-5a4d-4e6f-9b7a-1c2d3e4f5a6b';
const epoch = (date: Date): number => Math.floor(date.getTime() / 1000);

/** How many times each handler ran: a refused call must leave its counter alone. */
const runs = { requests: 0, undeclared: 0, health: 0, operatorOnly: 0, openList: 0, openClosed: 0 };

@Controller('requests')
class RequestsController {
  @Get()
  @Roles('placement-officer', 'senior-manager')
  list(@CurrentPrincipal() principal: Principal): Principal {
    runs.requests += 1;
    return principal;
  }

  @Get('undeclared')
  undeclared(): string {
    runs.undeclared += 1;
    return 'should never run';
  }
}

@Controller('health')
class HealthController {
  @Get()
  @Public()
  health(): { ok: boolean } {
    runs.health += 1;
    return { ok: true };
  }
}

@Controller('ops')
@Roles('operator')
class OpsController {
  @Get()
  operatorOnly(@CurrentPrincipal() principal: Principal): Principal {
    runs.operatorOnly += 1;
    return principal;
  }
}

@Controller('open')
@Public()
class OpenController {
  @Get()
  list(): string {
    runs.openList += 1;
    return 'open';
  }

  @Get('closed')
  @Roles('operator')
  closed(): string {
    runs.openClosed += 1;
    return 'closed';
  }
}

/** Keys a test API-key store would hold; the resolvers read them through Nest's injection. */
@Injectable()
class TestKeyStore {
  private readonly keys = new Map<string, Principal>([
    ['key-acme', { subject: 'apikey-acme', role: 'provider', providerId: PROVIDER, via: 'api-key' }],
    ['key-unscoped', { subject: 'apikey-broken', role: 'provider', via: 'api-key' }],
    [
      'key-officer',
      { subject: 'apikey-officer', role: 'placement-officer', localAuthority: LA, via: 'api-key' },
    ],
  ]);
  lookUp(key: string): Principal | undefined {
    return this.keys.get(key);
  }
}

@Module({ providers: [TestKeyStore], exports: [TestKeyStore] })
class TestKeyStoreModule {}

/** Resolves `X-Api-Key`; an unknown key is refused outright rather than passed on to the Bearer check. */
@Injectable()
class TestApiKeyResolver implements CredentialResolver {
  constructor(private readonly store: TestKeyStore) {}
  async resolve(request: AuthRequest): Promise<Principal | null> {
    const key = request.headers['x-api-key'];
    if (typeof key !== 'string') return null;
    const principal = this.store.lookUp(key);
    if (principal === undefined) throw new UnauthorisedError('APIKEY.UNKNOWN', 'Unknown API key.');
    return principal;
  }
}

const boot = async (options: AuthModuleOptions): Promise<INestApplication> => {
  const moduleRef = await Test.createTestingModule({
    imports: [AuthModule.forRoot(options)],
    controllers: [RequestsController, HealthController, OpsController, OpenController],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.useGlobalFilters(new TestDomainErrorFilter());
  return app.init();
};

const signHs256 = (
  claims: JWTPayload,
  secret = TEST_JWT_SECRET,
  exp = epoch(new Date()) + 600,
): Promise<string> =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(secret));

beforeEach(() => {
  for (const key of Object.keys(runs) as (keyof typeof runs)[]) runs[key] = 0;
});

describe('AuthModule with a shared secret', () => {
  let app: INestApplication;
  let officer: string;

  beforeAll(async () => {
    app = await boot({ jwtSecret: TEST_JWT_SECRET });
    officer = await mintDevToken(TEST_JWT_SECRET, { sub: 'officer-1', role: 'placement-officer', la: LA });
  });
  afterAll(() => app.close());

  const get = (path: string) => request(app.getHttpServer()).get(path);

  it('accepts a good token and hands the handler its principal', async () => {
    const response = await get('/requests').set('Authorization', bearer(officer)).expect(200);
    expect(response.body).toEqual({
      subject: 'officer-1',
      role: 'placement-officer',
      localAuthority: LA,
      via: 'jwt',
    });
    expect(runs.requests).toBe(1);
  });

  it('accepts the scheme in any case', async () => {
    await get('/requests').set('Authorization', `bearer ${officer}`).expect(200);
  });

  it.each([
    ['no Authorization header', undefined],
    ['an empty header', ''],
    ['another scheme', `Basic ${Buffer.from('officer:pw').toString('base64')}`],
    ['a scheme without a token', 'Bearer '],
  ])('answers 401 AUTH.MISSING_CREDENTIALS for %s', async (_what, header) => {
    const call = get('/requests');
    if (header !== undefined) call.set('Authorization', header);
    const response = await call.expect(401);
    expect(response.body).toMatchObject({ code: 'AUTH.MISSING_CREDENTIALS' });
    expect(runs.requests).toBe(0);
  });

  it('answers 401 AUTH.TOKEN_INVALID for a token signed with another secret', async () => {
    const forged = await signHs256({ sub: 'x', role: 'placement-officer', la: LA }, 'z'.repeat(40));
    const response = await get('/requests').set('Authorization', bearer(forged)).expect(401);
    expect(response.body).toEqual({ code: 'AUTH.TOKEN_INVALID', message: expect.any(String), details: {} });
    expect(runs.requests).toBe(0);
  });

  it('answers 401 AUTH.TOKEN_EXPIRED for an expired token', async () => {
    const issuedAt = new Date(Date.now() - 2 * 60 * 60 * 1000);
    const expired = await mintDevToken(
      TEST_JWT_SECRET,
      { sub: 'officer-1', role: 'placement-officer', la: LA },
      3600,
      {
        now: issuedAt,
      },
    );
    const response = await get('/requests').set('Authorization', bearer(expired)).expect(401);
    expect(response.body.code).toBe('AUTH.TOKEN_EXPIRED');
    expect(runs.requests).toBe(0);
  });

  it('answers 401 AUTH.ROLE_UNKNOWN for a role that does not exist', async () => {
    const token = await signHs256({ sub: 'x', role: 'superuser', la: LA });
    const response = await get('/requests').set('Authorization', bearer(token)).expect(401);
    expect(response.body.code).toBe('AUTH.ROLE_UNKNOWN');
  });

  it('answers 401 AUTH.SCOPE_MISSING for a role without its scope claim', async () => {
    const token = await signHs256({ sub: 'x', role: 'placement-officer' });
    const response = await get('/requests').set('Authorization', bearer(token)).expect(401);
    expect(response.body).toMatchObject({
      code: 'AUTH.SCOPE_MISSING',
      details: { role: 'placement-officer', claim: 'la' },
    });
    expect(runs.requests).toBe(0);
  });

  it('answers 403 AUTH.ROLE_FORBIDDEN for a role not listed, and the handler never runs', async () => {
    const provider = await mintDevToken(TEST_JWT_SECRET, { sub: 'p1', role: 'provider', provider: PROVIDER });
    const response = await get('/requests').set('Authorization', bearer(provider)).expect(403);
    expect(response.body).toMatchObject({ code: 'AUTH.ROLE_FORBIDDEN', details: { role: 'provider' } });
    expect(runs.requests).toBe(0);
  });

  it('lets a @Public() endpoint run without a token, and with a bad one', async () => {
    await get('/health').expect(200, { ok: true });
    await get('/health').set('Authorization', 'Bearer garbage').expect(200);
    expect(runs.health).toBe(2);
  });

  it('closes an endpoint with neither @Public() nor @Roles() to everyone, with or without a token', async () => {
    const operator = await mintDevToken(TEST_JWT_SECRET, { sub: 'o1', role: 'operator' });
    const withToken = await get('/requests/undeclared').set('Authorization', bearer(operator)).expect(403);
    expect(withToken.body.code).toBe('AUTH.ROUTE_NOT_DECLARED');
    const without = await get('/requests/undeclared').expect(403);
    expect(without.body.code).toBe('AUTH.ROUTE_NOT_DECLARED');
    expect(runs.undeclared).toBe(0);
  });

  it("applies a controller's @Roles() to its methods", async () => {
    const operator = await mintDevToken(TEST_JWT_SECRET, { sub: 'o1', role: 'operator' });
    await get('/ops').set('Authorization', bearer(operator)).expect(200);
    await get('/ops').set('Authorization', bearer(officer)).expect(403);
    await get('/ops').expect(401);
    expect(runs.operatorOnly).toBe(1);
  });

  it("lets a method's @Roles() close one endpoint of a @Public() controller", async () => {
    await get('/open').expect(200);
    await get('/open/closed').expect(401);
    await get('/open/closed').set('Authorization', bearer(officer)).expect(403);
    expect(runs).toMatchObject({ openList: 1, openClosed: 0 });
  });
});

describe('AuthModule with credential resolvers', () => {
  let app: INestApplication;
  let officer: string;

  beforeAll(async () => {
    app = await boot({
      jwtSecret: TEST_JWT_SECRET,
      imports: [TestKeyStoreModule],
      credentialResolvers: [TestApiKeyResolver],
    });
    officer = await mintDevToken(TEST_JWT_SECRET, { sub: 'officer-1', role: 'placement-officer', la: LA });
  });
  afterAll(() => app.close());

  const get = (path: string) => request(app.getHttpServer()).get(path);

  it('consults the resolver first, and its principal wins over a Bearer token', async () => {
    const response = await get('/requests')
      .set('X-Api-Key', 'key-officer')
      .set('Authorization', 'Bearer not-even-a-token')
      .expect(200);
    expect(response.body).toEqual({
      subject: 'apikey-officer',
      role: 'placement-officer',
      localAuthority: LA,
      via: 'api-key',
    });
  });

  it("checks the resolver's principal against the endpoint's roles", async () => {
    const response = await get('/requests').set('X-Api-Key', 'key-acme').expect(403);
    expect(response.body.code).toBe('AUTH.ROLE_FORBIDDEN');
    expect(runs.requests).toBe(0);
  });

  it('refuses a resolved principal without the scope its role needs', async () => {
    const response = await get('/requests')
      .set('X-Api-Key', 'key-unscoped')
      .set('Authorization', bearer(officer));
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('AUTH.SCOPE_MISSING');
  });

  it("lets a resolver's refusal stand rather than fall through to the Bearer token", async () => {
    const response = await get('/requests')
      .set('X-Api-Key', 'key-stolen')
      .set('Authorization', bearer(officer));
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('APIKEY.UNKNOWN');
    expect(runs.requests).toBe(0);
  });

  it('falls back to the Bearer token when no resolver recognises the request', async () => {
    const response = await get('/requests').set('Authorization', bearer(officer)).expect(200);
    expect(response.body.via).toBe('jwt');
  });

  it('takes resolver instances as well as classes, in the order given', async () => {
    const seen: string[] = [];
    const first: CredentialResolver = {
      resolve: async () => {
        seen.push('first');
        return null;
      },
    };
    const last: CredentialResolver = {
      resolve: async () => {
        seen.push('last');
        return { subject: 'svc', role: 'operator', via: 'api-key' };
      },
    };
    const mixed = await boot({
      jwtSecret: TEST_JWT_SECRET,
      imports: [TestKeyStoreModule],
      credentialResolvers: [first, TestApiKeyResolver, last],
    });
    try {
      const response = await request(mixed.getHttpServer()).get('/ops').expect(200);
      expect(response.body.subject).toBe('svc');
      expect(seen).toEqual(['first', 'last']);
      await request(mixed.getHttpServer()).get('/ops').set('X-Api-Key', 'key-acme').expect(403);
      expect(seen).toEqual(['first', 'last', 'first']);
    } finally {
      await mixed.close();
    }
  });
});

describe('AuthModule with a JWKS', () => {
  let app: INestApplication;
  let server: JwksServer;
  let trustedKey: KeyLike;
  let strangerKey: KeyLike;

  beforeAll(async () => {
    const trusted = await generateKeyPair('RS256');
    trustedKey = trusted.privateKey;
    strangerKey = (await generateKeyPair('RS256')).privateKey;
    server = await startJwksServer({
      keys: [{ ...(await exportJWK(trusted.publicKey)), kid: 'k1', alg: 'RS256' }],
    });
    app = await boot({ jwksUrl: server.url, issuer: 'https://id.example.test', audience: 'placematch' });
  });
  afterAll(async () => {
    await app.close();
    await server.close();
  });

  const signRs256 = (key: KeyLike, claims: JWTPayload): Promise<string> =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer('https://id.example.test')
      .setAudience('placematch')
      .setExpirationTime('10m')
      .sign(key);

  it('accepts a token signed with a published key', async () => {
    const token = await signRs256(trustedKey, { sub: 'sm-1', role: 'senior-manager', la: LA });
    const response = await request(app.getHttpServer())
      .get('/requests')
      .set('Authorization', bearer(token))
      .expect(200);
    expect(response.body).toMatchObject({ subject: 'sm-1', role: 'senior-manager' });
  });

  it('refuses a token signed with another key', async () => {
    const token = await signRs256(strangerKey, { sub: 'sm-1', role: 'senior-manager', la: LA });
    const response = await request(app.getHttpServer())
      .get('/requests')
      .set('Authorization', bearer(token))
      .expect(401);
    expect(response.body.code).toBe('AUTH.TOKEN_INVALID');
    expect(runs.requests).toBe(0);
  });

  it('refuses a development token signed with a shared secret', async () => {
    const token = await mintDevToken(TEST_JWT_SECRET, { sub: 'sm-1', role: 'senior-manager', la: LA }, 600, {
      issuer: 'https://id.example.test',
      audience: 'placematch',
    });
    await request(app.getHttpServer()).get('/requests').set('Authorization', bearer(token)).expect(401);
  });
});

const TEST_AUTH_CONFIG = Symbol('TEST_AUTH_CONFIG');

/** Stands where the product's configuration module would: it exports the token options. */
@Module({})
class TestConfigModule {
  static with(options: TokenVerifierOptions): DynamicModule {
    return {
      module: TestConfigModule,
      providers: [{ provide: TEST_AUTH_CONFIG, useValue: options }],
      exports: [TEST_AUTH_CONFIG],
    };
  }
}

const bootAsync = async (options: TokenVerifierOptions): Promise<INestApplication> => {
  const moduleRef = await Test.createTestingModule({
    imports: [
      AuthModule.forRootAsync({
        imports: [TestConfigModule.with(options), TestKeyStoreModule],
        inject: [TEST_AUTH_CONFIG],
        useFactory: (config: TokenVerifierOptions) => config,
        credentialResolvers: [TestApiKeyResolver],
      }),
    ],
    controllers: [RequestsController],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.useGlobalFilters(new TestDomainErrorFilter());
  return app.init();
};

describe('AuthModule configuration', () => {
  it('fails at start without a way to verify tokens', () => {
    expect(() => AuthModule.forRoot({})).toThrow(/jwksUrl/);
  });

  it('takes its options from a factory with forRootAsync', async () => {
    const app = await bootAsync({ jwtSecret: TEST_JWT_SECRET });
    try {
      const officer = await mintDevToken(TEST_JWT_SECRET, {
        sub: 'officer-1',
        role: 'placement-officer',
        la: LA,
      });
      await request(app.getHttpServer()).get('/requests').set('Authorization', bearer(officer)).expect(200);
      await request(app.getHttpServer()).get('/requests').set('X-Api-Key', 'key-officer').expect(200);
      await request(app.getHttpServer()).get('/requests').expect(401);
      await request(app.getHttpServer()).get('/requests/undeclared').expect(403);
    } finally {
      await app.close();
    }
  });

  it('fails the start when the factory gives unusable options', async () => {
    await expect(bootAsync({ jwtSecret: 'too-short' })).rejects.toThrow(/at least 32 characters/);
  });
});
