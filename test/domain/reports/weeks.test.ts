// ISO weeks in the market's time zone (issue 4.2: the trend per ISO week).
import t from 'tap';
import { isoWeekOf, isoWeekOfDay, weeksSpanned } from '../../../src/domain/reports/index.js';
import { parseDate } from '../../../src/calendar/index.js';

const day = (d: string) => parseDate(d)!;

t.test('ISO weeks run Monday to Sunday and belong to the year of their Thursday', async (t) => {
  t.same(isoWeekOfDay(day('2026-03-16')), { week: '2026-W12', monday: '2026-03-16' }, 'a Monday');
  t.same(isoWeekOfDay(day('2026-03-22')), { week: '2026-W12', monday: '2026-03-16' }, 'its Sunday');
  t.same(isoWeekOfDay(day('2026-01-01')), { week: '2026-W01', monday: '2025-12-29' }, 'Thursday 1 January: week 1');
  t.same(isoWeekOfDay(day('2027-01-01')), { week: '2026-W53', monday: '2026-12-28' }, 'Friday 1 January 2027: last week of 2026 (a 53-week year)');
  t.same(isoWeekOfDay(day('2024-12-30')), { week: '2025-W01', monday: '2024-12-30' }, 'Monday 30 December 2024: week 1 of 2025');
  t.same(isoWeekOfDay(day('2021-01-03')), { week: '2020-W53', monday: '2020-12-28' });
});

t.test('an instant belongs to the week of its local date in the market zone, not of its UTC date', async (t) => {
  const sundayNightUtc = Date.parse('2026-03-22T22:30:00Z'); // Monday 00:30 in Riga (UTC+2)
  t.equal(isoWeekOf('UTC', sundayNightUtc).week, '2026-W12');
  t.equal(isoWeekOf('Europe/Riga', sundayNightUtc).week, '2026-W13');
  t.equal(isoWeekOf('Asia/Riyadh', Date.parse('2026-03-22T21:00:00Z')).week, '2026-W13', 'midnight in Riyadh starts Monday');
  t.equal(isoWeekOf('America/Santiago', Date.parse('2026-03-23T02:00:00Z')).week, '2026-W12', 'still Sunday evening in Santiago');
});

t.test('the weeks spanned by a period [from, to) are listed in order, the end excluded', async (t) => {
  const w = weeksSpanned('Europe/Riga', Date.parse('2026-03-01T22:00:00Z'), Date.parse('2026-03-22T22:00:00Z'));
  t.same(
    w.map((x) => x.week),
    ['2026-W10', '2026-W11', '2026-W12'],
    'from Monday 2 March 00:00 to Monday 23 March 00:00 Riga time: three full weeks',
  );
  t.same(weeksSpanned('UTC', 5, 5), []);
});
