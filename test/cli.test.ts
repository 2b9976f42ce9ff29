// The operators' command line (src/cli.ts): how it answers when asked for help
// or given arguments it does not take, before any database is reached.
import t from 'tap';
import { runCli } from './helpers/process.js';

t.test('asked for help (--help, -h, help), the CLI prints its usage on stdout and exits 0', async (t) => {
  for (const args of [['--help'], ['-h'], ['help']]) {
    const r = await runCli(args, {});
    t.equal(r.code, 0, `${args.join(' ')}: exit 0`);
    t.match(r.stdout, /^usage: npm run --silent cli -- <command>\n/, `${args.join(' ')}: the usage on stdout`);
    for (const command of ['token create', 'token list', 'token revoke', 'migrate', 'audit verify', 'retention run', 'sign', 'outbox list']) t.match(r.stdout, `\n  ${command}`);
    t.equal(r.stderr, '', 'nothing on stderr');
  }
});

t.test('with no command or an unknown one, the usage goes to stderr with exit 2', async (t) => {
  for (const args of [[], ['bogus'], ['token']]) {
    const r = await runCli(args, {});
    t.equal(r.code, 2, JSON.stringify(args));
    t.match(r.stderr, /^usage: /);
    t.equal(r.stdout, '');
  }
});

t.test('an option a command does not take, or one without its value, is a usage error (exit 2) like every other, before any database is reached', async (t) => {
  const env = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }; // unreachable: the arguments are refused first
  for (const args of [
    ['token', 'create', '--role', 'admin', '--name', 'x', '--sellers', 's1'],
    ['token', 'create', '--role', 'admin', '--name'],
    ['sign', '--file'],
    ['sign', '--key', 'k'],
  ]) {
    const r = await runCli(args, env);
    t.equal(r.code, 2, args.join(' '));
    t.notMatch(r.stderr, /^error: /, 'told as a usage mistake, not a failure');
    t.match(r.stderr, /option|argument/i);
    t.equal(r.stdout, '');
  }
});

t.test('token create with a blank --name or --seller is a usage error (exit 2) before any database is reached, not a failed operation', async (t) => {
  const env = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' };
  for (const args of [
    ['token', 'create', '--role', 'admin', '--name', '   '],
    ['token', 'create', '--role', 'seller', '--seller', ' ', '--name', 'shop'],
  ]) {
    const r = await runCli(args, env);
    t.equal(r.code, 2, args.join(' '));
    t.notMatch(r.stderr, /^error: /, 'told as a usage mistake');
    t.equal(r.stdout, '');
  }
});
