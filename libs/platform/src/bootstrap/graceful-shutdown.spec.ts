import { ChildProcess, spawn } from 'node:child_process';
import { createServer, AddressInfo } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../../..');
const FIXTURE = join(__dirname, '../testing/fixtures/signal-app.ts');

// The child compiles TypeScript the way jest does here (swc with the repo's .swcrc) and resolves the
// @placematch/* aliases, so it runs the library's source without a build.
const LOADER = `
const fs = require('fs'), path = require('path'), Module = require('module'), swc = require('@swc/core');
const root = ${JSON.stringify(ROOT)};
const options = { ...JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8')), swcrc: false, sourceMaps: false };
require.extensions['.ts'] = (m, filename) =>
  m._compile(swc.transformSync(fs.readFileSync(filename, 'utf8'), { ...options, filename }).code, filename);
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const alias = /^@placematch\\/([^/]+)(\\/testing)?$/.exec(request);
  if (alias) request = path.join(root, 'libs', alias[1], 'src', alias[2] ? 'testing' : '');
  return resolve.call(this, request, ...rest);
};
require(${JSON.stringify(FIXTURE)});
`;

/** A child process running the fixture app, with its JSON log lines and its exit. */
interface RunningApp {
  readonly child: ChildProcess;
  readonly records: Record<string, unknown>[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  logged(msg: string): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function startApp(env: Record<string, string>): Promise<RunningApp> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-e', LOADER], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const records: Record<string, unknown>[] = [];
  const waiters: { msg: string; resolve: () => void }[] = [];
  let partial = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout!.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(line) as Record<string, unknown>;
      } catch {
        continue; // not one of the logger's lines (a runtime warning, say)
      }
      records.push(record);
      for (const w of waiters.filter((w) => w.msg === record.msg)) w.resolve();
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const logged = (msg: string) =>
    records.some((r) => r.msg === msg)
      ? Promise.resolve()
      : new Promise<void>((resolve, reject) => {
          waiters.push({ msg, resolve });
          void exited.then(() => reject(new Error(`exited before logging "${msg}"; stderr: ${stderr}`)));
        });
  return { child, records, exited, logged };
}

describe('graceful shutdown of a real process', () => {
  jest.setTimeout(30_000);
  let app: RunningApp | undefined;
  afterEach(() => {
    if (app && app.child.exitCode === null && app.child.signalCode === null) app.child.kill('SIGKILL');
    app = undefined;
  });

  it('on SIGTERM closes the modules and exits with code 0', async () => {
    app = await startApp({});
    await app.logged('listening');

    app.child.kill('SIGTERM');

    expect(await app.exited).toEqual({ code: 0, signal: null });
    const messages = app.records.map((r) => r.msg);
    expect(messages).toEqual(expect.arrayContaining(['shutting down', 'store closing', 'store closed']));
    expect(messages.indexOf('shutting down')).toBeLessThan(messages.indexOf('store closed'));
  });

  it('exits with code 1 when closing takes longer than SHUTDOWN_TIMEOUT_MS', async () => {
    app = await startApp({ HANG_ON_CLOSE: '1', SHUTDOWN_TIMEOUT_MS: '300' });
    await app.logged('listening');

    app.child.kill('SIGTERM');

    expect(await app.exited).toEqual({ code: 1, signal: null });
    expect(app.records).toContainEqual(
      expect.objectContaining({
        level: 'error',
        msg: 'shutdown did not finish within SHUTDOWN_TIMEOUT_MS; exiting',
        timeoutMs: 300,
      }),
    );
    expect(app.records.map((r) => r.msg)).not.toContain('store closed');
  });

  it('exits at once with code 1 on a second signal', async () => {
    app = await startApp({ HANG_ON_CLOSE: '1', SHUTDOWN_TIMEOUT_MS: '600000' });
    await app.logged('listening');

    app.child.kill('SIGTERM');
    await app.logged('store closing');
    app.child.kill('SIGINT');

    expect(await app.exited).toEqual({ code: 1, signal: null });
    expect(app.records).toContainEqual(
      expect.objectContaining({ msg: 'second signal during shutdown; exiting now', signal: 'SIGINT' }),
    );
  });
});
