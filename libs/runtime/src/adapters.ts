import {
  EventStore,
  EventStoreDbEventStore,
  InMemoryEventStore,
  SqlEventStore,
  Upcasters,
} from '@placematch/event-store';
import {
  EncryptingEventStore,
  InMemoryKeyStore,
  KeyStore,
  parseMasterKey,
  SqlKeyStore,
} from '@placematch/privacy';
import { ALL_INTEGRATION_TOPICS } from '@placematch/contracts';
import { BullJobQueue, InProcessJobQueue, JobQueue } from '@placematch/job-queue';
import { InProcessMessageBus, KafkaMessageBus, MessageBus } from '@placematch/message-bus';
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

/** Opens the key store for per-child keys: beside the read models, under the master key. */
export const openKeyStore = async (options: RuntimeOptions, sql: SqlClient): Promise<KeyStore> =>
  options.eventStore === 'memory'
    ? new InMemoryKeyStore()
    : SqlKeyStore.open(sql, { masterKey: parseMasterKey(options.privacyMasterKey, 'PRIVACY_MASTER_KEY') });

/**
 * Binds the event store adapter the options name, wrapped so that personal fields are encrypted per child
 * when a personal data policy is given. Upcasters run on decrypted events, so they go to the wrapper.
 */
export const openEventStore = async (
  options: RuntimeOptions,
  sql: SqlClient,
  keys: KeyStore,
  upcasters = new Upcasters(),
): Promise<EventStore> => {
  if (!options.personalData) return openInnerEventStore(options, sql, upcasters);
  const inner = await openInnerEventStore(options, sql, new Upcasters());
  return new EncryptingEventStore(inner, keys, options.personalData, { upcasters });
};

const openInnerEventStore = async (
  options: RuntimeOptions,
  sql: SqlClient,
  upcasters: Upcasters,
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
      return SqlEventStore.open(sql, { upcasters, idlePollMs: options.idlePollMs });
    case 'eventstoredb':
      if (!options.eventStoreUrl) throw new Error('EVENTSTORE_URL is required when EVENT_STORE=eventstoredb');
      return EventStoreDbEventStore.connect(options.eventStoreUrl, upcasters, {
        idlePollMs: options.idlePollMs,
      });
  }
};

/**
 * Opens the message bus the options name (Kafka, or in process) with every integration topic created, so a
 * module may subscribe to any of them as soon as the application has initialised.
 */
export const openMessageBus = async (options: RuntimeOptions): Promise<MessageBus> => {
  const bus =
    options.bus?.kind === 'kafka'
      ? new KafkaMessageBus({
          brokers: [...options.bus.brokers],
          clientId: options.serviceName ?? 'placematch',
        })
      : new InProcessMessageBus();
  try {
    await bus.ensureTopics([...ALL_INTEGRATION_TOPICS]);
  } catch (e) {
    await bus.close();
    throw e;
  }
  return bus;
};

/** Opens the job queue the options name: bull on Redis (shared by every process), or in process. */
export const openJobQueue = (options: RuntimeOptions): JobQueue =>
  options.jobs?.kind === 'bull'
    ? new BullJobQueue({ url: options.jobs.redisUrl, prefix: options.jobs.prefix })
    : new InProcessJobQueue();
