import { Global, Inject, Module, OnModuleInit } from '@nestjs/common';
import { MESSAGE_BUS, MessageBus } from '@placematch/message-bus';
import { PROJECTION_RUNNER, ProjectionHost } from '@placematch/runtime';
import { LogDoorbell } from './log-doorbell';
import { IntegrationPublisher } from './publisher';

/**
 * Integration between services: the publisher of integration events (run with the projections, guarded
 * so several processes may run it) and the doorbell that tells this process's projections to read the log
 * when another service has written. Global: the matching index rings on the same doorbell.
 */
@Global()
@Module({ providers: [LogDoorbell], exports: [LogDoorbell] })
export class IntegrationModule implements OnModuleInit {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(PROJECTION_RUNNER) private readonly projections: ProjectionHost,
    private readonly doorbell: LogDoorbell,
  ) {}

  onModuleInit(): void {
    this.projections.register(new IntegrationPublisher(this.bus));
    this.doorbell.onRing(() => this.projections.caughtUp());
  }
}
