import { ApiKeyCredentialResolver, ApiKeysModule } from '@app/provider-api';
import { ServiceModule, startService } from '@placematch/service';
import { placementsPersonalData } from './personal-data.policy';
import { PlacementsApiModule } from './placements-api.module';

/**
 * The placement teams' API as a service of its own: children, requests, searches (on its own full matching
 * index), decisions and placements; providers answer referrals and file stress reports with their API keys.
 */
startService(
  (config) =>
    ServiceModule.forRoot(config, {
      name: 'placements-api',
      personalData: placementsPersonalData(),
      credentials: { resolvers: [ApiKeyCredentialResolver], imports: [ApiKeysModule] },
      features: [PlacementsApiModule],
    }),
  {
    title: 'Placematch placements API',
    description:
      'For placement teams: children, placement requests, ranked and explained searches, referrals, approvals, decisions and placements.',
  },
);
