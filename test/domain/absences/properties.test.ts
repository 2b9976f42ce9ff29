// The algebra of absences (CONTRACT §7), checked with fast-check.
import path from 'node:path';
import fc from 'fast-check';
import t from 'tap';
import { compileSchedule, parseDate } from '../../../src/calendar/index.js';
import { compliance, overlaps, rangeProblems, workingDays, MAX_ABSENCE_DAYS } from '../../../src/domain/absences/index.js';
import { loadMarkets } from '../../../src/markets/index.js';
import { everyDay24, spec } from '../../helpers/schedules.js';

const markets = await loadMarkets(path.resolve(import.meta.dirname, '../../../calendars'));
const FIRST = parseDate('2025-01-01')!;
const day = fc.integer({ min: FIRST, max: FIRST + 3 * 365 });
const span = fc.integer({ min: 0, max: 400 });
const runs = { numRuns: 300 };

for (const code of ['LV', 'EE', 'SA', 'PL']) {
  const schedule = markets.get(code)!.schedule;
  t.test(`${code}: workingDays is additive over adjacent ranges`, async (t) => {
    fc.assert(
      fc.property(day, span, span, (a, x, y) => {
        const m = a + x;
        const b = m + 1 + y;
        return workingDays(schedule, a, b) === workingDays(schedule, a, m) + workingDays(schedule, m + 1, b);
      }),
      runs,
    );
    t.pass();
  });
  t.test(`${code}: workingDays is never more than the calendar days, nor negative`, async (t) => {
    fc.assert(
      fc.property(day, span, (a, x) => {
        const n = workingDays(schedule, a, a + x);
        return n >= 0 && n <= x + 1;
      }),
      runs,
    );
    t.pass();
  });
}

t.test('in a calendar open every day, workingDays equals the calendar days', async (t) => {
  const always = compileSchedule(spec('Europe/Riga', everyDay24));
  fc.assert(fc.property(day, span, (a, x) => workingDays(always, a, a + x) === x + 1), runs);
  t.pass();
});

t.test('compliance is monotone: more notice or fewer working days never makes an absence non-compliant', async (t) => {
  const n = fc.integer({ min: 0, max: 400 });
  const policy = fc.record({ maxWorkingDaysWithoutNotice: fc.integer({ min: 0, max: 30 }), minNoticeDays: fc.integer({ min: 0, max: 365 }) });
  fc.assert(
    fc.property(n, n, n, policy, (wd, notice, more, p) => {
      const base = compliance(wd, notice, p).compliant;
      if (!base) return compliance(wd, notice, p).violation === 'late_notice';
      return compliance(wd, notice + more, p).compliant && compliance(Math.max(0, wd - more), notice, p).compliant;
    }),
    runs,
  );
  t.pass();
});

t.test('overlaps is symmetric and true exactly when the ranges share a day', async (t) => {
  const range = fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 10 })).map(([from, len]) => ({ from, to: from + len }));
  fc.assert(
    fc.property(range, range, (a, b) => {
      let shared = false;
      for (let x = a.from; x <= a.to; x++) if (x >= b.from && x <= b.to) shared = true;
      return overlaps(a, b) === overlaps(b, a) && overlaps(a, b) === shared;
    }),
    runs,
  );
  t.pass();
});

t.test('a range is accepted exactly when it starts today or later, ends on or after its start, and spans at most 365 days', async (t) => {
  const today = parseDate('2026-03-16')!;
  const near = fc.integer({ min: today - 5, max: today + 400 });
  fc.assert(
    fc.property(near, fc.integer({ min: -5, max: 400 }), (from, len) => {
      const ok = rangeProblems({ from, to: from + len }, today).length === 0;
      return ok === (from >= today && len >= 0 && len + 1 <= MAX_ABSENCE_DAYS);
    }),
    runs,
  );
  t.pass();
});
