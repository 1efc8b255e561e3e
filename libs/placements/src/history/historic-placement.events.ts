import type { PlaceProviderCode, PlacementTypeCode } from '@placematch/supply';
import type {
  ReasonEpisodeCeasedCode,
  ReasonPlaceChangeCode,
  TemporaryPlacementCode,
} from '../codes/episode';
import type { PlacementsEvent } from '../shared/command';
import type { RecordHistoricPlacement } from './historic-placement.commands';

/** A temporary move (T0-T4) as a placement history shows it: one run of episodes with the same code. */
export interface HistoricTemporaryMove {
  code: TemporaryPlacementCode;
  /** `DECOM` of the run's first episode. */
  startedOn: string;
  /** `DEC` of its last episode (the day the child came back); `null` while open. */
  endedOn: string | null;
}

/**
 * A placement was recorded from an SSDA903 return; a later one for the same placement replaces it. `episodes`
 * are the return's own rows (postcodes as sectors); the rest is derived from them for the measures: the
 * placement's span and how it ended (the last episode's `DEC`, `REC` and `REASON_PLACE_CHANGE`; `X1` means the
 * child stayed looked after and moved on), the placement itself (its first episode that is not a temporary
 * move), and its temporary moves, which are not placements (DfE counting).
 */
export type HistoricPlacementRecorded = PlacementsEvent<
  'HistoricPlacementRecorded',
  RecordHistoricPlacement['data'] & {
    startedOn: string;
    endedOn: string | null;
    rec: ReasonEpisodeCeasedCode | null;
    reasonPlaceChange: ReasonPlaceChangeCode | null;
    placementType: PlacementTypeCode;
    placeProvider: PlaceProviderCode | null;
    urn: string | null;
    placementSector: string | null;
    homeSector: string | null;
    temporaryMoves: HistoricTemporaryMove[];
  }
>;

/** Every event of the historic placement aggregate. */
export type HistoricPlacementEvent = HistoricPlacementRecorded;
