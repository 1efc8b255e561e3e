import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Actor } from '@placematch/kernel';
import { SearchResult } from '@placematch/matching';
import { RecordSearch, RequestRecord, SearchId, SearchRunChoices } from '@placematch/placements';
import { ExecuteCommand } from '@placematch/runtime';
import { RequestSearch } from './request-search';

/** Runs a search for a request and records it on the request as evidence. */
export class RunSearchCommand {
  constructor(
    readonly requestId: string,
    readonly request: RequestRecord,
    readonly choices: SearchRunChoices,
    readonly actor: Actor,
  ) {}
}

@CommandHandler(RunSearchCommand)
export class RunSearchHandler implements ICommandHandler<RunSearchCommand> {
  constructor(
    private readonly commands: CommandBus,
    private readonly searches: RequestSearch,
  ) {}

  async execute({
    requestId,
    request,
    choices,
    actor,
  }: RunSearchCommand): Promise<SearchResult & { searchId: SearchId }> {
    const { search, at, result } = await this.searches.run(request, choices);
    const command: RecordSearch = { type: 'RecordSearch', at, data: search };
    await this.commands.execute(new ExecuteCommand('request', requestId, command, actor));
    return { searchId: search.searchId, ...result };
  }
}
