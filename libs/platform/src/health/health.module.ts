import {
  DynamicModule,
  InjectionToken,
  Module,
  ModuleMetadata,
  OptionalFactoryDependency,
  Provider,
} from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import {
  DEFAULT_CHECK_TIMEOUT_MS,
  HEALTH_OPTIONS,
  HealthOptions,
  READINESS_CHECKS,
  ReadinessCheck,
} from './readiness';

/** How {@link HealthModule.forRoot} gets its readiness checks; give `checks` or `useFactory`, or neither. */
export interface HealthModuleOptions {
  /** Fixed checks. */
  readonly checks?: readonly ReadinessCheck[];
  /** Builds the checks from injected providers (listed in `inject`, exported by `imports`). */
  readonly useFactory?: (...deps: never[]) => readonly ReadinessCheck[] | Promise<readonly ReadinessCheck[]>;
  readonly inject?: (InjectionToken | OptionalFactoryDependency)[];
  readonly imports?: ModuleMetadata['imports'];
  /** How long one check may take before it counts as failed; default 5000 ms. */
  readonly checkTimeoutMs?: number;
}

/**
 * The health endpoints (see {@link HealthController}). Imported as is, it runs the `READINESS_CHECKS` that
 * a global module provides, or none; `HealthModule.forRoot(...)` supplies them here instead.
 */
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
  controllers: [HealthController],
})
export class HealthModule {
  /** The health endpoints with their readiness checks given here. */
  static forRoot(options: HealthModuleOptions = {}): DynamicModule {
    const checks: Provider[] = options.useFactory
      ? [
          {
            provide: READINESS_CHECKS,
            useFactory: options.useFactory as (...deps: unknown[]) => Promise<readonly ReadinessCheck[]>,
            inject: options.inject ?? [],
          },
        ]
      : options.checks
        ? [{ provide: READINESS_CHECKS, useValue: options.checks }]
        : [];
    return {
      module: HealthModule,
      imports: options.imports ?? [],
      providers: [
        {
          provide: HEALTH_OPTIONS,
          useValue: {
            checkTimeoutMs: options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS,
          } satisfies HealthOptions,
        },
        ...checks,
      ],
    };
  }
}
