// A notice the receiver rejects for good holds back its case's later notices
// (they are delivered in order). The outbox never drops it by itself; an
// operator lists it, retries it now once the receiver is mended, or discards
// it with a reason, which is audited and lets the case's later notices go.
import t from 'tap';
import { backoffMs } from '../../src/jobs/outbox.js';
import { discardNotice, pendingNotices, retryAllNotices, retryNotice } from '../../src/jobs/outbox-admin.js';
import { build, type TestApp } from '../helpers/app.js';
import { buyerSays, sellerSays } from '../helpers/events.js';
import { runCli } from '../helpers/process.js';
import { receiver } from '../helpers/receiver.js';

const notPending = { name: 'NoticeNotPending', message: /^no undelivered notice \d+$/ };

async function drain(app: TestApp): Promise<void> {
  for (let pass = 0; pass < 20 && (await app.app.services.deliverNotifications()); pass++);
}

/** c1 is taken over on breach and its seller then answers: a takeover and its withdrawal queued, in that order. */
async function takeoverThenWithdrawal(app: TestApp) {
  await app.post(buyerSays('2026-03-16T10:00:00Z', { caseId: 'c1' }));
  await app.app.services.sweep();
  await drain(app);
  await app.post(sellerSays('2026-03-16T11:00:00Z', { caseId: 'c1' }));
  await drain(app);
  return app.app.db.selectFrom('outbox').select(['id', 'kind']).orderBy('id').execute();
}

t.test('a notice rejected for good: listed as failing, with the notice that waits for it', async (t) => {
  const hook = await receiver(t, (body) => ({ status: body.type === 'case.taken_over' ? 422 : 200 }));
  const app = await build(t, { now: '2026-03-18T12:00:00Z', takeoverWebhookUrl: hook.url });
  const [takeover, withdrawal] = await takeoverThenWithdrawal(app);
  const listed = await pendingNotices(app.app.db);
  t.match(listed, [
    { id: takeover!.id, kind: 'case.taken_over', caseId: 'c1', attempts: 1, lastError: 'HTTP 422', waitsFor: null },
    { id: withdrawal!.id, kind: 'case.takeover_withdrawn', caseId: 'c1', attempts: 0, lastError: null, waitsFor: takeover!.id },
  ]);
  t.same((await pendingNotices(app.app.db, { failing: true })).map((n) => n.id), [takeover!.id], '--failing: only the rejected one');
});

t.test('discarding it (with a reason) sends the case\'s later notices at once and audits who and why', async (t) => {
  const hook = await receiver(t, (body) => ({ status: body.type === 'case.taken_over' ? 422 : 200 }));
  const app = await build(t, { now: '2026-03-18T12:00:00Z', takeoverWebhookUrl: hook.url });
  const [takeover, withdrawal] = await takeoverThenWithdrawal(app);
  await t.rejects(discardNotice(app.app.db, takeover!.id, '  ', 'cli', app.clock.now()), { name: 'NoticeNotPending', message: /reason is required/ }, 'a reason is required');

  t.same(await discardNotice(app.app.db, takeover!.id, 'receiver rejects the payload (ticket OPS-12)', 'cli', app.clock.now()), { released: 1 });
  await drain(app);
  const types = hook.received.map((r) => (JSON.parse(r.body) as { type: string }).type);
  t.same(types, ['case.taken_over', 'case.takeover_withdrawn'], 'the withdrawal went out without waiting for the backoff; the discarded one was not sent again');
  const rows = await app.app.db.selectFrom('outbox').select(['id', 'delivered_at', 'discarded_at', 'discard_reason']).orderBy('id').execute();
  t.match(rows, [
    { id: takeover!.id, delivered_at: null, discarded_at: new Date(app.clock.now()), discard_reason: 'receiver rejects the payload (ticket OPS-12)' },
    { id: withdrawal!.id, discarded_at: null },
  ]);
  t.ok(rows[1]!.delivered_at, 'the withdrawal is delivered');
  t.same(await pendingNotices(app.app.db), [], 'nothing pending');
  const audit = await app.app.db.selectFrom('audit').select(['actor', 'subject', 'details']).where('action', '=', 'outbox.discarded').execute();
  t.match(audit, [{ actor: 'cli', subject: 'c1', details: { id: takeover!.id, kind: 'case.taken_over', attempts: 1, lastError: 'HTTP 422', reason: 'receiver rejects the payload (ticket OPS-12)' } }]);

  await t.rejects(discardNotice(app.app.db, takeover!.id, 'again', 'cli', app.clock.now()), notPending, 'a discarded notice is not discarded twice');
  await t.rejects(discardNotice(app.app.db, withdrawal!.id, 'late', 'cli', app.clock.now()), notPending, 'nor a delivered one');
  await t.rejects(retryNotice(app.app.db, takeover!.id, 'cli', app.clock.now()), notPending, 'nor retried');
});

t.test('retrying it once the receiver is mended sends it and the notices behind it now, not after the backoff', async (t) => {
  let mended = false;
  const hook = await receiver(t, () => ({ status: mended ? 200 : 503 }));
  const app = await build(t, { now: '2026-03-18T12:00:00Z', takeoverWebhookUrl: hook.url });
  const [takeover] = await takeoverThenWithdrawal(app);
  for (let attempt = 1; attempt < 8; attempt++) {
    app.clock.advance(backoffMs(attempt, () => 1));
    await drain(app);
  }
  t.equal((await pendingNotices(app.app.db))[0]!.attempts, 8, 'backing off, now by more than ten minutes');
  mended = true;
  await drain(app);
  t.equal(hook.received.length, 8, 'nothing is due yet');

  t.same(await retryNotice(app.app.db, takeover!.id, 'cli', app.clock.now()), { due: 2 }, 'the notice and the one behind it');
  await drain(app);
  t.same(
    hook.received.slice(8).map((r) => (JSON.parse(r.body) as { type: string }).type),
    ['case.taken_over', 'case.takeover_withdrawn'],
    'both delivered, in order',
  );
  t.same(await pendingNotices(app.app.db), []);
  t.equal((await app.app.db.selectFrom('audit').select('subject').where('action', '=', 'outbox.retried').execute()).length, 1, 'audited');
});

t.test('retry --all makes every pending notice due now; an unknown id is refused', async (t) => {
  const hook = await receiver(t, [503, 503]);
  const app = await build(t, { now: '2026-03-18T12:00:00Z', takeoverWebhookUrl: hook.url });
  await app.post({ events: ['c1', 'c2'].map((caseId) => buyerSays('2026-03-16T10:00:00Z', { caseId })) });
  await app.app.services.sweep();
  await drain(app);
  t.equal(hook.received.length, 2, 'both failed once');
  t.same(await retryAllNotices(app.app.db, 'cli', app.clock.now()), { due: 2 });
  await drain(app);
  t.equal(hook.received.length, 4, 'both sent again at once, and delivered');
  t.same(await pendingNotices(app.app.db), []);
  await t.rejects(retryNotice(app.app.db, 999_999, 'cli', app.clock.now()), notPending);
});

t.test('CLI: outbox list, discard and retry; refusals exit 2 with a message and change nothing', async (t) => {
  const hook = await receiver(t, (body) => ({ status: body.type === 'case.taken_over' ? 422 : 200 }));
  const app = await build(t, { now: '2026-03-18T12:00:00Z', takeoverWebhookUrl: hook.url });
  const [takeover, withdrawal] = await takeoverThenWithdrawal(app);
  const env = { DATABASE_URL: app.url };
  const list = await runCli(['outbox', 'list', '--failing'], env);
  t.equal(list.code, 0, list.stderr);
  t.match(list.stdout, new RegExp(`^${takeover!.id}\tcase\.taken_over\tc1\tattempts 1\tnext \\S+\t-\tHTTP 422\n$`));
  const all = await runCli(['outbox', 'list'], env);
  t.match(all.stdout, new RegExp(`\n${withdrawal!.id}\tcase\.takeover_withdrawn\tc1\tattempts 0\tnext \\S+\twaits for ${takeover!.id}\t-\n$`));

  for (const [args, message] of [
    [['outbox', 'discard', String(takeover!.id)], /--reason/],
    [['outbox', 'discard', 'x1', '--reason', 'r'], /the notice's id/],
    [['outbox', 'discard', '424242', '--reason', 'r'], /no undelivered notice 424242/],
    [['outbox', 'retry', String(takeover!.id), '--all'], /not both/],
    [['outbox', 'list', '--limit', '0'], /--limit/],
    [['outbox', 'list', '--bogus'], /bogus/],
  ] as const) {
    const r = await runCli([...args], env);
    t.equal(r.code, 2, args.join(' '));
    t.match(r.stderr, message);
    t.equal(r.stdout, '');
  }
  t.equal((await pendingNotices(app.app.db)).length, 2, 'nothing changed');

  const discarded = await runCli(['outbox', 'discard', String(takeover!.id), '--reason', 'rejected for good'], env);
  app.clock.set(Date.now()); // the CLI works on the wall clock
  t.equal(discarded.code, 0, discarded.stderr);
  t.equal(discarded.stdout, `discarded ${takeover!.id}; 1 later notice(s) of its case due now\n`);
  await drain(app);
  t.equal((await runCli(['outbox', 'list'], env)).stdout, 'no undelivered notices\n', 'the withdrawal went out');
  t.ok(await app.app.db.selectFrom('audit').select('id').where('action', '=', 'outbox.discarded').where('actor', '=', 'cli').executeTakeFirst(), 'audited');
  const retried = await runCli(['outbox', 'retry', '--all'], env);
  t.equal(retried.stdout, '0 notice(s) due now\n');
});
