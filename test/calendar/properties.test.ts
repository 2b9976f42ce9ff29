// The algebra of CONTRACT §2, checked with fast-check on several kinds of
// schedule, and the compiled engine checked against the day-by-day reference.
import fc from 'fast-check';
import t from 'tap';
import { compileSchedule, referenceSchedule, type ScheduleSpec } from '../../src/calendar/index.js';
import { at, spec, sunToThu, weekdays24 } from '../helpers/schedules.js';

const split: [string, string][] = [['00:00', '01:00'], ['01:30', '03:00'], ['08:00', '12:00'], ['13:00', '17:00'], ['22:00', '24:00']];
const SPECS: Record<string, ScheduleSpec> = {
  'Riga weekdays with holidays and exceptions': spec('Europe/Riga', weekdays24, {
    holidays: [
      { date: '2026-05-04', name: 'h1' },
      { date: '2026-06-23', name: 'h2' },
      { date: '2026-06-24', name: 'h3' },
      { date: '2027-12-24', name: 'h4' },
    ],
    exceptions: [
      { date: '2026-05-09', hours: [['00:00', '24:00']], name: 'open Saturday' },
      { date: '2026-06-24', hours: [['10:00', '12:00']], name: 'short holiday' },
      { date: '2027-03-03', hours: [], name: 'closed Wednesday' },
    ],
  }),
  'Riyadh Sunday–Thursday 08–20': spec('Asia/Riyadh', sunToThu),
  'Lord Howe split and overnight, every day': spec('Australia/Lord_Howe', { sun: split, mon: split, tue: split, wed: split, thu: split, fri: split, sat: split }),
  'Santiago Monday–Saturday with a break': spec('America/Santiago', {
    mon: [['08:00', '12:00'], ['13:00', '24:00']],
    tue: [['00:00', '24:00']],
    wed: [['08:00', '12:00']],
    thu: [['08:00', '12:00']],
    fri: [['08:00', '24:00']],
    sat: [['00:00', '02:00']],
  }),
  'Riga hours around the clock changes (overlapping once mapped)': spec('Europe/Riga', {
    sun: [['00:30', '03:00'], ['03:00', '03:30'], ['03:50', '04:05'], ['04:10', '05:00'], ['23:00', '24:00']],
    mon: [['00:00', '01:00']],
    sat: [['02:59', '04:01']],
  }),
  'Cairo Sunday–Thursday 09–17': spec('Africa/Cairo', { sun: [['09:00', '17:00']], mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']] }),
};

const instant = fc.integer({ min: at('2024-01-01T00:00:00Z'), max: at('2029-12-31T00:00:00Z') });
const minutes = fc.integer({ min: 0, max: 30_000 });
const runs = { numRuns: 200 };

for (const [name, s] of Object.entries(SPECS)) {
  t.test(name, async (t) => {
    const engine = compileSchedule(s);
    const reference = referenceSchedule(s);

    t.test('workingMinutes(s, due(s, m)) = m', async (t) => {
      fc.assert(fc.property(instant, minutes, (start, m) => engine.workingMinutes(start, engine.due(start, m)) === m), runs);
      t.pass();
    });
    t.test('due is monotonic in m', async (t) => {
      fc.assert(
        fc.property(instant, minutes, minutes, (start, a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          return engine.due(start, lo) <= engine.due(start, hi);
        }),
        runs,
      );
      t.pass();
    });
    t.test('due(due(s, a), b) = due(s, a + b)', async (t) => {
      fc.assert(fc.property(instant, minutes, minutes, (start, a, b) => engine.due(engine.due(start, a), b) === engine.due(start, a + b)), runs);
      t.pass();
    });
    t.test('workingMinutes is additive over adjacent ranges', async (t) => {
      fc.assert(
        fc.property(fc.array(instant, { minLength: 3, maxLength: 3 }), (xs) => {
          const [a, b, c] = xs.sort((x, y) => x - y) as [number, number, number];
          return Math.abs(engine.workingMinutes(a, b) + engine.workingMinutes(b, c) - engine.workingMinutes(a, c)) < 1e-6;
        }),
        runs,
      );
      t.pass();
    });
    t.test('the compiled engine agrees with the day-by-day reference', async (t) => {
      fc.assert(
        fc.property(instant, minutes, instant, (start, m, other) => {
          const [from, to] = start <= other ? [start, other] : [other, start];
          return engine.due(start, m) === reference.due(start, m) && engine.workingMinutes(from, to) === reference.workingMinutes(from, to);
        }),
        { numRuns: 100 },
      );
      t.pass();
    });
  });
}
