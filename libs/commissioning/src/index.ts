// The commissioning context: sufficiency views, the DfE stability measures, suppression and forecasting, as
// plain functions over facts from the log. Pure: no framework, no I/O, no clock.
export * from './dates';
export * from './age';
export * from './suppression';
export * from './tables';
export * from './search-evidence';

export * from './stability/episodes';
export * from './stability/stability';

export * from './views/view';
export * from './views/breakdowns';
export * from './views/demand';
export * from './views/supply';
export * from './views/gaps';
export * from './views/outcomes';

export * from './forecast';
export * from './sufficiency';

export * from './regions/authority-regions';
export * from './regions/region.decider';
