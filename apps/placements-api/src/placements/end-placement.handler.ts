import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Actor, isDomainError } from '@placematch/kernel';
import { EndPlacement } from '@placematch/placements';
import { CommandContext, ExecuteCommand } from '@placematch/runtime';
import { PlacementId, ReleasePlace, SettingId } from '@placematch/supply';

/** Ends a placement and gives its place on the setting back. */
export class EndPlacementCommand {
  constructor(
    readonly placementId: string,
    readonly settingId: string,
    readonly ending: EndPlacement['data'],
    readonly actor: Actor,
  ) {}
}

@CommandHandler(EndPlacementCommand)
export class EndPlacementHandler implements ICommandHandler<EndPlacementCommand> {
  constructor(
    private readonly commands: CommandBus,
    private readonly context: CommandContext,
  ) {}

  async execute({ placementId, settingId, ending, actor }: EndPlacementCommand): Promise<void> {
    const at = this.context.now().toISOString();
    const end: EndPlacement = { type: 'EndPlacement', at, data: ending };
    await this.commands.execute(new ExecuteCommand('placement', placementId, end, actor));
    // Then the place: both steps are idempotent, so if this one fails the same call again (the ending is then
    // nothing new) releases it. A placement whose place was never filled through this API has none to give.
    const release: ReleasePlace = {
      type: 'ReleasePlace',
      at,
      data: { placementId: placementId as PlacementId },
    };
    try {
      await this.commands.execute(new ExecuteCommand('setting', settingId as SettingId, release, actor));
    } catch (e) {
      if (!(isDomainError(e) && e.code === 'SETTING.PLACEMENT_NOT_FOUND')) throw e;
    }
  }
}
