// As root, the embedded PostgreSQL runs as the user postgres (issue 3.1): it
// must reach the data directory and its own binaries. A directory of mode
// 0700 on the way stops the start with a message naming it and the remedies,
// not initdb's bare "Permission denied".
import { mkdtemp, mkdir, chmod, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import t from 'tap';
import { assertReachableByPostgres, unreachableDirectory } from '../../src/db/index.js';

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
  await chmod(home, 0o711);
  t.equal(unreachableDirectory(data, OTHER.uid, OTHER.gid), null, 'search permission (x) is enough; nothing needs to be listable');
});

t.test('when the data directory sits under a 0700 directory, then the start is refused with a message that names it and what to do', async (t) => {
  const home = await mkdtemp(path.join(tmpdir(), 'replyby-home-'));
  t.teardown(() => rm(home, { recursive: true, force: true }));
  const data = path.join(home, '.data');
  await mkdir(data, { recursive: true });
  await chmod(home, 0o700);
  t.throws(() => assertReachableByPostgres(data, OTHER), new RegExp(`cannot reach the data directory \\(${data.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\): ${home.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} has mode 0700. Either set DATA_DIR`));
  await chmod(home, 0o755);
  t.doesNotThrow(() => assertReachableByPostgres(data, OTHER), 'a reachable data directory and binaries pass');
});
