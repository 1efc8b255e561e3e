/**
 * Every role a caller can act under, in the order they are listed to people (dev tokens, docs).
 * - `placement-officer`: raises placement requests, searches, refers and places, for one local authority;
 * - `senior-manager` and `iro`: approve what must be approved, for one local authority;
 * - `commissioner`: reads region-wide aggregates, never a child;
 * - `provider`: its own settings and the referrals sent to it;
 * - `carer`: the stress reports of its own placements, within its provider;
 * - `operator`: runs the service (imports, projections), with no scope.
 */
export const ROLES = [
  'placement-officer',
  'senior-manager',
  'iro',
  'commissioner',
  'provider',
  'carer',
  'operator',
] as const;

/** A role a caller can act under; see {@link ROLES}. */
export type Role = (typeof ROLES)[number];

/** The scope a role is confined to: one local authority, one region, one provider, or none. */
export type ScopeKind = 'localAuthority' | 'region' | 'provider' | 'none';

/** Which scope each role must carry. A token for a role without its scope is refused at the door. */
export const ROLE_SCOPE: Readonly<Record<Role, ScopeKind>> = {
  'placement-officer': 'localAuthority',
  'senior-manager': 'localAuthority',
  iro: 'localAuthority',
  commissioner: 'region',
  provider: 'provider',
  carer: 'provider',
  operator: 'none',
};

/** True when `value` names one of the {@link ROLES}. */
export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);
