export * from './event-store.port';
export * from './upcasting';
export * from './handle-command';
export * from './polling-subscription';
export * from './adapters/memory/in-memory.event-store';
export * from './adapters/sql/sql.event-store';
export * from './adapters/eventstoredb/eventstoredb.event-store';
