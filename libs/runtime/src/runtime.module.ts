import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@placematch/event-store';
import { ChainGeocoder, GEOCODER, OnspdGeocoder, OutcodeGeocoder } from '@placematch/geo';
import { CLOCK, ID_GENERATOR, randomIds, systemClock } from '@placematch/kernel';
import { SQL_CLIENT, SqlClient } from '@placematch/sql';
import { JOB_QUEUE, JobQueue } from '@placematch/job-queue';
import { MESSAGE_BUS, MessageBus } from '@placematch/message-bus';
import { openEventStore, openJobQueue, openKeyStore, openMessageBus, openSql } from './adapters';
import { KEY_STORE, KeyStore } from '@placematch/privacy';
import { AggregateRegistry, ExecuteCommandHandler, LoadAggregateHandler } from './aggregates';
import { CommandContext } from './command-context';
import { ProjectionHost } from './projection-host';
import type { RuntimeOptions } from './runtime.options';
import { PROJECTION_RUNNER } from './tokens';

export const RUNTIME_OPTIONS = Symbol('RUNTIME_OPTIONS');

/** Starts projections once every module has registered its own, and closes stores last on shutdown. */
@Injectable()
class RuntimeLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(PROJECTION_RUNNER) private readonly projections: ProjectionHost,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.projections.start();
  }

  async onApplicationShutdown(): Promise<void> {
    // Consumers and workers first (they may still write), then projections, then the stores they write to.
    await this.bus.close();
    await this.jobs.close();
    await this.projections.stop();
    await this.store.close();
    await this.sql.close();
  }
}

/**
 * The process's ports bound to adapters: the event store, the SQL client for read models, the projection
 * host, the message bus, the job queue, the clock and the id generator. Global, so feature modules inject the tokens directly.
 */
@Global()
@Module({})
export class RuntimeModule {
  static forRoot(options: RuntimeOptions): DynamicModule {
    return {
      module: RuntimeModule,
      providers: [
        { provide: RUNTIME_OPTIONS, useValue: options },
        { provide: SQL_CLIENT, useFactory: () => openSql(options) },
        {
          provide: KEY_STORE,
          useFactory: (sql: SqlClient) => openKeyStore(options, sql),
          inject: [SQL_CLIENT],
        },
        {
          provide: EVENT_STORE,
          useFactory: (sql: SqlClient, keys: KeyStore) => openEventStore(options, sql, keys),
          inject: [SQL_CLIENT, KEY_STORE],
        },
        {
          provide: PROJECTION_RUNNER,
          useFactory: (store: EventStore, sql: SqlClient) =>
            new ProjectionHost(store, sql, options.runProjections ?? true),
          inject: [EVENT_STORE, SQL_CLIENT],
        },
        {
          provide: GEOCODER,
          useFactory: async () =>
            options.onspdPath
              ? new ChainGeocoder([
                  await OnspdGeocoder.load({ path: options.onspdPath }),
                  new OutcodeGeocoder(),
                ])
              : new OutcodeGeocoder(),
        },
        { provide: MESSAGE_BUS, useFactory: () => openMessageBus(options) },
        { provide: JOB_QUEUE, useFactory: () => openJobQueue(options) },
        { provide: CLOCK, useValue: systemClock },
        { provide: ID_GENERATOR, useValue: randomIds },
        RuntimeLifecycle,
        CommandContext,
        AggregateRegistry,
        ExecuteCommandHandler,
        LoadAggregateHandler,
      ],
      exports: [
        RUNTIME_OPTIONS,
        SQL_CLIENT,
        KEY_STORE,
        EVENT_STORE,
        PROJECTION_RUNNER,
        GEOCODER,
        MESSAGE_BUS,
        JOB_QUEUE,
        CLOCK,
        ID_GENERATOR,
        CommandContext,
        AggregateRegistry,
      ],
    };
  }
}
