import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import { runWithCorrelation } from './correlation';

/** The header a caller may send to join its logs with ours, and that every response carries. */
export const CORRELATION_HEADER = 'X-Correlation-Id';

// The id is copied into logs, event metadata and a response header, so only harmless, short tokens are taken
// from a caller; anything else is replaced by a fresh UUID.
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** What Express adds to a request once a route matched it. */
interface RoutedRequest extends IncomingMessage {
  baseUrl?: string;
  route?: { path?: unknown };
}

/** An Express-compatible middleware function. */
export type HttpMiddleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/**
 * Middleware that gives each request a correlation id (the caller's `X-Correlation-Id` when acceptable,
 * otherwise a new UUID), echoes it in the response, runs the rest of the request inside it (see
 * {@link correlationId}) and writes one log line per request: method, route pattern, status and duration.
 *
 * Personal data must never reach the logs, so the line holds the route *pattern* (`/children/:id`), never
 * the URL, its query string, the body, or any header but the correlation id.
 */
export function correlationMiddleware(logger: LoggerService): HttpMiddleware {
  return (req, res, next) => {
    const id = acceptedId(req.headers['x-correlation-id']) ?? randomUUID();
    res.setHeader(CORRELATION_HEADER, id);
    const started = process.hrtime.bigint();
    let logged = false;

    const logRequest = (): void => {
      if (logged) return;
      logged = true;
      const routed = req as RoutedRequest;
      const line = {
        msg: 'request',
        method: req.method,
        route: routePattern(routed),
        status: res.statusCode,
        durationMs: Number(process.hrtime.bigint() - started) / 1e6,
        ...(res.writableFinished ? {} : { aborted: true }),
      };
      // 'finish' and 'close' are emitted outside the request's async context, so re-enter it for the id.
      runWithCorrelation(id, () =>
        res.statusCode >= 500 ? logger.error(line, 'HTTP') : logger.log(line, 'HTTP'),
      );
    };
    res.once('finish', logRequest);
    res.once('close', logRequest);

    runWithCorrelation(id, () => next());
  };
}

function acceptedId(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && ACCEPTABLE_ID.test(value) ? value : undefined;
}

/** The matched route's pattern, or `null` when no route matched (the raw path may hold personal data). */
function routePattern(req: RoutedRequest): string | null {
  const path = req.route?.path;
  return typeof path === 'string' ? `${req.baseUrl ?? ''}${path}` : null;
}
