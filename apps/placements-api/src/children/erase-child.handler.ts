import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@placematch/event-store';
import { Actor } from '@placematch/kernel';
import { EraseChild } from '@placematch/placements';
import { EncryptingEventStore } from '@placematch/privacy';
import { CommandContext, ExecuteCommand } from '@placematch/runtime';

/** Erases a child: the erasure recorded by the decider, then the child's key deleted (crypto-shredding). */
export class EraseChildCommand {
  constructor(
    readonly childId: string,
    readonly reason: string,
    readonly actor: Actor,
  ) {}
}

@CommandHandler(EraseChildCommand)
export class EraseChildHandler implements ICommandHandler<EraseChildCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly commands: CommandBus,
    private readonly context: CommandContext,
  ) {}

  async execute({ childId, reason, actor }: EraseChildCommand): Promise<void> {
    // Without the encrypting store, deleting a key would erase nothing: refuse before recording an erasure
    // that did not happen. A configuration fault (500), never a client's.
    if (!(this.store instanceof EncryptingEventStore)) {
      throw new Error(
        'Erasure needs the encrypting event store: start the runtime with a personal data policy',
      );
    }
    const command: EraseChild = {
      type: 'EraseChild',
      at: this.context.now().toISOString(),
      data: { reason },
    };
    await this.commands.execute(new ExecuteCommand('child', childId, command, actor));
    // After the event, so a crash in between leaves a child marked erased whose key a retry deletes (the
    // decider then does nothing, and erasing a key is idempotent). From here on every personal field of the
    // child reads as erased on every read path, projections and their rebuilds included.
    await this.store.erase(childId);
  }
}
