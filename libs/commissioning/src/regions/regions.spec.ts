import { deciderSpec } from '@placematch/kernel/testing';
import { isChildrensServicesAuthority } from '@placematch/supply';
import {
  AUTHORITY_REGIONS,
  authoritiesOf,
  ENGLISH_REGIONS,
  regionOf,
  resolveRegions,
} from './authority-regions';
import { AuthorityAssignedToRegion, regionDecider } from './region.decider';

const AT = '2026-11-22T10:00:00.000Z';
const assign = (
  localAuthority: string,
  region: string,
  currentRegion: string | null,
  reason = 'RCC boundary',
) => ({
  type: 'AssignAuthorityToRegion' as const,
  data: { region, localAuthority, currentRegion, reason },
  at: AT,
});
const assigned = (
  localAuthority: string,
  region: string,
  previousRegion: string | null,
): AuthorityAssignedToRegion => ({
  type: 'AuthorityAssignedToRegion',
  schemaVersion: 1,
  data: { region, localAuthority, previousRegion, reason: 'RCC boundary', assignedAt: AT },
});

describe('the shipped authority-to-region table', () => {
  it('holds only well-formed authority codes, each once, in one of the nine regions', () => {
    const codes = AUTHORITY_REGIONS.map((a) => a.code);
    expect(codes.every(isChildrensServicesAuthority)).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    expect(AUTHORITY_REGIONS.every((a) => a.region in ENGLISH_REGIONS)).toBe(true);
  });

  it('puts the fixture authorities where ONS does: Newcastle and Middlesbrough in the North East', () => {
    expect(regionOf('E08000021', [])).toBe('north-east');
    expect(regionOf('E06000002', [])).toBe('north-east');
    expect(regionOf('E09000033', [])).toBe('london');
    expect(regionOf('E10000999', [])).toBeNull();
  });

  it('lets an operator assignment override the table; the latest for an authority wins', () => {
    const assignments = [
      { localAuthority: 'E10000999', region: 'east-midlands' },
      { localAuthority: 'E08000021', region: 'north-rcc' },
    ];
    expect(regionOf('E10000999', assignments)).toBe('east-midlands');
    expect(authoritiesOf('north-rcc', assignments)).toEqual(['E08000021']);
    expect(authoritiesOf('north-east', assignments)).not.toContain('E08000021');
    expect(resolveRegions(assignments).find((a) => a.localAuthority === 'E08000021')).toEqual({
      localAuthority: 'E08000021',
      region: 'north-rcc',
      source: 'operator',
      name: 'Newcastle upon Tyne',
    });
  });
});

describe('region aggregate: an operator assigns an authority', () => {
  const spec = deciderSpec(regionDecider);

  it('records the assignment with the region it had before', () => {
    spec
      .given([])
      .when(assign('E10000999', 'east-midlands', null))
      .then([assigned('E10000999', 'east-midlands', null)]);
  });

  it('moves an authority from its shipped region', () => {
    spec
      .given([])
      .when(assign('E08000021', 'north-rcc', 'north-east'))
      .then([assigned('E08000021', 'north-rcc', 'north-east')]);
  });

  it('does nothing when the authority is in the region already', () => {
    spec
      .given([])
      .when(assign('E08000021', 'north-east', 'north-east'))
      .thenNothing();
  });

  it('assigns again an authority that moved away and back', () => {
    spec
      .given([assigned('E08000021', 'north-rcc', 'north-east')])
      .when(assign('E08000021', 'north-rcc', 'north-east'))
      .then([assigned('E08000021', 'north-rcc', 'north-east')]);
  });

  it('refuses a district council, a bad region slug and a missing reason', () => {
    spec
      .given([])
      .when(assign('E07000001', 'north-east', null))
      .thenThrows('REGION.INVALID_LOCAL_AUTHORITY');
    spec
      .given([])
      .when(assign('E08000021', 'North East', null))
      .thenThrows('REGION.INVALID_SLUG');
    spec
      .given([])
      .when(assign('E08000021', 'north-east', null, ' '))
      .thenThrows('REGION.REASON_REQUIRED');
  });
});
