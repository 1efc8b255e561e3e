import type { Server, IncomingMessage, ServerResponse } from 'node:http';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleDestroy,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { CONFIG, PlacematchConfig } from '../config/config';

/**
 * Orders a shutdown as: stop accepting connections, let in-flight requests finish, then let the other
 * modules close (their `onModuleDestroy` hooks), and exit within SHUTDOWN_TIMEOUT_MS of a signal.
 *
 * It is a provider of the root module that {@link createHttpApp} wraps around the app's module. Nest runs
 * `onModuleDestroy` from the root outwards, so the HTTP server is drained here before any module the
 * requests use (the event store, a pool) is closed; Nest itself would close the server last.
 */
@Injectable()
export class GracefulShutdown implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger('Shutdown');
  private readonly inFlight = new Set<ServerResponse>();
  private server: Server | undefined;
  private draining = false;
  private signals: readonly NodeJS.Signals[] = [];
  private deadline: NodeJS.Timeout | undefined;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(CONFIG) private readonly config: PlacematchConfig,
  ) {}

  /**
   * Exits the process with code 1 if a shutdown started by one of `signals` has not finished within
   * SHUTDOWN_TIMEOUT_MS, or at once on a second signal. Nest's own shutdown hooks do the orderly part.
   */
  watchSignals(signals: readonly NodeJS.Signals[]): void {
    this.signals = signals;
    for (const signal of signals) process.on(signal, this.onSignal);
  }

  /** Starts counting requests on the HTTP server. */
  onApplicationBootstrap(): void {
    const server: unknown = this.adapterHost.httpAdapter?.getHttpServer();
    if (!isHttpServer(server)) return;
    this.server = server;
    // Runs before Express, so a request that arrives on a kept-alive connection while draining is told
    // that its connection closes after the response.
    server.prependListener('request', this.track);
  }

  /** Stops accepting connections and waits for in-flight requests to end. */
  async onModuleDestroy(): Promise<void> {
    const server = this.server;
    if (!server?.listening) return;
    this.draining = true;
    this.logger.log({ msg: 'draining HTTP connections', inFlight: this.inFlight.size });
    for (const res of this.inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');

    // close() also closes the connections idle right now; `track` closes the others as they turn idle.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const giveUp = setTimeout(() => {
      this.logger.warn({
        msg: 'requests still in flight at the shutdown timeout; closing their connections',
        inFlight: this.inFlight.size,
      });
      server.closeAllConnections();
    }, this.config.shutdownTimeoutMs);
    giveUp.unref();
    await closed;
    clearTimeout(giveUp);
  }

  /** Stops watching signals: the app is closed. */
  onApplicationShutdown(): void {
    for (const signal of this.signals) process.removeListener(signal, this.onSignal);
    clearTimeout(this.deadline);
    this.server?.removeListener('request', this.track);
  }

  private readonly track = (_req: IncomingMessage, res: ServerResponse): void => {
    this.inFlight.add(res);
    if (this.draining) res.setHeader('Connection', 'close');
    res.once('close', () => {
      this.inFlight.delete(res);
      // A response whose headers went out before draining promised keep-alive; its connection turns idle
      // only after this tick, and is closed then.
      if (this.draining) setImmediate(() => this.server?.closeIdleConnections());
    });
  };

  private readonly onSignal = (signal: NodeJS.Signals): void => {
    if (this.deadline !== undefined) {
      this.logger.warn({ msg: 'second signal during shutdown; exiting now', signal });
      process.exit(1);
    }
    const ms = this.config.shutdownTimeoutMs;
    this.logger.log({ msg: 'shutting down', signal, timeoutMs: ms });
    this.deadline = setTimeout(() => {
      this.logger.error({
        msg: 'shutdown did not finish within SHUTDOWN_TIMEOUT_MS; exiting',
        timeoutMs: ms,
      });
      process.exit(1);
    }, ms);
    this.deadline.unref();
  };
}

function isHttpServer(value: unknown): value is Server {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Server).closeIdleConnections === 'function' &&
    typeof (value as Server).prependListener === 'function'
  );
}
