import { createServer, connect, AddressInfo } from 'node:net';
import { Agent, get, Server } from 'node:http';
import type { ServerResponse } from 'node:http';
import {
  Controller,
  Get,
  Inject,
  Injectable,
  INestApplication,
  Module,
  OnModuleDestroy,
  Res,
} from '@nestjs/common';
import { CONFIG, PlacematchConfig } from '../config/config';
import { captureStdout, StdoutCapture, testConfig, waitFor } from '../testing';
import { bootstrapHttp, createHttpApp } from './bootstrap';

/** What happened during a shutdown, in order. */
@Injectable()
class Timeline {
  readonly events: string[] = [];
  handlerEntered = false;
  private releaseHandler: (() => void) | undefined;
  readonly handlerReleased = new Promise<void>((resolve) => (this.releaseHandler = resolve));

  release(): void {
    this.releaseHandler?.();
  }
}

/** Stands for the event store or a pool: closing it under a running request would fail that request. */
@Injectable()
class ClosableStore implements OnModuleDestroy {
  constructor(private readonly timeline: Timeline) {}
  onModuleDestroy(): void {
    this.timeline.events.push('store closed');
  }
}

@Controller()
class SlowController {
  constructor(
    private readonly timeline: Timeline,
    @Inject(CONFIG) private readonly config: PlacematchConfig,
  ) {}

  @Get('slow')
  async slow() {
    this.timeline.handlerEntered = true;
    await this.timeline.handlerReleased;
    this.timeline.events.push('request finished');
    return { done: true };
  }

  @Get('streaming')
  async streaming(@Res() res: ServerResponse) {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('{"done":');
    this.timeline.handlerEntered = true;
    await this.timeline.handlerReleased;
    this.timeline.events.push('request finished');
    res.end('true}');
  }

  @Get('config')
  configSeen() {
    return { port: this.config.port, logLevel: this.config.logLevel };
  }
}

@Module({ controllers: [SlowController], providers: [Timeline, ClosableStore] })
class SlowAppModule {}

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function getJson(
  port: number,
  path: string,
  agent?: Agent,
): Promise<{ status: number; body: unknown; connection?: string }> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(text), connection: res.headers.connection }),
      );
    }).on('error', reject);
  });
}

function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('createHttpApp and bootstrapHttp', () => {
  let stdout: StdoutCapture;
  beforeEach(() => {
    stdout = captureStdout();
  });
  afterEach(() => stdout.restore());

  it('makes the configuration injectable as CONFIG', async () => {
    const app = await createHttpApp(SlowAppModule, testConfig({ PORT: '4567' }));
    try {
      expect(app.get(CONFIG)).toEqual(testConfig({ PORT: '4567' }));
    } finally {
      await app.close();
    }
  });

  it('bootstrapHttp listens on HOST:PORT and logs where', async () => {
    const port = await freePort();
    const app = await bootstrapHttp(
      SlowAppModule,
      testConfig({ HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'info' }),
    );
    try {
      const address = (app.getHttpServer() as Server).address() as AddressInfo;
      expect(address).toMatchObject({ address: '127.0.0.1', port });
      expect(await getJson(port, '/config')).toMatchObject({ status: 200, body: { port, logLevel: 'info' } });
      expect(stdout.records()).toContainEqual(
        expect.objectContaining({ msg: 'listening', host: '127.0.0.1', port, context: 'Bootstrap' }),
      );
    } finally {
      await app.close();
    }
  });

  describe('graceful shutdown', () => {
    let app: INestApplication;
    let port: number;
    let timeline: Timeline;
    let agent: Agent;

    beforeEach(async () => {
      port = await freePort();
      app = await bootstrapHttp(SlowAppModule, testConfig({ HOST: '127.0.0.1', PORT: String(port) }));
      // Without the drain closing kept-alive connections, close() would wait this long: the test would time out.
      (app.getHttpServer() as Server).keepAliveTimeout = 10 * 60_000;
      timeline = app.get(Timeline);
      agent = new Agent({ keepAlive: true, maxSockets: 1 });
    });
    afterEach(() => agent.destroy());

    it('stops accepting, finishes the in-flight request, then closes the modules', async () => {
      // A first request leaves a kept-alive connection open, as a browser or proxy would.
      await getJson(port, '/config', agent);
      const inFlight = getJson(port, '/slow', agent);
      await waitFor(() => timeline.handlerEntered, 'the slow handler to start');

      const closed = app.close();
      const server = app.getHttpServer() as Server;
      await waitFor(() => !server.listening, 'the server to stop listening');

      expect(await connectionRefused(port)).toBe(true);
      expect(timeline.events).toEqual([]);

      timeline.release();
      const response = await inFlight;
      await closed;

      expect(response).toEqual({ status: 200, body: { done: true }, connection: 'close' });
      expect(timeline.events).toEqual(['request finished', 'store closed']);
    });

    it('closes a kept-alive connection whose response headers went out before the drain began', async () => {
      const inFlight = getJson(port, '/streaming', agent);
      await waitFor(() => timeline.handlerEntered, 'the streaming handler to start');

      const closed = app.close();
      await waitFor(() => !(app.getHttpServer() as Server).listening, 'the server to stop listening');
      timeline.release();

      expect(await inFlight).toEqual({ status: 200, body: { done: true }, connection: 'keep-alive' });
      await closed;
      expect(timeline.events).toEqual(['request finished', 'store closed']);
    });

    it('closes idle kept-alive connections instead of waiting for them', async () => {
      await getJson(port, '/config', agent);
      await app.close();
      expect(timeline.events).toEqual(['store closed']);
    });
  });
});
