import { ValidationError } from '@placematch/kernel';
import {
  RequestedChild,
  RequestPurpose,
  Suitability,
  TEMPORARY_PLACEMENT_CODES,
} from '@placematch/placements';
import { PLACEMENT_TYPES, PlacementGroup, PlacementTypeCode } from '@placematch/supply';

const RANK: Record<Suitability, number> = { preferred: 0, suitable: 1, 'not-specified': 1, unsuitable: 9 };

// Long-term and permanent placements are U4/U1 (long-term fostering) first; others U6/U3 first.
const LONG_TERM: readonly PlacementTypeCode[] = ['U4', 'U1', 'U5', 'U2', 'U6', 'U3'];
const SHORTER: readonly PlacementTypeCode[] = ['U6', 'U3', 'U4', 'U1', 'U5', 'U2'];

const suitabilityOf = (group: PlacementGroup, s: RequestedChild['suitability']): Suitability => {
  switch (group) {
    case 'fostering':
      return s.foster;
    case 'residential':
      return s.residential;
    case 'supported':
      return s.supportedAccommodation;
    default:
      // Secure, adoption and other codes are never chosen for the caller: they must be asked for by name.
      return 'unsuitable';
  }
};

/**
 * SSDA903 `PLACE` for a placement starting at a setting: the code asked for, which the setting must offer; or
 * else the setting's code that the child's Placements Standard suitability prefers (preferred over suitable),
 * then the one the purpose points to (long-term fostering for long-term and permanent placements, short-term
 * fostering otherwise), then the setting's order. 400 naming `placementType` when none fits.
 */
export const choosePlacementType = (
  offered: readonly PlacementTypeCode[],
  child: RequestedChild,
  purpose: RequestPurpose,
  asked?: string,
): PlacementTypeCode => {
  if (asked !== undefined) {
    if (!(offered as readonly string[]).includes(asked)) {
      throw new ValidationError('PLACEMENT.TYPE_NOT_OFFERED', `The setting does not offer ${asked}`, {
        field: 'placementType',
        offered,
      });
    }
    return asked as PlacementTypeCode;
  }
  const order = purpose === 'long-term' || purpose === 'permanent' ? LONG_TERM : SHORTER;
  const position = (code: PlacementTypeCode) => {
    const at = order.indexOf(code);
    return at < 0 ? order.length + offered.indexOf(code) : at;
  };
  const candidates = offered
    .filter((code) => !(TEMPORARY_PLACEMENT_CODES as readonly string[]).includes(code))
    .filter((code) => suitabilityOf(PLACEMENT_TYPES[code].group, child.suitability) !== 'unsuitable')
    .sort(
      (a, b) =>
        RANK[suitabilityOf(PLACEMENT_TYPES[a].group, child.suitability)] -
          RANK[suitabilityOf(PLACEMENT_TYPES[b].group, child.suitability)] || position(a) - position(b),
    );
  if (candidates.length === 0) {
    throw new ValidationError(
      'PLACEMENT.NO_SUITABLE_TYPE',
      'None of the setting’s placement types suits the child: give placementType',
      { field: 'placementType', offered },
    );
  }
  return candidates[0];
};
