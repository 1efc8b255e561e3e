export * from './commissioning.module';
export * from './commissioning.options';
export * from './commissioning.read-model';
export * from './commissioning.service';
export * from './projections/commissioning.projections';
export * from './snapshots/sufficiency-snapshots';
export * from './ssda903';
