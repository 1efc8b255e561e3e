import { Decider, DomainEvent, IllegalStateError, streamName } from '@placematch/kernel';
import { sameValue } from '@placematch/supply';
import { MatchingPolicy, validatePolicy } from './policy';

/**
 * The scope a policy applies to: `default`, a local authority's ONS code (`la:E08000021`) or a region
 * (`region:north-east`). One stream per scope; its revisions are the policy's versions.
 */
export type PolicyScopeKey = string;

/** The stream of a scope's policy. */
export const policyStream = (scope: PolicyScopeKey): string => streamName('matchingpolicy', scope);

/** The key of a policy's scope. */
export const policyScopeKey = (scope: MatchingPolicy['scope']): PolicyScopeKey =>
  scope.localAuthority ? `la:${scope.localAuthority}` : scope.region ? `region:${scope.region}` : 'default';

/** Sets (replaces) the policy of a scope; the version is assigned here, one more than the last. */
export interface SetPolicy {
  type: 'SetPolicy';
  data: { policy: Omit<MatchingPolicy, 'version'>; reason: string };
  at: string;
}

/** A new version of a scope's policy: every later search in that scope records this version. */
export type PolicySet = DomainEvent<
  'PolicySet',
  { policy: MatchingPolicy; reason: string; setAt: string }
> & {
  schemaVersion: 1;
};

/** A scope's policy history: the current version, if any. */
export type PolicyState = { status: 'Unset' } | { status: 'Set'; policy: MatchingPolicy };

/**
 * The policy of one scope as a decider, so every change is an event with who made it and why, and a
 * search can always be explained by the version it recorded.
 */
export const policyDecider: Decider<SetPolicy, PolicyState, PolicySet> = {
  initialState: () => ({ status: 'Unset' }),
  decide: (command, state) => {
    const version = state.status === 'Set' ? state.policy.version + 1 : 1;
    const policy = validatePolicy({ ...command.data.policy, version } as MatchingPolicy);
    if (!command.data.reason?.trim())
      throw new IllegalStateError('POLICY.REASON_REQUIRED', 'Say why the policy changes');
    if (state.status === 'Set' && sameValue({ ...state.policy, version }, policy)) return [];
    return [
      {
        type: 'PolicySet',
        schemaVersion: 1,
        data: { policy, reason: command.data.reason, setAt: command.at },
      },
    ];
  },
  evolve: (state, event) =>
    event.type === 'PolicySet' ? { status: 'Set', policy: event.data.policy } : state,
};
