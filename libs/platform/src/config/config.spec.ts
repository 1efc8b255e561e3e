import {
  ConfigError,
  DEVELOPMENT_DATABASE_URL,
  DEVELOPMENT_JWT_SECRET,
  loadConfig,
  PlacematchEnv,
} from './config';

const LONG_SECRET = 'x'.repeat(40);

/** The problems loadConfig reports for `env`, as their messages; fails the test if it does not throw. */
function problemsOf(env: PlacematchEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((p) => p.message);
  }
  throw new Error('expected a ConfigError');
}

const MASTER_KEY = Buffer.alloc(32, 7).toString('base64');

describe('loadConfig', () => {
  describe('defaults (nothing set, not production)', () => {
    const config = loadConfig({});

    it('listens on 0.0.0.0:3000', () => {
      expect(config.port).toBe(3000);
      expect(config.host).toBe('0.0.0.0');
    });

    it('keeps embedded data under ./data', () => expect(config.dataDir).toBe('./data'));

    it('runs everything in process on PGlite', () => {
      expect(config.eventStore).toEqual({ kind: 'pglite' });
      expect(config.readModels).toEqual({ kind: 'pglite' });
      expect(config.bus).toEqual({ kind: 'in-process' });
      expect(config.jobs).toEqual({ kind: 'in-process' });
    });

    it('uses the development JWT secret, and says so', () =>
      expect(config.auth).toEqual({ jwtSecret: DEVELOPMENT_JWT_SECRET, developmentSecret: true }));

    it('logs at info and gives shutdown 10 seconds', () => {
      expect(config.logLevel).toBe('info');
      expect(config.shutdownTimeoutMs).toBe(10_000);
    });

    it('is not production', () => expect(config.production).toBe(false));

    it('is frozen all the way down', () => {
      expect(Object.isFrozen(config)).toBe(true);
      expect(Object.isFrozen(config.eventStore)).toBe(true);
      expect(Object.isFrozen(config.auth)).toBe(true);
      expect(() => {
        (config as { port: number }).port = 1;
      }).toThrow(TypeError);
    });
  });

  describe('values that are set', () => {
    it('reads every simple variable', () => {
      const config = loadConfig({
        PORT: '8080',
        HOST: '127.0.0.1',
        PLACEMATCH_DATA_DIR: '/var/lib/placematch',
        LOG_LEVEL: 'debug',
        SHUTDOWN_TIMEOUT_MS: '2500',
      });
      expect(config).toMatchObject({
        port: 8080,
        host: '127.0.0.1',
        dataDir: '/var/lib/placematch',
        logLevel: 'debug',
        shutdownTimeoutMs: 2500,
      });
    });

    it('treats a blank variable as unset', () => {
      const config = loadConfig({ PORT: '', HOST: '  ', EVENT_STORE: '' });
      expect(config.port).toBe(3000);
      expect(config.host).toBe('0.0.0.0');
      expect(config.eventStore.kind).toBe('pglite');
    });

    it('accepts the in-memory event store, with PGlite read models', () => {
      const config = loadConfig({ EVENT_STORE: 'memory' });
      expect(config.eventStore).toEqual({ kind: 'memory' });
      expect(config.readModels).toEqual({ kind: 'pglite' });
    });

    it('makes read models follow a PostgreSQL event store, sharing DATABASE_URL', () => {
      const url = 'postgres://placematch:pw@db:5432/placematch';
      const config = loadConfig({ EVENT_STORE: 'postgres', DATABASE_URL: url });
      expect(config.eventStore).toEqual({ kind: 'postgres', databaseUrl: url });
      expect(config.readModels).toEqual({ kind: 'postgres', databaseUrl: url });
    });

    it('puts read models in PostgreSQL next to EventStoreDB', () => {
      const config = loadConfig({
        EVENT_STORE: 'eventstoredb',
        EVENTSTORE_URL: 'esdb://esdb:2113?tls=false',
        DATABASE_URL: 'postgresql://db/placematch',
      });
      expect(config.eventStore).toEqual({ kind: 'eventstoredb', url: 'esdb://esdb:2113?tls=false' });
      expect(config.readModels).toEqual({ kind: 'postgres', databaseUrl: 'postgresql://db/placematch' });
    });

    it('lets READ_MODELS override the event store’s choice', () => {
      const config = loadConfig({
        EVENT_STORE: 'postgres',
        READ_MODELS: 'pglite',
        DATABASE_URL: 'postgres://db/x',
      });
      expect(config.readModels).toEqual({ kind: 'pglite' });
    });

    it('assumes the local development database outside production', () => {
      expect(loadConfig({ READ_MODELS: 'postgres' }).readModels).toEqual({
        kind: 'postgres',
        databaseUrl: DEVELOPMENT_DATABASE_URL,
      });
    });

    it('splits and trims the Kafka broker list', () => {
      expect(loadConfig({ BUS: 'kafka', KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9093,' }).bus).toEqual({
        kind: 'kafka',
        brokers: ['kafka-1:9092', 'kafka-2:9093'],
      });
    });

    it('queues jobs in bull on REDIS_URL', () => {
      expect(loadConfig({ JOBS: 'bull', REDIS_URL: 'redis://redis:6379' }).jobs).toEqual({
        kind: 'bull',
        redisUrl: 'redis://redis:6379',
      });
    });

    it('keeps bull’s Redis keys under JOBS_PREFIX when it is set, and refuses one that is not a key prefix', () => {
      expect(loadConfig({ JOBS: 'bull', REDIS_URL: 'redis://r:6379', JOBS_PREFIX: 'pm-ci' }).jobs).toEqual({
        kind: 'bull',
        redisUrl: 'redis://r:6379',
        prefix: 'pm-ci',
      });
      expect(problemsOf({ JOBS_PREFIX: 'a b' })).toEqual([
        "JOBS_PREFIX=\"a b\" is not a Redis key prefix: use 1 to 64 letters, digits, '.', '_' or '-', or unset it for placematch",
      ]);
    });

    it('verifies tokens with the given secret, issuer and audience', () => {
      expect(
        loadConfig({
          AUTH_JWT_SECRET: 'short-dev-secret',
          AUTH_ISSUER: 'https://idp',
          AUTH_AUDIENCE: 'placematch',
        }).auth,
      ).toEqual({
        jwtSecret: 'short-dev-secret',
        issuer: 'https://idp',
        audience: 'placematch',
        developmentSecret: false,
      });
    });

    it('verifies tokens against a JWKS without any secret', () => {
      expect(loadConfig({ AUTH_JWKS_URL: 'https://idp/.well-known/jwks.json' }).auth).toEqual({
        jwksUrl: 'https://idp/.well-known/jwks.json',
        developmentSecret: false,
      });
    });
  });

  describe('production', () => {
    it('refuses to start without PRIVACY_MASTER_KEY, and names the fix', () => {
      expect(problemsOf({ NODE_ENV: 'production', AUTH_JWT_SECRET: LONG_SECRET })).toEqual([
        'PRIVACY_MASTER_KEY is not set but is required in production: set it to 32 random bytes in base64 (openssl rand -base64 32)',
      ]);
      expect(
        problemsOf({ NODE_ENV: 'production', AUTH_JWT_SECRET: LONG_SECRET, PRIVACY_MASTER_KEY: 'short' }),
      ).toEqual([
        'PRIVACY_MASTER_KEY is not 32 bytes in base64: set it to the output of openssl rand -base64 32',
      ]);
    });

    it('refuses to start without AUTH_JWKS_URL or AUTH_JWT_SECRET', () => {
      expect(problemsOf({ NODE_ENV: 'production', PRIVACY_MASTER_KEY: MASTER_KEY })).toEqual([
        "AUTH_JWKS_URL and AUTH_JWT_SECRET are both unset and NODE_ENV=production: set AUTH_JWKS_URL to your identity provider's JWKS address (or AUTH_JWT_SECRET to a secret of at least 32 random characters); the built-in development secret is never used in production",
      ]);
    });

    it('starts with a JWKS URL, and never uses the development secret', () => {
      const config = loadConfig({
        NODE_ENV: 'production',
        PRIVACY_MASTER_KEY: MASTER_KEY,
        AUTH_JWKS_URL: 'https://idp/jwks',
      });
      expect(config.production).toBe(true);
      expect(config.auth).toEqual({ jwksUrl: 'https://idp/jwks', developmentSecret: false });
    });

    it('starts with a long secret', () => {
      expect(
        loadConfig({ NODE_ENV: 'production', PRIVACY_MASTER_KEY: MASTER_KEY, AUTH_JWT_SECRET: LONG_SECRET })
          .auth.jwtSecret,
      ).toBe(LONG_SECRET);
    });

    it('refuses a short secret without echoing it', () => {
      const [message] = problemsOf({
        NODE_ENV: 'production',
        PRIVACY_MASTER_KEY: MASTER_KEY,
        AUTH_JWT_SECRET: 'hunter2',
      });
      expect(message).toBe(
        'AUTH_JWT_SECRET is 7 characters long, too short to resist guessing in production: set AUTH_JWT_SECRET to at least 32 random characters (for example the output of `openssl rand -base64 48`), or use AUTH_JWKS_URL',
      );
      expect(message).not.toContain('hunter2');
    });

    it('requires DATABASE_URL for PostgreSQL rather than assuming a local one', () => {
      expect(
        problemsOf({
          NODE_ENV: 'production',
          PRIVACY_MASTER_KEY: MASTER_KEY,
          AUTH_JWT_SECRET: LONG_SECRET,
          EVENT_STORE: 'postgres',
        }),
      ).toEqual([
        'DATABASE_URL is not set but EVENT_STORE=postgres and READ_MODELS=postgres need it: set DATABASE_URL to a PostgreSQL URL such as postgres://user:password@host:5432/placematch',
      ]);
    });
  });

  describe('bad values', () => {
    it.each([
      ['abc', 'PORT=abc is not a port number: set PORT to an integer from 1 to 65535, or unset it for 3000'],
      ['0', 'PORT=0 is not a port number: set PORT to an integer from 1 to 65535, or unset it for 3000'],
      [
        '65536',
        'PORT=65536 is not a port number: set PORT to an integer from 1 to 65535, or unset it for 3000',
      ],
      [
        '30.5',
        'PORT=30.5 is not a port number: set PORT to an integer from 1 to 65535, or unset it for 3000',
      ],
    ])('PORT=%s', (value, message) => expect(problemsOf({ PORT: value })).toEqual([message]));

    it('HOST with a space', () =>
      expect(problemsOf({ HOST: 'local host' })).toEqual([
        'HOST="local host" is not a hostname or IP address: set HOST to the address to listen on (0.0.0.0 for every interface, 127.0.0.1 for this machine only), or unset it for 0.0.0.0',
      ]));

    it('an unknown EVENT_STORE', () =>
      expect(problemsOf({ EVENT_STORE: 'mongodb' })).toEqual([
        'EVENT_STORE=mongodb is not a known event store: set EVENT_STORE to one of pglite, postgres, memory, eventstoredb, or unset it for pglite',
      ]));

    it('enum values are case-sensitive', () =>
      expect(problemsOf({ EVENT_STORE: 'Postgres' })[0]).toMatch(
        /^EVENT_STORE=Postgres is not a known event store/,
      ));

    it('an unknown READ_MODELS, saying what unset would mean', () =>
      expect(problemsOf({ EVENT_STORE: 'memory', READ_MODELS: 'sqlite' })).toEqual([
        'READ_MODELS=sqlite is not a known read-model database: set READ_MODELS to one of pglite, postgres, or unset it to follow EVENT_STORE (pglite)',
      ]));

    it('an unknown BUS', () =>
      expect(problemsOf({ BUS: 'rabbitmq' })).toEqual([
        'BUS=rabbitmq is not a known message bus: set BUS to one of in-process, kafka, or unset it for in-process',
      ]));

    it('an unknown JOBS', () =>
      expect(problemsOf({ JOBS: 'sqs' })).toEqual([
        'JOBS=sqs is not a known job queue: set JOBS to one of in-process, bull, or unset it for in-process',
      ]));

    it('an unknown LOG_LEVEL', () =>
      expect(problemsOf({ LOG_LEVEL: 'verbose' })).toEqual([
        'LOG_LEVEL=verbose is not a log level: set LOG_LEVEL to one of debug, info, warn, error, or unset it for info',
      ]));

    it.each(['0', '-5', 'ten', '2147483648'])('SHUTDOWN_TIMEOUT_MS=%s', (value) =>
      expect(problemsOf({ SHUTDOWN_TIMEOUT_MS: value })).toEqual([
        `SHUTDOWN_TIMEOUT_MS=${value} is not a number of milliseconds: set SHUTDOWN_TIMEOUT_MS to an integer from 1 to 2147483647, or unset it for 10000`,
      ]),
    );

    it('a DATABASE_URL that is not PostgreSQL, with its password hidden', () => {
      const [message] = problemsOf({ EVENT_STORE: 'postgres', DATABASE_URL: 'mysql://app:s3cret@db:3306/x' });
      expect(message).toBe(
        'DATABASE_URL=mysql://app:***@db:3306/x is not a PostgreSQL URL (it must start with postgres:// or postgresql://): set DATABASE_URL to a PostgreSQL URL such as postgres://user:password@host:5432/placematch',
      );
    });

    it('a DATABASE_URL that is not a URL at all, even when unused', () =>
      expect(problemsOf({ DATABASE_URL: 'db:5432' })).toEqual([
        'DATABASE_URL=db:5432 is not a PostgreSQL URL (it must start with postgres:// or postgresql://): set DATABASE_URL to a PostgreSQL URL such as postgres://user:password@host:5432/placematch',
      ]));

    it('EVENTSTORE_URL missing for EventStoreDB', () =>
      expect(problemsOf({ EVENT_STORE: 'eventstoredb' })).toEqual([
        'EVENTSTORE_URL is not set but EVENT_STORE=eventstoredb needs it: set EVENTSTORE_URL to an EventStoreDB connection string such as esdb://host:2113?tls=false',
      ]));

    it('EVENTSTORE_URL with the wrong scheme', () =>
      expect(problemsOf({ EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: 'http://esdb:2113' })).toEqual([
        'EVENTSTORE_URL=http://esdb:2113 is not an EventStoreDB connection string (it must start with esdb:// or esdb+discover://): set EVENTSTORE_URL to an EventStoreDB connection string such as esdb://host:2113?tls=false',
      ]));

    it('KAFKA_BROKERS missing for Kafka', () =>
      expect(problemsOf({ BUS: 'kafka' })).toEqual([
        'KAFKA_BROKERS is not set but BUS=kafka needs it: set KAFKA_BROKERS to a comma-separated list of host:port, such as kafka-1:9092,kafka-2:9092',
      ]));

    it('KAFKA_BROKERS naming an entry without a port', () =>
      expect(problemsOf({ BUS: 'kafka', KAFKA_BROKERS: 'kafka-1:9092,kafka-2' })).toEqual([
        'KAFKA_BROKERS=kafka-1:9092,kafka-2 has kafka-2, which is not host:port: set KAFKA_BROKERS to a comma-separated list of host:port, such as kafka-1:9092,kafka-2:9092',
      ]));

    it('KAFKA_BROKERS with only commas', () =>
      expect(problemsOf({ BUS: 'kafka', KAFKA_BROKERS: ',,' })).toEqual([
        'KAFKA_BROKERS=,, names no broker: set KAFKA_BROKERS to a comma-separated list of host:port, such as kafka-1:9092,kafka-2:9092',
      ]));

    it('REDIS_URL missing for bull', () =>
      expect(problemsOf({ JOBS: 'bull' })).toEqual([
        'REDIS_URL is not set but JOBS=bull needs it: set REDIS_URL to a Redis URL such as redis://host:6379',
      ]));

    it('REDIS_URL with the wrong scheme', () =>
      expect(problemsOf({ JOBS: 'bull', REDIS_URL: 'localhost:6379' })).toEqual([
        'REDIS_URL=localhost:6379 is not a Redis URL (it must start with redis:// or rediss://): set REDIS_URL to a Redis URL such as redis://host:6379',
      ]));

    it('AUTH_JWKS_URL that is not http(s)', () =>
      expect(problemsOf({ AUTH_JWKS_URL: 'file:///etc/jwks.json' })).toEqual([
        "AUTH_JWKS_URL=file:///etc/jwks.json is not an http(s) URL: set AUTH_JWKS_URL to your identity provider's JWKS address, such as https://login.example.org/.well-known/jwks.json",
      ]));

    it('reports every problem at once, one line each, in the error message', () => {
      let caught: unknown;
      try {
        loadConfig({ PORT: 'abc', BUS: 'kafka', LOG_LEVEL: 'loud' });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ConfigError);
      const error = caught as ConfigError;
      expect(error.problems.map((p) => p.variable)).toEqual(['PORT', 'KAFKA_BROKERS', 'LOG_LEVEL']);
      expect(error.message).toBe(
        [
          'Placematch cannot start: the configuration has 3 problems:',
          '  - PORT=abc is not a port number: set PORT to an integer from 1 to 65535, or unset it for 3000',
          '  - KAFKA_BROKERS is not set but BUS=kafka needs it: set KAFKA_BROKERS to a comma-separated list of host:port, such as kafka-1:9092,kafka-2:9092',
          '  - LOG_LEVEL=loud is not a log level: set LOG_LEVEL to one of debug, info, warn, error, or unset it for info',
        ].join('\n'),
      );
    });
  });

  it('reads process.env when given nothing', () => {
    const saved = process.env.PORT;
    process.env.PORT = '4321';
    try {
      expect(loadConfig().port).toBe(4321);
    } finally {
      if (saved === undefined) delete process.env.PORT;
      else process.env.PORT = saved;
    }
  });
});
