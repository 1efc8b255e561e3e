import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { DomainErrorKind, isDomainError } from '@placematch/kernel';
import { correlationId } from '../logging/correlation';
import { CORRELATION_HEADER } from '../logging/correlation.middleware';

/** The body of every error response: a stable code clients may switch on, a sentence, and details. */
export interface ErrorBody {
  readonly code: string;
  readonly message: string;
  readonly details: Record<string, unknown>;
}

/** The HTTP status for each kind of domain refusal. */
export const STATUS_BY_KIND: Readonly<Record<DomainErrorKind, number>> = {
  validation: HttpStatus.BAD_REQUEST,
  unauthorised: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  illegal_state: HttpStatus.CONFLICT,
};

/** Whether `value` already has the {@link ErrorBody} shape (e.g. thrown by the validation pipe). */
export function isErrorBody(value: unknown): value is ErrorBody {
  if (value === null || typeof value !== 'object') return false;
  const body = value as Record<string, unknown>;
  return (
    typeof body.code === 'string' &&
    typeof body.message === 'string' &&
    (body.details === undefined || (typeof body.details === 'object' && body.details !== null))
  );
}

/**
 * The one global exception filter. Domain errors map by kind (400, 401, 403, 404, 409); Nest
 * `HttpException`s keep their status with a body of the same shape (`code: 'HTTP.NOT_FOUND'`); anything
 * else is a 500 `INTERNAL` carrying only the correlation id, and is logged with its stack. Request bodies are
 * never logged.
 */
@Catch()
export class PlacematchExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ExceptionFilter');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /** Maps `exception` to a status and an {@link ErrorBody} and sends it. */
  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const { httpAdapter } = this.adapterHost;
    const response: unknown = host.switchToHttp().getResponse();
    const { status, body } = this.toResponse(exception, response);
    if (httpAdapter.isHeadersSent(response)) {
      // Too late to say anything to the client; the half-sent response is ended so the socket is freed.
      httpAdapter.end(response);
      return;
    }
    httpAdapter.reply(response, body, status);
  }

  private toResponse(exception: unknown, response: unknown): { status: number; body: ErrorBody } {
    if (isDomainError(exception)) {
      return {
        status: STATUS_BY_KIND[exception.kind],
        body: { code: exception.code, message: exception.message, details: exception.details },
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status >= 500) this.logger.error({ msg: 'HTTP exception', status, err: exception });
      return { status, body: httpExceptionBody(exception, status) };
    }
    const id = correlationId() ?? headerOf(response, CORRELATION_HEADER);
    this.logger.error(
      exception instanceof Error
        ? { msg: 'Unhandled error', err: exception }
        : { msg: 'Unhandled non-Error value thrown', thrownType: typeof exception },
    );
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      body: { code: 'INTERNAL', message: 'Internal error', details: { correlationId: id } },
    };
  }
}

function httpExceptionBody(exception: HttpException, status: number): ErrorBody {
  const response = exception.getResponse();
  if (isErrorBody(response)) {
    return { code: response.code, message: response.message, details: response.details ?? {} };
  }
  const code = `HTTP.${HttpStatus[status] ?? status}`;
  if (typeof response === 'string') return { code, message: response, details: {} };
  const { message } = response as { message?: unknown };
  if (typeof message === 'string') return { code, message, details: {} };
  // Nest's own ValidationPipe (if someone uses it instead of ours) sends a list of messages.
  if (Array.isArray(message)) {
    return { code, message: message.map(String).join('; '), details: { messages: message.map(String) } };
  }
  return { code, message: exception.message, details: {} };
}

function headerOf(response: unknown, name: string): string | undefined {
  const getHeader = (response as { getHeader?: (n: string) => unknown } | null)?.getHeader;
  const value = typeof getHeader === 'function' ? getHeader.call(response, name) : undefined;
  return typeof value === 'string' ? value : undefined;
}
