import type { PersonalDataPolicy } from '@placematch/privacy';

/** Which adapters the process binds at start (architecture section 9: the same code in every mode). */
export interface RuntimeOptions {
  /** Where events live. */
  eventStore: 'pglite' | 'postgres' | 'memory' | 'eventstoredb';
  /** Where SQL read models live: PGlite in process, or a PostgreSQL server. */
  readModels: 'pglite' | 'postgres';
  /** Folder for PGlite files. */
  dataDir: string;
  /** PostgreSQL connection string, when anything is on PostgreSQL. */
  databaseUrl?: string;
  /** EventStoreDB / KurrentDB connection string, when the event store is there. */
  eventStoreUrl?: string;
  /** An ONS Postcode Directory extract to geocode full postcodes; postcode-district centroids otherwise. */
  onspdPath?: string;
  /** 32 bytes in base64: encrypts each child's personal-data key at rest. */
  privacyMasterKey: string;
  /** Which event fields are personal data about a child, encrypted per child (crypto-shredding on erasure). */
  personalData?: PersonalDataPolicy;
  /** Whether to start the projection runner in this process (services that only write can leave it off). */
  runProjections?: boolean;
  /** The message bus for integration events: in process (the default), or Kafka brokers as `host:port`. */
  bus?: { kind: 'in-process' } | { kind: 'kafka'; brokers: readonly string[] };
  /** The job queue for background work: in process (the default), or bull on Redis. */
  jobs?: { kind: 'in-process' } | { kind: 'bull'; redisUrl: string; prefix?: string };
  /**
   * How often a log reader with nothing new reads again anyway, in ms. Appends in this process wake readers at
   * once; appends in another process reach them through the integration events' doorbell, so with a bus
   * between processes this is only a safety net. Default: the adapter's (100 ms SQL, 500 ms EventStoreDB).
   */
  idlePollMs?: number;
  /** Names this process to the broker and in logs: `placematch`, `provider-api`, `matching`... */
  serviceName?: string;
}
