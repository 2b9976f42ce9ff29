// The shipped market files (their zones, date-holidays and exceptions), over
// the whole range of instants the service accepts: the compiled engine
// against the day-by-day reference, and explain against both.
import path from 'node:path';
import fc from 'fast-check';
import t from 'tap';
import { localDayOf, parseDate, referenceSchedule, wallToInstant } from '../../src/calendar/index.js';
import { loadMarkets } from '../../src/markets/index.js';

const markets = await loadMarkets(path.resolve(import.meta.dirname, '../../calendars'));
const instant = fc.oneof(
  fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) - 1 }),
  fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) }), // the years the exceptions cover
);
const minutes = fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 1_000_000 }));
const span = fc.integer({ min: 0, max: 3653 * 86_400_000 });
// Whole hours and counts of whole hours, so that starts and deadlines fall on interval bounds and local midnights.
const hourly = fc.oneof(instant, instant.map((x) => x - (x % 3_600_000)));
const explainMinutes = fc.oneof(fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 1, max: 300 }).map((h) => h * 60));

for (const m of markets.values()) {
  t.test(`${m.code}: the compiled engine agrees with the day-by-day reference`, async (t) => {
    const reference = referenceSchedule(m.spec);
    fc.assert(
      fc.property(instant, minutes, span, (start, mins, s) => {
        const due = m.schedule.due(start, mins);
        t.equal(due, reference.due(start, mins), `due(${new Date(start).toISOString()}, ${mins})`);
        t.equal(m.schedule.workingMinutes(start, due), mins);
        t.equal(m.schedule.workingMinutes(start, start + s), reference.workingMinutes(start, start + s), `${new Date(start).toISOString()} + ${s} ms`);
      }),
      { numRuns: 25 },
    );
  });

  t.test(`${m.code}: explain counts what due counts and skips exactly the closed days on the way`, async (t) => {
    const reference = referenceSchedule(m.spec);
    fc.assert(
      fc.property(hourly, explainMinutes, fc.option(fc.integer({ min: 1, max: 30 })), (start, random, days) => {
        // Either a count, or the working time to a local midnight some days on: a deadline at a day's 24:00.
        const toMidnight = days === null ? 0 : m.schedule.workingMinutes(start, wallToInstant(m.timeZone, localDayOf(m.timeZone, start) + days, 0));
        const mins = Number.isInteger(toMidnight) && toMidnight > 0 ? toMidnight : random;
        const e = m.schedule.explainDue(start, mins);
        if (e.truncated) return;
        t.equal(e.counted.reduce((ms, c) => ms + (c.to - c.from), 0), mins * 60_000, 'the counted intervals add up to the minutes');
        for (const c of e.counted) t.equal(reference.workingMinutes(c.from, c.to), c.minutes, 'a counted interval is all working time');
        const skipped = new Set(e.skipped.map((s) => s.date));
        const [first, last] = [localDayOf(m.timeZone, start), localDayOf(m.timeZone, e.due - 1)];
        t.ok(e.skipped.every((s) => parseDate(s.date)! >= first && parseDate(s.date)! <= last), 'no day outside the count is listed');
        for (let d = first; d <= last; d++) {
          const date = new Date(d * 86_400_000).toISOString().slice(0, 10);
          const closed = reference.workingMinutes(wallToInstant(m.timeZone, d, 0), wallToInstant(m.timeZone, d + 1, 0)) === 0;
          t.equal(skipped.has(date), closed, `${date} is listed as skipped exactly when it is closed`);
        }
      }),
      { numRuns: 40 },
    );
  });
}
