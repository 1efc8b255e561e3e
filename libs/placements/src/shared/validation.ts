import { ValidationError } from '@placematch/kernel';
import { isIsoDate } from '@placematch/supply';

// Commands arrive from HTTP and imports, so their types are promises the decider re-checks at run time. These
// mirror supply's helpers, which supply does not export.

/** A trimmed, non-empty string, or a {@link ValidationError} with `code`. */
export const requireText = (value: unknown, code: string, field: string): string => {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ValidationError(code, `${field} is required`, { field });
  }
  return value.trim();
};

/** `undefined` when absent, else a trimmed non-empty string (or a {@link ValidationError} with `code`). */
export const optionalText = (value: unknown, code: string, field: string): string | undefined =>
  value === undefined ? undefined : requireText(value, code, field);

/** A list of trimmed, non-empty strings (possibly empty), or a {@link ValidationError} with `code`. */
export const requireTexts = (values: unknown, code: string, field: string): string[] => {
  if (!Array.isArray(values)) throw new ValidationError(code, `${field} must be a list`, { field });
  return values.map((v) => requireText(v, code, field));
};

/** A `YYYY-MM-DD` date that exists, or a {@link ValidationError} with `code`. */
export const requireDate = (value: unknown, code: string, field: string): string => {
  if (!isIsoDate(value))
    throw new ValidationError(code, `${field} must be a date written YYYY-MM-DD`, { field, value });
  return value;
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

/** An integer in `[min, max]`, or a {@link ValidationError} with `code`. */
export const requireInteger = (
  value: unknown,
  min: number,
  max: number,
  code: string,
  field: string,
): number => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ValidationError(code, `${field} must be a whole number from ${min} to ${max}`, {
      field,
      value,
    });
  }
  return value;
};

/** A boolean, or a {@link ValidationError} with `code`. */
export const requireBoolean = (value: unknown, code: string, field: string): boolean => {
  if (typeof value !== 'boolean')
    throw new ValidationError(code, `${field} must be true or false`, { field });
  return value;
};

/** True when `value` is one of `known`. */
export const isOneOf = <C extends string>(known: readonly C[], value: unknown): value is C =>
  typeof value === 'string' && (known as readonly string[]).includes(value);

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

/**
 * A list whose every member is one of `known`, each at most once. Unknown members are refused with
 * `unknownCode`, repeated ones with `duplicateCode`.
 */
export const requireCodes = <C extends string>(
  values: unknown,
  known: readonly C[],
  unknownCode: string,
  duplicateCode: string,
  field: string,
): C[] => {
  if (!Array.isArray(values)) throw new ValidationError(unknownCode, `${field} must be a list`, { field });
  const seen = new Set<string>();
  for (const value of values) {
    if (!isOneOf(known, value))
      throw new ValidationError(unknownCode, `${field}: unknown value`, { field, value });
    if (seen.has(value))
      throw new ValidationError(duplicateCode, `${field}: ${value} is listed twice`, { field, value });
    seen.add(value);
  }
  return [...values] as C[];
};

const canonical = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
};

/**
 * Structural equality as JSON would see it (key order and `undefined` fields ignored, list order kept). Used to
 * tell a retried command, which is a no-op, from a conflicting one.
 */
export const sameValue = (a: unknown, b: unknown): boolean =>
  JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/** Whole days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export const daysBetween = (from: string, to: string): number =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
