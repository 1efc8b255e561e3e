export * from './placements-api.module';
export * from './personal-data.policy';
