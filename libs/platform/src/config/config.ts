/** Where the event log is kept. */
export type EventStoreKind = 'pglite' | 'postgres' | 'memory' | 'eventstoredb';
/** Where the SQL read models are kept. */
export type ReadModelsKind = 'pglite' | 'postgres';
/** How integration events travel between modules and services. */
export type BusKind = 'in-process' | 'kafka';
/** Where background jobs are queued. */
export type JobsKind = 'in-process' | 'bull';
/** The least severe log line that is written. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** The event store to bind, with what its adapter needs to connect. */
export type EventStoreConfig =
  | { readonly kind: 'pglite' }
  | { readonly kind: 'memory' }
  | { readonly kind: 'postgres'; readonly databaseUrl: string }
  | { readonly kind: 'eventstoredb'; readonly url: string };

/** The read-model database to bind. PGlite keeps its files under {@link PlacematchConfig.dataDir}. */
export type ReadModelsConfig =
  { readonly kind: 'pglite' } | { readonly kind: 'postgres'; readonly databaseUrl: string };

/** The message bus to bind. */
export type BusConfig =
  { readonly kind: 'in-process' } | { readonly kind: 'kafka'; readonly brokers: readonly string[] };

/** The job queue to bind. */
export type JobsConfig =
  | { readonly kind: 'in-process' }
  | { readonly kind: 'bull'; readonly redisUrl: string; readonly prefix?: string };

/**
 * How bearer tokens are verified. At least one of `jwtSecret` and `jwksUrl` is set; `developmentSecret` says
 * the secret is the built-in one, which {@link loadConfig} never allows in production.
 */
export interface AuthConfig {
  readonly jwtSecret?: string;
  readonly jwksUrl?: string;
  readonly issuer?: string;
  readonly audience?: string;
  readonly developmentSecret: boolean;
}

/** The whole process configuration, validated and frozen; read it through the {@link CONFIG} token. */
export interface PlacematchConfig {
  /** NODE_ENV is `production`: no development defaults are allowed. */
  readonly production: boolean;
  readonly host: string;
  readonly port: number;
  /** Where embedded stores (PGlite) keep their files. */
  readonly dataDir: string;
  readonly eventStore: EventStoreConfig;
  readonly readModels: ReadModelsConfig;
  readonly bus: BusConfig;
  readonly jobs: JobsConfig;
  readonly auth: AuthConfig;
  readonly logLevel: LogLevel;
  /** An ONS Postcode Directory extract (ONSPD_PATH) for full-postcode geocoding; district centroids otherwise. */
  readonly onspdPath?: string;
  /**
   * The key that encrypts each child's personal-data key at rest (PRIVACY_MASTER_KEY, 32 bytes in base64).
   * Outside production a fixed development key is used when unset; production refuses to start without one.
   */
  readonly privacyMasterKey: string;
  /** How long a graceful shutdown may take before the process exits anyway. */
  readonly shutdownTimeoutMs: number;
}

/** Nest injection token for the {@link PlacematchConfig} of the running process. */
export const CONFIG = Symbol('CONFIG');

/**
 * The HS256 secret used when neither AUTH_JWT_SECRET nor AUTH_JWKS_URL is set outside production, so that
 * a laptop needs no set-up. It is public, so tokens signed with it prove nothing.
 */
export const DEVELOPMENT_JWT_SECRET = 'placematch-development-only-secret-never-use-in-production';

/** The privacy master key used outside production when PRIVACY_MASTER_KEY is unset. Never for real data. */
export const DEVELOPMENT_PRIVACY_MASTER_KEY = 'ZGV2ZWxvcG1lbnQtb25seS1wcml2YWN5LWtleS0zMmI=';

/** The PostgreSQL URL assumed outside production when PostgreSQL is chosen and DATABASE_URL is unset. */
export const DEVELOPMENT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** One bad variable: its name and a sentence that says what is wrong and how to fix it. */
export interface ConfigProblem {
  readonly variable: string;
  readonly message: string;
}

/** The configuration cannot be used; the message lists every problem found, each with its fix. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      `Placematch cannot start: the configuration has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((p) => `  - ${p.message}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/** The environment variables {@link loadConfig} reads (others are ignored). */
export type PlacematchEnv = Readonly<Record<string, string | undefined>>;

const EVENT_STORES: readonly EventStoreKind[] = ['pglite', 'postgres', 'memory', 'eventstoredb'];
const READ_MODELS: readonly ReadModelsKind[] = ['pglite', 'postgres'];
const BUSES: readonly BusKind[] = ['in-process', 'kafka'];
const JOBS: readonly JobsKind[] = ['in-process', 'bull'];
const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];
const MIN_PRODUCTION_SECRET_LENGTH = 32;
// setTimeout fires at once for anything larger, so a longer timeout would silently mean zero.
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Reads and validates the configuration once, at start. Every problem is collected before throwing, so an
 * operator fixes them in one pass. An empty or blank variable counts as unset (compose files write `X=`).
 *
 * @throws ConfigError naming each bad variable, what is wrong with its value, and how to fix it.
 */
export function loadConfig(env: PlacematchEnv = process.env): PlacematchConfig {
  const reader = new EnvReader(env);
  const production = reader.raw('NODE_ENV') === 'production';

  const port = reader.integer('PORT', 3000, 1, 65535, 'is not a port number', 'an integer from 1 to 65535');
  const host = reader.host('HOST', '0.0.0.0');
  const dataDir = reader.raw('PLACEMATCH_DATA_DIR') ?? './data';

  const eventStoreKind = reader.oneOf('EVENT_STORE', EVENT_STORES, 'pglite', 'is not a known event store');
  const followsStore: ReadModelsKind =
    eventStoreKind === 'postgres' || eventStoreKind === 'eventstoredb' ? 'postgres' : 'pglite';
  const readModelsKind = reader.oneOf(
    'READ_MODELS',
    READ_MODELS,
    followsStore,
    'is not a known read-model database',
    `to follow EVENT_STORE (${followsStore})`,
  );

  const postgresUsers = [
    ...(eventStoreKind === 'postgres' ? ['EVENT_STORE=postgres'] : []),
    ...(readModelsKind === 'postgres' ? ['READ_MODELS=postgres'] : []),
  ];
  const databaseUrl = reader.url('DATABASE_URL', ['postgres:', 'postgresql:'], {
    what: 'a PostgreSQL URL',
    example: 'postgres://user:password@host:5432/placematch',
    neededBy: postgresUsers,
    developmentDefault: production ? undefined : DEVELOPMENT_DATABASE_URL,
  });
  const eventStoreUrl = reader.url('EVENTSTORE_URL', ['esdb:', 'esdb+discover:'], {
    what: 'an EventStoreDB connection string',
    example: 'esdb://host:2113?tls=false',
    neededBy: eventStoreKind === 'eventstoredb' ? ['EVENT_STORE=eventstoredb'] : [],
  });

  const busKind = reader.oneOf('BUS', BUSES, 'in-process', 'is not a known message bus');
  const brokers = reader.brokers('KAFKA_BROKERS', busKind === 'kafka' ? ['BUS=kafka'] : []);

  const jobsKind = reader.oneOf('JOBS', JOBS, 'in-process', 'is not a known job queue');
  const redisUrl = reader.url('REDIS_URL', ['redis:', 'rediss:'], {
    what: 'a Redis URL',
    example: 'redis://host:6379',
    neededBy: jobsKind === 'bull' ? ['JOBS=bull'] : [],
  });
  const jobsPrefix = reader.raw('JOBS_PREFIX');
  if (jobsPrefix !== undefined && !/^[A-Za-z0-9_.-]{1,64}$/.test(jobsPrefix)) {
    reader.problems.push({
      variable: 'JOBS_PREFIX',
      message: `JOBS_PREFIX=${JSON.stringify(jobsPrefix)} is not a Redis key prefix: use 1 to 64 letters, digits, '.', '_' or '-', or unset it for placematch`,
    });
  }

  const auth = reader.auth(production);
  const onspdPath = reader.raw('ONSPD_PATH');
  const privacyMasterKey =
    reader.raw('PRIVACY_MASTER_KEY') ?? (production ? undefined : DEVELOPMENT_PRIVACY_MASTER_KEY);
  if (privacyMasterKey === undefined) {
    reader.problems.push({
      variable: 'PRIVACY_MASTER_KEY',
      message:
        'PRIVACY_MASTER_KEY is not set but is required in production: set it to 32 random bytes in base64 (openssl rand -base64 32)',
    });
  } else if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(privacyMasterKey)) {
    reader.problems.push({
      variable: 'PRIVACY_MASTER_KEY',
      message:
        'PRIVACY_MASTER_KEY is not 32 bytes in base64: set it to the output of openssl rand -base64 32',
    });
  }
  const logLevel = reader.oneOf('LOG_LEVEL', LOG_LEVELS, 'info', 'is not a log level');
  const shutdownTimeoutMs = reader.integer(
    'SHUTDOWN_TIMEOUT_MS',
    10_000,
    1,
    MAX_TIMER_MS,
    'is not a number of milliseconds',
    `an integer from 1 to ${MAX_TIMER_MS}`,
  );

  if (reader.problems.length > 0) throw new ConfigError(reader.problems);
  // From here every value a chosen adapter needs is set: a missing one was recorded as a problem above.

  const eventStore: EventStoreConfig =
    eventStoreKind === 'postgres'
      ? { kind: 'postgres', databaseUrl: databaseUrl! }
      : eventStoreKind === 'eventstoredb'
        ? { kind: 'eventstoredb', url: eventStoreUrl! }
        : { kind: eventStoreKind };
  const readModels: ReadModelsConfig =
    readModelsKind === 'postgres' ? { kind: 'postgres', databaseUrl: databaseUrl! } : { kind: 'pglite' };
  const bus: BusConfig = busKind === 'kafka' ? { kind: 'kafka', brokers: brokers! } : { kind: 'in-process' };
  const jobs: JobsConfig =
    jobsKind === 'bull'
      ? { kind: 'bull', redisUrl: redisUrl!, ...(jobsPrefix ? { prefix: jobsPrefix } : {}) }
      : { kind: 'in-process' };

  return deepFreeze({
    production,
    host,
    port,
    dataDir,
    eventStore,
    readModels,
    bus,
    jobs,
    auth: auth!,
    logLevel,
    onspdPath,
    privacyMasterKey: privacyMasterKey ?? '',
    shutdownTimeoutMs,
  });
}

interface UrlRule {
  what: string;
  example: string;
  /** The settings that need this variable, e.g. `EVENT_STORE=postgres`; empty when it is not needed. */
  neededBy: readonly string[];
  developmentDefault?: string;
}

/** Collects problems instead of throwing at the first, so one start reports them all. */
class EnvReader {
  readonly problems: ConfigProblem[] = [];

  constructor(private readonly env: PlacematchEnv) {}

  raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  integer(name: string, fallback: number, min: number, max: number, problem: string, range: string): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = /^\d+$/.test(value) ? Number(value) : NaN;
    if (Number.isSafeInteger(parsed) && parsed >= min && parsed <= max) return parsed;
    return this.fail(
      name,
      `${name}=${show(value)} ${problem}: set ${name} to ${range}, or unset it for ${fallback}`,
      fallback,
    );
  }

  host(name: string, fallback: string): string {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (/^[A-Za-z0-9.\-:[\]%_]+$/.test(value)) return value;
    return this.fail(
      name,
      `${name}=${show(value)} is not a hostname or IP address: set ${name} to the address to listen on (0.0.0.0 for every interface, 127.0.0.1 for this machine only), or unset it for ${fallback}`,
      fallback,
    );
  }

  oneOf<T extends string>(
    name: string,
    allowed: readonly T[],
    fallback: T,
    problem: string,
    fallbackDescription: string = `for ${fallback}`,
  ): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    return this.fail(
      name,
      `${name}=${show(value)} ${problem}: set ${name} to one of ${allowed.join(', ')}, or unset it ${fallbackDescription}`,
      fallback,
    );
  }

  /** Validates the URL whenever it is set, but requires it only when something chosen needs it. */
  url(name: string, protocols: readonly string[], rule: UrlRule): string | undefined {
    const value = this.raw(name);
    const fix = `set ${name} to ${rule.what} such as ${rule.example}`;
    if (value === undefined) {
      if (rule.neededBy.length === 0) return undefined;
      if (rule.developmentDefault !== undefined) return rule.developmentDefault;
      return this.fail(name, `${name} is not set but ${neededByText(rule.neededBy)}: ${fix}`, undefined);
    }
    if (protocols.includes(protocolOf(value) ?? '')) return value;
    return this.fail(
      name,
      `${name}=${show(redactCredentials(value))} is not ${rule.what} (it must start with ${protocols
        .map((p) => `${p}//`)
        .join(' or ')}): ${fix}`,
      undefined,
    );
  }

  brokers(name: string, neededBy: readonly string[]): readonly string[] | undefined {
    const value = this.raw(name);
    const fix = `set ${name} to a comma-separated list of host:port, such as kafka-1:9092,kafka-2:9092`;
    if (value === undefined) {
      if (neededBy.length === 0) return undefined;
      return this.fail(name, `${name} is not set but ${neededByText(neededBy)}: ${fix}`, undefined);
    }
    const brokers = value
      .split(',')
      .map((b) => b.trim())
      .filter((b) => b !== '');
    const bad = brokers.filter((b) => !isHostAndPort(b));
    if (brokers.length > 0 && bad.length === 0) return brokers;
    const problem =
      brokers.length === 0
        ? 'names no broker'
        : `has ${bad.map(show).join(', ')}, which ${bad.length === 1 ? 'is' : 'are'} not host:port`;
    return this.fail(name, `${name}=${show(value)} ${problem}: ${fix}`, undefined);
  }

  auth(production: boolean): AuthConfig | undefined {
    const secret = this.raw('AUTH_JWT_SECRET');
    const jwksUrl = this.raw('AUTH_JWKS_URL');
    const issuer = this.raw('AUTH_ISSUER');
    const audience = this.raw('AUTH_AUDIENCE');
    let ok = true;

    if (jwksUrl !== undefined && !['http:', 'https:'].includes(protocolOf(jwksUrl) ?? '')) {
      ok = this.fail(
        'AUTH_JWKS_URL',
        `AUTH_JWKS_URL=${show(redactCredentials(jwksUrl))} is not an http(s) URL: set AUTH_JWKS_URL to your identity provider's JWKS address, such as https://login.example.org/.well-known/jwks.json`,
        false,
      );
    }
    // A secret's value is never echoed: error messages end up in logs and terminals.
    if (production && secret !== undefined && secret.length < MIN_PRODUCTION_SECRET_LENGTH) {
      ok = this.fail(
        'AUTH_JWT_SECRET',
        `AUTH_JWT_SECRET is ${secret.length} characters long, too short to resist guessing in production: set AUTH_JWT_SECRET to at least ${MIN_PRODUCTION_SECRET_LENGTH} random characters (for example the output of \`openssl rand -base64 48\`), or use AUTH_JWKS_URL`,
        false,
      );
    }
    if (production && secret === undefined && jwksUrl === undefined) {
      ok = this.fail(
        'AUTH_JWKS_URL',
        "AUTH_JWKS_URL and AUTH_JWT_SECRET are both unset and NODE_ENV=production: set AUTH_JWKS_URL to your identity provider's JWKS address (or AUTH_JWT_SECRET to a secret of at least 32 random characters); the built-in development secret is never used in production",
        false,
      );
    }
    if (!ok) return undefined;

    const developmentSecret = secret === undefined && jwksUrl === undefined;
    return {
      ...(developmentSecret
        ? { jwtSecret: DEVELOPMENT_JWT_SECRET }
        : secret !== undefined
          ? { jwtSecret: secret }
          : {}),
      ...(jwksUrl !== undefined ? { jwksUrl } : {}),
      ...(issuer !== undefined ? { issuer } : {}),
      ...(audience !== undefined ? { audience } : {}),
      developmentSecret,
    };
  }

  private fail<T>(variable: string, message: string, fallback: T): T {
    this.problems.push({ variable, message });
    return fallback;
  }
}

function neededByText(neededBy: readonly string[]): string {
  return `${neededBy.join(' and ')} ${neededBy.length === 1 ? 'needs' : 'need'} it`;
}

function protocolOf(value: string): string | undefined {
  try {
    return new URL(value).protocol;
  } catch {
    return undefined;
  }
}

function isHostAndPort(value: string): boolean {
  const match = /^([A-Za-z0-9.\-_]+|\[[0-9A-Fa-f:.]+\]):(\d{1,5})$/.exec(value);
  return match !== null && Number(match[2]) >= 1 && Number(match[2]) <= 65535;
}

/** Hides the password in `scheme://user:password@host`, whether or not the rest parses. */
function redactCredentials(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@/]*@/i, '$1***@');
}

/** Quotes a value only when it would be hard to read bare (blank, spaces, control characters). */
function show(value: string): string {
  return /^[\x21-\x7e]+$/.test(value) ? value : JSON.stringify(value);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
