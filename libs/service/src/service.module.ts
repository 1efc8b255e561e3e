import { DynamicModule, Module, ModuleMetadata, Type } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule, CredentialResolver } from '@placematch/auth';
import { EVENT_STORE, EventStore } from '@placematch/event-store';
import { IntegrationModule } from '@placematch/integration';
import { HealthModule, PlacematchConfig } from '@placematch/platform';
import type { PersonalDataPolicy } from '@placematch/privacy';
import { RuntimeModule, RuntimeOptions } from '@placematch/runtime';
import { SQL_CLIENT, SqlClient } from '@placematch/sql';

type Imports = NonNullable<ModuleMetadata['imports']>;

/** What a process is made of: its name, its feature modules, and how callers prove who they are. */
export interface ServiceDefinition {
  /** Names the process to the broker, in logs and in its consumer groups: `provider-api`, `matching`... */
  name: string;
  /** The contexts' modules this process serves. */
  features: Imports;
  /** Credential resolvers besides bearer tokens (a provider's API key), and the modules they need. */
  credentials?: { resolvers: Type<CredentialResolver>[]; imports: Imports };
  /** Which event fields are personal data about a child (every process that reads them must decrypt). */
  personalData?: PersonalDataPolicy;
  /** Adapter choices that differ from the configuration's (tests). */
  overrides?: Partial<RuntimeOptions>;
}

/** The runtime options the validated configuration names (architecture section 9: only adapters differ). */
export const runtimeOptionsFrom = (
  config: PlacematchConfig,
  definition: Pick<ServiceDefinition, 'name' | 'personalData' | 'overrides'>,
): RuntimeOptions => {
  const es = config.eventStore;
  const rm = config.readModels;
  const kafka = config.bus.kind === 'kafka';
  return {
    serviceName: definition.name,
    eventStore: es.kind,
    readModels: rm.kind,
    dataDir: config.dataDir,
    databaseUrl:
      rm.kind === 'postgres' ? rm.databaseUrl : es.kind === 'postgres' ? es.databaseUrl : undefined,
    eventStoreUrl: es.kind === 'eventstoredb' ? es.url : undefined,
    onspdPath: config.onspdPath,
    privacyMasterKey: config.privacyMasterKey,
    personalData: definition.personalData,
    bus: kafka ? { kind: 'kafka', brokers: config.bus.brokers } : { kind: 'in-process' },
    jobs:
      config.jobs.kind === 'bull'
        ? { kind: 'bull', redisUrl: config.jobs.redisUrl, prefix: config.jobs.prefix }
        : { kind: 'in-process' },
    // With Kafka between processes, another service's writes arrive through the integration events'
    // doorbell: polling is only a safety net.
    idlePollMs: kafka ? 2000 : undefined,
    ...definition.overrides,
  };
};

/**
 * One Placematch process: the runtime (ports bound to the adapters the configuration names), CQRS, auth,
 * health, integration (publisher and doorbell), and the feature modules of the contexts it serves. The
 * all-in-one product and each separate service are this module with different features.
 */
@Module({})
export class ServiceModule {
  static forRoot(config: PlacematchConfig, definition: ServiceDefinition): DynamicModule {
    return {
      module: ServiceModule,
      imports: [
        CqrsModule.forRoot(),
        RuntimeModule.forRoot(runtimeOptionsFrom(config, definition)),
        AuthModule.forRoot({
          jwtSecret: config.auth.jwtSecret,
          jwksUrl: config.auth.jwksUrl,
          issuer: config.auth.issuer,
          audience: config.auth.audience,
          credentialResolvers: definition.credentials?.resolvers ?? [],
          imports: definition.credentials?.imports ?? [],
        }),
        HealthModule.forRoot({
          inject: [EVENT_STORE, SQL_CLIENT],
          useFactory: (store: EventStore, sql: SqlClient) => [
            { name: 'event-store', check: () => store.ping() },
            { name: 'read-models', check: () => sql.ping() },
          ],
        }),
        IntegrationModule,
        ...definition.features,
      ],
    };
  }
}
