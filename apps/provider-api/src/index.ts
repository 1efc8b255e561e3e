export * from './provider-api.module';
export * from './api-keys/api-keys.module';
export * from './api-keys/api-key.resolver';
export * from './api-keys/api-key.store';
export * from './imports/ofsted-import.service';
export * from './shared/supply-aggregates';
