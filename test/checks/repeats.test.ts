// Automated replies (issue 7 point 4; POLICIES D: automated replies may not
// replace an individual answer): a seller message whose normal form equals at
// least 5 of that seller's messages in OTHER cases in the 24 hours before it
// is flagged automated_reply_suspected; under policy.autoReplies "strict" it
// does not answer the obligation.
import t from 'tap';
import { build, type TestApp } from '../helpers/app.js';
import { buyerSays, event } from '../helpers/events.js';
import { repeatCountQuery } from '../../src/checks/index.js';
import { calendarsWith } from './markets.js';

const CANNED = 'Paldies par jūsu ziņu! Mēs atbildēsim pēc iespējas ātrāk.';
const HOUR = 3_600_000;
const at = (ms: number) => new Date(ms).toISOString();
const T0 = Date.parse('2026-03-16T08:00:00Z'); // Monday

const reply = (caseId: string, ms: number, extra: { body?: string; sellerId?: string; id?: string; automated?: boolean } = {}) =>
  event({
    ...(extra.id ? { id: extra.id } : {}),
    occurredAt: at(ms),
    caseId,
    ...(extra.sellerId ? { sellerId: extra.sellerId } : {}),
    message: { author: 'seller', body: extra.body ?? CANNED, ...(extra.automated ? { automated: true } : {}) },
  });

/** n copies of the canned text, each in its own case, one hour apart from T0. */
const copies = (n: number, prefix = 'other', extra: Parameters<typeof reply>[2] = {}) => Array.from({ length: n }, (_, i) => reply(`${prefix}-${i}`, T0 + i * HOUR, extra));

async function flagsOf(app: TestApp, caseId: string) {
  const res = await app.get(`/v1/cases/${caseId}`, await app.token('admin'));
  return res.json().flags as { kind: string; repeats?: number; messageId: string; author: string }[];
}
const suspected = async (app: TestApp, caseId: string) => (await flagsOf(app, caseId)).filter((f) => f.kind === 'automated_reply_suspected');

t.test('when a seller sends the same reply to 5 other cases within 24 hours, then the next copy is flagged automated_reply_suspected with repeats 5', async (t) => {
  const app = await build(t, { now: '2026-03-17T08:00:00Z' });
  t.equal((await app.post({ events: copies(5) })).statusCode, 202);
  await app.post(reply('target', T0 + 10 * HOUR, { id: 'e-target' }));
  const flags = await suspected(app, 'target');
  t.equal(flags.length, 1);
  t.match(flags[0], { kind: 'automated_reply_suspected', author: 'seller', repeats: 5 });
  t.same(await suspected(app, 'other-4'), [], 'the fifth copy saw only 4 before it');
});

t.test('when the same reply went to only 4 other cases, then it is not flagged', async (t) => {
  const app = await build(t, { now: '2026-03-17T08:00:00Z' });
  await app.post({ events: copies(4) });
  await app.post(reply('target', T0 + 10 * HOUR));
  t.same(await suspected(app, 'target'), []);
});

t.test('when copies differ only in case, digits, punctuation and spacing, then they are the same reply', async (t) => {
  const app = await build(t, { now: '2026-03-17T08:00:00Z' });
  await app.post({ events: Array.from({ length: 5 }, (_, i) => reply(`o-${i}`, T0 + i * HOUR, { body: `Pasūtījums ${1000 + i} ir nosūtīts, paldies par pirkumu!` })) });
  await app.post(reply('target', T0 + 10 * HOUR, { body: 'PASŪTĪJUMS 98765 ir nosūtīts — paldies par pirkumu' }));
  t.match(await suspected(app, 'target'), [{ repeats: 5 }]);
});

t.test('when the earlier copies are older than 24 hours, then they do not count', async (t) => {
  const app = await build(t, { now: '2026-03-18T08:00:00Z' });
  await app.post({ events: copies(5) }); // T0 … T0+4h
  await app.post(reply('too-late', T0 + 24 * HOUR + 30 * 60_000)); // 24.5 h after the first: only 4 within 24 h
  t.same(await suspected(app, 'too-late'), [], 'the first copy is 24.5 hours old');
  await app.post(reply('far-later', T0 + 29 * HOUR));
  t.same(await suspected(app, 'far-later'), [], 'all five are more than 24 hours old');
});

t.test('when the copies were sent in the same case, then they do not count (other cases only)', async (t) => {
  const app = await build(t, { now: '2026-03-17T08:00:00Z' });
  await app.post({ events: Array.from({ length: 6 }, (_, i) => reply('same', T0 + i * HOUR)) });
  t.same(await suspected(app, 'same'), []);
});

t.test('when another seller sent the copies, then they do not count (that seller’s messages only)', async (t) => {
  const app = await build(t, { now: '2026-03-17T08:00:00Z' });
  await app.post({ events: copies(5, 'theirs', { sellerId: 'seller-2' }) });
  await app.post(reply('mine', T0 + 10 * HOUR));
  t.same(await suspected(app, 'mine'), []);
});

t.test('when the copies arrive in the same batch as the message, then the earlier ones of the batch count too', async (t) => {
  const app = await build(t, { now: '2026-03-17T08:00:00Z' });
  // the batch lists the newest first: counting follows occurredAt, not the order in the batch
  await app.post({ events: [reply('target', T0 + 10 * HOUR), ...copies(5)] });
  t.match(await suspected(app, 'target'), [{ repeats: 5 }]);
  t.same(await suspected(app, 'other-4'), []);
});

t.test('when the count is made, then it depends on what had arrived: a copy arriving later does not flag an earlier message', async (t) => {
  const app = await build(t, { now: '2026-03-17T08:00:00Z' });
  await app.post(reply('first', T0 + 10 * HOUR));
  await app.post({ events: copies(5) }); // occurred before "first", arrived after it
  t.same(await suspected(app, 'first'), [], 'stored flags never change');
});

t.test('when a duplicate of a stored copy is sent again in the batch, then it counts once', async (t) => {
  const app = await build(t, { now: '2026-03-17T08:00:00Z' });
  const four = copies(4);
  await app.post({ events: four });
  await app.post({ events: [four[0]!, reply('target', T0 + 10 * HOUR)] });
  t.same(await suspected(app, 'target'), [], 'four distinct copies, not five');
});

t.test('when the copies were declared automated, then they count, but a declared automated message is not itself flagged', async (t) => {
  const app = await build(t, { now: '2026-03-17T08:00:00Z' });
  await app.post({ events: copies(5, 'auto', { automated: true }) });
  await app.post(reply('manual', T0 + 10 * HOUR));
  await app.post(reply('auto-again', T0 + 11 * HOUR, { automated: true }));
  t.match(await suspected(app, 'manual'), [{ repeats: 5 }], 'sent by hand, the canned text is still the canned text');
  t.same(await suspected(app, 'auto-again'), [], 'automated: true already says what it is, and never answers');
});

for (const [policy, state] of [
  ['strict', 'pending'],
  ['flag', 'met'],
] as const) {
  t.test(`when policy.autoReplies is "${policy}", then a reply flagged automated_reply_suspected leaves the obligation ${state}`, async (t) => {
    const calendarsDir = await calendarsWith(t, { LV: { autoReplies: policy } });
    const app = await build(t, { now: '2026-03-16T20:00:00Z', calendarsDir });
    await app.post({ events: copies(5) });
    await app.post({ events: [buyerSays(at(T0 + 9 * HOUR), { caseId: 'target' }), reply('target', T0 + 10 * HOUR)] });
    t.equal((await suspected(app, 'target')).length, 1);
    const res = await app.get('/v1/cases/target', await app.token('admin'));
    t.match(res.json().obligations, [{ state, answeredAt: state === 'met' ? at(T0 + 10 * HOUR) : null }]);
    if (policy === 'strict') {
      // an individual answer afterwards does answer it
      await app.post(reply('target', T0 + 11 * HOUR, { body: 'Sveiki, jūsu pasūtījums tiks nosūtīts rīt no rīta.' }));
      const after = await app.get('/v1/cases/target', await app.token('admin'));
      t.match(after.json().obligations, [{ state: 'met', answeredAt: at(T0 + 11 * HOUR) }], 'an individual reply then answers it');
    }
  });
}

t.test('when the repeat count runs, then each probe is a range scan of the index events_repeat, not of the table', async (t) => {
  const app = await build(t, { now: '2026-03-17T08:00:00Z' });
  const candidate = { id: 'e1', message_id: 'm1', seller_id: 'seller-1', case_id: 'c1', key: '00'.repeat(16), at: '2026-03-16T10:00:00.000Z', peers: ['e0'] };
  const q = repeatCountQuery([candidate]).compile(app.app.db);
  const client = await app.app.pg.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL enable_seqscan = off'); // an empty table would be scanned anyway; ask whether the index CAN answer
    const plan = (await client.query(`EXPLAIN ${q.sql}`, q.parameters as unknown[])).rows.map((r) => r['QUERY PLAN']).join('\n');
    t.match(plan, /Index Only Scan using events_repeat on events/, plan);
    await client.query('ROLLBACK');
  } finally {
    client.release();
  }
});
