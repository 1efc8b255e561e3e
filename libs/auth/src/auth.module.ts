import {
  Module,
  type DynamicModule,
  type FactoryProvider,
  type ModuleMetadata,
  type Provider,
  type Type,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JoseTokenVerifier, type TokenVerifierOptions } from './adapters/jose/jose.token-verifier';
import { AuthGuard } from './auth.guard';
import { CREDENTIAL_RESOLVERS, type CredentialResolver } from './credential-resolver';
import { TOKEN_VERIFIER } from './token-verifier.port';

/** Extra ways to prove who is calling, consulted in the order given before the Bearer token. */
export interface CredentialResolverOptions {
  /**
   * Resolver instances, or classes that Nest builds (their dependencies must be visible to this module:
   * list their modules in `imports`).
   */
  credentialResolvers?: ReadonlyArray<CredentialResolver | Type<CredentialResolver>>;
  /** Modules whose exports the resolver classes (and, for `forRootAsync`, the factory) inject. */
  imports?: ModuleMetadata['imports'];
}

/** How `AuthModule.forRoot` verifies callers: the token options (exactly one of `jwtSecret` and `jwksUrl`). */
export interface AuthModuleOptions extends TokenVerifierOptions, CredentialResolverOptions {}

/** `AuthModule.forRootAsync`: the token options come from a factory, such as one reading the config. */
export interface AuthModuleAsyncOptions extends CredentialResolverOptions {
  useFactory: (...deps: never[]) => TokenVerifierOptions | Promise<TokenVerifierOptions>;
  inject?: FactoryProvider['inject'];
}

const isClass = (entry: CredentialResolver | Type<CredentialResolver>): entry is Type<CredentialResolver> =>
  typeof entry === 'function';

const build = (verifier: Provider, { credentialResolvers = [], imports = [] }: CredentialResolverOptions) => {
  const classes = credentialResolvers.filter(isClass);
  const resolvers: Provider = {
    provide: CREDENTIAL_RESOLVERS,
    inject: classes,
    useFactory: (...built: CredentialResolver[]): CredentialResolver[] => {
      let next = 0;
      return credentialResolvers.map((entry) => (isClass(entry) ? built[next++] : entry));
    },
  };
  return {
    module: AuthModule,
    global: true,
    imports,
    providers: [...classes, verifier, resolvers, { provide: APP_GUARD, useClass: AuthGuard }],
    exports: [TOKEN_VERIFIER, CREDENTIAL_RESOLVERS],
  };
};

/**
 * Authentication and authorisation for every HTTP endpoint. Import `AuthModule.forRoot(…)` (or
 * `forRootAsync`) once, in the root module: it registers {@link AuthGuard} as the global guard
 * (`APP_GUARD`), so every endpoint is closed until it says `@Public()` or `@Roles(…)`. Exports
 * `TOKEN_VERIFIER` and `CREDENTIAL_RESOLVERS`.
 */
@Module({})
export class AuthModule {
  /** Throws at once, saying how to fix it, when the token options are unusable. */
  static forRoot(options: AuthModuleOptions): DynamicModule {
    const { credentialResolvers, imports, ...tokenOptions } = options;
    const verifier = new JoseTokenVerifier(tokenOptions);
    return build({ provide: TOKEN_VERIFIER, useValue: verifier }, { credentialResolvers, imports });
  }

  /**
   * Like {@link forRoot}, with the token options from `useFactory` (for example
   * `{ inject: [CONFIG], useFactory: (config) => config.auth }`). Unusable options fail the application's
   * start, when the factory runs.
   */
  static forRootAsync(options: AuthModuleAsyncOptions): DynamicModule {
    const { useFactory, inject = [], ...rest } = options;
    return build(
      {
        provide: TOKEN_VERIFIER,
        inject,
        useFactory: async (...deps: never[]) => new JoseTokenVerifier(await useFactory(...deps)),
      },
      rest,
    );
  }
}
