// Builds the dashboard (web/ → dist/web/ with Vite) when the build is missing
// or older than any file of web/, so that `npm run demo` and the browser
// tests serve the current dashboard without the full `npm run build`.
// `npm test` builds it before the tests start (build:web), so test files
// running side by side never build it at the same time.
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const WEB_ROOT = path.join(ROOT, 'dist', 'web');

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? await newestMtime(p) : (await stat(p)).mtimeMs);
  }
  return newest;
}

/** Builds when stale; says whether it built. */
export async function ensureWebBuild(): Promise<boolean> {
  const built = await stat(path.join(WEB_ROOT, 'index.html')).then((s) => s.mtimeMs, () => 0);
  if (built > (await newestMtime(path.join(ROOT, 'web')))) return false;
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const child = spawn(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`building the dashboard failed (vite exited with ${code})`);
  return true;
}
