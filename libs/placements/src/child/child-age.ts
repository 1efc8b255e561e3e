import { ValidationError } from '@placematch/kernel';
import { postcodeSector } from '@placematch/geo';
import { completedMonthsBetween, dateParts } from '@placematch/supply';

/**
 * A child's age in completed calendar months on a date (both `YYYY-MM-DD`). A month is completed on the day
 * of the month the child was born on; where the month has no such day (born on the 31st, or on 29 February)
 * it is completed on the 1st of the next month, the reading English law gives a 29 February birthday in a
 * common year. So `floor(ageInMonths / 12)` is the age in years.
 *
 * @throws ValidationError `DATE.INVALID` for a date that does not exist, `AGE.BEFORE_BIRTH` when `on` is
 * before `dateOfBirth`.
 */
export const ageInMonths = (dateOfBirth: string, on: string): number => {
  dateParts(dateOfBirth, 'dateOfBirth');
  dateParts(on, 'on');
  if (on < dateOfBirth) throw new ValidationError('AGE.BEFORE_BIRTH', undefined, { dateOfBirth, on });
  return completedMonthsBetween(dateOfBirth, on);
};

/** Reception, the first national curriculum year, as {@link nationalCurriculumYear} numbers it. */
export const RECEPTION = 0;

/** Year 13, the last national curriculum year. */
export const LAST_CURRICULUM_YEAR = 13;

/**
 * The national curriculum year in England a child born on `dateOfBirth` is in on `on`, by age: 0 for Reception,
 * 1 to 13 for Years 1 to 13; `null` before Reception or after Year 13.
 *
 * The academic year runs from 1 September to 31 August, and the year group is the child's age in completed
 * years on the 31 August before the academic year starts, less 4: Reception is the year in which a child turns
 * 5, Year 1 the year in which they turn 6 (so Year 1 children turned 5 between 1 September and 31 August of
 * the academic year before). A child born on 31 August is the youngest of their year; one born on 1 September
 * the oldest of the next. M-18 turns on this (Years 10 and 11).
 *
 * It is the year by age: a child taught out of their year group (a deferred summer-born child, for example)
 * is in another, which only the school knows.
 */
export const nationalCurriculumYear = (dateOfBirth: string, on: string): number | null => {
  dateParts(dateOfBirth, 'dateOfBirth');
  const [y, m] = dateParts(on, 'on');
  const academicYearStart = m >= 9 ? y : y - 1;
  const cutOff = `${academicYearStart}-08-31`;
  if (cutOff < dateOfBirth) return null;
  const year = Math.floor(ageInMonths(dateOfBirth, cutOff) / 12) - 4;
  return year < RECEPTION || year > LAST_CURRICULUM_YEAR ? null : year;
};

// M-18: whether a year group is Year 10 or 11 (Key Stage 4) is matching's rule (its school-move guard turns on
// it); re-exported beside the year group it reads.
export { isKeyStage4 } from '@placematch/matching';

/**
 * The postcode sector of the child's home (`NE1 9ZZ` -> `NE1 9`): the coarse location matching and
 * commissioning use in place of the full postcode (architecture.md section 7).
 *
 * @throws ValidationError `POSTCODE.MALFORMED` when `postcode` is not a full UK postcode.
 */
export const homeSector = (postcode: string): string => postcodeSector(postcode);
