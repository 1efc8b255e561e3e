import type { PlaceProviderCode, PlacementId, PlacementTypeCode } from '@placematch/supply';
import type { CinCategoryCode } from '../codes/cin-category';
import type { ReasonEpisodeCeasedCode, ReasonNewEpisodeCode, ReasonPlaceChangeCode } from '../codes/episode';
import type { LegalStatusCode } from '../codes/legal-status';
import type { PlacementsCommand } from '../shared/command';
import type { ChildId } from '../shared/ids';

/**
 * One SSDA903 episode as a placement history keeps it (domain-anchors.md §1.2): the Episodes file's columns
 * but `CHILD`, with dates as `YYYY-MM-DD` and the postcodes cut to sectors (the log never holds a full
 * postcode from a return).
 */
export interface HistoricEpisode {
  /** `DECOM`. */
  startedOn: string;
  /** `RNE`. */
  reasonNewEpisode: ReasonNewEpisodeCode;
  /** `LS`. */
  legalStatus: LegalStatusCode;
  /** `CIN`. */
  cinCategory: CinCategoryCode;
  /** `PLACE`, temporary codes (T0-T4) included: such an episode is a temporary move during the placement. */
  placementType: PlacementTypeCode;
  /** `PLACE_PROVIDER`; `null` where blank. */
  placeProvider: PlaceProviderCode | null;
  /** `URN`: an Ofsted URN or `XXXXXXX`; `null` where blank. */
  urn: string | null;
  /** `HOME_POST` as a postcode sector (`NE1 9`); `null` where blank. */
  homeSector: string | null;
  /** `PL_POST` as a postcode sector; `null` where blank (a confidential placement, say). */
  placementSector: string | null;
  /** `DEC`; `null` while the episode is open. */
  endedOn: string | null;
  /** `REC`: given exactly when `endedOn` is. */
  rec: ReasonEpisodeCeasedCode | null;
  /** `REASON_PLACE_CHANGE`; `null` where blank. */
  reasonPlaceChange: ReasonPlaceChangeCode | null;
}

/**
 * Records a placement from an SSDA903 return (history import): the episodes that make up one placement, in
 * date order, grouped by `continuesPlacement` (legal-status-only changes, temporary moves and the returns
 * from them, and episodes in which nothing about the placement changed are not new placements). The same
 * history again does nothing; a different one with the same first episode (a later return adding episodes or
 * an ending, or correcting one) replaces it.
 */
export type RecordHistoricPlacement = PlacementsCommand<
  'RecordHistoricPlacement',
  {
    placementId: PlacementId;
    childId: ChildId;
    /** ONS code of the responsible local authority whose return it is. */
    localAuthority: string;
    /** The child's age in completed months on the first episode's `DECOM`. */
    childAgeMonths: number;
    /** At least one, in date order, each beginning the day the one before ended (`X1`). */
    episodes: HistoricEpisode[];
  }
>;

/** Every command of the historic placement aggregate. */
export type HistoricPlacementCommand = RecordHistoricPlacement;
