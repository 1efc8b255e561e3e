import { placementsPersonalData } from '@app/placements-api';
import { ServiceModule, startService } from '@placematch/service';
import { MatchingModule } from './matching.module';

/**
 * The matching service: a full in-memory index (each replica keeps its own, fed from the log and woken by
 * integration events), the search, and the matching policies.
 */
startService(
  (config) =>
    ServiceModule.forRoot(config, {
      name: 'matching',
      personalData: placementsPersonalData(),
      features: [MatchingModule],
    }),
  {
    title: 'Placematch matching',
    description: 'The ranked, explained menu of matches, and the matching policies per authority.',
  },
);
