import type { IntegrationEvent } from './envelope';

/** An authority's (or the default) matching policy got a new version. */
export type MatchingPolicySetV1 = IntegrationEvent<'MatchingPolicySet', { scope: string; version: number }>;

/** Every integration event on the matching topic. */
export type MatchingIntegrationEvent = MatchingPolicySetV1;
