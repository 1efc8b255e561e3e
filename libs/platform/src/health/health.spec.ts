import { Global, INestApplication, Injectable, Module } from '@nestjs/common';
import request from 'supertest';
import { createHttpApp } from '../bootstrap/bootstrap';
import { captureStdout, StdoutCapture, testConfig } from '../testing';
import { HealthModule } from './health.module';
import { READINESS_CHECKS, ReadinessCheck } from './readiness';

/** A dependency whose availability the test switches, as a real one would come and go. */
@Injectable()
class SwitchableDependency {
  up = true;
  async ping(): Promise<void> {
    if (!this.up) throw new Error('connection refused');
  }
}

@Module({ providers: [SwitchableDependency], exports: [SwitchableDependency] })
class DependencyModule {}

@Module({
  imports: [
    HealthModule.forRoot({
      imports: [DependencyModule],
      inject: [SwitchableDependency],
      useFactory: (database: SwitchableDependency): ReadinessCheck[] => [
        { name: 'database', check: () => database.ping() },
        { name: 'eventStore', check: async () => undefined },
      ],
    }),
    DependencyModule,
  ],
})
class HealthTestModule {}

describe('HealthModule', () => {
  let app: INestApplication;
  let database: SwitchableDependency;
  let stdout: StdoutCapture;

  beforeAll(async () => {
    app = await createHttpApp(HealthTestModule, testConfig());
    database = app.get(SwitchableDependency);
  });
  afterAll(() => app.close());
  beforeEach(() => {
    database.up = true;
    stdout = captureStdout();
  });
  afterEach(() => stdout.restore());

  const http = () => request(app.getHttpServer());

  it('GET /health/live answers while the process runs, whatever the dependencies do', async () => {
    database.up = false;
    const res = await http().get('/health/live');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', info: { process: { status: 'up' } } });
  });

  it('GET /health/ready reports each registered dependency up', async () => {
    const res = await http().get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      info: { database: { status: 'up' }, eventStore: { status: 'up' } },
      error: {},
      details: { database: { status: 'up' }, eventStore: { status: 'up' } },
    });
  });

  it('GET /health/ready turns 503 naming the dependency that failed, and why', async () => {
    database.up = false;
    const res = await http().get('/health/ready');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({
      code: 'HEALTH.NOT_READY',
      message: 'Not ready: database failed',
      details: {
        failed: ['database'],
        status: 'error',
        info: { eventStore: { status: 'up' } },
        error: { database: { status: 'down', message: 'connection refused' } },
        details: {
          database: { status: 'down', message: 'connection refused' },
          eventStore: { status: 'up' },
        },
      },
    });
  });

  it('GET /health/ready recovers when the dependency does', async () => {
    database.up = false;
    expect((await http().get('/health/ready')).status).toBe(503);
    database.up = true;
    expect((await http().get('/health/ready')).status).toBe(200);
  });

  it('GET /health holds liveness and readiness together', async () => {
    const ok = await http().get('/health');
    expect(ok.status).toBe(200);
    expect(Object.keys(ok.body.details).sort()).toEqual(['database', 'eventStore', 'process']);

    database.up = false;
    const down = await http().get('/health');
    expect(down.status).toBe(503);
    expect(down.body.details.failed).toEqual(['database']);
  });
});

describe('HealthModule readiness edge cases', () => {
  let stdout: StdoutCapture;
  beforeEach(() => {
    stdout = captureStdout();
  });
  afterEach(() => stdout.restore());

  it('counts a check that never answers as failed after the timeout', async () => {
    @Module({
      imports: [
        HealthModule.forRoot({
          checkTimeoutMs: 20,
          checks: [{ name: 'kafka', check: () => new Promise<void>(() => undefined) }],
        }),
      ],
    })
    class HangingModule {}
    const app = await createHttpApp(HangingModule, testConfig());
    try {
      const res = await request(app.getHttpServer()).get('/health/ready');
      expect(res.status).toBe(503);
      expect(res.body.details.error).toEqual({
        kafka: { status: 'down', message: 'no answer within 20 ms' },
      });
    } finally {
      await app.close();
    }
  });

  it('runs checks that a global module provides when imported without forRoot', async () => {
    @Global()
    @Module({
      providers: [
        {
          provide: READINESS_CHECKS,
          useValue: [
            { name: 'redis', check: () => Promise.reject(new Error('NOAUTH')) },
          ] satisfies ReadinessCheck[],
        },
      ],
      exports: [READINESS_CHECKS],
    })
    class ChecksModule {}
    @Module({ imports: [ChecksModule, HealthModule] })
    class PlainModule {}
    const app = await createHttpApp(PlainModule, testConfig());
    try {
      const res = await request(app.getHttpServer()).get('/health/ready');
      expect(res.status).toBe(503);
      expect(res.body.message).toBe('Not ready: redis failed');
    } finally {
      await app.close();
    }
  });

  it('is ready with no checks registered', async () => {
    @Module({ imports: [HealthModule] })
    class NoChecksModule {}
    const app = await createHttpApp(NoChecksModule, testConfig());
    try {
      const res = await request(app.getHttpServer()).get('/health/ready');
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('ok');
    } finally {
      await app.close();
    }
  });

  it('refuses two checks with the same name at start', async () => {
    const check = async () => undefined;
    @Module({
      imports: [
        HealthModule.forRoot({
          checks: [
            { name: 'database', check },
            { name: 'database', check },
          ],
        }),
      ],
    })
    class DuplicateModule {}
    await expect(createHttpApp(DuplicateModule, testConfig())).rejects.toThrow(
      'Readiness check name "database" is used twice or is reserved',
    );
  });
});
