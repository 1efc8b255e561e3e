import { Controller, Get, Inject, Optional, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@placematch/auth';
import {
  HealthCheck,
  HealthCheckResult,
  HealthCheckService,
  HealthIndicatorFunction,
  HealthIndicatorService,
} from '@nestjs/terminus';
import {
  DEFAULT_CHECK_TIMEOUT_MS,
  HEALTH_OPTIONS,
  HealthOptions,
  READINESS_CHECKS,
  ReadinessCheck,
} from './readiness';

/** The key of the liveness indicator; no readiness check may use it. */
export const LIVENESS_KEY = 'process';

/**
 * GET /health/live (the process answers), GET /health/ready (every registered dependency answers) and
 * GET /health (both). A failure is a 503 `{ code: 'HEALTH.NOT_READY', message, details }` whose message
 * names the failed dependencies and whose details hold terminus's result for each.
 */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  private readonly checks: readonly ReadinessCheck[];
  private readonly checkTimeoutMs: number;

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Optional() @Inject(READINESS_CHECKS) checks?: readonly ReadinessCheck[],
    @Optional() @Inject(HEALTH_OPTIONS) options?: HealthOptions,
  ) {
    this.checks = checks ?? [];
    this.checkTimeoutMs = options?.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
    assertUniqueNames(this.checks);
  }

  /** Liveness: the process is running and its event loop answers. */
  @Get('live')
  @HealthCheck()
  @ApiOperation({ summary: 'The process is alive' })
  live(): Promise<HealthCheckResult> {
    return this.run([this.liveness()]);
  }

  /** Readiness: every registered dependency answered within the timeout. */
  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Every dependency answers' })
  ready(): Promise<HealthCheckResult> {
    return this.run(this.readiness());
  }

  /** Liveness and readiness together. */
  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness and readiness together' })
  all(): Promise<HealthCheckResult> {
    return this.run([this.liveness(), ...this.readiness()]);
  }

  private liveness(): HealthIndicatorFunction {
    return () => this.indicators.check(LIVENESS_KEY).up({ uptimeSeconds: Math.round(process.uptime()) });
  }

  private readiness(): HealthIndicatorFunction[] {
    return this.checks.map((dependency) => async () => {
      const session = this.indicators.check(dependency.name);
      try {
        await withTimeout(dependency.check(), this.checkTimeoutMs);
        return session.up();
      } catch (error) {
        return session.down({ message: error instanceof Error ? error.message : 'check failed' });
      }
    });
  }

  private async run(indicators: HealthIndicatorFunction[]): Promise<HealthCheckResult> {
    try {
      return await this.health.check(indicators);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as HealthCheckResult;
      const failed = Object.keys(result.error ?? {});
      throw new ServiceUnavailableException({
        code: 'HEALTH.NOT_READY',
        message: failed.length > 0 ? `Not ready: ${failed.join(', ')} failed` : 'Not ready: shutting down',
        details: { failed, ...result },
      });
    }
  }
}

function assertUniqueNames(checks: readonly ReadinessCheck[]): void {
  const seen = new Set<string>([LIVENESS_KEY]);
  for (const { name } of checks) {
    if (seen.has(name)) {
      throw new Error(
        `Readiness check name "${name}" is used twice or is reserved: give each check in READINESS_CHECKS its own name`,
      );
    }
    seen.add(name);
  }
}

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
