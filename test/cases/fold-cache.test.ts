// The pure parts of one-trip ingestion: the cache of fold inputs, the gate
// that turns one-trip tries off when they keep failing, the inputs a write
// leaves behind, and which groups may be folded from kept inputs at all.
import t from 'tap';
import { prepare, type CheckedMessage } from '../../src/cases/batch.js';
import { FoldCache, inputsAfterWrite, OneTripGate, type KeptCase } from '../../src/cases/fold-cache.js';
import type { CaseInputs, IncomingEvent } from '../../src/cases/index.js';
import { emptyCase, planOneTrip } from '../../src/cases/one-trip.js';
import { planRefold } from '../../src/cases/refold.js';
import type { CaseWrites } from '../../src/cases/write.js';
import { MarketRegistry } from '../../src/plugins/markets.js';
import { CALENDARS } from '../helpers/app.js';

const inputs = (id: string, version: number | null, extra: Partial<CaseInputs> = {}): CaseInputs => ({
  ...emptyCase({ id, market: 'LV', seller_id: 's1' }),
  version,
  ...extra,
});
const kept = (c: CaseInputs, hashes: [string, string][] = []): KeptCase => ({ inputs: c, hashes: new Map(hashes) });

t.test('the cache evicts the case kept longest ago, never replaces a newer version with an older one, and keeps each seller’s absences', async (t) => {
  const cache = new FoldCache(2);
  cache.keep(kept(inputs('a', 1)));
  cache.keep(kept(inputs('b', 1)));
  cache.keep(kept(inputs('a', 2))); // kept again: now the most recent
  cache.keep(kept(inputs('c', 1)));
  t.same([cache.get('a')?.inputs.version, cache.get('b'), cache.get('c')?.inputs.version], [2, undefined, 1]);
  t.ok(cache.wasEvicted('b'), 'an evicted case is known to be stored');
  t.notOk(cache.wasEvicted('z'));
  cache.keep(kept(inputs('a', 1)));
  t.equal(cache.get('a')?.inputs.version, 2, 'an older version does not replace a newer one');
  cache.keep(kept(inputs('c', 2, { absenceDates: [['2026-03-18', '2026-03-19']] })));
  t.same(cache.absencesOf('s1', 'LV'), [['2026-03-18', '2026-03-19']]);
  t.equal(cache.absencesOf('s1', 'EE'), undefined);
  cache.forget(['a', 'c']);
  t.equal(cache.size, 0);
  t.ok(cache.wasEvicted('a') && cache.wasEvicted('c'), 'forgotten cases go the two-trip way until kept again');
  const off = new FoldCache(0);
  off.keep(kept(inputs('a', 1)));
  t.equal(off.size, 0, 'capacity 0 keeps nothing');
});

t.test('the gate turns one-trip tries off for a while when more than a quarter of a window of them found stale inputs', async (t) => {
  const gate = new OneTripGate(4, 0.25, 3);
  const run = (stale: boolean[]) => stale.map((s) => (gate.allows() ? (gate.record(s), 'try') : 'skip'));
  t.same(run([true, false, false, false]), ['try', 'try', 'try', 'try'], 'one stale in four: stays on');
  t.same(run([true, true, false, false]), ['try', 'try', 'try', 'try']);
  t.same(run([false, false, false, false]), ['skip', 'skip', 'skip', 'try'], 'two in four: off for three groups');
});

t.test('the inputs a write leaves: inserted obligations get their ids, kept ones stay, the rest go; the version moves; the takeover is noted', async (t) => {
  const stored = { id: 7, requestEventId: 'e1', dueAt: 10, warnAt: 5, answeredAt: null, answerEventId: null, state: 'pending' as const, decidedAt: null, fingerprint: 'f', lateByMinutes: null };
  const folded = inputs('c', 3, { obligations: new Map([['e1', stored], ['e0', { ...stored, id: 6, requestEventId: 'e0' }]]) });
  const obligation = (id: number | null, request: string) => ({
    id, case_id: 'c', market: 'LV', seller_id: 's1', request_event_id: request, requested_at: 1, due_at: 20, warn_at: 15, answered_at: null,
    answer_event_id: null, state: 'breached', decided_at: 20, response_minutes: null, late_by_minutes: null, calendar_fingerprint: 'f',
  });
  const writes: CaseWrites = {
    cases: [{ id: 'c', status: 'taken_over', takeover_at: 20, takeover_reason: 'reply_overdue', check_at: null, last_event_at: 9, last_seller_message_at: null }],
    obligations: [obligation(7, 'e1'), obligation(null, 'e2')],
    keep: [{ case_id: 'c', keep: ['e1', 'e2'] }],
    takeovers: [{ case_id: 'c', market: 'LV', seller_id: 's1', at: new Date(20).toISOString(), reason: 'reply_overdue', withdrawn: false, notice: 'case.taken_over' }],
    audit: [],
  };
  const [after] = inputsAfterWrite([folded], writes, new Map([['c\0e2', 8]]));
  t.same([...after!.obligations.values()].map((o) => [o.requestEventId, o.id, o.state]), [['e1', 7, 'breached'], ['e2', 8, 'breached']]);
  t.match(after, { version: 4, status: 'taken_over', takeover: { at: 20, reason: 'reply_overdue' }, notified: { at: 20, reason: 'reply_overdue', withdrawn: false }, lastEventAt: 9 });
  t.throws(() => inputsAfterWrite([folded], writes, new Map()), /did not return the id/, 'an inserted obligation without its id is an error, not a guess');
  t.equal(inputsAfterWrite([inputs('n', null)], { ...writes, cases: [] }, new Map())[0]!.version, 0, 'nothing written for a new case: stored at version 0');
});

t.test('which groups are folded from kept inputs', async (t) => {
  const registry = await MarketRegistry.load(CALENDARS);
  const strict = (code: string) => {
    const m = registry.lookup(code);
    return m && { ...m, policy: { ...m.policy, autoReplies: 'strict' as const } };
  };
  const ev = (id: string, caseId: string, author: 'buyer' | 'seller' = 'buyer', market = 'LV'): IncomingEvent => ({
    id, type: 'message.created', occurredAt: Date.parse('2026-03-16T10:00:00Z'), market, caseId, sellerId: 's1', buyerId: 'b1', orderId: null,
    message: { id: `m-${id}`, author, body: 'Hello', automated: false }, dispute: null,
  });
  const plan = (events: IncomingEvent[], cache: FoldCache, checked?: CheckedMessage[], lookup = registry.lookup) => {
    const { unique, cases } = prepare(events);
    return planOneTrip(unique, checked ?? unique.map(() => ({ flags: [], repeatKey: null })), cases, cache, lookup);
  };
  const cache = new FoldCache(10);
  const hashOf = (e: IncomingEvent) => prepare([e]).unique[0]!.hash;
  const e1 = ev('e1', 'c1');
  cache.keep(kept(inputs('c1', 2, { events: [{ id: 'e1', type: 'message.created', occurredAt: e1.occurredAt, author: 'buyer', automated: false, disputeReason: null, flags: [] }] }), [['e1', hashOf(e1)]]));
  cache.keep(kept(inputs('c0', 1, { absenceDates: [['2026-03-20', '2026-03-20']] })));

  const p = plan([e1, ev('e2', 'c1', 'seller'), ev('e3', 'c9')], cache)!;
  t.same(p.fresh.map((f) => f.event.id), ['e2', 'e3'], 'e1 is a duplicate of a kept event');
  t.same(p.expected.known, [{ id: 'c1', version: 2 }]);
  t.same(p.expected.unknown, ['c9'], 'a case not kept is folded as new, and must not be stored');
  t.same(p.expected.absences, [{ sellerId: 's1', market: 'LV', dates: [['2026-03-20', '2026-03-20']] }], 'with its seller’s absences last seen');
  t.same(p.folded.map((f) => [f.id, f.events.map((e) => e.id), f.absenceDates]), [['c1', ['e1', 'e2'], [['2026-03-20', '2026-03-20']]], ['c9', ['e3'], [['2026-03-20', '2026-03-20']]]]);

  t.equal(plan([{ ...e1, message: { ...e1.message!, body: 'Other' } }], cache), null, 'a kept id with other content: the two-trip way refuses it');
  const e4 = ev('e4', 'c1');
  cache.keep(kept(inputs('c1', 3, { events: [{ id: 'e4', type: 'message.created', occurredAt: e4.occurredAt, author: 'buyer', automated: false, disputeReason: null }] })));
  t.equal(plan([e4], cache), null, 'a kept event whose hash is unknown here: the database tells duplicate from conflict');
  t.equal(plan([{ ...ev('e5', 'c1'), sellerId: 's2' }], cache), null, 'a kept case under another seller');
  t.equal(plan([ev('e6', 'c7', 'buyer', 'XX')], cache), null, 'a market without a file');
  const small = new FoldCache(1);
  small.keep(kept(inputs('c1', 1)));
  small.keep(kept(inputs('c2', 1)));
  t.equal(plan([ev('e8', 'c1')], small), null, 'a case evicted for room: stored, so not folded as new');
  small.keep(kept(inputs('c1', 2)));
  t.notOk(small.wasEvicted('c1'), 'kept again');
  t.not(plan([ev('e8', 'c1')], small), null);
  const repeated = [{ flags: [], repeatKey: Buffer.from('k') }];
  t.equal(plan([ev('e7', 'c7', 'seller')], cache, repeated, strict), null, 'a seller message under strict auto-replies: its flags depend on other cases');
  t.not(plan([ev('e7', 'c7', 'seller')], cache, repeated), null, 'the same message under the default policy');
});

t.test('a group that stores events writes every case row it folded, even one whose fold changes nothing or whose market file is gone, so its version moves', async (t) => {
  const registry = await MarketRegistry.load(CALENDARS);
  const now = Date.parse('2026-03-16T10:00:00Z');
  const automated = { id: 'e1', type: 'message.created' as const, occurredAt: now - 1000, author: 'seller' as const, automated: true, disputeReason: null, flags: [] };
  const c = inputs('c', 3, { events: [automated] });
  const before = planRefold([c], registry.lookup, now);
  const unchanged = planRefold(inputsAfterWrite([c], before.writes, new Map()), registry.lookup, now);
  t.same(unchanged.writes.cases, [], 'refolded without new events: nothing to write');
  t.equal(planRefold([c], registry.lookup, now, [], true).writes.cases.length, 1, 'with new events: the row is written');
  const gone = planRefold([c], () => undefined, now, [], true);
  t.same(gone.stillDue, ['c']);
  t.same(gone.writes.cases, [{ id: 'c', status: 'open', takeover_at: null, takeover_reason: null, check_at: null, last_event_at: null, last_seller_message_at: null }], 'market file gone: the stored row, unchanged');
});

t.test('FOLD_CACHE_CASES sets how many cases ingestion keeps: 10,000 by default, 0 to turn it off, anything else refused at start', async (t) => {
  const { ConfigError, loadConfig } = await import('../../src/config.js');
  t.equal(loadConfig({}).foldCacheCases, 10_000);
  t.equal(loadConfig({ FOLD_CACHE_CASES: '0' }).foldCacheCases, 0);
  t.throws(() => loadConfig({ FOLD_CACHE_CASES: 'lots' }), ConfigError);
  t.throws(() => loadConfig({ FOLD_CACHE_CASES: '-1' }), ConfigError);
});
