import { isUuid, UnauthorisedError, type Actor } from '@placematch/kernel';
import { AUTH_CODES } from './codes';
import { isRole, ROLE_SCOPE, type Role } from './roles';

/** How a caller proved who it is. */
export type CredentialKind = 'jwt' | 'api-key';

/**
 * Who is calling, under which role, within which scope. Only the scope field of the principal's role is
 * ever set (see `ROLE_SCOPE`): a placement officer carries `localAuthority`, a commissioner `region`, a
 * provider or carer `providerId` (a carer is told apart by its `subject`), an operator nothing.
 */
export interface Principal {
  /** A stable subject id: the token's `sub`, or an API key's id. */
  readonly subject: string;
  readonly role: Role;
  /** ONS code of the local authority, such as `E09000001`. */
  readonly localAuthority?: string;
  /** Region slug, such as `north-east`. */
  readonly region?: string;
  /** The provider's UUID. */
  readonly providerId?: string;
  readonly via: CredentialKind;
}

/**
 * ONS entity codes of the English authorities that hold children's services: unitary authorities (E06),
 * metropolitan districts (E08), London boroughs (E09) and counties (E10).
 */
const LOCAL_AUTHORITY = /^E(?:06|08|09|10)\d{6}$/;
const REGION = /^[a-z]+(?:-[a-z]+)*$/;

/** True when `value` is the ONS code of an English children's services authority, such as `E09000001`. */
export const isLocalAuthorityCode = (value: string): boolean => LOCAL_AUTHORITY.test(value);

/** True when `value` is a lower-case, hyphenated region slug, such as `north-east`. */
export const isRegionSlug = (value: string): boolean => REGION.test(value);

/** The scope values a credential offers, before they are checked against its role. */
export interface ScopeClaims {
  localAuthority?: unknown;
  region?: unknown;
  providerId?: unknown;
}

const requireScope = (
  role: Role,
  claim: string,
  value: unknown,
  valid: (value: string) => boolean,
  form: string,
): string => {
  if (value === undefined || value === null || value === '') {
    throw new UnauthorisedError(
      AUTH_CODES.SCOPE_MISSING,
      `A ${role} credential must carry a '${claim}' claim.`,
      { role, claim },
    );
  }
  if (typeof value !== 'string' || !valid(value)) {
    throw new UnauthorisedError(AUTH_CODES.SCOPE_INVALID, `The '${claim}' claim must be ${form}.`, {
      role,
      claim,
    });
  }
  return value;
};

/**
 * Builds a principal from a credential's subject, role and scope values, keeping only the scope field its
 * role uses. Throws `UnauthorisedError` with `AUTH.TOKEN_INVALID` (no subject), `AUTH.ROLE_UNKNOWN`,
 * `AUTH.SCOPE_MISSING` or `AUTH.SCOPE_INVALID`. `claimNames` name the scope values in refusals (the
 * JWT claim names for a token), so a caller learns which claim to fix.
 */
export const makePrincipal = (
  subject: unknown,
  role: unknown,
  scope: ScopeClaims,
  via: CredentialKind,
  claimNames: { localAuthority: string; region: string; providerId: string } = {
    localAuthority: 'localAuthority',
    region: 'region',
    providerId: 'providerId',
  },
): Principal => {
  if (typeof subject !== 'string' || subject.trim() === '') {
    throw new UnauthorisedError(AUTH_CODES.TOKEN_INVALID, 'The credential names no subject.');
  }
  if (!isRole(role)) {
    throw new UnauthorisedError(
      AUTH_CODES.ROLE_UNKNOWN,
      typeof role === 'string' ? `Unknown role '${role}'.` : 'The credential carries no role.',
    );
  }
  switch (ROLE_SCOPE[role]) {
    case 'localAuthority':
      return {
        subject,
        role,
        via,
        localAuthority: requireScope(
          role,
          claimNames.localAuthority,
          scope.localAuthority,
          isLocalAuthorityCode,
          "an ONS local authority code such as 'E09000001'",
        ),
      };
    case 'region':
      return {
        subject,
        role,
        via,
        region: requireScope(
          role,
          claimNames.region,
          scope.region,
          isRegionSlug,
          "a region slug such as 'north-east'",
        ),
      };
    case 'provider':
      return {
        subject,
        role,
        via,
        providerId: requireScope(role, claimNames.providerId, scope.providerId, isUuid, 'a provider UUID'),
      };
    case 'none':
      return { subject, role, via };
  }
};

/**
 * Builds a principal from verified JWT claims: `sub`, `role`, and the scope claim of the role
 * (`la`, `region` or `provider`). Scope claims a role does not use are ignored.
 */
export const principalFromClaims = (claims: Readonly<Record<string, unknown>>): Principal =>
  makePrincipal(
    claims.sub,
    claims.role,
    { localAuthority: claims.la, region: claims.region, providerId: claims.provider },
    'jwt',
    { localAuthority: 'la', region: 'region', providerId: 'provider' },
  );

/**
 * Checks a principal that came from elsewhere (a `CredentialResolver`) by the same rules as a token, and
 * strips scope fields its role does not use.
 */
export const checkPrincipal = (principal: Principal): Principal =>
  makePrincipal(principal.subject, principal.role, principal, principal.via);

/** The principal as the kernel's `Actor`, for event metadata: its scope is whichever scope it carries. */
export const actorOf = (principal: Principal): Actor => {
  const scope = principal.localAuthority ?? principal.region ?? principal.providerId;
  return scope === undefined
    ? { id: principal.subject, role: principal.role }
    : { id: principal.subject, role: principal.role, scope };
};
