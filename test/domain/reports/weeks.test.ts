// Market weeks in the market's time zone (issue 4.2: the weekly trend), from
// the market's first weekday, labelled with the ISO week of their Monday.
import fc from 'fast-check';
import t from 'tap';
import { weekOf, weekOfDay, weeksSpanned, type Week } from '../../../src/domain/reports/index.js';
import { formatDate, parseDate, weekStartOf, weekdayOf } from '../../../src/calendar/index.js';

const day = (d: string) => parseDate(d)!;
const iso = (d: string, week: string): Week => ({ week, monday: d, firstDay: d, lastDay: formatDate(day(d) + 6) });
const RIGA = { timeZone: 'Europe/Riga', weekStartsOn: 1 } as const;
const RIYADH = { timeZone: 'Asia/Riyadh', weekStartsOn: 0 } as const;

t.test('ISO weeks (from Monday) run Monday to Sunday and belong to the year of their Thursday', async (t) => {
  t.same(weekOfDay(day('2026-03-16'), 1), iso('2026-03-16', '2026-W12'), 'a Monday');
  t.same(weekOfDay(day('2026-03-22'), 1), iso('2026-03-16', '2026-W12'), 'its Sunday');
  t.same(weekOfDay(day('2026-01-01'), 1), iso('2025-12-29', '2026-W01'), 'Thursday 1 January: week 1');
  t.same(weekOfDay(day('2027-01-01'), 1), iso('2026-12-28', '2026-W53'), 'Friday 1 January 2027: last week of 2026 (a 53-week year)');
  t.same(weekOfDay(day('2024-12-30'), 1), iso('2024-12-30', '2025-W01'), 'Monday 30 December 2024: week 1 of 2025');
  t.same(weekOfDay(day('2021-01-03'), 1), iso('2020-12-28', '2020-W53'));
});

t.test('a week from Sunday (Saudi Arabia) runs Sunday to Saturday, labelled with the ISO week of its Monday', async (t) => {
  const w12 = { week: '2026-W12', monday: '2026-03-16', firstDay: '2026-03-15', lastDay: '2026-03-21' };
  t.same(weekOfDay(day('2026-03-15'), 0), w12, 'Sunday 15 March opens the week of Monday 16');
  t.same(weekOfDay(day('2026-03-21'), 0), w12, 'Saturday 21 March closes it');
  t.same(weekOfDay(day('2026-03-22'), 0).firstDay, '2026-03-22', 'Sunday 22 March opens the next');
  t.same(weekOfDay(day('2027-01-03'), 0), { week: '2027-W01', monday: '2027-01-04', firstDay: '2027-01-03', lastDay: '2027-01-09' }, 'across a year: the Monday’s ISO week');
  t.same(weekOfDay(day('2026-03-20'), 6), { week: '2026-W12', monday: '2026-03-16', firstDay: '2026-03-14', lastDay: '2026-03-20' }, 'from Saturday');
});

t.test('an instant belongs to the week of its local date in the market zone, not of its UTC date', async (t) => {
  const sundayNightUtc = Date.parse('2026-03-22T22:30:00Z'); // Monday 00:30 in Riga (UTC+2)
  t.equal(weekOf({ timeZone: 'UTC', weekStartsOn: 1 }, sundayNightUtc).week, '2026-W12');
  t.equal(weekOf(RIGA, sundayNightUtc).week, '2026-W13');
  t.equal(weekOf({ timeZone: 'America/Santiago', weekStartsOn: 1 }, Date.parse('2026-03-23T02:00:00Z')).week, '2026-W12', 'still Sunday evening in Santiago');
});

t.test('a request on a Sunday in Riyadh lands in the week starting that Sunday; on a Sunday in Riga, in the week of the Monday before', async (t) => {
  const riyadhSunday = Date.parse('2026-03-15T06:00:00Z'); // Sunday 09:00 in Riyadh, a working day
  t.same(weekOf(RIYADH, riyadhSunday), { week: '2026-W12', monday: '2026-03-16', firstDay: '2026-03-15', lastDay: '2026-03-21' });
  t.equal(weekOf(RIYADH, Date.parse('2026-03-14T21:00:00Z')).firstDay, '2026-03-15', 'midnight in Riyadh starts Sunday, and the week');
  t.equal(weekOf(RIYADH, Date.parse('2026-03-14T20:59:59Z')).firstDay, '2026-03-08', 'Saturday 23:59 still ends the week before');
  t.same(weekOf(RIGA, Date.parse('2026-03-15T08:00:00Z')), { week: '2026-W11', monday: '2026-03-09', firstDay: '2026-03-09', lastDay: '2026-03-15' });
});

t.test('the weeks spanned by a period [from, to) are listed in order, the end excluded', async (t) => {
  const w = weeksSpanned(RIGA, Date.parse('2026-03-01T22:00:00Z'), Date.parse('2026-03-22T22:00:00Z'));
  t.same(
    w.map((x) => x.week),
    ['2026-W10', '2026-W11', '2026-W12'],
    'from Monday 2 March 00:00 to Monday 23 March 00:00 Riga time: three full weeks',
  );
  t.same(weeksSpanned(RIGA, 5, 5), []);
  // Riyadh, Monday 2 March 00:00 to Monday 23 March 00:00: the Sundays 8, 15 and 22 March open weeks.
  t.same(
    weeksSpanned(RIYADH, Date.parse('2026-03-01T21:00:00Z'), Date.parse('2026-03-22T21:00:00Z')).map((x) => [x.week, x.firstDay]),
    [
      ['2026-W10', '2026-03-01'],
      ['2026-W11', '2026-03-08'],
      ['2026-W12', '2026-03-15'],
      ['2026-W13', '2026-03-22'],
    ],
  );
});

t.test('property: for any weekly schedule, its weeks tile the days without gaps or overlaps', async (t) => {
  // The start of a random schedule (closed weekdays at random): every weekday comes up.
  const start = fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }).map((closed) => weekStartOf(closed.map((c) => (c ? [] : [[480, 1200] as const]))));
  const someDay = fc.integer({ min: day('1990-01-01'), max: day('2090-12-31') });
  fc.assert(
    fc.property(start, someDay, fc.integer({ min: 1, max: 60 }), (s, first, count) => {
      let prev: Week | null = null;
      for (let d = first; d < first + count; d++) {
        const w = weekOfDay(d, s);
        const [a, b, m] = [day(w.firstDay), day(w.lastDay), day(w.monday)];
        if (!(a <= d && d <= b && b - a === 6 && weekdayOf(a) === s && a <= m && m <= b && weekdayOf(m) === 1)) return false;
        if (prev && prev.week !== w.week && !(day(w.firstDay) === day(prev.lastDay) + 1 && w.week > prev.week)) return false;
        if (prev && prev.week === w.week && prev.firstDay !== w.firstDay) return false;
        prev = w;
      }
      return true;
    }),
  );
  fc.assert(
    fc.property(start, someDay, fc.integer({ min: 0, max: 120 }), (s, first, count) => {
      const from = first * 86_400_000;
      const weeks = weeksSpanned({ timeZone: 'UTC', weekStartsOn: s }, from, from + count * 86_400_000);
      const covered = weeks.flatMap((w) => Array.from({ length: 7 }, (_, i) => day(w.firstDay) + i));
      const days = Array.from({ length: count }, (_, i) => first + i);
      // consecutive, no day twice, every day of the period in, and no week that misses the period
      return (
        covered.every((d, i) => i === 0 || d === covered[i - 1]! + 1) &&
        days.every((d) => covered.includes(d)) &&
        weeks.every((w) => days.some((d) => d >= day(w.firstDay) && d <= day(w.lastDay)))
      );
    }),
  );
});
