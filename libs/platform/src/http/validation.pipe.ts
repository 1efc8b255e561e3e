import { BadRequestException, ValidationPipe } from '@nestjs/common';
import type { ValidationError as ClassValidatorError } from 'class-validator';
import type { ErrorBody } from './exception.filter';

/** One reason a field was refused; `field` is a dotted path with array indexes (`children.0.age`). */
export interface FieldProblem {
  readonly field: string;
  readonly reason: string;
}

/** The error code of a request refused by {@link createValidationPipe}. */
export const VALIDATION_FAILED = 'VALIDATION.FAILED';

/**
 * The global validation pipe: strips nothing silently (an unknown field is refused, naming it), converts
 * plain bodies to their DTO classes, and refuses bad input with a 400
 * `{ code: 'VALIDATION.FAILED', message, details: { fields: [{ field, reason }] } }`, one entry per broken
 * rule, nested errors flattened to dotted paths.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // Rejected values may be personal data: keep them out of the error objects altogether.
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new BadRequestException(validationFailedBody(errors)),
  });
}

/** Builds the 400 body for class-validator errors; exported for pipes that validate outside HTTP bodies. */
export function validationFailedBody(errors: readonly ClassValidatorError[]): ErrorBody {
  const fields = flattenValidationErrors(errors);
  const names = [...new Set(fields.map((f) => f.field))];
  return {
    code: VALIDATION_FAILED,
    message: `The request has ${names.length === 1 ? 'an invalid field' : 'invalid fields'}: ${names.join(', ')}`,
    details: { fields },
  };
}

/**
 * Flattens class-validator's error tree into one {@link FieldProblem} per broken constraint. Array elements
 * appear in the tree as children named by their index, so `children[1].age` comes out as `children.1.age`.
 */
export function flattenValidationErrors(
  errors: readonly ClassValidatorError[],
  parentPath?: string,
): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parentPath === undefined ? error.property : `${parentPath}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}
