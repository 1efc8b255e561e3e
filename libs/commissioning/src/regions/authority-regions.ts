/**
 * The nine English regions (ONS `E12` codes), as slugs a commissioner's token names (`region` claim). Regional
 * care co-operatives may span or split them: an operator can assign any authority to any slug (see
 * `regionDecider`), so this list is where the slugs start, not a limit.
 */
export const ENGLISH_REGIONS = {
  'north-east': { ons: 'E12000001', name: 'North East' },
  'north-west': { ons: 'E12000002', name: 'North West' },
  'yorkshire-and-the-humber': { ons: 'E12000003', name: 'Yorkshire and The Humber' },
  'east-midlands': { ons: 'E12000004', name: 'East Midlands' },
  'west-midlands': { ons: 'E12000005', name: 'West Midlands' },
  'east-of-england': { ons: 'E12000006', name: 'East of England' },
  london: { ons: 'E12000007', name: 'London' },
  'south-east': { ons: 'E12000008', name: 'South East' },
  'south-west': { ons: 'E12000009', name: 'South West' },
} as const;

/** One of the {@link ENGLISH_REGIONS} slugs. */
export type EnglishRegion = keyof typeof ENGLISH_REGIONS;

/** Where the shipped mapping learnt that an authority matters to Placematch. */
export type MappingSource = 'seeds' | 'domain-anchors' | 'fixtures';

/** One row of the shipped mapping. */
export interface AuthorityRegion {
  /** ONS code of the children's services authority (E06, E08, E09, E10). */
  code: string;
  name: string;
  region: EnglishRegion;
  /** Where the authority is named in the project's sources. */
  source: MappingSource;
}

const row = (code: string, name: string, region: EnglishRegion, source: MappingSource): AuthorityRegion => ({
  code,
  name,
  region,
  source,
});

/**
 * The shipped authority-to-region mapping: a small table, not the whole of England. It lists the children's
 * services authorities the project's sources name: the seeds (`shared/seeds`, through seeds-digest.md: the
 * authorities whose practice they describe), domain-anchors.md (the regional commissioning arrangements), and
 * the authorities the test fixtures use. Each code and region was checked against a public upper-tier-authority
 * to region lookup (a published `UTLA_TO_REGION_LOOKUP` table, read while writing this; the 2023 geography, with
 * Buckinghamshire and Cumberland as unitary authorities).
 *
 * Not here, deliberately: authorities no source names, and those whose code changed in a recent
 * reorganisation and could not be confirmed (Northamptonshire, split in 2021; Somerset, unitary from 2023). An
 * operator assigns any authority to a region through the API (`PUT /api/commissioning/regions/{region}/authorities/{la}`);
 * that assignment, an event on the `region-<slug>` stream, overrides this table.
 */
export const AUTHORITY_REGIONS: readonly AuthorityRegion[] = [
  row('E06000001', 'Hartlepool', 'north-east', 'seeds'),
  row('E06000002', 'Middlesbrough', 'north-east', 'seeds'),
  row('E06000047', 'County Durham', 'north-east', 'seeds'),
  row('E08000021', 'Newcastle upon Tyne', 'north-east', 'fixtures'),
  row('E08000022', 'North Tyneside', 'north-east', 'seeds'),
  row('E08000037', 'Gateshead', 'north-east', 'seeds'),
  row('E06000063', 'Cumberland', 'north-west', 'domain-anchors'),
  row('E08000001', 'Bolton', 'north-west', 'domain-anchors'),
  row('E08000003', 'Manchester', 'north-west', 'seeds'),
  row('E08000014', 'Sefton', 'north-west', 'seeds'),
  row('E06000010', 'Kingston upon Hull, City of', 'yorkshire-and-the-humber', 'seeds'),
  row('E06000011', 'East Riding of Yorkshire', 'yorkshire-and-the-humber', 'domain-anchors'),
  row('E08000019', 'Sheffield', 'yorkshire-and-the-humber', 'seeds'),
  row('E08000035', 'Leeds', 'yorkshire-and-the-humber', 'seeds'),
  row('E06000019', 'Herefordshire, County of', 'west-midlands', 'seeds'),
  row('E08000026', 'Coventry', 'west-midlands', 'domain-anchors'),
  row('E08000029', 'Solihull', 'west-midlands', 'seeds'),
  row('E08000030', 'Walsall', 'west-midlands', 'domain-anchors'),
  row('E10000034', 'Worcestershire', 'west-midlands', 'seeds'),
  row('E10000015', 'Hertfordshire', 'east-of-england', 'domain-anchors'),
  row('E09000001', 'City of London', 'london', 'fixtures'),
  row('E09000002', 'Barking and Dagenham', 'london', 'fixtures'),
  row('E09000003', 'Barnet', 'london', 'seeds'),
  row('E09000005', 'Brent', 'london', 'domain-anchors'),
  row('E09000007', 'Camden', 'london', 'seeds'),
  row('E09000009', 'Ealing', 'london', 'domain-anchors'),
  row('E09000010', 'Enfield', 'london', 'seeds'),
  row('E09000013', 'Hammersmith and Fulham', 'london', 'domain-anchors'),
  row('E09000016', 'Havering', 'london', 'seeds'),
  row('E09000017', 'Hillingdon', 'london', 'domain-anchors'),
  row('E09000021', 'Kingston upon Thames', 'london', 'seeds'),
  row('E09000024', 'Merton', 'london', 'seeds'),
  row('E09000030', 'Tower Hamlets', 'london', 'seeds'),
  row('E09000033', 'Westminster', 'london', 'domain-anchors'),
  row('E06000038', 'Reading', 'south-east', 'seeds'),
  row('E06000043', 'Brighton and Hove', 'south-east', 'domain-anchors'),
  row('E06000060', 'Buckinghamshire', 'south-east', 'domain-anchors'),
  row('E10000011', 'East Sussex', 'south-east', 'domain-anchors'),
  row('E10000014', 'Hampshire', 'south-east', 'fixtures'),
  row('E06000026', 'Plymouth', 'south-west', 'seeds'),
  row('E06000027', 'Torbay', 'south-west', 'seeds'),
  row('E06000054', 'Wiltshire', 'south-west', 'seeds'),
  row('E10000013', 'Gloucestershire', 'south-west', 'seeds'),
];

/** An operator's assignment of an authority to a region (the latest for that authority wins). */
export interface RegionAssignment {
  localAuthority: string;
  region: string;
}

/** Where an authority's region came from. */
export type RegionSource = 'operator' | 'shipped';

/** An authority with its effective region. */
export interface ResolvedAuthority {
  localAuthority: string;
  region: string;
  source: RegionSource;
  /** The name, where the shipped table knows it. */
  name?: string;
}

/**
 * Every authority with a region: the shipped table, with each operator assignment in its place (an operator's
 * assignment wins for its authority), ordered by code.
 */
export const resolveRegions = (assignments: readonly RegionAssignment[]): ResolvedAuthority[] => {
  const byCode = new Map<string, ResolvedAuthority>();
  for (const a of AUTHORITY_REGIONS) {
    byCode.set(a.code, { localAuthority: a.code, region: a.region, source: 'shipped', name: a.name });
  }
  for (const a of assignments) {
    const shipped = byCode.get(a.localAuthority);
    byCode.set(a.localAuthority, {
      localAuthority: a.localAuthority,
      region: a.region,
      source: 'operator',
      ...(shipped?.name !== undefined && { name: shipped.name }),
    });
  }
  return [...byCode.values()].sort((a, b) => (a.localAuthority < b.localAuthority ? -1 : 1));
};

/** The authorities of `region`, by code. */
export const authoritiesOf = (region: string, assignments: readonly RegionAssignment[]): string[] =>
  resolveRegions(assignments)
    .filter((a) => a.region === region)
    .map((a) => a.localAuthority);

/** The effective region of an authority; `null` when neither the table nor an operator gives one. */
export const regionOf = (localAuthority: string, assignments: readonly RegionAssignment[]): string | null =>
  resolveRegions(assignments).find((a) => a.localAuthority === localAuthority)?.region ?? null;
