// Child processes for the bench: the replyby server (compiled, as `npm start`
// runs it) and the baseline, each on its own port, against one PostgreSQL.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * A module of the service as `npm start` runs it: compiled (dist/), or the
 * sources through tsx when the build failed. The TypeScript loader keeps
 * function names with a wrapper on every closure it creates (a few per cent
 * of the message checks, more in the sweep's fold).
 */
export async function serviceModule<T>(compiled: boolean, distFile: string, source: () => Promise<T>): Promise<T> {
  return compiled ? ((await import(pathToFileURL(path.join(ROOT, 'dist', distFile)).href)) as T) : source();
}

export interface Child {
  readonly url: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function waitReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`bench server exited:\n${output()}`);
    const ok = await fetch(url).then(
      (r) => r.status < 500,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`bench server did not become ready:\n${output()}`);
}

export async function startChild(args: string[], env: Record<string, string>, readyPath: string): Promise<Child> {
  const port = await freePort();
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, PORT: String(port), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out = (out + c.toString()).slice(-4000)));
  child.stderr!.on('data', (c: Buffer) => (out = (out + c.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  await waitReady(`${url}${readyPath}`, child, () => out);
  return {
    url,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export const startReplyby = (databaseUrl: string, secret: string, extra: Record<string, string> = {}, compiled = true) =>
  startChild(compiled ? ['dist/server.js'] : ['--import', 'tsx', 'src/server.ts'], { DATABASE_URL: databaseUrl, WEBHOOK_SECRET: secret, LOG_LEVEL: 'warn', ...extra }, '/readyz');

export const startBaseline = (databaseUrl: string) => startChild(['--import', 'tsx', 'bench/baseline-server.ts'], { DATABASE_URL: databaseUrl }, '/healthz');
