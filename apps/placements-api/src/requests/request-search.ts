import { Injectable } from '@nestjs/common';
import { MatchingIndex } from '@app/matching';
import { IllegalStateError } from '@placematch/kernel';
import { SearchResult } from '@placematch/matching';
import {
  Child,
  JsonValue,
  RecordSearch,
  RequestRecord,
  SearchId,
  SearchRunChoices,
} from '@placematch/placements';
import { CommandContext } from '@placematch/runtime';
import { londonDate } from '@placematch/supply';
import { ChildRecords } from '../children/child-records';
import { needProfileFor, searchSummary } from './need-profile';

/** What a search is asked when the caller does not say: no secure homes (M-31), siblings together (M-09), 20. */
export const DEFAULT_SEARCH_CHOICES: Readonly<SearchRunChoices> = Object.freeze({
  secureCriteriaMet: false,
  keepSiblingsTogether: true,
  limit: 20,
});

/** A search run for a request, ready to record: the command's data, the time it ran, and the result. */
export interface RanSearch {
  search: RecordSearch['data'];
  at: string;
  result: SearchResult;
}

/**
 * Runs a request's search on the matching index, the one way both a person's search and a match alert's re-run
 * do: each child's record (an erased child stops it with `CHILD.ERASED`), the need profile of coarse values, the
 * authority's current policy, and the summary and evidence the request records.
 */
@Injectable()
export class RequestSearch {
  constructor(
    private readonly context: CommandContext,
    private readonly children: ChildRecords,
    private readonly index: MatchingIndex,
  ) {}

  async run(request: RequestRecord, choices: SearchRunChoices): Promise<RanSearch> {
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
    const { resultCount, top } = searchSummary(result);
    return {
      at: now.toISOString(),
      result,
      search: {
        searchId: this.context.newId() as SearchId,
        policyVersion: result.policyVersion,
        resultCount,
        top,
        results: JSON.parse(JSON.stringify(result)) as JsonValue,
        choices: { ...choices },
      },
    };
  }
}
