import { placementsPersonalData } from '@app/placements-api';
import { ServiceModule, startService } from '@placematch/service';
import { CommissioningModule } from './commissioning.module';
import { Ssda903Module } from './ssda903';

/** The commissioning service: sufficiency projections, views and exports; SSDA903 imports and exports. */
startService(
  (config) =>
    ServiceModule.forRoot(config, {
      name: 'commissioning',
      personalData: placementsPersonalData(),
      features: [CommissioningModule, Ssda903Module],
    }),
  {
    title: 'Placematch commissioning',
    description: 'For regional commissioners: demand against supply, gaps, stability and distance, exports.',
  },
);
