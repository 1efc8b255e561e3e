import { Module } from '@nestjs/common';
import { AggregateRegistry } from '@placematch/runtime';
import { HISTORIC_PLACEMENT_AGGREGATE } from './ssda903.aggregates';
import { Ssda903ExportService } from './ssda903-export.service';
import { Ssda903ImportService } from './ssda903-import.service';

/**
 * SSDA903 interop: import a return (Header and Episodes CSV files) as history, and export the log as one.
 * Registers the `placementhistory` aggregate; needs the `child` aggregate, which PlacementsApiModule registers,
 * and the runtime and CQRS modules the app root provides.
 */
@Module({
  providers: [Ssda903ImportService, Ssda903ExportService],
  exports: [Ssda903ImportService, Ssda903ExportService],
})
export class Ssda903Module {
  constructor(registry: AggregateRegistry) {
    registry.register(HISTORIC_PLACEMENT_AGGREGATE);
  }
}
