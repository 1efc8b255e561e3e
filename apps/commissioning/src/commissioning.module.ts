import { DynamicModule, Module } from '@nestjs/common';
import { regionDecider, regionStream } from '@placematch/commissioning';
import { AggregateRegistry, AggregateType } from '@placematch/runtime';
import { CommissioningController } from './commissioning.controller';
import { COMMISSIONING_OPTIONS, commissioningOptions, CommissioningOptions } from './commissioning.options';
import { CommissioningReadModel } from './commissioning.read-model';
import { CommissioningService } from './commissioning.service';
import { SnapshotsController } from './snapshots/snapshots.controller';
import { SufficiencySnapshots } from './snapshots/sufficiency-snapshots';

/** The region aggregate (`region-<slug>`), for the command pipeline. */
export const REGION_AGGREGATE = {
  name: 'region',
  stream: regionStream,
  decider: regionDecider,
} as unknown as AggregateType;

/**
 * The commissioning context: SQL projections of demand, supply, gaps and outcomes facts (registered with the
 * projection host), the sufficiency views and exports for commissioners, the nightly sufficiency snapshots
 * (queue `commissioning`), and operators' region assignments.
 * Import it as it is for the defaults, or `CommissioningModule.forRoot({ suppressionThreshold })`.
 */
@Module({
  controllers: [CommissioningController, SnapshotsController],
  providers: [
    { provide: COMMISSIONING_OPTIONS, useValue: commissioningOptions() },
    CommissioningReadModel,
    CommissioningService,
    // Takes the nightly sufficiency snapshot: its worker and schedule start on application bootstrap.
    SufficiencySnapshots,
  ],
  exports: [CommissioningService],
})
export class CommissioningModule {
  constructor(registry: AggregateRegistry) {
    registry.register(REGION_AGGREGATE);
  }

  /** The module with options other than the defaults (checked at start). */
  static forRoot(options: Partial<CommissioningOptions> = {}): DynamicModule {
    return {
      module: CommissioningModule,
      providers: [{ provide: COMMISSIONING_OPTIONS, useValue: commissioningOptions(options) }],
    };
  }
}
