// The scorecard's figures and weekly trend from hand-made facts (issue 4.2).
import t from 'tap';
import { absenceOverlaps, scorecard, type ScorecardFacts } from '../../../src/domain/reports/index.js';

const at = (s: string) => Date.parse(s);
const zoneOf = (m: string) => ({ LV: 'Europe/Riga', SA: 'Asia/Riyadh' })[m]!;
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
  const s = scorecard(facts, period, zoneOf, ['Europe/Riga']);
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
  const s = scorecard(facts, period, zoneOf, ['Europe/Riga']);
  t.same(s.weeks.map((w) => [w.week, w.monday, w.obligations, w.met, w.late, w.breached, w.waived, w.takeovers, w.contactFlags, w.charges.count]), [
    ['2026-W10', '2026-03-02', 3, 1, 1, 0, 1, 0, 1, 0],
    ['2026-W11', '2026-03-09', 1, 0, 0, 1, 0, 1, 0, 2],
  ]);
  t.equal(s.weeks[0]!.onTimeRate, 0.5);
  t.equal(s.weeks[1]!.onTimeRate, 0);
  const longer = scorecard({ obligations: [], takeovers: [], flags: [], charges: [] }, { from: period.from, to: at('2026-03-29T21:00:00Z') }, zoneOf, ['Europe/Riga']);
  t.same(longer.weeks.map((w) => [w.week, w.obligations, w.onTimeRate]), [
    ['2026-W10', 0, null],
    ['2026-W11', 0, null],
    ['2026-W12', 0, null],
    ['2026-W13', 0, null],
  ]);
});

t.test('an absence overlaps the period when its local dates meet the period read in the zone', async (t) => {
  t.ok(absenceOverlaps('Europe/Riga', '2026-03-15', '2026-03-20', period), 'its first day is the period last local day');
  t.notOk(absenceOverlaps('Europe/Riga', '2026-03-16', '2026-03-20', period), 'it starts the local day after');
  t.ok(absenceOverlaps('Europe/Riga', '2026-02-20', '2026-03-02', period));
  t.notOk(absenceOverlaps('Europe/Riga', '2026-02-20', '2026-03-01', period), 'it ended the local day before');
});
