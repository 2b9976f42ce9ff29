// Runs the real server and CLI as child processes (as `npm start` and
// `npm run cli` do), synchronising on their log lines, never on sleeps.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly address: string;
  readonly lines: Record<string, unknown>[];
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      buffer += c.toString();
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        try {
          const entry = JSON.parse(line) as Record<string, unknown>;
          lines.push(entry);
          if (typeof entry.msg === 'string' && entry.msg.startsWith('replyby listening on')) {
            resolve({
              child,
              address: entry.address as string,
              lines,
              stop: (signal = 'SIGTERM') => {
                child.kill(signal);
                return exited;
              },
            });
          }
        } catch {
          /* not a log line */
        }
      }
    });
    void exited.then((code) => reject(new Error(`server exited (${code}) before listening:\n${lines.map((l) => JSON.stringify(l)).join('\n')}\n${stderr}`)));
  });
}

export function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdin.end();
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}
