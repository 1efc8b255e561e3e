import { ForbiddenError, NotFoundError } from '@placematch/kernel';
import { SCOPE_CODES } from './codes';
import type { Principal } from './principal';

/**
 * Who owns a record: the local authority it belongs to and/or the provider it concerns. A referral, for
 * example, is owned by both the authority that sent it and the provider that received it.
 */
export interface RecordOwner {
  localAuthority?: string;
  providerId?: string;
}

/**
 * How an out-of-scope refusal should read. Pass the code and message your handler uses for a record that
 * does not exist, so that the two answers cannot be told apart.
 */
export interface NotFoundAs {
  code: string;
  message?: string;
}

const DEFAULT_NOT_FOUND_MESSAGE = 'Not found.';

/**
 * True when the principal may see the record: its local authority or provider owns it, or it is an
 * operator (unscoped; whether an operator may call the endpoint at all is `@Roles`' decision).
 * Commissioners never own a record: they see region-wide aggregates only.
 */
export const inScope = (principal: Principal, owner: RecordOwner): boolean => {
  if (principal.role === 'operator') return true;
  if (principal.localAuthority !== undefined && principal.localAuthority === owner.localAuthority)
    return true;
  return principal.providerId !== undefined && principal.providerId === owner.providerId;
};

/**
 * Refuses a record outside the principal's scope with a `NotFoundError` (404), code `SCOPE.OUT_OF_SCOPE`
 * unless `as` gives another, and no details: a caller must not learn that a record it may not see exists.
 * Call it after loading the record and before doing anything with it, so the refusal changes nothing.
 */
export const assertInScope = (principal: Principal, owner: RecordOwner, as?: NotFoundAs): void => {
  if (!inScope(principal, owner)) {
    // Built exactly as the handler builds its own not-found, so the two bodies are identical.
    throw as === undefined
      ? new NotFoundError(SCOPE_CODES.OUT_OF_SCOPE, DEFAULT_NOT_FOUND_MESSAGE)
      : new NotFoundError(as.code, as.message);
  }
};

/**
 * Refuses (404, `SCOPE.OUT_OF_SCOPE`) a record of local authority `localAuthority` unless the principal acts
 * for that authority or is an operator. Providers, carers and commissioners are always refused.
 */
export const assertLocalAuthority = (principal: Principal, localAuthority: string, as?: NotFoundAs): void =>
  assertInScope(principal, { localAuthority }, as);

/**
 * Refuses (404, `SCOPE.OUT_OF_SCOPE`) a record of provider `providerId` unless the principal is that
 * provider, one of its carers, or an operator. Authority staff and commissioners are refused: use
 * {@link assertInScope} with both owners for records an authority and a provider share.
 */
export const assertProvider = (principal: Principal, providerId: string, as?: NotFoundAs): void =>
  assertInScope(principal, { providerId }, as);

/**
 * Refuses a region's aggregates with a `ForbiddenError` (403, `SCOPE.REGION_FORBIDDEN`) unless the principal
 * is a commissioner for that region or an operator. A 403 and not a 404, because the regions are a public
 * list: there is no existence to hide. Authority staff are refused too, since their authority's region is
 * not known here.
 */
export const assertRegion = (principal: Principal, region: string): void => {
  if (principal.role === 'operator' || (principal.region !== undefined && principal.region === region))
    return;
  throw new ForbiddenError(SCOPE_CODES.REGION_FORBIDDEN, `This caller may not see region '${region}'.`, {
    region,
  });
};
