// Fuzzing the webhook (issue 6.5): thousands of random and mutated events,
// correctly signed, are posted one body at a time. Whatever they hold, the
// answer is never a 5xx, and the stored events are exactly the accepted ones:
// the ids answered 202 (accepted or duplicate) are the ids in the events
// table, and the sum of "accepted" is its row count.
import fc from 'fast-check';
import t from 'tap';
import { build } from '../helpers/app.js';

const NOW = '2026-03-16T10:00:00Z';
const NOW_MS = Date.parse(NOW);

const pick = <T>(...xs: T[]) => fc.constantFrom(...xs);
const instant = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: NOW_MS - 20 * 86_400_000, max: NOW_MS + 600_000 }).map((ms) => new Date(ms).toISOString()) },
  { weight: 1, arbitrary: fc.integer({ min: NOW_MS - 86_400_000, max: NOW_MS }).map((ms) => new Date(ms).toISOString().replace('Z', '+03:00').replace('.000', '')) },
  { weight: 1, arbitrary: pick('1999-12-31T23:59:59Z', '2100-01-01T00:00:00Z', '2026-02-30T10:00:00Z', '2026-03-16T10:00:00', 'yesterday', '', '2026-03-16T08:00:00.0000Z') },
);
const text = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 30 }), pick('Call me +371 2000 0000', 'واتساب ٠٥٠١٢٣٤٥٦٧', ''));

/**
 * Mostly valid events. A case keeps its market and seller most of the time
 * (a changed one is a 409); ids come from a pool large enough that most are
 * new, small enough that some collide (a 409 when the content differs).
 */
const MARKETS = ['LV', 'SA', 'EE', 'PL'];
const validish = fc.record({
  id: fc.integer({ min: 1, max: 6000 }).map((n) => `evt-${n}`),
  type: fc.oneof({ weight: 6, arbitrary: fc.constant('message.created') }, { weight: 1, arbitrary: pick('dispute.opened', 'reply.waived', 'case.closed', 'case.reopened') }),
  occurredAt: instant,
  caseN: fc.integer({ min: 1, max: 80 }),
  // One event in twenty has an odd market or seller for its case.
  odd: fc.oneof({ weight: 19, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.oneof(pick('ZZ', 'lv', ''), fc.integer({ min: 0, max: 3 }).map((n) => MARKETS[n]!), fc.constant('seller-x')) }),
  buyerId: fc.option(fc.integer({ min: 1, max: 9 }).map((n) => `buyer-${n}`), { nil: undefined }),
  author: pick('buyer', 'buyer', 'seller', 'platform'),
  body: text,
  automated: fc.boolean(),
  reason: pick('quality', 'counterfeit', 'other', 'return_rights', 'boredom'),
}).map((e) => {
  const market = e.odd && e.odd !== 'seller-x' ? e.odd : MARKETS[e.caseN % 4]!;
  const sellerId = e.odd === 'seller-x' ? 'seller-x' : `seller-${e.caseN % 5}`;
  const out: Record<string, unknown> = { id: e.id, type: e.type, occurredAt: e.occurredAt, market, caseId: `case-${e.caseN}`, sellerId };
  if (e.buyerId) out.buyerId = e.buyerId;
  if (e.type === 'message.created') out.message = { id: `m-${e.id}`, author: e.author, body: e.body, automated: e.automated };
  if (e.type === 'dispute.opened') out.dispute = { reason: e.reason };
  return out;
});

/** One structural mutation of an event: a field removed, replaced by any JSON value, or added. */
const mutated = fc.tuple(validish, fc.nat(), fc.jsonValue({ maxDepth: 3 }), pick('remove', 'replace', 'add', 'nested')).map(([e, k, value, how]) => {
  const keys = Object.keys(e);
  const key = keys[k % keys.length]!;
  const copy: Record<string, unknown> = structuredClone(e);
  if (how === 'remove') delete copy[key];
  else if (how === 'replace') copy[key] = value;
  else if (how === 'add') copy[`x${k % 7}`] = value;
  else if (copy.message && typeof copy.message === 'object') (copy.message as Record<string, unknown>)[['id', 'author', 'body', 'automated', 'extra'][k % 5]!] = value;
  return copy;
});

const event = fc.oneof({ weight: 6, arbitrary: validish }, { weight: 3, arbitrary: mutated });
const body = fc.oneof(
  { weight: 5, arbitrary: event.map((e) => JSON.stringify(e)) },
  { weight: 3, arbitrary: fc.array(event, { minLength: 1, maxLength: 6 }).map((events) => JSON.stringify({ events })) },
  // Byte-level damage to otherwise good JSON: a character dropped, replaced or inserted.
  { weight: 2, arbitrary: fc.tuple(validish, fc.nat(), fc.string({ minLength: 1, maxLength: 2, unit: 'binary' }), pick('drop', 'replace', 'insert')).map(([e, k, s, how]) => {
    const json = JSON.stringify(e);
    const i = k % json.length;
    return how === 'drop' ? json.slice(0, i) + json.slice(i + 1) : how === 'replace' ? json.slice(0, i) + s + json.slice(i + 1) : json.slice(0, i) + s + json.slice(i);
  }) },
);

const idsIn = (text: string): string[] => {
  const parsed = JSON.parse(text) as { events?: { id: string }[]; id?: string };
  return parsed.events ? parsed.events.map((e) => e.id) : [parsed.id!];
};

t.test('property: random and mutated signed events never get a 5xx, and exactly the accepted ones are stored', async (t) => {
  const app = await build(t, { now: NOW, rateLimit: { authFailures: 1_000_000 } });
  const answered202 = new Set<string>();
  const statuses = new Map<number, number>();
  const sent: string[] = [];
  let acceptedSum = 0;
  let posts = 0;
  let events = 0;
  const started = Date.now();
  await fc.assert(
    fc.asyncProperty(body, fc.integer({ min: 0, max: 120_000 }), fc.oneof({ weight: 7, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat() }), async (fresh, advance, replay) => {
      app.clock.set(NOW_MS + advance); // the clock moves too, so the same instant is sometimes "in the future"
      // Now and then a body sent before is sent again (re-signed): a duplicate, never a second event.
      const payload = replay !== null && sent.length > 0 ? sent[replay % sent.length]! : fresh;
      sent.push(payload);
      const res = await app.post(payload);
      posts += 1;
      events += payload.startsWith('{"events"') ? (payload.match(/"id":"evt-/g) ?? []).length : 1;
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      if (res.statusCode >= 500) return false;
      if (res.statusCode === 202) {
        acceptedSum += (res.json() as { accepted: number }).accepted;
        for (const id of idsIn(payload)) answered202.add(id);
      }
      return true;
    }),
    { numRuns: 2500 },
  );
  const rows = await app.app.db.selectFrom('events').select('id').execute();
  t.same(new Set(rows.map((r) => r.id)), answered202, 'the stored ids are exactly those answered 202');
  t.equal(rows.length, acceptedSum, 'and as many rows as the sum of "accepted"');
  const seconds = (Date.now() - started) / 1000;
  t.comment(`${posts} posts, ~${events} events in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}; ${rows.length} stored`);
  t.ok((statuses.get(202) ?? 0) > posts / 10, 'a good share of posts were accepted (the generator is not only producing garbage)');
  t.ok((statuses.get(400) ?? 0) > posts / 10, 'and a good share refused');
  t.ok((statuses.get(409) ?? 0) > 0, 'conflicts happened too');
});
