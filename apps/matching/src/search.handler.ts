import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { GEOCODER, Geocoder } from '@placematch/geo';
import { NeedProfile, SearchResult } from '@placematch/matching';
import { MatchingIndex } from './matching-index.service';

/** What a search needs before it has grid references: postcodes, geocoded here to coarse locations. */
export interface SearchInput extends Omit<NeedProfile, 'homeGrid' | 'schoolGrid'> {
  homePostcode: string;
  schoolPostcode?: string;
}

/** Runs a search on the matching index, made current first as {@link MatchingIndex.beforeSearch} says. */
export class SearchMatches {
  constructor(
    readonly input: SearchInput,
    readonly limit = 20,
  ) {}
}

@QueryHandler(SearchMatches)
export class SearchMatchesHandler implements IQueryHandler<SearchMatches, SearchResult> {
  constructor(
    private readonly index: MatchingIndex,
    @Inject(GEOCODER) private readonly geocoder: Geocoder,
  ) {}

  async execute({ input, limit }: SearchMatches): Promise<SearchResult> {
    const { homePostcode, schoolPostcode, ...rest } = input;
    // Only the coarse location is used: the sector or district centroid, never the full address.
    const home = await this.geocoder.locate(homePostcode);
    const school = schoolPostcode ? await this.geocoder.locate(schoolPostcode) : undefined;
    await this.index.beforeSearch();
    return this.index.search({ ...rest, homeGrid: home.grid, schoolGrid: school?.grid }, undefined, limit);
  }
}
