import { Module } from '@nestjs/common';
import { AggregateRegistry } from '@placematch/runtime';
import { PLACEMENTS_AGGREGATES } from './placements-aggregates';

/**
 * The placement team's API: children, placement requests and their evidence, referrals, approvals,
 * decisions and placements; and what providers answer (referrals, stress reports). Mounted by
 * apps/placematch and by the placements-api service.
 */
@Module({
  imports: [],
  controllers: [],
  providers: [],
})
export class PlacementsApiModule {
  constructor(registry: AggregateRegistry) {
    PLACEMENTS_AGGREGATES.forEach((a) => registry.register(a));
  }
}
