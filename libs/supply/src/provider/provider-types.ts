import type { PlaceProviderCode } from '../codes/provider-codes';

/**
 * The kinds of provider that keep supply in Placematch, with the SSDA903 `PLACE_PROVIDER` codes each may
 * register with. A provider records its code from its host authority's point of view, so authority services
 * register as PR1 and `placementProviderCode` turns that into PR2 for children of other authorities. PR0
 * (parents) and PR2 (relative by definition) are therefore never registered.
 */
export const PROVIDER_TYPES = {
  'local-authority-fostering-service': {
    description: "A local authority's own fostering service",
    providerCodes: ['PR1'],
  },
  'independent-fostering-agency': {
    description: 'An independent fostering agency (private or voluntary)',
    providerCodes: ['PR4', 'PR5'],
  },
  'childrens-home-operator': {
    description:
      "An operator of one or more children's homes (a local authority, public, private or voluntary body)",
    providerCodes: ['PR1', 'PR3', 'PR4', 'PR5'],
  },
  'supported-accommodation-provider': {
    description: 'A provider of supported accommodation for young people aged 16 and 17',
    providerCodes: ['PR1', 'PR3', 'PR4', 'PR5'],
  },
  'residential-family-centre': {
    description: 'A residential family centre (parent-and-child assessment); M-48 covers these too',
    providerCodes: ['PR1', 'PR3', 'PR4', 'PR5'],
  },
} as const satisfies Record<string, { description: string; providerCodes: readonly PlaceProviderCode[] }>;

/** One of {@link PROVIDER_TYPES}. */
export type ProviderType = keyof typeof PROVIDER_TYPES;

/** All {@link ProviderType}s. */
export const PROVIDER_TYPE_LIST = Object.keys(PROVIDER_TYPES) as ProviderType[];

/** The four Ofsted judgements for social care providers, best first. */
export const OFSTED_JUDGEMENTS = ['Outstanding', 'Good', 'Requires improvement', 'Inadequate'] as const;

/** One of {@link OFSTED_JUDGEMENTS}. */
export type OfstedJudgement = (typeof OFSTED_JUDGEMENTS)[number];
