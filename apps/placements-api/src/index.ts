export * from './placements-api.module';
export * from './personal-data.policy';
export * from './reactions/admissions-suspension.reactor';
export * from './placements-aggregates';
