import { DynamicModule, ForwardReference, INestApplication, Logger, Module, Type } from '@nestjs/common';
import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import type { PlacematchConfig } from '../config/config';
import { PlacematchExceptionFilter } from '../http/exception.filter';
import { createValidationPipe } from '../http/validation.pipe';
import { correlationMiddleware } from '../logging/correlation.middleware';
import { JsonLogger } from '../logging/json-logger';
import { OpenApiOptions, setupOpenApi } from '../openapi/openapi';
import { GracefulShutdown } from './graceful-shutdown';
import { PlatformModule } from './platform.module';

/** The signals that start a graceful shutdown. */
export const SHUTDOWN_SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/** A module an app can be built from: a class or a dynamic module. */
export type AppModule = Type<unknown> | DynamicModule | Promise<DynamicModule> | ForwardReference;

/** Options of {@link createHttpApp} and {@link bootstrapHttp}. */
export interface HttpAppOptions {
  /** What the OpenAPI document says about the app; defaults to a generic Placematch title. */
  readonly openApi?: OpenApiOptions;
}

const DEFAULT_OPENAPI: OpenApiOptions = {
  title: 'Placematch',
  description: 'Matching children in care to foster carers and children’s homes',
  version: '0.1.0',
};

/** The root module every app is wrapped in: the configuration, the app, and the shutdown orderer. */
@Module({})
class PlatformHttpRootModule {}

/**
 * Builds the Nest app for `appModule` with everything every Placematch app shares, initialised but not
 * listening (tests hand `app.getHttpServer()` to supertest):
 * - {@link CONFIG} injectable everywhere;
 * - the JSON logger at LOG_LEVEL, and the correlation-id and request-log middleware;
 * - the global validation pipe and exception filter;
 * - OpenAPI at /api/docs and /api/docs-json;
 * - shutdown hooks on SIGTERM and SIGINT: stop accepting, finish in-flight requests, close modules, exit
 *   within SHUTDOWN_TIMEOUT_MS.
 */
export async function createHttpApp(
  appModule: AppModule,
  config: PlacematchConfig,
  options: HttpAppOptions = {},
): Promise<INestApplication> {
  const logger = new JsonLogger({ level: config.logLevel });
  const root: DynamicModule = {
    module: PlatformHttpRootModule,
    imports: [PlatformModule.forRoot(config), appModule],
    providers: [GracefulShutdown],
  };
  // abortOnError would end the process on a wiring mistake; throwing lets the caller report it.
  const app = await NestFactory.create(root, { logger, abortOnError: false });
  app.use(correlationMiddleware(logger));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new PlacematchExceptionFilter(app.get(HttpAdapterHost)));
  setupOpenApi(app, options.openApi ?? DEFAULT_OPENAPI);
  // useProcessExit: a clean shutdown then ends with exit code 0 (not death by the re-raised signal, which
  // orchestrators report as a failure), after stdout is flushed.
  app.enableShutdownHooks([...SHUTDOWN_SIGNALS], { useProcessExit: true });
  app.get(GracefulShutdown).watchSignals(SHUTDOWN_SIGNALS);
  try {
    await app.init();
  } catch (error) {
    // Release the signal listeners and whatever did start, so a failed start leaves nothing behind.
    await app.close().catch(() => undefined);
    throw error;
  }
  return app;
}

/**
 * {@link createHttpApp}, then listens on HOST:PORT. Returns the listening app.
 */
export async function bootstrapHttp(
  appModule: AppModule,
  config: PlacematchConfig,
  options: HttpAppOptions = {},
): Promise<INestApplication> {
  const app = await createHttpApp(appModule, config, options);
  try {
    await app.listen(config.port, config.host);
  } catch (error) {
    // EADDRINUSE and the like: close what started so the process can exit with the error.
    await app.close().catch(() => undefined);
    throw error;
  }
  new Logger('Bootstrap').log({ msg: 'listening', host: config.host, port: config.port });
  return app;
}
