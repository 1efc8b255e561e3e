export * from './sql.port';
export * from './adapters/postgres/postgres.sql-client';
export * from './adapters/pglite/pglite.sql-client';
