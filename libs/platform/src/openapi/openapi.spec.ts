import { Controller, Get, INestApplication, Module } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import request from 'supertest';
import { createHttpApp } from '../bootstrap/bootstrap';
import { testConfig } from '../testing';
import { API_KEY_AUTH, BEARER_AUTH } from './openapi';

@ApiBearerAuth(BEARER_AUTH)
@Controller('requests')
class RequestsController {
  @Get()
  list() {
    return [];
  }
}

@ApiSecurity(API_KEY_AUTH)
@Controller('vacancies')
class VacanciesController {
  @Get()
  list() {
    return [];
  }
}

@Module({ controllers: [RequestsController, VacanciesController] })
class DocumentedModule {}

describe('setupOpenApi (through createHttpApp)', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await createHttpApp(DocumentedModule, testConfig(), {
      openApi: { title: 'Placements API', description: 'For placement teams', version: '1.2.3' },
    });
  });
  afterAll(() => app.close());

  it('serves the document as JSON at /api/docs-json', async () => {
    const res = await request(app.getHttpServer()).get('/api/docs-json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(res.body.info).toEqual({
      title: 'Placements API',
      description: 'For placement teams',
      version: '1.2.3',
      contact: {},
    });
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/requests', '/vacancies']));
  });

  it('declares bearer JWT and X-Api-Key security schemes, usable by controllers', async () => {
    const { body } = await request(app.getHttpServer()).get('/api/docs-json');
    expect(body.components.securitySchemes).toEqual({
      [BEARER_AUTH]: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      [API_KEY_AUTH]: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
    });
    expect(body.paths['/requests'].get.security).toEqual([{ [BEARER_AUTH]: [] }]);
    expect(body.paths['/vacancies'].get.security).toEqual([{ [API_KEY_AUTH]: [] }]);
  });

  it('serves the UI at /api/docs', async () => {
    const res = await request(app.getHttpServer()).get('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('swagger-ui');
  });
});
