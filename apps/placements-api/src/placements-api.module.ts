import { Module } from '@nestjs/common';
import { MatchingModule } from '@app/matching';
import { SUPPLY_AGGREGATES } from '@app/provider-api';
import { AggregateRegistry } from '@placematch/runtime';
import { ChildRecords } from './children/child-records';
import { ChildrenController } from './children/children.controller';
import { ChildrenReadModel } from './children/children.read-model';
import { EraseChildHandler } from './children/erase-child.handler';
import { RecordChildHandler } from './children/record-child.handler';
import { MatchAlertsConsumer } from './jobs/match-alerts.consumer';
import { MatchAlertsJob } from './jobs/match-alerts.job';
import { PlacementsWorker } from './jobs/placements-worker';
import { StressReportRemindersJob } from './jobs/stress-report-reminders.job';
import { PLACEMENTS_AGGREGATES } from './placements-aggregates';
import { PlacementIds } from './shared/ids';
import { EndPlacementHandler } from './placements/end-placement.handler';
import { PlacementRecords } from './placements/placement-records';
import { PlacementsController } from './placements/placements.controller';
import { PlacementsReadModel } from './placements/placements.read-model';
import { StartPlacementHandler } from './placements/start-placement.handler';
import { ProviderController } from './provider/provider.controller';
import { AdmissionsSuspensionReactor } from './reactions/admissions-suspension.reactor';
import { RequestRecords } from './requests/request-records';
import { RequestSearch } from './requests/request-search';
import { RequestsController } from './requests/requests.controller';
import { RequestsReadModel } from './requests/requests.read-model';
import { RunSearchHandler } from './requests/run-search.handler';

/**
 * The placement team's API: children, placement requests and their evidence, referrals, approvals,
 * decisions and placements; and what providers answer (referrals, stress reports). Mounted by
 * apps/placematch and by the placements-api service.
 */
@Module({
  // The matching index: searches for requests, and the authority's policy (the KEEP threshold, M-40).
  imports: [MatchingModule],
  controllers: [ChildrenController, RequestsController, PlacementsController, ProviderController],
  providers: [
    PlacementIds,
    ChildRecords,
    RequestRecords,
    PlacementRecords,
    ChildrenReadModel,
    RequestsReadModel,
    PlacementsReadModel,
    RecordChildHandler,
    EraseChildHandler,
    RequestSearch,
    RunSearchHandler,
    StartPlacementHandler,
    EndPlacementHandler,
    AdmissionsSuspensionReactor,
    // The `placements` queue: match alerts when supply changes, the daily stress-report check (M-39, M-40).
    MatchAlertsJob,
    StressReportRemindersJob,
    PlacementsWorker,
    MatchAlertsConsumer,
  ],
  exports: [AdmissionsSuspensionReactor],
})
export class PlacementsApiModule {
  constructor(registry: AggregateRegistry) {
    PLACEMENTS_AGGREGATES.forEach((a) => registry.register(a));
    // Starting and ending a placement fills and releases a place on the setting (supply's aggregate).
    SUPPLY_AGGREGATES.forEach((a) => registry.register(a));
  }
}
