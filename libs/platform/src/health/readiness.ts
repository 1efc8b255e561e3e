/**
 * A dependency the process needs before it can serve (the event store, the database, Redis, Kafka).
 * `check` resolves when the dependency answers and rejects with a reason when it does not; it should be
 * cheap (a ping, `SELECT 1`), since load balancers call it every few seconds.
 */
export interface ReadinessCheck {
  /** A short, unique key such as `eventStore` or `redis`; shown in the health response. */
  readonly name: string;
  check(): Promise<void>;
}

/** Nest injection token for the `ReadinessCheck[]` that GET /health/ready runs. */
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

/** Nest injection token for the {@link HealthModule} options resolved at start. */
export const HEALTH_OPTIONS = Symbol('HEALTH_OPTIONS');

/** How long a readiness check may take, unless {@link HealthOptions} says otherwise. */
export const DEFAULT_CHECK_TIMEOUT_MS = 5_000;

/** Resolved options of the health endpoints. */
export interface HealthOptions {
  /** How long one readiness check may take before it counts as failed. */
  readonly checkTimeoutMs: number;
}
