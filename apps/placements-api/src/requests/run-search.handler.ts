import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MatchingIndex } from '@app/matching';
import { Actor, IllegalStateError } from '@placematch/kernel';
import { SearchResult } from '@placematch/matching';
import { Child, JsonValue, RecordSearch, RequestRecord, SearchId } from '@placematch/placements';
import { CommandContext, ExecuteCommand } from '@placematch/runtime';
import { londonDate } from '@placematch/supply';
import { ChildRecords } from '../children/child-records';
import { needProfileFor, searchSummary } from './need-profile';

/** Runs a search for a request and records it on the request as evidence. */
export class RunSearchCommand {
  constructor(
    readonly requestId: string,
    readonly request: RequestRecord,
    readonly choices: { secureCriteriaMet: boolean; keepSiblingsTogether: boolean; limit: number },
    readonly actor: Actor,
  ) {}
}

@CommandHandler(RunSearchCommand)
export class RunSearchHandler implements ICommandHandler<RunSearchCommand> {
  constructor(
    private readonly commands: CommandBus,
    private readonly context: CommandContext,
    private readonly children: ChildRecords,
    private readonly index: MatchingIndex,
  ) {}

  async execute({
    requestId,
    request,
    choices,
    actor,
  }: RunSearchCommand): Promise<SearchResult & { searchId: SearchId }> {
    const records = new Map<string, Extract<Child, { status: 'Recorded' }>>();
    for (const { childId } of request.details.children) {
      const { state } = await this.children.load(childId);
      if (state.status !== 'Recorded') {
        throw new IllegalStateError('CHILD.ERASED', 'A child of this request was erased', { childId });
      }
      records.set(childId, state);
    }
    const now = this.context.now();
    const need = needProfileFor(request, records, {
      today: londonDate(now),
      secureCriteriaMet: choices.secureCriteriaMet,
      keepSiblingsTogether: choices.keepSiblingsTogether,
    });
    // The matching index itself, not the SearchMatches query: that query takes full postcodes and geocodes
    // them, while a request holds (by design) only the 1 km grid squares of home and school. The index is the
    // one SearchMatches runs on, made fresh first the same way (read your writes), under the authority's
    // current policy.
    await this.index.fresh();
    const result = this.index.search(
      need,
      this.index.policyFor(request.details.localAuthority),
      choices.limit,
    );
    const searchId = this.context.newId() as SearchId;
    const { resultCount, top } = searchSummary(result);
    const command: RecordSearch = {
      type: 'RecordSearch',
      at: now.toISOString(),
      data: {
        searchId,
        policyVersion: result.policyVersion,
        resultCount,
        top,
        results: JSON.parse(JSON.stringify(result)) as JsonValue,
      },
    };
    await this.commands.execute(new ExecuteCommand('request', requestId, command, actor));
    return { searchId, ...result };
  }
}
