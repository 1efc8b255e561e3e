/**
 * What kind of refusal an error is; the HTTP layer maps each kind to one status code
 * (validation 400, unauthorised 401, forbidden 403, not_found 404, conflict 409, illegal_state 409).
 */
export type DomainErrorKind =
  'validation' | 'unauthorised' | 'forbidden' | 'not_found' | 'conflict' | 'illegal_state';

/**
 * A refusal with a stable, dotted code such as `SETTING.NOT_APPROVED`. Codes are part of the API: clients
 * may switch on them, so never change one.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message?: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message ?? code);
    this.name = new.target.name;
  }
}

/** Input that can never be right (a reversed age range, places over the approval). */
export class ValidationError extends DomainError {
  constructor(code: string, message?: string, details?: Record<string, unknown>) {
    super('validation', code, message, details);
  }
}

/** The command is well formed but the aggregate's state does not allow it now. */
export class IllegalStateError extends DomainError {
  constructor(code: string, message?: string, details?: Record<string, unknown>) {
    super('illegal_state', code, message, details);
  }
}

/** Someone else changed the stream first, or a unique fact already exists. */
export class ConflictError extends DomainError {
  constructor(code: string, message?: string, details?: Record<string, unknown>) {
    super('conflict', code, message, details);
  }
}

/** The thing does not exist, or exists outside the caller's scope (never say which). */
export class NotFoundError extends DomainError {
  constructor(code: string, message?: string, details?: Record<string, unknown>) {
    super('not_found', code, message, details);
  }
}

/** The caller is known but its role or scope does not allow this. */
export class ForbiddenError extends DomainError {
  constructor(code: string, message?: string, details?: Record<string, unknown>) {
    super('forbidden', code, message, details);
  }
}

/** The caller did not prove who it is. */
export class UnauthorisedError extends DomainError {
  constructor(code: string, message?: string, details?: Record<string, unknown>) {
    super('unauthorised', code, message, details);
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
