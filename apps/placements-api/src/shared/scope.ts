import { assertLocalAuthority, NotFoundAs, Principal, Role } from '@placematch/auth';

/** The local authority's placement team: who reads and works on its children, requests and placements. */
export const TEAM: [Role, ...Role[]] = ['placement-officer', 'senior-manager', 'iro'];

/**
 * Who moves a request or a placement on (raise, search, shortlist, refer, decide, start, end). The IRO reads,
 * approves where allowed and holds, but does not run the case: the independence M-36 relies on.
 */
export const CASEWORK: [Role, ...Role[]] = ['placement-officer', 'senior-manager'];

export const CHILD_NOT_FOUND: NotFoundAs = { code: 'CHILD.NOT_FOUND', message: 'No such child' };
export const REQUEST_NOT_FOUND: NotFoundAs = {
  code: 'REQUEST.NOT_FOUND',
  message: 'No such placement request',
};
export const PLACEMENT_NOT_FOUND: NotFoundAs = { code: 'PLACEMENT.NOT_FOUND', message: 'No such placement' };
export const REFERRAL_NOT_FOUND: NotFoundAs = { code: 'REFERRAL.NOT_FOUND', message: 'No such referral' };

/**
 * Refuses (404, with the record's own not-found body) a record of another local authority: an officer of one
 * authority never learns that another's child, request or placement exists.
 */
export const assertTeamOf = (principal: Principal, localAuthority: string, as: NotFoundAs): void =>
  assertLocalAuthority(principal, localAuthority, as);
