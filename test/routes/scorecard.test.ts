// The seller scorecard (issue 4.2) through the app: every figure against a
// hand-computed scenario, per week in Riga time (Monday to Sunday); Saudi weeks
// from Sunday; who may read it.
// LV: Monday–Friday 00:00–24:00 Europe/Riga (UTC+2 in March), 1440 working minutes to reply;
// disputes about quality take the case over (POLICIES D).
import t from 'tap';
import { build, type TestApp } from '../helpers/app.js';
import { buyerSays, event, sellerSays } from '../helpers/events.js';

const SELLER = 'seller-s';
// Monday 2 March 00:00 to Monday 16 March 00:00, Riga time: ISO weeks 10 and 11.
const PERIOD = 'from=2026-03-01T22:00:00Z&to=2026-03-15T22:00:00Z';
const close = (a: number | null, b: number) => a !== null && Math.abs(a - b) < 1e-9;

const says = (author: 'buyer' | 'seller', caseId: string, at: string, body: string) => event({ occurredAt: at, caseId, sellerId: SELLER, message: { author, body } });
const buyer = (caseId: string, at: string) => buyerSays(at, { caseId, sellerId: SELLER });

/**
 * Before: s0 asked Sunday 1 March 23:00 Riga, never answered: its obligation is outside the period, but its
 *   takeover (at its deadline, Tuesday 00:00 Riga = 2 March 22:00Z) falls in week 10.
 * Week 10 (2–8 March, Riga):
 *   s1 met in 60 min; s2 late (asked Tue 08:00Z, due Wed 08:00Z, answered Wed 10:00Z: 1560 min),
 *   taken over at its deadline (reply_overdue); s3 waived; a seller message in English (language_mismatch).
 * Week 11 (9–15 March):
 *   s4 asked Sunday 22:30Z = Monday 00:30 Riga (week 11 in Riga, week 10 in UTC), answered 10:00Z: 690 min,
 *     with a phone number (contact_sharing);
 *   s5 breached (due Wed 11 March 08:00Z) and taken over; s6 closed before its deadline (cancelled);
 *   s7 a quality dispute takes it over (dispute:quality; the obligation is cancelled);
 *   s8 met in 120 min with an e-mail address (contact_sharing).
 * Charges on three takeovers, recorded Saturday 14 March: EUR 1500 + 700, USD 300.
 * Absences: 7–8 March (weekend, compliant); 14–24 March (7 working days, 13 days' notice: late_notice); 1–2 April (outside).
 */
async function scenario(t: Parameters<typeof build>[0]): Promise<TestApp & { staff: string }> {
  const app = await build(t, { now: '2026-03-01T10:00:00Z' });
  const staff = await app.token('compliance');
  const sellerToken = await app.token('seller', SELLER);
  const absence = (from: string, to: string) =>
    app.app.inject({ method: 'POST', url: `/v1/sellers/${SELLER}/absences`, headers: { authorization: `Bearer ${sellerToken}` }, payload: { market: 'LV', from, to } });
  for (const [from, to] of [['2026-03-07', '2026-03-08'], ['2026-03-14', '2026-03-24'], ['2026-04-01', '2026-04-02']] as const) {
    const res = await absence(from, to);
    if (res.statusCode !== 201) throw new Error(`absence not registered: ${res.body}`);
  }
  app.clock.set('2026-03-14T12:00:00Z');
  const res = await app.post({
    events: [
      buyer('s0', '2026-03-01T21:00:00Z'), // Sunday 23:00 Riga: before the period
      buyer('s1', '2026-03-02T08:00:00Z'),
      says('seller', 's1', '2026-03-02T09:00:00Z', 'Labdien! Paciņa tiks nosūtīta rīt no rīta.'),
      buyer('s2', '2026-03-03T08:00:00Z'),
      says('seller', 's2', '2026-03-04T10:00:00Z', 'Sveiki, prece ir noliktavā un tiks izsūtīta pirmdien.'),
      buyer('s3', '2026-03-04T12:00:00Z'),
      event({ type: 'reply.waived', occurredAt: '2026-03-04T12:05:00Z', caseId: 's3', sellerId: SELLER }),
      says('seller', 's3', '2026-03-05T10:00:00Z', 'We will ship your parcel tomorrow morning, thank you for waiting.'),
      buyer('s4', '2026-03-08T22:30:00Z'),
      says('seller', 's4', '2026-03-09T10:00:00Z', 'Zvaniet man pa tālruni +371 26 123 456, lūdzu.'),
      buyer('s5', '2026-03-10T08:00:00Z'),
      buyer('s6', '2026-03-11T09:00:00Z'),
      event({ type: 'case.closed', occurredAt: '2026-03-11T10:00:00Z', caseId: 's6', sellerId: SELLER }),
      buyer('s7', '2026-03-12T08:00:00Z'),
      event({ type: 'dispute.opened', occurredAt: '2026-03-12T09:00:00Z', caseId: 's7', sellerId: SELLER, dispute: { reason: 'quality' } }),
      buyer('s8', '2026-03-13T10:00:00Z'),
      says('seller', 's8', '2026-03-13T12:00:00Z', 'Lūdzu, uzrakstiet man e-pastu anna.berzina@example.lv'),
      // Another seller's obligations in the same weeks never count.
      buyerSays('2026-03-03T08:00:00Z', { caseId: 'other-1', sellerId: 'seller-other' }),
      sellerSays('2026-03-03T09:00:00Z', { caseId: 'other-1', sellerId: 'seller-other' }),
    ],
  });
  if (res.statusCode !== 202) throw new Error(`scenario not stored: ${res.body}`);
  const charge = async (caseId: string, amountMinor: number, currency: string) => {
    const takeover = (await app.get(`/v1/cases/${caseId}`, staff)).json().takeover;
    const r = await app.app.inject({
      method: 'POST',
      url: `/v1/takeovers/${takeover.id}/charges`,
      headers: { authorization: `Bearer ${staff}` },
      payload: { amountMinor, currency, description: `platform handled ${caseId}` },
    });
    if (r.statusCode !== 201) throw new Error(`charge not recorded: ${r.body}`);
  };
  await charge('s5', 1500, 'EUR');
  await charge('s2', 700, 'EUR');
  await charge('s7', 300, 'USD');
  app.clock.set('2026-03-16T10:00:00Z');
  // Monday 16 March (week 12, after the period), inside the late-notice absence: no obligation, a takeover after the period.
  await app.post(buyer('s10', '2026-03-16T08:00:00Z'));
  return { ...app, staff };
}

t.test('every figure of the scorecard matches the hand-computed scenario', async (t) => {
  const app = await scenario(t);
  const flags = await app.app.db.selectFrom('events').select(['case_id', 'flags']).where('author', '=', 'seller').where('seller_id', '=', SELLER).orderBy('occurred_at').execute();
  t.same(
    flags.map((e) => [e.case_id, (e.flags as { kind: string }[]).map((f) => f.kind)]),
    [['s1', []], ['s2', []], ['s3', ['language_mismatch']], ['s4', ['contact_sharing']], ['s8', ['contact_sharing']]],
    'precondition: the message checks flagged the seller messages as the scenario says',
  );

  const res = await app.get(`/v1/sellers/${SELLER}/scorecard?${PERIOD}`, app.staff);
  t.equal(res.statusCode, 200);
  const s = res.json();
  t.match(s, {
    sellerId: SELLER,
    market: null,
    from: '2026-03-01T22:00:00.000Z',
    to: '2026-03-15T22:00:00.000Z',
    obligations: 8,
    met: 3,
    late: 1,
    breached: 1,
    waived: 1,
    cancelled: 2,
    pending: 0,
    onTimeRate: 0.6,
    medianResponseMinutes: 405, // answered: 60, 120, 690, 1560
    takeovers: 4, // s0, s2, s5 (reply_overdue), s7 (dispute:quality)
    takeoversByReason: { reply_overdue: 3, 'dispute:quality': 1 },
    contactFlags: 2,
    flagsByKind: { contact_sharing: 2, language_mismatch: 1 },
    charges: { count: 3, byCurrency: { EUR: 2200, USD: 300 } },
  });
  t.same(Object.keys(s.takeoversByReason).sort(), ['dispute:quality', 'reply_overdue'], 'no other takeover reasons (s10 is after the period)');
  t.ok(close(s.p90ResponseMinutes, 690 + 0.7 * 870), `p90 interpolates between 690 and 1560: ${s.p90ResponseMinutes}`);

  t.same(
    s.absences.map((a: { from: string; to: string; workingDays: number; compliant: boolean; violation: string | null }) => [a.from, a.to, a.workingDays, a.compliant, a.violation]),
    [
      ['2026-03-07', '2026-03-08', 0, true, null],
      ['2026-03-14', '2026-03-24', 7, false, 'late_notice'],
    ],
    'absences meeting the period, compliant or not; the April one is left out',
  );
  t.equal(s.lateNoticeAbsences, 1, 'the late-notice absence is counted as a violation');

  t.equal(s.weeks.length, 2);
  const [w10, w11] = s.weeks;
  t.match(w10, {
    week: '2026-W10',
    monday: '2026-03-02',
    firstDay: '2026-03-02',
    lastDay: '2026-03-08',
    obligations: 3,
    met: 1,
    late: 1,
    breached: 0,
    waived: 1,
    cancelled: 0,
    onTimeRate: 0.5,
    medianResponseMinutes: 810,
    takeovers: 2,
    takeoversByReason: { reply_overdue: 2 },
    contactFlags: 0,
    flagsByKind: { language_mismatch: 1 },
    charges: { count: 0, byCurrency: {} },
  });
  t.ok(close(w10.p90ResponseMinutes, 60 + 0.9 * 1500));
  t.match(w11, {
    week: '2026-W11',
    monday: '2026-03-09',
    obligations: 5, // s4 counts here: Monday 00:30 in Riga, though still Sunday in UTC
    met: 2,
    late: 0,
    breached: 1,
    waived: 0,
    cancelled: 2,
    medianResponseMinutes: 405,
    takeovers: 2,
    takeoversByReason: { reply_overdue: 1, 'dispute:quality': 1 },
    contactFlags: 2,
    flagsByKind: { contact_sharing: 2 },
    charges: { count: 3, byCurrency: { EUR: 2200, USD: 300 } },
  });
  t.ok(close(w11.onTimeRate, 2 / 3));
  t.ok(close(w11.p90ResponseMinutes, 120 + 0.9 * 570));

  const report = (await app.get(`/v1/reports/sellers?market=LV&${PERIOD}&sellerId=${SELLER}`, app.staff)).json().rows[0];
  t.match(
    report,
    { obligations: 8, met: 3, late: 1, breached: 1, waived: 1, cancelled: 2, onTimeRate: 0.6, medianResponseMinutes: 405, takeovers: 4, contactFlags: 2 },
    'the sellers report (SQL percentile_cont) agrees with the scorecard (domain/reports)',
  );
});

t.test('a market filter keeps that market only; an unknown market or a bad period is 400', async (t) => {
  const app = await scenario(t);
  const lv = (await app.get(`/v1/sellers/${SELLER}/scorecard?${PERIOD}&market=LV`, app.staff)).json();
  t.match(lv, { market: 'LV', obligations: 8 });
  const ee = (await app.get(`/v1/sellers/${SELLER}/scorecard?${PERIOD}&market=EE`, app.staff)).json();
  t.match(ee, { market: 'EE', obligations: 0, onTimeRate: null, medianResponseMinutes: null, takeovers: 0, absences: [], charges: { count: 0 } });
  t.same(
    ee.weeks.map((w: { week: string; obligations: number }) => [w.week, w.obligations]),
    [['2026-W10', 0], ['2026-W11', 0]],
    'empty weeks are listed, so a trend has no holes',
  );
  t.equal((await app.get(`/v1/sellers/${SELLER}/scorecard?${PERIOD}&market=XX`, app.staff)).statusCode, 400);
  t.equal((await app.get(`/v1/sellers/${SELLER}/scorecard?from=2026-03-10T00:00:00Z&to=2026-03-01T00:00:00Z`, app.staff)).statusCode, 400);
  t.equal((await app.get(`/v1/sellers/${SELLER}/scorecard?from=2025-01-01T00:00:00Z&to=2026-03-01T00:00:00Z`, app.staff)).statusCode, 400);
  t.equal((await app.get(`/v1/sellers/${SELLER}/scorecard?from=yesterday&to=2026-03-01T00:00:00Z`, app.staff)).statusCode, 400);
});

t.test('a Saudi seller’s weeks run Sunday to Saturday in Riyadh: a request on Sunday (a working day) opens its week, with or without the market filter', async (t) => {
  const app = await build(t, { now: '2026-03-16T10:00:00Z' });
  const sa = (caseId: string, at: string) => buyerSays(at, { caseId, market: 'SA', sellerId: 'seller-sa' });
  t.equal((await app.post({ events: [sa('sat', '2026-03-07T06:00:00Z'), sa('sun', '2026-03-08T06:00:00Z'), sa('thu', '2026-03-12T06:00:00Z')] })).statusCode, 202);
  const staff = await app.token('compliance');
  // Riyadh: Sunday 1 March 00:00 to Sunday 15 March 00:00, two whole Saudi weeks.
  const period = 'from=2026-02-28T21:00:00Z&to=2026-03-14T21:00:00Z';
  for (const filter of ['&market=SA', '']) {
    const res = await app.get(`/v1/sellers/seller-sa/scorecard?${period}${filter}`, staff);
    t.equal(res.statusCode, 200, res.body);
    t.same(
      res.json().weeks.map((w: { week: string; monday: string; firstDay: string; lastDay: string; obligations: number }) => [w.week, w.monday, w.firstDay, w.lastDay, w.obligations]),
      [
        ['2026-W10', '2026-03-02', '2026-03-01', '2026-03-07', 1],
        ['2026-W11', '2026-03-09', '2026-03-08', '2026-03-14', 2],
      ],
      `Saturday 7 March ends W10; Sunday 8 and Thursday 12 are W11 (${filter || 'no market'})`,
    );
  }
});

t.test('a seller token sees its own scorecard only (403 otherwise); staff reads are audited, the seller’s own are not', async (t) => {
  const app = await scenario(t);
  const own = await app.token('seller', SELLER);
  const other = await app.token('seller', 'seller-other');
  const before = await app.app.db.selectFrom('audit').select('id').where('action', '=', 'report.read').execute();
  const mine = await app.get(`/v1/sellers/${SELLER}/scorecard?${PERIOD}`, own);
  t.equal(mine.statusCode, 200);
  t.equal(mine.json().obligations, 8);
  const theirs = await app.get(`/v1/sellers/${SELLER}/scorecard?${PERIOD}`, other);
  t.equal(theirs.statusCode, 403);
  t.match(theirs.json(), { error: 'forbidden' });
  t.equal((await app.get(`/v1/sellers/seller-other/scorecard?${PERIOD}`, other)).statusCode, 200, 'the other seller reads its own');
  t.equal((await app.get(`/v1/sellers/${SELLER}/scorecard?${PERIOD}`)).statusCode, 401);
  const sellerReads = await app.app.db.selectFrom('audit').select('id').where('action', '=', 'report.read').execute();
  t.equal(sellerReads.length, before.length, 'seller reads of their own scorecard are not staff reads');
  await app.get(`/v1/sellers/${SELLER}/scorecard?${PERIOD}&market=LV`, app.staff);
  const audit = await app.app.db.selectFrom('audit').select(['actor', 'subject', 'details']).where('action', '=', 'report.read').orderBy('id', 'desc').executeTakeFirstOrThrow();
  t.match(audit, { actor: /^token:/, subject: 'scorecard', details: { report: 'scorecard', sellerId: SELLER, market: 'LV', from: '2026-03-01T22:00:00Z' } });
});
