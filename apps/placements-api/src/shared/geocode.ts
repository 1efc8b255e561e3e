import { Geocoder, Location } from '@placematch/geo';
import { isDomainError, ValidationError } from '@placematch/kernel';

/**
 * Locates a postcode given in `field`: a malformed or unknown postcode is a 400 that names the field (the
 * geocoder's own `POSTCODE.*` code, with `field` added to its details).
 */
export const locateField = async (geocoder: Geocoder, postcode: string, field: string): Promise<Location> => {
  try {
    return await geocoder.locate(postcode);
  } catch (e) {
    if (isDomainError(e) && e.code.startsWith('POSTCODE.')) {
      throw new ValidationError(e.code, `${field}: ${e.message}`, { ...e.details, field });
    }
    throw e;
  }
};
