/**
 * The stable codes of every refusal this library makes. Clients may switch on them, so never change one.
 * All `AUTH.*` codes except the two `forbidden` ones travel on an `UnauthorisedError` (401).
 */
export const AUTH_CODES = {
  /** No `Authorization: Bearer …` header and no other credential a resolver recognised. 401. */
  MISSING_CREDENTIALS: 'AUTH.MISSING_CREDENTIALS',
  /** The token's `exp` has passed. 401. */
  TOKEN_EXPIRED: 'AUTH.TOKEN_EXPIRED',
  /** Malformed, wrongly signed, unknown key, wrong issuer or audience, no `exp` or no `sub`. 401. */
  TOKEN_INVALID: 'AUTH.TOKEN_INVALID',
  /** The `role` claim is absent or names no role in `ROLES`. 401. */
  ROLE_UNKNOWN: 'AUTH.ROLE_UNKNOWN',
  /** The role needs a scope claim (`la`, `region` or `provider`) that the token lacks. 401. */
  SCOPE_MISSING: 'AUTH.SCOPE_MISSING',
  /** The scope claim is present but not of its form (ONS code, region slug, UUID). 401. */
  SCOPE_INVALID: 'AUTH.SCOPE_INVALID',
  /** The caller is known but its role may not call this endpoint. 403. */
  ROLE_FORBIDDEN: 'AUTH.ROLE_FORBIDDEN',
  /** The endpoint declares neither `@Public()` nor `@Roles(…)`, so it is closed to everyone. 403. */
  ROUTE_NOT_DECLARED: 'AUTH.ROUTE_NOT_DECLARED',
} as const;

/**
 * The stable codes of the scope helpers. `OUT_OF_SCOPE` is a 404 (a record's existence is not revealed);
 * `REGION_FORBIDDEN` is a 403 (regions are a public list, so there is nothing to hide).
 */
export const SCOPE_CODES = {
  OUT_OF_SCOPE: 'SCOPE.OUT_OF_SCOPE',
  REGION_FORBIDDEN: 'SCOPE.REGION_FORBIDDEN',
} as const;
