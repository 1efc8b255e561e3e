import { ValidationError } from '@placematch/kernel';
import { isOneOf, requireDate, requireText } from '@placematch/supply';

// Commands arrive from HTTP and imports, so their types are promises the decider re-checks at run time. The
// primitives are supply's; these are the few placements needs besides.
export {
  isOneOf,
  requireCodes,
  requireDate,
  requireInteger,
  requireText,
  sameValue,
} from '@placematch/supply';

/** `undefined` when absent, else a trimmed non-empty string (or a {@link ValidationError} with `code`). */
export const optionalText = (value: unknown, code: string, field: string): string | undefined =>
  value === undefined ? undefined : requireText(value, code, field);

/** A list of trimmed, non-empty strings (possibly empty), or a {@link ValidationError} with `code`. */
export const requireTexts = (values: unknown, code: string, field: string): string[] => {
  if (!Array.isArray(values)) throw new ValidationError(code, `${field} must be a list`, { field });
  return values.map((v) => requireText(v, code, field));
};

/** A date that is not after `today`: `invalidCode` when it is not a date, `futureCode` when it is after today. */
export const requirePastDate = (
  value: unknown,
  today: string,
  invalidCode: string,
  futureCode: string,
  field: string,
): string => {
  const date = requireDate(value, invalidCode, field);
  if (date > today) throw new ValidationError(futureCode, `${field} is after today`, { field, date, today });
  return date;
};

/** A boolean, or a {@link ValidationError} with `code`. */
export const requireBoolean = (value: unknown, code: string, field: string): boolean => {
  if (typeof value !== 'boolean')
    throw new ValidationError(code, `${field} must be true or false`, { field });
  return value;
};

/** One of `known`, or a {@link ValidationError} with `code`. */
export const requireOneOf = <C extends string>(
  value: unknown,
  known: readonly C[],
  code: string,
  field: string,
): C => {
  if (!isOneOf(known, value)) throw new ValidationError(code, `${field}: unknown value`, { field, value });
  return value;
};
