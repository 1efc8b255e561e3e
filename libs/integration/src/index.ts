export * from './translate';
export * from './publisher';
export * from './consumer';
export * from './log-doorbell';
export * from './integration.module';
