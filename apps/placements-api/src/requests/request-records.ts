import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Principal } from '@placematch/auth';
import { NotFoundError } from '@placematch/kernel';
import { PlacementRequest } from '@placematch/placements';
import { LoadAggregate, Loaded } from '@placematch/runtime';
import { assertTeamOf, REQUEST_NOT_FOUND } from '../shared/scope';

/** A request that exists, as read from its stream. */
export type LoadedRequest = Loaded<Exclude<PlacementRequest, { status: 'NotRequested' }>>;

/** Loads placement requests and checks that the caller's authority placed them. */
@Injectable()
export class RequestRecords {
  constructor(private readonly queries: QueryBus) {}

  async load(requestId: string): Promise<Loaded<PlacementRequest>> {
    return this.queries.execute(new LoadAggregate('request', requestId));
  }

  /** The request, when the caller's authority placed it; else 404 as for one that does not exist. */
  async owned(principal: Principal, requestId: string): Promise<LoadedRequest> {
    const loaded = await this.load(requestId);
    if (loaded.state.status === 'NotRequested') {
      throw new NotFoundError(REQUEST_NOT_FOUND.code, REQUEST_NOT_FOUND.message);
    }
    assertTeamOf(principal, loaded.state.details.localAuthority, REQUEST_NOT_FOUND);
    return loaded as LoadedRequest;
  }
}
