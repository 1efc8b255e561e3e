import {
  ArrayUnique,
  IsArray,
  IsIn,
  registerDecorator,
  ValidationArguments,
  ValidationOptions,
} from 'class-validator';
import { isPostcode } from '@placematch/geo';
import { isOfstedUrn } from '@placematch/supply';

/** A UK postcode in any common spelling (case and spaces are normalised later). */
export const IsUkPostcode = (options?: ValidationOptions) => (object: object, propertyName: string) =>
  registerDecorator({
    name: 'isUkPostcode',
    target: object.constructor,
    propertyName,
    options: { message: `${propertyName} must be a UK postcode such as NE1 4XX`, ...options },
    validator: { validate: (value: unknown) => typeof value === 'string' && isPostcode(value) },
  });

/** An Ofsted URN: `SC` and 6 digits, 7 digits, or `XXXXXXX` where none applies. */
export const IsOfstedUrn = (options?: ValidationOptions) => (object: object, propertyName: string) =>
  registerDecorator({
    name: 'isOfstedUrn',
    target: object.constructor,
    propertyName,
    options: {
      message: `${propertyName} must be an Ofsted URN: SC and 6 digits, 7 digits, or XXXXXXX`,
      ...options,
    },
    validator: { validate: (value: unknown) => typeof value === 'string' && isOfstedUrn(value) },
  });

/** This number is not below the sibling property `other` (for ranges such as min and max ages). */
export const IsNotBelow =
  (other: string, options?: ValidationOptions) => (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isNotBelow',
      target: object.constructor,
      propertyName,
      constraints: [other],
      options: { message: `${propertyName} must not be below ${other}`, ...options },
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const low = (args.object as Record<string, unknown>)[args.constraints[0] as string];
          return typeof value !== 'number' || typeof low !== 'number' || value >= low;
        },
      },
    });

/** An ISO calendar date (YYYY-MM-DD) that exists. */
export const IsCalendarDate = (options?: ValidationOptions) => (object: object, propertyName: string) =>
  registerDecorator({
    name: 'isCalendarDate',
    target: object.constructor,
    propertyName,
    options: { message: `${propertyName} must be a date written YYYY-MM-DD`, ...options },
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' &&
        /^\d{4}-\d{2}-\d{2}$/.test(value) &&
        new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    },
  });

/**
 * A list of codes, each one of `codes`, none twice: what every code-list field of the APIs (disabilities,
 * adaptations, risks, specialisms...) checks. The same three checks as writing `@IsArray()`, `@ArrayUnique()`
 * and `@IsIn(codes, { each: true })` one above the other, with the same messages.
 */
export const IsCodeList =
  (codes: readonly unknown[]) =>
  (object: object, propertyName: string): void => {
    // Registered bottom-up, as stacked decorators are.
    IsIn([...codes], { each: true })(object, propertyName);
    ArrayUnique()(object, propertyName);
    IsArray()(object, propertyName);
  };
