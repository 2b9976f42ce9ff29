// `npm test`: one embedded PostgreSQL for the whole run (or TEST_DATABASE_URL),
// then tap. Each test file makes its own database from a migrated template.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../src/db/index.js';

const external = process.env.TEST_DATABASE_URL;
const dataDir = external ? null : await mkdtemp(path.join(tmpdir(), 'replyby-test-'));
const db = external ? { url: external, stop: async () => undefined } : await startEmbeddedPostgres(dataDir!, () => undefined);

const args = process.argv.slice(2);
const child = spawn(process.execPath, [path.resolve('node_modules/tap/dist/esm/run.mjs'), ...(args.length ? args : [])], {
  stdio: 'inherit',
  env: { ...process.env, TEST_DATABASE_URL: db.url },
});
const code: number = await new Promise((resolve) => child.on('exit', (c, sig) => resolve(c ?? (sig ? 1 : 0))));
await db.stop();
if (dataDir) await rm(dataDir, { recursive: true, force: true });
process.exit(code);
