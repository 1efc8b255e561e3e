import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, UnauthorisedError } from '@placematch/kernel';
import { AUTH_CODES } from './codes';
import { CREDENTIAL_RESOLVERS, type AuthRequest, type CredentialResolver } from './credential-resolver';
import { PUBLIC_KEY, ROLES_KEY } from './decorators';
import { checkPrincipal, type Principal } from './principal';
import type { Role } from './roles';
import { TOKEN_VERIFIER, type TokenVerifier } from './token-verifier.port';

/** What an endpoint declares about who may call it. */
type AccessRule = { kind: 'public' } | { kind: 'roles'; roles: readonly Role[] };

/** A handler or a controller class, where the decorators put their metadata. */
type Target = ReturnType<ExecutionContext['getHandler']> | ReturnType<ExecutionContext['getClass']>;

const BEARER = /^Bearer +(\S+) *$/i;

/**
 * The global guard (registered as `APP_GUARD` by `AuthModule.forRoot`). Secure by default:
 * - `@Public()` endpoints run without credentials;
 * - endpoints with neither `@Public()` nor `@Roles(…)` are refused to everyone, 403
 *   `AUTH.ROUTE_NOT_DECLARED`, before any credential is looked at;
 * - otherwise the caller is authenticated (each `CredentialResolver`, then the Bearer token), or refused
 *   401; then its role must be listed, or it is refused 403 `AUTH.ROLE_FORBIDDEN` and the handler never
 *   runs.
 * The principal is stored on the request (`request.principal`) even when its role is refused, so that a
 * refusal can be logged with who made it.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    @Inject(CREDENTIAL_RESOLVERS) private readonly resolvers: readonly CredentialResolver[],
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.ruleAt(context.getHandler()) ?? this.ruleAt(context.getClass());
    if (rule === undefined) {
      throw new ForbiddenError(
        AUTH_CODES.ROUTE_NOT_DECLARED,
        'This endpoint declares neither @Public() nor @Roles(…), so it is closed to everyone.',
      );
    }
    if (rule.kind === 'public') return true;
    if (context.getType() !== 'http') {
      throw new UnauthorisedError(AUTH_CODES.MISSING_CREDENTIALS, 'Only HTTP requests can be authenticated.');
    }
    const request = context.switchToHttp().getRequest<AuthRequest>();
    const principal = await this.authenticate(request);
    request.principal = principal;
    if (!rule.roles.includes(principal.role)) {
      throw new ForbiddenError(
        AUTH_CODES.ROLE_FORBIDDEN,
        `The role '${principal.role}' may not call this endpoint.`,
        { role: principal.role },
      );
    }
    return true;
  }

  private ruleAt(target: Target): AccessRule | undefined {
    const roles = this.reflector.get<readonly Role[] | undefined>(ROLES_KEY, target);
    if (roles !== undefined) return { kind: 'roles', roles };
    return this.reflector.get<boolean | undefined>(PUBLIC_KEY, target) === true
      ? { kind: 'public' }
      : undefined;
  }

  private async authenticate(request: AuthRequest): Promise<Principal> {
    for (const resolver of this.resolvers) {
      const principal = await resolver.resolve(request);
      if (principal !== null) return checkPrincipal(principal);
    }
    const header = request.headers.authorization;
    if (header === undefined || header === '') {
      throw new UnauthorisedError(
        AUTH_CODES.MISSING_CREDENTIALS,
        'Send an Authorization: Bearer <token> header.',
      );
    }
    const match = typeof header === 'string' ? BEARER.exec(header) : null;
    if (match === null) {
      throw new UnauthorisedError(
        AUTH_CODES.MISSING_CREDENTIALS,
        'The Authorization header must be of the form "Bearer <token>".',
      );
    }
    return this.verifier.verify(match[1]);
  }
}
