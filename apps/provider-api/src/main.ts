import { placementsPersonalData } from '@app/placements-api';
import { ServiceModule, startService } from '@placematch/service';
import { ApiKeyCredentialResolver } from './api-keys/api-key.resolver';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { ProviderApiModule } from './provider-api.module';

/** The provider API as a service of its own: settings, vacancies, carers; providers call it with API keys. */
startService(
  (config) =>
    ServiceModule.forRoot(config, {
      name: 'provider-api',
      personalData: placementsPersonalData(),
      credentials: { resolvers: [ApiKeyCredentialResolver], imports: [ApiKeysModule] },
      features: [ProviderApiModule],
    }),
  {
    title: 'Placematch provider API',
    description:
      'For providers and operators: providers, settings, approval terms, household profiles, vacancies and carers.',
  },
);
