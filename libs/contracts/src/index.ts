export * from './envelope';
export * from './supply.events';
export * from './placements.events';
export * from './matching.events';
