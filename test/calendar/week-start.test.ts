// A market's first day of the week, from its weekly hours: the day after its
// longest run of closed weekdays (README: "each market in its own time zone and week").
import path from 'node:path';
import fc from 'fast-check';
import t from 'tap';
import { weekStartOf, type WallInterval } from '../../src/calendar/index.js';
import { loadMarkets } from '../../src/markets/index.js';

const OPEN: readonly WallInterval[] = [[480, 1200]];
/** Weekly hours from the closed weekdays (0 = Sunday … 6 = Saturday). */
const closedOn = (...days: number[]) => [0, 1, 2, 3, 4, 5, 6].map((d) => (days.includes(d) ? [] : OPEN));

t.test('the day after the weekend: Saturday–Sunday off starts on Monday, Friday–Saturday off on Sunday', async (t) => {
  t.equal(weekStartOf(closedOn(6, 0)), 1, 'LV, EE: closed Saturday and Sunday');
  t.equal(weekStartOf(closedOn(5, 6)), 0, 'SA: closed Friday and Saturday');
  t.equal(weekStartOf(closedOn(0)), 1, 'closed Sunday only');
  t.equal(weekStartOf(closedOn(5)), 6, 'closed Friday only');
  t.equal(weekStartOf(closedOn(4, 5, 6)), 0, 'closed Thursday to Saturday');
  t.equal(weekStartOf(closedOn()), 1, 'no closed weekday: Monday (the ISO week)');
  t.equal(weekStartOf(closedOn(0, 1, 2, 3, 4, 5, 6)), 1, 'none open: Monday');
});

t.test('the longest run of closed days wins; a tie goes to the run followed by Monday, then to the earliest day from Monday', async (t) => {
  t.equal(weekStartOf(closedOn(3, 5, 6)), 0, 'Friday–Saturday outruns Wednesday');
  t.equal(weekStartOf(closedOn(0, 3)), 1, 'Sunday and Wednesday alone: the one followed by Monday');
  t.equal(weekStartOf(closedOn(2, 5)), 3, 'Tuesday and Friday alone: Wednesday comes before Saturday from Monday');
  t.equal(weekStartOf(closedOn(5, 6, 1, 2)), 3, 'Friday–Saturday and Monday–Tuesday: Wednesday comes before Sunday from Monday');
});

t.test('the shipped markets: Sunday for Saudi Arabia and Egypt, Monday for the others', async (t) => {
  const markets = await loadMarkets(path.resolve(import.meta.dirname, '../../calendars'));
  t.same(Object.fromEntries([...markets.values()].map((m) => [m.code, m.weekStartsOn])), { AE: 1, EE: 1, EG: 0, LT: 1, LV: 1, PL: 1, SA: 0 });
});

t.test('property: the start is an open day after a closed one, after a longest closed run, unless no day is closed or all are', async (t) => {
  fc.assert(
    fc.property(fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }), (closed) => {
      const start = weekStartOf(closed.map((c) => (c ? [] : OPEN)));
      const closedCount = closed.filter(Boolean).length;
      if (closedCount === 0 || closedCount === 7) return start === 1;
      const runBefore = (d: number) => {
        let n = 0;
        while (n < 7 && closed[(((d - 1 - n) % 7) + 7) % 7]) n++;
        return n;
      };
      const longest = Math.max(...[0, 1, 2, 3, 4, 5, 6].filter((d) => !closed[d]).map(runBefore));
      return !closed[start] && runBefore(start) >= 1 && runBefore(start) === longest;
    }),
  );
});
