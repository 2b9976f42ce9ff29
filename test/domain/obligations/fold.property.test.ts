// The fold depends on occurredAt only: any permutation and any duplication of
// a case's events gives identical obligations (issue 3), and confirming the
// fold's own takeover as recorded changes nothing.
import fc from 'fast-check';
import t from 'tap';
import { foldCase, type CaseEvent } from '../../../src/domain/obligations/index.js';
import { ctx, H, policy, T0 } from '../../helpers/fold.js';

const event = fc.record({
  type: fc.constantFrom('message.created', 'message.created', 'message.created', 'dispute.opened', 'reply.waived', 'case.closed', 'case.reopened'),
  hour: fc.integer({ min: 0, max: 120 }),
  author: fc.constantFrom('buyer', 'seller', 'platform'),
  automated: fc.boolean(),
  disputeReason: fc.constantFrom('quality', 'other'),
  contact: fc.boolean(),
});

const caseEvents = fc.array(event, { minLength: 1, maxLength: 25 }).map((xs) =>
  xs.map(
    (x, i): CaseEvent => ({
      id: `e${i}`,
      type: x.type as CaseEvent['type'],
      occurredAt: T0 + x.hour * H,
      ...(x.type === 'message.created' ? { author: x.author as CaseEvent['author'], automated: x.automated && x.author === 'seller', flags: x.contact ? ['contact_sharing'] : [] } : {}),
      ...(x.type === 'dispute.opened' ? { disputeReason: x.disputeReason } : {}),
    }),
  ),
);

const policies = fc.constantFrom(policy, { ...policy, contactSharing: { takeoverAfter: 2 } as const }, { ...policy, takeover: { ...policy.takeover, onBreach: false } });
const nowHour = fc.integer({ min: 0, max: 200 });
const absences = fc.array(fc.tuple(fc.integer({ min: 0, max: 150 }), fc.integer({ min: 1, max: 72 })), { maxLength: 2 }).map((xs) => xs.map(([s, len]) => ({ start: T0 + s * H, end: T0 + (s + len) * H })));

t.test('any permutation and duplication of the events gives identical obligations', async (t) => {
  fc.assert(
    fc.property(caseEvents, policies, nowHour, absences, fc.infiniteStream(fc.nat()), (events, p, h, abs, rand) => {
      const c = ctx(T0 + h * H, { policy: p, absences: abs });
      const expected = foldCase(events, c);
      const dupes = events.filter(() => rand.next().value % 3 === 0);
      const shuffled = [...events, ...dupes]
        .map((e) => ({ e, k: rand.next().value }))
        .sort((a, b) => a.k - b.k)
        .map((x) => x.e);
      t.same(foldCase(shuffled, c), expected);
    }),
    { numRuns: 300 },
  );
});

t.test('recording the fold’s own takeover and folding again changes nothing', async (t) => {
  fc.assert(
    fc.property(caseEvents, policies, nowHour, absences, (events, p, h, abs) => {
      const c = ctx(T0 + h * H, { policy: p, absences: abs });
      const first = foldCase(events, c);
      t.same(foldCase(events, { ...c, recordedTakeover: first.takeover }), first);
    }),
    { numRuns: 300 },
  );
});

t.test('folding later never un-decides an outcome and never moves a deadline', async (t) => {
  fc.assert(
    fc.property(caseEvents, policies, nowHour, fc.integer({ min: 0, max: 100 }), (events, p, h, more) => {
      const early = foldCase(events, ctx(T0 + h * H, { policy: p }));
      const late = foldCase(events, ctx(T0 + (h + more) * H, { policy: p }));
      t.equal(late.obligations.length, early.obligations.length);
      early.obligations.forEach((o, i) => {
        const l = late.obligations[i]!;
        t.equal(l.dueAt, o.dueAt);
        if (o.state !== 'pending' && o.state !== 'breached') t.equal(l.state, o.state);
      });
      if (early.takeover) t.same(late.takeover, early.takeover);
    }),
    { numRuns: 200 },
  );
});
