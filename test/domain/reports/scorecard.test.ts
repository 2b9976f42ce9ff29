// The scorecard's figures and weekly trend from hand-made facts (issue 4.2).
import t from 'tap';
import { absenceOverlaps, scorecard, type ScorecardFacts } from '../../../src/domain/reports/index.js';

const at = (s: string) => Date.parse(s);
const RIGA = { timeZone: 'Europe/Riga', weekStartsOn: 1 } as const;
const RIYADH = { timeZone: 'Asia/Riyadh', weekStartsOn: 0 } as const;
const weeksOf = (m: string) => ({ LV: RIGA, SA: RIYADH })[m]!;
const period = { from: at('2026-03-01T22:00:00Z'), to: at('2026-03-15T22:00:00Z') }; // Riga: 2 March 00:00 to 16 March 00:00

const facts: ScorecardFacts = {
  obligations: [
    { market: 'LV', state: 'met', requestedAt: at('2026-03-02T08:00:00Z'), responseMinutes: 30 },
    { market: 'LV', state: 'late', requestedAt: at('2026-03-03T08:00:00Z'), responseMinutes: 1500 },
    { market: 'LV', state: 'waived', requestedAt: at('2026-03-08T21:59:00Z'), responseMinutes: null }, // Sunday 23:59 Riga: week 10
    { market: 'LV', state: 'breached', requestedAt: at('2026-03-08T22:00:00Z'), responseMinutes: null }, // Monday 00:00 Riga: week 11
  ],
  takeovers: [{ market: 'LV', at: at('2026-03-09T22:00:00Z'), reason: 'reply_overdue' }],
  flags: [
    { market: 'LV', at: at('2026-03-02T09:00:00Z'), kind: 'contact_sharing' },
    { market: 'LV', at: at('2026-03-10T09:00:00Z'), kind: 'language_mismatch' },
  ],
  charges: [
    { market: 'LV', at: at('2026-03-10T10:00:00Z'), currency: 'EUR', amountMinor: 1500 },
    { market: 'LV', at: at('2026-03-11T10:00:00Z'), currency: 'EUR', amountMinor: 500 },
  ],
};

t.test('totals: counts by state, rate, reply times, takeovers by reason, flags by kind, charges per currency', async (t) => {
  const s = scorecard(facts, period, weeksOf, [RIGA]);
  t.match(s, {
    obligations: 4,
    met: 1,
    late: 1,
    breached: 1,
    waived: 1,
    onTimeRate: 1 / 3,
    medianResponseMinutes: 765,
    p90ResponseMinutes: 30 + 0.9 * 1470,
    takeovers: 1,
    takeoversByReason: { reply_overdue: 1 },
    contactFlags: 1,
    flagsByKind: { contact_sharing: 1, language_mismatch: 1 },
    charges: { count: 2, byCurrency: { EUR: 2000 } },
  });
});

t.test('weeks: each fact in the ISO week of its local date; every week of the period listed, empty ones too', async (t) => {
  const s = scorecard(facts, period, weeksOf, [RIGA]);
  t.same(s.weeks.map((w) => [w.week, w.monday, w.obligations, w.met, w.late, w.breached, w.waived, w.takeovers, w.contactFlags, w.charges.count]), [
    ['2026-W10', '2026-03-02', 3, 1, 1, 0, 1, 0, 1, 0],
    ['2026-W11', '2026-03-09', 1, 0, 0, 1, 0, 1, 0, 2],
  ]);
  t.equal(s.weeks[0]!.onTimeRate, 0.5);
  t.equal(s.weeks[1]!.onTimeRate, 0);
  const longer = scorecard({ obligations: [], takeovers: [], flags: [], charges: [] }, { from: period.from, to: at('2026-03-29T21:00:00Z') }, weeksOf, [RIGA]);
  t.same(longer.weeks.map((w) => [w.week, w.obligations, w.onTimeRate]), [
    ['2026-W10', 0, null],
    ['2026-W11', 0, null],
    ['2026-W12', 0, null],
    ['2026-W13', 0, null],
  ]);
});

t.test('weeks: a Saudi fact lands in its market week, from Sunday; a week label shared with a Monday market spans both weeks', async (t) => {
  const none = { obligations: [], takeovers: [], flags: [], charges: [] };
  const saPeriod = { from: at('2026-03-07T21:00:00Z'), to: at('2026-03-21T21:00:00Z') }; // Riyadh: Sunday 8 March 00:00 to Sunday 22 March 00:00
  const sa = scorecard(
    { ...none, obligations: [{ market: 'SA', state: 'met', requestedAt: at('2026-03-15T06:00:00Z'), responseMinutes: 10 }] }, // Sunday 09:00 Riyadh
    saPeriod,
    weeksOf,
    [RIYADH],
  );
  t.same(sa.weeks.map((w) => [w.week, w.monday, w.firstDay, w.lastDay, w.obligations]), [
    ['2026-W11', '2026-03-09', '2026-03-08', '2026-03-14', 0],
    ['2026-W12', '2026-03-16', '2026-03-15', '2026-03-21', 1],
  ], 'two whole Saudi weeks; the Sunday opens the second, not the end of the first');
  const both = scorecard(
    {
      ...none,
      obligations: [
        { market: 'SA', state: 'met', requestedAt: at('2026-03-15T06:00:00Z'), responseMinutes: 10 }, // Sunday in Riyadh: W12 from Sunday
        { market: 'LV', state: 'met', requestedAt: at('2026-03-15T08:00:00Z'), responseMinutes: 10 }, // Sunday in Riga: W11, Monday to Sunday
      ],
    },
    { from: at('2026-03-08T22:00:00Z'), to: at('2026-03-22T22:00:00Z') },
    weeksOf,
    [RIGA, RIYADH],
  );
  t.same(both.weeks.map((w) => [w.week, w.firstDay, w.lastDay, w.obligations]), [
    ['2026-W11', '2026-03-08', '2026-03-15', 1],
    ['2026-W12', '2026-03-15', '2026-03-22', 1],
    ['2026-W13', '2026-03-22', '2026-03-28', 0],
  ], 'the same Sunday is in W12 in Riyadh and in W11 in Riga; Riyadh’s Sunday 22 March opens W13');
});

t.test('an absence overlaps the period when its local dates meet the period read in the zone', async (t) => {
  t.ok(absenceOverlaps('Europe/Riga', '2026-03-15', '2026-03-20', period), 'its first day is the period last local day');
  t.notOk(absenceOverlaps('Europe/Riga', '2026-03-16', '2026-03-20', period), 'it starts the local day after');
  t.ok(absenceOverlaps('Europe/Riga', '2026-02-20', '2026-03-02', period));
  t.notOk(absenceOverlaps('Europe/Riga', '2026-02-20', '2026-03-01', period), 'it ended the local day before');
});
