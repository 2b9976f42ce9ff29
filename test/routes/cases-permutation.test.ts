// CONTRACT §4/§5 through the real app: the state depends on occurredAt only,
// so a case's events delivered in any order, split into any requests, some of
// them concurrent, some twice, with sweeps and reads (which settle deadlines)
// between them while the clock moves on, end in the same GET /v1/cases answer
// as the same events delivered once, in order, at the end. The pure fold has
// the same property (test/domain/obligations/fold.property.test.ts); this one
// checks the storage, the diffing and the settling around it.
import fc from 'fast-check';
import t from 'tap';
import { build } from '../helpers/app.js';
import { event } from '../helpers/events.js';

const H = 3_600_000;
// Monday 9 March 2026, 00:00 Riga: LV works Monday to Friday, all day.
const T0 = Date.parse('2026-03-08T22:00:00Z');
const SPAN_H = 8 * 24;

const kinds = ['buyer', 'buyer', 'buyer', 'seller', 'seller', 'seller-auto', 'platform', 'dispute-quality', 'dispute-other', 'waived', 'closed', 'reopened'] as const;
const eventArb = fc.record({ kind: fc.constantFrom(...kinds), hour: fc.integer({ min: 0, max: SPAN_H }) });
const deliveryArb = fc.record({
  absent: fc.boolean(),
  events: fc.array(eventArb, { minLength: 1, maxLength: 14 }),
  order: fc.infiniteStream(fc.nat()),
  steps: fc.array(fc.record({ size: fc.integer({ min: 1, max: 4 }), concurrent: fc.boolean(), twice: fc.boolean(), advanceH: fc.integer({ min: 0, max: 30 }), sweep: fc.boolean(), read: fc.boolean() }), {
    minLength: 1,
    maxLength: 14,
  }),
});

type Spec = { kind: (typeof kinds)[number]; hour: number };

function wire(spec: Spec, i: number, caseId: string) {
  const occurredAt = new Date(T0 + spec.hour * H).toISOString();
  // A seller of its own: the automated-reply check counts a seller's copies in other cases as they arrive (src/checks/repeats.ts).
  const base = { id: `${caseId}-e${i}`, occurredAt, caseId, sellerId: `${caseId}-seller` };
  switch (spec.kind) {
    case 'buyer':
      return event({ ...base, message: { id: `${caseId}-m${i}`, author: 'buyer', body: 'Where is my parcel?' } });
    case 'seller':
      return event({ ...base, message: { id: `${caseId}-m${i}`, author: 'seller', body: 'It ships today.' } });
    case 'seller-auto':
      return event({ ...base, message: { id: `${caseId}-m${i}`, author: 'seller', body: 'We received your message.', automated: true } });
    case 'platform':
      return event({ ...base, message: { id: `${caseId}-m${i}`, author: 'platform', body: 'Your order has shipped.' } });
    case 'dispute-quality':
      return event({ ...base, type: 'dispute.opened', dispute: { reason: 'quality' } });
    case 'dispute-other':
      return event({ ...base, type: 'dispute.opened', dispute: { reason: 'other' } });
    case 'waived':
      return event({ ...base, type: 'reply.waived' });
    case 'closed':
      return event({ ...base, type: 'case.closed' });
    case 'reopened':
      return event({ ...base, type: 'case.reopened' });
  }
}

t.test('any order, split and duplication of delivery, with sweeps and reads between, gives the same GET /v1/cases answer as one in-order delivery', async (t) => {
  const start = T0 + (SPAN_H + 1) * H; // every event has occurred (none more than 5 minutes ahead of the clock)
  const app = await build(t, { now: new Date(start).toISOString() });
  const admin = await app.token('admin');
  const view = async (id: string) => {
    const res = await app.get(`/v1/cases/${id}`, admin);
    t.equal(res.statusCode, 200);
    const c = JSON.parse(res.body.replaceAll(id, 'CASE')); // ids and the seller's id name the case
    if (c.takeover) delete c.takeover.id; // a sequence number of the database
    return c;
  };
  const accept = async (body: unknown) => {
    const res = await app.post(body);
    if (res.statusCode !== 202) throw new Error(`refused: ${res.statusCode} ${res.body}`);
  };
  const sweep = async () => t.equal((await app.app.inject({ method: 'POST', url: '/v1/admin/sweep', headers: { authorization: `Bearer ${admin}` } })).statusCode, 200);
  let run = 0;
  await fc.assert(
    fc.asyncProperty(deliveryArb, async ({ absent, events, order, steps }) => {
      run++;
      const a = `perm${run}-a`;
      const b = `perm${run}-b`;
      app.clock.set(start);
      if (absent) {
        // Registered before any of the case's events arrive, from the local today: it covers them from its registration on
        // (an obligation still pending then is taken over, CONTRACT §7), whenever they arrive.
        for (const id of [a, b]) {
          const res = await app.app.inject({
            method: 'POST',
            url: `/v1/sellers/${id}-seller/absences`,
            headers: { authorization: `Bearer ${admin}` },
            payload: { market: 'LV', from: '2026-03-17', to: '2026-03-18' },
          });
          t.equal(res.statusCode, 201);
        }
      }
      const shuffled = events.map((e, i) => ({ e, i, k: order.next().value })).sort((x, y) => x.k - y.k);
      let next = 0;
      for (let s = 0; next < shuffled.length; s++) {
        const step = steps[s % steps.length]!;
        const chunk = shuffled.slice(next, next + step.size);
        next += step.size;
        const bodies = chunk.map(({ e, i }) => wire(e, i, a));
        if (step.concurrent) await Promise.all(bodies.map((x) => accept(x)));
        else await accept({ events: bodies });
        if (step.twice) await accept({ events: bodies });
        app.clock.advance(step.advanceH * H);
        if (step.sweep) await sweep();
        if (step.read) await view(a);
      }
      const inOrder = events.map((e, i) => ({ e, i })).sort((x, y) => x.e.hour - y.e.hour);
      await accept({ events: inOrder.map(({ e, i }) => wire(e, i, b)) });
      t.same(await view(a), await view(b), `run ${run}: ${JSON.stringify(events)}`);
    }),
    { numRuns: 40 },
  );
});
