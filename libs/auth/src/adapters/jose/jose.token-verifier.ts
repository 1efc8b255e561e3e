import { systemClock, UnauthorisedError, type Clock } from '@placematch/kernel';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyOptions } from 'jose';
import { AUTH_CODES } from '../../codes';
import { principalFromClaims, type Principal } from '../../principal';
import type { TokenVerifier } from '../../token-verifier.port';

/** The shortest HS256 secret accepted: 32 bytes, the length of the hash, below which the key is weaker. */
export const MIN_SECRET_LENGTH = 32;

/** The asymmetric algorithms accepted from a JWKS. Symmetric ones never are: a JWKS is public. */
export const JWKS_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];

/**
 * Where keys come from and what else a token must satisfy. Exactly one of `jwtSecret` (development: HS256
 * with a shared secret) and `jwksUrl` (production: the identity provider's published keys) is required.
 */
export interface TokenVerifierOptions {
  /** A shared HS256 secret of at least {@link MIN_SECRET_LENGTH} characters. Development only. */
  jwtSecret?: string;
  /** The `http(s)` URL of a JSON Web Key Set; keys are fetched on demand and cached. */
  jwksUrl?: string;
  /** When set, a token's `iss` must equal it. */
  issuer?: string;
  /** When set, a token's `aud` must contain it. */
  audience?: string;
  /** Leeway for `exp` and `nbf` against clock skew with the token issuer; default 5 seconds. */
  clockToleranceSeconds?: number;
  /** The time tokens are judged at; default the system clock. */
  clock?: Clock;
}

type Verify = (token: string, options: JWTVerifyOptions) => Promise<{ payload: JWTPayload }>;

/**
 * Checks the options and says how to fix them; called at start so a bad configuration fails there and
 * not on the first request.
 */
const keySource = (options: TokenVerifierOptions): { verify: Verify; algorithms: string[] } => {
  const { jwtSecret, jwksUrl } = options;
  if (jwtSecret !== undefined && jwksUrl !== undefined) {
    throw new Error(
      'Auth: set either jwtSecret (development, HS256) or jwksUrl (production), not both: a production ' +
        'service must not also accept tokens signed with a development secret.',
    );
  }
  if (jwtSecret !== undefined) {
    if (jwtSecret.length < MIN_SECRET_LENGTH) {
      throw new Error(
        `Auth: jwtSecret must be at least ${MIN_SECRET_LENGTH} characters; generate one with ` +
          "`node -e \"console.log(require('crypto').randomBytes(32).toString('base64url'))\"`.",
      );
    }
    const key = new TextEncoder().encode(jwtSecret);
    return { verify: (token, verifyOptions) => jwtVerify(token, key, verifyOptions), algorithms: ['HS256'] };
  }
  if (jwksUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(jwksUrl);
    } catch {
      throw new Error(`Auth: jwksUrl '${jwksUrl}' is not a URL; give the identity provider's JWKS address.`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new Error(`Auth: jwksUrl must be an http(s) URL, not '${url.protocol}'.`);
    }
    const keys = createRemoteJWKSet(url);
    return {
      verify: (token, verifyOptions) => jwtVerify(token, keys, verifyOptions),
      algorithms: JWKS_ALGORITHMS,
    };
  }
  throw new Error(
    "Auth: no way to verify tokens. Set jwksUrl to the identity provider's JWKS URL (production) or " +
      `jwtSecret to a shared secret of at least ${MIN_SECRET_LENGTH} characters (development).`,
  );
};

/** Errors that mean the token is bad; anything else (an unreachable or broken key set) is ours. */
const INVALID_TOKEN_ERRORS = [
  errors.JWSInvalid,
  errors.JWTInvalid,
  errors.JWSSignatureVerificationFailed,
  errors.JOSEAlgNotAllowed,
  errors.JOSENotSupported,
  errors.JWKSNoMatchingKey,
  errors.JWKSMultipleMatchingKeys,
];

const toAuthError = (error: unknown): unknown => {
  if (error instanceof errors.JWTExpired) {
    return new UnauthorisedError(AUTH_CODES.TOKEN_EXPIRED, 'The token has expired; obtain a new one.');
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return new UnauthorisedError(
      AUTH_CODES.TOKEN_INVALID,
      `The token's '${error.claim}' claim is not acceptable.`,
      { claim: error.claim },
    );
  }
  if (INVALID_TOKEN_ERRORS.some((type) => error instanceof type)) {
    return new UnauthorisedError(
      AUTH_CODES.TOKEN_INVALID,
      'The token is malformed or not signed by a trusted key.',
    );
  }
  return error;
};

/**
 * The {@link TokenVerifier} on `jose`: HS256 with a shared secret, or any asymmetric algorithm in
 * {@link JWKS_ALGORITHMS} with keys from a remote JWKS. A token must carry `exp` and `sub`, and `iss` and
 * `aud` when configured; claims then become a principal by `principalFromClaims`.
 */
export class JoseTokenVerifier implements TokenVerifier {
  private readonly source: { verify: Verify; algorithms: string[] };
  private readonly clock: Clock;

  /** Throws an `Error` saying how to fix the options when they are unusable. */
  constructor(private readonly options: TokenVerifierOptions) {
    this.source = keySource(options);
    this.clock = options.clock ?? systemClock;
  }

  /** Verifies the signature, expiry, issuer and audience, then reads the principal from the claims. */
  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      ({ payload } = await this.source.verify(token, {
        algorithms: this.source.algorithms,
        issuer: this.options.issuer,
        audience: this.options.audience,
        clockTolerance: this.options.clockToleranceSeconds ?? 5,
        currentDate: this.clock.now(),
        // A token without an expiry would be valid for ever.
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      throw toAuthError(error);
    }
    return principalFromClaims(payload);
  }
}
