import { Injectable } from '@nestjs/common';
import { AuthRequest, CredentialResolver, makePrincipal, Principal } from '@placematch/auth';
import { UnauthorisedError } from '@placematch/kernel';
import { ApiKeyStore } from './api-key.store';

/** The header providers send their API key in. */
export const API_KEY_HEADER_NAME = 'x-api-key';

/**
 * Authenticates providers by API key. A request without the header is left to the bearer-token check; a
 * request with a key that is unknown, malformed or revoked is refused (401) without trying anything else.
 */
@Injectable()
export class ApiKeyCredentialResolver implements CredentialResolver {
  constructor(private readonly keys: ApiKeyStore) {}

  async resolve(request: AuthRequest): Promise<Principal | null> {
    const header = request.headers[API_KEY_HEADER_NAME];
    if (header === undefined) return null;
    const presented = Array.isArray(header) ? header[0] : header;
    const found = await this.keys.authenticate(presented.trim());
    if (!found)
      throw new UnauthorisedError('AUTH.API_KEY_INVALID', 'The API key is unknown, malformed or revoked.');
    return makePrincipal(`api-key:${found.keyId}`, 'provider', { providerId: found.providerId }, 'api-key');
  }
}
