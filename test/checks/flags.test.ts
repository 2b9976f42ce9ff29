// Message checks at ingestion, through the real app and database (issue 7
// points 3 and 5; POLICIES A, C, D; CONTRACT §5 flags).
import t from 'tap';
import { build, type TestApp } from '../helpers/app.js';
import { buyerSays, event, sellerSays } from '../helpers/events.js';
import { calendarsWith } from './markets.js';

const caseView = async (app: TestApp, id: string) => {
  const res = await app.get(`/v1/cases/${id}`, await app.token('compliance'));
  t.equal(res.statusCode, 200);
  return res.json();
};

t.test('when a buyer shares a WhatsApp number in Arabic-Indic digits, then GET /v1/cases shows a contact_sharing flag with its evidence (POLICIES A)', async (t) => {
  const app = await build(t, { now: '2026-03-16T10:00:00Z' });
  const body = 'السلام عليكم، كلمني على واتساب ٠٥٥١٢٣٤٥٦٧ أسرع';
  const res = await app.post(event({ id: 'e-ar', occurredAt: '2026-03-16T09:00:00Z', market: 'SA', caseId: 'sa-1', message: { id: 'm-ar', author: 'buyer', body } }));
  t.equal(res.statusCode, 202);
  const c = await caseView(app, 'sa-1');
  t.equal(c.flags.length, 1);
  const [flag] = c.flags;
  t.match(flag, { kind: 'contact_sharing', messageId: 'm-ar', author: 'buyer', eventId: 'e-ar', occurredAt: '2026-03-16T09:00:00.000Z' });
  t.ok(flag.matches.some((m: { type: string; text: string }) => m.type === 'phone' && m.text === '٠٥٥١٢٣٤٥٦٧'), 'the number, in the digits it was written in');
  t.ok(flag.matches.some((m: { type: string }) => m.type === 'messenger'), 'the WhatsApp invitation');
  for (const m of flag.matches) t.equal(body.slice(m.start, m.end), m.text, `start/end locate "${m.text}" in the body`);
  t.equal(c.status, 'open', 'policy.contactSharing "flag" (the default) only flags');
  t.match(c.obligations, [{ state: 'pending' }], 'the message still asks for a reply');
});

t.test('when a message has no contact details, then it has no flags, and buyer messages get no language or repeat checks', async (t) => {
  const app = await build(t, { now: '2026-03-16T10:00:00Z' });
  await app.post(event({ occurredAt: '2026-03-16T09:00:00Z', caseId: 'c1', message: { author: 'buyer', body: 'Здравствуйте, где моя посылка? Заказ 123456 оплачен 12.03.' } }));
  t.same((await caseView(app, 'c1')).flags, []);
  const row = await app.app.db.selectFrom('events').select(['flags', 'repeat_key']).executeTakeFirstOrThrow();
  t.same(row.flags, []);
  t.equal(row.repeat_key, null);
});

t.test('when a seller shares contact details under policy.contactSharing { takeoverAfter: 2 }, then the case is taken over at the second flagged seller message (POLICIES C, D)', async (t) => {
  const calendarsDir = await calendarsWith(t, { LV: { contactSharing: { takeoverAfter: 2 } } });
  const app = await build(t, { now: '2026-03-17T12:00:00Z', calendarsDir });
  await app.post({
    events: [
      buyerSays('2026-03-16T08:00:00Z', { caseId: 'c1' }),
      event({ occurredAt: '2026-03-16T08:30:00Z', caseId: 'c1', message: { author: 'buyer', body: 'Uzraksti man uz WhatsApp +371 29 123 456' } }),
      event({ occurredAt: '2026-03-16T09:00:00Z', caseId: 'c1', message: { author: 'seller', body: 'Sveiki! Zvaniet man: 29 876 543' } }),
    ],
  });
  let c = await caseView(app, 'c1');
  t.equal(c.flags.filter((f: { kind: string }) => f.kind === 'contact_sharing').length, 2, 'the buyer message and the first seller message are flagged');
  t.equal(c.status, 'open', 'one flagged seller message is below the limit; buyer messages do not count');
  t.equal(c.takeover, null);

  await app.post(event({ occurredAt: '2026-03-16T11:00:00Z', caseId: 'c1', message: { author: 'seller', body: 'Vai rakstiet uz e-pastu janis.berzins@inbox.lv' } }));
  c = await caseView(app, 'c1');
  t.equal(c.status, 'taken_over');
  t.same(c.takeover && { at: c.takeover.at, reason: c.takeover.reason }, { at: '2026-03-16T11:00:00.000Z', reason: 'contact_sharing' }, 'at the second flagged seller message');
  const last = c.flags.at(-1);
  t.match(last, { kind: 'contact_sharing', author: 'seller', matches: [{ type: 'email', text: 'janis.berzins@inbox.lv' }] });
});

t.test('when policy.contactSharing is "flag", then any number of flagged seller messages leaves the case open', async (t) => {
  const app = await build(t, { now: '2026-03-17T12:00:00Z' });
  await app.post({
    events: ['Zvaniet man: 29 876 543', 'WhatsApp +371 29 876 543', 'Raksti uz janis@inbox.lv'].map((body, i) =>
      event({ occurredAt: `2026-03-16T0${i + 1}:00:00Z`, caseId: 'c1', message: { author: 'seller', body } }),
    ),
  });
  const c = await caseView(app, 'c1');
  t.equal(c.flags.length, 3);
  t.equal(c.status, 'open');
});

t.test('when a seller in the LV market replies in Russian, then the reply is flagged language_mismatch; a Latvian reply is not (POLICIES D)', async (t) => {
  const app = await build(t, { now: '2026-03-17T12:00:00Z' });
  await app.post({
    events: [
      buyerSays('2026-03-16T08:00:00Z', { caseId: 'ru' }),
      event({ occurredAt: '2026-03-16T09:00:00Z', caseId: 'ru', message: { id: 'm-ru', author: 'seller', body: 'Добрый день, извините за задержку, посылка уже в пути.' } }),
      buyerSays('2026-03-16T08:00:00Z', { caseId: 'lv' }),
      event({ occurredAt: '2026-03-16T09:00:00Z', caseId: 'lv', message: { author: 'seller', body: 'Sveiki, atvainojamies par kavēšanos, sūtījums jau ir ceļā.' } }),
      buyerSays('2026-03-16T08:00:00Z', { caseId: 'short' }),
      event({ occurredAt: '2026-03-16T09:00:00Z', caseId: 'short', message: { author: 'seller', body: 'Да, отправили.' } }),
    ],
  });
  const ru = await caseView(app, 'ru');
  t.same(
    ru.flags.map(({ eventId: _e, occurredAt: _o, ...f }: Record<string, unknown>) => f),
    [{ kind: 'language_mismatch', messageId: 'm-ru', author: 'seller', detected: 'ru', expected: ['lv'] }],
  );
  t.match(ru.obligations, [{ state: 'met' }], 'the flag does not stop the reply from answering');
  t.same((await caseView(app, 'lv')).flags, [], 'Latvian in the LV market');
  t.same((await caseView(app, 'short')).flags, [], 'under 20 letters: not judged');
});

t.test('when a buyer writes in another language than the market’s, then nothing is flagged: only seller replies are judged', async (t) => {
  const app = await build(t, { now: '2026-03-17T12:00:00Z' });
  await app.post(event({ occurredAt: '2026-03-16T09:00:00Z', caseId: 'c1', message: { author: 'buyer', body: 'Добрый день, где моя посылка? Уже неделя прошла.' } }));
  t.same((await caseView(app, 'c1')).flags, []);
});

t.test('when an event is sent again, then its stored flags are not recomputed or duplicated', async (t) => {
  const app = await build(t, { now: '2026-03-17T12:00:00Z' });
  const e = event({ occurredAt: '2026-03-16T09:00:00Z', caseId: 'c1', message: { author: 'seller', body: 'Zvaniet man: 29 876 543' } });
  t.match((await app.post(e)).json(), { accepted: 1 });
  t.match((await app.post(e)).json(), { accepted: 0, duplicates: 1 });
  t.equal((await caseView(app, 'c1')).flags.length, 1);
});

t.test('when a seller message is stored, then the 16-byte key of its normal form is stored with it (equal texts, equal keys)', async (t) => {
  const app = await build(t, { now: '2026-03-17T12:00:00Z' });
  await app.post({ events: [sellerSays('2026-03-16T09:00:00Z', { caseId: 'a' }), sellerSays('2026-03-16T10:00:00Z', { caseId: 'b' })] });
  const keys = await app.app.db.selectFrom('events').select('repeat_key').execute();
  t.equal(keys.length, 2);
  t.ok(keys[0]!.repeat_key && keys[0]!.repeat_key.length === 16, '16 bytes');
  t.same(keys[0]!.repeat_key, keys[1]!.repeat_key, 'same text, same key');
});
