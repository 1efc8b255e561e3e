import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ApiKeyCredentialResolver, ApiKeysModule, ProviderApiModule } from '@app/provider-api';
import { CommissioningModule, Ssda903Module } from '@app/commissioning';
import { MatchingModule } from '@app/matching';
import { PlacementsApiModule, placementsPersonalData } from '@app/placements-api';
import { AuthModule } from '@placematch/auth';
import { EVENT_STORE, EventStore } from '@placematch/event-store';
import { HealthModule, PlacematchConfig } from '@placematch/platform';
import { RuntimeModule, RuntimeOptions } from '@placematch/runtime';
import { SQL_CLIENT, SqlClient } from '@placematch/sql';
import { OperatorModule } from './operator/operator.module';
import { runtimeOptionsFrom } from './runtime-options';

/**
 * The whole product in one process: every context's module, on the adapters the configuration names
 * (the embedded defaults: PGlite, in-process bus and jobs).
 */
@Module({})
export class PlacematchModule {
  static forRoot(config: PlacematchConfig, overrides: Partial<RuntimeOptions> = {}): DynamicModule {
    return {
      module: PlacematchModule,
      imports: [
        CqrsModule.forRoot(),
        RuntimeModule.forRoot(
          runtimeOptionsFrom(config, { personalData: placementsPersonalData(), ...overrides }),
        ),
        AuthModule.forRoot({
          jwtSecret: config.auth.jwtSecret,
          jwksUrl: config.auth.jwksUrl,
          issuer: config.auth.issuer,
          audience: config.auth.audience,
          credentialResolvers: [ApiKeyCredentialResolver],
          imports: [ApiKeysModule],
        }),
        HealthModule.forRoot({
          inject: [EVENT_STORE, SQL_CLIENT],
          useFactory: (store: EventStore, sql: SqlClient) => [
            { name: 'event-store', check: () => store.ping() },
            { name: 'read-models', check: () => sql.ping() },
          ],
        }),
        OperatorModule,
        ProviderApiModule,
        MatchingModule,
        PlacementsApiModule,
        CommissioningModule,
        Ssda903Module,
      ],
    };
  }
}
