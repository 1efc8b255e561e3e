// The placements context: children, placement requests and placements. Pure: no framework, no I/O, no clock.
export * from './shared/command';
export * from './shared/ids';

export * from './codes/gender';
export * from './codes/legal-status';
export * from './codes/cin-category';
export * from './codes/episode';

export * from './child/child-age';
export * from './child/child.commands';
export * from './child/child.events';
export * from './child/child.decider';

export * from './request/placements-standard';
export * from './request/guards';
export * from './request/request.commands';
export * from './request/request.events';
export * from './request/request.decider';

export * from './placement/placement.commands';
export * from './placement/placement.events';
export * from './placement/placement.decider';

export * from './history/historic-placement.commands';
export * from './history/historic-placement.events';
export * from './history/historic-placement';
export * from './history/historic-placement.decider';

export * from './personal-data';
