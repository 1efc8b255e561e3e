export * from './ssda903-columns';
export * from './ssda903-values';
export * from './ssda903-rows';
export * from './ssda903.parser';
export * from './ssda903-ids';
export * from './ssda903-history';
export * from './ssda903-export';
