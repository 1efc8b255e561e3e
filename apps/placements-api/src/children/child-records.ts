import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '@placematch/auth';
import { EVENT_STORE, EventStore } from '@placematch/event-store';
import { fold, IllegalStateError, NotFoundError } from '@placematch/kernel';
import { Child, childDecider, ChildEvent, ChildId, childStream } from '@placematch/placements';
import { assertTeamOf, CHILD_NOT_FOUND } from '../shared/scope';
import { LoadedChild } from './child.view';

/** Reads children from their streams, and checks that the caller's authority is theirs. */
@Injectable()
export class ChildRecords {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The child's state, its record before any erasure, and its revision (strongly consistent). */
  async load(childId: string): Promise<LoadedChild> {
    const { events, revision } = await this.store.readStream(childStream(childId as ChildId));
    const history = events as unknown as ChildEvent[];
    const state = fold(childDecider, history);
    const before = fold(
      childDecider,
      history.filter((e) => e.type !== 'ChildErased'),
    );
    return { state, record: before.status === 'Recorded' ? before : null, revision };
  }

  /**
   * The child, when the caller's authority is responsible for it; otherwise 404 with the same body as for a
   * child that does not exist, and nothing done.
   */
  async owned(principal: Principal, childId: string): Promise<LoadedChild & { localAuthority: string }> {
    const loaded = await this.load(childId);
    if (loaded.record === null) throw new NotFoundError(CHILD_NOT_FOUND.code, CHILD_NOT_FOUND.message);
    const { localAuthority } = loaded.record.details;
    assertTeamOf(principal, localAuthority, CHILD_NOT_FOUND);
    return { ...loaded, localAuthority };
  }

  /** A recorded (not erased) child of the caller's authority, for commands that need its details. */
  async current(principal: Principal, childId: string): Promise<Extract<Child, { status: 'Recorded' }>> {
    const loaded = await this.owned(principal, childId);
    if (loaded.state.status !== 'Recorded') {
      // Same code as the decider's: an erased child accepts nothing more.
      throw new IllegalStateError('CHILD.ERASED', 'This child was erased', { childId });
    }
    return loaded.state;
  }
}
