import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { isDomainError, type DomainErrorKind } from '@placematch/kernel';
import type { JSONWebKeySet } from 'jose';

/** A development secret for tests, long enough for the verifier. Never use it outside tests. */
export const TEST_JWT_SECRET = 'test-only-secret-never-deploy-0123456789abcdef';

/** The `Authorization` header value for a token. */
export const bearer = (token: string): string => `Bearer ${token}`;

const STATUS: Record<DomainErrorKind, number> = {
  validation: 400,
  unauthorised: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  illegal_state: 409,
};

interface JsonResponse {
  status(code: number): { json(body: unknown): void };
}

/**
 * Test-only: maps a `DomainError` to its status by `kind` with the body `{ code, message, details }`, as
 * the product's exception filter in `libs/platform` does, so auth tests can assert status codes without
 * depending on that library. Nest's own `HttpException`s keep their status; anything else is a 500.
 */
@Catch()
export class TestDomainErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<JsonResponse>();
    if (isDomainError(exception)) {
      response
        .status(STATUS[exception.kind])
        .json({ code: exception.code, message: exception.message, details: exception.details });
    } else if (exception instanceof HttpException) {
      response.status(exception.getStatus()).json({ code: 'HTTP', message: exception.message, details: {} });
    } else {
      const message = exception instanceof Error ? exception.message : String(exception);
      response.status(500).json({ code: 'INTERNAL', message, details: {} });
    }
  }
}

/** A JWKS served over real HTTP on 127.0.0.1. */
export interface JwksServer {
  /** The JWKS address, such as `http://127.0.0.1:54321/.well-known/jwks.json`. */
  readonly url: string;
  /** How many times the key set has been fetched. */
  fetches(): number;
  /** Stops listening and drops kept-alive connections. */
  close(): Promise<void>;
}

/** Serves `jwks` at `/.well-known/jwks.json` on a random local port, for verifying tokens as production does. */
export const startJwksServer = async (jwks: JSONWebKeySet): Promise<JwksServer> => {
  let fetches = 0;
  const server = createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/.well-known/jwks.json') {
      fetches += 1;
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    fetches: () => fetches,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
};
