export * from './matching.module';
export * from './matching-index.service';
export * from './search.handler';
