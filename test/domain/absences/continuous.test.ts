// An absence registered in pieces (POLICIES D): a new absence is judged with
// the live absences it adjoins, on the shipped market files (real weekends,
// holidays and exceptions), and its algebra is checked with fast-check.
import path from 'node:path';
import fc from 'fast-check';
import t from 'tap';
import { parseDate } from '../../../src/calendar/index.js';
import { continuousAbsence, continuousSpan, overlaps, workingDays, type AbsencePiece, type DayRange } from '../../../src/domain/absences/index.js';
import { loadMarkets, type Market } from '../../../src/markets/index.js';

const markets = await loadMarkets(path.resolve(import.meta.dirname, '../../../calendars'));
const market = (code: string): Market => markets.get(code)!;
const d = (s: string) => parseDate(s)!;
const range = (from: string, to: string): DayRange => ({ from: d(from), to: d(to) });

/** A registered piece: its days, its working days in the market, and the notice it was given. */
const registered = (code: string, from: string, to: string, noticeDays: number): AbsencePiece => ({
  ...range(from, to),
  workingDays: workingDays(market(code).schedule, d(from), d(to)),
  noticeDays,
});

t.test('two LV working weeks registered as two absences of five days make one of ten (the weekend between is closed)', async (t) => {
  const first = (notice: number) => registered('LV', '2026-05-11', '2026-05-15', notice); // Mon–Fri
  const second = (notice: number) => registered('LV', '2026-05-18', '2026-05-22', notice); // the next Mon–Fri
  const whole = { from: d('2026-05-11'), to: d('2026-05-22'), workingDays: 10 };
  t.same(continuousAbsence([first(20)], second(3), market('LV')), { ...whole, compliant: false, violation: 'late_notice' }, 'the new piece announced late');
  t.same(continuousAbsence([first(20)], second(14), market('LV')), { ...whole, compliant: true }, 'every piece two weeks ahead');
  t.same(continuousAbsence([first(7)], second(14), market('LV')), { ...whole, compliant: false, violation: 'late_notice' }, 'a short first piece announced a week ahead makes the long whole late');
  t.same(continuousAbsence([second(14)], first(7), market('LV')), continuousAbsence([first(7)], second(14), market('LV')), 'whichever piece is registered first');
});

t.test('a piece without a working day adds nothing to cover, and its notice is not judged', async (t) => {
  const sunday = registered('LV', '2026-05-17', '2026-05-17', 0);
  const weeks = registered('LV', '2026-05-18', '2026-05-29', 14);
  t.same(continuousAbsence([weeks], sunday, market('LV')), { from: d('2026-05-17'), to: d('2026-05-29'), workingDays: 10, compliant: true });
});

t.test('a working day between two absences keeps them apart', async (t) => {
  const first = registered('LV', '2026-05-11', '2026-05-14', 0); // Mon–Thu: Friday 15 is worked
  const second = registered('LV', '2026-05-18', '2026-05-22', 0);
  t.equal(continuousAbsence([first], second, market('LV')), null);
  t.same(continuousSpan([first], second, market('LV').schedule), range('2026-05-18', '2026-05-22'));
});

t.test("the market's own week and holidays decide what lies between", async (t) => {
  // SA works Sunday to Thursday: Thursday then the next Sunday are adjacent working days
  t.equal(continuousAbsence([registered('SA', '2026-06-07', '2026-06-11', 0)], registered('SA', '2026-06-14', '2026-06-15', 0), market('SA'))?.workingDays, 7);
  // the same dates in LV leave Friday 12 June between them, a working day
  t.equal(continuousAbsence([registered('LV', '2026-06-08', '2026-06-11', 0)], registered('LV', '2026-06-15', '2026-06-16', 0), market('LV')), null);
  // LV around Midsummer 2026: Mon 22 June is a transferred day off and 23-24 June are holidays,
  // so an absence to Fri 19 June and one from Thu 25 June are one absence
  const joined = continuousAbsence([registered('LV', '2026-06-15', '2026-06-19', 0)], registered('LV', '2026-06-25', '2026-06-26', 0), market('LV'));
  t.same(joined, { from: d('2026-06-15'), to: d('2026-06-26'), workingDays: 7, compliant: false, violation: 'late_notice' });
});

t.test('pieces chain: a new absence between two others joins both', async (t) => {
  const pieces = [registered('LV', '2026-05-04', '2026-05-08', 30), registered('LV', '2026-05-18', '2026-05-22', 30), registered('LV', '2026-06-01', '2026-06-05', 30)];
  const middle = registered('LV', '2026-05-11', '2026-05-15', 30);
  t.same(continuousSpan(pieces, middle, market('LV').schedule), range('2026-05-04', '2026-05-22'), 'the June piece is a working week away');
  t.same(continuousAbsence(pieces, middle, market('LV')), { ...range('2026-05-04', '2026-05-22'), workingDays: 14, compliant: true }, 'three weeks less Monday 4 May, a holiday in LV');
  t.match(continuousAbsence([...pieces.slice(0, 2), { ...pieces[2]!, noticeDays: 2 }], middle, market('LV')), { compliant: true }, 'a late piece outside the whole is not judged with it');
  t.match(continuousAbsence([{ ...pieces[0]!, noticeDays: 2 }, ...pieces.slice(1)], middle, market('LV')), { compliant: false, violation: 'late_notice' }, 'a late piece inside it is');
  t.same(continuousSpan(pieces, range('2026-05-25', '2026-05-29'), market('LV').schedule), range('2026-05-18', '2026-06-05'));
});

t.test('a short absence joined to short ones stays compliant while the whole is short', async (t) => {
  const joined = continuousAbsence([registered('LV', '2026-05-11', '2026-05-12', 0)], registered('LV', '2026-05-13', '2026-05-14', 0), market('LV'));
  t.same(joined, { from: d('2026-05-11'), to: d('2026-05-14'), workingDays: 4, compliant: true });
});

const FIRST = d('2026-01-01');
const piece = fc.tuple(fc.integer({ min: FIRST, max: FIRST + 2 * 365 }), fc.integer({ min: 0, max: 20 })).map(([from, n]): DayRange => ({ from, to: from + n }));
const runs = { numRuns: 200 };
/** Disjoint ranges close together (gaps of 1 to 4 days, so that many adjoin over weekends), and one of them as the candidate. */
const cluster = fc
  .tuple(
    fc.integer({ min: FIRST, max: FIRST + 2 * 365 }),
    fc.array(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 6 })), { minLength: 1, maxLength: 10 }),
    fc.nat(),
  )
  .map(([start, steps, pick]) => {
    const ranges: DayRange[] = [];
    let at = start;
    for (const [gap, length] of steps) {
      ranges.push({ from: at, to: at + length });
      at += length + 1 + gap;
    }
    const i = pick % ranges.length;
    return { candidate: ranges[i]!, existing: ranges.filter((_, k) => k !== i) };
  });

for (const code of ['LV', 'SA']) {
  const schedule = market(code).schedule;
  const disjoint = (ranges: DayRange[]) => ranges.filter((r, i) => ranges.slice(0, i).every((s) => !overlaps(r, s)));

  t.test(`${code}: the span holds the candidate, starts and ends on a piece, and has no working day outside the pieces`, async (t) => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), piece, (raw, candidate) => {
        const existing = disjoint(raw).filter((r) => !overlaps(r, candidate));
        const span = continuousSpan(existing, candidate, schedule);
        const inside = [candidate, ...existing.filter((r) => r.from >= span.from && r.to <= span.to)];
        const covered = inside.reduce((n, r) => n + workingDays(schedule, r.from, r.to), 0);
        return (
          span.from <= candidate.from &&
          span.to >= candidate.to &&
          inside.some((r) => r.from === span.from) &&
          inside.some((r) => r.to === span.to) &&
          existing.every((r) => r.to < span.from || r.from > span.to || (r.from >= span.from && r.to <= span.to)) &&
          workingDays(schedule, span.from, span.to) === covered
        );
      }),
      runs,
    );
    t.pass();
  });

  t.test(`${code}: the span is the closure by hand: grow by any range with no working day between, until none is left`, async (t) => {
    const closedBetween = (a: DayRange, b: DayRange) => {
      const [x, y] = a.from <= b.from ? [a, b] : [b, a];
      return y.from <= x.to + 1 || workingDays(schedule, x.to + 1, y.from - 1) === 0;
    };
    fc.assert(
      fc.property(fc.oneof(cluster, fc.tuple(fc.array(piece, { maxLength: 8 }), piece).map(([raw, candidate]) => ({ candidate, existing: disjoint(raw).filter((r) => !overlaps(r, candidate)) }))), ({ candidate, existing }) => {
        let span = candidate;
        for (let grown = true; grown; ) {
          grown = false;
          for (const r of existing) {
            if ((r.from < span.from || r.to > span.to) && closedBetween(span, r)) {
              span = { from: Math.min(span.from, r.from), to: Math.max(span.to, r.to) };
              grown = true;
            }
          }
        }
        const fast = continuousSpan(existing, candidate, schedule);
        return fast.from === span.from && fast.to === span.to;
      }),
      runs,
    );
    t.pass();
  });

  t.test(`${code}: the span does not depend on the order of the existing absences, and is its own fixed point`, async (t) => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), piece, (raw, candidate) => {
        const existing = disjoint(raw).filter((r) => !overlaps(r, candidate));
        const span = continuousSpan(existing, candidate, schedule);
        const again = continuousSpan([...existing].reverse(), candidate, schedule);
        const fixed = continuousSpan(existing, span, schedule);
        return again.from === span.from && again.to === span.to && fixed.from === span.from && fixed.to === span.to;
      }),
      runs,
    );
    t.pass();
  });
}

t.test('LV and SA: a whole is judged the same whichever of its pieces is registered last', async (t) => {
  for (const code of ['LV', 'SA']) {
    const m = market(code);
    fc.assert(
      fc.property(cluster, fc.array(fc.integer({ min: -2, max: 30 }), { minLength: 11, maxLength: 11 }), ({ candidate, existing }, notices) => {
        const pieces = [candidate, ...existing].map((r, i): AbsencePiece => ({ ...r, workingDays: workingDays(m.schedule, r.from, r.to), noticeDays: notices[i]! }));
        const judged = new Map<string, boolean>();
        for (const [i, p] of pieces.entries()) {
          const whole = continuousAbsence(pieces.filter((_, k) => k !== i), p, m);
          if (!whole) continue;
          const key = `${whole.from}-${whole.to}`;
          if (judged.has(key) && judged.get(key) !== whole.compliant) return false;
          judged.set(key, whole.compliant);
        }
        return true;
      }),
      runs,
    );
  }
  t.pass();
});
