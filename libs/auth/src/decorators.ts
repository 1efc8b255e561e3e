import {
  createParamDecorator,
  SetMetadata,
  type CustomDecorator,
  type ExecutionContext,
} from '@nestjs/common';
import type { AuthRequest } from './credential-resolver';
import type { Principal } from './principal';
import type { Role } from './roles';

/** Metadata key set by {@link Public}. */
export const PUBLIC_KEY = 'placematch:auth:public';
/** Metadata key set by {@link Roles}. */
export const ROLES_KEY = 'placematch:auth:roles';

/**
 * Opens an endpoint (or every endpoint of a controller) to anyone, without credentials: health checks,
 * API docs. No principal is resolved on a public endpoint, even when a token is sent.
 */
export const Public = (): CustomDecorator<string> => SetMetadata(PUBLIC_KEY, true);

/**
 * The roles that may call an endpoint (or every endpoint of a controller). A method's decorator replaces
 * its controller's. Where one target carries both `@Roles` and `@Public`, `@Roles` wins: the stricter
 * reading. An endpoint with neither is closed to everyone (403 `AUTH.ROUTE_NOT_DECLARED`).
 */
export const Roles = (role: Role, ...more: Role[]): CustomDecorator<string> =>
  SetMetadata(ROLES_KEY, [role, ...more]);

/**
 * Injects the authenticated {@link Principal} into a handler parameter. Using it on a `@Public()`
 * endpoint is a programming error and fails the request with a 500.
 */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = context.switchToHttp().getRequest<AuthRequest>().principal;
    if (principal === undefined) {
      throw new Error('@CurrentPrincipal() used on an endpoint without authentication (is it @Public()?).');
    }
    return principal;
  },
);
