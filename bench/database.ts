// One fresh embedded PostgreSQL for the whole bench run, migrated.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { kyselyOver, migrate, poolOptions, startEmbeddedPostgres } from '../src/db/index.js';

export async function benchDatabase(): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'replyby-bench-'));
  const db = await startEmbeddedPostgres(dir, () => undefined);
  const pool = new pg.Pool(poolOptions(db.url));
  await migrate(kyselyOver(pool));
  await pool.end();
  return {
    url: db.url,
    stop: async () => {
      await db.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
