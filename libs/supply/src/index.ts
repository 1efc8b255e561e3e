// The supply context: everything a provider keeps current. Pure: no framework, no I/O, no clock.
export * from './shared/command';
export * from './shared/ids';
export {
  DAY_MS,
  completedMonthsBetween,
  dateParts,
  daysBetween,
  isIsoDate,
  londonDate,
} from './shared/dates';
export * from './shared/identifiers';
export * from './shared/validation';

export * from './codes/placement-types';
export * from './codes/provider-codes';
export * from './codes/ethnicity';
export * from './codes/disability';
export * from './codes/risks';

export * from './provider/provider-types';
export * from './provider/provider.commands';
export * from './provider/provider.events';
export * from './provider/provider.decider';

export * from './setting/location';
export * from './setting/approval-terms';
export * from './setting/household-profile';
export * from './setting/vacancy';
export * from './setting/setting.commands';
export * from './setting/setting.events';
export * from './setting/setting.decider';

export * from './stress/behaviour-checklist';
export * from './stress/stress-report';

export * from './carer/carer.commands';
export * from './carer/carer.events';
export * from './carer/carer.decider';
