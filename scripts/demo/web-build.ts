// Builds the dashboard (web/ → dist/web/ with Vite) when the build is missing
// or older than any file of web/, so that `npm run demo` and the browser
// tests serve the current dashboard without the full `npm run build`.
// Builders take a lock file (dist/.web-build.lock), so two test files or a
// test and the demo never write dist/web at the same time; `npm test` builds
// it before any test starts (build:web).
import { spawn } from 'node:child_process';
import { existsSync, watch } from 'node:fs';
import { mkdir, open, readdir, rm, stat } from 'node:fs/promises';
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

const LOCK = path.join(ROOT, 'dist', '.web-build.lock');
const STALE_LOCK_MS = 120_000;

/** Resolves when the lock file is gone (or after STALE_LOCK_MS, to look again). */
function released(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      watcher.close();
      clearTimeout(timer);
      resolve();
    };
    const watcher = watch(path.dirname(LOCK), () => !existsSync(LOCK) && done());
    const timer = setTimeout(done, STALE_LOCK_MS);
    if (!existsSync(LOCK)) done();
  });
}

async function lock(): Promise<() => Promise<void>> {
  await mkdir(path.dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      await (await open(LOCK, 'wx')).close();
      return () => rm(LOCK, { force: true });
    } catch (err) {
      if ((err as { code?: string }).code !== 'EEXIST') throw err;
      // A builder that died leaves its lock behind: an old one is taken over.
      const age = Date.now() - (await stat(LOCK).then((s) => s.mtimeMs, () => Date.now()));
      if (age > STALE_LOCK_MS) await rm(LOCK, { force: true });
      else await released();
    }
  }
}

const isStale = async () => (await stat(path.join(WEB_ROOT, 'index.html')).then((s) => s.mtimeMs, () => 0)) <= (await newestMtime(path.join(ROOT, 'web')));

/** Builds when stale; says whether it built. */
export async function ensureWebBuild(): Promise<boolean> {
  if (!(await isStale())) return false;
  const unlock = await lock();
  try {
    if (!(await isStale())) return false; // another process built it while we waited
    await build();
    return true;
  } finally {
    await unlock();
  }
}

async function build(): Promise<void> {
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const child = spawn(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`building the dashboard failed (vite exited with ${code})`);
}
