export * from './key-store.contract';
export * from './personal-data.contract';
