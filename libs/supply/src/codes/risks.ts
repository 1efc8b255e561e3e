/**
 * The risks of the SocialCareData Placements Standard v2 (domain-anchors.md §1.8): risks to the child and
 * risks to others or property. A referral marks each "No known risk" or "Risk present"; a setting's approval
 * terms list the ones it can manage, and matching leaves out a setting that has not said it can manage a risk
 * the child presents. The codes are Placematch's (the standard has labels only); criminal exploitation is in
 * both halves, as being exploited and as exploiting others.
 */
export const RISKS = {
  'child.self-harm': { to: 'child', label: 'Self-harm' },
  'child.sexual-exploitation': { to: 'child', label: 'Sexual exploitation' },
  'child.criminal-exploitation': { to: 'child', label: 'Criminal exploitation' },
  'child.drug-and-alcohol-use': { to: 'child', label: 'Drug and alcohol use' },
  'child.eating-disorder': { to: 'child', label: 'Eating disorder' },
  'child.going-missing': { to: 'child', label: 'Going missing' },
  'child.other': { to: 'child', label: 'Other risk to the child' },
  'others.physical-harm': { to: 'others', label: 'Physical harm' },
  'others.sexual-harm': { to: 'others', label: 'Sexual harm' },
  'others.fire-setting': { to: 'others', label: 'Fire-setting' },
  'others.harm-to-animals': { to: 'others', label: 'Harm to animals' },
  'others.criminal-exploitation': { to: 'others', label: 'Criminal exploitation of others' },
  'others.other': { to: 'others', label: 'Other risk to others or property' },
} as const satisfies Record<string, { to: 'child' | 'others'; label: string }>;

/** A Placements Standard v2 risk code such as `child.going-missing` or `others.fire-setting`. */
export type RiskCode = keyof typeof RISKS;

/** All {@link RiskCode}s. */
export const RISK_CODES = Object.keys(RISKS) as RiskCode[];
