import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** Security scheme name for JWT bearer tokens: `@ApiBearerAuth(BEARER_AUTH)` on a controller. */
export const BEARER_AUTH = 'bearer';
/** Security scheme name for provider API keys: `@ApiSecurity(API_KEY_AUTH)` on a controller. */
export const API_KEY_AUTH = 'api-key';
/** The header that carries a provider's API key. */
export const API_KEY_HEADER = 'X-Api-Key';

/** Path of the Swagger UI. */
export const OPENAPI_UI_PATH = 'api/docs';
/** Path of the OpenAPI JSON document. */
export const OPENAPI_JSON_PATH = 'api/docs-json';

/** What the API document says about itself. */
export interface OpenApiOptions {
  readonly title: string;
  readonly description: string;
  readonly version: string;
}

/**
 * Serves the OpenAPI document of `app` as a UI at /api/docs and JSON at /api/docs-json, declaring the
 * bearer (JWT) and `X-Api-Key` security schemes. Call it before `app.init()`: routes added later would sit
 * behind Nest's not-found handler. Returns the document.
 */
export function setupOpenApi(app: INestApplication, options: OpenApiOptions): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(options.title)
    .setDescription(options.description)
    .setVersion(options.version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_AUTH)
    .addApiKey({ type: 'apiKey', in: 'header', name: API_KEY_HEADER }, API_KEY_AUTH)
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup(OPENAPI_UI_PATH, app, document, { jsonDocumentUrl: OPENAPI_JSON_PATH });
  return document;
}
