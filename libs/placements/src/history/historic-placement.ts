import { ValidationError } from '@placematch/kernel';
import {
  PLACEMENT_TYPE_CODES,
  PLACE_PROVIDER_CODE_LIST,
  URN_NOT_APPLICABLE,
  isChildrensServicesAuthority,
  isOfstedUrn,
} from '@placematch/supply';
import type { PlacementTypeCode } from '@placematch/supply';
import { MAX_CHILD_AGE_MONTHS } from '../placement/placement.decider';
import { CIN_CATEGORY_CODE_LIST } from '../codes/cin-category';
import {
  REASON_EPISODE_CEASED_CODE_LIST,
  REASON_NEW_EPISODE_CODE_LIST,
  REASON_PLACE_CHANGE_CODE_LIST,
  TEMPORARY_PLACEMENT_CODES,
} from '../codes/episode';
import type { TemporaryPlacementCode } from '../codes/episode';
import { LEGAL_STATUS_CODE_LIST } from '../codes/legal-status';
import { requirePostcodeSector } from '../request/placements-standard';
import { isOneOf, requireInteger, requireOneOf, requirePastDate, requireText } from '../shared/validation';
import type { HistoricEpisode, RecordHistoricPlacement } from './historic-placement.commands';
import type { HistoricPlacementRecorded, HistoricTemporaryMove } from './historic-placement.events';

/** The most episodes one placement history takes (the XML return's limit per child). */
export const MAX_HISTORIC_EPISODES = 366;

/** True for the temporary-move `PLACE` codes T0-T4. */
export const isTemporaryPlacement = (code: PlacementTypeCode): code is TemporaryPlacementCode =>
  isOneOf(TEMPORARY_PLACEMENT_CODES, code);

/** Two episodes in the same place: `PLACE`, `PLACE_PROVIDER`, `URN` and the `PL_POST` sector all equal. */
export const samePlace = (a: HistoricEpisode, b: HistoricEpisode): boolean =>
  a.placementType === b.placementType &&
  a.placeProvider === b.placeProvider &&
  a.urn === b.urn &&
  a.placementSector === b.placementSector;

/**
 * Whether `next` continues the placement made of `episodes` (in date order) rather than starting a new one:
 * the rule that turns SSDA903 episodes into placements, so that the stability measures count placements as
 * the DfE does (temporary moves and legal-status-only changes are not new placements).
 *
 * `next` continues the placement only when it begins the day the last episode ended with `X1` (the child
 * stayed looked after), is not `RNE` `S` (a new period of care), and:
 * 1. it is a temporary move (`PLACE` T0-T4): the child will come back (validator rule 383); or
 * 2. `RNE` is `L`: only the legal status changed; or
 * 3. it follows a temporary move and is back in the placement's own place (same `PLACE`, `PLACE_PROVIDER`,
 *    `URN` and `PL_POST` sector), or the placement so far is only temporary moves (its own start is before
 *    the history); or
 * 4. `RNE` is `T` or `U` (same carers) and nothing about the place changed.
 *
 * Every other episode starts a new placement: `S`; `P` and `B` (the carers changed, even when the place looks
 * the same: two carers of one agency may live in one postcode sector); `T` and `U` when the place changed
 * (the measures can still tell a same-carer change by its `RNE`).
 */
export const continuesPlacement = (episodes: readonly HistoricEpisode[], next: HistoricEpisode): boolean => {
  const last = episodes.at(-1);
  if (last === undefined || last.endedOn !== next.startedOn || last.rec !== 'X1') return false;
  if (next.reasonNewEpisode === 'S') return false;
  if (isTemporaryPlacement(next.placementType)) return true;
  if (next.reasonNewEpisode === 'L') return true;
  if (isTemporaryPlacement(last.placementType)) {
    const own = episodes.filter((e) => !isTemporaryPlacement(e.placementType)).at(-1);
    return own === undefined || samePlace(own, next);
  }
  return (next.reasonNewEpisode === 'T' || next.reasonNewEpisode === 'U') && samePlace(last, next);
};

const nullable = <T>(value: T | null | undefined, read: (value: T) => T): T | null =>
  value === null || value === undefined ? null : read(value);

const sector = (value: unknown, field: string): string =>
  requirePostcodeSector(value, 'PLACEMENT.INVALID_SECTOR', field);

const validateEpisode = (e: HistoricEpisode, today: string, at: number): HistoricEpisode => {
  const field = (name: string) => `episodes.${at}.${name}`;
  const date = (value: unknown, name: string) =>
    requirePastDate(value, today, 'PLACEMENT.INVALID_DATE', 'PLACEMENT.DATE_IN_FUTURE', field(name));
  const startedOn = date(e.startedOn, 'startedOn');
  const endedOn = nullable(e.endedOn, (v) => date(v, 'endedOn'));
  if (endedOn !== null && endedOn < startedOn) {
    throw new ValidationError('PLACEMENT.ENDS_BEFORE_START', undefined, { episode: at, startedOn, endedOn });
  }
  const rec = nullable(e.rec, (v) =>
    requireOneOf(v, REASON_EPISODE_CEASED_CODE_LIST, 'PLACEMENT.UNKNOWN_REC', field('rec')),
  );
  // DEC and REC come together: an open episode has neither.
  if ((endedOn === null) !== (rec === null)) {
    throw new ValidationError(
      'PLACEMENT.REC_WITHOUT_DEC',
      'An episode that ended says why (REC), and only then',
      {
        episode: at,
      },
    );
  }
  const urn = nullable(e.urn, (v) => {
    if (v !== URN_NOT_APPLICABLE && !isOfstedUrn(v)) {
      throw new ValidationError('PLACEMENT.INVALID_URN', undefined, { urn: v });
    }
    return v;
  });
  return {
    startedOn,
    reasonNewEpisode: requireOneOf(
      e.reasonNewEpisode,
      REASON_NEW_EPISODE_CODE_LIST,
      'PLACEMENT.INVALID_REASON_NEW_EPISODE',
      field('reasonNewEpisode'),
    ),
    legalStatus: requireOneOf(
      e.legalStatus,
      LEGAL_STATUS_CODE_LIST,
      'PLACEMENT.UNKNOWN_LEGAL_STATUS',
      field('legalStatus'),
    ),
    cinCategory: requireOneOf(
      e.cinCategory,
      CIN_CATEGORY_CODE_LIST,
      'PLACEMENT.UNKNOWN_CIN_CATEGORY',
      field('cinCategory'),
    ),
    placementType: requireOneOf(
      e.placementType,
      PLACEMENT_TYPE_CODES,
      'PLACEMENT.UNKNOWN_PLACEMENT_TYPE',
      field('placementType'),
    ),
    placeProvider: nullable(e.placeProvider, (v) =>
      requireOneOf(v, PLACE_PROVIDER_CODE_LIST, 'PLACEMENT.UNKNOWN_PLACE_PROVIDER', field('placeProvider')),
    ),
    urn,
    homeSector: nullable(e.homeSector, (v) => sector(v, field('homeSector'))),
    placementSector: nullable(e.placementSector, (v) => sector(v, field('placementSector'))),
    endedOn,
    rec,
    reasonPlaceChange: nullable(e.reasonPlaceChange, (v) =>
      requireOneOf(
        v,
        REASON_PLACE_CHANGE_CODE_LIST,
        'PLACEMENT.UNKNOWN_REASON_PLACE_CHANGE',
        field('reasonPlaceChange'),
      ),
    ),
  };
};

/** Each run of consecutive temporary episodes with one code, as one move. */
const temporaryMoves = (episodes: readonly HistoricEpisode[]): HistoricTemporaryMove[] => {
  const moves: HistoricTemporaryMove[] = [];
  let previous: HistoricEpisode | undefined;
  for (const e of episodes) {
    const code = e.placementType;
    if (isTemporaryPlacement(code)) {
      const open = moves.at(-1);
      if (open !== undefined && previous?.placementType === code) open.endedOn = e.endedOn;
      else moves.push({ code, startedOn: e.startedOn, endedOn: e.endedOn });
    }
    previous = e;
  }
  return moves;
};

/**
 * Checks a placement history and derives what the measures read from it (see `HistoricPlacementRecorded`).
 *
 * @throws ValidationError for a code, date, sector or URN that is not one; `PLACEMENT.HISTORY_EMPTY`,
 *   `PLACEMENT.HISTORY_TOO_LONG`, `PLACEMENT.HISTORY_NOT_ONE_PLACEMENT` (an episode that does not continue
 *   the placement by `continuesPlacement`) and `PLACEMENT.HISTORY_ONLY_TEMPORARY` (temporary moves with no
 *   placement to come back to).
 */
export const validateHistoricPlacement = (
  data: RecordHistoricPlacement['data'],
  today: string,
): HistoricPlacementRecorded['data'] => {
  const required = (value: unknown, field: string) => requireText(value, 'PLACEMENT.ID_REQUIRED', field);
  required(data.placementId, 'placementId');
  required(data.childId, 'childId');
  if (!isChildrensServicesAuthority(data.localAuthority)) {
    throw new ValidationError('PLACEMENT.INVALID_LOCAL_AUTHORITY', undefined, {
      localAuthority: data.localAuthority,
    });
  }
  const childAgeMonths = requireInteger(
    data.childAgeMonths,
    0,
    // The oldest age at its start, as live placements.
    MAX_CHILD_AGE_MONTHS,
    'PLACEMENT.INVALID_AGE',
    'childAgeMonths',
  );
  if (!Array.isArray(data.episodes) || data.episodes.length === 0) {
    throw new ValidationError('PLACEMENT.HISTORY_EMPTY', 'A placement history has at least one episode');
  }
  if (data.episodes.length > MAX_HISTORIC_EPISODES) {
    throw new ValidationError('PLACEMENT.HISTORY_TOO_LONG', `At most ${MAX_HISTORIC_EPISODES} episodes`);
  }
  const episodes = data.episodes.map((e, at) => validateEpisode(e, today, at));
  episodes.forEach((e, at) => {
    if (at > 0 && !continuesPlacement(episodes.slice(0, at), e)) {
      throw new ValidationError(
        'PLACEMENT.HISTORY_NOT_ONE_PLACEMENT',
        `Episode ${at} (from ${e.startedOn}) starts a new placement`,
        { episode: at, startedOn: e.startedOn },
      );
    }
  });
  const own = episodes.find((e) => !isTemporaryPlacement(e.placementType));
  if (own === undefined) {
    throw new ValidationError(
      'PLACEMENT.HISTORY_ONLY_TEMPORARY',
      'Temporary moves (T0-T4) with no placement to come back to (validator rule 383)',
    );
  }
  const first = episodes[0];
  const last = episodes[episodes.length - 1];
  return {
    placementId: data.placementId,
    childId: data.childId,
    localAuthority: data.localAuthority,
    childAgeMonths,
    episodes,
    startedOn: first.startedOn,
    endedOn: last.endedOn,
    rec: last.rec,
    reasonPlaceChange: last.reasonPlaceChange,
    placementType: own.placementType,
    placeProvider: own.placeProvider,
    urn: own.urn,
    placementSector: own.placementSector,
    homeSector: own.homeSector,
    temporaryMoves: temporaryMoves(episodes),
  };
};
