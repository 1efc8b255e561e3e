import { Module } from '@nestjs/common';
import { ApiKeyCredentialResolver } from './api-key.resolver';
import { ApiKeyStore } from './api-key.store';

/** Provider API keys: the store, and the resolver the auth guard consults. */
@Module({
  providers: [ApiKeyStore, ApiKeyCredentialResolver],
  exports: [ApiKeyStore, ApiKeyCredentialResolver],
})
export class ApiKeysModule {}
