import { CHILD_PERSONAL_FIELDS } from '@placematch/placements';
import { fromField, personalDataPolicy, PersonalDataPolicy } from '@placematch/privacy';

/**
 * The encryption policy of the placements context, built from the domain's own list of personal fields:
 * each personal value is encrypted under the key of the child it is about (a sibling group's event holds
 * each child's values under that child's key), so erasing one child shreds only that child's data.
 */
export const placementsPersonalData = (): PersonalDataPolicy => {
  const builder = personalDataPolicy();
  for (const [type, fields] of Object.entries(CHILD_PERSONAL_FIELDS)) {
    if (!('childIdPath' in fields)) continue;
    builder.event(type, {
      personal: fields.paths.map((path) => ({ path, subject: fromField(fields.childIdPath) })),
    });
  }
  return builder.build();
};
