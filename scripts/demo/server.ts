// Starts the service as `npm start` does (src/server.ts: config from the
// environment, embedded PostgreSQL of DATA_DIR unless DATABASE_URL, jobs,
// dashboard), run from source, and waits for its "listening" log line. Its
// JSON log is kept out of the demo's output, except warnings and errors.
import { spawn, type ChildProcess } from 'node:child_process';
import { ROOT } from './web-build.js';

export interface Service {
  readonly child: ChildProcess;
  readonly address: string;
  readonly exited: Promise<number | null>;
}

export function startService(env: NodeJS.ProcessEnv, onLine: (line: string) => void): Promise<Service> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: { ...env, LOG_LEVEL: env.LOG_LEVEL ?? 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: Ctrl-C reaches the demo, which stops the service once, in order.
    detached: true,
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
  const recent: string[] = [];
  child.stderr!.on('data', (c: Buffer) => onLine(c.toString().trimEnd()));
  return new Promise((resolve, reject) => {
    let buffer = '';
    let ready = false;
    child.stdout!.on('data', (c: Buffer) => {
      buffer += c.toString();
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        recent.push(line);
        if (recent.length > 30) recent.shift();
        let entry: { level?: number; msg?: string; address?: string } = {};
        try {
          entry = JSON.parse(line) as typeof entry;
        } catch {
          onLine(line);
          continue;
        }
        if ((entry.level ?? 0) >= 40) onLine(`service ${entry.level! >= 50 ? 'error' : 'warning'}: ${entry.msg ?? line}`);
        if (!ready && typeof entry.msg === 'string' && entry.msg.startsWith('replyby listening on') && entry.address) {
          ready = true;
          resolve({ child, address: entry.address, exited });
        }
      }
    });
    void exited.then((code) => {
      if (!ready) reject(new Error(`the service exited (${code}) before listening:\n${recent.join('\n')}`));
    });
  });
}
