// One-trip ingestion (cases/one-trip.ts): a group folded from the inputs kept
// after its cases' last fold, sent with its commit in one round trip, checked
// under the locks. A kept input that no longer holds must cost a round trip,
// never a wrong state: whatever happens beside it (a second instance with its
// own cache, the sweep, absences, a restart), the stored state is the one
// ingestion without a cache reaches.
import fc from 'fast-check';
import t from 'tap';
import { FoldCache, ingestEvents, loadCaseInputs, OneTripGate, type CaseInputs, type IncomingEvent, type IngestResult } from '../../src/cases/index.js';
import { messageChecks } from '../../src/checks/index.js';
import { validateEvent } from '../../src/routes/events/validate.js';
import { build, type TestApp } from '../helpers/app.js';
import { buyerSays, event, sellerSays } from '../helpers/events.js';

const trips = async (app: TestApp) => {
  const m = await app.app.metrics.ingestGroups.get();
  const of = (n: string) => m.values.find((v) => v.labels.round_trips === n)?.value ?? 0;
  return { none: of('0'), one: of('1'), two: of('2') };
};
const accept = async (app: TestApp, body: unknown) => {
  const res = await app.post(body);
  if (res.statusCode !== 202) throw new Error(`events refused: ${res.statusCode} ${res.body}`);
  return res.json() as { accepted: number; duplicates: number };
};
const caseView = async (app: TestApp, id: string) => (await app.get(`/v1/cases/${id}`, await app.token('admin'))).json();

t.test('through the API: a case new to the service and its later events take one round trip each; after a restart, the first event of a stored case takes two', async (t) => {
  const app = await build(t, { now: '2026-03-16T12:00:00Z' });
  await accept(app, buyerSays('2026-03-16T10:00:00Z', { caseId: 'c1' }));
  await accept(app, sellerSays('2026-03-16T10:30:00Z', { caseId: 'c1' }));
  t.same(await trips(app), { none: 0, one: 2, two: 0 });
  t.match((await caseView(app, 'c1')).obligations, [{ state: 'met', answeredAt: '2026-03-16T10:30:00.000Z' }]);

  await app.restart(); // an empty cache: the case is taken for new, the check finds it stored
  await accept(app, buyerSays('2026-03-16T11:00:00Z', { caseId: 'c1' }));
  t.same(await trips(app), { none: 0, one: 0, two: 1 }, 'the kept inputs did not hold: read afresh');
  await accept(app, sellerSays('2026-03-16T11:10:00Z', { caseId: 'c1' }));
  t.same(await trips(app), { none: 0, one: 1, two: 1 }, 'kept again after the two-trip fold');
  t.match((await caseView(app, 'c1')).obligations, [{ state: 'met' }, { state: 'met', answeredAt: '2026-03-16T11:10:00.000Z' }]);
});

t.test('through the API: with the cache off (FOLD_CACHE_CASES=0) every group reads its inputs, and the outcome is the same', async (t) => {
  const app = await build(t, { now: '2026-03-16T12:00:00Z', foldCacheCases: 0 });
  await accept(app, buyerSays('2026-03-16T10:00:00Z', { caseId: 'c1' }));
  await accept(app, sellerSays('2026-03-16T10:30:00Z', { caseId: 'c1' }));
  t.same(await trips(app), { none: 0, one: 0, two: 2 });
  t.match((await caseView(app, 'c1')).obligations, [{ state: 'met', answeredAt: '2026-03-16T10:30:00.000Z' }]);
});

t.test('through the API: a duplicate of a kept event is told from a conflict, and a conflict stores nothing', async (t) => {
  const app = await build(t, { now: '2026-03-16T12:00:00Z' });
  const first = buyerSays('2026-03-16T10:00:00Z', { caseId: 'c1', id: 'e-1' });
  await accept(app, first);
  t.same(await accept(app, first), { accepted: 0, duplicates: 1 }, 'a duplicate');
  t.same(await trips(app), { none: 1, one: 1, two: 0 }, 'known from the kept hash: no round trip at all');
  t.equal((await app.app.db.selectFrom('audit').select('id').where('action', '=', 'events.accepted').execute()).length, 1, 'and no audit row for it, as the two-trip way writes none');

  const other = await app.post({ ...first, message: { ...(first.message as object), body: 'Something else' } });
  t.equal(other.statusCode, 409, 'the same id with other content');
  const elsewhere = await app.post(buyerSays('2026-03-16T10:05:00Z', { caseId: 'c2', id: 'e-1' }));
  t.equal(elsewhere.statusCode, 409, 'the same id in another case: the one-trip store finds it stored and the two-trip way refuses it');
  const stored = await app.app.db.selectFrom('events').select(['id', 'case_id']).execute();
  t.same(stored, [{ id: 'e-1', case_id: 'c1' }], 'nothing of the refused requests was stored');
  t.equal((await app.app.db.selectFrom('cases').select('id').execute()).length, 1, 'not even the new case');
});

t.test('through the API: an absence registered after a case was kept is folded in at its next event', async (t) => {
  const app = await build(t, { now: '2026-03-16T10:00:00Z' });
  await accept(app, sellerSays('2026-03-16T09:00:00Z', { caseId: 'c1', sellerId: 's1' }));
  const res = await app.app.inject({
    method: 'POST',
    url: '/v1/sellers/s1/absences',
    headers: { authorization: `Bearer ${await app.token('seller', 's1')}` },
    payload: { market: 'LV', from: '2026-03-18', to: '2026-03-19' },
  });
  t.equal(res.statusCode, 201);
  app.clock.set('2026-03-18T12:00:00Z');
  await accept(app, buyerSays('2026-03-18T10:00:00Z', { caseId: 'c1', sellerId: 's1' }));
  t.match(await caseView(app, 'c1'), { status: 'taken_over', takeover: { reason: 'seller_absence' } }, 'the absence, not kept with the case, was read');
  t.equal((await trips(app)).two, 1, 'the check saw the absences change');
});

// ---- the property: two instances, the sweep and absences beside them, against ingestion without a cache ----

const NOW0 = Date.parse('2026-03-16T08:00:00Z');
const HOUR = 3_600_000;

type Step =
  | { kind: 'events'; instance: 0 | 1; events: { c: number; what: number; minutesAgo: number }[] }
  | { kind: 'again'; instance: 0 | 1; back: number }
  | { kind: 'sweep'; hours: number }
  | { kind: 'absence'; seller: number; inDays: number; days: number }
  | { kind: 'manual'; c: number; withdraw: boolean };

const SELLERS = [{ id: 's1', market: 'LV' }, { id: 's2', market: 'SA' }];
const CASES = [0, 1, 0, 1].map((s, i) => ({ id: `k${i}`, seller: SELLERS[s]! }));

/** The raw event `what` (0–6) for case `c` in namespace `ns`. */
function rawEvent(ns: string, n: number, c: number, what: number, at: number): Record<string, unknown> {
  const k = CASES[c]!;
  const base = { id: `${ns}e${n}`, occurredAt: new Date(at).toISOString(), market: k.seller.market, caseId: `${ns}${k.id}`, sellerId: `${ns}${k.seller.id}` };
  switch (what) {
    case 0:
    case 1:
      return event({ ...base, message: { id: `${ns}m${n}`, author: 'buyer', body: 'Where is my parcel?' } });
    case 2:
      return event({ ...base, message: { id: `${ns}m${n}`, author: 'seller', body: 'It ships today.' } });
    case 3:
      return event({ ...base, message: { id: `${ns}m${n}`, author: 'seller', body: 'Auto: we got your message', automated: true } });
    case 4:
      return event({ ...base, type: 'case.closed' });
    case 5:
      return event({ ...base, type: 'case.reopened' });
    default:
      return event({ ...base, message: { id: `${ns}m${n}`, author: 'seller', body: 'Call me on +371 2612 3456 or WhatsApp' } });
  }
}

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('events' as const), instance: fc.constantFrom(0 as const, 1 as const), events: fc.array(fc.record({ c: fc.nat(3), what: fc.nat(6), minutesAgo: fc.nat(600) }), { minLength: 1, maxLength: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('again' as const), instance: fc.constantFrom(0 as const, 1 as const), back: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sweep' as const), hours: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('absence' as const), seller: fc.nat(1), inDays: fc.integer({ min: 0, max: 3 }), days: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('manual' as const), c: fc.nat(3), withdraw: fc.boolean() }) },
);

/** Inputs as compared: events by id, obligations by request, absences aside (checked apart from the version). */
function comparable(c: CaseInputs) {
  return {
    ...c,
    absenceDates: null,
    events: [...c.events].sort((a, b) => (a.id < b.id ? -1 : 1)).map((e) => ({ ...e, flags: [...(e.flags ?? [])].sort() })),
    obligations: [...c.obligations.values()].sort((a, b) => (a.requestEventId < b.requestEventId ? -1 : 1)),
  };
}

/** The stored outcome of namespace `ns`, with the namespace taken out of ids. */
async function outcome(app: TestApp, ns: string) {
  const strip = (s: string | null) => s?.replace(ns, '') ?? null;
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const cases = await app.app.db.selectFrom('cases').selectAll().where('id', 'like', `${ns}%`).orderBy('id').execute();
  const obligations = await app.app.db.selectFrom('obligations').selectAll().where('case_id', 'like', `${ns}%`).execute();
  const takeovers = await app.app.db.selectFrom('takeovers').selectAll().where('case_id', 'like', `${ns}%`).orderBy('case_id').execute();
  return {
    cases: cases.map((c) => ({ id: strip(c.id), status: c.status, takeover: [iso(c.takeover_at), c.takeover_reason], check: iso(c.check_at), last: iso(c.last_event_at), seller: iso(c.last_seller_message_at) })),
    obligations: obligations
      .map((o) => ({ c: strip(o.case_id), r: strip(o.request_event_id), due: iso(o.due_at), answered: iso(o.answered_at), by: strip(o.answer_event_id), state: o.state, decided: iso(o.decided_at), late: o.late_by_minutes }))
      .sort((a, b) => (`${a.c}/${a.r}` < `${b.c}/${b.r}` ? -1 : 1)),
    takeovers: takeovers.map((x) => ({ c: strip(x.case_id), at: iso(x.at), reason: x.reason, withdrawn: x.withdrawn_at !== null })),
  };
}

t.test('whatever happens beside them, groups folded from kept inputs store what ingestion without a cache stores, and a kept case at the stored version holds the stored inputs', async (t) => {
  const app = await build(t, { now: '2026-03-16T08:00:00Z' });
  const checks = messageChecks(app.app.markets.lookup);
  const sellerTokens = new Map<string, string>();
  const tokenOf = async (seller: string) => sellerTokens.get(seller) ?? sellerTokens.set(seller, await app.token('seller', seller)).get(seller)!;
  let run = 0;
  let staff: string | undefined;
  const counted = { one: 0, two: 0, stale: 0, manual: 0, withdrawn: 0 };

  await fc.assert(
    fc.asyncProperty(fc.array(stepArb, { minLength: 2, maxLength: 10 }), async (steps) => {
      run++;
      const A = `r${run}a-`;
      const B = `r${run}b-`;
      const instances = [0, 1].map(() => ({ cases: new FoldCache(100), gate: new OneTripGate() }));
      const sent: { a: IncomingEvent[]; b: IncomingEvent[] }[] = [];
      let now = NOW0 + run * 30 * 24 * HOUR; // each run in its own month (the sweep sees every run's cases)
      let n = 0;
      let lastManual: number | null = null;
      const incoming = (raw: Record<string, unknown>, i: number) => {
        const v = validateEvent(raw, i, { now, knownMarket: () => true });
        if (!('event' in v)) throw new Error(`bad test event ${JSON.stringify(v.problems)}`);
        return v.event;
      };
      const ingest = (events: IncomingEvent[], cache?: (typeof instances)[number]) =>
        ingestEvents(app.app.pipelined, app.app.db, app.app.markets.lookup, events, { now, actor: 'test', checks, ...(cache ? { cache } : {}) }).catch((err: unknown) => err);
      const same = (x: IngestResult | unknown, y: IngestResult | unknown) => {
        const shape = (r: unknown) => (r instanceof Error ? { error: r.constructor.name } : { accepted: (r as IngestResult).accepted, duplicates: (r as IngestResult).duplicates, breached: (r as IngestResult).breached });
        t.same(shape(x), shape(y), 'the same answer with and without kept inputs');
        if (!(x instanceof Error)) {
          if ((x as IngestResult).roundTrips === 1) counted.one++;
          else counted.two++;
        }
      };
      for (const step of steps) {
        if (step.kind === 'events' || step.kind === 'again') {
          let batch: { a: IncomingEvent[]; b: IncomingEvent[] } | undefined;
          if (step.kind === 'events') {
            const first = n;
            batch = {
              a: step.events.map((e, i) => incoming(rawEvent(A, first + i, e.c, e.what, now - e.minutesAgo * 60_000), i)),
              b: step.events.map((e, i) => incoming(rawEvent(B, first + i, e.c, e.what, now - e.minutesAgo * 60_000), i)),
            };
            n += step.events.length;
            sent.push(batch);
          } else {
            batch = sent[sent.length - 1 - (step.back % Math.max(1, sent.length))];
            if (!batch) continue;
          }
          same(await ingest(batch.a, instances[step.instance]), await ingest(batch.b));
        } else if (step.kind === 'sweep') {
          now += step.hours * HOUR;
          app.clock.set(now);
          await app.app.services.sweep();
        } else if (step.kind === 'manual') {
          // Staff take the case over by hand, or withdraw that takeover (a fold input the kept inputs must follow).
          app.clock.set(now);
          const c = step.withdraw ? (lastManual ?? step.c) : step.c; // a withdrawal aims at the case last taken over by hand
          for (const ns of [A, B]) {
            const res = await app.app.inject({
              method: 'POST',
              url: `/v1/cases/${ns}${CASES[c]!.id}/takeover${step.withdraw ? '/withdrawal' : ''}`,
              headers: { authorization: `Bearer ${staff ??= await app.token('compliance')}` },
              payload: { note: 'property test' },
            });
            const made = step.withdraw ? 200 : 201;
            if (res.statusCode !== made && res.statusCode !== 404 && res.statusCode !== 409) throw new Error(`manual takeover: ${res.statusCode} ${res.body}`);
            if (ns === A && res.statusCode === made) counted[step.withdraw ? 'withdrawn' : 'manual']++;
            if (ns === A && res.statusCode === 201) lastManual = step.c;
          }
        } else {
          const s = SELLERS[step.seller]!;
          const from = new Date(now + step.inDays * 24 * HOUR).toISOString().slice(0, 10);
          const to = new Date(now + (step.inDays + step.days - 1) * 24 * HOUR).toISOString().slice(0, 10);
          app.clock.set(now);
          for (const ns of [A, B]) {
            const res = await app.app.inject({
              method: 'POST',
              url: `/v1/sellers/${ns}${s.id}/absences`,
              headers: { authorization: `Bearer ${await tokenOf(`${ns}${s.id}`)}` },
              payload: { market: s.market, from, to },
            });
            if (res.statusCode !== 201 && res.statusCode !== 409 && res.statusCode !== 422) throw new Error(`absence: ${res.statusCode} ${res.body}`);
          }
        }
        // The invariant the check relies on: a kept case at the stored version holds exactly the stored inputs.
        for (const inst of instances) {
          for (const k of CASES) {
            const kept = inst.cases.get(`${A}${k.id}`);
            if (!kept) continue;
            const [fresh] = await loadCaseInputs(app.app.db, [`${A}${k.id}`]);
            if (!fresh || fresh.version !== kept.inputs.version) {
              counted.stale++;
              continue;
            }
            t.same(comparable(kept.inputs), comparable(fresh), `kept ${k.id} at version ${fresh.version} holds the stored inputs`);
          }
        }
      }
      t.same(await outcome(app, A), await outcome(app, B), 'the same stored state');
    }),
    {
      numRuns: 40,
      // One run known to take a case over by hand and withdraw it between deliveries through both instances.
      examples: [
        [
          [
            { kind: 'events', instance: 0, events: [{ c: 0, what: 0, minutesAgo: 30 }] },
            { kind: 'manual', c: 0, withdraw: false },
            { kind: 'events', instance: 1, events: [{ c: 0, what: 0, minutesAgo: 20 }] },
            { kind: 'manual', c: 0, withdraw: true },
            { kind: 'events', instance: 0, events: [{ c: 0, what: 2, minutesAgo: 10 }] },
            { kind: 'sweep', hours: 30 },
          ],
        ],
      ],
    },
  );
  t.ok(counted.one > 0 && counted.two > 0, `both ways were taken (${counted.one} groups in one round trip, ${counted.two} in two; ${counted.stale} kept cases found stale)`);
  t.ok(counted.stale > 0, 'kept cases went stale beside the instance (second instance, sweep, absences)');
  t.ok(counted.manual > 0, `cases were taken over by hand (${counted.manual})`);
  t.ok(counted.withdrawn > 0, `manual takeovers were withdrawn (${counted.withdrawn})`);
});
