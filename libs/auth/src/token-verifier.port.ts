import type { Principal } from './principal';

/** Injection token for the {@link TokenVerifier} port. */
export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

/**
 * Port: turns a bearer token into the principal it proves. Rejects with an `UnauthorisedError` whose code
 * says why (`AUTH.TOKEN_EXPIRED`, `AUTH.TOKEN_INVALID`, `AUTH.ROLE_UNKNOWN`, `AUTH.SCOPE_MISSING`,
 * `AUTH.SCOPE_INVALID`); any other rejection is the verifier's own failure (a key set it cannot reach), not
 * the caller's.
 */
export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}
