import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { TEST_SECRET } from './app-harness';

const ROOT = join(__dirname, '..', '..');

/** The separate services of apps/ (each has a main.ts). */
export type ServiceName = 'provider-api' | 'placements-api' | 'matching' | 'commissioning';

/** A service running as a child process, as a deployment runs it (from source, compiled on load by swc). */
export interface ServiceProcess {
  name: ServiceName;
  url: string;
  /** What the process has written to stdout and stderr so far (JSON log lines). */
  output(): string;
  /** Sends SIGTERM and waits for the process to exit. */
  stop(): Promise<void>;
}

/** A port nothing is listening on now. */
const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** The environment of one distributed deployment on this machine: PostgreSQL, Kafka and bull on Redis. */
export const distributedEnv = (databaseUrl: string, jobsPrefix: string): Record<string, string> => ({
  NODE_ENV: 'test',
  LOG_LEVEL: 'warn',
  HOST: '127.0.0.1',
  AUTH_JWT_SECRET: TEST_SECRET,
  EVENT_STORE: 'postgres',
  DATABASE_URL: databaseUrl,
  BUS: 'kafka',
  KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
  JOBS: 'bull',
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  JOBS_PREFIX: jobsPrefix,
});

/**
 * Starts `apps/<name>/src/main.ts` in a child process with `env` and a free port, and resolves once its
 * readiness probe answers 200 (or rejects with the process's output if it exits or is not ready in time).
 */
export const startService = async (
  name: ServiceName,
  env: Record<string, string>,
  readyWithinMs = 120_000,
): Promise<ServiceProcess> => {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    ['-r', join(ROOT, 'scripts', 'register.js'), join(ROOT, 'apps', name, 'src', 'main.ts')],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const service: ServiceProcess = {
    name,
    url,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };

  const deadline = Date.now() + readyWithinMs;
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    if (exitCode !== undefined)
      throw new Error(`${name} exited with ${exitCode} before it was ready:\n${output}`);
    const ready = await fetch(`${url}/health/ready`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ready) return service;
    await new Promise((r) => setTimeout(r, 250));
  }
  await service.stop();
  throw new Error(`${name} was not ready within ${readyWithinMs} ms:\n${output}`);
};
