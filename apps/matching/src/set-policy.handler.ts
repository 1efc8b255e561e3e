import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore, handleCommand } from '@placematch/event-store';
import { Actor } from '@placematch/kernel';
import { MatchingPolicy, policyDecider, policyScopeKey, policyStream } from '@placematch/matching';
import { CommandContext } from '@placematch/runtime';
import { MatchingIndex } from './matching-index.service';

/** Sets a new version of a scope's matching policy. */
export class SetMatchingPolicy {
  constructor(
    readonly policy: Omit<MatchingPolicy, 'version'>,
    readonly reason: string,
    readonly actor: Actor,
  ) {}
}

@CommandHandler(SetMatchingPolicy)
export class SetMatchingPolicyHandler implements ICommandHandler<SetMatchingPolicy> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly context: CommandContext,
    private readonly index: MatchingIndex,
  ) {}

  async execute({ policy, reason, actor }: SetMatchingPolicy): Promise<MatchingPolicy | null> {
    const result = await handleCommand(
      this.store,
      policyStream(policyScopeKey(policy.scope)),
      policyDecider,
      { type: 'SetPolicy', data: { policy, reason }, at: this.context.now().toISOString() },
      { metadata: this.context.metadata(actor) },
    );
    // The caller's next search uses the version it has just set.
    await this.index.fresh();
    return result.state.status === 'Set' ? result.state.policy : null;
  }
}
