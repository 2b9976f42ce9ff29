// The absent-seller rule (issue 4.3): a deadline missed since the seller's
// last message, and policy.absentAfterMinutes of working time after it.
import t from 'tap';
import { absentVerdict } from '../../../src/domain/reports/index.js';

const H = 3_600_000;
const T0 = Date.parse('2026-03-16T00:00:00Z');
const at = (h: number) => T0 + h * H;
// Working time 24/7: due(start, minutes) is plain elapsed time.
const due = (start: number, minutes: number) => start + minutes * 60_000;
const AFTER = 2 * 1440;

t.test('without a breached obligation a seller is never absent, however long they are silent', async (t) => {
  t.match(absentVerdict({ oldestBreached: null, lastSellerMessageAt: at(0) }, AFTER, due, at(1000)), { absent: false, reason: 'no_breached_obligation' });
});

t.test('silence is counted from the oldest breach when the seller wrote nothing since', async (t) => {
  const e = { oldestBreached: { caseId: 'c', dueAt: at(24) }, lastSellerMessageAt: at(2) };
  t.match(absentVerdict(e, AFTER, due, at(24 + 47)), { absent: false, reason: 'recent_activity', absentAt: at(72) });
  t.same(absentVerdict(e, AFTER, due, at(72)), { absent: true, since: at(72), silentFrom: at(24) }, 'absent from exactly absentAfterMinutes after the breach');
  t.match(absentVerdict({ ...e, lastSellerMessageAt: null }, AFTER, due, at(72)), { absent: true, since: at(72) }, 'a seller who never wrote');
});

t.test('a seller who wrote after every breach is back: not absent however long the quiet, until a deadline is missed again', async (t) => {
  const back = { oldestBreached: null, lastSellerMessageAt: at(30), breachedBeforeLastMessage: true };
  t.same(absentVerdict(back, AFTER, due, at(1000)), { absent: false, reason: 'recent_activity', absentAt: null });
  const missedAgain = { oldestBreached: { caseId: 'd', dueAt: at(100) }, lastSellerMessageAt: at(30), breachedBeforeLastMessage: false };
  t.same(absentVerdict(missedAgain, AFTER, due, at(148)), { absent: true, since: at(148), silentFrom: at(100) }, 'counted from the deadline missed since');
});

t.test('the count is in working time: closed hours do not make a seller absent', async (t) => {
  // Working time only Monday–Friday: due() skips the weekend.
  const weekdays = (start: number, minutes: number) => {
    let t0 = start;
    let left = minutes * 60_000;
    while (left > 0) {
      const d = new Date(t0).getUTCDay();
      const nextMidnight = Math.floor(t0 / (24 * H)) * 24 * H + 24 * H;
      const open = d !== 0 && d !== 6;
      const step = Math.min(left, nextMidnight - t0);
      if (open) left -= step;
      t0 = open ? t0 + step : nextMidnight;
    }
    return t0;
  };
  const friday = Date.parse('2026-03-20T12:00:00Z');
  const e = { oldestBreached: { caseId: 'c', dueAt: friday }, lastSellerMessageAt: null };
  t.match(absentVerdict(e, AFTER, weekdays, Date.parse('2026-03-23T12:00:00Z')), { absent: false }, 'three days later, one working day of silence');
  t.match(absentVerdict(e, AFTER, weekdays, Date.parse('2026-03-24T12:00:00Z')), { absent: true, since: Date.parse('2026-03-24T12:00:00Z') });
});
