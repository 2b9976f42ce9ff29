// The bench's WAL figures (bench/wal.ts): the sum of pg_walinspect's rows,
// and a meter that counts what a known statement writes, on a real PostgreSQL.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import t from 'tap';
import { addWal, perUnit, walCount, WalMeter } from '../../bench/wal.js';
import { startEmbeddedPostgres } from '../../src/db/index.js';

t.test('walCount sums the records, counts leaf and posting-list inserts and splits as index entries, and the bytes of full-page images', async (t) => {
  const w = walCount(
    [
      { type: 'Heap/INSERT', count: 10, fpiSize: 2000 },
      { type: 'Btree/INSERT_LEAF', count: 25, fpiSize: 1000 },
      { type: 'Btree/INSERT_POST', count: 5, fpiSize: 0 },
      { type: 'Btree/SPLIT_R', count: 1, fpiSize: 0 },
      { type: 'Btree/INSERT_UPPER', count: 1, fpiSize: 0 },
      { type: 'Transaction/COMMIT', count: 1, fpiSize: 0 },
    ],
    4096,
  );
  t.same(w, { records: 43, indexEntries: 31, bytes: 4096, fullPageBytes: 3000 });
  t.same(addWal(w, w), { records: 86, indexEntries: 62, bytes: 8192, fullPageBytes: 6000 });
  const p = perUnit(w, 10);
  t.equal(p.records, 4.3);
  t.equal(p.unit, 'records / 3.1 index entries / 410 bytes (300 in full-page images)');
  t.equal(perUnit(w, 0).records, 43, 'no units: per one, not a division by zero');
});

t.test('the meter counts what an insert into an indexed table wrote', async (t) => {
  // A cluster of its own: WAL is the whole cluster's, and other test files write to theirs meanwhile.
  const dir = await mkdtemp(path.join(tmpdir(), 'replyby-wal-test-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const db = await startEmbeddedPostgres(dir, () => undefined);
  t.teardown(() => db.stop());
  const meter = await WalMeter.open(db.url);
  if (!meter) return t.fail('pg_walinspect is available on the embedded PostgreSQL');
  t.teardown(() => meter.end());
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  t.teardown(() => client.end());
  // no autovacuum: an ANALYZE of it would write statistics (and their index entries) meanwhile
  await client.query('CREATE TABLE wal_probe (id int PRIMARY KEY, v text) WITH (autovacuum_enabled = false)');
  await client.query('CREATE INDEX wal_probe_v ON wal_probe (v)');
  const from = await meter.position();
  await client.query(`INSERT INTO wal_probe SELECT i, 'v' || i FROM generate_series(1, 500) i`);
  const counted = await meter.since(from);
  if (!counted) return t.fail('the WAL just written can be read back');
  const wal = counted;
  // 500 heap rows and two index entries a row (internal pages' splits, a handful at most, count too)
  t.ok(wal.indexEntries >= 1000 && wal.indexEntries <= 1010, `two index entries a row (${wal.indexEntries})`);
  t.ok(wal.records >= wal.indexEntries + 1, `the heap inserts and the commit as well (${wal.records} records)`);
  t.ok(wal.bytes > 500 * 2 * 16, `bytes counted (${wal.bytes})`);
  const idle = await meter.since(await meter.position());
  t.equal(idle?.indexEntries, 0, 'nothing written, nothing counted');
});
