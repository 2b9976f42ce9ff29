// Reply figures (issue 4.1, 4.2): on-time rate, median and 90th percentile of
// reply times, waived obligations counted apart.
import fc from 'fast-check';
import t from 'tap';
import { onTimeRate, percentile, replyFigures, type ObligationFact } from '../../../src/domain/reports/index.js';

t.test('the on-time rate is met / (met + late + breached), and null when nothing was decided', async (t) => {
  t.equal(onTimeRate(3, 1, 0), 0.75);
  t.equal(onTimeRate(0, 2, 2), 0);
  t.equal(onTimeRate(0, 0, 0), null);
});

t.test('percentiles interpolate linearly between closest ranks (PostgreSQL percentile_cont)', async (t) => {
  t.equal(percentile([], 0.5), null);
  t.equal(percentile([7], 0.9), 7);
  t.equal(percentile([10, 20, 30, 40], 0.5), 25, 'even count: halfway between the middle two');
  t.equal(percentile([10, 20, 30], 0.5), 20);
  // 0.9 × (10 − 1) = 8.1: 90% of the way from the 9th to the 10th value, plus a tenth.
  t.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 100], 0.9), 18.1);
});

t.test('an interpolated percentile shows no floating-point noise (to a millionth of a minute)', async (t) => {
  // 1000 + 131 × 0.1 is 1013.0999999999999 in binary floating point.
  t.equal(percentile([...Array(9).fill(1000), 1131], 0.9), 1013.1);
  t.equal(percentile([0, 1 / 3], 0.5), 0.166667, 'a third of a minute halved, to a millionth');
});

t.test('a percentile lies between the least and greatest value and grows with p', async (t) => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (xs, p, q) => {
      const s = [...xs].sort((a, b) => a - b);
      const a = percentile(s, Math.min(p, q))!;
      const b = percentile(s, Math.max(p, q))!;
      return s[0]! <= a && a <= b + 1e-9 && b <= s[s.length - 1]!;
    }),
  );
  t.pass('held for 100 random samples');
});

t.test('waived and cancelled obligations are counted apart: never in the rate nor in reply times', async (t) => {
  const facts: ObligationFact[] = [
    { state: 'met', responseMinutes: 60 },
    { state: 'late', responseMinutes: 1500 },
    { state: 'breached', responseMinutes: null },
    { state: 'waived', responseMinutes: null },
    { state: 'waived', responseMinutes: null },
    { state: 'cancelled', responseMinutes: null },
    { state: 'pending', responseMinutes: null },
  ];
  t.same(replyFigures(facts), {
    obligations: 7,
    met: 1,
    late: 1,
    breached: 1,
    waived: 2,
    cancelled: 1,
    pending: 1,
    onTimeRate: 1 / 3,
    medianResponseMinutes: 780,
    p90ResponseMinutes: 60 + 0.9 * 1440,
  });
});

t.test('the counts by state always add up to the obligations', async (t) => {
  const state = fc.constantFrom('pending', 'met', 'late', 'breached', 'cancelled', 'waived' as const);
  fc.assert(
    fc.property(fc.array(fc.record({ state, responseMinutes: fc.option(fc.nat(5000)) })), (facts) => {
      const f = replyFigures(facts as ObligationFact[]);
      return f.met + f.late + f.breached + f.waived + f.cancelled + f.pending === f.obligations && f.obligations === facts.length;
    }),
  );
  t.pass('held for 100 random samples');
});
