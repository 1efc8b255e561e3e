import type { IntegrationEvent } from './envelope';

/** A placement request was raised by an authority (no child details: only what a service must route on). */
export type PlacementRequestedV1 = IntegrationEvent<
  'PlacementRequested',
  { requestId: string; localAuthority: string; children: number; emergency: boolean; at: string }
>;

/** A match was decided for a request (a sibling group split across settings has one per setting). */
export type MatchDecidedV1 = IntegrationEvent<
  'MatchDecided',
  {
    requestId: string;
    settingId: string;
    providerId: string;
    children: number;
    emergency: boolean;
    at: string;
  }
>;

/** A request was withdrawn before any decision. */
export type RequestWithdrawnV1 = IntegrationEvent<'RequestWithdrawn', { requestId: string; at: string }>;

/** A placement started (SSDA903: the episode opens with PLACE and PLACE_PROVIDER). */
export type PlacementStartedV1 = IntegrationEvent<
  'PlacementStarted',
  {
    placementId: string;
    requestId: string;
    settingId: string;
    providerId: string;
    localAuthority: string;
    startedOn: string;
    placementType: string;
    placeProvider: string;
    inAuthority: boolean;
    distanceMiles: number | null;
  }
>;

/** A placement was reviewed. */
export type PlacementReviewedV1 = IntegrationEvent<
  'PlacementReviewed',
  { placementId: string; reviewedOn: string }
>;

/** A carer's stress crossed the threshold (KEEP, M-40): support is due, not a move. */
export type CarerStressRiskRaisedV1 = IntegrationEvent<
  'CarerStressRiskRaised',
  { placementId: string; settingId: string; day: string; count: number; threshold: number }
>;

/** A placement ended (SSDA903: DEC, REC and REASON_PLACE_CHANGE); `disrupted` marks a breakdown. */
export type PlacementEndedV1 = IntegrationEvent<
  'PlacementEnded',
  {
    placementId: string;
    settingId: string;
    providerId: string;
    endedOn: string;
    rec: string;
    reasonPlaceChange: string | null;
    disrupted: boolean;
  }
>;

/** Every integration event on the placements topic. */
export type PlacementsIntegrationEvent =
  | PlacementRequestedV1
  | MatchDecidedV1
  | RequestWithdrawnV1
  | PlacementStartedV1
  | PlacementReviewedV1
  | CarerStressRiskRaisedV1
  | PlacementEndedV1;
