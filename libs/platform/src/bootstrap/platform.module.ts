import { DynamicModule, Module } from '@nestjs/common';
import { CONFIG, PlacematchConfig } from '../config/config';

/**
 * Makes the process configuration injectable everywhere as {@link CONFIG}. {@link createHttpApp} imports
 * it for you; import it yourself in a `Test.createTestingModule` or a CLI context.
 */
@Module({})
export class PlatformModule {
  /** A global module providing `config` under {@link CONFIG}. */
  static forRoot(config: PlacematchConfig): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      providers: [{ provide: CONFIG, useValue: config }],
      exports: [CONFIG],
    };
  }
}
