import {
  CIN_CATEGORY_CODE_LIST,
  GENDER_CODE_LIST,
  REQUEST_PURPOSES,
  RISK_LEVELS,
  URGENCIES,
} from '@placematch/placements';
import {
  DISABILITY_CODE_LIST,
  ETHNICITY_CODE_LIST,
  ETHNICITY_CODES,
  ETHNICITY_GROUPS,
  EthnicityCode,
  RISK_CODES,
} from '@placematch/supply';
import { AgeAnchor, AGE_BANDS_OR_UNKNOWN, ageBandOrUnknown, ageMonthsOn } from '../age';
import { CountTable } from '../tables';
import { Breakdowns, showBreakdowns } from './breakdowns';
import { inAreas, SectionView, ViewOptions } from './view';

/** One child of a placement request, by codes only: what demand counts. */
export interface DemandChildFact {
  childId: string;
  /** Where the child's age can be derived from; empty when the child was never recorded. */
  ages: readonly AgeAnchor[];
  /** SSDA903 `SEX`; `null` when not known. */
  gender: string | null;
  /** SSDA903 `ETHNIC`; `null` when not known. */
  ethnicity: string | null;
  /** SSDA903 `CIN`; `null` when not known. */
  cinCategory: string | null;
  /** CIN census disability codes. */
  disabilities: readonly string[];
  uasc: boolean | null;
  /** Each Placements Standard risk with its level (`none`, `low`, `high`). */
  risks: Readonly<Record<string, string>>;
}

/** One placement request, by codes only. */
export interface DemandRequestFact {
  requestId: string;
  localAuthority: string;
  /** The date in England it was requested. */
  requestedOn: string;
  urgency: string;
  purpose: string;
  emergency: boolean;
  children: readonly DemandChildFact[];
}

/** Sibling-group sizes as shown: one child, two, three, four or more. */
export const SIBLING_GROUP_SIZES = ['1', '2', '3', '4+'] as const;

const known = <T extends string>(list: readonly T[]) => [...list, 'not-known'];
const orUnknown = (value: string | null, list: readonly string[]) =>
  value !== null && list.includes(value) ? value : 'not-known';

const ethnicityGroup = (code: string | null): string =>
  code !== null && code in ETHNICITY_CODES ? ETHNICITY_CODES[code as EthnicityCode].group : 'not-known';

/**
 * Demand: placement requests raised in the period by urgency, purpose and sibling-group size (counted as
 * requests), and the children in them by need (CIN category, disability codes, each Placements Standard
 * risk, the highest risk level), age band on the day of the request, gender, ethnicity (SSDA903 codes, with the
 * mixed heritage codes and group kept apart, M-28), and UASC (counted as children).
 */
export const demandView = (facts: readonly DemandRequestFact[], o: ViewOptions): SectionView => {
  const table = new CountTable(o.areas);
  const b = new Breakdowns(table);
  const requests = 'requests';
  const children = 'children';
  b.define({
    id: 'urgency',
    dimension: 'When the placement is needed',
    population: requests,
    unit: 'requests',
    categories: URGENCIES,
    additive: true,
  })
    .define({
      id: 'purpose',
      dimension: 'What the placement is for',
      population: requests,
      unit: 'requests',
      categories: REQUEST_PURPOSES,
      additive: true,
    })
    .define({
      id: 'siblingGroupSize',
      dimension: 'Children to place together',
      population: requests,
      unit: 'requests',
      categories: SIBLING_GROUP_SIZES,
      additive: true,
    })
    .define({
      id: 'cinCategory',
      dimension: 'Category of need (SSDA903 CIN)',
      population: children,
      unit: 'children',
      categories: known(CIN_CATEGORY_CODE_LIST),
      additive: true,
    })
    .define({
      id: 'disability',
      dimension: 'Disability (CIN census codes; a child may have several)',
      population: children,
      unit: 'children',
      categories: DISABILITY_CODE_LIST,
      additive: false,
    })
    .define({
      id: 'risk',
      dimension: 'Placements Standard risk present (low or high; a child may have several)',
      population: children,
      unit: 'children',
      categories: RISK_CODES,
      additive: false,
    })
    .define({
      id: 'highestRisk',
      dimension: 'Highest level of any Placements Standard risk',
      population: children,
      unit: 'children',
      // The highest level of any risk a child presents: a level of placements' `RISK_LEVELS`.
      categories: RISK_LEVELS,
      additive: true,
    })
    .define({
      id: 'ageBand',
      dimension: 'Age on the day of the request',
      population: children,
      unit: 'children',
      categories: AGE_BANDS_OR_UNKNOWN,
      additive: true,
    })
    .define({
      id: 'gender',
      dimension: 'Gender (SSDA903 SEX: 1 male, 2 female)',
      population: children,
      unit: 'children',
      categories: known(GENDER_CODE_LIST),
      additive: true,
    })
    .define({
      id: 'ethnicityGroup',
      dimension: 'Ethnic group (mixed heritage apart)',
      population: children,
      unit: 'children',
      categories: known(ETHNICITY_GROUPS.filter((g) => g !== 'not-known')),
      additive: true,
    })
    .define({
      id: 'ethnicity',
      dimension: 'Ethnicity (SSDA903 ETHNIC codes)',
      population: children,
      unit: 'children',
      categories: known(ETHNICITY_CODE_LIST),
      additive: true,
    })
    .define({
      id: 'uasc',
      dimension: 'Unaccompanied asylum-seeking child',
      population: children,
      unit: 'children',
      categories: ['yes', 'no', 'not-known'],
      additive: true,
    });

  const ours = inAreas(o.areas);
  for (const r of facts) {
    if (!ours(r.localAuthority)) continue;
    const la = r.localAuthority;
    table.add(requests, la);
    b.count('urgency', la, orUnknown(r.urgency, URGENCIES));
    b.count('purpose', la, orUnknown(r.purpose, REQUEST_PURPOSES));
    const size = r.children.length;
    b.count('siblingGroupSize', la, size >= 4 ? '4+' : String(Math.max(size, 1)));
    for (const c of r.children) {
      table.add(children, la);
      b.count('cinCategory', la, orUnknown(c.cinCategory, CIN_CATEGORY_CODE_LIST));
      b.count('disability', la, [
        ...new Set(c.disabilities.filter((d) => DISABILITY_CODE_LIST.includes(d as never))),
      ]);
      const present = RISK_CODES.filter((k) => c.risks[k] === 'low' || c.risks[k] === 'high');
      b.count('risk', la, present);
      b.count(
        'highestRisk',
        la,
        RISK_CODES.some((k) => c.risks[k] === 'high') ? 'high' : present.length > 0 ? 'low' : 'none',
      );
      b.count('ageBand', la, ageBandOrUnknown(ageMonthsOn(c.ages, r.requestedOn)));
      b.count('gender', la, orUnknown(c.gender, GENDER_CODE_LIST));
      b.count('ethnicityGroup', la, ethnicityGroup(c.ethnicity));
      b.count('ethnicity', la, orUnknown(c.ethnicity, ETHNICITY_CODE_LIST));
      b.count('uasc', la, c.uasc === null ? 'not-known' : c.uasc ? 'yes' : 'no');
    }
  }
  const shown = table.suppressed(o.policy);
  return { breakdowns: showBreakdowns(shown, b.definitions(), o.show), shares: [], statistics: [] };
};
