import {
  Body,
  Controller,
  Get,
  HttpException,
  INestApplication,
  Module,
  NotFoundException,
  Param,
  Post,
  ServiceUnavailableException,
} from '@nestjs/common';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  IllegalStateError,
  NotFoundError,
  UnauthorisedError,
  ValidationError,
} from '@placematch/kernel';
import request from 'supertest';
import { createHttpApp } from '../bootstrap/bootstrap';
import { captureStdout, StdoutCapture, testConfig } from '../testing';

const domainErrors: Record<string, () => DomainError> = {
  validation: () =>
    new ValidationError('VACANCY.OVER_APPROVAL', 'More places than the approval allows', { max: 2 }),
  unauthorised: () => new UnauthorisedError('AUTH.NO_TOKEN', 'No bearer token'),
  forbidden: () => new ForbiddenError('AUTH.OUT_OF_SCOPE', 'Not your local authority'),
  not_found: () => new NotFoundError('SETTING.NOT_FOUND', 'No such setting', { settingId: 's-1' }),
  conflict: () => new ConflictError('STREAM.VERSION_CONFLICT', 'Someone else changed it first'),
  illegal_state: () => new IllegalStateError('SETTING.NOT_APPROVED'),
};

@Controller('errors')
class ErrorsController {
  @Get('domain/:kind')
  domain(@Param('kind') kind: string): never {
    throw domainErrors[kind]();
  }

  @Get('http/not-found')
  notFound(): never {
    throw new NotFoundException();
  }

  @Get('http/teapot')
  teapot(): never {
    throw new HttpException('short and stout', 418);
  }

  @Get('http/unavailable')
  unavailable(): never {
    throw new ServiceUnavailableException('Upstream is down');
  }

  @Post('crash')
  crash(@Body() _body: unknown): never {
    throw new Error('the database connection dropped');
  }

  @Get('throw-string')
  throwString(): never {
    throw 'a bare string';
  }
}

@Module({ controllers: [ErrorsController] })
class ErrorsTestModule {}

describe('PlacematchExceptionFilter (through createHttpApp)', () => {
  let app: INestApplication;
  let stdout: StdoutCapture;

  beforeAll(async () => {
    app = await createHttpApp(ErrorsTestModule, testConfig({ LOG_LEVEL: 'error' }));
  });
  afterAll(() => app.close());
  beforeEach(() => {
    stdout = captureStdout();
  });
  afterEach(() => stdout.restore());

  const http = () => request(app.getHttpServer());

  it.each([
    ['validation', 400, 'VACANCY.OVER_APPROVAL', 'More places than the approval allows', { max: 2 }],
    ['unauthorised', 401, 'AUTH.NO_TOKEN', 'No bearer token', {}],
    ['forbidden', 403, 'AUTH.OUT_OF_SCOPE', 'Not your local authority', {}],
    ['not_found', 404, 'SETTING.NOT_FOUND', 'No such setting', { settingId: 's-1' }],
    ['conflict', 409, 'STREAM.VERSION_CONFLICT', 'Someone else changed it first', {}],
    ['illegal_state', 409, 'SETTING.NOT_APPROVED', 'SETTING.NOT_APPROVED', {}],
  ])(
    'maps a %s domain error to %i with its code, message and details',
    async (kind, status, code, message, details) => {
      const res = await http().get(`/errors/domain/${kind}`);
      expect(res.status).toBe(status);
      expect(res.body).toEqual({ code, message, details });
    },
  );

  it('keeps a Nest HttpException’s status, with the same body shape', async () => {
    const res = await http().get('/errors/http/not-found');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: 'HTTP.NOT_FOUND', message: 'Not Found', details: {} });
  });

  it('names the status in the code, and keeps a string response as the message', async () => {
    const res = await http().get('/errors/http/teapot');
    expect(res.status).toBe(418);
    expect(res.body).toEqual({ code: 'HTTP.I_AM_A_TEAPOT', message: 'short and stout', details: {} });
  });

  it('answers an unknown route with the same shape', async () => {
    const res = await http().get('/no/such/route');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: 'HTTP.NOT_FOUND', message: 'Cannot GET /no/such/route', details: {} });
  });

  it('answers a body that is not JSON with a 400 in the same shape', async () => {
    const res = await http().post('/errors/crash').set('Content-Type', 'application/json').send('{"name": ');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('HTTP.BAD_REQUEST');
    expect(typeof res.body.message).toBe('string');
    expect(res.body.details).toEqual({});
  });

  it('turns anything else into a 500 that carries only the correlation id, and logs the stack', async () => {
    const res = await http()
      .post('/errors/crash')
      .set('X-Correlation-Id', 'crash-1')
      .send({ childName: 'Ada Lovelace-Byron' });

    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      code: 'INTERNAL',
      message: 'Internal error',
      details: { correlationId: 'crash-1' },
    });
    const logged = stdout.records().find((r) => r.msg === 'Unhandled error');
    expect(logged).toMatchObject({
      level: 'error',
      context: 'ExceptionFilter',
      correlationId: 'crash-1',
      err: { name: 'Error', message: 'the database connection dropped' },
    });
    expect((logged?.err as { stack: string }).stack).toContain('ErrorsController.crash');
    expect(stdout.lines().join('\n')).not.toContain('Ada Lovelace-Byron');
  });

  it('gives a 500 a generated correlation id when the caller sent none', async () => {
    const res = await http().post('/errors/crash').send({});
    expect(res.status).toBe(500);
    expect(res.body.details.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.details.correlationId).toBe(res.headers['x-correlation-id']);
  });

  it('treats a thrown non-Error the same way, logging only its type', async () => {
    const res = await http().get('/errors/throw-string');
    expect(res.status).toBe(500);
    expect(res.body.code).toBe('INTERNAL');
    expect(stdout.records()).toContainEqual(
      expect.objectContaining({ msg: 'Unhandled non-Error value thrown', thrownType: 'string' }),
    );
    expect(stdout.lines().join('\n')).not.toContain('a bare string');
  });

  it('logs a 5xx HttpException but keeps its status and message', async () => {
    const res = await http().get('/errors/http/unavailable');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ code: 'HTTP.SERVICE_UNAVAILABLE', message: 'Upstream is down', details: {} });
    expect(stdout.records()).toContainEqual(expect.objectContaining({ msg: 'HTTP exception', status: 503 }));
  });
});
