// Pipelined transactions (src/db/pipelined.ts): BEGIN with the first
// statements in one write, the last statements with COMMIT in another, or a
// whole transaction in one write closed by one Sync.
// All or nothing must hold however a statement fails, and a connection must
// come back to the pool clean.
import t from 'tap';
import { CompiledQuery } from 'kysely';
import pg from 'pg';
import { PipelinedPool } from '../../src/db/index.js';
import { freshDatabase } from '../helpers/db.js';

const q = (sql: string, parameters: unknown[] = []) => CompiledQuery.raw(sql, parameters);

t.test('pipelined transactions', async (t) => {
  const db = await freshDatabase();
  const pool = new PipelinedPool(db.url, 1); // one connection: every test below reuses it
  const plain = new pg.Client({ connectionString: db.url });
  await plain.connect();
  t.teardown(async () => {
    await pool.end();
    await plain.end();
    await db.drop();
  });
  await plain.query('CREATE TABLE pt (id int PRIMARY KEY, v text NOT NULL)');
  const ids = async () => (await plain.query('SELECT id FROM pt ORDER BY id')).rows.map((r) => r.id);

  t.test('when begin and commit succeed, then every statement is committed and each answers its rows', async (t) => {
    const rows = await pool.transaction(async (tx) => {
      const [inserted] = await tx.begin(q('INSERT INTO pt VALUES ($1, $2) RETURNING id', [1, 'a']));
      const [more] = await tx.commit(q('INSERT INTO pt VALUES ($1, $2) RETURNING id', [2, 'b']));
      return [inserted, more];
    });
    t.same(rows, [[{ id: 1 }], [{ id: 2 }]]);
    t.same(await ids(), [1, 2]);
  });

  t.test('when a statement sent with BEGIN fails, then nothing is stored, the first failure is thrown, and the connection is clean', async (t) => {
    await t.rejects(
      pool.transaction(async (tx) => {
        await tx.begin(q('INSERT INTO pt VALUES ($1, $2)', [3, 'c']), q('INSERT INTO pt VALUES ($1, $2)', [1, 'duplicate']), q('INSERT INTO pt VALUES ($1, $2)', [4, 'd']));
        return tx.commit();
      }),
      { code: '23505' },
    );
    t.same(await ids(), [1, 2]);
    const status = await pool.transaction(async (tx) => tx.commit(q('SELECT count(*)::int AS n FROM pt WHERE id > $1', [0])));
    t.same(status, [[{ n: 2 }]], 'the next transaction runs normally on the same connection');
  });

  t.test('when the statement sent with COMMIT fails, then the COMMIT does not commit and the failure is thrown', async (t) => {
    await t.rejects(
      pool.transaction(async (tx) => {
        await tx.begin(q('INSERT INTO pt VALUES ($1, $2)', [5, 'e']));
        return tx.commit(q('INSERT INTO pt VALUES ($1, $2)', [2, 'duplicate']));
      }),
      { code: '23505' },
    );
    t.same(await ids(), [1, 2], 'the first insert was rolled back with the failed one');
  });

  t.test('when the caller throws between begin and commit, then the transaction is rolled back and its error rethrown', async (t) => {
    await t.rejects(
      pool.transaction(async (tx) => {
        await tx.begin(q('INSERT INTO pt VALUES ($1, $2)', [6, 'f']));
        throw new Error('conflict found by the caller');
      }),
      /conflict found by the caller/,
    );
    t.same(await ids(), [1, 2]);
  });

  t.test('when the caller returns without committing, then the transaction is rolled back', async (t) => {
    await pool.transaction(async (tx) => {
      await tx.begin(q('INSERT INTO pt VALUES ($1, $2)', [7, 'g']));
    });
    t.same(await ids(), [1, 2]);
  });

  t.test('when once() succeeds, then every statement is committed and each answers its rows in order, parsed as the service reads them', async (t) => {
    const rows = await pool.transaction(async (tx) =>
      tx.once(
        q('INSERT INTO pt VALUES ($1, $2) RETURNING id', [20, 'once']),
        q('SELECT 9007199254740991::int8 AS big, $1::jsonb AS doc', [JSON.stringify({ a: [1, 'x'] })]),
        q('INSERT INTO pt VALUES ($1, $2), ($3, $4) RETURNING v', [21, 'p', 22, 'q']),
      ),
    );
    t.same(rows, [[{ id: 20 }], [{ big: 9007199254740991, doc: { a: [1, 'x'] } }], [{ v: 'p' }, { v: 'q' }]]);
    t.same((await ids()).slice(-3), [20, 21, 22]);
  });

  t.test('when a statement of once() fails, then nothing of it is stored, the first failure is thrown, and the connection is clean', async (t) => {
    const before = await ids();
    await t.rejects(
      pool.transaction(async (tx) =>
        tx.once(q('INSERT INTO pt VALUES ($1, $2)', [30, 'r']), q('INSERT INTO pt VALUES ($1, $2)', [20, 'duplicate']), q('INSERT INTO pt VALUES ($1, $2)', [31, 's'])),
      ),
      { code: '23505' },
    );
    t.same(await ids(), before);
    const after = await pool.transaction(async (tx) => tx.once(q('SELECT count(*)::int AS n FROM pt WHERE id >= $1', [30])));
    t.same(after, [[{ n: 0 }]], 'the next transaction runs on the same connection, outside any aborted transaction');
  });

  t.test('when a statement new to the connection fails as it runs, then the same text runs later without being prepared again', async (t) => {
    const text = 'INSERT INTO pt (id, v) SELECT $1::int, $2::text RETURNING id';
    await t.rejects(pool.transaction(async (tx) => tx.once(q(text, [20, 'duplicate']))), { code: '23505' });
    t.same(await pool.transaction(async (tx) => tx.once(q(text, [40, 't']))), [[{ id: 40 }]]);
  });

  t.test('when a statement cannot be prepared, then its error is thrown, and statements prepared beside it work on the next transaction', async (t) => {
    const good = 'SELECT $1::int + 1 AS n';
    await t.rejects(pool.transaction(async (tx) => tx.once(q(good, [1]), q('SELEC $1::int', [1]))), { code: '42601' });
    // Had the connection been kept, the good statement (prepared, but not recorded as such) would be prepared again: 42P05.
    t.same(await pool.transaction(async (tx) => tx.once(q(good, [41]))), [[{ n: 42 }]]);
  });

  t.test('when one statement text is sent again, then it is reused as a prepared statement; another text with other parameters works beside it', async (t) => {
    for (let i = 10; i < 15; i++) {
      await pool.transaction(async (tx) => tx.commit(q('INSERT INTO pt VALUES ($1, $2)', [i, 'same text']), q('INSERT INTO pt (v, id) VALUES ($1, $2)', ['other text', i + 100])));
    }
    t.equal((await ids()).filter((id) => (id >= 10 && id < 15) || (id >= 110 && id < 115)).length, 10);
    const prepared = await pool.transaction(async (tx) => tx.commit(q('SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name LIKE $1', ['rb\\_%'])));
    t.ok((prepared[0] as { n: number }[])[0]!.n >= 2, 'named statements are kept on the connection');
  });
});
