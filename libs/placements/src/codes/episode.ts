import { PLACEMENT_TYPES } from '@placematch/supply';

// SSDA903 episode codes (domain-anchors.md §1.2): why an episode began, why it ceased, why a placement changed,
// temporary moves, and missing episodes. PLACE and PLACE_PROVIDER are supply's (`PLACEMENT_TYPES`,
// `PLACE_PROVIDER_CODES`).

/** SSDA903 `RNE`, the reason for a new episode. */
export const REASONS_NEW_EPISODE = {
  S: 'Started to be looked after',
  L: 'Change of legal status only',
  P: 'Change of placement and carer(s) only',
  T: 'Change of placement (but same carer(s)) only',
  B: 'Change of legal status and placement and carer(s) at the same time',
  U: 'Change of legal status and change of placement (but same carer(s)) at the same time',
} as const;

/** An SSDA903 `RNE` code. */
export type ReasonNewEpisodeCode = keyof typeof REASONS_NEW_EPISODE;

/** All {@link ReasonNewEpisodeCode}s. */
export const REASON_NEW_EPISODE_CODE_LIST = Object.keys(REASONS_NEW_EPISODE) as ReasonNewEpisodeCode[];

/**
 * The `RNE` codes with which a placement can start: every one except `L`, which changes only the legal status
 * and so continues a placement rather than starting one.
 */
export const PLACEMENT_START_RNE_CODES = REASON_NEW_EPISODE_CODE_LIST.filter(
  (code): code is Exclude<ReasonNewEpisodeCode, 'L'> => code !== 'L',
);

/** What Placematch knows about one SSDA903 `REC` code (reason episode ceased). */
export interface ReasonEpisodeCeasedInfo {
  readonly description: string;
  /** True for every code but `X1`: the period of care ends, so there is no next placement. */
  readonly leavesCare: boolean;
}

const ceased = (description: string, leavesCare = true): ReasonEpisodeCeasedInfo => ({
  description,
  leavesCare,
});

/**
 * SSDA903 `REC`, the reason an episode ceased. The current codes: the liia-tools 2017 set with E43/E44 left out
 * (replaced by E45-E48, which the d2i enum carries) and without d2i's local E99.
 */
export const REASONS_EPISODE_CEASED = {
  X1: ceased('Episode ceases, and new episode begins on same day, for any reason', false),
  E11: ceased('Adopted: application for an adoption order unopposed'),
  E12: ceased('Adopted: consent dispensed with by the court'),
  E2: ceased('Died'),
  E3: ceased('Care taken over by another local authority in the UK'),
  E4A: ceased(
    'Returned home to parent(s), relative(s) or person(s) with parental responsibility as part of the care planning process',
  ),
  E4B: ceased(
    'Returned home to parent(s), relative(s) or person(s) with parental responsibility, not as part of the current care planning process',
  ),
  E13: ceased(
    'Left care to live with parent(s), relative(s) or other person(s) with no parental responsibility',
  ),
  E41: ceased('Residence order, or child arrangements order naming with whom the child is to live, granted'),
  E45: ceased(
    'Special guardianship order made to former foster carer(s) who was/are relative(s) or friend(s)',
  ),
  E46: ceased(
    'Special guardianship order made to former foster carer(s) other than relative(s) or friend(s)',
  ),
  E47: ceased(
    'Special guardianship order made to carer(s) other than former foster carer(s) who was/are relative(s) or friend(s)',
  ),
  E48: ceased(
    'Special guardianship order made to carer(s) other than former foster carer(s), other than relative(s) or friend(s)',
  ),
  E5: ceased('Moved into independent living with supportive accommodation'),
  E6: ceased('Moved into independent living with no formalised advice or support'),
  E7: ceased('Transferred to residential care funded by adult social care services'),
  E8: ceased('Period of being looked after ceased for any other reason'),
  E9: ceased('Sentenced to custody'),
  E14: ceased('Accommodation on remand ended'),
  E15: ceased('Age assessment determined child is aged 18 or over and E5, E6 and E7 do not apply'),
  E16: ceased('Child moved abroad'),
  E17: ceased(
    'Aged 18 (or over) and remained with current carers (including under staying put arrangements)',
  ),
} as const satisfies Record<string, ReasonEpisodeCeasedInfo>;

/** An SSDA903 `REC` code such as `X1` or `E4A`. */
export type ReasonEpisodeCeasedCode = keyof typeof REASONS_EPISODE_CEASED;

/** All {@link ReasonEpisodeCeasedCode}s. */
export const REASON_EPISODE_CEASED_CODE_LIST = Object.keys(
  REASONS_EPISODE_CEASED,
) as ReasonEpisodeCeasedCode[];

/**
 * SSDA903 `REASON_PLACE_CHANGE`. `CREQB` (the carer asks for the placement to end because of the child's
 * behaviour) is the statutory outcome closest to a KEEP-style disruption (domain-anchors.md §1.2, §5 note 5).
 * `CUSTOD` is only in the d2i enum, not the 2017 schema (partly verified).
 */
export const REASONS_PLACE_CHANGE = {
  CARPL: 'Change to/implementation of care plan',
  CLOSE: 'Resignation/closure of provision',
  ALLEG: 'Allegation (s47)',
  STAND: 'Standards of care concern',
  APPRR: 'Approval removed',
  CREQB: "Carer(s) requests placement end due to child's behaviour",
  CREQO: "Carer(s) requests placement end other than due to child's behaviour",
  CHILD: 'Child requests placement end',
  LAREQ: 'Responsible/area authority requests placement end',
  PLACE: 'Change in the status of placement only',
  CUSTOD: 'Custody arrangement',
  OTHER: 'Other',
} as const;

/** An SSDA903 `REASON_PLACE_CHANGE` code such as `CREQB`. */
export type ReasonPlaceChangeCode = keyof typeof REASONS_PLACE_CHANGE;

/** All {@link ReasonPlaceChangeCode}s. */
export const REASON_PLACE_CHANGE_CODE_LIST = Object.keys(REASONS_PLACE_CHANGE) as ReasonPlaceChangeCode[];

/** The temporary-move `PLACE` codes: not a new placement, and they do not end the one the child has. */
export const TEMPORARY_PLACEMENT_CODES = ['T0', 'T1', 'T2', 'T3', 'T4'] as const;

/** One of {@link TEMPORARY_PLACEMENT_CODES}. */
export type TemporaryPlacementCode = (typeof TEMPORARY_PLACEMENT_CODES)[number];

/** The description of each temporary code, as supply's `PLACEMENT_TYPES` gives it (one source of wording). */
export const TEMPORARY_PLACEMENTS: Readonly<Record<TemporaryPlacementCode, string>> = Object.fromEntries(
  TEMPORARY_PLACEMENT_CODES.map((code) => [code, PLACEMENT_TYPES[code].description]),
) as Record<TemporaryPlacementCode, string>;

/** The most days a `T4` move may last: "temporary accommodation of seven days or less". */
export const T4_MAX_DAYS = 7;

/** SSDA903 `MISSING`: missing from care, or away from the placement without authorisation. */
export const MISSING_KINDS = {
  M: 'Missing from care (whereabouts not known)',
  A: 'Away from placement without authorisation (whereabouts known)',
} as const;

/** An SSDA903 `MISSING` code, `M` or `A`. */
export type MissingKindCode = keyof typeof MISSING_KINDS;

/** All {@link MissingKindCode}s. */
export const MISSING_KIND_CODE_LIST = Object.keys(MISSING_KINDS) as MissingKindCode[];
