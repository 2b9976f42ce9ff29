// A fresh, migrated database per test file, copied from a template that the
// first test to need it migrates (under an advisory lock).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { kyselyOver, migrate, poolOptions } from '../../src/db/index.js';

const TEMPLATE = 'replyby_template';

export function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests with `npm test`');
  return url;
}

const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

async function adminQuery<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: withDatabase(serverUrl(), 'postgres') });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function ensureTemplate(): Promise<void> {
  await adminQuery(async (c) => {
    await c.query('SELECT pg_advisory_lock(4242)');
    try {
      const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [TEMPLATE]);
      if (rowCount) return;
      await c.query(`CREATE DATABASE ${TEMPLATE}_building`);
      const pool = new pg.Pool(poolOptions(withDatabase(serverUrl(), `${TEMPLATE}_building`)));
      try {
        await migrate(kyselyOver(pool));
      } finally {
        await pool.end();
      }
      await c.query(`ALTER DATABASE ${TEMPLATE}_building RENAME TO ${TEMPLATE}`);
    } finally {
      await c.query('SELECT pg_advisory_unlock(4242)');
    }
  });
}

/** Creates an empty migrated database and returns its URL; drop() removes it. */
export async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  await ensureTemplate();
  const name = `t_${randomBytes(6).toString('hex')}`;
  await adminQuery((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`));
  return {
    url: withDatabase(serverUrl(), name),
    drop: () => adminQuery((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
