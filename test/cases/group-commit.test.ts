// Group commit (cases/group-commit.ts): concurrent requests share one
// transaction, yet each keeps its own all-or-nothing and its own answer.
import fc from 'fast-check';
import t from 'tap';
import { GroupCommitter, IngestConflict, type GroupCommitOptions, type IncomingEvent, type IngestResult } from '../../src/cases/index.js';
import { build } from '../helpers/app.js';
import { buyerSays, sellerSays } from '../helpers/events.js';

const ev = (id: string) => ({ id }) as IncomingEvent;
const stored = (ids: string[]): IngestResult => ({ accepted: ids.length, duplicates: 0, insertedIds: new Set(ids), takeovers: [], breached: 0, changedCases: 0, stillDue: [], roundTrips: 2 });

/** A committer that records each group's ids; a group for which `holds` is true waits until release(). */
function gatedCommitter(holds: (events: readonly IncomingEvent[], groupsSoFar: number) => boolean, opts: GroupCommitOptions) {
  const groups: string[][] = [];
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  const gc = new GroupCommitter(async (events) => {
    groups.push(events.map((e) => e.id));
    if (holds(events, groups.length)) await gate;
    return stored(events.map((e) => e.id));
  }, opts);
  return { gc, groups, release: () => release() };
}

t.test('requests that arrive while a group is being stored are stored together in the next group', async (t) => {
  const { gc, groups, release } = gatedCommitter((_, n) => n === 1, { maxEvents: 1000, maxConcurrent: 1 });
  const first = gc.submit([ev('a')]);
  const rest = [gc.submit([ev('b')]), gc.submit([ev('c'), ev('d')]), gc.submit([ev('b')])];
  release();
  t.same(await first, { accepted: 1, duplicates: 0 });
  t.same(await Promise.all(rest), [
    { accepted: 1, duplicates: 0 },
    { accepted: 2, duplicates: 0 },
    { accepted: 0, duplicates: 1 },
  ], 'the later copy of b in the same group is its duplicate');
  t.same(groups, [['a'], ['b', 'c', 'd', 'b']]);
});

t.test('groups in flight never share a case: a request naming a running case waits, and nothing overtakes it on its cases', async (t) => {
  const on = (id: string, caseId: string) => ({ id, caseId }) as IncomingEvent;
  const { gc, groups, release } = gatedCommitter((events) => events.some((e) => e.id === 'a1'), { maxEvents: 1000, maxConcurrent: 2, parallelAfter: 0 });
  const a = gc.submit([on('a1', 'k1')]);
  const b = gc.submit([on('b1', 'k1')]);
  const e = gc.submit([on('e1', 'k3'), on('e2', 'k1')]);
  const c = gc.submit([on('c1', 'k2')]);
  t.same(await c, { accepted: 1, duplicates: 0 }, 'a request on another case is stored beside the running group');
  t.same(groups, [['a1'], ['c1']], 'b (case k1, running) and e (k1 after b) wait');
  release();
  await Promise.all([a, b, e]);
  t.same(groups, [['a1'], ['c1'], ['b1', 'e1', 'e2']], 'the held requests go together, in arrival order, once k1 is free');
});

t.test('property: whatever the arrivals and timings, groups in flight share no case, each case is stored in arrival order, every request is answered', async (t) => {
  const yields = (n: number) => Array.from({ length: n }).reduce<Promise<void>>((p) => p.then(() => new Promise((r) => setImmediate(r))), Promise.resolve());
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.record({ cases: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 3 }), gap: fc.nat(2) }), { minLength: 1, maxLength: 30 }),
      fc.array(fc.nat(4), { minLength: 1, maxLength: 10 }),
      fc.record({ maxEvents: fc.integer({ min: 1, max: 6 }), maxConcurrent: fc.integer({ min: 1, max: 3 }), parallelAfter: fc.nat(3) }),
      async (requests, delays, opts) => {
        const inFlight: Set<string>[] = [];
        const written: IncomingEvent[] = [];
        let overlap = false;
        let call = 0;
        const gc = new GroupCommitter(async (events) => {
          const cases = new Set(events.map((e) => e.caseId));
          if (inFlight.some((other) => [...cases].some((c) => other.has(c)))) overlap = true;
          inFlight.push(cases);
          await yields(delays[call++ % delays.length]!);
          inFlight.splice(inFlight.indexOf(cases), 1);
          written.push(...events);
          return stored(events.map((e) => e.id));
        }, opts);
        const sent: IncomingEvent[] = [];
        const answers: Promise<unknown>[] = [];
        for (const [r, req] of requests.entries()) {
          const events = req.cases.map((c, i) => ({ id: `r${r}-${i}`, caseId: `k${c}` }) as IncomingEvent);
          sent.push(...events);
          answers.push(gc.submit(events));
          await yields(req.gap);
        }
        await Promise.all(answers);
        const order = (list: IncomingEvent[], c: string) => list.filter((e) => e.caseId === c).map((e) => e.id);
        return !overlap && written.length === sent.length && [0, 1, 2, 3, 4].every((c) => order(written, `k${c}`).join() === order(sent, `k${c}`).join());
      },
    ),
    { numRuns: 300 },
  );
  t.pass('300 random schedules');
});

t.test('a conflict refuses only the request it belongs to, with its own index; the rest of the group is stored', async (t) => {
  const calls: string[][] = [];
  const gc = new GroupCommitter(
    async (events) => {
      calls.push(events.map((e) => e.id));
      const bad = events.findIndex((e) => e.id === 'x');
      if (bad >= 0) throw new IngestConflict(bad, 'id', 'x conflicts');
      return stored(events.map((e) => e.id));
    },
    { maxEvents: 1000, maxConcurrent: 1 },
  );
  const blocker = gc.submit([ev('0')]);
  const a = gc.submit([ev('a1'), ev('a2')]);
  const b = gc.submit([ev('b1'), ev('x')]);
  const c = gc.submit([ev('c1')]);
  await blocker;
  t.same(await a, { accepted: 2, duplicates: 0 });
  await t.rejects(b, { name: 'Error', index: 1, field: 'id' });
  t.same(await c, { accepted: 1, duplicates: 0 });
  t.same(calls.slice(1), [['a1', 'a2', 'b1', 'x', 'c1'], ['a1', 'a2', 'c1']]);
});

t.test('a clash between two requests of a group (one id, other content) puts the later off until the earlier is stored, then judges it on its own; a clash inside one request refuses it', async (t) => {
  const on = (id: string, caseId: string) => ({ id, caseId }) as IncomingEvent;
  const calls: string[][] = [];
  const gc = new GroupCommitter(
    async (events) => {
      calls.push(events.map((e) => `${e.id}@${e.caseId}`));
      const first = new Map<string, number>();
      events.forEach((e, i) => {
        const j = first.get(e.id);
        if (j !== undefined && events[j]!.caseId !== e.caseId) throw new IngestConflict(i, 'id', `${e.id} clashes`, j);
        if (j === undefined) first.set(e.id, i);
      });
      return stored([...first.keys()]);
    },
    { maxEvents: 1000, maxConcurrent: 1 },
  );
  const blocker = gc.submit([on('0', 'k0')]);
  const a = gc.submit([on('x', 'k1')]);
  const b = gc.submit([on('y', 'k2'), on('x', 'k9')]);
  const c = gc.submit([on('w', 'k3'), on('w', 'k4')]);
  const d = gc.submit([on('z', 'k5')]);
  await blocker;
  t.same(await a, { accepted: 1, duplicates: 0 });
  t.same(await b, { accepted: 2, duplicates: 0 }, 'judged alone after a was stored (the store, not the group, decides)');
  await t.rejects(c, { name: 'Error', index: 1, field: 'id' }, 'its own two events clash');
  t.same(await d, { accepted: 1, duplicates: 0 });
  t.same(calls.slice(1), [['x@k1', 'y@k2', 'x@k9', 'w@k3', 'w@k4', 'z@k5'], ['x@k1', 'w@k3', 'w@k4', 'z@k5'], ['x@k1', 'z@k5'], ['y@k2', 'x@k9']]);
});

t.test('a failure of the group fails every request in it (nothing acknowledged)', async (t) => {
  const gc = new GroupCommitter(async () => Promise.reject(new Error('database down')), { maxEvents: 10, maxConcurrent: 1 });
  await t.rejects(Promise.all([gc.submit([ev('a')]), gc.submit([ev('b')])]), /database down/);
});

t.test('through the app: many concurrent signed requests, one of them conflicting → that one 409, every other one stored once', async (t) => {
  const app = await build(t, { now: '2026-03-16T12:00:00Z' });
  const original = buyerSays('2026-03-16T08:00:00Z', { id: 'evt-fixed', caseId: 'c0' });
  await app.post(original);
  const requests = Array.from({ length: 40 }, (_, i) =>
    i === 17 ? { ...original, message: { ...(original.message as object), body: 'changed' } } : i % 2 ? sellerSays('2026-03-16T09:00:00Z', { caseId: `c${i % 5}` }) : buyerSays('2026-03-16T08:30:00Z', { caseId: `c${i % 5}` }),
  );
  const answers = await Promise.all(requests.map((r) => app.post(r)));
  t.equal(answers[17]!.statusCode, 409);
  t.same(answers.filter((a, i) => i !== 17).map((a) => a.statusCode), Array(39).fill(202));
  t.equal(answers.filter((a, i) => i !== 17).reduce((n, a) => n + a.json().accepted, 0), 39);
  const rows = await app.app.db.selectFrom('events').select('id').execute();
  t.equal(rows.length, 40, 'the original and the 39 others');
});

t.test('two service instances on one database receiving the same events at once store each event once and count the rest as duplicates', async (t) => {
  const one = await build(t, { now: '2026-03-16T12:00:00Z' });
  const { buildApp } = await import('../../src/app.js');
  const { MarketRegistry } = await import('../../src/plugins/markets.js');
  const { CALENDARS, SECRET } = await import('../helpers/app.js');
  const { signatureHeader } = await import('../../src/domain/signature.js');
  const other = await buildApp({ databaseUrl: one.url, markets: await MarketRegistry.load(CALENDARS), webhookSecrets: [SECRET], clock: one.clock, poolSize: 4 });
  t.teardown(() => other.close());
  const post = (app: typeof other, body: unknown) => {
    const payload = JSON.stringify(body);
    return app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: { 'content-type': 'application/json', 'x-helpdesk-signature': signatureHeader(SECRET, Math.floor(one.clock.now() / 1000), payload) },
      payload,
    });
  };
  // 30 requests of 10 events over 12 cases; each is sent to both instances at the same time.
  const batches = Array.from({ length: 30 }, (_, b) => ({
    events: Array.from({ length: 10 }, (_, i) =>
      (i + b) % 2 ? sellerSays('2026-03-16T09:00:00Z', { id: `dup-${b}-${i}`, caseId: `k${(b + i) % 12}` }) : buyerSays('2026-03-16T08:00:00Z', { id: `dup-${b}-${i}`, caseId: `k${(b + i) % 12}` }),
    ),
  }));
  const answers = await Promise.all(batches.flatMap((b) => [post(one.app, b), post(other, b)]));
  t.same([...new Set(answers.map((a) => a.statusCode))], [202], 'every request is acknowledged');
  const accepted = answers.reduce((n, a) => n + a.json().accepted, 0);
  const duplicates = answers.reduce((n, a) => n + a.json().duplicates, 0);
  t.equal(accepted, 300, 'each event accepted exactly once across both instances');
  t.equal(duplicates, 300, 'the other copy of each counted as a duplicate');
  const rows = await one.app.db.selectFrom('events').select('id').execute();
  t.equal(rows.length, 300);
  const obligations = await one.app.db.selectFrom('obligations').select(['case_id', 'request_event_id']).execute();
  t.equal(new Set(obligations.map((o) => `${o.case_id}/${o.request_event_id}`)).size, obligations.length, 'no obligation written twice');
  t.ok(obligations.length > 0);
});

t.test('through the app: concurrent requests are judged one after another, never as one batch: a copy of the stored event is a duplicate even when a changed copy of it shares its group (CONTRACT §4)', async (t) => {
  const app = await build(t, { now: '2026-03-16T12:00:00Z' });
  const original = buyerSays('2026-03-16T08:00:00Z', { id: 'evt-fixed', caseId: 'c0' });
  await app.post(original);
  const changed = { ...original, message: { ...(original.message as object), body: 'changed' } };
  // The first request runs alone; the others arrive while it is stored and share the next groups.
  const requests = [sellerSays('2026-03-16T09:00:00Z', { caseId: 'c1' }), ...Array.from({ length: 10 }, (_, i) => (i % 2 ? original : changed))];
  const answers = await Promise.all(requests.map((r) => app.post(r)));
  t.equal(answers[0]!.statusCode, 202);
  for (const [i, r] of requests.entries()) {
    if (r === original) t.same([answers[i]!.statusCode, answers[i]!.json()], [202, { accepted: 0, duplicates: 1 }], `request ${i}, the same content again, is a duplicate`);
    if (r === changed) {
      t.equal(answers[i]!.statusCode, 409, `request ${i}, other content, is a conflict`);
      t.equal(answers[i]!.json().message, 'event evt-fixed was already received with different content', 'with the stored event named, not a batch it was never part of');
    }
  }
  // Two concurrent requests creating one case for different sellers: the later is judged against the case as stored.
  const a = buyerSays('2026-03-16T08:00:00Z', { caseId: 'new', sellerId: 'seller-a' });
  const b = buyerSays('2026-03-16T08:05:00Z', { caseId: 'new', sellerId: 'seller-b' });
  const c = buyerSays('2026-03-16T08:10:00Z', { caseId: 'new', sellerId: 'seller-a' });
  const [, ra, rb, rc] = await Promise.all([app.post(sellerSays('2026-03-16T09:00:00Z', { caseId: 'c2' })), app.post(a), app.post(b), app.post(c)]);
  t.same([ra.statusCode, rb.statusCode, rc.statusCode], [202, 409, 202], 'only the request for another seller is refused');
  t.equal(rb.json().message, 'case new belongs to market LV and seller seller-a');
});
