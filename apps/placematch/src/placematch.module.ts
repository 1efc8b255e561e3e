import { DynamicModule, Module } from '@nestjs/common';
import { ApiKeyCredentialResolver, ApiKeysModule, ProviderApiModule } from '@app/provider-api';
import { CommissioningModule, Ssda903Module } from '@app/commissioning';
import { MatchingModule } from '@app/matching';
import { PlacementsApiModule, placementsPersonalData } from '@app/placements-api';
import { PlacematchConfig } from '@placematch/platform';
import { RuntimeOptions } from '@placematch/runtime';
import { ServiceModule } from '@placematch/service';
import { OperatorModule } from './operator/operator.module';

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
        ServiceModule.forRoot(config, {
          name: 'placematch',
          personalData: placementsPersonalData(),
          credentials: { resolvers: [ApiKeyCredentialResolver], imports: [ApiKeysModule] },
          features: [
            OperatorModule,
            ProviderApiModule,
            MatchingModule,
            PlacementsApiModule,
            CommissioningModule,
            Ssda903Module,
          ],
          overrides,
        }),
      ],
    };
  }
}
