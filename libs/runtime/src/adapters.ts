import {
  EventStore,
  EventStoreDbEventStore,
  InMemoryEventStore,
  SqlEventStore,
  Upcasters,
} from '@placematch/event-store';
import { PgliteSqlClient, PostgresSqlClient, SqlClient } from '@placematch/sql';
import { join } from 'node:path';
import { lockDataDir } from './data-dir-lock';
import type { RuntimeOptions } from './runtime.options';

/** Opens the SQL client for read models (and for the event store, when it is on SQL too). */
export const openSql = async (options: RuntimeOptions): Promise<SqlClient> => {
  if (options.readModels === 'postgres') {
    if (!options.databaseUrl) throw new Error('DATABASE_URL is required when read models are on PostgreSQL');
    const sql = new PostgresSqlClient({ connectionString: options.databaseUrl, max: 10 });
    await sql.ping();
    return sql;
  }
  const dir = join(options.dataDir, 'pglite');
  const unlock = lockDataDir(dir);
  try {
    return await PgliteSqlClient.open({ dataDir: dir, onClose: unlock });
  } catch (e) {
    unlock();
    throw e;
  }
};

/** Binds the event store adapter the options name. */
export const openEventStore = async (
  options: RuntimeOptions,
  sql: SqlClient,
  upcasters = new Upcasters(),
): Promise<EventStore> => {
  switch (options.eventStore) {
    case 'memory':
      return new InMemoryEventStore(upcasters);
    case 'pglite':
    case 'postgres':
      if (sql.engine !== options.eventStore) {
        throw new Error(
          `EVENT_STORE=${options.eventStore} needs READ_MODELS=${options.eventStore} (one database for both)`,
        );
      }
      return SqlEventStore.open(sql, { upcasters });
    case 'eventstoredb':
      if (!options.eventStoreUrl) throw new Error('EVENTSTORE_URL is required when EVENT_STORE=eventstoredb');
      return EventStoreDbEventStore.connect(options.eventStoreUrl, upcasters);
  }
};
