import { Inject, Injectable } from '@nestjs/common';
import { assertInScope, Principal } from '@placematch/auth';
import { EVENT_STORE, EventStore } from '@placematch/event-store';
import { fold, NotFoundError } from '@placematch/kernel';
import { Placement, placementDecider, PlacementEvent, placementStream } from '@placematch/placements';
import { PlacementId } from '@placematch/supply';
import { assertTeamOf, PLACEMENT_NOT_FOUND } from '../shared/scope';
import { evolvePlacementSummary, TaskSummary } from './placement.summary';

/**
 * A placement as read from its stream: its state and revision, and its tasks with what the state does not
 * keep (the days that opened a support task; what Ofsted did and why, for a risk assessment; its outcome).
 */
export interface LoadedPlacement<State extends Placement = Placement> {
  state: State;
  revision: number | null;
  tasks: TaskSummary[];
}

/** A placement that has started. */
export type StartedPlacement = LoadedPlacement<Exclude<Placement, { status: 'NotStarted' }>>;

/** Loads placements from their streams and checks who may see them. */
@Injectable()
export class PlacementRecords {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(placementId: string): Promise<LoadedPlacement> {
    const { events, revision } = await this.store.readStream(placementStream(placementId as PlacementId));
    const history = events as unknown as PlacementEvent[];
    const summary = history.reduce(evolvePlacementSummary, null);
    return { state: fold(placementDecider, history), revision, tasks: summary?.tasks ?? [] };
  }

  private async started(placementId: string): Promise<StartedPlacement> {
    const loaded = await this.load(placementId);
    if (loaded.state.status === 'NotStarted') {
      throw new NotFoundError(PLACEMENT_NOT_FOUND.code, PLACEMENT_NOT_FOUND.message);
    }
    return loaded as StartedPlacement;
  }

  /** The placement, when the caller's authority placed the child; else 404 as for one that does not exist. */
  async owned(principal: Principal, placementId: string): Promise<StartedPlacement> {
    const loaded = await this.started(placementId);
    assertTeamOf(principal, loaded.state.details.localAuthority, PLACEMENT_NOT_FOUND);
    return loaded;
  }

  /** The placement, for its authority's team or for the provider whose setting it is. */
  async ownedOrAt(principal: Principal, placementId: string): Promise<StartedPlacement> {
    const loaded = await this.started(placementId);
    const { localAuthority, providerId } = loaded.state.details;
    assertInScope(principal, { localAuthority, providerId }, PLACEMENT_NOT_FOUND);
    return loaded;
  }
}
