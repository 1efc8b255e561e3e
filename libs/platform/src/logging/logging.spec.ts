import { Body, Controller, Get, INestApplication, Logger, Module, Param, Post } from '@nestjs/common';
import { IsString } from 'class-validator';
import request from 'supertest';
import { createHttpApp } from '../bootstrap/bootstrap';
import { captureStdout, StdoutCapture, testConfig } from '../testing';
import { correlationId, runWithCorrelation } from './correlation';
import { JsonLogger } from './json-logger';

const FAKE_NAME = 'Jemima Puddleduck-Fakename';

class RecordChildDto {
  @IsString() name!: string;
  @IsString() postcode!: string;
}

@Controller('children')
class ChildrenController {
  private readonly logger = new Logger('ChildrenController');

  @Post()
  record(@Body() _body: RecordChildDto) {
    this.logger.log({ msg: 'child recorded', childId: 'child-1' });
    return { id: 'child-1', correlationId: correlationId() };
  }

  @Get(':childId')
  async find(@Param('childId') childId: string) {
    // An await in between: the id must survive the hop to another tick.
    await new Promise((resolve) => setImmediate(resolve));
    return { childId, correlationId: correlationId() };
  }
}

@Module({ controllers: [ChildrenController] })
class ChildrenTestModule {}

describe('JsonLogger', () => {
  let stdout: StdoutCapture;
  beforeEach(() => {
    stdout = captureStdout();
  });
  afterEach(() => stdout.restore());

  it('writes one JSON object per line with time, level, msg and context', () => {
    new JsonLogger().log('matching index rebuilt', 'MatchingIndex');
    expect(stdout.lines()).toHaveLength(1);
    const [record] = stdout.records();
    expect(record).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      level: 'info',
      msg: 'matching index rebuilt',
      context: 'MatchingIndex',
    });
  });

  it('spreads an object message into fields, keeping the reserved keys its own', () => {
    new JsonLogger().warn({
      msg: 'slow projection',
      projector: 'sufficiency',
      lagMs: 1200,
      level: 'x',
      time: 'y',
    });
    expect(stdout.records()[0]).toEqual({
      time: expect.any(String),
      level: 'warn',
      msg: 'slow projection',
      projector: 'sufficiency',
      lagMs: 1200,
    });
  });

  it('takes the stack and context Nest passes to error()', () => {
    const error = new Error('boom');
    new JsonLogger().error('projection failed', error.stack, 'Projector');
    expect(stdout.records()[0]).toMatchObject({
      level: 'error',
      msg: 'projection failed',
      context: 'Projector',
      stack: error.stack,
    });
  });

  it('describes an Error given as the message', () => {
    new JsonLogger().error(new TypeError('bad thing'));
    expect(stdout.records()[0]).toMatchObject({
      msg: 'bad thing',
      err: {
        name: 'TypeError',
        message: 'bad thing',
        stack: expect.stringContaining('TypeError: bad thing'),
      },
    });
  });

  it('adds the current correlation id', () => {
    runWithCorrelation('corr-42', () => new JsonLogger().log('inside'));
    new JsonLogger().log('outside');
    const [inside, outside] = stdout.records();
    expect(inside.correlationId).toBe('corr-42');
    expect(outside).not.toHaveProperty('correlationId');
  });

  it('drops lines below the level', () => {
    const logger = new JsonLogger({ level: 'warn' });
    logger.debug('d');
    logger.verbose('v');
    logger.log('i');
    logger.warn('w');
    logger.error('e');
    logger.fatal('f');
    expect(stdout.records().map((r) => [r.level, r.msg])).toEqual([
      ['warn', 'w'],
      ['error', 'e'],
      ['fatal', 'f'],
    ]);
  });

  it('follows Nest’s setLogLevels, writing verbose as debug', () => {
    const logger = new JsonLogger({ level: 'error' });
    logger.setLogLevels(['verbose', 'error']);
    logger.verbose('now visible');
    expect(stdout.records()[0]).toMatchObject({ level: 'debug', msg: 'now visible' });
  });

  it('survives values JSON cannot encode', () => {
    const cyclic: Record<string, unknown> = { name: 'cycle' };
    cyclic.self = cyclic;
    new JsonLogger().log({ msg: 'odd values', cyclic, big: 10n });
    expect(stdout.records()[0]).toMatchObject({
      msg: 'odd values',
      cyclic: { name: 'cycle', self: '[Circular]' },
      big: '10',
    });
  });
});

describe('correlation ids', () => {
  it('runWithCorrelation sets the id for everything awaited inside, and only there', async () => {
    const seen = await runWithCorrelation('job-7', async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return correlationId();
    });
    expect(seen).toBe('job-7');
    expect(correlationId()).toBeUndefined();
  });
});

describe('correlation middleware (through createHttpApp)', () => {
  let app: INestApplication;
  let stdout: StdoutCapture;

  beforeAll(async () => {
    const startup = captureStdout();
    try {
      app = await createHttpApp(ChildrenTestModule, testConfig({ LOG_LEVEL: 'info' }));
    } finally {
      startup.restore();
    }
  });
  afterAll(() => app.close());
  beforeEach(() => {
    stdout = captureStdout();
  });
  afterEach(() => stdout.restore());

  const http = () => request(app.getHttpServer());
  const requestLines = () => stdout.records().filter((r) => r.msg === 'request');

  it('echoes the caller’s id, makes it current in the handler, and logs the request with it', async () => {
    const res = await http().get('/children/child-9?name=Someone').set('X-Correlation-Id', 'abc-123');

    expect(res.status).toBe(200);
    expect(res.headers['x-correlation-id']).toBe('abc-123');
    expect(res.body).toEqual({ childId: 'child-9', correlationId: 'abc-123' });
    expect(requestLines()).toEqual([
      {
        time: expect.any(String),
        level: 'info',
        msg: 'request',
        context: 'HTTP',
        correlationId: 'abc-123',
        method: 'GET',
        route: '/children/:childId',
        status: 200,
        durationMs: expect.any(Number),
      },
    ]);
  });

  it('generates a UUID when the caller sends none', async () => {
    const res = await http().get('/children/child-9');
    expect(res.headers['x-correlation-id']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(requestLines()[0].correlationId).toBe(res.headers['x-correlation-id']);
  });

  it('replaces an id that is too long or holds odd characters', async () => {
    const res = await http()
      .get('/children/child-9')
      .set('X-Correlation-Id', 'Jane Smith <jane@example.org>');
    expect(res.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(stdout.lines().join('\n')).not.toContain('Jane Smith');
  });

  it('never writes the body, the query string or other headers to the logs', async () => {
    const res = await http()
      .post('/children?surname=Puddleduck')
      .set('X-Correlation-Id', 'post-1')
      .set('Authorization', 'Bearer secret-token-value')
      .send({ name: FAKE_NAME, postcode: 'ZZ99 9ZZ' });

    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: 'child-1', correlationId: 'post-1' });
    const output = stdout.lines().join('\n');
    expect(stdout.records()).toContainEqual(
      expect.objectContaining({
        msg: 'child recorded',
        correlationId: 'post-1',
        context: 'ChildrenController',
      }),
    );
    expect(requestLines()).toEqual([
      expect.objectContaining({ method: 'POST', route: '/children', status: 201, correlationId: 'post-1' }),
    ]);
    for (const secret of [FAKE_NAME, 'Puddleduck', 'ZZ99', 'secret-token-value']) {
      expect(output).not.toContain(secret);
    }
  });

  it('keeps refused bodies out of the logs too', async () => {
    const res = await http()
      .post('/children')
      .send({ name: FAKE_NAME, postcode: 12, favouriteColour: 'red' });
    expect(res.status).toBe(400);
    expect(requestLines()).toEqual([expect.objectContaining({ route: '/children', status: 400 })]);
    expect(stdout.lines().join('\n')).not.toContain(FAKE_NAME);
  });

  it('logs an unmatched path without the path itself', async () => {
    const res = await http().get(`/people/${encodeURIComponent(FAKE_NAME)}`);
    expect(res.status).toBe(404);
    expect(requestLines()).toEqual([expect.objectContaining({ method: 'GET', route: null, status: 404 })]);
    expect(stdout.lines().join('\n')).not.toContain('Puddleduck');
  });
});
