import { Module } from '@nestjs/common';
import { PLACEMENTS_AGGREGATES } from '@app/placements-api';
import { AggregateRegistry } from '@placematch/runtime';
import { HISTORIC_PLACEMENT_AGGREGATE } from './ssda903.aggregates';
import { Ssda903ExportService } from './ssda903-export.service';
import { Ssda903ImportService } from './ssda903-import.service';
import { ImportsModule } from '@placematch/imports';
import { Ssda903ImportController } from './ssda903-import.controller';
import { Ssda903ImportJob } from './ssda903-import.job';
import { ssda903ReturnIdsProvider, SSDA903_RETURN_IDS } from './ssda903-ids.provider';

/**
 * SSDA903 interop: import a return (Header and Episodes CSV files) as history, and export the log as one.
 * Registers the `placementhistory` aggregate and the placements context's `child`, which a return records
 * children in (so the commissioning service imports on its own); needs the runtime and CQRS modules the app
 * root provides.
 */
@Module({
  imports: [ImportsModule],
  controllers: [Ssda903ImportController],
  providers: [ssda903ReturnIdsProvider, Ssda903ImportService, Ssda903ExportService, Ssda903ImportJob],
  exports: [SSDA903_RETURN_IDS, Ssda903ImportService, Ssda903ExportService],
})
export class Ssda903Module {
  constructor(registry: AggregateRegistry) {
    registry.register(HISTORIC_PLACEMENT_AGGREGATE);
    PLACEMENTS_AGGREGATES.filter((a) => a.name === 'child').forEach((a) => registry.register(a));
  }
}
