import { requestedChild } from '@placematch/placements/testing';
import { choosePlacementType } from './placement-type';

describe('the SSDA903 PLACE of a new placement', () => {
  const child = requestedChild();

  it('takes long-term fostering (U4) for a long-term or permanent placement, short-term (U6) otherwise', () => {
    expect(choosePlacementType(['U4', 'U5', 'U6'], child, 'long-term')).toBe('U4');
    expect(choosePlacementType(['U4', 'U5', 'U6'], child, 'permanent')).toBe('U4');
    expect(choosePlacementType(['U4', 'U5', 'U6'], child, 'short-term')).toBe('U6');
    expect(choosePlacementType(['U4'], child, 'emergency')).toBe('U4');
  });

  it('follows the child’s suitability: a preferred kind first, never an unsuitable one', () => {
    const residentialFirst = requestedChild({
      suitability: { foster: 'suitable', residential: 'preferred', supportedAccommodation: 'unsuitable' },
    });
    expect(choosePlacementType(['U6', 'K2'], residentialFirst, 'short-term')).toBe('K2');
    expect(() => choosePlacementType(['H5'], child, 'short-term')).toThrow(
      expect.objectContaining({
        code: 'PLACEMENT.NO_SUITABLE_TYPE',
        details: expect.objectContaining({ field: 'placementType' }),
      }),
    );
  });

  it('takes the code asked for when the setting offers it, and refuses one it does not (400 naming the field)', () => {
    expect(choosePlacementType(['U4', 'U6'], child, 'short-term', 'U4')).toBe('U4');
    expect(() => choosePlacementType(['U4', 'U6'], child, 'short-term', 'K2')).toThrow(
      expect.objectContaining({ code: 'PLACEMENT.TYPE_NOT_OFFERED' }),
    );
  });
});
