import { SignJWT } from 'jose';
import { MIN_SECRET_LENGTH } from './adapters/jose/jose.token-verifier';
import { principalFromClaims } from './principal';
import { ROLES, type Role } from './roles';

/** The claims of a development token, as the verifier reads them. */
export interface DevTokenClaims {
  sub: string;
  role: Role;
  /** ONS local authority code, for placement officers, senior managers and IROs. */
  la?: string;
  /** Region slug, for commissioners. */
  region?: string;
  /** Provider UUID, for providers and carers. */
  provider?: string;
}

/** Extra claims and the time to mint at. */
export interface MintOptions {
  issuer?: string;
  audience?: string;
  /** When the token is issued; default now. Tokens are valid from then for the ttl. */
  now?: Date;
}

/** Eight hours: a working day. */
export const DEFAULT_DEV_TOKEN_TTL_SECONDS = 8 * 60 * 60;

/**
 * Synthetic scopes for development tokens: valid in form, matching no real authority or provider
 * (London borough codes stop at E09000033).
 */
export const DEV_SCOPES = {
  localAuthority: 'E09999999',
  region: 'london',
  providerId: 'dddddddd-0000-4000-8000-000000000001',
} as const;

/**
 * Signs an HS256 token for development and tests. Refuses (throws) a secret the verifier would refuse, a
 * ttl that is not a positive whole number of seconds, and claims the verifier would refuse (unknown role,
 * missing or malformed scope), so a minted token is always one the verifier accepts until it expires.
 */
export const mintDevToken = async (
  secret: string,
  claims: DevTokenClaims,
  ttlSeconds: number = DEFAULT_DEV_TOKEN_TTL_SECONDS,
  options: MintOptions = {},
): Promise<string> => {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`mintDevToken: the secret must be at least ${MIN_SECRET_LENGTH} characters.`);
  }
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw new Error(`mintDevToken: ttlSeconds must be a positive whole number, not ${ttlSeconds}.`);
  }
  principalFromClaims({ ...claims });
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const jwt = new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds);
  if (options.issuer !== undefined) jwt.setIssuer(options.issuer);
  if (options.audience !== undefined) jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(secret));
};

/** What {@link devTokensForAllRoles} gives for each role. */
export interface DevToken {
  role: Role;
  claims: DevTokenClaims;
  token: string;
  /** ISO-8601 expiry. */
  expiresAt: string;
}

/** The scopes, lifetime and claims to mint development tokens with; each defaults to {@link DEV_SCOPES}. */
export interface DevTokenDefaults extends MintOptions {
  localAuthority?: string;
  region?: string;
  providerId?: string;
  ttlSeconds?: number;
}

/**
 * Mints one development token per role, each with only the scope claim its role uses. Subjects are
 * `dev-<role>`, so every role is a different person.
 */
export const devTokensForAllRoles = async (
  secret: string,
  defaults: DevTokenDefaults = {},
): Promise<Record<Role, DevToken>> => {
  const now = defaults.now ?? new Date();
  const ttlSeconds = defaults.ttlSeconds ?? DEFAULT_DEV_TOKEN_TTL_SECONDS;
  const la = defaults.localAuthority ?? DEV_SCOPES.localAuthority;
  const region = defaults.region ?? DEV_SCOPES.region;
  const provider = defaults.providerId ?? DEV_SCOPES.providerId;
  const scopeOf: Record<Role, Omit<DevTokenClaims, 'sub' | 'role'>> = {
    'placement-officer': { la },
    'senior-manager': { la },
    iro: { la },
    commissioner: { region },
    provider: { provider },
    carer: { provider },
    operator: {},
  };
  const expiresAt = new Date((Math.floor(now.getTime() / 1000) + ttlSeconds) * 1000).toISOString();
  const mintOptions: MintOptions = { issuer: defaults.issuer, audience: defaults.audience, now };
  const entries = await Promise.all(
    ROLES.map(async (role): Promise<[Role, DevToken]> => {
      const claims: DevTokenClaims = { sub: `dev-${role}`, role, ...scopeOf[role] };
      const token = await mintDevToken(secret, claims, ttlSeconds, mintOptions);
      return [role, { role, claims, token, expiresAt }];
    }),
  );
  return Object.fromEntries(entries) as Record<Role, DevToken>;
};

/**
 * One line per role, in the order of `ROLES`: the role, its scope claim and the token, aligned, for a
 * terminal (`export TOKEN=…` by copy and paste).
 */
export const formatDevTokens = (tokens: Readonly<Record<Role, DevToken>>): string => {
  const width = Math.max(...ROLES.map((role) => role.length));
  const scopes = ROLES.map((role) => {
    const { la, region, provider } = tokens[role].claims;
    if (la !== undefined) return `la=${la}`;
    if (region !== undefined) return `region=${region}`;
    if (provider !== undefined) return `provider=${provider}`;
    return '-';
  });
  const scopeWidth = Math.max(...scopes.map((scope) => scope.length));
  return ROLES.map(
    (role, i) => `${role.padEnd(width)}  ${scopes[i].padEnd(scopeWidth)}  ${tokens[role].token}`,
  ).join('\n');
};
