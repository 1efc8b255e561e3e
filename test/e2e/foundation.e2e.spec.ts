import request from 'supertest';
import { AppHarness, startApp, tokenFor } from '../support/app-harness';

describe('Placematch on the embedded defaults', () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startApp('pglite');
  });
  afterAll(() => h.close());

  it('is live and ready, naming each dependency it checked', async () => {
    const res = await request(h.http).get('/health').expect(200);
    expect(res.body.details).toMatchObject({
      process: { status: 'up' },
      'event-store': { status: 'up' },
      'read-models': { status: 'up' },
    });
    await request(h.http).get('/health/live').expect(200);
    await request(h.http).get('/health/ready').expect(200);
  });

  it('serves the OpenAPI document and UI', async () => {
    const doc = await request(h.http).get('/api/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toContain('/api/operator/projections');
    await request(h.http).get('/api/docs').expect(200);
  });

  it('refuses an unauthenticated call with 401 and a body { code, message, details }', async () => {
    const res = await request(h.http).get('/api/operator/projections').expect(401);
    expect(res.body).toEqual({ code: 'AUTH.MISSING_CREDENTIALS', message: expect.any(String), details: {} });
  });

  it('refuses a call outside the role with 403, and lets the operator in', async () => {
    const officer = await tokenFor('placement-officer', { la: 'E09999999' });
    const res = await request(h.http)
      .get('/api/operator/projections')
      .set('Authorization', `Bearer ${officer}`)
      .expect(403);
    expect(res.body.code).toBe('AUTH.ROLE_FORBIDDEN');
    const operator = await tokenFor('operator');
    await request(h.http)
      .get('/api/operator/projections')
      .set('Authorization', `Bearer ${operator}`)
      .expect(200);
  });

  it('answers 404 with a stable code for a projection that does not exist', async () => {
    const operator = await tokenFor('operator');
    const res = await request(h.http)
      .post('/api/operator/projections/no-such-projection/rebuild')
      .set('Authorization', `Bearer ${operator}`)
      .expect(404);
    expect(res.body.code).toBe('PROJECTION.NOT_FOUND');
  });

  it('echoes the correlation id it was given', async () => {
    const res = await request(h.http).get('/health/live').set('X-Correlation-Id', 'corr-e2e-1').expect(200);
    expect(res.headers['x-correlation-id']).toBe('corr-e2e-1');
  });
});

describe('Placematch start-up', () => {
  it('stops with a message saying how to fix a bad configuration value', async () => {
    const { spawnSync } = await import('node:child_process');
    const { join } = await import('node:path');
    const root = join(__dirname, '..', '..');
    const run = spawnSync(
      process.execPath,
      ['-r', join(root, 'scripts', 'register.js'), join(root, 'apps', 'placematch', 'src', 'main.ts')],
      {
        env: { PATH: process.env.PATH, PORT: 'abc', EVENT_STORE: 'cassandra' },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('PORT=abc');
    expect(run.stderr).toContain('EVENT_STORE');
  });
});
