// Command line for operators: tokens, migrations, request signing, audit
// verification, the retention purge, notices the receiver does not take.
// It reaches the same database as the server with the same environment:
// DATABASE_URL, or the embedded PostgreSQL of DATA_DIR (reused when the
// server is running, started for the duration of the command otherwise).
import { readFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import pg from 'pg';
import type { Kysely } from 'kysely';
import { storedMarkets } from './cases/index.js';
import { loadConfig } from './config.js';
import { kyselyOver, migrate, poolOptions, resolveDatabase, type Database, type Role } from './db/index.js';
import { signatureHeader } from './domain/signature.js';
import { chainAudit, verifyAudit } from './jobs/audit-chain.js';
import { discardNotice, NoticeNotPending, pendingNotices, retryAllNotices, retryNotice } from './jobs/outbox-admin.js';
import { purgeExpiredBodies } from './jobs/retention.js';
import { MarketRegistry } from './plugins/markets.js';
import { webhookSecrets } from './secrets.js';
import { AmbiguousTokenName, createToken, listTokens, revokeToken, ROLES } from './tokens/index.js';

const USAGE = `usage: npm run --silent cli -- <command>
  token create --role admin|compliance|seller|integration [--seller <id>] --name <label> [--expires-in <days>d]
                                                                                prints the new token (shown once); it expires after that many days, if given
  token list                                                                    lists tokens (never their values)
  token revoke <id|name>                                                        revokes a token (by id when several share the name)
  migrate                                                                       applies pending migrations
  audit verify [--head <seq>:<hash>]                                            links pending audit rows, then checks the whole hash chain (exit 1 names the first broken row);
                                                                                with --head, a head printed earlier must still be in the chain (a cut tail shows)
  retention run                                                                 purges message bodies older than each market's retentionDays now
  sign [--file <body.json>] [--t <unix seconds>]                                prints an X-Helpdesk-Signature for a body (stdin by default)
  outbox list [--failing] [--limit <n>]                                         lists undelivered notices, oldest first (and what each waits for)
  outbox retry <id> | --all                                                     makes a notice (with its case's later ones), or every one, due now
  outbox discard <id> --reason <text>                                           gives a notice up for good (kept and audited); its case's later notices go`;

class UsageError extends Error {}

/** node:util's parseArgs, its refusals (an unknown option, a missing value) told as the usage mistakes they are. */
function args<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

async function withDatabase<T>(fn: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await resolveDatabase(config.databaseUrl, config.dataDir, () => undefined);
  const pool = new pg.Pool(poolOptions(database.url));
  // A connection the server ends (the database stopped, the backend terminated) fails the command's query, which
  // main reports; its 'error' event must not crash the process with a stack trace on top.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  try {
    const db = kyselyOver(pool);
    await migrate(db);
    return await fn(db);
  } finally {
    await pool.end();
    await database.stop();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(argv: string[]): Promise<void> {
  const [cmd, sub, ...rest] = argv;
  if (cmd === '--help' || cmd === '-h' || cmd === 'help') {
    // Asked for, the usage is the answer: on stdout, exit 0 (a mistake prints it on stderr with exit 2).
    process.stdout.write(`${USAGE}\n`);
  } else if (cmd === 'token' && sub === 'create') {
    const { values } = args({ args: rest, options: { role: { type: 'string' }, seller: { type: 'string' }, name: { type: 'string' }, 'expires-in': { type: 'string' } } });
    if (!values.role || !ROLES.includes(values.role as Role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
    if (!values.name?.trim()) throw new UsageError('--name <label> is required');
    if (values.seller !== undefined && !values.seller.trim()) throw new UsageError('--seller <id> must not be blank');
    if ((values.role === 'seller') !== Boolean(values.seller)) throw new UsageError('a seller token needs --seller <id>, and only a seller token takes one');
    const days = values['expires-in'] === undefined ? null : /^([1-9]\d{0,3})d$/.exec(values['expires-in']);
    if (values['expires-in'] !== undefined && !days) throw new UsageError('--expires-in must be a number of days from 1 to 9999, written like 90d');
    const expiresAt = days ? new Date(Date.now() + Number(days[1]) * 86_400_000) : null;
    const { token } = await withDatabase((db) => createToken(db, { role: values.role as Role, sellerId: values.seller ?? null, name: values.name!, expiresAt }));
    process.stdout.write(`${token}\n`);
  } else if (cmd === 'token' && sub === 'list') {
    const rows = await withDatabase(listTokens);
    for (const r of rows) {
      const expired = r.expires_at !== null && r.expires_at.getTime() <= Date.now();
      const state = r.revoked_at ? `revoked ${r.revoked_at.toISOString()}` : expired ? `expired ${r.expires_at!.toISOString()}` : 'active';
      const expires = state === 'active' && r.expires_at ? [`expires ${r.expires_at.toISOString()}`] : [];
      const used = r.last_used_at ? `last used ${r.last_used_at.toISOString()}` : 'never used';
      process.stdout.write([r.id, r.name, r.role, r.seller_id ?? '-', r.created_at.toISOString(), state, used, ...expires].join('\t') + '\n');
    }
  } else if (cmd === 'token' && sub === 'revoke') {
    if (!rest[0]) throw new UsageError('token revoke <id|name>');
    const n = await withDatabase((db) => revokeToken(db, rest[0]!)).catch((err: Error) => {
      throw err instanceof AmbiguousTokenName ? new UsageError(err.message) : err;
    });
    if (n === 0) throw new UsageError(`no active token with id or name ${rest[0]}`);
    process.stdout.write(`revoked ${n} token(s)\n`);
  } else if (cmd === 'audit' && sub === 'verify') {
    const { values } = args({ args: rest, options: { head: { type: 'string' } } });
    // A head printed by an earlier verify and kept outside the database: the only way to see rows cut from the end.
    const recorded = values.head === undefined ? null : /^([1-9]\d{0,15}):([0-9a-f]{64})$/i.exec(values.head);
    if (values.head !== undefined && !recorded) throw new UsageError('--head must be <seq>:<hash> as audit verify prints them (head seq 42 hash 3f…: 42:3f…)');
    const head = recorded ? { seq: Number(recorded[1]), hash: recorded[2]!.toLowerCase() } : null;
    // Pending rows are linked first (what the running service's chainer does within seconds), so that
    // rows written by this CLI or while no server ran are verified too; rows committed meanwhile are reported apart.
    let linkFailure: string | null = null;
    const v = await withDatabase(async (db) => {
      // A chain broken behind the triggers can stop the linking; the walk below still names the row.
      await chainAudit(db).catch((err: Error) => (linkFailure = err.message));
      return verifyAudit(db, undefined, head?.seq ?? null);
    });
    const pending = v.unchained.count > 0 ? `; ${v.unchained.count} newer row(s) not chained yet (from id ${v.unchained.oldestId}), not checked` : '';
    const headGone = head !== null && !v.broken && v.atRecordedSeq?.toString('hex') !== head.hash;
    if (headGone) {
      const found = v.atRecordedSeq ? `seq ${head.seq} has hash ${v.atRecordedSeq.toString('hex')}` : `the chain ends at seq ${v.intact}`;
      process.stdout.write(`broken: the recorded head seq ${head.seq} is not in the chain (${found}): rows were cut from its end or rewritten; ${v.intact} row(s) chain intact${pending}\n`);
      process.exitCode = 1;
    } else if (v.broken) {
      process.stdout.write(`broken: audit row id ${v.broken.id} (seq ${v.broken.seq}): ${v.broken.reason}; ${v.intact} row(s) before it are intact${pending}\n`);
      process.exitCode = 1;
    } else if (linkFailure) {
      process.stdout.write(`not linked: ${linkFailure}; ${v.intact} chained row(s) are intact${pending}\n`);
      process.exitCode = 1;
    } else {
      const kept = head ? `; the recorded head seq ${head.seq} is in the chain` : '';
      process.stdout.write(`ok: ${v.intact} rows, head seq ${v.head.seq} hash ${v.head.hash.toString('hex')}${kept}${pending}\n`);
    }
  } else if (cmd === 'retention' && sub === 'run') {
    const config = loadConfig();
    const markets = await MarketRegistry.load(config.calendarsDir);
    const { r, skipped } = await withDatabase(async (db) => ({
      r: await purgeExpiredBodies(db, markets.all(), Date.now()),
      skipped: (await storedMarkets(db)).filter((code) => !markets.get(code)),
    }));
    const perMarket = Object.entries(r.purged).map(([m, n]) => `${m} ${n}`).join(', ');
    process.stdout.write(`purged ${r.total} message bodies${perMarket ? ` (${perMarket})` : ''}\n`);
    // Without its file a market has no retentionDays: say so, rather than let "purged 0" read as nothing being due.
    if (skipped.length > 0) process.stderr.write(`skipped markets without a market file in ${config.calendarsDir}: ${skipped.join(', ')} (their message texts are kept)\n`);
  } else if (cmd === 'outbox') {
    await outbox(sub, rest);
  } else if (cmd === 'migrate') {
    await withDatabase(async () => undefined);
    process.stdout.write('migrations applied\n');
  } else if (cmd === 'sign') {
    const { values } = args({ args: [sub, ...rest].filter((x): x is string => x !== undefined), options: { file: { type: 'string' }, t: { type: 'string' } } });
    if (values.t !== undefined && !/^\d{1,12}$/.test(values.t)) throw new UsageError('--t must be unix seconds (digits only)');
    const body = values.file ? await readFile(values.file, 'utf8') : await readStdin();
    const config = loadConfig();
    const { secrets } = await webhookSecrets(config.webhookSecrets, config.dataDir);
    process.stdout.write(`${signatureHeader(secrets[0]!, values.t !== undefined ? Number(values.t) : Math.floor(Date.now() / 1000), body)}\n`);
  } else {
    throw new UsageError(USAGE);
  }
}

/** The outbox's operator commands (jobs/outbox-admin.ts); audited as actor `cli`. */
async function outbox(sub: string | undefined, rest: string[]): Promise<void> {
  const { values, positionals } = args({
    args: rest,
    allowPositionals: true,
    options: { failing: { type: 'boolean' }, limit: { type: 'string' }, all: { type: 'boolean' }, reason: { type: 'string' } },
  });
  const id = (): number => {
    if (positionals.length !== 1 || !/^[1-9]\d{0,15}$/.test(positionals[0]!)) throw new UsageError(`outbox ${sub} <id>: the notice's id, as outbox list prints it`);
    return Number(positionals[0]);
  };
  const notPending = (err: Error) => {
    throw err instanceof NoticeNotPending ? new UsageError(err.message) : err;
  };
  if (sub === 'list') {
    if (values.limit !== undefined && !/^[1-9]\d{0,5}$/.test(values.limit)) throw new UsageError('--limit must be a whole number from 1');
    const rows = await withDatabase((db) => pendingNotices(db, { failing: values.failing === true, limit: values.limit === undefined ? 100 : Number(values.limit) }));
    for (const r of rows) {
      const waits = r.waitsFor === null ? '-' : `waits for ${r.waitsFor}`;
      const fields = [r.id, r.kind, r.caseId ?? '-', `attempts ${r.attempts}`, `next ${r.nextAttemptAt.toISOString()}`, waits, r.lastError ?? '-'];
      process.stdout.write(`${fields.join('\t')}\n`);
    }
    if (rows.length === 0) process.stdout.write('no undelivered notices\n');
  } else if (sub === 'retry') {
    if (values.all === true && positionals.length > 0) throw new UsageError('outbox retry: an id or --all, not both');
    const { due } = await withDatabase((db) => (values.all === true ? retryAllNotices(db, 'cli', Date.now()) : retryNotice(db, id(), 'cli', Date.now()))).catch(notPending);
    process.stdout.write(`${due} notice(s) due now\n`);
  } else if (sub === 'discard') {
    const notice = id();
    if (values.reason === undefined || values.reason.trim() === '') throw new UsageError('outbox discard <id> --reason <text>: say why it is given up (it is audited)');
    const { released } = await withDatabase((db) => discardNotice(db, notice, values.reason!, 'cli', Date.now())).catch(notPending);
    process.stdout.write(`discarded ${notice}; ${released} later notice(s) of its case due now\n`);
  } else {
    throw new UsageError(USAGE);
  }
}

main(process.argv.slice(2)).catch((err) => {
  process.stderr.write(`${err instanceof UsageError ? err.message : `error: ${(err as Error).message}`}\n`);
  process.exitCode = err instanceof UsageError ? 2 : 1;
});
