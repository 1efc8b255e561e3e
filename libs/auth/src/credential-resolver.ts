import type { Principal } from './principal';

/**
 * The parts of an HTTP request that authentication reads and writes. Express's and Node's request objects
 * both satisfy it; the guard stores the authenticated principal on `principal`.
 */
export interface AuthRequest {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  principal?: Principal;
}

/**
 * Extension point: another way to prove who is calling, such as a provider's API key. The guard asks each
 * resolver in turn before it looks for a Bearer token; the first principal returned wins.
 */
export interface CredentialResolver {
  /**
   * Resolves `null` when the request does not carry this kind of credential (so the next way is tried), a
   * principal when it carries a good one, and rejects with an `UnauthorisedError` when it carries a bad
   * one (unknown, revoked): a bad credential must not fall through to another.
   */
  resolve(request: AuthRequest): Promise<Principal | null>;
}

/** Injection token for the ordered list (`CredentialResolver[]`) of extra resolvers the guard consults. */
export const CREDENTIAL_RESOLVERS = Symbol('CREDENTIAL_RESOLVERS');
