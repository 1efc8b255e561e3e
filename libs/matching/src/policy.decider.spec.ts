import { deciderSpec } from '@placematch/kernel/testing';
import { DEFAULT_POLICY } from './policy';
import { PolicySet, policyDecider, policyScopeKey } from './policy.decider';

const spec = deciderSpec(policyDecider);
const { version: _v, ...base } = DEFAULT_POLICY;
const at = '2026-11-22T10:00:00.000Z';
const set = (policy: PolicySet['data']['policy']): PolicySet => ({
  type: 'PolicySet',
  schemaVersion: 1,
  data: { policy, reason: 'initial', setAt: at },
});

describe('matching policy: versioned per scope', () => {
  it('sets version 1 first, then one more for each change', () => {
    spec
      .given([])
      .when({ type: 'SetPolicy', data: { policy: base, reason: 'initial' }, at })
      .then([set({ ...base, version: 1 })]);
    const changed = { ...base, distanceStepMiles: 15 };
    spec
      .given([set({ ...base, version: 1 })])
      .when({ type: 'SetPolicy', data: { policy: changed, reason: 'tighter step' }, at })
      .then([
        {
          type: 'PolicySet',
          schemaVersion: 1,
          data: { policy: { ...changed, version: 2 }, reason: 'tighter step', setAt: at },
        },
      ]);
  });

  it('does nothing when the policy is unchanged', () => {
    spec
      .given([set({ ...base, version: 1 })])
      .when({ type: 'SetPolicy', data: { policy: base, reason: 'again' }, at })
      .thenNothing();
  });

  it('refuses a policy that weights ethnicity (M-28) or is otherwise invalid', () => {
    const bad = { ...base, weights: { ...base.weights, ethnicity: 1 } } as unknown as typeof base;
    const e = spec.given([]).when({ type: 'SetPolicy', data: { policy: bad, reason: 'x' }, at });
    expect(() => e.state()).not.toThrow();
    expect(() =>
      policyDecider.decide({ type: 'SetPolicy', data: { policy: bad, reason: 'x' }, at }, e.state()),
    ).toThrow();
  });

  it('refuses a change with no reason', () => {
    spec
      .given([])
      .when({ type: 'SetPolicy', data: { policy: base, reason: ' ' }, at })
      .thenThrows('POLICY.REASON_REQUIRED');
  });

  it('keys scopes by authority, region or default', () => {
    expect(policyScopeKey({ localAuthority: 'E08000021' })).toBe('la:E08000021');
    expect(policyScopeKey({ region: 'north-east' })).toBe('region:north-east');
    expect(policyScopeKey({})).toBe('default');
  });
});
